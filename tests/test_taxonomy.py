"""The taxonomy predicates: examples for each concept, the laws the Z3 theorems state,
and agreement of ``ch_m(C)`` with the reference interpreter's choice."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from mesaform.proofs.methods.strategies import mesa_programs
from mesaform.spec.interpreter import (
    argmax_lowest_index,
    choose,
    evaluate_candidates,
    run,
    run_mesa,
)
from mesaform.spec.library import mesa_objective
from mesaform.spec.machines import TM
from mesaform.spec.objectives import Objective, PartialObjective
from mesaform.spec.programs import Mesa
from mesaform.spec.results import Halted
from mesaform.spec.taxonomy import (
    CandidateSet,
    acts_base_optimally,
    approximately_pseudo_aligned,
    base_best_indices,
    inner_aligned_on_choices,
    instrumentally_aligned,
    is_base_objective_of,
    is_behavioral_objective_of,
    is_mesa_objective_of,
    mesa_argmax_within_base_argmax,
    mesa_choice,
    optimizer_behaviour,
    outer_aligned_on,
    proxy_aligned,
    pseudo_aligned,
    robustly_aligned,
    side_effect_aligned,
)

POOL = tuple(TM(bits) for bits in ("", "0", "1", "00", "01", "10"))
A, B, C, D = (TM(bits) for bits in ("0", "1", "00", "01"))


def table_objective(values: Mapping[TM, int | Fraction], name: str = "U") -> Objective:
    table = {t: Fraction(v) for t, v in values.items()}
    return Objective(name, lambda t: table.get(t, Fraction(0)))


def table_partial(values: Mapping[TM, int | Fraction], name: str = "U_m") -> PartialObjective:
    table = {t: Fraction(v) for t, v in values.items()}
    return PartialObjective(name, table.__contains__, table.__getitem__)


values = st.fractions(min_value=-3, max_value=3, max_denominator=2)
candidate_sets = st.lists(st.sampled_from(POOL), min_size=1, max_size=4).map(tuple)


@st.composite
def tables(draw: st.DrawFn) -> dict[TM, Fraction]:
    return {t: draw(values) for t in POOL}


# --- ch_m(C) agrees with the reference interpreter ------------------------------------


@given(st.lists(st.one_of(st.none(), st.integers(-5, 5)), max_size=6))
def test_argmax_lowest_index_is_the_interpreters_choose(scores: list[int | None]) -> None:
    as_values = [None if s is None else Fraction(s) for s in scores]
    assert argmax_lowest_index(as_values) == choose(scores)


@settings(max_examples=60, deadline=None)
@given(mesa_programs(max_candidates=4, max_fuel=20, max_states=2))
def test_mesa_choice_is_the_candidate_run_mesa_acts_like(mesa: Mesa) -> None:
    objective = mesa_objective(mesa)
    choice = mesa_choice(objective, mesa.candidates)
    evaluations = evaluate_candidates(mesa)
    assert evaluations is not None
    assert choice == choose([e.score for e in evaluations])
    fuel = 10_000
    result = run_mesa(mesa, TM(""), fuel)
    if choice is None:
        spent = sum(e.steps for e in evaluations)
        assert result == Halted(spent, frozenset())
    elif isinstance(result, Halted):
        spent = sum(e.steps for e in evaluations)
        alone = run(mesa.candidates[choice], "", fuel - spent)
        assert isinstance(alone, Halted)
        assert result.tape == alone.tape


@settings(max_examples=40, deadline=None)
@given(
    mesa_programs(max_candidates=0, max_fuel=15, max_states=2),
    st.lists(st.lists(st.sampled_from(POOL), min_size=1, max_size=3).map(tuple), max_size=3),
)
def test_a_mesa_programs_evaluator_is_its_mesa_objective(
    program: Mesa, family: list[CandidateSet]
) -> None:
    def interpreter_behaviour(candidates: CandidateSet) -> int | None:
        # the same evaluator and internal fuel, simulating these candidates
        simulated = Mesa(len(candidates), program.fuel, program.evaluator, candidates)
        evaluations = evaluate_candidates(simulated)
        assert evaluations is not None
        return choose([e.score for e in evaluations])

    objective = mesa_objective(program)
    assert is_mesa_objective_of(objective, interpreter_behaviour, [tuple(family)])


def test_choice_breaks_ties_to_the_lowest_index_and_skips_undefined() -> None:
    mesa = table_partial({A: 2, B: 5, C: 5})
    assert mesa_choice(mesa, (D, A, B, C)) == 2
    assert mesa_choice(mesa, (D,)) is None
    assert base_best_indices(table_objective({A: 1, B: 1}), (A, B, C)) == frozenset({0, 1})


# --- §1.1: the three objectives --------------------------------------------------------


def test_base_objective_selects_a_best_hypothesis() -> None:
    base = table_objective({A: 1, B: 3, C: 2})
    assert is_base_objective_of(base, (A, B, C), B)
    assert not is_base_objective_of(base, (A, B, C), C)
    assert not is_base_objective_of(base, (A, C), B)


def test_mesa_objective_is_the_one_the_behaviour_optimizes_exactly() -> None:
    mesa = table_partial({A: 1, B: 2, C: 2})
    families = [((A, B, C), (C, B), (A,))]
    assert is_mesa_objective_of(mesa, optimizer_behaviour(mesa), families)
    last = table_partial({A: 1, B: 2, C: 3})
    assert not is_mesa_objective_of(mesa, optimizer_behaviour(last), families)


def test_behavioral_objectives_include_the_indicator_of_the_choices() -> None:
    mesa = table_partial({A: 1, B: 2, C: 0})
    behaviour = optimizer_behaviour(mesa)
    families = [((A, B, C), (A, C))]
    indicator = table_objective({B: 1, A: Fraction(1, 2)})
    assert is_behavioral_objective_of(indicator, behaviour, families)
    assert is_behavioral_objective_of(table_objective({A: 1, B: 2, C: 0}), behaviour, families)
    assert not is_behavioral_objective_of(table_objective({C: 9}), behaviour, families)


# --- §1.2, §1.3 --------------------------------------------------------------------------


def test_robust_and_pseudo_alignment() -> None:
    base = table_objective({A: 1, B: 2, C: 3, D: 0})
    proxy = table_partial({A: 1, B: 2, C: 0, D: 5})
    training, deployment = ((A, B), (B, A)), ((B, C),)
    behaviour = optimizer_behaviour(proxy)
    assert robustly_aligned(base, behaviour, [training])
    assert pseudo_aligned(base, behaviour, training, deployment)
    assert not robustly_aligned(base, behaviour, [training, deployment])
    assert not pseudo_aligned(base, behaviour, training, training)
    assert inner_aligned_on_choices(base, proxy, [training])


def test_outer_alignment_compares_best_sets() -> None:
    base, intended = table_objective({A: 1, B: 2}), table_objective({A: 1, B: 7})
    assert outer_aligned_on(base, intended, [((A, B),)])
    assert not outer_aligned_on(base, table_objective({A: 2, B: 1}), [((A, B),)])


# --- §3.1: kinds of pseudo-alignment -------------------------------------------------------


def test_side_effect_and_instrumental_alignment() -> None:
    base = table_objective({A: 1, B: 2, C: 3, D: 0})
    mesa = table_partial({A: 10, B: 20, C: 0, D: 30})
    training, deployment = ((A, B),), ((B, C),)
    assert side_effect_aligned(base, mesa, training, deployment)
    assert instrumentally_aligned(base, mesa, training, deployment)
    # no increase on training: U goes down as U_m goes up
    reversed_mesa = table_partial({A: 20, B: 10, C: 0, D: 30})
    assert not side_effect_aligned(base, reversed_mesa, training, deployment)
    feature = table_partial({A: 0, B: 1})
    assert proxy_aligned(base, mesa, feature, training, deployment)


def test_approximate_pseudo_alignment() -> None:
    base = table_objective({A: 0, B: 1, C: 3})
    mesa = table_partial({A: Fraction(1, 2), B: Fraction(1, 2), C: 3})
    assert approximately_pseudo_aligned(base, mesa, Fraction(1, 2), ((A, C),), ((A, B),))
    assert not approximately_pseudo_aligned(base, mesa, Fraction(1, 4), ((A, C),), ((A, B),))


# --- §4: deceptive, corrigible, internal -----------------------------------------------


# --- the laws of the valid Z3 theorems, on concrete objectives -----------------------------


@given(tables(), st.sets(st.sampled_from(POOL)), candidate_sets)
def test_inner_alignment_gives_the_base_best_choice_within_the_domain(
    base_table: dict[TM, Fraction], domain: set[TM], candidates: CandidateSet
) -> None:
    base = table_objective(base_table)
    mesa = table_partial({t: base_table[t] for t in domain})
    choice = mesa_choice(mesa, candidates)
    if choice is not None:
        inside = [t for t in candidates if t in domain]
        assert base(candidates[choice]) == max(base(t) for t in inside)
    if set(candidates) <= domain:
        assert acts_base_optimally(base, optimizer_behaviour(mesa), candidates)


@given(tables(), st.sets(st.sampled_from(POOL)), tables(), candidate_sets)
def test_argmax_inclusion_implies_the_choice_reading(
    base_table: dict[TM, Fraction],
    domain: set[TM],
    mesa_values: dict[TM, Fraction],
    candidates: CandidateSet,
) -> None:
    base = table_objective(base_table)
    mesa = table_partial({t: mesa_values[t] for t in domain})
    families = [(candidates,)]
    meets = any(t in domain for t in candidates)
    if meets and mesa_argmax_within_base_argmax(base, mesa, families):
        assert inner_aligned_on_choices(base, mesa, families)


@given(tables(), candidate_sets)
def test_doubled_objective_makes_the_same_choices(
    base_table: dict[TM, Fraction], candidates: CandidateSet
) -> None:
    base = table_objective(base_table)
    doubled = table_partial({t: 2 * v for t, v in base_table.items()})
    assert mesa_choice(doubled, candidates) == mesa_choice(PartialObjective.total(base), candidates)


@given(tables(), st.fractions(0, 1, max_denominator=4), st.data(), candidate_sets)
def test_approximation_below_half_the_gap_keeps_the_choice(
    base_table: dict[TM, Fraction], epsilon: Fraction, data: st.DataObject, c: CandidateSet
) -> None:
    noise = {t: data.draw(st.fractions(-epsilon, epsilon, max_denominator=8)) for t in POOL}
    mesa = table_partial({t: base_table[t] + noise[t] for t in POOL})
    base = table_objective(base_table)
    for i, top in enumerate(c):
        if all(base(top) - base(t) > 2 * epsilon for j, t in enumerate(c) if j != i):
            assert mesa_choice(mesa, c) == i


@given(tables(), st.lists(values, max_size=3), candidate_sets)
def test_side_effect_monotonicity_gives_base_best_choices(
    mesa_table: dict[TM, Fraction], thresholds: list[Fraction], c: CandidateSet
) -> None:
    mesa = table_partial(mesa_table)
    base = table_objective({t: sum(1 for h in thresholds if v >= h) for t, v in mesa_table.items()})
    assert acts_base_optimally(base, optimizer_behaviour(mesa), c)


@given(tables(), tables(), candidate_sets)
def test_robust_inner_and_outer_alignment_give_intended_choices(
    base_table: dict[TM, Fraction], intended_table: dict[TM, Fraction], c: CandidateSet
) -> None:
    base, intended = table_objective(base_table), table_objective(intended_table)
    behaviour = optimizer_behaviour(PartialObjective.total(base))
    if outer_aligned_on(base, intended, [((c,))]):
        assert robustly_aligned(intended, behaviour, [(c,)])


@given(tables(), candidate_sets, candidate_sets)
def test_robust_alignment_excludes_pseudo_alignment(
    mesa_table: dict[TM, Fraction], training: CandidateSet, deployment: CandidateSet
) -> None:
    base = table_objective({t: v // 1 for t, v in mesa_table.items()})
    behaviour = optimizer_behaviour(table_partial(mesa_table))
    if robustly_aligned(base, behaviour, [((training,)), ((deployment,))]):
        assert not pseudo_aligned(base, behaviour, (training,), (deployment,))
