"""Bounded claims decided by Z3 agree with enumeration, and their counterexamples replay.

unsat -> proved (method z3, with the bound); sat -> the model's t is decoded and
replayed through the reference interpreter; unknown or timeout -> unknown with the
reason (docs/semantics.md#verdicts).
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mesaform.proofs.checking.code_ones import code_ones_claim
from mesaform.proofs.checking.outcome import Found
from mesaform.proofs.checking.replay import replay
from mesaform.proofs.methods.solver_claims import (
    check_with_solver,
    encoded_sides,
    solver_supports,
)
from mesaform.proofs.methods.strategies import machines, tables
from mesaform.spec.catalogue import DOUBLING_EVALUATOR, MARKER_KEEPING_EVALUATOR
from mesaform.spec.claims import Claim, LibraryObjective, MesaProgram, Predicate
from mesaform.spec.machines import TM, machines_up_to
from mesaform.spec.objectives import Objective
from mesaform.spec.programs import Mesa, Table, decode, encode
from mesaform.spec.verdicts import Bound, Proved, Unknown


def in_bound(bound: Bound) -> list[TM]:
    """Enumerate the machines of a bound, as the enumeration method does."""
    chosen = []
    for t in machines_up_to(bound.max_length):
        program = decode(t)
        if (bound.tables_only or bound.states is not None) and not isinstance(program, Table):
            continue
        if bound.states is not None and program.states != bound.states:  # type: ignore[union-attr]
            continue
        chosen.append(t)
    return chosen


def replays(claim: Claim, found: Found) -> bool:
    """Return whether ``found`` is a counterexample by the reference interpreter.

    Checked twice: by the checker's :func:`mesaform.proofs.checking.replay.replay` (which raises on
    a
    disagreement) and directly by the specification's predicates.
    """
    counterexample = replay(claim, found)
    assert counterexample.machines == found.machines
    assert all(t in in_bound(claim.bound) for t in found.machines)
    return found.machines in set(claim.failures_on(found.machines))


def fails_by_enumeration(claim: Claim) -> bool:
    return next(claim.failures_on(in_bound(claim.bound)), None) is not None


def test_the_aligned_code_ones_claim_is_proved_with_its_bound() -> None:
    claim = code_ones_claim(10)
    outcome = check_with_solver(claim)
    assert isinstance(outcome, Proved)
    assert outcome.method == "z3"
    assert outcome.bound == Bound(10, 21)
    assert outcome.checked == 2**11 - 1


def test_the_misaligned_code_ones_claim_gives_a_counterexample_that_replays() -> None:
    claim = code_ones_claim(10, MARKER_KEEPING_EVALUATOR)
    outcome = check_with_solver(claim)
    assert isinstance(outcome, Found)
    assert outcome.method == "z3"
    assert replays(claim, outcome)


def test_too_little_internal_fuel_shrinks_the_domain_and_the_claim_still_holds() -> None:
    # with internal fuel 5 the evaluator halts only on |t| <= 2, where U = U_m.
    evaluator = claim_evaluator(code_ones_claim(6))
    short = Claim(
        "short",
        "inner-alignment",
        LibraryObjective("code_ones"),
        MesaProgram(encode(Mesa(1, 5, evaluator, ()))),
        Bound(6, 13),
    )
    outcome = check_with_solver(short)
    assert isinstance(outcome, Proved)
    assert outcome.checked == 2**7 - 1


def claim_evaluator(claim: Claim) -> TM:
    assert isinstance(claim.mesa, MesaProgram)
    program = decode(claim.mesa.code)
    assert isinstance(program, Mesa)
    return program.evaluator


PREDICATES: list[Predicate] = ["inner-alignment", "approximate-alignment", "order-alignment"]


@settings(max_examples=40)
@given(
    evaluator=tables(max_states=2),
    internal_fuel=st.integers(0, 9),
    max_length=st.integers(0, 3),
    predicate=st.sampled_from(PREDICATES),
    epsilon=st.fractions(min_value=0, max_value=3, max_denominator=3),
)
def test_z3_agrees_with_enumeration_on_random_code_ones_claims(
    evaluator: Table, internal_fuel: int, max_length: int, predicate: Predicate, epsilon: Fraction
) -> None:
    claim = Claim(
        "random",
        predicate,
        LibraryObjective("code_ones"),
        MesaProgram(encode(Mesa(0, internal_fuel, encode(evaluator), ()))),
        Bound(max_length, 5),
        epsilon=epsilon if predicate == "approximate-alignment" else None,
    )
    outcome = check_with_solver(claim)
    if isinstance(outcome, Found):
        assert replays(claim, outcome)
    else:
        assert isinstance(outcome, Proved)
        assert not fails_by_enumeration(claim)


@settings(max_examples=25)
@given(
    evaluator=tables(max_states=2),
    internal_fuel=st.integers(0, 8),
    objective=st.sampled_from(["productivity", "busyness"]),
    states=st.sampled_from([None, 0, 1, 2]),
    fuel=st.integers(0, 8),
)
def test_z3_agrees_with_enumeration_when_the_candidate_runs(
    evaluator: Table, internal_fuel: int, objective: str, states: int | None, fuel: int
) -> None:
    bound = Bound(5, fuel, tables_only=states is None, states=states)
    claim = Claim(
        "runs",
        "inner-alignment",
        LibraryObjective(objective),
        MesaProgram(encode(Mesa(0, internal_fuel, encode(evaluator), ()))),
        bound,
    )
    outcome = check_with_solver(claim)
    if isinstance(outcome, Found):
        assert replays(claim, outcome)
    else:
        assert isinstance(outcome, Proved)
        assert outcome.checked == len(in_bound(bound))
        assert not fails_by_enumeration(claim)


def test_the_count_of_strings_in_a_bound_is_the_enumerated_count() -> None:
    for n in range(7):
        for bound in [Bound(n, 0), Bound(n, 0, tables_only=True)] + [
            Bound(n, 0, states=k) for k in range(4)
        ]:
            assert bound.size() == len(in_bound(bound)), bound


def test_unsupported_claims_say_why_and_end_unknown() -> None:
    mesa = MesaProgram(code_ones_claim(2).mesa.code)  # type: ignore[union-attr]
    user = Claim(
        "u",
        "inner-alignment",
        Objective("half", lambda t: Fraction(t.count("1"), 2)),
        mesa,
        Bound(2, 5),
    )
    replication = Claim(
        "r", "inner-alignment", LibraryObjective("self_replication"), mesa, Bound(2, 5)
    )
    running = Claim("p", "inner-alignment", LibraryObjective("productivity"), mesa, Bound(2, 5))
    for claim, words in [
        (user, "user"),
        (replication, "self_replication"),
        (running, "states=k"),
    ]:
        reason = solver_supports(claim)
        assert reason is not None and words in reason
        outcome = check_with_solver(claim)
        assert isinstance(outcome, Unknown) and words in outcome.reason
    assert solver_supports(code_ones_claim(2)) is None
    with pytest.raises(ValueError, match="decodes to a Table"):  # refused before any method
        MesaProgram(TM("0"))


def test_a_timeout_is_unknown_with_the_reason() -> None:
    outcome = check_with_solver(code_ones_claim(6), timeout_seconds=0.0)
    assert isinstance(outcome, Unknown)
    assert "timeout" in outcome.reason


def test_every_query_is_written_as_smt2_with_its_logic(tmp_path: Path) -> None:
    outcome = check_with_solver(code_ones_claim(3), smt2_dir=tmp_path)
    assert isinstance(outcome, Proved)
    files = sorted(tmp_path.glob("*.smt2"))
    # one query per length, and one per length asking whether dom(U_m) meets it
    assert len(files) == 8
    assert len([file for file in files if file.name.endswith("_domain.smt2")]) == 4
    for file in files:
        text = file.read_text()
        assert "(set-logic QF_BV)" in text and "(check-sat)" in text


@settings(max_examples=150)
@given(
    evaluator=tables(max_states=2),
    internal_fuel=st.integers(0, 9),
    objective=st.sampled_from(["code_ones", "productivity", "busyness"]),
    states=st.sampled_from([None, 0, 1, 2]),
    fuel=st.integers(0, 12),
    t=st.one_of(machines(max_length=14), tables(max_states=2).map(encode)),
)
def test_the_encoded_sides_are_the_reference_objectives(
    evaluator: Table, internal_fuel: int, objective: str, states: int | None, fuel: int, t: TM
) -> None:
    bound = Bound(14, fuel, tables_only=states is None and objective != "code_ones", states=states)
    claim = Claim(
        "sides",
        "inner-alignment",
        LibraryObjective(objective),
        MesaProgram(encode(Mesa(0, internal_fuel, encode(evaluator), ()))),
        bound,
    )
    encoded = encoded_sides(claim, t)
    program = decode(t)
    restricted = bound.tables_only or bound.states is not None
    decodes_inside = isinstance(program, Table) and bound.states in (None, program.states)
    inside = len(t) <= bound.max_length and (not restricted or decodes_inside)
    if not inside:
        assert encoded is None
        return
    base, mesa = claim.base_objective(), claim.mesa_objective()
    expected: object = (base(t), mesa(t).to_option())
    assert encoded == expected


def test_order_alignment_of_a_doubling_evaluator_is_proved_and_inner_refuted() -> None:
    # 0RZ1RB_0LC1RA_1RZ0RD_0RA0RA keeps both cells of every 1 bit: U_m = 2 U.
    evaluator = DOUBLING_EVALUATOR
    mesa = MesaProgram(encode(Mesa(0, 4 * 6 + 1, evaluator, ())))
    order = Claim("order", "order-alignment", LibraryObjective("code_ones"), mesa, Bound(6, 25))
    proved = check_with_solver(order)
    assert isinstance(proved, Proved)
    assert "0 -> 0, 1 -> 2, 2 -> 4" in proved.detail
    inner = Claim("inner", "inner-alignment", LibraryObjective("code_ones"), mesa, Bound(6, 25))
    found = check_with_solver(inner)
    assert isinstance(found, Found) and replays(inner, found)


def test_order_alignment_counterexamples_replay_for_both_solvers() -> None:
    claim = Claim(
        "order_fails",
        "order-alignment",
        LibraryObjective("code_ones"),
        MesaProgram(encode(Mesa(0, 9, encode(decode(TM(""))), ()))),
        Bound(4, 9),
    )
    for solver in ("z3", "cvc5"):
        found = check_with_solver(claim, solver)
        assert isinstance(found, Found) and found.method == solver
        assert replays(claim, found)
