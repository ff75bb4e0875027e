"""One solver across lengths, and Bitwuzla, decide claims exactly as one query per length does.

Differential tests between the two ways of asking the lengths (a fresh query and
solver per length; one query built once, asked under the assumption ``|t| = l``)
and between the solvers (Z3, Bitwuzla): the same verdicts, the same shortest
counterexample length, counterexamples that replay (docs/solvers.md). Also: a
Bitwuzla timeout is unknown, never unsat, and ``auto`` says why it chose its method.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mesaform.model.evaluators import PatternEvaluator, first_counterexample, pattern_claim
from mesaform.proofs.checking.auto import plan
from mesaform.proofs.checking.check import CheckOptions, check_claim, choose_method
from mesaform.proofs.checking.code_ones import code_ones_claim
from mesaform.proofs.checking.outcome import Found, MethodOutcome
from mesaform.proofs.methods.enumeration import bound_strings_capped, strings_text
from mesaform.proofs.methods.registry import method_named
from mesaform.proofs.methods.solver_claims import check_with_solver
from mesaform.proofs.methods.solver_queries import _cases, _Encoder, claim_queries
from mesaform.proofs.methods.solver_scope import SolverName, incremental_applies, never_moves_left
from mesaform.proofs.methods.strategies import tables
from mesaform.proofs.symbolic.bitwuzla_solver import BitwuzlaQuery, run_bitwuzla
from mesaform.proofs.symbolic.smt2 import smt2_text
from mesaform.spec.catalogue import DOUBLING_MESA, MARKER_KEEPING_EVALUATOR
from mesaform.spec.claims import Claim, LibraryObjective, MesaProgram, Predicate
from mesaform.spec.programs import Mesa, Table, encode
from mesaform.spec.verdicts import Bound, Proved, Refuted, Unknown
from tests.test_solver_claims import fails_by_enumeration, replays

MODES: list[tuple[SolverName, bool]] = [
    ("z3", False),
    ("z3", True),
    ("bitwuzla", True),
    ("bitwuzla", False),
]


def summary(claim: Claim, outcome: MethodOutcome) -> tuple[str, int | None, object]:
    """Return the verdict, the counterexample's length, and what a proof says of dom(U_m)."""
    if isinstance(outcome, Found):
        assert replays(claim, outcome)
        return "found", len(outcome.machines[0]), None
    assert isinstance(outcome, Proved), outcome
    assert outcome.checked == claim.bound.size()
    return "proved", None, outcome.domain_by_length


@settings(max_examples=30, deadline=None)
@given(
    evaluator=tables(max_states=3),
    internal_fuel=st.integers(0, 11),
    max_length=st.integers(0, 4),
    predicate=st.sampled_from(["inner-alignment", "approximate-alignment"]),
    epsilon=st.fractions(min_value=0, max_value=2, max_denominator=2),
    tables_only=st.booleans(),
)
def test_every_solver_and_mode_gives_the_same_verdict_and_shortest_length(
    evaluator: Table,
    internal_fuel: int,
    max_length: int,
    predicate: Predicate,
    epsilon: Fraction,
    tables_only: bool,
) -> None:
    claim = Claim(
        "random",
        predicate,
        LibraryObjective("code_ones"),
        MesaProgram(encode(Mesa(0, internal_fuel, encode(evaluator), ()))),
        Bound(max_length, 5, tables_only=tables_only),
        epsilon=epsilon if predicate == "approximate-alignment" else None,
    )
    assert incremental_applies(claim, "bitwuzla") is None
    assert (incremental_applies(claim, "z3") is None) == never_moves_left(evaluator)
    seen = {
        (solver, incremental): summary(
            claim, check_with_solver(claim, solver, incremental=incremental)
        )
        for solver, incremental in MODES
    }
    assert len(set(seen.values())) == 1, seen
    verdict, _, _ = next(iter(seen.values()))
    assert (verdict == "found") == fails_by_enumeration(claim)


@pytest.mark.parametrize("buggy", [False, True])
@pytest.mark.parametrize("two_way", [False, True])
def test_the_evaluator_family_at_small_n_agrees_across_modes(buggy: bool, two_way: bool) -> None:
    member = PatternEvaluator("101", buggy, two_way)
    claim = pattern_claim(member, 4)
    seen = {
        mode: summary(claim, check_with_solver(claim, mode[0], incremental=mode[1]))
        for mode in MODES
    }
    assert len(set(seen.values())) == 1, seen
    expected = first_counterexample(member)
    verdict, length, _ = seen[("z3", True)]
    assert verdict == ("found" if buggy else "proved")
    assert length == (len(expected) if expected is not None else None)


def test_bitwuzla_agrees_with_z3_where_queries_are_split_by_states() -> None:
    evaluator = encode(Table(1, ()))
    for objective in ("productivity", "busyness"):
        claim = Claim(
            "runs",
            "inner-alignment",
            LibraryObjective(objective),
            MesaProgram(encode(Mesa(0, 3, evaluator, ()))),
            Bound(5, 4, tables_only=True),
        )
        assert incremental_applies(claim, "bitwuzla") is not None
        answers = [check_with_solver(claim, solver) for solver in ("z3", "bitwuzla")]
        found = [answer for answer in answers if isinstance(answer, Found)]
        assert len(found) == 2, answers
        assert all(replays(claim, answer) for answer in found)
        assert len(found[0].machines[0]) == len(found[1].machines[0])


def test_bitwuzla_answers_each_exported_query_as_z3_does() -> None:
    claim = code_ones_claim(5, MARKER_KEEPING_EVALUATOR)
    for query in claim_queries(claim):
        text = smt2_text(query.assertions, "QF_BV")
        answer = run_bitwuzla(text, 30.0)
        assert answer.answer == ("unsat" if query.length == 0 else "sat"), query.case
        if answer.answer == "sat":
            assert len(answer.values["t_bits"]) == max(1, query.length)


@pytest.mark.slow
def test_a_bitwuzla_timeout_is_unknown_never_unsat() -> None:
    claim = pattern_claim(PatternEvaluator("110100101101", True, True), 13)
    encoder = _Encoder(claim)
    hard = [case for case in _cases(encoder) if case.length == 13]
    (query,) = [q for q in claim_queries(claim) if q.length == hard[0].length]
    solver = BitwuzlaQuery(smt2_text(query.assertions, "QF_BV"))
    answer = solver.check(0.001)
    assert answer.answer in ("unknown", "sat")  # sat only if found within a millisecond
    if answer.answer == "unknown":
        assert "timeout" in answer.reason
    outcome = check_with_solver(claim, "bitwuzla", timeout_seconds=0.0)
    assert isinstance(outcome, Unknown)
    assert "timeout" in outcome.reason


def test_bitwuzla_is_a_check_method_whose_counterexamples_are_replayed() -> None:
    claim = code_ones_claim(8, MARKER_KEEPING_EVALUATOR)
    result = check_claim(claim, "bitwuzla")
    assert isinstance(result.verdict, Refuted)
    assert result.verdict.method == "bitwuzla"
    assert len(result.verdict.counterexample.machines[0]) == 1
    proved = check_claim(code_ones_claim(8), "bitwuzla").verdict
    assert isinstance(proved, Proved) and proved.method == "bitwuzla"


def test_auto_says_why_it_chose_its_method() -> None:
    small = check_claim(code_ones_claim(6, MARKER_KEEPING_EVALUATOR))
    assert small.choice.startswith("auto: chose ")
    assert " because " in small.choice
    beyond = code_ones_claim(41)
    assert not method_named("enumerate").estimate(beyond).fits
    explore = method_named("explore").estimate(beyond)
    assert explore.fits and "growing linearly" in explore.words
    attempts = plan(beyond, CheckOptions()).attempts
    assert [method.name for method, _ in attempts] == ["explore", "crossing"]
    order = Claim(
        "order",
        "order-alignment",
        LibraryObjective("code_ones"),
        beyond.mesa,
        beyond.bound,
    )
    # Crossing-sequence summaries measure the least work; among the SMT solvers, Z3's
    # per-query pipeline is weighed the cheaper for order alignment.
    assert choose_method(order) == "crossing"
    z3, bitwuzla = (method_named(name).estimate(order) for name in ("z3", "bitwuzla"))
    assert z3.work < bitwuzla.work and "order alignment" in z3.words
    result = check_claim(order, options=CheckOptions(timeout_seconds=2.0))
    assert result.choice.startswith("auto: chose crossing because 2^42 - 1 strings")
    assert isinstance(result.verdict, (Proved, Unknown))  # a timeout stays unknown


def test_z3_asks_each_length_apart_for_an_evaluator_that_moves_left() -> None:
    doubling = Claim(
        "doubling",
        "inner-alignment",
        LibraryObjective("code_ones"),
        MesaProgram(DOUBLING_MESA),
        Bound(3, 65),
    )
    reason = incremental_applies(doubling, "z3")
    assert reason is not None and "moves left" in reason
    assert incremental_applies(doubling, "bitwuzla") is None
    assert incremental_applies(code_ones_claim(3), "z3") is None  # a one-way evaluator
    seen = {
        mode: summary(doubling, check_with_solver(doubling, mode[0], incremental=mode[1]))
        for mode in MODES
    }
    assert set(seen.values()) == {("found", 1, None)}, seen


@settings(max_examples=40, deadline=None)
@given(
    max_length=st.integers(0, 12),
    states=st.one_of(st.none(), st.integers(0, 6)),
    tables_only=st.booleans(),
    limit=st.integers(0, 5000),
)
def test_auto_counts_the_strings_of_the_bound_as_the_bound_does(
    max_length: int, states: int | None, tables_only: bool, limit: int
) -> None:
    bound = Bound(max_length, 3, tables_only=tables_only, states=states)
    counted = bound_strings_capped(bound, limit)
    assert counted == bound.size() if bound.size() <= limit else counted > limit
    assert strings_text(bound) == f"{bound.size():,} strings"


def test_auto_enumerates_a_bound_of_few_tables_however_long() -> None:
    evaluator = encode(Table(1, ()))
    claim = Claim(
        "tables",
        "inner-alignment",
        LibraryObjective("productivity"),
        MesaProgram(encode(Mesa(0, 3, evaluator, ()))),
        Bound(29, 20, states=3),
    )
    cost = method_named("enumerate").estimate(claim)
    assert cost.work == claim.bound.size() == 2**25
    assert choose_method(claim) == "enumerate"
    states = Bound(40, 20, states=2)
    assert strings_text(states) == "137,438,953,472 strings"
    assert strings_text(Bound(41, 20, states=2)) == "at least 2^38 strings"
    assert strings_text(Bound(41, 20)) == "2^42 - 1 strings"
