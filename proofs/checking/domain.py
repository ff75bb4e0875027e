"""How far ``dom(U_m)`` reaches: the longest string a verdict's claim says anything of.

A claim speaks only of ``t ∈ dom(U_m)`` (docs/semantics.md#claims), so a claim proved
for every ``|t| ≤ n`` holds *vacuously* at every length past the longest ``t`` in
``dom(U_m)``. Each verdict reports that length as ``dom_longest``
(:data:`mesaform.spec.verdicts.DomLongest`), taken from what its method counted where
it counted enough, else computed here.

For a Mesa program with internal fuel ``f`` the small-model reasoning
(docs/semantics.md#small-model) bounds it: with ``h = ⌈f/2⌉``, a string ``t`` with
``|t| ≥ h`` is in ``dom(U_m)`` iff ``t[:h]`` is. So ``dom(U_m)`` either has strings of
every length ``≥ h`` (when it has one of length ``h``) or none longer than ``h - 1``:
a finite ``dom(U_m)`` never reaches ``|t| = ⌈f/2⌉``. The same holds of the strings of
a bound past its fixed header (``tables_only``: ``0``; ``states = k``: ``0 1^k 0``).

Main definitions:

- :func:`dom_longest` -- a verdict's ``dom_longest`` for its claim;
- :func:`longest_in_domain` -- the greatest ``|t| ≤ top`` of the bound in ``dom(U_m)``;
- :func:`every_length_longest` -- the same over all of TM, from a bounded claim's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from fractions import Fraction

from mesaform.model.engine import evaluator_outcomes
from mesaform.proofs.checking.outcome import MethodTimedOut, time_limit
from mesaform.proofs.methods.exploration import (
    UNDEFINED,
    exploration_applies,
    explore_claim,
    reduce_to_table,
)
from mesaform.spec.claims import Claim, LibraryObjective, MesaProgram
from mesaform.spec.programs import Mesa, Table, decode
from mesaform.spec.verdicts import (
    Bound,
    DomLongest,
    NotRefuted,
    Proved,
    Refuted,
    Unknown,
    Verdict,
    bits_of,
)

SCAN_BUDGET = 1 << 17
"""At most this many strings are run one by one (a user function, in Python) to find the
longest in ``dom(U_m)``."""

COMPILED_SCAN_BUDGET = 1 << 24
"""... and at most this many by the compiled engine (a Mesa program's evaluator)."""

BLOCK = 1 << 16
"""The compiled engine runs the evaluator on blocks of this many strings at a time."""

USER_SECONDS = 2.0
"""A user function's ``U_m`` is run for at most this long to find the longest string of
``dom(U_m)`` (past it, ``"unknown"``); never after a method that ended unknown."""

MESA_SECONDS = 2.0
"""... and a Mesa program's, by exploration and the compiled engine, this long."""

EXPLORATION_BUDGET = 1 << 18
"""Memoized exploration counts ``dom(U_m)`` up to a length within this many steps."""


def mesa_fuel(claim: Claim) -> int | None:
    """Return the internal fuel ``f`` of the claim's Mesa program, or ``None``."""
    if not isinstance(claim.mesa, MesaProgram):
        return None
    program = decode(claim.mesa.code)
    return program.fuel if isinstance(program, Mesa) else None


def prefix_length(claim: Claim) -> int | None:
    """Return ``m``: past it, a length of the bound meets ``dom(U_m)`` iff length ``m`` does.

    ``m = max(⌈f/2⌉, header)`` for a Mesa program with internal fuel ``f``, the header
    being what the bound fixes (``tables_only``: 1 bit, ``states = k``: ``k + 2``);
    ``None`` for a user function (nothing is known).
    """
    fuel = mesa_fuel(claim)
    if fuel is None:
        return None
    bound = claim.bound
    header = 0
    if bound.states is not None:
        header = bound.states + 2
    elif bound.tables_only:
        header = 1
    return max((fuel + 1) // 2, header)


class _Counter:
    """Answers "does the bound have a string of length ``L`` in ``dom(U_m)``?"."""

    def __init__(self, claim: Claim) -> None:
        self.claim = claim
        self.mesa = claim.mesa_objective()
        self.counts: dict[int, int | None] = {-1: 0}
        fuel = mesa_fuel(claim)
        bound = claim.bound
        self.explorable = fuel is not None and not bound.tables_only and bound.states is None
        self.evaluator: Table | str | None = None
        self.fuel_left = 0
        if fuel is not None:
            assert isinstance(claim.mesa, MesaProgram)
            program = decode(claim.mesa.code)
            assert isinstance(program, Mesa)
            self.evaluator, self.fuel_left = reduce_to_table(program.evaluator, program.fuel)
        self.budget = SCAN_BUDGET if self.evaluator is None else COMPILED_SCAN_BUDGET

    def count_up_to(self, length: int) -> int | None:
        """Return how many strings ``|t| ≤ length`` lie in ``dom(U_m)`` (exploration)."""
        if length not in self.counts:
            self.counts[length] = None
            # dom(U_m) does not depend on U: ask about a claim that cannot fail.
            fuel = mesa_fuel(self.claim) or 0
            probe = replace(
                self.claim,
                predicate="approximate-alignment",
                base=LibraryObjective("code_ones"),
                epsilon=Fraction(length + fuel + 1),
                bound=Bound(length, self.claim.bound.fuel),
            )
            if exploration_applies(probe) is None:
                outcome = explore_claim(probe, budget=EXPLORATION_BUDGET)
                if isinstance(outcome, Proved) and outcome.in_domain is not None:
                    self.counts[length] = outcome.in_domain
                else:
                    self.explorable = False  # over its budget: shorter bounds are tried no more
        return self.counts[length]

    def meets(self, length: int) -> bool | None:
        """Return whether some string of ``length`` bits of the bound is in ``dom(U_m)``."""
        if self.explorable:
            upto = self.count_up_to(length)
            below = self.count_up_to(length - 1) if self.explorable else None
            if upto is not None and below is not None:
                return upto > below
        strings = self.claim.bound.count_of_length(length)
        if strings > self.budget:
            return None
        self.budget -= strings
        for lo, hi in self.claim.bound.ranges_of_length(length):
            if self.evaluator is not None:
                if self._compiled_meets(length, lo, hi):
                    return True
                continue
            for value in range(lo, hi):
                if self.mesa.defined(bits_of(length, value)):
                    return True
        return False

    def _compiled_meets(self, length: int, lo: int, hi: int) -> bool:
        """Return whether the Mesa program's evaluator halts within its fuel on some string
        of ``length`` bits with value in ``[lo, hi)`` (an aligned block), by the compiled
        engine, block by block."""
        if self.evaluator == UNDEFINED or hi <= lo:
            return False
        if not isinstance(self.evaluator, Table):
            return True  # no candidate scored: the input tape is left as it is, and halts
        size = min(hi - lo, BLOCK)
        for first in range(lo, hi, size):
            outcomes = evaluator_outcomes(self.evaluator, self.fuel_left, length, first, size)
            if any(outcome is not None for outcome in outcomes):
                return True
        return False


def longest_in_domain(claim: Claim, top: int | None = None) -> DomLongest:
    """Return the greatest ``|t| ≤ top`` of the claim's bound with ``t ∈ dom(U_m)``.

    ``None`` when there is none; ``"unknown"`` when finding it would take more than
    :data:`SCAN_BUDGET` runs (:data:`COMPILED_SCAN_BUDGET` by the compiled engine).
    ``top`` defaults to the bound's ``max_length``. For a Mesa program the lengths past
    :func:`prefix_length` are decided by one of them, memoized exploration counts
    ``dom(U_m)`` without running every string, and where it cannot (a bound of tables)
    the compiled engine runs the evaluator on the strings of a length.
    """
    top = claim.bound.max_length if top is None else top
    counter = _Counter(claim)
    start = top
    prefix = prefix_length(claim)
    if prefix is not None and top >= prefix:
        meets = counter.meets(prefix)
        if meets is None:
            return "unknown"
        if meets:
            return top
        start = prefix - 1
    for length in range(start, -1, -1):
        meets = counter.meets(length)
        if meets is None:
            return "unknown"
        if meets:
            return length
    return None


def _covered_longest(claim: Claim, checked: int) -> DomLongest:
    """Return the greatest ``|t|`` in ``dom(U_m)`` among the bound's first ``checked`` strings."""
    if checked == 0:
        return None
    bound = claim.bound
    length, covered = -1, 0
    while length < bound.max_length and covered + bound.count_of_length(length + 1) <= checked:
        length += 1
        covered += bound.count_of_length(length)
    partial: DomLongest = None
    rest = checked - covered
    if rest and length + 1 <= bound.max_length:
        if rest > SCAN_BUDGET:
            return "unknown"
        mesa = claim.mesa_objective()
        strings = (
            bits_of(length + 1, value)
            for lo, hi in bound.ranges_of_length(length + 1)
            for value in range(lo, hi)
        )
        for index, t in enumerate(strings):
            if index >= rest:
                break
            if mesa.defined(t):
                partial = length + 1
                break
    if partial is not None:
        return partial
    return longest_in_domain(claim, length) if length >= 0 else None


def dom_longest(claim: Claim, verdict: Verdict) -> DomLongest:
    """Return the greatest ``|t|`` in ``dom(U_m)`` among the strings ``verdict`` covered.

    Taken from the method where it counted it: no string in ``dom(U_m)`` (``in_domain
    = 0``), a solver's per-length answers, a counterexample found shortest first (it is
    the longest string covered), Hypothesis' sampled machines; else computed
    (:func:`longest_in_domain`) within :data:`MESA_SECONDS` (a user function:
    :data:`USER_SECONDS`, and not at all after a method that ended unknown).
    """
    if isinstance(verdict, NotRefuted):
        return verdict.dom_longest
    if isinstance(verdict, Refuted):
        if verdict.method == "hypothesis":
            return verdict.dom_longest
        # Shortest first: no string covered up to the counterexample is longer than it,
        # unless the method went on past it (every counterexample: --all).
        found = max(len(t) for t in verdict.counterexample.machines)
        upto = sum(claim.bound.count_of_length(length) for length in range(found + 1))
        if verdict.checked <= upto:
            return found
        return _limited(claim, lambda: _covered_longest(claim, verdict.checked))
    if isinstance(verdict, Unknown):
        if verdict.checked == 0:
            return None
        if not isinstance(claim.mesa, MesaProgram):
            return "unknown"  # a user function that just ran out of time is not run again
        return _limited(claim, lambda: _covered_longest(claim, verdict.checked))
    if verdict.in_domain == 0:
        return None
    answers = verdict.domain_by_length
    if answers and "unknown" not in answers:
        nonempty = [length for length, answer in enumerate(answers) if answer == "nonempty"]
        return nonempty[-1] if nonempty else None
    return _limited(claim, lambda: longest_in_domain(claim))


def _limited(claim: Claim, compute: Callable[[], DomLongest]) -> DomLongest:
    """Return ``compute()``, or ``"unknown"`` past :data:`USER_SECONDS` (a user function's
    ``U_m``) or :data:`MESA_SECONDS` (a Mesa program's)."""
    seconds = MESA_SECONDS if isinstance(claim.mesa, MesaProgram) else USER_SECONDS
    try:
        with time_limit(seconds):
            return compute()
    except MethodTimedOut:
        return "unknown"


def every_length_longest(claim: Claim, bounded: DomLongest) -> DomLongest:
    """Return ``dom_longest`` over all of TM from the bounded claim's that decided ``claim``.

    The bounded claim covers every length up to past ``h = ⌈f/2⌉``; a string of
    ``dom(U_m)`` of length ``≥ h`` means strings of every length ``≥ h`` (``"unbounded"``),
    else the bounded value is the longest of all.
    """
    prefix = prefix_length(claim)
    if isinstance(bounded, int) and prefix is not None and bounded >= prefix:
        return "unbounded"
    return bounded
