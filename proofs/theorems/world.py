"""Theorems of mesaform's own world-state formalization: agreement and accuracy give inner
alignment.

The post promises a second formalization with objectives on world states but its copy
keeps only the first; this one is mesaform's own (docs/semantics.md#world-states,
:mod:`mesaform.spec.world`). Machines and world states are the uninterpreted sorts ``TM`` and
``W``; ``Env`` and the world model ``M`` are functions ``TM -> W``; ``u`` and ``v`` are
functions ``W -> Real`` and ``dom_v : W -> Bool`` is ``v``'s domain. So ``U = u ∘ Env``,
``U_m = v ∘ M`` and ``dom(U_m) = {t : dom_v(M(t))}``. Each statement is built from the
Z3 forms of :mod:`mesaform.proofs.symbolic.z3_forms` and holds for every environment, model and
objective.

Main definitions: :data:`WORLD_THEOREMS`.

Main results: agreement and accuracy imply inner alignment; each alone does not, and
neither is necessary (countermodels). ``tests/test_world.py`` rebuilds each witness as
concrete :mod:`mesaform.spec.world` objects.
"""

from __future__ import annotations

from mesaform.proofs.symbolic import z3_forms as f
from mesaform.proofs.symbolic.z3_forms import Partial, WorldMesa
from mesaform.proofs.symbolic.z3_typed import (
    Bool,
    Function,
    Machine,
    Real,
    World,
    conj,
    forall,
    iff,
    implies,
)
from mesaform.proofs.theorems.theorem import Theorem, witness_scope

OWN = "mesaform's own formalization (docs/semantics.md#world-states)"
EVERY_WORLD = (
    "every environment Env, world model M, utility u and partial v (machines and world "
    "states: uninterpreted sorts)"
)

ENVIRONMENT = Function("Env", Machine, World)
WORLD_MODEL = Function("M", Machine, World)
UTILITY = Function("u", World, Real)
MESA_UTILITY = Function("v", World, Real)
MESA_UTILITY_DEFINED = Function("dom_v", World, Bool)
OPTIMIZER = WorldMesa(WORLD_MODEL, MESA_UTILITY, MESA_UTILITY_DEFINED)
WITNESS_NAME = "t_witness"


def base_objective() -> f.Objective:
    """Return ``U = u ∘ Env``."""
    return f.base_objective_through(UTILITY, ENVIRONMENT)


def inner_alignment() -> Bool:
    """Return the post's inner alignment of ``U = u ∘ Env`` and ``U_m = v ∘ M``."""
    return f.inner_aligned_on(base_objective(), OPTIMIZER.mesa_objective())


def misaligned_at_witness() -> Bool:
    """Return ``t_witness in dom(U_m)`` and ``U(t_witness) != U_m(t_witness)``."""
    witness, mesa = Machine.const(WITNESS_NAME), OPTIMIZER.mesa_objective()
    return conj(mesa.defined(witness), base_objective()(witness).ne(mesa.value(witness)))


def agreement_and_accuracy_imply_inner_alignment() -> Bool:
    return implies(
        conj(
            f.objective_agreement_on(UTILITY, OPTIMIZER),
            f.model_accurate_on(ENVIRONMENT, OPTIMIZER),
        ),
        inner_alignment(),
    )


def objective_agreement_alone_does_not_imply_inner_alignment() -> Bool:
    return conj(f.objective_agreement_on(UTILITY, OPTIMIZER), misaligned_at_witness())


def model_accuracy_alone_does_not_imply_inner_alignment() -> Bool:
    return conj(f.model_accurate_on(ENVIRONMENT, OPTIMIZER), misaligned_at_witness())


def model_accuracy_is_not_necessary_for_inner_alignment() -> Bool:
    witness = Machine.const(WITNESS_NAME)
    return conj(
        f.objective_agreement_on(UTILITY, OPTIMIZER),
        inner_alignment(),
        OPTIMIZER.mesa_objective().defined(witness),
        WORLD_MODEL(witness).ne(ENVIRONMENT(witness)),
    )


def objective_agreement_is_not_necessary_for_inner_alignment() -> Bool:
    witness = Machine.const(WITNESS_NAME)
    state = WORLD_MODEL(witness)
    return conj(
        inner_alignment(),
        MESA_UTILITY_DEFINED(state),
        MESA_UTILITY(state).ne(UTILITY(state)),
    )


def world_inner_alignment_is_the_posts_inner_alignment() -> Bool:
    # U and U_m as uninterpreted functions on machines, equal to the composites: the
    # post's definition on them is the world-level statement
    base, mesa = f.real_function("U"), Partial.named("U_m")
    composed = forall(
        Machine,
        "t",
        lambda t: conj(
            base(t).eq(UTILITY(ENVIRONMENT(t))),
            mesa.value(t).eq(MESA_UTILITY(WORLD_MODEL(t))),
            iff(mesa.defined(t), MESA_UTILITY_DEFINED(WORLD_MODEL(t))),
        ),
    )
    return implies(composed, iff(f.inner_aligned_on(base, mesa), inner_alignment()))


WITNESS = witness_scope("one machine on which the statement fails")

WORLD_THEOREMS: list[Theorem] = [
    Theorem(
        "agreement_and_accuracy_imply_inner_alignment",
        "If v = u on M(dom(U_m)) and M = Env on dom(U_m), then U = U_m on "
        "dom(U_m), where U = u ∘ Env and U_m = v ∘ M.",
        "theorem",
        agreement_and_accuracy_imply_inner_alignment,
        OWN,
        EVERY_WORLD,
    ),
    Theorem(
        "objective_agreement_alone_does_not_imply_inner_alignment",
        "A mesa-optimizer whose v equals u on every state it predicts, with an "
        "inaccurate world model, can have U ≠ U_m on dom(U_m).",
        "countermodel",
        objective_agreement_alone_does_not_imply_inner_alignment,
        f"{OWN}; Risks from Learned Optimization §3.1",
        WITNESS,
    ),
    Theorem(
        "model_accuracy_alone_does_not_imply_inner_alignment",
        "A mesa-optimizer with an accurate world model and v ≠ u can have U ≠ U_m on dom(U_m).",
        "countermodel",
        model_accuracy_alone_does_not_imply_inner_alignment,
        f"{OWN}; Risks from Learned Optimization §1.2",
        WITNESS,
    ),
    Theorem(
        "model_accuracy_is_not_necessary_for_inner_alignment",
        "A mesa-optimizer can be inner aligned, with v = u on its states, while its "
        "world model is wrong on a machine in dom(U_m).",
        "countermodel",
        model_accuracy_is_not_necessary_for_inner_alignment,
        OWN,
        WITNESS,
    ),
    Theorem(
        "objective_agreement_is_not_necessary_for_inner_alignment",
        "A mesa-optimizer can be inner aligned while v ≠ u on a state its model "
        "predicts: model error and objective error can cancel.",
        "countermodel",
        objective_agreement_is_not_necessary_for_inner_alignment,
        OWN,
        WITNESS,
    ),
    Theorem(
        "world_inner_alignment_is_the_posts_inner_alignment",
        "With U = u ∘ Env and U_m = v ∘ M, the world-level statement of inner "
        "alignment is the post's U = U_m on dom(U_m).",
        "unfolding",
        world_inner_alignment_is_the_posts_inner_alignment,
        f"the post; {OWN}; docs/semantics.md#alignment",
        EVERY_WORLD,
    ),
]
"""The world-state theorems (mesaform's own)."""
