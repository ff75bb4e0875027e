"""Objectives: the base objective ``U``, the partial mesa-objective ``U_m``, and
objectives on world states, a type that must never be compared with either.

Formalizes the post's "We have a function U : TM -> R which scores our machines",
"the domain of U_m may be only a subset of the domain of U; that is, U_m may be a
partial function", and "Note that U_m is not a utility function that takes in
states of the world" (docs/semantics.md#values, #objectives). R is implemented as
exact rationals.

Main definitions:

- :data:`Value` -- ``fractions.Fraction``; no float enters the formalism;
  :func:`rational` writes one as ``p/q``, :func:`parse_rational` reads one back
  (bounded: no text makes it run for long).
- :class:`Objective` -- a total ``U : TM -> Q``.
- :class:`PartialObjective` -- ``U_m : TM -/-> Q`` with a decidable, explicit
  domain, after Lean's ``Part``: ``defined(t)`` is the domain, ``value(t)`` is
  only read inside it, ``__call__`` returns a :class:`Lookup`.
- :class:`Lookup` (:class:`Defined` or :class:`Undefined`) -- a partial value, which is
  not a rational: comparing it with ``U(t)``, ordering it or adding to it is a type error.
- :class:`WorldState`, :class:`WorldObjective` -- ``u : W -> Q`` on world states, ``W``
  bound to :class:`WorldState`; ``mypy --strict`` refuses to compare it with, pass it
  for, or apply it to an objective on machines or a machine.

Main results (``tests/test_objectives.py``, ``tests/test_typing.py``): a partial
objective has values exactly on its domain; ``Objective == WorldObjective`` and
``inner_aligned_on(world_objective, ...)`` are type errors.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Generic, TypeVar, final

from mesaform.spec.machines import TM
from mesaform.spec.validation import machine_argument

Value = Fraction
"""Exact rationals: the project's implementation of R (docs/semantics.md#values)."""


def exact(value: int | Fraction) -> Fraction:
    """Return ``value`` as a ``Fraction``; refuse floats, which are not exact."""
    if isinstance(value, bool) or not isinstance(value, int | Fraction):
        raise TypeError(
            f"objective values are exact rationals (int or Fraction); got "
            f"{type(value).__name__} {value!r}"
        )
    return Fraction(value)


class Lookup:
    """Represent what ``U_m(t)`` returns: :class:`Defined` in ``dom(U_m)``, else :class:`Undefined`.

    After Lean's ``Part``: a partial value is not a rational. It has no order and no
    arithmetic, so ``U_m(t) < U(t)``, ``U_m(t) + 1`` and ``max(..., key=U_m)`` are type
    errors under ``mypy --strict``; ``U_m(t) == U(t)`` is one under mesaform's mypy plugin
    (:mod:`mesaform.mypy_plugin`), and is ``False`` at run time. Its only subclasses are
    :class:`Defined` and :class:`Undefined`.
    """

    __slots__ = ()

    def __init_subclass__(cls) -> None:
        if cls.__name__ not in ("Defined", "Undefined") or cls.__module__ != __name__:
            raise TypeError("a Lookup is Defined or Undefined; it has no other subclasses")

    def to_option(self) -> Fraction | None:
        """Return the value, or ``None`` outside the domain (Lean's ``Part.toOption``)."""
        raise NotImplementedError


@final
class Defined(Lookup):
    """Represent ``t in dom(U_m)`` with ``U_m(t) = value``."""

    __slots__ = ("value",)
    __match_args__ = ("value",)

    def __init__(self, value: Fraction) -> None:
        if not isinstance(value, Fraction):
            raise TypeError(f"Defined holds a Fraction; got {type(value).__name__} {value!r}")
        self.value: Fraction = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Defined) and self.value == other.value

    def __hash__(self) -> int:
        return hash(("Defined", self.value))

    def __repr__(self) -> str:
        return f"Defined({self.value!r})"

    def to_option(self) -> Fraction:
        """Return the value (``some value``)."""
        return self.value


@final
class Undefined(Lookup):
    """Represent ``t not in dom(U_m)``: no value. The one instance is :data:`UNDEFINED`."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Undefined)

    def __hash__(self) -> int:
        return hash("Undefined")

    def __repr__(self) -> str:
        return "UNDEFINED"

    def to_option(self) -> None:
        """Return ``None`` (``none``)."""
        return None


UNDEFINED = Undefined()
"""The value of a partial objective outside its domain."""


def rational(value: Fraction | None) -> str:
    """Write an exact value as ``p/q``, ``q = 1`` included; ``undefined`` for ``None``.

    The one text form of a value in reports, JSON and test vectors: ``3`` is ``3/1``.
    """
    if value is None:
        return "undefined"
    return f"{value.numerator}/{value.denominator}"


MAX_RATIONAL_TEXT = 100_000
"""The longest text :func:`parse_rational` reads (converted in well under a second)."""
MAX_EXPONENT = 100_000
"""The largest exponent :func:`parse_rational` accepts: ``1e100000`` has 100,001 digits."""

_EXPONENT = re.compile(r"[eE]\s*([-+]?[0-9_]*)")


def parse_rational(text: str) -> Fraction:
    """Read an exact rational written ``p/q``, an integer or a decimal (``1e-3``), as
    ``fractions.Fraction`` does; raise ``ValueError`` naming the fault, also for a text
    longer than :data:`MAX_RATIONAL_TEXT` or an exponent beyond :data:`MAX_EXPONENT`
    (``1e999999999`` would otherwise build a billion-digit integer), and
    ``ZeroDivisionError`` for ``p/0``."""
    shown = text if len(text) <= 40 else f"{text[:20]}...{text[-10:]} ({len(text)} characters)"
    if len(text) > MAX_RATIONAL_TEXT:
        raise ValueError(
            f"{shown!r} is longer than {MAX_RATIONAL_TEXT:,} characters; write a shorter rational"
        )
    exponent = _EXPONENT.search(text)
    if exponent is not None:
        digits = exponent.group(1).lstrip("+-").replace("_", "").lstrip("0")
        if len(digits) > len(str(MAX_EXPONENT)) or (digits and int(digits) > MAX_EXPONENT):
            raise ValueError(f"{shown!r} has an exponent beyond ±{MAX_EXPONENT:,}")
    try:
        return Fraction(text)
    except ValueError:
        raise ValueError(f"{shown!r} is not a rational 'p/q'") from None


@final
@dataclass(frozen=True, eq=False)
class Objective:
    """Represent a total objective ``U : TM -> Q`` (the base objective's type).

    ``name`` says what it is, e.g. ``"productivity(fuel=20)"``; ``function`` must
    return an ``int`` or ``Fraction`` for every machine.

    Coq twin: ``Objectives.objective`` (proofs/coq, docs/coq.md).
    """

    name: str
    function: Callable[[TM], int | Fraction]

    def __call__(self, t: TM) -> Fraction:
        """Return ``U(t)``, exactly (``t`` a ``TM`` or a ``str`` of 0 and 1)."""
        return exact(self.function(machine_argument(t, "t")))


@final
@dataclass(frozen=True, eq=False)
class PartialObjective:
    """Represent a partial objective ``U_m : TM -/-> Q`` with an explicit domain.

    ``defined(t)`` decides ``t in dom(U_m)``; ``function(t)`` is the value and is
    only ever called on ``t`` inside the domain.

    Coq twin: ``Objectives.partial_objective`` (proofs/coq, docs/coq.md).
    """

    name: str
    defined: Callable[[TM], bool]
    function: Callable[[TM], int | Fraction]

    def value(self, t: TM) -> Fraction:
        """Return ``U_m(t)`` for ``t`` in the domain; raise ``ValueError`` outside it."""
        t = machine_argument(t, "t")
        if not self.defined(t):
            raise ValueError(f"{self.name} is undefined at {t!r}: it is outside dom({self.name})")
        return exact(self.function(t))

    def __call__(self, t: TM) -> Lookup:
        """Return ``Defined(U_m(t))`` inside the domain and :data:`UNDEFINED` outside it.

        The result is not a ``Fraction``: ``U_m(t) == U(t)``, ``U_m(t) < U(t)`` and
        ``U_m(t) + 1`` are type errors; read the value with ``match`` or
        ``isinstance(..., Defined)``, or ask for ``value(t)`` inside the domain.
        """
        t = machine_argument(t, "t")
        return Defined(exact(self.function(t))) if self.defined(t) else UNDEFINED

    @staticmethod
    def from_optional(
        name: str, function: Callable[[TM], int | Fraction | None]
    ) -> PartialObjective:
        """Build a partial objective from a function returning a value or ``None``."""

        def defined(t: TM) -> bool:
            return function(t) is not None

        def value(t: TM) -> int | Fraction:
            result = function(t)
            if result is None:
                raise ValueError(f"{name} is undefined at {t!r}")
            return result

        return PartialObjective(name, defined, value)

    @staticmethod
    def total(objective: Objective) -> PartialObjective:
        """View a total objective as a partial one defined everywhere."""
        return PartialObjective(objective.name, lambda _t: True, objective.function)


class WorldState:
    """Base class of world states: a type ``W`` of states is declared by deriving from it.

    The world-state formalization is mesaform's own (docs/semantics.md#world-states).
    ``W`` is bound to this class, so a :class:`~mesaform.spec.machines.TM` (a ``str``) is never a
    world state: ``WorldObjective[TM]``, ``WorldObjective[str]`` and a ``W`` inferred from a
    function such as ``len`` (``Sized``) are type errors.
    """

    __slots__ = ()


W = TypeVar("W", bound=WorldState)
"""A type of world states; bound to :class:`WorldState`, so never a machine."""


@final
@dataclass(frozen=True, eq=False)
class WorldObjective(Generic[W]):
    """Represent an objective ``u : W -> Q`` on world states ``W``, not on machines.

    The post's point is that such a function has a different type from ``U`` and
    ``U_m``; comparing them is meaningless, and mypy rejects it.
    """

    name: str
    function: Callable[[W], int | Fraction]

    def __call__(self, state: W) -> Fraction:
        """Return ``u(state)``, exactly."""
        return exact(self.function(state))
