"""The checking methods behind one interface: the registry, explore against enumerate, auto.

Every method is a registered :class:`~mesaform.proofs.methods.interface.CheckingMethod`;
``check_claim`` refuses a name nobody registered and runs a registered method only on a
claim it covers (else ``unknown`` with the method's own reason). ``explore`` is memoized
exploration and says so, with the evaluator runs it simulated; ``enumerate`` runs every
string and never explores. ``auto`` chooses by the methods' estimates (exploration's from a
probe) and keeps its line when the time limit hits.
"""

from __future__ import annotations

import json
import time
from fractions import Fraction

import pytest

from mesaform.proofs.checking.auto import plan
from mesaform.proofs.checking.check import CHECK_METHODS, CheckOptions, check_claim
from mesaform.proofs.checking.outcome import MethodOutcome
from mesaform.proofs.checking.report import report
from mesaform.proofs.methods import enumeration
from mesaform.proofs.methods.interface import Budget, CostEstimate, Family
from mesaform.proofs.methods.registry import (
    REGISTRY,
    method_named,
    method_names,
    register,
    registered,
)
from mesaform.spec.catalogue import CODE_ONES_EVALUATOR, MARKER_KEEPING_EVALUATOR
from mesaform.spec.claims import Claim, LibraryObjective, MesaProgram
from mesaform.spec.machines import TM
from mesaform.spec.objectives import PartialObjective
from mesaform.spec.programs import LEFT, RIGHT, Mesa, Table, Transition, encode
from mesaform.spec.verdicts import Bound, Proved, Refuted, Unknown
from tests.claims_for_tests import code_ones_claim, mesa_code
from tests.cli_helpers import invoke

UNIVERSAL = {"enumerate", "hypothesis"}
"""The methods that cover every claim (by enumerating, by sampling)."""

SCAN_AND_RETURN = encode(
    Table(
        4,
        (
            Transition(0, LEFT, 3),  # A (marker cells going right), 0: the end, turn back
            Transition(1, RIGHT, 1),  # A, 1: a marker, on to its bit
            Transition(0, RIGHT, 0),  # B (bit cells going right)
            Transition(1, RIGHT, 0),
            Transition(0, RIGHT, None),  # C (marker cells going back), 0: left of t, halt
            Transition(0, LEFT, 3),  # C, 1: erase the marker
            Transition(0, LEFT, 2),  # D (bit cells going back)
            Transition(1, LEFT, 2),
        ),
    )
)
"""Scans right over t to its end, then walks back to its start erasing the markers: its
ones are code_ones(t), and every subtree of its runs reads all of t on the way back."""


def sleeping(t: TM) -> Fraction | None:
    """A user mesa side that never returns (within any test's patience)."""
    time.sleep(10**6)
    return None


def sample_claims() -> list[Claim]:
    """Claims of every kind a method may refuse: user sides, order alignment, a nested
    Mesa evaluator, a run-reading base objective over every string, a huge length."""
    exact = code_ones_claim(CODE_ONES_EVALUATOR, 4)
    user = Claim(
        "user",
        "inner-alignment",
        LibraryObjective("code_ones"),
        PartialObjective.from_optional("ones", lambda t: t.count("1")),
        Bound(3, 7),
    )
    order = Claim("order", "order-alignment", exact.base, exact.mesa, exact.bound)
    nested = Claim(
        "nested",
        "inner-alignment",
        exact.base,
        MesaProgram(encode(Mesa(0, 40, mesa_code(CODE_ONES_EVALUATOR, 20), ()))),
        Bound(3, 7),
    )
    busy = Claim("busy", "inner-alignment", LibraryObjective("busyness"), exact.mesa, Bound(3, 7))
    huge = Claim("huge", "inner-alignment", exact.base, exact.mesa, Bound(10**6, 3))
    return [exact, user, order, nested, busy, huge]


def test_an_unknown_method_is_refused_by_name() -> None:
    claim = code_ones_claim(CODE_ONES_EVALUATOR, 2)
    with pytest.raises(ValueError, match="no-such-method"):
        method_named("no-such-method")
    with pytest.raises(ValueError, match="one of auto, enumerate, explore"):
        check_claim(claim, "no-such-method")
    assert ("auto", *method_names()) == CHECK_METHODS
    assert {"enumerate", "explore", "z3", "cvc5", "bitwuzla", "hypothesis"} <= set(method_names())


def test_a_second_method_of_one_name_is_refused() -> None:
    enumerate_method = method_named("enumerate")
    assert register(enumerate_method) is enumerate_method  # the same object: no change

    class Impostor:
        name = "enumerate"
        family: Family = "exhaustive"

        def why_not(self, claim: Claim, options: CheckOptions) -> str | None:
            return None

        def estimate(self, claim: Claim) -> CostEstimate:
            return CostEstimate(0, True, "")

        def decide(self, claim: Claim, options: CheckOptions, budget: Budget) -> MethodOutcome:
            raise AssertionError("never run")

    with pytest.raises(ValueError, match="already registered"):
        register(Impostor())
    assert REGISTRY["enumerate"] is enumerate_method


def test_each_method_says_in_one_line_which_claims_it_cannot_take() -> None:
    claims = sample_claims()
    options = CheckOptions()
    for method in registered():
        reasons = {claim.name: method.why_not(claim, options) for claim in claims}
        for reason in reasons.values():
            assert reason is None or (reason.strip() and "\n" not in reason), method.name
        refused = {name: reason for name, reason in reasons.items() if reason is not None}
        if method.name in UNIVERSAL:
            assert not refused, method.name
            continue
        assert refused, f"{method.name} takes every claim of the sample"
        name, reason = sorted(refused.items())[0]
        if name == "huge":
            continue  # not run: enumerating nothing of it is the point
        (claim,) = [c for c in claims if c.name == name]
        verdict = check_claim(claim, method.name, CheckOptions(timeout_seconds=30)).verdict
        assert isinstance(verdict, Unknown) and verdict.method == method.name
        assert reason in verdict.reason


def test_explore_says_what_it_covered_and_how_many_runs_it_took() -> None:
    claim = code_ones_claim(CODE_ONES_EVALUATOR, 10)
    explored = check_claim(claim, "explore").verdict
    enumerated = check_claim(claim, "enumerate").verdict
    assert isinstance(explored, Proved) and isinstance(enumerated, Proved)
    assert (explored.method, enumerated.method) == ("explore", "enumerate")
    assert explored.checked == enumerated.checked == 2**11 - 1
    assert explored.in_domain == enumerated.in_domain
    assert enumerated.evaluator_runs == enumerated.checked
    assert explored.evaluator_runs is not None and 0 < explored.evaluator_runs < 200
    buggy = code_ones_claim(MARKER_KEEPING_EVALUATOR, 10)
    refuted = {m: check_claim(buggy, m).verdict for m in ("explore", "enumerate")}
    assert all(isinstance(v, Refuted) for v in refuted.values())
    first = {m: (v.counterexample.machines, v.checked) for m, v in refuted.items()}  # type: ignore[union-attr]
    assert first["explore"] == first["enumerate"]
    assert {v.method for v in refuted.values()} == {"explore", "enumerate"}


def test_enumerate_runs_every_string_and_never_explores(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_exploring(*args: object, **kwargs: object) -> MethodOutcome:
        raise AssertionError("enumerate explored")

    monkeypatch.setattr(enumeration, "explore_claim", no_exploring)
    verdict = check_claim(code_ones_claim(CODE_ONES_EVALUATOR, 10), "enumerate").verdict
    assert isinstance(verdict, Proved) and verdict.method == "enumerate"
    assert verdict.evaluator_runs == verdict.checked == 2**11 - 1


def test_the_report_names_the_method_and_its_runs(capsys: pytest.CaptureFixture[str]) -> None:
    claim = code_ones_claim(CODE_ONES_EVALUATOR, 30)
    named = check_claim(claim, "explore")
    chosen = check_claim(claim)
    written = json.loads(json.dumps(report([named, chosen])))["results"]
    assert written[0]["method"] == written[1]["method"] == "explore"
    assert written[0]["checked"] == 2**31 - 1
    assert 0 < written[0]["evaluator_runs"] < 1000
    assert written[0]["auto_choice"] is None
    assert written[1]["auto_choice"].startswith("auto: chose explore because ")
    code, out, _ = invoke(
        capsys, "check", "--method", "explore", "--claim", "code_ones_exact_evaluator_n48"
    )
    assert code == 0
    assert "proved by explore" in out and "strings covered by" in out and "evaluator runs" in out


def test_auto_sets_exploration_aside_where_the_evaluator_comes_back() -> None:
    claim = code_ones_claim(SCAN_AND_RETURN, 30, fuel=8 * 30 + 8)
    chosen = plan(claim, CheckOptions())
    # Crossing-sequence summaries (a solver-family method) measure less work than a query.
    assert [method.name for method, _ in chosen.attempts] == ["crossing"]
    (estimate,) = [found for method, found in chosen.set_aside if method.name == "explore"]
    assert not estimate.fits and "barely merge" in estimate.words
    one_way = plan(code_ones_claim(CODE_ONES_EVALUATOR, 30), CheckOptions())
    assert [method.name for method, _ in one_way.attempts] == ["explore", "crossing"]
    small = check_claim(code_ones_claim(SCAN_AND_RETURN, 8, fuel=72))
    assert isinstance(small.verdict, Proved) and small.verdict.method == "enumerate"
    assert small.choice.startswith("auto: chose enumerate because ")


def test_auto_keeps_its_line_when_the_time_limit_hits(monkeypatch: pytest.MonkeyPatch) -> None:
    claim = Claim(
        "sleeps",
        "inner-alignment",
        LibraryObjective("code_ones"),
        PartialObjective.from_optional("sleeping", sleeping),
        Bound(3, 7),
    )
    options = CheckOptions(timeout_seconds=0.5, limit_every_method=True)
    result = check_claim(claim, "auto", options)
    assert isinstance(result.verdict, Unknown) and result.verdict.method == "enumerate"
    assert result.choice.startswith("auto: chose enumerate because ")
    assert "it ended unknown: timed out" in result.choice
    (record,) = json.loads(json.dumps(report([result])))["results"]
    assert record["auto_choice"] == result.choice

    budgets: list[Budget] = []

    class StandIn:
        """A stand-in for a solver-family method that decides at once."""

        name = "crossing"
        family: Family = "solver"

        def why_not(self, claim: Claim, options: CheckOptions) -> str | None:
            return None

        def estimate(self, claim: Claim) -> CostEstimate:
            return CostEstimate(1, True, "it is a stand-in")

        def decide(self, claim: Claim, options: CheckOptions, budget: Budget) -> MethodOutcome:
            budgets.append(budget)
            return Proved(claim.bound, "crossing", claim.bound.size())

    monkeypatch.setitem(REGISTRY, "crossing", StandIn())
    shared = check_claim(claim, "auto", CheckOptions(timeout_seconds=1.0, limit_every_method=True))
    assert isinstance(shared.verdict, Proved) and shared.verdict.method == "crossing"
    # enumeration had half the limit, and the rest was left to the next method
    assert "tried first: enumerate ended unknown (timed out: its share, 0.5 s" in shared.choice
    (budget,) = budgets
    assert budget.seconds is not None and 0 < budget.seconds <= 0.5
    assert shared.choice.startswith("auto: chose crossing because it is a stand-in")


def test_auto_never_plans_the_verified_family(monkeypatch: pytest.MonkeyPatch) -> None:
    """What ``auto`` does must not depend on whether the extracted checker is built."""

    class Verified:
        name = "verified"
        family: Family = "verified"

        def why_not(self, claim: Claim, options: CheckOptions) -> str | None:
            return None

        def estimate(self, claim: Claim) -> CostEstimate:
            return CostEstimate(0, True, "it is the cheapest of all")

        def decide(self, claim: Claim, options: CheckOptions, budget: Budget) -> MethodOutcome:
            raise AssertionError("auto ran the verified family")

    monkeypatch.setitem(REGISTRY, "verified", Verified())
    claim = code_ones_claim(CODE_ONES_EVALUATOR, 6)
    result = check_claim(claim, "auto")
    assert result.verdict.method != "verified" and "verified" not in result.choice


def test_the_probe_stops_within_its_steps_on_a_run_that_never_halts() -> None:
    rightwards = encode(Table(1, (Transition(0, RIGHT, 0), Transition(1, RIGHT, 0))))
    claim = code_ones_claim(rightwards, 8, fuel=10**9)
    estimate = method_named("explore").estimate(claim)
    assert not estimate.fits
    assert "|t| <= 4 took more than its 65,536 steps" in estimate.words


def test_auto_takes_a_registered_solver_method_by_its_estimate(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Crossing:
        """A stand-in for a solver-family method that fits where the evaluator comes back."""

        name = "crossing"
        family: Family = "solver"

        def why_not(self, claim: Claim, options: CheckOptions) -> str | None:
            return None

        def estimate(self, claim: Claim) -> CostEstimate:
            return CostEstimate(claim.bound.max_length, True, "a summary per cell boundary")

        def decide(self, claim: Claim, options: CheckOptions, budget: Budget) -> MethodOutcome:
            return Proved(claim.bound, "crossing", claim.bound.size())

    monkeypatch.setitem(REGISTRY, "crossing", Crossing())
    claim = code_ones_claim(SCAN_AND_RETURN, 30, fuel=8 * 30 + 8)
    assert [method.name for method, _ in plan(claim, CheckOptions()).attempts] == ["crossing"]
    result = check_claim(claim, "auto")
    assert isinstance(result.verdict, Proved) and result.verdict.method == "crossing"
    assert result.choice.startswith("auto: chose crossing because 2,147,483,647 strings")
    assert result.choice.endswith("a summary per cell boundary")
