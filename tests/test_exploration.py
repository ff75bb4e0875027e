"""Memoized exploration against plain enumeration: same verdicts, counterexamples and counts."""

import random
from fractions import Fraction
from typing import cast

import pytest

from mesaform.model.evaluators import PatternEvaluator, first_counterexample, pattern_claim
from mesaform.proofs.checking.check import check_claim
from mesaform.proofs.checking.code_ones import code_ones_claim as bundled_claim
from mesaform.proofs.checking.outcome import Found, MethodOutcome
from mesaform.proofs.methods.enumeration import enumerate_claim
from mesaform.proofs.methods.exploration import Statistics, exploration_applies, explore_claim, rank
from mesaform.spec.catalogue import CODE_ONES_EVALUATOR, DOUBLING_EVALUATOR, PARTIAL_EVALUATOR
from mesaform.spec.claims import Claim, LibraryObjective, MesaProgram, Predicate
from mesaform.spec.machines import TM
from mesaform.spec.programs import Mesa, Move, Symbol, Table, Transition, encode
from mesaform.spec.verdicts import Bound, Proved, Refuted
from tests.claims_for_tests import code_ones_claim, mesa_code


def summary(outcome: MethodOutcome | None) -> tuple[object, ...]:
    assert outcome is not None
    if isinstance(outcome, Found):
        return ("found", outcome.machines, outcome.checked)
    assert isinstance(outcome, Proved)
    return ("proved", outcome.checked, outcome.in_domain)


def random_table(rng: random.Random, states: int) -> Table:
    transitions = []
    for _ in range(2 * states):
        following = rng.randrange(states + 1)
        transitions.append(
            Transition(
                cast(Symbol, rng.randrange(2)),
                cast(Move, rng.randrange(2)),
                following if following < states else None,
            )
        )
    cut = rng.randrange(2 * states + 1) if rng.random() < 0.2 else 2 * states
    return Table(states, tuple(transitions[:cut]))


def random_claim(rng: random.Random) -> Claim:
    table = random_table(rng, rng.randrange(5))
    n = rng.randrange(8)
    fuel = rng.randrange(4 * n + 8)
    evaluator = encode(table)
    if rng.random() < 0.15:  # a Mesa evaluator: reduced to the table it acts like
        evaluator = encode(Mesa(1, fuel, CODE_ONES_EVALUATOR, (evaluator,)))
    predicate: Predicate = rng.choice(["inner-alignment", "approximate-alignment"])
    epsilon = Fraction(rng.randrange(3), rng.randrange(1, 3))
    return Claim(
        "random",
        predicate,
        LibraryObjective("code_ones"),
        MesaProgram(mesa_code(evaluator, fuel)),
        Bound(n, 2 * n + 1),
        epsilon=epsilon if predicate == "approximate-alignment" else None,
    )


@pytest.mark.parametrize("seed", range(4))
def test_exploration_agrees_with_enumeration_on_random_claims(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(80):
        claim = random_claim(rng)
        plain = enumerate_claim(claim, memoize=False)
        assert summary(explore_claim(claim)) == summary(plain), claim


@pytest.mark.parametrize("evaluator", [CODE_ONES_EVALUATOR, DOUBLING_EVALUATOR, PARTIAL_EVALUATOR])
@pytest.mark.parametrize("n", [0, 1, 5, 9])
def test_exploration_agrees_on_the_test_evaluators(evaluator: TM, n: int) -> None:
    for predicate in ("inner-alignment", "approximate-alignment"):
        claim = code_ones_claim(evaluator, n)
        if predicate == "approximate-alignment":
            claim = Claim(
                "approx", predicate, claim.base, claim.mesa, claim.bound, epsilon=Fraction(3, 2)
            )
        assert summary(explore_claim(claim)) == summary(enumerate_claim(claim, memoize=False))


@pytest.mark.parametrize("two_way", [False, True])
@pytest.mark.parametrize("buggy", [False, True])
def test_evaluator_family_small_patterns(two_way: bool, buggy: bool) -> None:
    evaluator = PatternEvaluator("1101", buggy=buggy, two_way=two_way)
    for n in (4, 5, 9):
        claim = pattern_claim(evaluator, n)
        explored = explore_claim(claim)
        assert summary(explored) == summary(enumerate_claim(claim, memoize=False))
        if evaluator.holds_at(n):
            assert isinstance(explored, Proved)
        else:
            assert isinstance(explored, Found)
            assert explored.machines == (first_counterexample(evaluator),)


def test_exploration_collapses_the_tree() -> None:
    """The 50-state evaluator at n = 64: a few thousand subtrees for 2^65 - 1 strings."""
    statistics = Statistics()
    claim = pattern_claim(PatternEvaluator("110100111010010111000101", buggy=True), 64)
    outcome = explore_claim(claim, statistics=statistics)
    assert isinstance(outcome, Found)
    assert outcome.machines == ("1101001110100101110001010",)
    assert outcome.checked == rank("1101001110100101110001010")
    assert statistics.explored < 2000
    proved = explore_claim(bundled_claim(300))
    assert isinstance(proved, Proved)
    assert proved.checked == proved.in_domain == 2**301 - 1


def test_budget_and_scope() -> None:
    claim = code_ones_claim(DOUBLING_EVALUATOR, 12)
    assert explore_claim(claim, budget=10) is None
    assert exploration_applies(claim) is None
    assert exploration_applies(claim, find_all=True) is not None
    order = Claim("o", "order-alignment", claim.base, claim.mesa, claim.bound)
    assert exploration_applies(order) is not None
    busy = Claim("b", "inner-alignment", LibraryObjective("busyness"), claim.mesa, claim.bound)
    assert exploration_applies(busy) is not None
    with pytest.raises(ValueError, match="does not apply"):
        explore_claim(order)


def test_rank_counts_the_strings_up_to_t() -> None:
    assert [rank(t) for t in ("", "0", "1", "00", "11")] == [1, 2, 3, 4, 7]


def test_auto_refutes_far_past_enumeration_and_says_why() -> None:
    evaluator = PatternEvaluator("10110", buggy=True, two_way=True)
    result = check_claim(pattern_claim(evaluator, 64))
    assert isinstance(result.verdict, Refuted)
    assert result.verdict.counterexample.machines == ("101100",)
    assert "memoized exploration" in result.choice
    exact = check_claim(pattern_claim(PatternEvaluator("10110"), 64))
    assert isinstance(exact.verdict, Proved) and exact.verdict.checked == 2**65 - 1
