"""The taxonomy theorems: each decided with Z3 here, each witness rebuilt concretely.

For a theorem or unfolding, ``Not(formula)`` must be unsat; for a countermodel,
``formula`` must be sat. Every witness is then turned into concrete objects --
machines named by distinct bitstrings, objectives as ``Fraction`` tables -- and the
predicates of :mod:`mesaform.spec.taxonomy` and :mod:`mesaform.spec.taxonomy_agents` must say what
the theorem says. This ties the Z3 statements to the Python definitions.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

import pytest
import z3

from mesaform.proofs.symbolic import z3_forms as f
from mesaform.proofs.symbolic.z3_forms import Candidates, Family, Partial
from mesaform.proofs.symbolic.z3_typed import TM_SORT, Bool, Machine, Real
from mesaform.proofs.theorems import taxonomy as tt
from mesaform.proofs.theorems.theorem import Theorem
from mesaform.spec.alignment import approximately_aligned_on, inner_aligned_on
from mesaform.spec.machines import TM
from mesaform.spec.objectives import Objective, PartialObjective
from mesaform.spec.taxonomy import (
    CandidateSet,
    acts_base_optimally,
    base_best_indices,
    increases_with,
    inner_aligned_on_choices,
    is_behavioral_objective_of,
    mesa_argmax_within_base_argmax,
    mesa_choice,
    optimizer_behaviour,
    outer_aligned_on,
    pseudo_aligned,
    robustly_aligned,
)
from mesaform.spec.taxonomy import (
    Family as FamilyOfSets,
)
from mesaform.spec.taxonomy_agents import (
    CorrigibleMesaOptimizer,
    DeceptiveMesaOptimizer,
    corrigibly_aligned,
    deceptively_aligned,
    internally_aligned,
    limited_choice,
    suboptimality_aligned,
)
from tests.theorem_helpers import decide

THEOREMS = {theorem.name: theorem for theorem in tt.TAXONOMY_THEOREMS}


class Concrete:
    """A Z3 model read back as machines (distinct bitstrings) and Fraction objectives."""

    def __init__(self, model: Any) -> None:
        self.model = model
        universe = model.get_universe(TM_SORT) or []
        self.element_of: dict[TM, Any] = {}
        self.machine_of: dict[str, TM] = {}
        for index, element in enumerate(universe):
            machine = TM(bin(index + 2)[3:])  # "", "0", "1", "00", ...: all distinct
            self.element_of[machine] = element
            self.machine_of[str(element)] = machine

    @property
    def machines(self) -> tuple[TM, ...]:
        return tuple(self.element_of)

    def machine(self, constant: Machine) -> TM:
        return self.machine_of[str(self.model.eval(constant.raw, model_completion=True))]

    def candidates(self, sequence: Candidates) -> CandidateSet:
        assert sequence.listed is not None
        return tuple(self.machine(c) for c in sequence.listed)

    def family(self, family: Family) -> FamilyOfSets:
        assert family.listed is not None
        return tuple(self.candidates(c) for c in family.listed)

    def real(self, term: Real) -> Fraction:
        value = self.model.eval(term.raw, model_completion=True)
        return Fraction(value.as_fraction())

    def boolean(self, term: Bool) -> bool:
        return bool(z3.is_true(self.model.eval(term.raw, model_completion=True)))

    def objective(self, function: Any, name: str) -> Objective:
        table = {t: self.real(function(Machine(e))) for t, e in self.element_of.items()}
        return Objective(name, table.__getitem__)

    def partial(self, terms: Partial, name: str) -> PartialObjective:
        domain = {t for t, e in self.element_of.items() if self.boolean(terms.defined(Machine(e)))}
        table = {t: self.real(terms.value(Machine(e))) for t, e in self.element_of.items()}
        return PartialObjective(name, domain.__contains__, table.__getitem__)


def test_there_are_theorems_and_countermodels() -> None:
    kinds = [theorem.kind for theorem in tt.TAXONOMY_THEOREMS]
    assert len(kinds) >= 10
    assert kinds.count("theorem") >= 5 and kinds.count("countermodel") >= 5
    assert len(THEOREMS) == len(kinds), "theorem names are unique"


@pytest.mark.parametrize("theorem", tt.TAXONOMY_THEOREMS, ids=lambda theorem: theorem.name)
def test_theorem_is_proved_as_stated(theorem: Theorem) -> None:
    assert theorem.statement
    assert any(
        cited in theorem.source
        for cited in ("Risks from Learned Optimization", "the post", "docs/semantics.md#")
    )
    answer, _model = decide(theorem)
    assert answer == (z3.unsat if theorem.obligation == "valid" else z3.sat)


def test_weakening_a_valid_theorem_gives_a_countermodel() -> None:
    # dropping the hypothesis C ⊆ dom(U_m) makes the inner-alignment theorem false
    formula = z3.Implies(
        f.inner_aligned_on(tt.U, tt.MESA).raw,
        f.acts_base_optimally(tt.U, f.optimizer(tt.MESA), tt.listed()).raw,
    )
    solver = z3.Solver()
    solver.add(z3.Not(formula))
    assert solver.check() == z3.sat
    world = Concrete(solver.model())
    base, mesa = world.objective(tt.U, "U"), world.partial(tt.MESA, "U_m")
    candidates = world.candidates(tt.listed())
    assert inner_aligned_on(base, mesa, world.machines)
    assert not acts_base_optimally(base, optimizer_behaviour(mesa), candidates)


def check_argmax_inclusion_is_stronger(world: Concrete) -> None:
    base, mesa = world.objective(tt.U, "U"), world.partial(tt.MESA, "U_m")
    families = [(world.candidates(tt.listed()),)]
    assert inner_aligned_on_choices(base, mesa, families)
    assert not mesa_argmax_within_base_argmax(base, mesa, families)


def check_pseudo_alignment(world: Concrete) -> None:
    base = world.objective(tt.U, "U")
    mesa, robust = world.partial(tt.MESA, "U_m"), world.partial(tt.OTHER_MESA, "U_m2")
    training, deployment = world.family(tt.training_family()), world.family(tt.deployment_family())
    assert pseudo_aligned(base, optimizer_behaviour(mesa), training, deployment)
    assert internally_aligned(base, robust, world.machines)
    assert robustly_aligned(base, optimizer_behaviour(robust), [training, deployment])
    assert all(mesa_choice(mesa, c) == mesa_choice(robust, c) for c in training)
    assert mesa_choice(mesa, deployment[0]) != mesa_choice(robust, deployment[0])


def check_inner_misses_outside_domain(world: Concrete) -> None:
    base, mesa = world.objective(tt.U, "U"), world.partial(tt.MESA, "U_m")
    candidates = world.candidates(tt.listed())
    assert inner_aligned_on(base, mesa, world.machines)
    assert not acts_base_optimally(base, optimizer_behaviour(mesa), candidates)
    best = base_best_indices(base, candidates)
    assert all(not mesa.defined(candidates[i]) for i in best)


def check_choice_reading_without_inner(world: Concrete) -> None:
    base, mesa = world.objective(tt.U, "U"), world.partial(tt.MESA, "U_m")
    families = [(world.candidates(tt.listed()),)]
    assert inner_aligned_on_choices(base, mesa, families)
    assert not inner_aligned_on(base, mesa, world.machines)


def check_inner_without_argmax_inclusion(world: Concrete) -> None:
    base, mesa = world.objective(tt.U, "U"), world.partial(tt.MESA, "U_m")
    families = [(world.candidates(tt.listed()),)]
    assert inner_aligned_on(base, mesa, world.machines)
    assert not mesa_argmax_within_base_argmax(base, mesa, families)


def check_argmax_inclusion_without_inner(world: Concrete) -> None:
    base, mesa = world.objective(tt.U, "U"), world.partial(tt.MESA, "U_m")
    families = [(world.candidates(tt.listed()),)]
    assert mesa_argmax_within_base_argmax(base, mesa, families)
    assert not inner_aligned_on(base, mesa, world.machines)


def check_corrigible_without_accuracy(world: Concrete) -> None:
    base, model = world.objective(tt.U, "U"), world.partial(tt.MODEL, "U_hat")
    candidates = world.candidates(tt.listed())
    agent = CorrigibleMesaOptimizer(model)
    assert agent.mesa is model
    assert corrigibly_aligned(base, agent, [(candidates,)])
    assert any(not model.defined(c) or model.value(c) != base(c) for c in candidates)


def check_approximate_flip(world: Concrete) -> None:
    base, mesa = world.objective(tt.U, "U"), world.partial(tt.MESA, "U_m")
    candidates, epsilon = world.candidates(tt.listed()), world.real(Real.const("epsilon"))
    assert epsilon > 0
    assert approximately_aligned_on(base, mesa, candidates, epsilon)
    assert base(candidates[1]) - base(candidates[0]) == 2 * epsilon
    assert not acts_base_optimally(base, optimizer_behaviour(mesa), candidates)


def check_instrumental(world: Concrete) -> None:
    base, mesa = world.objective(tt.U, "U"), world.partial(tt.MESA, "U_m")
    candidates = world.candidates(tt.listed())
    assert increases_with(PartialObjective.total(base), mesa, candidates)
    assert not acts_base_optimally(base, optimizer_behaviour(mesa), candidates)


def check_deceptive(world: Concrete) -> None:
    base = world.objective(tt.U, "U")
    mesa, model = world.partial(tt.MESA, "U_m"), world.partial(tt.MODEL, "U_hat")
    training, deployment = world.family(tt.training_family()), world.family(tt.deployment_family())
    beliefs = {
        training[k]: world.boolean(tt.believes_training(f"train{k}"))
        for k in range(tt.TRAINING_SETS)
    }
    beliefs[deployment[0]] = world.boolean(tt.believes_training("D"))
    agent = DeceptiveMesaOptimizer(mesa, model, beliefs.__getitem__)
    assert deceptively_aligned(base, agent, training, deployment)
    assert pseudo_aligned(base, agent.choose, training, deployment)


def check_corrigible_inaccurate(world: Concrete) -> None:
    base, model = world.objective(tt.U, "U"), world.partial(tt.MODEL, "U_hat")
    training, deployment = world.family(tt.training_family()), world.family(tt.deployment_family())
    agent = CorrigibleMesaOptimizer(model)
    assert pseudo_aligned(base, agent.choose, training, deployment)
    assert corrigibly_aligned(base, agent, [training])
    assert not corrigibly_aligned(base, agent, [training, deployment])
    assert any(not model.defined(c) or model.value(c) != base(c) for c in deployment[0])


def check_inner_without_outer(world: Concrete) -> None:
    base, intended = world.objective(tt.U, "U"), world.objective(tt.INTENDED, "U*")
    mesa = world.partial(tt.MESA, "U_m")
    families = [((world.candidates(tt.listed())),)]
    assert internally_aligned(base, mesa, world.machines)
    assert robustly_aligned(base, optimizer_behaviour(mesa), families)
    assert not robustly_aligned(intended, optimizer_behaviour(mesa), families)
    assert not outer_aligned_on(base, intended, families)


def check_behavioral_not_unique(world: Concrete) -> None:
    mesa = world.partial(tt.MESA, "U_m")
    first = world.objective(f.real_function("O_1"), "O_1")
    second = world.objective(f.real_function("O_2"), "O_2")
    candidates = world.candidates(tt.listed())
    behaviour = optimizer_behaviour(mesa)
    assert is_behavioral_objective_of(first, behaviour, [(candidates,)])
    assert is_behavioral_objective_of(second, behaviour, [(candidates,)])
    a, b = candidates[0], candidates[1]
    assert first(a) < first(b) and second(a) > second(b)


def check_suboptimality(world: Concrete) -> None:
    base, mesa = world.objective(tt.U, "U"), world.partial(tt.MESA, "U_m")
    candidates = world.candidates(tt.listed())
    assert suboptimality_aligned(base, mesa, 2, (candidates,))
    assert limited_choice(mesa, candidates, 2) != mesa_choice(mesa, candidates)


WITNESS_CHECKS: dict[str, Callable[[Concrete], None]] = {
    "the_choice_reading_does_not_imply_argmax_inclusion": check_argmax_inclusion_is_stronger,
    "pseudo_alignment_exists_and_is_unidentifiable_from_training": check_pseudo_alignment,
    "inner_alignment_does_not_imply_the_choice_reading": check_inner_misses_outside_domain,
    "the_choice_reading_does_not_imply_inner_alignment": check_choice_reading_without_inner,
    "inner_alignment_does_not_imply_argmax_inclusion": check_inner_without_argmax_inclusion,
    "argmax_inclusion_does_not_imply_inner_alignment": check_argmax_inclusion_without_inner,
    "corrigible_robustness_does_not_need_an_accurate_model": check_corrigible_without_accuracy,
    "approximate_alignment_at_half_the_top_gap_can_flip_the_choice": check_approximate_flip,
    "instrumental_monotonicity_does_not_make_choices_base_best": check_instrumental,
    "deceptive_alignment_exists": check_deceptive,
    "corrigible_alignment_with_an_inaccurate_model_can_be_pseudo_aligned": (
        check_corrigible_inaccurate
    ),
    "inner_alignment_without_outer_alignment_misses_intended_choices": check_inner_without_outer,
    "behavioral_objectives_are_not_unique": check_behavioral_not_unique,
    "suboptimality_alignment_exists": check_suboptimality,
}


def test_every_satisfiable_theorem_has_a_concrete_check() -> None:
    satisfiable = {t.name for t in tt.TAXONOMY_THEOREMS if t.kind == "countermodel"}
    assert satisfiable == set(WITNESS_CHECKS)


@pytest.mark.parametrize("name", sorted(WITNESS_CHECKS))
def test_witness_satisfies_the_python_predicates(name: str) -> None:
    answer, model = decide(THEOREMS[name])
    assert answer == z3.sat
    WITNESS_CHECKS[name](Concrete(model))
