"""Differential audit: the checking methods against the brute-force specification.

Every verdict of :func:`proofs.enumeration.enumerate_claim` and
:func:`proofs.solver_claims.check_with_solver` on random small claims (random table
or Mesa evaluators, random bounds and fuels, every predicate) is compared with
:mod:`spec.alignment` quantifying over :func:`spec.machines.machines_up_to`
filtered by :meth:`spec.verdicts.Bound.contains`, with the objectives of
:mod:`spec.library` (the reference interpreter). docs/semantics.md#verdicts:
"proved" must mean the claim holds for every ``t`` in the bound.
"""

from __future__ import annotations

import os
from fractions import Fraction

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from proofs.enumeration import enumerate_claim, enumerate_generic
from proofs.outcome import Found
from proofs.solver_claims import check_with_solver, solver_supports
from proofs.strategies import mesa_programs, tables
from spec.alignment import (
    approximately_aligned_on,
    inner_aligned_on,
    order_aligned_on,
)
from spec.claims import Claim, LibraryObjective, MesaProgram
from spec.machines import TM, machines_up_to
from spec.programs import Mesa, encode
from spec.verdicts import Bound, Proved
from tests.claims_for_tests import DOUBLING, EXACT, KEEPER, PARTIAL

AUDIT_SETTINGS = settings(
    max_examples=int(os.environ.get("AUDIT_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def holds_by_specification(claim: Claim) -> bool:
    """Decide ``claim`` by quantifying over every machine of its bound."""
    base = claim.base_objective()
    mesa = claim.mesa_objective()
    machines = [t for t in machines_up_to(claim.bound.max_length) if claim.bound.contains(t)]
    if claim.predicate == "inner-alignment":
        return inner_aligned_on(base, mesa, machines)
    if claim.predicate == "approximate-alignment":
        assert claim.epsilon is not None
        return approximately_aligned_on(base, mesa, machines, claim.epsilon)
    return order_aligned_on(base, mesa, machines)


@st.composite
def small_claims(draw: st.DrawFn, objectives: tuple[str, ...]) -> Claim:
    """Return claims with a small bound whose mesa side is a random Mesa program."""
    evaluator = draw(
        st.one_of(
            st.sampled_from([EXACT, DOUBLING, PARTIAL, KEEPER]),
            tables(max_states=3).map(encode),
            mesa_programs(max_candidates=2, max_fuel=8, max_states=2).map(encode),
        )
    )
    fuel = draw(st.integers(0, 16))
    mesa = Mesa(0, fuel, evaluator, ())
    predicate = draw(
        st.sampled_from(["inner-alignment", "approximate-alignment", "order-alignment"])
    )
    epsilon = (
        draw(st.fractions(min_value=0, max_value=30, max_denominator=4))
        if predicate == "approximate-alignment"
        else None
    )
    n = draw(st.integers(0, 6))
    states = draw(st.one_of(st.none(), st.integers(0, 3)))
    tables_only = draw(st.booleans())
    bound = Bound(n, draw(st.integers(0, 8)), tables_only, states)
    return Claim(
        "audit",
        predicate,  # type: ignore[arg-type]
        LibraryObjective(draw(st.sampled_from(objectives))),
        MesaProgram(encode(mesa)),
        bound,
        epsilon=epsilon,
    )


def _agrees(claim: Claim, outcome: object) -> None:
    expected = holds_by_specification(claim)
    event(f"specification: {'holds' if expected else 'fails'}")
    if expected:
        assert isinstance(outcome, Proved), (claim, outcome)
        assert outcome.checked == claim.bound.size()
    else:
        assert isinstance(outcome, Found), (claim, outcome)
        for t in outcome.machines:
            assert claim.bound.contains(TM(t))


@AUDIT_SETTINGS
@given(small_claims(("code_ones", "productivity", "busyness", "self_replication")))
def test_enumeration_verdict_is_the_specification(claim: Claim) -> None:
    _agrees(claim, enumerate_claim(claim, workers=1))


@AUDIT_SETTINGS
@given(small_claims(("code_ones", "productivity", "busyness", "self_replication")))
def test_generic_enumeration_verdict_is_the_specification(claim: Claim) -> None:
    _agrees(claim, enumerate_generic(claim, compiled_mesa=False))


@AUDIT_SETTINGS
@given(small_claims(("code_ones", "productivity", "busyness")))
def test_solver_verdict_is_the_specification(claim: Claim) -> None:
    if solver_supports(claim) is not None:
        return
    _agrees(claim, check_with_solver(claim, "z3", timeout_seconds=60))


def test_specification_harness_sees_a_failure() -> None:
    claim = Claim(
        "audit",
        "inner-alignment",
        LibraryObjective("code_ones"),
        MesaProgram(encode(Mesa(0, 3, TM(""), ()))),
        Bound(2, 0),
    )
    assert not holds_by_specification(claim)
    assert holds_by_specification(
        Claim(
            "audit",
            "approximate-alignment",
            LibraryObjective("code_ones"),
            MesaProgram(encode(Mesa(0, 3, TM(""), ()))),
            Bound(2, 0),
            epsilon=Fraction(6),
        )
    )


@st.composite
def larger_claims(draw: st.DrawFn) -> Claim:
    """Claims at lengths where the compiled path splits strings into blocks and prefixes."""
    claim = draw(small_claims(("code_ones", "productivity", "busyness", "self_replication")))
    n = draw(st.integers(7, 10))
    bound = Bound(n, claim.bound.fuel, claim.bound.tables_only, claim.bound.states)
    return Claim(claim.name, claim.predicate, claim.base, claim.mesa, bound, epsilon=claim.epsilon)


@settings(AUDIT_SETTINGS, max_examples=max(1, AUDIT_SETTINGS.max_examples // 6))
@given(larger_claims())
def test_parallel_enumeration_at_larger_lengths(claim: Claim) -> None:
    _agrees(claim, enumerate_claim(claim, workers=2))
    _agrees(claim, enumerate_claim(claim, workers=2, find_all=True))


@settings(AUDIT_SETTINGS, max_examples=max(1, AUDIT_SETTINGS.max_examples // 6))
@given(small_claims(("code_ones", "productivity", "busyness")))
def test_cvc5_verdict_is_the_specification(claim: Claim) -> None:
    if solver_supports(claim) is not None:
        return
    _agrees(claim, check_with_solver(claim, "cvc5", timeout_seconds=60))
