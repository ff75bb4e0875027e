"""The library objectives and partial objectives (DESIGN.md §4)."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.standard_format import parse_machine
from proofs.strategies import machines, mesa_programs
from spec.alignment import inner_aligned_on, inner_aligned_up_to, misalignments_on
from spec.interpreter import evaluate_candidates, run
from spec.library import (
    busyness,
    code_ones,
    library_objective,
    mesa_objective,
    productivity,
    replication_score,
    self_replication,
)
from spec.machines import TM
from spec.objectives import UNDEFINED, Defined, Objective, PartialObjective, exact
from spec.programs import Mesa, encode
from spec.results import Halted


def test_library_objectives_on_busy_beaver_two() -> None:
    t = parse_machine("1RB1LB_1LA1RZ")
    assert code_ones()(t) == t.count("1") == 11
    assert productivity(10)(t) == 4
    assert busyness(10)(t) == 6
    assert productivity(5)(t) == 0 and busyness(5)(t) == 0


@given(st.text("01", max_size=10), st.text("01", max_size=10))
def test_replication_score_is_one_exactly_on_equality(output: str, t: str) -> None:
    score = replication_score(output, t)
    assert 0 <= score <= 1
    assert (score == 1) == (output == t)


@given(machines(max_length=14))
def test_self_replication_is_exact_and_zero_without_halting(t: TM) -> None:
    value = self_replication(30)(t)
    assert isinstance(value, Fraction)
    if not run(t, "", 30).halted:
        assert value == 0


@given(mesa_programs(), machines(max_length=10))
def test_mesa_objective_has_values_exactly_on_its_domain(mesa: Mesa, t: TM) -> None:
    u_m = mesa_objective(mesa)
    evaluation = run(mesa.evaluator, t, mesa.fuel)
    assert u_m.defined(t) == evaluation.halted
    if isinstance(evaluation, Halted):
        assert u_m(t) == Defined(u_m.value(t))
        assert u_m.value(t) == evaluation.ones
    else:
        assert u_m(t) == UNDEFINED
        with pytest.raises(ValueError, match="outside dom"):
            u_m.value(t)


def test_mesa_objective_scores_are_the_candidates_scores() -> None:
    mesa = Mesa(3, 10, parse_machine("1RB1LB_1LA1RZ"), (TM("0"), TM("1"), TM("")))
    u_m = mesa_objective(encode(mesa))
    evaluations = evaluate_candidates(mesa)
    assert evaluations is not None
    assert [u_m(c).to_option() for c in mesa.candidates] == [e.score for e in evaluations]
    assert u_m(TM("")) == Defined(Fraction(4))  # from blank, the 2-state champion leaves 4 ones


def test_mesa_objective_of_a_table_is_refused() -> None:
    with pytest.raises(ValueError, match="Table"):
        mesa_objective("0110")


def test_floats_are_refused() -> None:
    with pytest.raises(TypeError, match="exact"):
        exact(0.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="exact"):
        Objective("half", lambda t: 0.5)(TM(""))  # type: ignore[arg-type, return-value]


def test_inner_alignment_on_a_finite_set() -> None:
    u = code_ones()
    halves = PartialObjective("halves", lambda t: len(t) % 2 == 0, lambda t: t.count("1"))
    wrong = PartialObjective("wrong", lambda t: t.startswith("1"), lambda t: len(t))
    assert inner_aligned_up_to(u, halves, 6)
    assert not inner_aligned_up_to(u, wrong, 3)
    assert next(misalignments_on(u, wrong, [TM("10"), TM("11")])) == "10"
    assert inner_aligned_on(u, wrong, [TM("11"), TM("0")])


def test_library_objective_by_name() -> None:
    assert library_objective("busyness", 10)(parse_machine("1RB1LB_1LA1RZ")) == 6
    with pytest.raises(ValueError, match="unknown library objective"):
        library_objective("speed", 10)
