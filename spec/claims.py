"""Claims about a base objective and a mesa-objective, as researchers state them.

Formalizes the checkable sentences of the post and paper: "inner alignment is when
U = U_m (at least, on the domain of U_m)" and its weaker readings, each bounded so
that a method can decide it (DESIGN.md §4, §6).

Main definitions:

- :data:`Predicate` -- ``inner-alignment``, ``order-alignment`` (``U_m(s) <= U_m(t)
  iff U(s) <= U(t)`` on the domain), ``approximate-alignment`` (``|U - U_m| <= epsilon``
  on the domain);
- :class:`LibraryObjective`, :class:`UserObjective` -- where ``U`` comes from;
- :class:`MesaProgram`, :class:`UserObjective` -- where ``U_m`` comes from;
- :class:`Claim` -- a named predicate over both sides and a :class:`~spec.verdicts.Bound`,
  with an optional expectation.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from spec.machines import TM
from spec.programs import Table, decode
from spec.verdicts import Bound

Predicate = Literal["inner-alignment", "order-alignment", "approximate-alignment"]
PREDICATES: tuple[Predicate, ...] = ("inner-alignment", "order-alignment", "approximate-alignment")

Expectation = Literal["holds", "fails"]

LIBRARY_OBJECTIVES = ("code_ones", "productivity", "busyness", "self_replication")
"""The library objectives of DESIGN.md §4; each but ``code_ones`` runs with the bound's fuel."""


@dataclass(frozen=True)
class LibraryObjective:
    """Name a library objective; fuel-parameterised ones use the claim's fuel."""

    name: str

    def __post_init__(self) -> None:
        if self.name not in LIBRARY_OBJECTIVES:
            raise ValueError(
                f"unknown library objective {self.name!r}; expected one of "
                f"{', '.join(LIBRARY_OBJECTIVES)} or a 'module:function' reference"
            )


@dataclass(frozen=True)
class UserObjective:
    """Name a user's function as ``module:function``.

    As a base objective the function maps a ``TM`` to an ``int`` or ``Fraction``;
    as a mesa side it returns a :class:`~spec.objectives.PartialObjective`, or is
    called on each ``TM`` and returns a value or ``None`` (undefined).
    """

    reference: str

    def __post_init__(self) -> None:
        module, _, function = self.reference.partition(":")
        if not module or not function:
            raise ValueError(
                f"a user objective is written 'module:function'; got {self.reference!r}"
            )


@dataclass(frozen=True)
class MesaProgram:
    """Take ``U_m`` from a Mesa program's code (its evaluator and internal fuel)."""

    code: TM


BaseSide = LibraryObjective | UserObjective
MesaSide = MesaProgram | UserObjective


@dataclass(frozen=True)
class Claim:
    """Represent a bounded claim: ``predicate`` holds of ``base`` and ``mesa`` in ``bound``.

    ``epsilon`` is required by ``approximate-alignment`` and refused by the others;
    ``expect`` is what the claimant expects, ``holds`` or ``fails``.
    """

    name: str
    predicate: Predicate
    base: BaseSide
    mesa: MesaSide
    bound: Bound
    epsilon: Fraction | None = None
    expect: Expectation | None = None
    description: str = ""

    def __post_init__(self) -> None:
        if self.predicate not in PREDICATES:
            raise ValueError(
                f"unknown predicate {self.predicate!r}; expected one of {', '.join(PREDICATES)}"
            )
        if self.predicate == "approximate-alignment":
            if self.epsilon is None or self.epsilon < 0:
                raise ValueError("approximate-alignment needs epsilon, a rational >= 0")
        elif self.epsilon is not None:
            raise ValueError(f"epsilon is only for approximate-alignment, not {self.predicate}")
        if self.expect not in (None, "holds", "fails"):
            raise ValueError(f"expect is 'holds' or 'fails'; got {self.expect!r}")


def within_bound(bound: Bound, t: TM) -> bool:
    """Return whether ``t`` is one of the machines ``bound`` covers."""
    if len(t) > bound.max_length and not bound.every_length:
        return False
    if not bound.tables_only and bound.states is None:
        return True
    program = decode(t)
    if not isinstance(program, Table):
        return False
    return bound.states is None or program.states == bound.states
