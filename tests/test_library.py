"""mesaform.spec.library: the library objectives, each defined once, and U_m of a Mesa program.

See docs/semantics.md#library-objectives.
"""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mesaform.model.search import exhaustive_search
from mesaform.proofs.methods.strategies import machines, mesa_programs
from mesaform.spec.catalogue import BB2
from mesaform.spec.interpreter import evaluate_candidates, run
from mesaform.spec.library import (
    busyness,
    code_ones,
    library_objective,
    mesa_objective,
    productivity,
    replication_score,
    self_replication,
)
from mesaform.spec.machines import TM, machines_up_to
from mesaform.spec.objectives import UNDEFINED, Defined
from mesaform.spec.programs import Mesa, Program, encode
from mesaform.spec.results import Halted, RunResult


def test_library_objectives_on_busy_beaver_two() -> None:
    t = BB2
    assert code_ones()(t) == t.count("1") == 11
    assert productivity(10)(t) == 4
    assert busyness(10)(t) == 6
    assert productivity(5)(t) == 0 and busyness(5)(t) == 0


@given(st.text("01", max_size=10), st.text("01", max_size=10))
def test_replication_score_reaches_the_length_exactly_on_equality(output: str, t: str) -> None:
    score = replication_score(output, t)
    assert 0 <= score <= len(t)
    assert (score == len(t) > 0) == (output == t != "")


@given(st.text("01", max_size=10), st.text("01", max_size=10))
def test_replication_score_is_the_square_of_the_agreement_over_the_longer_length(
    output: str, t: str
) -> None:
    agreeing = sum(1 for i in range(min(len(output), len(t))) if output[i] == t[i])
    longest = max(len(output), len(t))
    expected = Fraction(agreeing**2, longest) if longest else Fraction(0)
    assert replication_score(output, t) == expected


@given(st.text("01", min_size=1, max_size=10), st.integers(0, 9))
def test_reproducing_one_more_bit_of_oneself_scores_more(t: str, cut: int) -> None:
    """Fixing a wrong bit of the copy, at the same output length, raises the score."""
    cut = cut % len(t)
    flipped = t[:cut] + ("1" if t[cut] == "0" else "0") + t[cut + 1 :]
    assert replication_score(t, t) > replication_score(flipped, t)


def test_the_empty_machine_scores_zero_and_exact_copies_score_their_length() -> None:
    assert replication_score("", "") == 0
    assert self_replication(100)(TM("")) == 0
    assert replication_score("0110", "0110") == 4 > replication_score("011", "011") == 3
    assert replication_score("01", "0110") == Fraction(4, 4)  # a = 2, max = 4
    assert replication_score("01101", "0110") == Fraction(16, 5)


def test_no_machine_up_to_length_twelve_beats_the_best_nonempty_one_by_being_empty() -> None:
    """The old fidelity gave ``ε`` the top value 1, so a search maximising it picked ``ε``."""
    objective = self_replication(50)
    values = {t: objective(t) for t in machines_up_to(12)}
    best = max(values.values())
    assert best > 0 and values[TM("")] == 0
    assert TM("") not in {t for t, v in values.items() if v == best}


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
    mesa = Mesa(3, 10, BB2, (TM("0"), TM("1"), TM("")))
    u_m = mesa_objective(encode(mesa))
    evaluations = evaluate_candidates(mesa)
    assert evaluations is not None
    assert [u_m(c).to_option() for c in mesa.candidates] == [e.score for e in evaluations]
    assert u_m(TM("")) == Defined(Fraction(4))  # from blank, the 2-state champion leaves 4 ones


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
