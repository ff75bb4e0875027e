"""A catalogue of realistic evaluators: code_ones computed while a KMP automaton tracks a pattern.

The post's mesa-optimizer "evaluate[s] which is the best one according to some
internally represented function U_m"; the evaluators users care about have dozens
of states, not two. This module generates, in one place, a family of such
evaluators and the claims about them that the benchmarks and the tests check.

Each evaluator reads its input ``t`` in pair code (marker ``1``, bit, ..., closing
``0``), erases every marker and keeps every bit, so it halts with ``code_ones(t)``
ones, while a Knuth-Morris-Pratt automaton tracks the longest suffix of the bits
read that is a prefix of a fixed ``pattern``. The *buggy* version writes a ``1``
instead of erasing the marker after each occurrence of the pattern that is
followed by another bit: ``U = U_m`` holds for every ``|t| <= |pattern|`` and fails
from ``|pattern| + 1`` on, first at ``t = pattern + "0"``.

Main definitions:

- :func:`kmp_automaton` -- the pattern's automaton ``delta(j, b)`` on ``0..|p|``;
- :func:`pattern_evaluator` -- the evaluator as a :class:`~mesaform.spec.programs.Table`:
  one-way (``2(|p|+1)`` states, ``2|t| + 1`` steps) or two-way, stepping back one
  cell per input bit (``4(|p|+1)`` states, ``4|t| + 1`` steps);
- :func:`random_pattern` -- a seeded random pattern (24 bits by default);
- :func:`evaluator_fuel`, :func:`pattern_claim` -- the claim "``code_ones`` is inner
  aligned with this evaluator's ``U_m`` on ``|t| <= n``" with enough fuel;
- :func:`first_counterexample` -- the minimal counterexample of a buggy claim.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from mesaform.spec.claims import Claim, LibraryObjective, MesaProgram
from mesaform.spec.machines import TM
from mesaform.spec.programs import LEFT, RIGHT, Mesa, Symbol, Table, Transition, encode
from mesaform.spec.verdicts import Bound

PATTERN_BITS = 24
"""The width of the benchmark family's patterns."""


def kmp_automaton(pattern: str) -> list[tuple[int, int]]:
    """Return ``delta[j] = (delta(j, 0), delta(j, 1))`` for ``j`` in ``0..|pattern|``.

    ``delta(j, b)`` is the length of the longest suffix of ``pattern[:j] + b`` that is
    a prefix of ``pattern``, except that a full match (``j = |pattern|``) continues
    from its longest proper border, as in Knuth-Morris-Pratt.
    """
    if not pattern or any(bit not in "01" for bit in pattern):
        raise ValueError(f"a pattern is a nonempty string of 0 and 1; got {pattern!r}")
    size = len(pattern)
    failure = [0] * (size + 1)
    for j in range(2, size + 1):
        k = failure[j - 1]
        while k > 0 and pattern[k] != pattern[j - 1]:
            k = failure[k]
        failure[j] = k + 1 if pattern[k] == pattern[j - 1] else 0
    delta: list[tuple[int, int]] = []
    for j in range(size + 1):
        row = []
        for bit in "01":
            k = failure[j] if j == size else j
            while k > 0 and pattern[k] != bit:
                k = failure[k]
            row.append(k + 1 if pattern[k] == bit else 0)
        delta.append((row[0], row[1]))
    return delta


def pattern_evaluator(pattern: str, *, buggy: bool = False, two_way: bool = False) -> Table:
    """Return the evaluator computing ``code_ones`` while tracking ``pattern``.

    One-way, states ``A_j = 2j`` (on a marker) and ``B_j = 2j + 1`` (on a bit) for
    each automaton state ``j``: ``A_j`` halts on the closing ``0`` and erases a
    marker, ``B_j`` keeps the bit and moves to ``A_delta(j, bit)``. Two-way, each
    ``j`` has ``A_j, B_j, C_j, D_j``: ``B_j`` keeps the bit and steps back onto the
    erased marker, ``C_j`` steps forward again, ``D_j`` reads the bit a second time
    and moves on. ``buggy``: ``A_|pattern|`` writes ``1`` on the marker it reads
    (the pattern just occurred and another bit follows) instead of erasing it.
    """
    delta = kmp_automaton(pattern)
    size = len(pattern)
    per = 4 if two_way else 2
    transitions: list[Transition] = []
    for j in range(size + 1):
        marker: Symbol = 1 if buggy and j == size else 0
        # A_j: the closing 0 halts; a marker is erased (or kept, the bug) and B_j reads the bit.
        transitions += [Transition(0, RIGHT, None), Transition(marker, RIGHT, per * j + 1)]
        if two_way:
            # B_j: keep the bit, step back; C_j: step forward over the marker cell unchanged.
            transitions += [Transition(0, LEFT, per * j + 2), Transition(1, LEFT, per * j + 2)]
            transitions += [Transition(0, RIGHT, per * j + 3), Transition(1, RIGHT, per * j + 3)]
        # B_j (one-way) or D_j (two-way): keep the bit and follow the automaton.
        transitions += [
            Transition(0, RIGHT, per * delta[j][0]),
            Transition(1, RIGHT, per * delta[j][1]),
        ]
    return Table(per * (size + 1), tuple(transitions))


def evaluator_fuel(max_length: int, *, two_way: bool = False) -> int:
    """Return the steps the evaluator needs on every ``|t| <= max_length``: ``2n+1`` or ``4n+1``."""
    return (4 if two_way else 2) * max_length + 1


def random_pattern(seed: int, bits: int = PATTERN_BITS) -> str:
    """Return a random pattern of ``bits`` bits drawn from ``random.Random(seed)``."""
    return format(random.Random(seed).getrandbits(bits), f"0{bits}b")


@dataclass(frozen=True)
class PatternEvaluator:
    """One member of the family: a pattern, exact or buggy, one-way or two-way."""

    pattern: str
    buggy: bool = False
    two_way: bool = False

    @property
    def table(self) -> Table:
        """Return the evaluator's table."""
        return pattern_evaluator(self.pattern, buggy=self.buggy, two_way=self.two_way)

    @property
    def name(self) -> str:
        """Return a short name, e.g. ``kmp_buggy_two_way_010...``."""
        kind = "buggy" if self.buggy else "exact"
        way = "two_way" if self.two_way else "one_way"
        return f"kmp_{kind}_{way}_{self.pattern}"

    def holds_at(self, max_length: int) -> bool:
        """Return whether the claim holds on ``|t| <= max_length`` (exact, or short enough)."""
        return not self.buggy or max_length <= len(self.pattern)


def pattern_claim(evaluator: PatternEvaluator, max_length: int) -> Claim:
    """Return "``code_ones`` is inner aligned with ``evaluator``'s ``U_m`` on ``|t| <= n``".

    The Mesa program's internal fuel is :func:`evaluator_fuel` (every ``t`` of the
    bound is in ``dom(U_m)``); its candidates do not enter ``U_m``.
    """
    fuel = evaluator_fuel(max_length, two_way=evaluator.two_way)
    mesa = Mesa(1, fuel, encode(evaluator.table), (TM("0110"),))
    holds = evaluator.holds_at(max_length)
    return Claim(
        name=f"{evaluator.name}_n{max_length}",
        predicate="inner-alignment",
        base=LibraryObjective("code_ones"),
        mesa=MesaProgram(encode(mesa)),
        bound=Bound(max_length, fuel),
        expect="holds" if holds else "fails",
        description=(
            f"code_ones against a {evaluator.table.states}-state evaluator tracking the pattern "
            f"{evaluator.pattern}{' with a seeded bug' if evaluator.buggy else ''}"
        ),
    )


def first_counterexample(evaluator: PatternEvaluator) -> TM | None:
    """Return the minimal counterexample of a buggy claim (``pattern + "0"``), else ``None``."""
    return TM(evaluator.pattern + "0") if evaluator.buggy else None


def family(seeds: range | list[int], bits: int = PATTERN_BITS) -> list[PatternEvaluator]:
    """Return, for each seed, the exact and buggy, one-way and two-way evaluators."""
    return [
        PatternEvaluator(random_pattern(seed, bits), buggy, two_way)
        for seed in seeds
        for two_way in (False, True)
        for buggy in (False, True)
    ]
