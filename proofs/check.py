"""Check a claim: run a method, replay what it found, and give one verdict.

Formalizes docs/semantics.md#verdicts: a checked claim ends in exactly one of proved, refuted,
not refuted or unknown, each carrying what makes it trustworthy. Every
counterexample, whichever method found it, is replayed by
:func:`proofs.replay.replay` before it becomes a ``Refuted``.

Main definitions:

- :data:`CheckMethod` -- ``auto``, ``enumerate``, ``hypothesis``, ``z3``, ``cvc5``;
- :func:`choose_method` -- what ``auto`` picks: enumeration while the bound has at
  most :data:`AUTO_ENUMERATION_LIMIT` strings (:data:`AUTO_GENERIC_ENUMERATION_LIMIT`
  when user functions must be called), else Z3 where it supports the claim, else
  Hypothesis;
- :class:`CheckResult`, :func:`check_claim`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from proofs.enumeration import enumerate_claim, fast_plan
from proofs.hypothesis_method import search_claim
from proofs.outcome import Found, MethodOutcome, MethodTimedOut, time_limit
from proofs.replay import replay
from spec.claims import Claim
from spec.machines import count_machines_up_to
from spec.validation import (
    check_natural,
    check_one_of,
    check_optional_natural,
    check_seconds,
    check_type,
)
from spec.verdicts import Counterexample, Refuted, Unknown, Verdict

CheckMethod = Literal["auto", "enumerate", "hypothesis", "z3", "cvc5"]
CHECK_METHODS: tuple[CheckMethod, ...] = ("auto", "enumerate", "hypothesis", "z3", "cvc5")

AUTO_ENUMERATION_LIMIT = 2**27
"""``auto`` enumerates bounds of at most this many strings (``|t| <= 26``) when the
compiled path covers the claim (library base objective, Mesa program)."""

AUTO_GENERIC_ENUMERATION_LIMIT = 2**17
"""... and of at most this many (``|t| <= 16``) when user functions must be called."""


@dataclass(frozen=True)
class CheckOptions:
    """How to check: enumeration's ``find_all``, Hypothesis's ``examples`` and
    ``seed``, the solvers' ``timeout_seconds`` and ``smt2_dir``, and a progress
    callback ``(done, total)``.

    ``timeout_seconds`` bounds the solvers' whole claim; with ``limit_every_method``
    it bounds every method (enumeration and Hypothesis too, user functions that never
    return included: see :func:`proofs.outcome.time_limit`), the claim then ending
    ``unknown``."""

    find_all: bool = False
    examples: int = 1000
    seed: int | None = None
    timeout_seconds: float = 120.0
    smt2_dir: Path | None = None
    limit_every_method: bool = False
    progress: Callable[[int, int], None] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        check_type(bool, self.find_all, "find_all")
        check_natural(self.examples, "examples")
        if self.examples < 1:
            raise ValueError(f"examples must be at least 1; got {self.examples}")
        check_optional_natural(self.seed, "seed")
        check_seconds(self.timeout_seconds, "timeout_seconds")
        if self.smt2_dir is not None:
            check_type((Path, str), self.smt2_dir, "smt2_dir")
        if self.progress is not None and not callable(self.progress):
            raise TypeError("progress must be a function (done, total) -> None, or None")
        check_type(bool, self.limit_every_method, "limit_every_method")


@dataclass(frozen=True)
class CheckResult:
    """A claim with its verdict, the method ``auto`` chose, and the seconds it took."""

    claim: Claim
    verdict: Verdict
    seconds: float
    more_counterexamples: tuple[Counterexample, ...] = ()
    """With ``find_all``: the counterexamples after the first, each replayed."""

    @property
    def matches_expectation(self) -> bool:
        """Return whether the verdict is what the claim expects (proved, if it expects nothing)."""
        if self.claim.expect == "fails":
            return isinstance(self.verdict, Refuted)
        return self.verdict.verdict == "proved"


def solver_unsupported(claim: Claim) -> str | None:
    """Return why the SMT solvers cannot check ``claim``, or ``None`` if they can."""
    from proofs.solver_claims import solver_supports

    return solver_supports(claim)


def choose_method(claim: Claim) -> Literal["enumerate", "hypothesis", "z3"]:
    """Return the method ``auto`` uses for ``claim``."""
    compiled = fast_plan(claim) is not None
    limit = AUTO_ENUMERATION_LIMIT if compiled else AUTO_GENERIC_ENUMERATION_LIMIT
    # 2^(n+1) - 1 <= limit, decided without forming 2^(n+1) for a huge n.
    if (
        claim.bound.max_length < limit.bit_length()
        and count_machines_up_to(claim.bound.max_length) <= limit
    ):
        return "enumerate"
    if solver_unsupported(claim) is None:
        return "z3"
    return "hypothesis"


def run_method(claim: Claim, method: CheckMethod, options: CheckOptions) -> MethodOutcome:
    """Run one method on ``claim`` and return its outcome, not yet replayed."""
    chosen = choose_method(claim) if method == "auto" else method
    if chosen == "enumerate":
        return enumerate_claim(claim, find_all=options.find_all, progress=options.progress)
    if chosen == "hypothesis":
        return search_claim(claim, examples=options.examples, seed_value=options.seed)
    reason = solver_unsupported(claim)
    if reason is not None:
        return Unknown(claim.bound, chosen, f"{chosen} does not support this claim: {reason}")
    from proofs.solver_claims import check_with_solver

    return check_with_solver(
        claim, chosen, timeout_seconds=options.timeout_seconds, smt2_dir=options.smt2_dir
    )


GRACE_SECONDS = 1.0
"""The solvers keep to ``timeout_seconds`` themselves; the alarm, a last resort while a
query is built in Python, fires this much later."""


def run_method_within_limit(
    claim: Claim, method: CheckMethod, options: CheckOptions
) -> MethodOutcome:
    """Run :func:`run_method`; past the time limit, return ``Unknown``."""
    chosen = choose_method(claim) if method == "auto" else method
    solver = chosen in ("z3", "cvc5")
    if not solver and not options.limit_every_method:
        return run_method(claim, method, options)
    seconds = options.timeout_seconds + (GRACE_SECONDS if solver else 0.0)
    try:
        with time_limit(seconds):
            return run_method(claim, method, options)
    except MethodTimedOut:
        return Unknown(
            claim.bound, chosen, f"timed out: the time limit of {options.timeout_seconds:g} s"
        )


def check_claim(
    claim: Claim, method: CheckMethod = "auto", options: CheckOptions | None = None
) -> CheckResult:
    """Check ``claim`` with ``method``; replay any counterexample before reporting it.

    An unknown ``method`` is refused (``ValueError`` naming the methods), never run as
    another one.
    """
    check_type(Claim, claim, "claim")
    check_one_of(method, CHECK_METHODS, "method")
    if options is not None:
        check_type(CheckOptions, options, "options")
    options = options or CheckOptions()
    started = time.perf_counter()
    outcome = run_method_within_limit(claim, method, options)
    verdict: Verdict
    more: tuple[Counterexample, ...] = ()
    if isinstance(outcome, Found):
        counterexample = replay(claim, outcome)
        verdict = Refuted(
            claim.bound, outcome.method, counterexample, outcome.checked, seed=outcome.seed
        )
        more = tuple(
            replay(claim, Found(machines, outcome.method, outcome.checked))
            for machines in outcome.all_machines()[1:]
        )
    else:
        verdict = outcome
    return CheckResult(claim, verdict, time.perf_counter() - started, more)
