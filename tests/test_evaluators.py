"""The evaluator families (KMP, and the turning ones): each member computes what its
docstring says, on every short t."""

import pytest

from mesaform.model.evaluators import (
    TURNING_KINDS,
    PatternEvaluator,
    TurningEvaluator,
    evaluator_fuel,
    family,
    first_counterexample,
    kmp_automaton,
    pattern_claim,
    pattern_evaluator,
    random_pattern,
    turning_claim,
    turning_evaluator,
    turning_fuel,
)
from mesaform.spec.interpreter import run
from mesaform.spec.machines import machines_up_to
from mesaform.spec.programs import encode
from mesaform.spec.results import Halted


def occurrences_followed(t: str, pattern: str) -> int:
    """Occurrences of ``pattern`` in ``t`` that another bit of ``t`` follows."""
    return sum(1 for i in range(len(t) - len(pattern)) if t[i : i + len(pattern)] == pattern)


def longest_border_state(read: str, pattern: str) -> int:
    """The automaton's state after ``read``, by its definition (no failure function)."""
    state = 0
    for bit in read:
        text = (pattern[:state] if state < len(pattern) else pattern) + bit
        if state == len(pattern):
            text = text[1:]  # a full match continues from a proper border
        state = max(k for k in range(len(pattern) + 1) if text.endswith(pattern[:k]))
    return state


@pytest.mark.parametrize("pattern", ["0", "1", "01", "110", "1011", "0000", "10100"])
def test_kmp_automaton_follows_the_longest_border(pattern: str) -> None:
    delta = kmp_automaton(pattern)
    for read in machines_up_to(8):
        state = 0
        for bit in read:
            state = delta[state][int(bit)]
        assert state == longest_border_state(read, pattern)


@pytest.mark.parametrize("pattern", ["0", "1", "01", "110", "1011", "0000"])
@pytest.mark.parametrize("buggy", [False, True])
@pytest.mark.parametrize("two_way", [False, True])
def test_evaluator_computes_code_ones_plus_the_seeded_bug(
    pattern: str, buggy: bool, two_way: bool
) -> None:
    code = encode(pattern_evaluator(pattern, buggy=buggy, two_way=two_way))
    for t in machines_up_to(8):
        result = run(code, t, evaluator_fuel(len(t), two_way=two_way))
        assert isinstance(result, Halted)
        assert result.steps == evaluator_fuel(len(t), two_way=two_way)
        assert result.ones == t.count("1") + (occurrences_followed(t, pattern) if buggy else 0)


def test_family_sizes_and_counterexample() -> None:
    members = family(range(2))
    assert len(members) == 8
    assert {m.table.states for m in members} == {50, 100}
    pattern = random_pattern(3)
    assert len(pattern) == 24 and pattern == random_pattern(3)
    buggy = PatternEvaluator(pattern, buggy=True)
    assert first_counterexample(buggy) == pattern + "0"
    assert first_counterexample(PatternEvaluator(pattern)) is None
    assert pattern_claim(buggy, 24).expect == "holds"
    assert pattern_claim(buggy, 25).expect == "fails"
    assert pattern_claim(PatternEvaluator(pattern, two_way=True), 30).bound.fuel == 121


def test_bad_pattern_is_refused() -> None:
    with pytest.raises(ValueError, match="pattern"):
        kmp_automaton("")
    with pytest.raises(ValueError, match="pattern"):
        kmp_automaton("012")


# -- the turning families: scan t, then walk back to the start ------------------------------


@pytest.mark.parametrize("kind", TURNING_KINDS)
@pytest.mark.parametrize("pattern", ["0", "1", "01", "110", "1011"])
def test_turning_evaluators_compute_code_ones_in_their_fuel(kind: str, pattern: str) -> None:
    exact = encode(turning_evaluator(kind, pattern))
    buggy = encode(turning_evaluator(kind, pattern, buggy=True))
    for t in machines_up_to(8):
        fuel = turning_fuel(kind, len(t))
        result = run(exact, t, fuel)
        assert isinstance(result, Halted)
        assert result.steps == fuel  # exactly: the fuel is what every t of the bound needs
        assert result.ones == t.count("1")
        wrong = run(buggy, t, fuel)
        assert isinstance(wrong, Halted)
        if kind == "copy_compare":
            seeded = t.startswith("1") and t.endswith(pattern)
            assert wrong.ones == t.count("1") + (1 if seeded else 0)
        else:
            seeded = occurrences_followed(t, pattern) > 0
            assert (wrong.ones > t.count("1")) == seeded


def test_turning_family_sizes_and_claims() -> None:
    assert turning_evaluator("scan_return", "1").states == 6
    assert turning_evaluator("scan_return", "0" * 6).states == 16
    assert turning_evaluator("scan_return", "0" * 23).states == 50
    assert turning_evaluator("zig_zag", "0" * 11).states == 50
    assert turning_evaluator("copy_compare", "0" * 10).states == 50
    claim = turning_claim(TurningEvaluator("zig_zag", "01", buggy=True), 5)
    assert claim.bound.fuel == 33 and "seeded bug" in claim.description
    with pytest.raises(ValueError, match="kind"):
        turning_evaluator("sideways", "01")
