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


# -- evaluators that turn back: scan the input, then walk back to the start -----------------

TURNING_KINDS = ("scan_return", "zig_zag", "copy_compare")
"""The turning families: a scan-and-return counter, a zig-zag, a copy-and-compare."""


def _turning_transitions(
    kind: str, pattern: str, buggy: bool
) -> tuple[list[tuple[Transition, Transition]], int]:
    """Return each state's two transitions (a state's index is its place) and its walker."""
    delta = kmp_automaton(pattern)
    size = len(pattern)
    rows: list[tuple[Transition, Transition]] = []
    if kind in ("scan_return", "zig_zag"):
        per = 2 if kind == "scan_return" else 4
        walker = per * (size + 1)
        for j in range(size + 1):
            marker: Symbol = 0 if buggy and j == size else 1
            # On a marker cell: the closing 0 turns back; a marker is kept (erased: the bug).
            rows.append((Transition(0, LEFT, walker), Transition(marker, RIGHT, per * j + 1)))
            if kind == "zig_zag":
                # Keep the bit and step back; step forward over the marker cell unchanged.
                rows.append((Transition(0, LEFT, per * j + 2), Transition(1, LEFT, per * j + 2)))
                rows.append((Transition(0, RIGHT, per * j + 3), Transition(1, RIGHT, per * j + 3)))
            rows.append(
                (
                    Transition(0, RIGHT, per * delta[j][0]),
                    Transition(1, RIGHT, per * delta[j][1]),
                )
            )
        # The walker: keep a bit; erase a marker; the blank left of cell 0 halts.
        rows.append((Transition(0, LEFT, walker + 1), Transition(1, LEFT, walker + 1)))
        rows.append((Transition(0, LEFT, None), Transition(0, LEFT, walker)))
        return rows, walker
    if kind != "copy_compare":
        raise ValueError(f"kind is one of {', '.join(TURNING_KINDS)}; got {kind!r}")

    # States: 0 on marker 0, 1 on bit 0; then per first bit f and automaton state j, a
    # marker state 2 + 2(f(size+1) + j) and a bit state after it; then the walkers.
    def scan(f: int, j: int) -> int:
        return 2 + 2 * (f * (size + 1) + j)

    walker = scan(2, 0)  # W_bit(r) = walker + 2r, W_mark(r) = walker + 2r + 1
    rows.append((Transition(0, LEFT, walker), Transition(1, RIGHT, 1)))
    rows.append(
        (Transition(0, RIGHT, scan(0, delta[0][0])), Transition(1, RIGHT, scan(1, delta[0][1])))
    )
    for f in (0, 1):
        for j in range(size + 1):
            same = 1 if f == 1 and j == size else 0
            rows.append(
                (Transition(0, LEFT, walker + 2 * same), Transition(1, RIGHT, scan(f, j) + 1))
            )
            rows.append(
                (
                    Transition(0, RIGHT, scan(f, delta[j][0])),
                    Transition(1, RIGHT, scan(f, delta[j][1])),
                )
            )
    for r in (0, 1):
        rows.append(
            (Transition(0, LEFT, walker + 2 * r + 1), Transition(1, LEFT, walker + 2 * r + 1))
        )
        keep: Symbol = 1 if buggy and r == 1 else 0
        after = walker if buggy and r == 1 else walker + 2 * r
        rows.append((Transition(0, LEFT, None), Transition(keep, LEFT, after)))
    return rows, walker


def turning_evaluator(kind: str, pattern: str, *, buggy: bool = False) -> Table:
    """Return an evaluator that scans ``t`` and walks back to the start, computing ``code_ones``.

    All three read the input rightwards, keeping the markers, turn at the closing ``0``
    and walk back to the start, erasing each marker and keeping each bit, and halt on
    the blank left of cell 0 (so every crossing sequence on the input has a state going
    right and one coming back):

    - ``scan_return``: the scan runs the KMP automaton of ``pattern`` (``2(|p| + 1) + 2``
      states, ``4|t| + 3`` steps); ``buggy`` erases the marker after an occurrence of the
      pattern followed by another bit, so the walk back stops there, first at
      ``t = pattern + "0"``;
    - ``zig_zag``: the same, stepping back one cell and forward again at each bit
      (``4(|p| + 1) + 2`` states, ``6|t| + 3`` steps), with the same bug;
    - ``copy_compare``: the scan carries ``t``'s first bit to the end and compares it with
      whether ``t`` ends with ``pattern``; the walk back carries the answer
      (``4|p| + 10`` states, ``4|t| + 3`` steps); ``buggy`` keeps the last marker when
      ``t`` starts with ``1`` and ends with the pattern.
    """
    rows, _ = _turning_transitions(kind, pattern, buggy)
    return Table(len(rows), tuple(t for row in rows for t in row))


def turning_fuel(kind: str, max_length: int) -> int:
    """Return the steps a turning evaluator needs on every ``|t| <= max_length``."""
    return (6 if kind == "zig_zag" else 4) * max_length + 3


@dataclass(frozen=True)
class TurningEvaluator:
    """One member of a turning family: its kind, pattern, and whether it is buggy."""

    kind: str
    pattern: str
    buggy: bool = False

    @property
    def table(self) -> Table:
        """Return the evaluator's table."""
        return turning_evaluator(self.kind, self.pattern, buggy=self.buggy)

    @property
    def name(self) -> str:
        """Return a short name, e.g. ``scan_return_buggy_0110``."""
        return f"{self.kind}_{'buggy' if self.buggy else 'exact'}_{self.pattern}"


def turning_claim(evaluator: TurningEvaluator, max_length: int) -> Claim:
    """Return "``code_ones`` is inner aligned with ``evaluator``'s ``U_m`` on ``|t| <= n``",
    with the internal fuel every ``t`` of the bound needs."""
    fuel = turning_fuel(evaluator.kind, max_length)
    table = evaluator.table
    mesa = Mesa(1, fuel, encode(table), (TM("0110"),))
    return Claim(
        name=f"{evaluator.name}_n{max_length}",
        predicate="inner-alignment",
        base=LibraryObjective("code_ones"),
        mesa=MesaProgram(encode(mesa)),
        bound=Bound(max_length, fuel),
        description=(
            f"code_ones against a {table.states}-state {evaluator.kind.replace('_', '-')} "
            f"evaluator tracking {evaluator.pattern}"
            f"{' with a seeded bug' if evaluator.buggy else ''}"
        ),
    )
