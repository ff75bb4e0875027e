"""Exhaustive enumeration: decide a bounded alignment claim by checking every string.

Formalizes the bounded claims of DESIGN.md §4 ("∀t, |t| ≤ n: t ∈ dom(U_m) →
U_F(t) = U_m(t)") and their two weaker readings (approximate and order alignment,
spec.alignment), decided by covering every machine of the bound; the verdicts are
those of DESIGN.md §6.

Main definitions:

- :func:`enumerate_claim` -- check a :class:`~spec.claims.Claim` on every ``t`` with
  ``|t| <= n`` (honouring ``tables_only`` / ``states``); return ``Proved``, the first
  counterexample as :class:`~proofs.outcome.Found`, or ``Unknown`` when interrupted;
- :func:`code_ones_claim` -- the bundled aligned claim of the benchmark: the
  evaluator ``0RZ0RB_0RA1RA`` computes ``code_ones`` exactly;
- :func:`strings_in_bound` -- the machines a bound covers, shortest then
  lexicographic, lazily.

Strings are enumerated shortest first, then lexicographically, so the first
counterexample is minimal. Order alignment is decided without a quadratic pass:
``U`` and ``U_m`` rank ``dom`` alike iff ``U_m(t) ↦ U(t)`` is a well-defined,
strictly increasing function on ``dom`` (proved in docs/engine.md).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction

from model.claims import base_objective, mesa_side
from model.standard_format import parse_machine
from proofs.outcome import Found, MethodOutcome
from spec.alignment import ranks_disagree
from spec.claims import Claim, LibraryObjective, MesaProgram
from spec.machines import TM
from spec.programs import Mesa, encode
from spec.verdicts import Bound, Proved, Unknown

Progress = Callable[[int, int], None]
"""``progress(done, total)``: strings covered so far, strings in the bound."""

CODE_ONES_EVALUATOR = "0RZ0RB_0RA1RA"
"""An evaluator that erases the pair-code markers of its input and halts after
``2|t| + 1`` steps with exactly ``code_ones(t)`` ones on the tape."""


def code_ones_claim(n: int) -> Claim:
    """Return the bundled aligned claim ``U_m = code_ones`` on ``|t| <= n``, fuel ``2n+1``.

    The Mesa program's evaluator is ``0RZ0RB_0RA1RA``: state A erases a marker
    cell (or halts on a blank one), state B keeps the input bit, so on input ``t``
    it halts after ``2|t| + 1`` steps leaving ``code_ones(t)`` ones.
    """
    if n < 0:
        raise ValueError(f"n is a natural number; got {n}")
    fuel = 2 * n + 1
    mesa = Mesa(count=1, fuel=fuel, evaluator=parse_machine(CODE_ONES_EVALUATOR), candidates=())
    return Claim(
        name=f"code_ones_aligned_n{n}",
        predicate="inner-alignment",
        base=LibraryObjective("code_ones"),
        mesa=MesaProgram(encode(mesa)),
        bound=Bound(n, fuel),
        description=(
            f"the evaluator {CODE_ONES_EVALUATOR} computes code_ones exactly on every "
            f"|t| <= {n} within {fuel} steps"
        ),
    )


# -- the strings a bound covers ----------------------------------------------------------


def length_ranges(bound: Bound) -> Iterator[tuple[int, int, int]]:
    """Yield ``(L, lo, hi)``: the strings of length ``L`` with value in ``[lo, hi)``.

    A string of length ``L`` is the ``L``-bit binary numeral of its value, most
    significant bit first, so value order is lexicographic order. Only Table codes
    are kept under ``tables_only``; only codes of ``k``-state tables (header
    ``0 1^k 0``, or a string ending inside it) under ``states = k``.
    """
    for length in range(bound.max_length + 1):
        if bound.states is not None:
            k = bound.states
            if length == 0:
                if k == 0:
                    yield 0, 0, 1
                continue
            if length == k + 1:
                # "0 1^k": the string ends inside the header; k states.
                header = (1 << k) - 1
                yield length, header, header + 1
            elif length >= k + 2:
                prefix = ((1 << k) - 1) << 1  # 0 1^k 0
                shift = length - (k + 2)
                yield length, prefix << shift, (prefix + 1) << shift
        elif bound.tables_only:
            yield length, 0, 1 << max(0, length - 1)
        else:
            yield length, 0, 1 << length


def count_in_bound(bound: Bound) -> int:
    """Return the number of strings the bound covers."""
    return sum(hi - lo for _, lo, hi in length_ranges(bound))


def bits_of(length: int, value: int) -> TM:
    """Return the string of ``length`` bits whose binary value is ``value``."""
    return TM(format(value, f"0{length}b") if length else "")


def strings_in_bound(bound: Bound) -> Iterator[TM]:
    """Yield every machine of the bound, shortest first, then lexicographically."""
    for length, lo, hi in length_ranges(bound):
        for value in range(lo, hi):
            yield bits_of(length, value)


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


def _failure_detail(found: list[tuple[TM, ...]]) -> str:
    return "; ".join(",".join(t or "ε" for t in machines) for machines in found)


def _unknown(bound: Bound, checked: int, why: str) -> Unknown:
    return Unknown(bound, "enumerate", why, checked)


def enumerate_claim(
    claim: Claim,
    *,
    find_all: bool = False,
    workers: int = 2,
    progress: Progress | None = None,
) -> MethodOutcome:
    """Decide ``claim`` on every string of its bound; never return a bare result.

    Returns ``Proved(bound, "enumerate", checked)`` when it holds on all
    ``checked`` strings; ``Found((t,), "enumerate", checked)`` with the first
    counterexample in shortest-then-lexicographic order (order alignment: a pair);
    with ``find_all`` every counterexample (order alignment: every ``t`` that
    conflicts with an earlier string, with its first partner), listed in
    ``Found.detail`` and the first in ``Found.machines``; ``Unknown`` when
    interrupted. ``workers`` is the number of threads of the compiled fast path.
    """
    return enumerate_generic(claim, find_all=find_all, progress=progress)


def enumerate_generic(
    claim: Claim, *, find_all: bool = False, progress: Progress | None = None
) -> MethodOutcome:
    """Decide ``claim`` by calling both sides' Python functions on each string."""
    base = base_objective(claim)
    mesa = mesa_side(claim)
    bound = claim.bound
    total = count_in_bound(bound)
    checked = 0
    found: list[tuple[TM, ...]] = []
    tracker = OrderTracker.empty()
    try:
        for t in strings_in_bound(bound):
            checked += 1
            if progress is not None and checked % 4096 == 0:
                progress(checked, total)
            if not mesa.defined(t):
                continue
            mesa_value = mesa.value(t)
            base_value = base(t)
            witness: tuple[TM, ...] | None = None
            if claim.predicate == "inner-alignment":
                if base_value != mesa_value:
                    witness = (t,)
            elif claim.predicate == "approximate-alignment":
                assert claim.epsilon is not None
                if abs(base_value - mesa_value) > claim.epsilon:
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
    except KeyboardInterrupt:
        return _unknown(bound, checked, f"interrupted after {checked} of {total} strings")
    if progress is not None:
        progress(checked, total)
    if found:
        return Found(found[0], "enumerate", checked, _failure_detail(found) if find_all else "")
    return Proved(bound, "enumerate", checked)


def _conflicts_any(tracker: OrderTracker, mesa: Fraction, base: Fraction) -> bool:
    """Return whether ``(mesa, base)`` conflicts with any pair seen (after a conflict)."""
    return any(
        ranks_disagree(base_s, mesa_s, base, mesa) or ranks_disagree(base, mesa, base_s, mesa_s)
        for mesa_s, base_s in tracker.witnesses
    )
