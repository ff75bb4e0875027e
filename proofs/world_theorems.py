"""The world-state formalization's theorems: agreement and accuracy give inner alignment.

Stated over uninterpreted functions (DESIGN.md §5, :mod:`spec.world`): machines and
world states are the uninterpreted sorts ``TM`` and ``W``; ``Env`` and the world model
``M`` are functions ``TM -> W``; ``u`` and ``v`` are functions ``W -> Real`` and
``dom_v : W -> Bool`` is ``v``'s domain. So ``U = u ∘ Env``, ``U_m = v ∘ M`` and
``dom(U_m) = {t : dom_v(M(t))}``. The theorems hold for every environment, model
and objective, not up to a bound.

Main definitions:

- :func:`objective_agreement` -- ``forall t in dom(U_m): v(M t) = u(M t)``;
- :func:`model_accuracy` -- ``forall t in dom(U_m): M t = Env t``;
- :func:`inner_alignment` -- the post's ``forall t in dom(U_m): U(t) = U_m(t)``;
- :data:`WORLD_THEOREMS`.

Main results: agreement and accuracy imply inner alignment (valid); each alone does
not, and neither is necessary (satisfiable: witnesses). ``tests/test_world.py``
rebuilds each witness as concrete :mod:`spec.world` objects.
"""

from __future__ import annotations

from typing import Any

import z3

from proofs.taxonomy_theorems import TM_SORT, Term, real_function
from proofs.theorem import Theorem

W_SORT = z3.DeclareSort("W")
"""World states, as an uninterpreted sort."""

ENVIRONMENT = z3.Function("Env", TM_SORT, W_SORT)
WORLD_MODEL = z3.Function("M", TM_SORT, W_SORT)
UTILITY = z3.Function("u", W_SORT, z3.RealSort())
MESA_UTILITY = z3.Function("v", W_SORT, z3.RealSort())
MESA_UTILITY_DEFINED = z3.Function("dom_v", W_SORT, z3.BoolSort())
WITNESS = z3.Const("t_witness", TM_SORT)
"""The machine on which a witness shows the failure (or the difference)."""


def base_objective(t: Term) -> Term:
    """Return ``U(t) = u(Env(t))``."""
    return UTILITY(ENVIRONMENT(t))


def mesa_defined(t: Term) -> Term:
    """Return ``t in dom(U_m)``, i.e. ``M(t) in dom(v)``."""
    return MESA_UTILITY_DEFINED(WORLD_MODEL(t))


def mesa_objective(t: Term) -> Term:
    """Return ``U_m(t) = v(M(t))``."""
    return MESA_UTILITY(WORLD_MODEL(t))


def on_domain(body: Any, name: str) -> Term:
    """Return ``forall t. t in dom(U_m) -> body(t)``."""
    t = z3.Const(name, TM_SORT)
    return z3.ForAll([t], z3.Implies(mesa_defined(t), body(t)))


def objective_agreement() -> Term:
    """Return ``v = u`` on ``M(dom(U_m))``."""
    return on_domain(lambda t: mesa_objective(t) == UTILITY(WORLD_MODEL(t)), "t_agree")


def model_accuracy() -> Term:
    """Return ``M = Env`` on ``dom(U_m)``."""
    return on_domain(lambda t: WORLD_MODEL(t) == ENVIRONMENT(t), "t_accurate")


def inner_alignment() -> Term:
    """Return the post's inner alignment, ``U = U_m`` on ``dom(U_m)``."""
    return on_domain(lambda t: base_objective(t) == mesa_objective(t), "t_inner")


def misaligned_at_witness() -> Term:
    """Return ``t_witness in dom(U_m)`` and ``U(t_witness) != U_m(t_witness)``."""
    return z3.And(mesa_defined(WITNESS), base_objective(WITNESS) != mesa_objective(WITNESS))


def agreement_and_accuracy_imply_inner_alignment() -> Term:
    return z3.Implies(z3.And(objective_agreement(), model_accuracy()), inner_alignment())


def objective_agreement_alone_does_not_imply_inner_alignment() -> Term:
    return z3.And(objective_agreement(), misaligned_at_witness())


def model_accuracy_alone_does_not_imply_inner_alignment() -> Term:
    return z3.And(model_accuracy(), misaligned_at_witness())


def model_accuracy_is_not_necessary_for_inner_alignment() -> Term:
    return z3.And(
        objective_agreement(),
        inner_alignment(),
        mesa_defined(WITNESS),
        WORLD_MODEL(WITNESS) != ENVIRONMENT(WITNESS),
    )


def objective_agreement_is_not_necessary_for_inner_alignment() -> Term:
    return z3.And(
        inner_alignment(),
        mesa_defined(WITNESS),
        mesa_objective(WITNESS) != UTILITY(WORLD_MODEL(WITNESS)),
    )


def world_inner_alignment_is_the_posts_inner_alignment() -> Term:
    # U and U_m as functions on machines: the composite objectives satisfy the post's
    # definition exactly when the world-level statement holds (a sanity check of the
    # encoding against proofs.taxonomy_theorems.inner_aligned).
    base, mesa = real_function("U"), real_function("U_m")
    dom = z3.Function("dom_U_m", TM_SORT, z3.BoolSort())
    t = z3.Const("t_compose", TM_SORT)
    composed = z3.ForAll(
        [t],
        z3.And(
            base(t) == base_objective(t),
            mesa(t) == mesa_objective(t),
            dom(t) == mesa_defined(t),
        ),
    )
    s = z3.Const("t_post", TM_SORT)
    posts = z3.ForAll([s], z3.Implies(dom(s), base(s) == mesa(s)))
    return z3.Implies(composed, posts == inner_alignment())


WORLD_THEOREMS: list[Theorem] = [
    Theorem(
        "agreement_and_accuracy_imply_inner_alignment",
        "If v = u on M_m(dom(U_m)) and M_m = Env on dom(U_m), then U = U_m on "
        "dom(U_m), where U = u ∘ Env and U_m = v ∘ M_m.",
        "valid",
        agreement_and_accuracy_imply_inner_alignment,
        "DESIGN.md §5; the post's second formalization",
    ),
    Theorem(
        "objective_agreement_alone_does_not_imply_inner_alignment",
        "A mesa-optimizer whose v equals u on every state it predicts, with an "
        "inaccurate world model, can have U ≠ U_m on dom(U_m).",
        "satisfiable",
        objective_agreement_alone_does_not_imply_inner_alignment,
        "DESIGN.md §5; Risks from Learned Optimization §3.1",
    ),
    Theorem(
        "model_accuracy_alone_does_not_imply_inner_alignment",
        "A mesa-optimizer with an accurate world model and v ≠ u can have U ≠ U_m on dom(U_m).",
        "satisfiable",
        model_accuracy_alone_does_not_imply_inner_alignment,
        "DESIGN.md §5; Risks from Learned Optimization §1.2",
    ),
    Theorem(
        "model_accuracy_is_not_necessary_for_inner_alignment",
        "A mesa-optimizer can be inner aligned, with v = u on its states, while its "
        "world model is wrong on a machine in dom(U_m).",
        "satisfiable",
        model_accuracy_is_not_necessary_for_inner_alignment,
        "DESIGN.md §5",
    ),
    Theorem(
        "objective_agreement_is_not_necessary_for_inner_alignment",
        "A mesa-optimizer can be inner aligned while v ≠ u on a state its model "
        "predicts: model error and objective error can cancel.",
        "satisfiable",
        objective_agreement_is_not_necessary_for_inner_alignment,
        "DESIGN.md §5",
    ),
    Theorem(
        "world_inner_alignment_is_the_posts_inner_alignment",
        "With U = u ∘ Env and U_m = v ∘ M_m, the world-level statement of inner "
        "alignment is the post's U = U_m on dom(U_m).",
        "valid",
        world_inner_alignment_is_the_posts_inner_alignment,
        "the post; DESIGN.md §4, §5",
    ),
]
"""The world-state theorems."""
