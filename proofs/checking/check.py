"""Check a claim: run a method, replay what it found, and give one verdict.

Formalizes docs/semantics.md#verdicts: a checked claim ends in exactly one of proved, refuted,
not refuted or unknown, each carrying what makes it trustworthy. Every
counterexample, whichever method found it, is replayed by
:func:`mesaform.proofs.checking.replay.replay` before it becomes a ``Refuted``.

Main definitions:

- :data:`CheckMethod` -- ``auto``, ``enumerate``, ``hypothesis``, ``z3``, ``cvc5``,
  ``bitwuzla``;
- :func:`auto_outcome` -- what ``auto`` runs, and why: memoized exploration
  first where it applies (within a budget), then :func:`choose_method`'s pick; the
  reason it returns ("auto: chose X because ...") gives :func:`estimate_cost`'s figures;
- :class:`CostEstimate`, :func:`estimate_cost` -- what ``auto`` weighs: the strings
  in the bound, the evaluator's states and fuel, whether exploration merges, the
  size of an SMT query, and which solver is the cheaper for it;
- :func:`choose_method` -- ``auto``'s pick by cost: enumeration while the bound has at
  most :data:`AUTO_ENUMERATION_LIMIT` strings (:data:`AUTO_GENERIC_ENUMERATION_LIMIT`
  when user functions must be called), else an SMT solver where one supports the
  claim (Bitwuzla where the lengths are asked of one solver, else Z3), else Hypothesis;
- :class:`Spread` -- a check resumed from a checkpoint or spread over a cluster:
  enumeration in ranges (:mod:`mesaform.proofs.methods.ranges`), the SMT methods by length;
- :func:`whole_claim` -- whether a claim's method runs as one piece (one task);
- :class:`CheckResult`, :func:`check_claim`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from mesaform.proofs.checking.domain import dom_longest, every_length_longest
from mesaform.proofs.checking.outcome import Found, MethodOutcome, MethodTimedOut, time_limit
from mesaform.proofs.checking.replay import replay
from mesaform.proofs.methods.enumeration import enumerate_claim, exploration_budget, fast_plan
from mesaform.proofs.methods.exploration import Statistics, exploration_applies, explore_claim
from mesaform.proofs.methods.hypothesis_method import search_claim
from mesaform.spec.claims import Claim, MesaProgram
from mesaform.spec.programs import Mesa, Table, decode
from mesaform.spec.validation import (
    check_natural,
    check_one_of,
    check_optional_natural,
    check_seconds,
    check_type,
)
from mesaform.spec.verdicts import Bound, Counterexample, Proved, Refuted, Unknown, Verdict

if TYPE_CHECKING:
    from mesaform.proofs.checking.checkpoint import Checkpoint
    from mesaform.proofs.methods.ranges import Executor
    from mesaform.proofs.methods.solver_claims import QueryAnswer, SolverName

CheckMethod = Literal["auto", "enumerate", "hypothesis", "z3", "cvc5", "bitwuzla"]
CHECK_METHODS: tuple[CheckMethod, ...] = (
    "auto",
    "enumerate",
    "hypothesis",
    "z3",
    "cvc5",
    "bitwuzla",
)
SOLVER_METHODS: tuple[CheckMethod, ...] = ("z3", "cvc5", "bitwuzla")

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
    callback ``(done, total)``.

    ``timeout_seconds`` bounds the solvers' whole claim; with ``limit_every_method``
    it bounds every method (enumeration and Hypothesis too, user functions that never
    return included: see :func:`mesaform.proofs.checking.outcome.time_limit`), the claim then ending
    ``unknown``."""

    find_all: bool = False
    examples: int = 1000
    seed: int | None = None
    timeout_seconds: float = 120.0
    smt2_dir: Path | None = None
    limit_every_method: bool = False
    progress: Callable[[int, int], None] | None = field(default=None, compare=False)
    spread: Spread | None = field(default=None, compare=False)

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
    choice: str = ""
    """With ``auto``: the method it picked and why."""

    @property
    def matches_expectation(self) -> bool:
        """Return whether the verdict is what the claim expects (proved, if it expects nothing)."""
        if self.claim.expect == "fails":
            return isinstance(self.verdict, Refuted)
        return self.verdict.verdict == "proved"


def solver_unsupported(claim: Claim) -> str | None:
    """Return why the SMT solvers cannot check ``claim``, or ``None`` if they can."""
    from mesaform.proofs.methods.solver_claims import solver_supports

    return solver_supports(claim)


@dataclass(frozen=True)
class CostEstimate:
    """What ``auto`` weighs for a claim (integers; orders of magnitude, not promises).

    ``strings`` in the bound (capped just past the limit) and enumeration's ``limit``;
    ``evaluator_states`` and ``fuel`` of a Mesa program's Table evaluator (else ``None``);
    ``one_way`` -- the evaluator never moves left, so memoized exploration merges
    subtrees to about ``states x lengths`` nodes (``exploration_nodes``); ``query_size``
    -- one SMT query's unrolled size, ``lengths x states x fuel`` transition choices;
    ``solver`` -- the SMT method that would run (``None``: not encoded, ``solver_reason``).
    """

    strings: int
    limit: int
    compiled: bool
    evaluator_states: int | None
    fuel: int | None
    one_way: bool
    exploration_nodes: int | None
    query_size: int | None
    solver: Literal["z3", "bitwuzla"] | None
    solver_reason: str

    @property
    def enumeration_fits(self) -> bool:
        """Return whether enumeration's cost (the strings) is within its limit."""
        return self.strings <= self.limit

    @staticmethod
    def strings_text(bound: Bound) -> str:
        """Return the count of the bound's strings (:meth:`~mesaform.spec.verdicts.Bound.size`) in
        words.

        Exact up to ``|t| <= 40``; past it a power: ``2^(n+1) - 1`` for every string of
        ``|t| <= n``, else the largest power of two at most the count.
        """
        if bound.max_length <= 40:
            return f"{bound.size():,} strings"
        if bound.states is None and not bound.tables_only:
            return f"2^{bound.max_length + 1} - 1 strings"
        return f"at least 2^{bound.size().bit_length() - 1} strings"


def bound_strings_capped(bound: Bound, limit: int) -> int:
    """Return the bound's number of strings (:meth:`~mesaform.spec.verdicts.Bound.size`), or any
    number past ``limit`` once it exceeds it: summed length by length, never formed whole
    for a huge bound."""
    total = 0
    for length in range(bound.max_length + 1):
        total += bound.count_of_length(length)
        if total > limit:
            return total
    return total


def _evaluator(claim: Claim) -> tuple[Table, int] | None:
    """Return the Table evaluator and fuel of the claim's Mesa program, if it has one."""
    if not isinstance(claim.mesa, MesaProgram):
        return None
    program = decode(claim.mesa.code)
    if not isinstance(program, Mesa):
        return None
    evaluator = decode(program.evaluator)
    return (evaluator, program.fuel) if isinstance(evaluator, Table) else None


def estimate_cost(claim: Claim) -> CostEstimate:
    """Return what ``auto`` weighs for ``claim`` (see :class:`CostEstimate`)."""
    from mesaform.proofs.methods.solver_claims import incremental_applies, never_moves_left

    compiled = fast_plan(claim) is not None
    limit = AUTO_ENUMERATION_LIMIT if compiled else AUTO_GENERIC_ENUMERATION_LIMIT
    n = claim.bound.max_length
    strings = bound_strings_capped(claim.bound, limit)
    found = _evaluator(claim)
    states = fuel = nodes = size = None
    one_way = False
    if found is not None:
        table, fuel = found
        states = table.states
        one_way = never_moves_left(table)
        size = (n + 1) * max(1, states) * fuel
        if one_way:
            nodes = (n + 1) * max(1, states)
    solver: Literal["z3", "bitwuzla"] | None = None
    reason = solver_unsupported(claim)
    if reason is None:
        # Measured (docs/solvers.md): asked incrementally, Bitwuzla took 0.3 to 0.8 times
        # Z3's time, on the 2-state bundled evaluator as on the 50-state ones; per query
        # (parsing the exported text each time) it is the slower.
        incremental = incremental_applies(claim, "bitwuzla")
        if incremental is None:
            solver = "bitwuzla"
            reason = (
                "every length is asked of one solver holding the query built once, where "
                "Bitwuzla was measured faster than Z3"
            )
        else:
            solver = "z3"
            reason = f"{incremental}, where Z3's per-query pipeline was measured the faster"
    return CostEstimate(
        strings, limit, compiled, states, fuel, one_way, nodes, size, solver, reason
    )


def choose_method(claim: Claim) -> Literal["enumerate", "hypothesis", "z3", "bitwuzla"]:
    """Return the method ``auto`` uses for ``claim`` once exploration is set aside."""
    cost = estimate_cost(claim)
    if cost.enumeration_fits:
        return "enumerate"
    return cost.solver or "hypothesis"


def _solver_why(claim: Claim, cost: CostEstimate) -> str:
    """Say why ``auto`` runs its solver: the strings are past enumeration, and which solver."""
    size = f", a query of about {cost.query_size:,} transition choices" if cost.query_size else ""
    return (
        f"{cost.strings_text(claim.bound)} are past enumeration's limit of "
        f"{cost.limit:,}{size}; {cost.solver} because {cost.solver_reason}"
    )


AUTO_EXPLORATION_BUDGET = 1 << 23
"""Beyond enumeration's limit, ``auto`` lets memoized exploration simulate this many
steps (seconds of work) before it turns to a solver."""


def auto_outcome(claim: Claim, options: CheckOptions) -> tuple[MethodOutcome, str]:
    """Run what ``auto`` picks on ``claim``; return the outcome and why it was picked.

    Memoized exploration (:mod:`mesaform.proofs.methods.exploration`) first, where it applies: its
    cost is the number of distinct subtrees, not of strings (about ``states x
    lengths`` for a one-way evaluator, :func:`estimate_cost`), so it is tried within
    a budget (a share of the bound when enumeration could finish, else
    :data:`AUTO_EXPLORATION_BUDGET` steps); then :func:`choose_method`'s pick by cost.
    The reason reads "auto: chose X because ..."; a solver's unknown stays unknown.
    """
    why_not = exploration_applies(claim, find_all=options.find_all)
    cost = estimate_cost(claim)
    fallback = choose_method(claim)
    if why_not is None:
        budget = (
            exploration_budget(claim.bound) if fallback == "enumerate" else AUTO_EXPLORATION_BUDGET
        )
        statistics = Statistics()
        outcome = explore_claim(claim, budget=budget, statistics=statistics)
        estimate = (
            f"the {cost.evaluator_states}-state evaluator never moves left, so subtrees "
            f"merge to about {cost.exploration_nodes:,} nodes"
            if cost.exploration_nodes is not None
            else "subtrees depend only on the cells they read"
        )
        if outcome is not None:
            return outcome, (
                f"auto: chose memoized exploration because {estimate} against "
                f"{cost.strings_text(claim.bound)}; {statistics.explored} distinct "
                f"subtrees ({statistics.steps} steps) covered the bound within its budget of "
                f"{budget} steps"
            )
        why_not = f"memoized exploration exceeded its budget of {budget} steps"
    if fallback == "enumerate":
        why = (
            f"auto: chose enumeration because {cost.strings_text(claim.bound)} are "
            f"within its limit of {cost.limit:,}; {why_not}"
        )
        outcome = enumerate_claim(
            claim, find_all=options.find_all, progress=options.progress, memoize=False
        )
        return outcome, why
    if fallback == "hypothesis":
        why = (
            f"auto: chose hypothesis because {cost.strings_text(claim.bound)} are "
            f"past enumeration's limit of {cost.limit:,} and no solver encodes the claim "
            f"({cost.solver_reason}); {why_not}"
        )
        return run_method(claim, fallback, options), why
    why = f"auto: chose {fallback} because {_solver_why(claim, cost)}; {why_not}"
    return run_method(claim, fallback, options), why


def run_method(claim: Claim, method: CheckMethod, options: CheckOptions) -> MethodOutcome:
    """Run one method on ``claim`` and return its outcome, not yet replayed."""
    if method == "auto" and options.spread is None:
        return auto_outcome(claim, options)[0]
    chosen = choose_method(claim) if method == "auto" else method
    spread = options.spread
    store = spread.checkpoint.store(claim) if spread and spread.checkpoint else None
    if chosen == "enumerate":
        if spread is None:
            return enumerate_claim(claim, find_all=options.find_all, progress=options.progress)
        from mesaform.proofs.methods.ranges import enumerate_in_ranges

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
    from mesaform.proofs.methods.solver_claims import check_with_solver

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


GRACE_SECONDS = 1.0
"""The solvers keep to ``timeout_seconds`` themselves; the alarm, a last resort while a
query is built in Python, fires this much later."""


def run_method_within_limit(
    claim: Claim, method: CheckMethod, options: CheckOptions
) -> tuple[MethodOutcome, str]:
    """Run the method (``auto``: :func:`auto_outcome`); past the time limit, ``Unknown``.

    Return the outcome and, for ``auto``, why it picked what it ran.
    """
    chosen = choose_method(claim) if method == "auto" else method
    solver = chosen in SOLVER_METHODS

    def outcome() -> tuple[MethodOutcome, str]:
        if method == "auto" and options.spread is None:
            return auto_outcome(claim, options)
        return run_method(claim, method, options), ""

    if not solver and not options.limit_every_method:
        return outcome()
    seconds = options.timeout_seconds + (GRACE_SECONDS if solver else 0.0)
    try:
        with time_limit(seconds):
            return outcome()
    except MethodTimedOut:
        reason = f"timed out: the time limit of {options.timeout_seconds:g} s"
        return Unknown(claim.bound, chosen, reason), ""


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
    another one. A claim for every ``t`` (``bound.every_length``) is checked on the
    bounded claim a small-model theorem reduces it to
    (:mod:`mesaform.proofs.checking.small_model`); its
    verdict names the theorem. Raise ``ValueError`` when no theorem applies, or with
    ``find_all`` (every counterexample of an unbounded claim is not a finite list).
    """
    check_type(Claim, claim, "claim")
    check_one_of(method, CHECK_METHODS, "method")
    if options is not None:
        check_type(CheckOptions, options, "options")
    options = options or CheckOptions()
    if claim.bound.every_length:
        return check_every_length(claim, method, options)
    started = time.perf_counter()
    outcome, choice = run_method_within_limit(claim, method, options)
    verdict: Verdict
    more: tuple[Counterexample, ...] = ()
    if isinstance(outcome, Found):
        counterexample = replay(claim, outcome)
        verdict = Refuted(
            claim.bound,
            outcome.method,
            counterexample,
            outcome.checked,
            seed=outcome.seed,
            dom_longest=outcome.dom_longest,
        )
        more = tuple(
            replay(claim, Found(machines, outcome.method, outcome.checked))
            for machines in outcome.all_machines()[1:]
        )
    else:
        verdict = outcome
    verdict = replace(verdict, dom_longest=dom_longest(claim, verdict))
    return CheckResult(claim, verdict, time.perf_counter() - started, more, choice)


def check_every_length(claim: Claim, method: CheckMethod, options: CheckOptions) -> CheckResult:
    """Check a claim for every ``t`` through the small-model theorem (see :func:`check_claim`)."""
    from mesaform.proofs.checking.small_model import (
        bounded_claim,
        every_length_detail,
        small_model_applies,
    )

    reason = small_model_applies(claim)
    if reason is not None:
        raise ValueError(f"claim {claim.name!r} is for every t, but {reason}")
    if options.find_all:
        raise ValueError(
            f"claim {claim.name!r} is for every t: --all lists the counterexamples of a bound"
        )
    bounded = bounded_claim(claim)
    result = check_claim(bounded, method, options)
    detail = every_length_detail(claim, bounded)
    verdict: Verdict
    inner = result.verdict
    if isinstance(inner, Proved):
        verdict = replace(
            inner, bound=claim.bound, detail=f"{detail}; {inner.detail}" if inner.detail else detail
        )
    elif isinstance(inner, Unknown):
        verdict = replace(inner, bound=claim.bound, reason=f"{inner.reason} ({detail})")
    else:
        verdict = replace(inner, bound=claim.bound)
    verdict = replace(verdict, dom_longest=every_length_longest(claim, inner.dom_longest))
    return CheckResult(claim, verdict, result.seconds, (), result.choice)
