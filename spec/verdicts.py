"""The four verdicts a checked claim ends in (docs/semantics.md#verdicts).

"Never report *proved* without a bound and a method; never report a solver's
counterexample before it is replayed concretely." Each verdict carries what
makes it trustworthy, so none can be printed bare.

Main definitions:

- :class:`Bound` -- the finite part of TM a bounded claim speaks of, with its
  extent: membership, per-length ranges of values, size and the machines in order;
- :class:`Proved` -- holds for every ``t`` in the bound (method, strings covered);
- :class:`Refuted` -- a :class:`Counterexample` replayed through the reference
  interpreter;
- :class:`NotRefuted` -- no counterexample in a sample (method, examples, seed);
- :class:`Unknown` -- the method ran out of time or memory, or said unknown;
- :data:`Verdict` -- their union.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from mesaform.spec.machines import TM
from mesaform.spec.programs import Table, decode
from mesaform.spec.validation import check_natural, check_optional_natural, check_type

Method = Literal[
    "enumerate", "explore", "z3", "cvc5", "bitwuzla", "crossing", "verified", "hypothesis"
]
"""The checking methods: exhaustive enumeration, memoized exploration, three SMT solvers,
crossing-sequence summaries, the verified checker, Hypothesis."""


@dataclass(frozen=True)
class Bound:
    """Represent the machines a bounded claim covers.

    Every ``t`` with ``|t| <= max_length`` (every ``t`` in TM with ``every_length``);
    objectives that run ``t`` run it with ``fuel`` steps. ``tables_only`` keeps only
    codes of Table programs; ``states`` keeps only tables with exactly that many
    states. Its extent is given once, by :meth:`length_ranges`; :meth:`contains`,
    :meth:`size` and :meth:`machines` agree with it (tested).
    """

    max_length: int
    fuel: int
    tables_only: bool = False
    states: int | None = None
    every_length: bool = False
    """``max_length = "all"``: every ``t`` in TM, decided through a small-model theorem
    (docs/semantics.md, "Claims for every t"); ``max_length`` is then 0 and the
    methods run on the bounded claim the theorem gives
    (``mesaform.proofs.checking.small_model``)."""

    def __post_init__(self) -> None:
        check_natural(self.max_length, "max_length")
        check_natural(self.fuel, "fuel")
        check_type(bool, self.tables_only, "tables_only")
        check_optional_natural(self.states, "states")
        check_type(bool, self.every_length, "every_length")
        if self.every_length and (self.max_length or self.tables_only or self.states is not None):
            raise ValueError(
                "a bound of every length covers all of TM: no max_length, tables_only or states"
            )

    def contains(self, t: TM) -> bool:
        """Return whether ``t`` is one of the machines the bound covers."""
        if len(t) > self.max_length and not self.every_length:
            return False
        if not self.tables_only and self.states is None:
            return True
        program = decode(t)
        if not isinstance(program, Table):
            return False
        return self.states is None or program.states == self.states

    def ranges_of_length(self, length: int) -> tuple[tuple[int, int], ...]:
        """Return the ranges ``[lo, hi)`` of values of the bound's strings of ``length`` bits.

        A string of length ``L`` is the ``L``-bit binary numeral of its value, most
        significant bit first, so value order is lexicographic order. Only Table
        codes (first bit ``0``, or empty) are kept under ``tables_only``; only codes
        of ``k``-state tables (header ``0 1^k 0``, or ``0 1^k`` ending inside it,
        or the empty string when ``k = 0``) under ``states = k``.
        """
        if length > self.max_length:
            return ()
        if self.states is not None:
            k = self.states
            if length == 0:
                return ((0, 1),) if k == 0 else ()
            if length == k + 1:
                header = (1 << k) - 1  # "0 1^k": the string ends inside the header
                return ((header, header + 1),)
            if length >= k + 2:
                prefix = ((1 << k) - 1) << 1  # 0 1^k 0
                shift = length - (k + 2)
                return ((prefix << shift, (prefix + 1) << shift),)
            return ()
        if self.tables_only:
            return ((0, 1 << max(0, length - 1)),)
        return ((0, 1 << length),)

    def length_ranges(self) -> Iterator[tuple[int, int, int]]:
        """Yield ``(L, lo, hi)``: the strings of length ``L`` have values in ``[lo, hi)``."""
        for length in range(self.max_length + 1):
            for lo, hi in self.ranges_of_length(length):
                yield length, lo, hi

    def count_of_length(self, length: int) -> int:
        """Return how many of the bound's strings have exactly ``length`` bits."""
        return sum(hi - lo for lo, hi in self.ranges_of_length(length))

    def size(self) -> int:
        """Return how many machines the bound covers."""
        return sum(hi - lo for _, lo, hi in self.length_ranges())

    def machines(self) -> Iterator[TM]:
        """Yield every machine of the bound, shortest first, then lexicographically."""
        for length, lo, hi in self.length_ranges():
            for value in range(lo, hi):
                yield bits_of(length, value)

    def describe(self) -> str:
        """Return the bound in words, e.g. ``|t| <= 12, fuel 25`` or ``every t, fuel 25``."""
        length = "every t" if self.every_length else f"|t| <= {self.max_length}"
        parts = [length, f"fuel {self.fuel}"]
        if self.tables_only:
            parts.append("tables only")
        if self.states is not None:
            parts.append(f"{self.states}-state tables")
        return ", ".join(parts)


def bits_of(length: int, value: int) -> TM:
    """Return the string of ``length`` bits whose binary value is ``value``."""
    return TM(format(value, f"0{length}b") if length else "")


@dataclass(frozen=True)
class Counterexample:
    """Represent machines witnessing that a claim fails, with both sides' values.

    For inner alignment ``machines`` is ``(t,)``; for order alignment it is the
    pair ``(s, t)``. ``mesa_values`` are ``None`` outside ``dom(U_m)``.
    ``replay`` says how the reference interpreter reproduced it.
    """

    machines: tuple[TM, ...]
    base_values: tuple[Fraction, ...]
    mesa_values: tuple[Fraction | None, ...]
    replay: str


DomainAtLength = Literal["nonempty", "empty", "unknown"]
"""Whether ``dom(U_m)`` has a string of one length in the bound, as a solver found."""


@dataclass(frozen=True)
class Proved:
    """The claim holds for every machine in ``bound``, shown by ``method``.

    ``checked`` strings were covered; ``in_domain`` (when the method counts it, as
    enumeration does) is how many of them lie in ``dom(U_m)``, the only strings
    where the claim says anything (docs/semantics.md#claims). ``domain_by_length``
    (when a solver asks it) says for each length ``0..n`` whether ``dom(U_m)`` has a
    string of that length in the bound: ``"nonempty"`` (a witness was found),
    ``"empty"`` (the proof says nothing at that length) or ``"unknown"``.
    """

    bound: Bound
    method: Method
    checked: int
    detail: str = ""
    in_domain: int | None = None
    domain_by_length: tuple[DomainAtLength, ...] = ()
    evaluator_runs: int | None = None
    """How many runs of ``U_m``'s evaluator the method simulated, when it counts them:
    enumeration one per string, memoized exploration one per run segment (a shared
    subtree is run once for every string below it)."""

    verdict: Literal["proved"] = "proved"


@dataclass(frozen=True)
class Refuted:
    """The claim fails; ``counterexample`` was replayed by the reference interpreter."""

    bound: Bound
    method: Method
    counterexample: Counterexample
    checked: int

    verdict: Literal["refuted"] = "refuted"
    seed: int | None = None
    """Hypothesis: the seed that reproduces the search (``None`` for the other methods)."""
    evaluator_runs: int | None = None
    """As :attr:`Proved.evaluator_runs`, up to the counterexample."""


@dataclass(frozen=True)
class NotRefuted:
    """No counterexample among ``examples`` sampled machines; not a proof."""

    bound: Bound
    method: Method
    examples: int
    seed: int

    verdict: Literal["not refuted"] = "not refuted"


@dataclass(frozen=True)
class Unknown:
    """The method gave no answer: ``reason`` says why (timeout, solver unknown, ...)."""

    bound: Bound
    method: Method
    reason: str
    checked: int = 0

    verdict: Literal["unknown"] = "unknown"


Verdict = Proved | Refuted | NotRefuted | Unknown
"""Exactly one of the four verdicts of docs/semantics.md#verdicts."""
