"""Tests of crossing-sequence summaries (mesaform.proofs.methods.crossing).

The method's invariant (docs/solvers.md#crossing-sequences): the finals of the scan are,
for each length and value ``U_m(t) - code_ones(t)``, exactly the strings in ``dom(U_m)``
with that value, with the least of them. Tested against the reference interpreter string
by string, against enumeration on random tables (verdict and least counterexample), on
the turning families, and for soundness: a run over the cap is unknown, never proved.
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import cast

import pytest

from mesaform.model.evaluators import (
    TURNING_KINDS,
    TurningEvaluator,
    random_pattern,
    turning_claim,
    turning_evaluator,
)
from mesaform.proofs.checking.check import check_claim
from mesaform.proofs.checking.outcome import Found, MethodOutcome
from mesaform.proofs.methods.crossing import (
    CrossingStatistics,
    crossing_applies,
    crossing_claim,
    summarize,
)
from mesaform.proofs.methods.enumeration import enumerate_claim
from mesaform.spec.claims import Claim, LibraryObjective, MesaProgram
from mesaform.spec.interpreter import run
from mesaform.spec.machines import TM, machines_up_to
from mesaform.spec.programs import Mesa, Move, Symbol, Table, Transition, encode
from mesaform.spec.results import Halted
from mesaform.spec.verdicts import Bound, Proved, Refuted, Unknown

PREDICATES = ("inner-alignment", "approximate-alignment", "order-alignment")


def random_table(rng: random.Random, states: int, one_way: bool) -> Table:
    """A random table; one time in three its transitions are cut short (missing: 1RZ)."""
    transitions = tuple(
        Transition(
            cast(Symbol, rng.randint(0, 1)),
            cast(Move, 1 if one_way else rng.randint(0, 1)),
            rng.choice([None, *range(states), *range(states)]),
        )
        for _ in range(2 * states)
    )
    if rng.random() < 1 / 3:
        transitions = transitions[: rng.randint(0, len(transitions))]
    return Table(states, transitions)


def random_evaluator(rng: random.Random) -> TM:
    """A random evaluator code: a table of up to 5 states, or a Mesa program around one."""
    table = encode(random_table(rng, rng.randint(1, 5), rng.random() < 0.3))
    if rng.random() < 0.2:
        inner = Mesa(2, rng.randint(0, 20), table, (TM("0110"), TM("1")))
        return encode(inner)
    return table


def claim_of(
    evaluator: TM, fuel: int, n: int, predicate: str, epsilon: Fraction | None = None
) -> Claim:
    mesa = Mesa(1, fuel, evaluator, (TM("0110"),))
    return Claim(
        name="random",
        predicate=predicate,  # type: ignore[arg-type]
        base=LibraryObjective("code_ones"),
        mesa=MesaProgram(encode(mesa)),
        bound=Bound(n, fuel),
        epsilon=epsilon,
    )


def answer(outcome: MethodOutcome) -> tuple[object, ...]:
    """The verdict and, when refuted, the counterexample (the least one)."""
    if isinstance(outcome, Found):
        return ("refuted", outcome.machines)
    return (outcome.verdict,)


def differential(seed: int, tables: int, budget: int) -> tuple[int, int]:
    """Compare crossing with enumeration on ``tables`` random claims at every n <= 8;
    return (claims compared, claims unknown to crossing); fail on any disagreement."""
    rng = random.Random(seed)
    compared = unknown = 0
    for _ in range(tables):
        evaluator = random_evaluator(rng)
        fuel = rng.randint(0, 30)
        predicate = rng.choice(PREDICATES)
        epsilon = Fraction(rng.randint(0, 4), 2) if predicate == "approximate-alignment" else None
        for n in range(9):
            claim = claim_of(evaluator, fuel, n, predicate, epsilon)
            crossed = crossing_claim(claim, budget=budget)
            if isinstance(crossed, Unknown):
                unknown += 1
                continue
            enumerated = enumerate_claim(claim, memoize=False, workers=1)
            assert answer(crossed) == answer(enumerated), (str(evaluator), fuel, n, predicate)
            compared += 1
    return compared, unknown


def test_agrees_with_enumeration_on_random_tables() -> None:
    compared, unknown = differential(seed=7, tables=40, budget=20_000)
    assert unknown <= compared // 10


@pytest.mark.slow
def test_agrees_with_enumeration_on_2000_random_tables() -> None:
    compared, unknown = differential(seed=2026, tables=2000, budget=50_000)
    assert compared + unknown == 2000 * 9
    assert unknown <= compared // 10


def test_finals_are_every_halting_run_with_its_least_string() -> None:
    """The invariant itself: per length and value, the least string in dom(U_m)."""
    rng = random.Random(11)
    for _ in range(40):
        table = random_table(rng, rng.randint(1, 4), rng.random() < 0.2)
        fuel = rng.randint(1, 24)
        n = 6
        finals = summarize(table, fuel, n, order=True)
        assert finals is not None
        expected: dict[tuple[tuple[int, int], int], int] = {}
        for t in machines_up_to(n):
            result = run(table, t, fuel)
            if isinstance(result, Halted):
                ones = str(t).count("1")
                key = ((result.ones - ones, ones), len(t))
                expected.setdefault(key, (1 << len(t)) + (int(str(t), 2) if str(t) else 0))
        assert finals == expected, (table, fuel)


@pytest.mark.parametrize("kind", TURNING_KINDS)
@pytest.mark.parametrize("buggy", [False, True])
def test_turning_families_agree_with_enumeration(kind: str, buggy: bool) -> None:
    member = TurningEvaluator(kind, "0110", buggy)
    for n in (0, 3, 5, 7):
        claim = turning_claim(member, n)
        assert answer(crossing_claim(claim)) == answer(enumerate_claim(claim, memoize=False))


def test_turning_family_far_past_enumeration() -> None:
    """A 50-state scan-and-return evaluator at n = 64: proved, and its buggy twin refuted
    at pattern + "0" (replayed by the checker)."""
    pattern = random_pattern(0, 23)
    exact = turning_claim(TurningEvaluator("scan_return", pattern), 64)
    assert isinstance(check_claim(exact, "crossing").verdict, Proved)
    buggy = turning_claim(TurningEvaluator("scan_return", pattern, buggy=True), 64)
    verdict = check_claim(buggy, "crossing").verdict
    assert isinstance(verdict, Refuted)
    assert verdict.counterexample.machines == (TM(pattern + "0"),)


def test_a_run_over_the_cap_is_unknown_never_proved() -> None:
    """The zig-zag crosses the boundary inside each bit four times: with the cap at 2 the
    claim is unknown (and the cap is named), with the cap free it is proved."""
    claim = turning_claim(TurningEvaluator("zig_zag", "01"), 4)
    statistics = CrossingStatistics()
    capped = crossing_claim(claim, max_cap=2, statistics=statistics)
    assert isinstance(capped, Unknown)
    assert "longer than 2 states" in capped.reason
    free = CrossingStatistics()
    assert isinstance(crossing_claim(claim, statistics=free), Proved)
    assert free.cap >= 4
    # A buggy twin over the cap is unknown too: no counterexample is claimed least.
    buggy = turning_claim(TurningEvaluator("zig_zag", "01", buggy=True), 4)
    assert isinstance(crossing_claim(buggy, max_cap=2), Unknown)


def test_a_sequence_longer_than_the_first_cap_raises_it() -> None:
    """A table that walks left and right over its first cells many times: its crossing
    sequences are longer than the first cap, which is raised, and the verdict agrees."""
    # State A: write 1, move right to B; B: move left to A on 1 ... a short ping-pong.
    table = turning_evaluator("zig_zag", "1")
    claim = claim_of(encode(table), 40, 6, "inner-alignment")
    statistics = CrossingStatistics()
    outcome = crossing_claim(claim, statistics=statistics)
    assert answer(outcome) == answer(enumerate_claim(claim, memoize=False))


def test_budget_gives_unknown() -> None:
    claim = turning_claim(TurningEvaluator("copy_compare", "0110"), 12)
    outcome = crossing_claim(claim, budget=10)
    assert isinstance(outcome, Unknown)
    assert "budget" in outcome.reason


def test_every_t_through_the_small_model_theorem() -> None:
    """A claim for every t is decided on the theorem's bounded claim, as enumeration does."""
    for fuel in (9, 14):
        for buggy in (False, True):
            table = turning_evaluator("scan_return", "1", buggy=buggy)
            mesa = Mesa(1, fuel, encode(table), (TM("0110"),))
            claim = Claim(
                name="every",
                predicate="inner-alignment",
                base=LibraryObjective("code_ones"),
                mesa=MesaProgram(encode(mesa)),
                bound=Bound(0, fuel, every_length=True),
            )
            crossed = check_claim(claim, "crossing").verdict
            enumerated = check_claim(claim, "enumerate").verdict
            assert crossed.verdict == enumerated.verdict
            if isinstance(crossed, Refuted):
                assert isinstance(enumerated, Refuted)
                assert crossed.counterexample.machines == enumerated.counterexample.machines


def test_scope() -> None:
    claim = turning_claim(TurningEvaluator("scan_return", "01"), 3)
    assert crossing_applies(claim) is None
    assert crossing_applies(claim, find_all=True) is not None
    from dataclasses import replace

    assert crossing_applies(replace(claim, base=LibraryObjective("productivity"))) is not None
    with pytest.raises(ValueError):
        crossing_claim(replace(claim, base=LibraryObjective("productivity")))
