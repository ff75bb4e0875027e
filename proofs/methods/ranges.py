"""Enumeration split into ranges of strings, decided range by range and merged exactly.

Formalizes the bounded claims of docs/semantics.md (``∀t, |t| ≤ n: t ∈ dom(U_m) →
U_F(t) = U_m(t)`` and its approximate and order readings) as a merge of independent
pieces, so that a check can be resumed from a checkpoint or spread over a cluster
and still end exactly as :func:`mesaform.proofs.methods.enumeration.enumerate_claim` does.

Every string of a bound has a *position*: its index in the bound's enumeration
order (shortest first, then lexicographic). A piece of work is the range of
positions ``[start, stop)``; its result is a :class:`Span`. Spans are merged by a
:class:`Frontier` in position order, whatever order they arrive in, so:

- the first counterexample is the least over all ranges (a range past it is never
  needed, and is not counted);
- the ``dom(U_m)`` count is the sum over disjoint ranges that tile the bound, each
  range counted once (the frontier ignores a range it has already merged);
- order alignment is decided from each range's *first occurrences* of the distinct
  pairs ``(U_m(t), U(t))``: the first string that conflicts with an earlier one is
  the first occurrence of its pair, so these are all the merge needs.

Main definitions:

- :func:`segments`, :func:`blocks` -- positions as ``(length, lo, hi)`` runs of
  values, and a range cut into aligned power-of-two blocks (what the compiled
  kernels share prefixes over);
- :class:`Span`, :func:`evaluate_span` -- one range decided (compiled or generic path);
- :class:`Frontier` -- spans merged into the outcome of an uninterrupted run;
- :class:`Executor`, :class:`InProcess` -- where spans are computed;
- :class:`SpanStore` -- where finished spans are recorded (a checkpoint);
- :func:`enumerate_in_ranges` -- the whole check: resume from the store, run the
  missing ranges on the executor, merge.

Not split: order alignment with ``find_all`` (every conflicting ``t`` depends on
all earlier strings); :func:`check_ranges_support` says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from typing import Protocol

from mesaform.model import engine
from mesaform.proofs.checking.outcome import Found, MethodOutcome
from mesaform.proofs.methods.enumeration import (
    CHUNK,
    MAX_SHARED_FUEL,
    FastPlan,
    OrderTracker,
    Progress,
    fast_plan,
    mesa_values_in,
    order_key_tables,
    proved_with_domain,
)
from mesaform.spec.claims import Claim
from mesaform.spec.machines import TM
from mesaform.spec.verdicts import Bound, bits_of

FAST_RANGE = 1 << 24
"""Strings per range on the compiled path: about a CPU second of one core, the cost of a
range on a cluster a few percent of it even on a busy machine (docs/large-checks.md)."""

GENERIC_RANGE = 1 << 12
"""Strings per range when user functions are called in Python."""

Pair = tuple[int, Fraction, Fraction]
"""``(position, U_m(t), U(t))``: the first string of a range with this pair of values."""


# -- positions ---------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _runs(bound: Bound) -> tuple[tuple[int, int, int, int], ...]:
    """Return ``(first position, length, lo, hi)`` for each length of the bound."""
    runs = []
    position = 0
    for length, lo, hi in bound.length_ranges():
        runs.append((position, length, lo, hi))
        position += hi - lo
    return tuple(runs)


def segments(bound: Bound, start: int, stop: int) -> Iterator[tuple[int, int, int, int]]:
    """Yield ``(position, length, lo, hi)``: the positions ``[start, stop)`` as runs of values.

    ``position`` is the position of the string ``bits_of(length, lo)``.
    """
    for first, length, lo, hi in _runs(bound):
        last = first + hi - lo
        begin, end = max(start, first), min(stop, last)
        if begin < end:
            yield begin, length, lo + begin - first, lo + end - first


def string_at(bound: Bound, position: int) -> TM:
    """Return the string at ``position`` in the bound's enumeration order."""
    for first, length, lo, hi in _runs(bound):
        if first <= position < first + hi - lo:
            return bits_of(length, lo + position - first)
    raise IndexError(f"position {position} is outside the bound")


def blocks(bound: Bound, start: int, stop: int, most: int) -> Iterator[tuple[int, int]]:
    """Cut the positions ``[start, stop)`` into ranges of one length each, aligned blocks.

    Each range holds a power-of-two number of strings, at most ``most`` (a power of
    two), whose values start at a multiple of that number: the compiled kernels
    share the evaluator's runs over such a block's common prefix.
    """
    for position, _length, lo, hi in segments(bound, start, stop):
        value = lo
        while value < hi:
            size = most
            while size > 1 and (value % size or value + size > hi):
                size >>= 1
            yield position + value - lo, position + value - lo + size
            value += size


# -- one range -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """The result of the positions ``[start, stop)``.

    ``in_domain`` counts the strings of the span in ``dom(U_m)`` (0 in a span that
    ends at a failure or conflict: the count is never used then); ``failures`` the
    positions where inner or approximate alignment fails (without ``find_all``, at
    most one, and the span then ends just after it); ``pairs`` (order alignment)
    the first occurrence in the span of each distinct ``(U_m, U)``, in position
    order (a span that meets a conflict ends just after it).
    """

    start: int
    stop: int
    in_domain: int
    failures: tuple[int, ...] = ()
    pairs: tuple[Pair, ...] = ()


@dataclass(frozen=True)
class RangeJob:
    """What every range of one check shares: the claim, ``find_all``, numba threads."""

    claim: Claim
    find_all: bool = False
    threads: int = 2


def check_ranges_support(claim: Claim, find_all: bool) -> str | None:
    """Return why ``claim`` cannot be split into ranges, or ``None`` when it can."""
    if find_all and claim.predicate == "order-alignment":
        return (
            "--all with order alignment is not split into ranges (every conflicting t "
            "depends on all earlier strings); drop --all, or --checkpoint/--cluster"
        )
    return None


def range_size(claim: Claim, find_all: bool) -> int:
    """Return the strings per range: :data:`FAST_RANGE` compiled, else :data:`GENERIC_RANGE`."""
    return FAST_RANGE if _plan(claim, find_all) is not None else GENERIC_RANGE


@lru_cache(maxsize=32)
def _plan(claim: Claim, find_all: bool) -> FastPlan | None:
    """Return the compiled plan, computed once per process (a worker keeps it)."""
    return fast_plan(claim, find_all=find_all)


def evaluate_span(job: RangeJob, start: int, stop: int) -> Span:
    """Decide the claim on the positions ``[start, stop)`` (compiled where it applies)."""
    plan = _plan(job.claim, job.find_all)
    if plan is not None:
        return _fast_span(job, plan, start, stop)
    return _generic_span(job, start, stop)


def _fast_span(job: RangeJob, plan: FastPlan, start: int, stop: int) -> Span:
    import numpy as np

    kernels = engine.kernels()
    claim = job.claim
    bound = claim.bound
    threads = engine.use_threads(job.threads)
    parallel = 1 << (8 * threads).bit_length()
    shared = plan.mesa_fuel <= MAX_SHARED_FUEL
    buffer_size = min(1 << 16, 2 * (max(plan.mesa_fuel, bound.fuel) + 2 * bound.max_length) + 64)
    epsilon_num, epsilon_den = plan.epsilon
    order = claim.predicate == "order-alignment"
    common = (plan.mesa_mode, plan.delta, plan.states, plan.mesa_fuel, plan.base_mode)
    in_domain = 0
    if not order and not job.find_all:
        for position, length, lo, hi in segments(bound, start, stop):
            value, defined = kernels.first_failure_range(
                length,
                lo,
                hi,
                *common,
                bound.fuel,
                buffer_size,
                min(4 * parallel, hi - lo),
                shared,
                epsilon_num,
                epsilon_den,
            )
            in_domain += int(defined)
            if value >= 0:
                failure = position + int(value) - lo
                return Span(start, failure + 1, 0, (failure,))
        return Span(start, stop, in_domain)
    size = min(CHUNK, stop - start)
    arrays = (
        np.zeros(size, np.uint8),
        np.zeros(size, np.int64),
        np.zeros(size, np.int64),
        np.ones(size, np.int64),
    )
    keys, key_num, key_den, key_witness = order_key_tables(plan, bound, order)
    keys_used = 0
    failures: list[int] = []

    def pairs_seen() -> list[Pair]:
        seen = [
            (
                int(key_witness[j]),
                Fraction(int(keys[j])),
                Fraction(int(key_num[j]), int(key_den[j])),
            )
            for j in range(keys_used)
        ]
        return sorted(seen)

    for position, length, lo, hi in segments(bound, start, stop):
        for first in range(lo, hi, size):
            last = min(hi, first + size)
            count = last - first
            here = position + first - lo
            _, defined = kernels.evaluate_range(
                length,
                first,
                last,
                *common,
                bound.fuel,
                buffer_size,
                min(parallel, count),
                shared,
                *arrays,
            )
            if order:
                conflict, keys_used = kernels.order_scan(
                    count, *arrays, keys, key_num, key_den, key_witness, keys_used, here
                )
                if conflict >= 0:
                    index = int(conflict)
                    pair = (
                        here + index,
                        Fraction(int(arrays[1][index])),
                        Fraction(int(arrays[2][index]), int(arrays[3][index])),
                    )
                    return Span(start, here + index + 1, 0, (), (*pairs_seen(), pair))
            else:
                found = kernels.all_inner_failures(count, *arrays, epsilon_num, epsilon_den)
                failures.extend(here + int(index) for index in found)
            in_domain += int(defined)
    return Span(start, stop, in_domain, tuple(failures), tuple(pairs_seen()) if order else ())


def _generic_span(job: RangeJob, start: int, stop: int) -> Span:
    claim = job.claim
    base = claim.base_objective()
    runs = [(length, lo, hi) for _, length, lo, hi in segments(claim.bound, start, stop)]
    values = mesa_values_in(claim, runs)
    if values is None:
        mesa = claim.mesa_objective()
        strings = (bits_of(L, v) for L, lo, hi in runs for v in range(lo, hi))
        values = ((t, mesa(t).to_option()) for t in strings)
    order = claim.predicate == "order-alignment"
    tracker = OrderTracker.empty()
    pairs: list[Pair] = []
    failures: list[int] = []
    in_domain = 0
    for position, (t, mesa_value) in enumerate(values, start):
        if mesa_value is None:
            continue
        in_domain += 1
        base_value = base(t)
        if order:
            if (mesa_value, base_value) not in tracker.witnesses:
                pairs.append((position, mesa_value, base_value))
                if tracker.conflict(mesa_value, base_value):
                    return Span(start, position + 1, 0, (), tuple(pairs))
                tracker.add(t, mesa_value, base_value)
            continue
        if claim.fails_on((base_value,), (mesa_value,)):
            failures.append(position)
            if not job.find_all:
                return Span(start, position + 1, 0, tuple(failures))
    return Span(start, stop, in_domain, tuple(failures), tuple(pairs))


# -- merging -------------------------------------------------------------------------------


@dataclass
class Frontier:
    """Merge spans, in any order, into the outcome of an uninterrupted enumeration.

    Spans are consumed in position order from 0: the merged prefix ends at
    ``reached``. A span that does not start at the frontier waits; a span already
    merged (a range that ran twice) is ignored, so nothing is counted twice.
    """

    claim: Claim
    find_all: bool
    total: int
    reached: int = 0
    in_domain: int = 0
    failures: list[int] = field(default_factory=list)
    tracker: OrderTracker = field(default_factory=OrderTracker.empty)
    waiting: dict[int, Span] = field(default_factory=dict)
    outcome: MethodOutcome | None = None

    def add(self, span: Span) -> MethodOutcome | None:
        """Merge ``span`` (and any waiting spans it unblocks); return the outcome once decided."""
        if self.outcome is None and span.start >= self.reached:
            self.waiting.setdefault(span.start, span)
            while self.outcome is None and self.reached in self.waiting:
                self._merge(self.waiting.pop(self.reached))
            if self.outcome is None and self.reached == self.total:
                self.outcome = self._final()
        return self.outcome

    def _merge(self, span: Span) -> None:
        bound = self.claim.bound
        self.reached = span.stop
        self.in_domain += span.in_domain
        for position, mesa, base in span.pairs:
            if self.tracker.conflict(mesa, base):
                t = string_at(bound, position)
                pair = self.tracker.first_partner(t, mesa, base)
                self.outcome = Found(pair, "enumerate", position + 1)
                return
            self.tracker.add(string_at(bound, position), mesa, base)
        if span.failures and not self.find_all:
            first = span.failures[0]
            self.outcome = Found((string_at(bound, first),), "enumerate", first + 1)
            return
        self.failures.extend(span.failures)

    def _final(self) -> MethodOutcome:
        if self.failures:
            every = tuple((string_at(self.claim.bound, p),) for p in self.failures)
            return Found(every[0], "enumerate", self.total, every=every)
        return proved_with_domain(self.claim.bound, self.total, self.in_domain)


def gaps(done: Sequence[Span], total: int) -> list[tuple[int, int]]:
    """Return the ranges of positions in ``[0, total)`` no span of ``done`` covers."""
    missing = []
    position = 0
    for span in sorted(done, key=lambda s: s.start):
        if span.start > position:
            missing.append((position, span.start))
        position = max(position, span.stop)
    if position < total:
        missing.append((position, total))
    return missing


# -- where spans run and where they are kept -----------------------------------------------


class Executor(Protocol):
    """Computes spans: in this process, or on a cluster
    (:mod:`mesaform.proofs.checking.cluster`)."""

    def spans(self, job: RangeJob, ranges: Iterable[tuple[int, int]]) -> Iterator[Span]:
        """Yield a span for every range, in any order; closing the iterator cancels the rest."""
        ...


class InProcess:
    """Compute spans one after another in this process, in position order."""

    def spans(self, job: RangeJob, ranges: Iterable[tuple[int, int]]) -> Iterator[Span]:
        """Yield each range's span, in the given order."""
        for start, stop in ranges:
            yield evaluate_span(job, start, stop)


class SpanStore(Protocol):
    """Keeps the finished spans of one claim across runs (a checkpoint)."""

    def finished(self) -> list[Span]:
        """Return the spans finished by earlier runs."""
        ...

    def record(self, span: Span) -> None:
        """Record a finished span (written out every few seconds)."""
        ...


@dataclass
class MemoryStore:
    """A :class:`SpanStore` in memory (no checkpoint file)."""

    spans: list[Span] = field(default_factory=list)

    def finished(self) -> list[Span]:
        """Return the spans recorded so far."""
        return list(self.spans)

    def record(self, span: Span) -> None:
        """Keep ``span``."""
        self.spans.append(span)


def enumerate_in_ranges(
    claim: Claim,
    *,
    find_all: bool = False,
    workers: int = 2,
    progress: Progress | None = None,
    executor: Executor | None = None,
    store: SpanStore | None = None,
    size: int | None = None,
) -> MethodOutcome:
    """Decide ``claim`` range by range; the same outcome as :func:`enumerate_claim`.

    Spans already in ``store`` are merged first; the missing ranges are cut into
    blocks of ``size`` strings (:func:`range_size` by default) and run on
    ``executor`` (this process by default); every finished span is recorded in
    ``store`` as it arrives, so an interrupt (which propagates) loses at most the
    ranges in flight. Raise ``ValueError`` when the claim cannot be split
    (:func:`check_ranges_support`).
    """
    reason = check_ranges_support(claim, find_all)
    if reason is not None:
        raise ValueError(reason)
    job = RangeJob(claim, find_all, workers)
    store = store if store is not None else MemoryStore()
    executor = executor if executor is not None else InProcess()
    total = claim.bound.size()
    frontier = Frontier(claim, find_all, total)
    done = store.finished()
    covered = 0
    outcome = frontier.add(Span(0, 0, 0)) if total == 0 else None
    for span in sorted(done, key=lambda s: s.start):
        covered += span.stop - span.start
        outcome = frontier.add(span) or outcome
    if progress is not None:
        progress(covered, total)
    if outcome is not None:
        return outcome
    most = size if size is not None else range_size(claim, find_all)
    missing = (
        r for start, stop in gaps(done, total) for r in blocks(claim.bound, start, stop, most)
    )
    stream = executor.spans(job, missing)
    try:
        for span in stream:
            store.record(span)
            covered += span.stop - span.start
            if progress is not None:
                progress(min(covered, total), total)
            outcome = frontier.add(span)
            if outcome is not None:
                return outcome
    finally:
        close = getattr(stream, "close", None)
        if close is not None:
            close()
    assert frontier.outcome is not None, "the ranges tile the bound"
    return frontier.outcome
