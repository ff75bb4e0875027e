"""spec.library: the library objectives, each defined once, and U_m of a Mesa program."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.search import (
    exhaustive_search,
)
from proofs.strategies import machines, mesa_programs
from spec.catalogue import BB2
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
from spec.programs import Mesa, Program, encode
from spec.results import Halted, RunResult


def test_library_objectives_on_busy_beaver_two() -> None:
    t = BB2
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
        assert u_m(t) == u_m.value(t) == evaluation.ones
    else:
        assert u_m(t) is None
        with pytest.raises(ValueError, match="outside dom"):
            u_m.value(t)


def test_mesa_objective_scores_are_the_candidates_scores() -> None:
    mesa = Mesa(3, 10, BB2, (TM("0"), TM("1"), TM("")))
    u_m = mesa_objective(encode(mesa))
    evaluations = evaluate_candidates(mesa)
    assert evaluations is not None
    assert [u_m(c) for c in mesa.candidates] == [e.score for e in evaluations]
    assert u_m(TM("")) == 4  # from blank, the 2-state champion leaves 4 ones


def test_mesa_objective_of_a_table_is_refused() -> None:
    with pytest.raises(ValueError, match="Table"):
        mesa_objective("0110")


def test_library_objective_by_name() -> None:
    assert library_objective("busyness", 10)(BB2) == 6
    with pytest.raises(ValueError, match="unknown library objective"):
        library_objective("speed", 10)


def test_the_run_function_can_be_swapped() -> None:
    calls: list[str] = []

    def counting_run(machine: str | Program, x: str, fuel: int) -> RunResult:
        calls.append(str(machine))
        return run(machine, x, fuel)

    report = exhaustive_search(library_objective("busyness", 30, counting_run), 5)
    assert len(calls) == 2**6 - 1 + 5  # every machine, then the five best replayed
    assert report.best[0].value == library_objective("busyness", 30)(report.best[0].machine)
