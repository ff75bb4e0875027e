"""Memoized exploration as a checking method: ``explore``, with its cost measured by a probe.

Formalizes the bounded claims of docs/semantics.md#claims decided on every string of the
bound, identical subtrees of the evaluator's runs explored once
(:func:`mesaform.proofs.methods.exploration.explore_claim`): a proof covers every string;
its report counts the strings covered and the evaluator runs simulated.

Main definitions:

- :func:`probe`, :class:`Probe` -- the distinct subtrees measured on the first bounds;
- :func:`extrapolate` -- their growth carried to the bound;
- :class:`ExploreMethod` -- the checking method ``explore`` (registered).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from fractions import Fraction

from mesaform.proofs.checking.options import CheckOptions
from mesaform.proofs.checking.outcome import MethodOutcome
from mesaform.proofs.methods.exploration import Statistics, exploration_applies, explore_claim
from mesaform.proofs.methods.interface import Budget, CostEstimate, Family
from mesaform.proofs.methods.registry import register
from mesaform.spec.claims import Claim
from mesaform.spec.verdicts import Unknown

EXPLORATION_LIMIT = 1 << 23
"""Memoized exploration expects to finish within this many steps (seconds of work); past
its estimate ``auto`` sets it aside, and grants it this many steps when it runs it."""

STEP_COST = 16
"""A step of the exploration (in Python) costs about as much as this many strings of the
compiled enumeration (:data:`mesaform.proofs.methods.enumeration.EXPLORATION_SHARE`): its
``work`` in :class:`~mesaform.proofs.methods.interface.CostEstimate` is steps times this."""

PROBE_LENGTHS = (4, 8, 12, 16)
"""The probe explores the bounds ``|t| <= L`` for these ``L`` (at most ``n``) ..."""

PROBE_STEPS = 1 << 16
"""... within this many steps in all, and stops at the first bound past them."""


@dataclass(frozen=True)
class Probe:
    """What a short exploration measured: ``subtrees[i]`` distinct subtrees (and
    ``steps[i]`` steps) covered every string of ``|t| <= lengths[i]``; ``stopped`` -- the
    first length past the probe's steps, if one was."""

    lengths: tuple[int, ...]
    subtrees: tuple[int, ...]
    steps: tuple[int, ...]
    stopped: int | None

    def figures(self) -> str:
        """Return the measured subtrees per bound in words."""
        if not self.lengths:
            measured = "memoized exploration's probe measured nothing"
        else:
            counts = ", ".join(f"{nodes:,}" for nodes in self.subtrees)
            lengths = ", ".join(str(length) for length in self.lengths)
            measured = (
                f"memoized exploration's probe explored {counts} distinct subtrees at "
                f"|t| <= {lengths}"
            )
        if self.stopped is not None:
            measured += f"; |t| <= {self.stopped} took more than its {PROBE_STEPS:,} steps"
        return measured


def probe(claim: Claim) -> Probe:
    """Explore ``claim`` on the bounds ``|t| <= L`` of :data:`PROBE_LENGTHS` (those at most
    ``n``, and ``n`` when it is smaller) within :data:`PROBE_STEPS`; return what it measured."""
    lengths: list[int] = []
    subtrees: list[int] = []
    steps: list[int] = []
    left = PROBE_STEPS
    n = claim.bound.max_length
    for length in sorted({min(length, n) for length in PROBE_LENGTHS}):
        statistics = Statistics()
        smaller = replace(claim, bound=replace(claim.bound, max_length=length))
        if explore_claim(smaller, budget=left, statistics=statistics) is None:
            return Probe(tuple(lengths), tuple(subtrees), tuple(steps), length)
        lengths.append(length)
        subtrees.append(max(1, statistics.explored))
        steps.append(max(1, statistics.steps))
        left -= statistics.steps
    return Probe(tuple(lengths), tuple(subtrees), tuple(steps), None)


def extrapolate(found: Probe, n: int) -> tuple[int, str] | None:
    """Return the subtrees the probe's growth gives at ``|t| <= n`` and that growth in words;
    ``None`` when the probe measured too little (it stopped before two bounds).

    From the last two bounds ``a < b`` with ``N_a``, ``N_b`` subtrees: growth of degree
    ``d <= 3`` in the length when ``N_b (a+1)^d <= 5/4 N_a (b+1)^d`` (then ``N_n = N_b
    ((n+1)/(b+1))^d``), else geometric by ``N_b / N_a`` every ``b - a`` lengths (at most the
    ``2^(n+1) - 1`` nodes of the whole tree). Exact integers, an estimate all the same.
    """
    if found.stopped is None and found.lengths and found.lengths[-1] == n:
        return found.subtrees[-1], "measured at the bound itself"
    if len(found.lengths) < 2:
        return None
    a, b = found.lengths[-2:]
    low, high = found.subtrees[-2:]
    whole = (1 << (n + 1)) - 1
    for degree, name in ((1, "linearly"), (2, "quadratically"), (3, "cubically")):
        if 4 * high * (a + 1) ** degree <= 5 * low * (b + 1) ** degree:
            estimate = Fraction(high * (n + 1) ** degree, (b + 1) ** degree)
            return min(whole, math.ceil(estimate)), f"growing {name} in |t|"
    gap = b - a
    periods = -(-(n - b) // gap)
    ratio = Fraction(high, low)
    estimate = Fraction(high)
    for _ in range(periods):
        estimate *= ratio
        if estimate >= whole:
            break
    return min(whole, math.ceil(estimate)), (
        f"multiplying by {float(ratio):.3g} every {gap} lengths: subtrees barely merge "
        "(the evaluator's runs come back over what they read)"
    )


class ExploreMethod:
    """Memoized exploration as a checking method (``exhaustive``): every string of the bound
    is covered, identical subtrees run once (:func:`explore_claim`).

    Its estimate comes from a short :func:`probe`: the distinct subtrees measured on the
    first bounds, extrapolated to ``n`` (:func:`extrapolate`), times the steps per subtree.
    """

    name = "explore"
    family: Family = "exhaustive"

    def why_not(self, claim: Claim, options: CheckOptions) -> str | None:
        """Return why memoized exploration does not cover ``claim``
        (:func:`exploration_applies`)."""
        return exploration_applies(claim, find_all=options.find_all)

    def estimate(self, claim: Claim) -> CostEstimate:
        """Return the steps the probe's growth gives at the bound, against
        :data:`EXPLORATION_LIMIT`."""
        n = claim.bound.max_length
        found = probe(claim)
        grown = extrapolate(found, n)
        if grown is None:
            whole = (1 << (n + 1)) - 1
            return CostEstimate(whole * STEP_COST, False, found.figures(), EXPLORATION_LIMIT)
        nodes, growth = grown
        per_node = Fraction(found.steps[-1], found.subtrees[-1])
        steps = math.ceil(nodes * per_node)
        fits = steps <= EXPLORATION_LIMIT
        relation = "within" if fits else "past"
        subtrees = "subtree" if nodes == 1 else "subtrees"
        words = (
            f"{found.figures()}, {growth}: about {nodes:,} {subtrees} ({steps:,} steps) at "
            f"|t| <= {n}, {relation} exploration's limit of {EXPLORATION_LIMIT:,} steps"
        )
        return CostEstimate(steps * STEP_COST, fits, words, EXPLORATION_LIMIT)

    def decide(self, claim: Claim, options: CheckOptions, budget: Budget) -> MethodOutcome:
        """Explore within ``budget.steps``; past them ``Unknown`` saying how far it got."""
        statistics = Statistics()
        outcome = explore_claim(
            claim, budget=budget.steps, statistics=statistics, progress=options.progress
        )
        if outcome is not None:
            return outcome
        return Unknown(
            claim.bound,
            "explore",
            f"memoized exploration exceeded its budget of {budget.steps:,} steps "
            f"({statistics.explored:,} distinct subtrees, {statistics.runs:,} evaluator runs)",
        )


register(ExploreMethod())
