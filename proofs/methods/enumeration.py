"""Exhaustive enumeration: decide a bounded alignment claim by checking every string.

Formalizes the bounded claims of docs/semantics.md#claims ("∀t, |t| ≤ n: t ∈ dom(U_m) →
U_F(t) = U_m(t)") and their two weaker readings (approximate and order alignment,
mesaform.spec.alignment), decided by covering every machine of the bound; the verdicts are
those of docs/semantics.md#verdicts.

Main definitions:

- :func:`enumerate_claim` -- check a :class:`~mesaform.spec.claims.Claim` on every ``t`` with
  ``|t| <= n`` (honouring ``tables_only`` / ``states``); return ``Proved`` (with how
  many strings lie in ``dom(U_m)``), the first counterexample as
  :class:`~mesaform.proofs.checking.outcome.Found`; an interrupt raises
  :class:`~mesaform.proofs.checking.outcome.MethodInterrupted` (the check stops, no verdict);
- :func:`fast_plan`, :func:`enumerate_fast` -- the compiled path (library base
  objective, Mesa program's ``U_m``): chunks of strings evaluated in parallel by
  :mod:`mesaform.model.kernels`, the evaluator's runs sharing common input prefixes;
- :func:`reduce_evaluator` -- a Mesa evaluator reduced to the table it acts like;
- :func:`enumerate_generic` -- the path for user objectives, calling their Python
  functions per string;
- :func:`bound_strings_capped`, :func:`strings_text` -- a bound's strings, counted and in
  words.

Strings are enumerated shortest first, then lexicographically, so the first
counterexample is minimal. Order alignment is decided without a quadratic pass:
``U`` and ``U_m`` rank ``dom`` alike iff ``U_m(t) ↦ U(t)`` is a well-defined,
strictly increasing function on ``dom`` (proved in docs/engine.md).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from mesaform.model import engine
from mesaform.proofs.checking.outcome import Found, MethodInterrupted, MethodOutcome
from mesaform.proofs.methods.exploration import exploration_applies, explore_claim
from mesaform.spec.alignment import ranks_disagree
from mesaform.spec.claims import Claim, LibraryObjective, MesaProgram
from mesaform.spec.library import LIBRARY_OBJECTIVES
from mesaform.spec.machines import TM
from mesaform.spec.programs import Mesa, Table, decode
from mesaform.spec.verdicts import Bound, Proved, bits_of
from mesaform.spec.words import plural

Progress = Callable[[int, int], None]
"""``progress(done, total)``: strings covered so far, strings in the bound."""

# -- deciding the predicates -----------------------------------------------------------------


@dataclass
class OrderTracker:
    """Decide order alignment incrementally over a stream of ``(t, U_m(t), U(t))``.

    Keeps the distinct pairs ``(U_m, U)`` seen, each with its first witness. While
    no conflict has been seen, the pairs form a strictly increasing function
    ``U_m ↦ U``, so a new pair need only be compared with its neighbours.
    """

    mesa_keys: list[Fraction]
    base_of: dict[Fraction, Fraction]
    witnesses: dict[tuple[Fraction, Fraction], TM]

    @staticmethod
    def empty() -> OrderTracker:
        """Return a tracker that has seen nothing."""
        return OrderTracker([], {}, {})

    def conflict(self, mesa: Fraction, base: Fraction) -> bool:
        """Return whether ``(mesa, base)`` conflicts with a pair seen so far (no update)."""
        if mesa in self.base_of:
            return self.base_of[mesa] != base
        position = bisect.bisect_left(self.mesa_keys, mesa)
        if position > 0 and not self.base_of[self.mesa_keys[position - 1]] < base:
            return True
        return position < len(self.mesa_keys) and not base < self.base_of[self.mesa_keys[position]]

    def add(self, t: TM, mesa: Fraction, base: Fraction) -> None:
        """Record ``t`` (call only while no conflict has been seen)."""
        if mesa not in self.base_of:
            bisect.insort(self.mesa_keys, mesa)
            self.base_of[mesa] = base
        self.witnesses.setdefault((mesa, base), t)

    def first_partner(self, t: TM, mesa: Fraction, base: Fraction) -> tuple[TM, TM]:
        """Return the pair witnessing ``t``'s conflict, oriented so ``ranks_disagree`` holds.

        The partner is the first string seen that ``U`` and ``U_m`` rank
        differently from ``t``; the pair is ``(partner, t)`` when that orientation
        disagrees, else ``(t, partner)``.
        """
        best: tuple[TM, Fraction, Fraction] | None = None
        for (mesa_s, base_s), s in self.witnesses.items():
            disagree = ranks_disagree(base_s, mesa_s, base, mesa) or ranks_disagree(
                base, mesa, base_s, mesa_s
            )
            if disagree and (best is None or (len(s), s) < (len(best[0]), best[0])):
                best = (s, mesa_s, base_s)
        assert best is not None, "first_partner is only called on a conflict"
        s, mesa_s, base_s = best
        return (s, t) if ranks_disagree(base_s, mesa_s, base, mesa) else (t, s)


def domain_detail(checked: int, in_domain: int) -> str:
    """Return how much of the bound lies in ``dom(U_m)``, in words.

    E.g. ``U_m defined on 65536 of 131071 strings``: a claim proved with few
    strings in the domain holds mostly because ``U_m`` is undefined.
    """
    return f"U_m defined on {in_domain} of {plural(checked, 'string')}"


def proved_with_domain(bound: Bound, checked: int, in_domain: int) -> Proved:
    """Return the proof over ``checked`` strings, ``in_domain`` of them in ``dom(U_m)``
    (enumeration runs ``U_m`` once per string: ``evaluator_runs = checked``)."""
    return Proved(
        bound,
        "enumerate",
        checked,
        detail=domain_detail(checked, in_domain),
        in_domain=in_domain,
        evaluator_runs=checked,
    )


def enumerate_claim(
    claim: Claim,
    *,
    find_all: bool = False,
    workers: int = 2,
    progress: Progress | None = None,
    memoize: bool = False,
) -> MethodOutcome:
    """Decide ``claim`` on every string of its bound; never return a bare result.

    Returns ``Proved(bound, "enumerate", checked, detail, in_domain)`` when it
    holds on all ``checked`` strings, ``in_domain`` of which lie in ``dom(U_m)``
    (the detail says so in words: a claim can hold only because ``U_m`` is
    undefined almost everywhere); ``Found((t,), "enumerate", checked)`` with the first
    counterexample in shortest-then-lexicographic order (order alignment: a pair);
    with ``find_all`` every counterexample (order alignment: every ``t`` that
    conflicts with an earlier string, with its first partner), listed in
    ``Found.every`` and the first in ``Found.machines``. An interrupt raises
    :class:`~mesaform.proofs.checking.outcome.MethodInterrupted`. ``workers`` is the number of
    threads of
    the compiled fast path.

    Every string is run. Only with ``memoize`` (and a claim
    :func:`mesaform.proofs.methods.exploration.exploration_applies` to) does memoized
    exploration run first, within a budget of :func:`exploration_budget` steps; its
    outcome is then exploration's, reported as method ``explore``.
    """
    if memoize and exploration_applies(claim, find_all=find_all) is None:
        explored = explore_claim(claim, budget=exploration_budget(claim.bound), progress=progress)
        if explored is not None:
            return explored
    plan = fast_plan(claim, find_all=find_all)
    if plan is not None:
        return enumerate_fast(claim, plan, find_all=find_all, workers=workers, progress=progress)
    return enumerate_generic(claim, find_all=find_all, progress=progress)


EXPLORATION_SHARE = 16
"""Memoized exploration may simulate one step per this many strings of the bound ..."""

MAX_EXPLORATION_BUDGET = 1 << 21
"""... and at most this many steps (about two seconds) before plain enumeration runs."""


def exploration_budget(bound: Bound) -> int:
    """Return the steps memoized exploration may take before enumeration runs instead.

    A step of the exploration costs about as much as several strings of the
    compiled enumeration, so the budget is a small share of the bound: where the
    subtrees do not merge, little is lost.
    """
    if bound.max_length > 60:
        return MAX_EXPLORATION_BUDGET
    total = (1 << (bound.max_length + 1)) - 1
    return max(1 << 12, min(MAX_EXPLORATION_BUDGET, total // EXPLORATION_SHARE))


def enumerate_generic(
    claim: Claim,
    *,
    find_all: bool = False,
    progress: Progress | None = None,
    compiled_mesa: bool = True,
) -> MethodOutcome:
    """Decide ``claim`` by calling the base objective's Python function on each string.

    ``U_m`` comes from the compiled kernels when it is a Mesa program's (unless
    ``compiled_mesa`` is false), else from its Python function; ``U`` is only
    called inside ``dom(U_m)``.
    """
    base = claim.base_objective()
    bound = claim.bound
    total = bound.size()
    checked = 0
    in_domain = 0
    found: list[tuple[TM, ...]] = []
    tracker = OrderTracker.empty()
    mesa_values = _compiled_mesa_values(claim) if compiled_mesa else None
    if mesa_values is None:
        mesa = claim.mesa_objective()
        mesa_values = ((t, mesa(t).to_option()) for t in bound.machines())
    try:
        for t, mesa_value in mesa_values:
            checked += 1
            if progress is not None and checked % 4096 == 0:
                progress(checked, total)
            if mesa_value is None:
                continue
            in_domain += 1
            base_value = base(t)
            witness: tuple[TM, ...] | None = None
            if claim.arity == 1:
                if claim.fails_on((base_value,), (mesa_value,)):
                    witness = (t,)
            elif tracker.conflict(mesa_value, base_value) or (
                find_all and found and _conflicts_any(tracker, mesa_value, base_value)
            ):
                witness = tracker.first_partner(t, mesa_value, base_value)
            if claim.predicate == "order-alignment":
                tracker.add(t, mesa_value, base_value)
            if witness is not None:
                found.append(witness)
                if not find_all:
                    break
        if progress is not None:
            progress(checked, total)
    except KeyboardInterrupt as error:
        raise MethodInterrupted(f"after {checked} of {plural(total, 'string')}", error) from error
    if found:
        return Found(found[0], "enumerate", checked, every=tuple(found) if find_all else ())
    return proved_with_domain(bound, checked, in_domain)


# -- the compiled path -----------------------------------------------------------------------

CHUNK = 1 << 20
"""Strings evaluated per call of the compiled kernel (memory is flat: one chunk at a time)."""

FUSED_CALL = 1 << 24
"""Strings per call of the fused evaluate-and-check kernel: one parallel region per
call, long enough that starting the threads costs little even on a busy machine."""

MAX_FAST_LENGTH = 62
"""Strings of up to 62 bits are integers (length, value) in the compiled path."""

MAX_SHARED_FUEL = 1 << 22
"""Above this evaluator fuel, every string is run on its own (the shared search's
tape and undo log are as long as the fuel)."""

MAX_ORDER_KEYS = 1 << 24
"""The compiled order check keeps every U_m value seen; beyond this, the generic path."""

MAX_KERNEL_MAGNITUDE = 1 << 62
"""The kernels compute in int64: every fuel, value and product they form stays below this."""


def order_key_tables(plan: FastPlan, bound: Bound, order: bool) -> tuple[Any, Any, Any, Any]:
    """Return the order-alignment scan's table of the ``U_m`` values seen: keys, value
    numerators, denominators and witness ranks (numpy ``int64`` arrays).

    One slot per value ``U_m`` can take on the bound (an evaluator's ``ones`` is at most
    its fuel plus the input's cells, so ``mesa_fuel + 2 max_length + 2`` slots); one
    unused slot when the predicate is not order alignment.
    """
    import numpy as np

    room = plan.mesa_fuel + 2 * bound.max_length + 2 if order else 1
    return (
        np.zeros(room, np.int64),
        np.zeros(room, np.int64),
        np.ones(room, np.int64),
        np.zeros(room, np.int64),
    )


def fits_the_kernels(bound: Bound, mesa_fuel: int, epsilon: tuple[int, int] = (0, 1)) -> bool:
    """Return whether the kernels' int64 arithmetic is exact for this bound and evaluator fuel.

    ``U_m <= mesa_fuel + 2n`` (input ones plus one per step), ``U``'s numerator and
    denominator are at most ``max(F, n**2) + 1`` (``self_replication`` is
    ``a**2 / max(|o|, |t|)`` with ``a <= n``); the kernels form ``|num - U_m * den|``
    times ``q`` and ``p`` times ``den`` (``epsilon = p/q``), and ``num * den`` products.
    """
    n = bound.max_length
    values = max(bound.fuel, n * n) + 1
    mesa = mesa_fuel + 2 * n + 1
    largest = (values + mesa * values) * max(1, *epsilon)
    return largest < MAX_KERNEL_MAGNITUDE and values * values < MAX_KERNEL_MAGNITUDE


_BASE_MODES = {"code_ones": 0, "productivity": 1, "busyness": 2, "self_replication": 3}
"""The compiled kernels' number for each library objective (``BASE_*`` in the kernels)."""
assert set(_BASE_MODES) == set(LIBRARY_OBJECTIVES), "every library objective has a kernel mode"


@dataclass(frozen=True)
class FastPlan:
    """How the compiled path computes both sides of a claim.

    ``mesa_mode`` is one of the kernel's ``MESA_*`` modes: a table evaluator
    (``delta``, ``states``) run on ``t`` with ``mesa_fuel``; the input tape's ones;
    or undefined everywhere. ``base_mode`` names the library objective.
    ``epsilon`` is ``(p, q)`` for ``|U - U_m| <= p/q`` (``(0, 1)`` for inner alignment).
    """

    mesa_mode: int
    delta: Any
    states: int
    mesa_fuel: int
    base_mode: int
    epsilon: tuple[int, int]


def reduce_evaluator(code: TM, fuel: int) -> tuple[int, Any, int, int]:
    """Reduce ``t ↦ run(code, t, fuel)`` to a table evaluator, or a constant outcome.

    A Mesa evaluator's step 1 does not read its input, so it is run once: out of
    fuel makes ``U_m`` undefined everywhere; no score leaves the input tape
    (``U_m(t) = |t| + code_ones(t)``); otherwise ``U_m(t)`` is the ``ones`` of the
    chosen candidate's run on ``t`` with the fuel left, reduced in turn. Returns
    ``(mode, delta, states, fuel)``.
    """
    kernels = engine.kernels()
    while True:
        program = decode(code)
        if isinstance(program, Table):
            return kernels.MESA_TABLE, engine.table_delta(program), program.states, fuel
        step_one = engine.choose_candidate(program, fuel)
        if step_one is None:
            return kernels.MESA_UNDEFINED, engine.table_delta(Table(0)), 0, 0
        spent, chosen = step_one
        if chosen is None:
            return kernels.MESA_INPUT_ONES, engine.table_delta(Table(0)), 0, 0
        code, fuel = program.candidates[chosen], fuel - spent


def fast_plan(claim: Claim, *, find_all: bool = False) -> FastPlan | None:
    """Return the compiled plan for ``claim``, or ``None`` when only the generic path applies.

    The compiled path covers a library base objective with a Mesa program's
    ``U_m`` (the common case); user objectives call their Python functions.
    """
    if not isinstance(claim.base, LibraryObjective) or not isinstance(claim.mesa, MesaProgram):
        return None
    if claim.bound.max_length > MAX_FAST_LENGTH:
        return None
    if claim.predicate == "order-alignment" and find_all:
        return None
    mesa = decode(claim.mesa.code)
    if not isinstance(mesa, Mesa):
        return None  # the generic path reports that U_m needs a Mesa program
    epsilon = (0, 1)
    if claim.predicate == "approximate-alignment":
        assert claim.epsilon is not None
        epsilon = (claim.epsilon.numerator, claim.epsilon.denominator)
        if max(epsilon) > 1 << 30:
            return None
    if not fits_the_kernels(claim.bound, mesa.fuel, epsilon):
        return None
    mode, delta, states, fuel = reduce_evaluator(mesa.evaluator, mesa.fuel)
    if claim.predicate == "order-alignment" and fuel + 2 * claim.bound.max_length > MAX_ORDER_KEYS:
        return None
    return FastPlan(mode, delta, states, fuel, _BASE_MODES[claim.base.name], epsilon)


def _string_of_rank(rank: int) -> TM:
    """Return the string whose rank ``(1 << L) | value`` the compiled order check records."""
    return TM(bin(rank)[3:])


def enumerate_fast(
    claim: Claim,
    plan: FastPlan,
    *,
    find_all: bool = False,
    workers: int = 2,
    progress: Progress | None = None,
    shared_prefixes: bool = True,
) -> MethodOutcome:
    """Decide ``claim`` with the compiled kernels, one chunk of strings at a time.

    With ``shared_prefixes`` (and an evaluator fuel of at most
    :data:`MAX_SHARED_FUEL`) the evaluator's runs on strings with a common prefix
    share that prefix's simulation; otherwise every string is run on its own.
    """
    import numpy as np

    kernels = engine.kernels()
    bound = claim.bound
    total = bound.size()
    blocks = 1 << (8 * engine.use_threads(workers)).bit_length()  # a power of two
    shared = shared_prefixes and plan.mesa_fuel <= MAX_SHARED_FUEL
    order = claim.predicate == "order-alignment"
    fused = not order and not find_all
    size = 1 if fused else min(CHUNK, max(1, total))
    defined = np.zeros(size, np.uint8)
    mesa_values = np.zeros(size, np.int64)
    numerators = np.zeros(size, np.int64)
    denominators = np.ones(size, np.int64)
    buffer_size = min(1 << 16, 2 * (max(plan.mesa_fuel, bound.fuel) + 2 * bound.max_length) + 64)
    keys, key_num, key_den, key_witness = order_key_tables(plan, bound, order)
    keys_used = 0
    epsilon_num, epsilon_den = plan.epsilon
    checked = 0
    in_domain = 0
    found: list[tuple[TM, ...]] = []
    try:
        for length, lo, hi in bound.length_ranges():
            if fused:
                for start in range(lo, hi, FUSED_CALL):
                    stop = min(hi, start + FUSED_CALL)
                    value, defined_here = kernels.first_failure_range(
                        length,
                        start,
                        stop,
                        plan.mesa_mode,
                        plan.delta,
                        plan.states,
                        plan.mesa_fuel,
                        plan.base_mode,
                        bound.fuel,
                        buffer_size,
                        min(4 * blocks, stop - start),
                        shared,
                        epsilon_num,
                        epsilon_den,
                    )
                    if value >= 0:
                        t = bits_of(length, value)
                        return Found((t,), "enumerate", checked + value - start + 1)
                    checked += stop - start
                    in_domain += int(defined_here)
                    if progress is not None:
                        progress(checked, total)
                continue
            for start in range(lo, hi, size):
                stop = min(hi, start + size)
                count = stop - start
                _, defined_here = kernels.evaluate_range(
                    length,
                    start,
                    stop,
                    plan.mesa_mode,
                    plan.delta,
                    plan.states,
                    plan.mesa_fuel,
                    plan.base_mode,
                    bound.fuel,
                    buffer_size,
                    min(blocks, count),
                    shared,
                    defined,
                    mesa_values,
                    numerators,
                    denominators,
                )
                arrays = (defined, mesa_values, numerators, denominators)
                if order:
                    failure, keys_used = kernels.order_scan(
                        count,
                        *arrays,
                        keys,
                        key_num,
                        key_den,
                        key_witness,
                        keys_used,
                        (1 << length) | start,
                    )
                    if failure >= 0:
                        t = bits_of(length, start + failure)
                        partner = _order_partner(
                            t,
                            Fraction(int(mesa_values[failure])),
                            Fraction(int(numerators[failure]), int(denominators[failure])),
                            [
                                (
                                    _string_of_rank(int(key_witness[j])),
                                    Fraction(int(keys[j])),
                                    Fraction(int(key_num[j]), int(key_den[j])),
                                )
                                for j in range(keys_used)
                            ],
                        )
                        return Found(partner, "enumerate", checked + failure + 1)
                elif find_all:
                    failures = kernels.all_inner_failures(count, *arrays, epsilon_num, epsilon_den)
                    found.extend((bits_of(length, start + int(i)),) for i in failures)
                else:
                    failure = kernels.first_inner_failure(count, *arrays, epsilon_num, epsilon_den)
                    if failure >= 0:
                        t = bits_of(length, start + failure)
                        return Found((t,), "enumerate", checked + failure + 1)
                checked += count
                in_domain += int(defined_here)
                if progress is not None:
                    progress(checked, total)
    except KeyboardInterrupt as error:
        raise MethodInterrupted(f"after {checked} of {plural(total, 'string')}", error) from error
    if found:
        return Found(found[0], "enumerate", checked, every=tuple(found))
    return proved_with_domain(bound, checked, in_domain)


def _compiled_mesa_values(claim: Claim) -> Iterator[tuple[TM, Fraction | None]] | None:
    """Yield ``(t, U_m(t))`` over the bound, ``U_m`` computed in compiled chunks.

    Return ``None`` unless the mesa side is a Mesa program and strings fit the kernels.
    """
    return mesa_values_in(claim, claim.bound.length_ranges())


def mesa_values_in(
    claim: Claim, runs: Iterable[tuple[int, int, int]]
) -> Iterator[tuple[TM, Fraction | None]] | None:
    """Yield ``(t, U_m(t))`` for the strings of each run ``(length, lo, hi)``, compiled.

    Return ``None`` unless the mesa side is a Mesa program and strings fit the kernels.
    """
    if not isinstance(claim.mesa, MesaProgram) or claim.bound.max_length > MAX_FAST_LENGTH:
        return None
    mesa = decode(claim.mesa.code)
    if not isinstance(mesa, Mesa) or not fits_the_kernels(
        Bound(claim.bound.max_length, 0), mesa.fuel
    ):
        return None
    mode, delta, states, fuel = reduce_evaluator(mesa.evaluator, mesa.fuel)
    return _mesa_value_stream(claim.bound, runs, mode, delta, states, fuel)


def _mesa_value_stream(
    bound: Bound,
    runs: Iterable[tuple[int, int, int]],
    mode: int,
    delta: Any,
    states: int,
    fuel: int,
) -> Iterator[tuple[TM, Fraction | None]]:
    import numpy as np

    kernels = engine.kernels()
    threads = engine.use_threads(1)
    size = 1 << 12
    defined = np.zeros(size, np.uint8)
    values = np.zeros(size, np.int64)
    unused = (np.zeros(size, np.int64), np.ones(size, np.int64))
    buffer_size = min(1 << 16, 2 * (fuel + 2 * bound.max_length) + 64)
    shared = fuel <= MAX_SHARED_FUEL
    for length, lo, hi in runs:
        for start in range(lo, hi, size):
            stop = min(hi, start + size)
            kernels.evaluate_range(
                length,
                start,
                stop,
                mode,
                delta,
                states,
                fuel,
                kernels.BASE_CODE_ONES,
                0,
                buffer_size,
                threads,
                shared,
                defined,
                values,
                *unused,
            )
            for index in range(stop - start):
                value = Fraction(int(values[index])) if defined[index] else None
                yield bits_of(length, start + index), value


def _order_partner(
    t: TM, mesa: Fraction, base: Fraction, seen: list[tuple[TM, Fraction, Fraction]]
) -> tuple[TM, TM]:
    """Return ``t``'s conflict pair: the first earlier string ranked differently."""
    tracker = OrderTracker.empty()
    for s, mesa_s, base_s in seen:
        tracker.witnesses[(mesa_s, base_s)] = s
    return tracker.first_partner(t, mesa, base)


def _conflicts_any(tracker: OrderTracker, mesa: Fraction, base: Fraction) -> bool:
    """Return whether ``(mesa, base)`` conflicts with any pair seen (after a conflict)."""
    return any(
        ranks_disagree(base_s, mesa_s, base, mesa) or ranks_disagree(base, mesa, base_s, mesa_s)
        for mesa_s, base_s in tracker.witnesses
    )


# -- the bound in words -----------------------------------------------------------------


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
