"""Objectives: the base objective ``U``, the partial mesa-objective ``U_m``, and
objectives on world states, a type that must never be compared with either.

Formalizes the post's "We have a function U : TM -> R which scores our machines",
"the domain of U_m may be only a subset of the domain of U; that is, U_m may be a
partial function", and "Note that U_m is not a utility function that takes in
states of the world" (docs/semantics.md#values, #objectives). R is implemented as
exact rationals.

Main definitions:

- :data:`Value` -- ``fractions.Fraction``; no float enters the formalism.
- :class:`Objective` -- a total ``U : TM -> Q``.
- :class:`PartialObjective` -- ``U_m : TM -/-> Q`` with a decidable, explicit
  domain, after Lean's ``Part``: ``defined(t)`` is the domain, ``value(t)`` is
  only read inside it, ``__call__`` returns ``None`` outside (Python's ``Optional``).
- :class:`WorldObjective` -- ``u : W -> Q`` on world states; ``mypy --strict``
  refuses to compare it with, or pass it for, an objective on machines.

Main results (``tests/test_objectives.py``, ``tests/test_typing.py``): a partial
objective has values exactly on its domain; ``Objective == WorldObjective`` and
``inner_aligned_on(world_objective, ...)`` are type errors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Generic, TypeVar, final

from spec.machines import TM

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


@final
@dataclass(frozen=True, eq=False)
class Objective:
    """Represent a total objective ``U : TM -> Q`` (the base objective's type).

    ``name`` says what it is, e.g. ``"productivity(fuel=20)"``; ``function`` must
    return an ``int`` or ``Fraction`` for every machine.
    """

    name: str
    function: Callable[[TM], int | Fraction]

    def __call__(self, t: TM) -> Fraction:
        """Return ``U(t)``, exactly."""
        return exact(self.function(t))


@final
@dataclass(frozen=True, eq=False)
class PartialObjective:
    """Represent a partial objective ``U_m : TM -/-> Q`` with an explicit domain.

    ``defined(t)`` decides ``t in dom(U_m)``; ``function(t)`` is the value and is
    only ever called on ``t`` inside the domain.
    """

    name: str
    defined: Callable[[TM], bool]
    function: Callable[[TM], int | Fraction]

    def value(self, t: TM) -> Fraction:
        """Return ``U_m(t)`` for ``t`` in the domain; raise ``ValueError`` outside it."""
        if not self.defined(t):
            raise ValueError(f"{self.name} is undefined at {t!r}: it is outside dom({self.name})")
        return exact(self.function(t))

    def __call__(self, t: TM) -> Fraction | None:
        """Return ``U_m(t)``, or ``None`` where ``U_m`` is undefined."""
        return exact(self.function(t)) if self.defined(t) else None

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


W = TypeVar("W")


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
