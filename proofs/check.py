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
- :class:`Spread` -- a check resumed from a checkpoint or spread over a cluster:
  enumeration in ranges (:mod:`proofs.ranges`), the SMT methods by length;
- :func:`whole_claim` -- whether a claim's method runs as one piece (one task);
- :class:`CheckResult`, :func:`check_claim`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from proofs.enumeration import enumerate_claim, fast_plan
from proofs.hypothesis_method import search_claim
from proofs.outcome import Found, MethodOutcome
from proofs.replay import replay
from spec.claims import Claim
from spec.machines import count_machines_up_to
from spec.validation import check_one_of, check_type
from spec.verdicts import Counterexample, Refuted, Unknown, Verdict

if TYPE_CHECKING:
    from proofs.checkpoint import Checkpoint
    from proofs.ranges import Executor
    from proofs.solver_claims import QueryAnswer, SolverName

CheckMethod = Literal["auto", "enumerate", "hypothesis", "z3", "cvc5"]
CHECK_METHODS: tuple[CheckMethod, ...] = ("auto", "enumerate", "hypothesis", "z3", "cvc5")

AUTO_ENUMERATION_LIMIT = 2**27
"""``auto`` enumerates bounds of at most this many strings (``|t| <= 26``) when the
compiled path covers the claim (library base objective, Mesa program)."""

AUTO_GENERIC_ENUMERATION_LIMIT = 2**17
"""... and of at most this many (``|t| <= 16``) when user functions must be called."""


class LengthExecutor(Protocol):
    """Decides SMT queries (one per length) ahead of the check, e.g. one task each."""

    def decide_lengths(
        self,
        claim: Claim,
        solver: SolverName,
        known: dict[str, QueryAnswer],
        timeout_seconds: float,
        smt2_dir: Path | None,
    ) -> dict[str, QueryAnswer]:
        """Return ``known`` with the answers of the queries up to the first not unsat."""
        ...


@dataclass(frozen=True)
class Spread:
    """Where the work of a check runs and is kept.

    ``executor`` computes enumeration's ranges (this process when ``None``);
    ``lengths`` decides the SMT queries ahead (a cluster), ``checkpoint`` keeps
    finished ranges and decided lengths across runs.
    """

    executor: Executor | None = None
    lengths: LengthExecutor | None = None
    checkpoint: Checkpoint | None = None


@dataclass(frozen=True)
class CheckOptions:
    """How to check: enumeration's ``find_all``, Hypothesis's ``examples`` and
    ``seed``, the solvers' ``timeout_seconds`` and ``smt2_dir``, and a progress
    callback ``(done, total)``."""

    find_all: bool = False
    examples: int = 1000
    seed: int | None = None
    timeout_seconds: float = 120.0
    smt2_dir: Path | None = None
    progress: Callable[[int, int], None] | None = field(default=None, compare=False)
    spread: Spread | None = field(default=None, compare=False)


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
    spread = options.spread
    store = spread.checkpoint.store(claim) if spread and spread.checkpoint else None
    if chosen == "enumerate":
        if spread is None:
            return enumerate_claim(claim, find_all=options.find_all, progress=options.progress)
        from proofs.ranges import enumerate_in_ranges

        return enumerate_in_ranges(
            claim,
            find_all=options.find_all,
            progress=options.progress,
            executor=spread.executor,
            store=store,
        )
    if chosen == "hypothesis":
        return search_claim(claim, examples=options.examples, seed_value=options.seed)
    reason = solver_unsupported(claim)
    if reason is not None:
        return Unknown(claim.bound, chosen, f"{chosen} does not support this claim: {reason}")
    from proofs.solver_claims import check_with_solver

    if spread is None or claim.predicate == "order-alignment":
        return check_with_solver(
            claim, chosen, timeout_seconds=options.timeout_seconds, smt2_dir=options.smt2_dir
        )
    known = store.known() if store is not None else {}
    if spread.lengths is not None:
        known = spread.lengths.decide_lengths(
            claim, chosen, known, options.timeout_seconds, options.smt2_dir
        )
        if store is not None:
            for name, answer in known.items():
                if answer.answer != "unknown":
                    store.record_answer(name, answer)
    return check_with_solver(
        claim,
        chosen,
        timeout_seconds=options.timeout_seconds,
        smt2_dir=options.smt2_dir,
        known=known,
        record=store.record_answer if store is not None else None,
    )


def whole_claim(claim: Claim, method: CheckMethod) -> bool:
    """Return whether ``claim`` is checked in one piece under ``method`` (not split).

    Enumeration is split into ranges, the SMT methods into lengths (order alignment
    excepted: its lengths build on each other); Hypothesis runs whole.
    """
    chosen = choose_method(claim) if method == "auto" else method
    if chosen == "enumerate":
        return False
    if chosen == "hypothesis":
        return True
    return claim.predicate == "order-alignment" or solver_unsupported(claim) is not None


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
    outcome = run_method(claim, method, options)
    verdict: Verdict
    more: tuple[Counterexample, ...] = ()
    if isinstance(outcome, Found):
        counterexample = replay(claim, outcome)
        verdict = Refuted(claim.bound, outcome.method, counterexample, outcome.checked)
        more = tuple(
            replay(claim, Found(machines, outcome.method, outcome.checked))
            for machines in outcome.all_machines()[1:]
        )
    else:
        verdict = outcome
    return CheckResult(claim, verdict, time.perf_counter() - started, more)
