"""mesaform.proofs.methods.solver_least: a solver's refutation reports the least counterexample.

The minimization is checked three ways: against a finite oracle that answers with an
arbitrary witness (whatever model a solver gives, the result is the least); against
enumeration on random table evaluators (the same least counterexample, replayed); and a
check resumed from a non-least recorded answer reports what one run reports.
"""

from __future__ import annotations

import random
from dataclasses import replace
from fractions import Fraction

import z3
from hypothesis import given, settings
from hypothesis import strategies as st

from mesaform.proofs.checking.check import check_claim
from mesaform.proofs.checking.outcome import Found
from mesaform.proofs.methods import solver_claims
from mesaform.proofs.methods.solver_least import (
    Decide,
    least_of_length,
    lexicographically_below,
    minimize,
)
from mesaform.proofs.methods.solver_queries import query_cases
from mesaform.proofs.methods.strategies import tables
from mesaform.proofs.symbolic.tables import SymbolicWord, word_of_length
from mesaform.spec.catalogue import MARKER_KEEPING_EVALUATOR
from mesaform.spec.machines import TM
from mesaform.spec.programs import Table, encode
from mesaform.spec.verdicts import Refuted
from tests.claims_for_tests import code_ones_claim


def oracle(word_length: int, witnesses: set[str], seed: int) -> tuple[SymbolicWord, Decide]:
    """Return a ``decide`` that answers from ``witnesses`` with a random satisfying one."""
    chooser = random.Random(seed)
    word = word_of_length("t", word_length)

    def holds(extra: tuple[z3.BoolRef, ...], w: str) -> bool:
        value = sum(1 << i for i, c in enumerate(w) if c == "1")
        substitution = (word.bits, z3.BitVecVal(value, word.bits.size()))
        return all(z3.is_true(z3.simplify(z3.substitute(e, substitution))) for e in extra)

    def decide(extra: tuple[z3.BoolRef, ...]) -> tuple[str, TM | None]:
        fitting = sorted(w for w in witnesses if holds(extra, w))
        return ("sat", TM(chooser.choice(fitting))) if fitting else ("unsat", None)

    return word, decide


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 6).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.sets(st.text("01", min_size=n, max_size=n), min_size=1, max_size=12),
            st.sets(st.text("01", min_size=n, max_size=n), max_size=6),
        )
    ),
    st.integers(0, 2**16),
)
def test_whatever_witness_a_solver_gives_the_least_is_found(
    case: tuple[int, set[str], set[str]], seed: int
) -> None:
    n, first, second = case
    start = sorted(first)[random.Random(seed).randrange(len(first))]
    found = least_of_length(oracle(n, first, seed), TM(start), [oracle(n, second, seed + 1)])
    assert found.established
    assert str(found.machine) == min(first | second)
    # at most one query per character of each witness minimized, and one for the other query
    assert found.queries <= 2 * n + 1


def test_lexicographic_order_is_the_reading_order() -> None:
    word = word_of_length("t", 3)
    for a in range(8):
        for b in range(8):
            s, t = format(a, "03b"), format(b, "03b")
            value = sum(1 << i for i, c in enumerate(s) if c == "1")
            term = z3.substitute(
                lexicographically_below(word, TM(t)), (word.bits, z3.BitVecVal(value, 3))
            )
            assert z3.is_true(z3.simplify(term)) == (s < t)


def test_an_unknown_answer_is_not_an_established_least() -> None:
    word, _ = oracle(3, {"011"}, 0)
    found = minimize(word, TM("111"), lambda extra: ("unknown", None))
    assert not found.established and str(found.machine) == "111"


@settings(max_examples=25, deadline=None)
@given(tables(max_states=3), st.sampled_from(["inner-alignment", "approximate-alignment"]))
def test_solvers_report_enumerations_least_counterexample(table: Table, predicate: str) -> None:
    claim = code_ones_claim(encode(table), 5, "inner-alignment", fuel=12)
    if predicate == "approximate-alignment":
        claim = replace(claim, predicate="approximate-alignment", epsilon=Fraction(1))
    expected = check_claim(claim, "enumerate").verdict
    got = check_claim(claim, "z3").verdict
    assert type(got) is type(expected)
    if isinstance(expected, Refuted):
        assert isinstance(got, Refuted)
        assert got.counterexample.machines == expected.counterexample.machines


def test_a_resumed_check_from_a_non_least_answer_reports_one_runs_counterexample() -> None:
    claim = code_ones_claim(MARKER_KEEPING_EVALUATOR, 4)  # U_m = |t| + ones: fails on "0"
    one_run = check_claim(claim, "z3").verdict
    assert isinstance(one_run, Refuted) and str(one_run.counterexample.machines[0]) == "0"
    first = next(case for case in query_cases(claim) if case.length == 1)
    earlier = {
        case.name: solver_claims.QueryAnswer("unsat")
        for case in query_cases(claim)
        if case.length < 1
    }
    # a checkpoint (or a cluster task) recorded the other model of length 1, "1"
    known = {**earlier, first.name: solver_claims.QueryAnswer("sat", TM("1"))}
    outcome = solver_claims.check_with_solver(claim, "z3", known=known)
    assert isinstance(outcome, Found)
    assert outcome.machines == one_run.counterexample.machines
