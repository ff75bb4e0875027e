"""Claims about a base objective and a mesa-objective, as researchers state them.

Formalizes the checkable sentences of the post and paper: "inner alignment is when
U = U_m (at least, on the domain of U_m)" and two weaker readings (order and
approximate alignment), each bounded so that a method can decide it
(docs/semantics.md#claims, #bounds, #verdicts).

Main definitions:

- :data:`Predicate` -- ``inner-alignment``, ``order-alignment`` (``U_m(s) <= U_m(t)
  iff U(s) <= U(t)`` on the domain), ``approximate-alignment`` (``|U - U_m| <= epsilon``
  on the domain);
- :class:`LibraryObjective` or an :class:`~mesaform.spec.objectives.Objective` -- where ``U``
  comes from;
- :class:`MesaProgram` or a :class:`~mesaform.spec.objectives.PartialObjective` -- where ``U_m``
  comes from;
- :class:`Claim` -- a named predicate over both sides and a :class:`~mesaform.spec.verdicts.Bound`,
  with an optional expectation; :meth:`Claim.fails_on` is the one definition of "the
  claim fails on these values" that every checking method and the replay call, and
  :meth:`Claim.failures_on` quantifies it directly over a set of machines.

A wrong argument fails at construction, with a ``TypeError`` or ``ValueError`` that
names it (:mod:`mesaform.spec.validation`). A user's ``module:function`` reference is not a
claim side: the command line resolves it into an objective (``mesaform.claim_files``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from mesaform.spec.alignment import (
    approximate_misalignments_on,
    misalignments_on,
    order_misalignments_on,
    ranks_disagree,
)
from mesaform.spec.library import LIBRARY_OBJECTIVES, library_objective, mesa_objective
from mesaform.spec.machines import TM, is_bitstring
from mesaform.spec.objectives import Objective, PartialObjective
from mesaform.spec.validation import check_exact, check_one_of, check_type
from mesaform.spec.verdicts import Bound

Predicate = Literal["inner-alignment", "order-alignment", "approximate-alignment"]
"""What a claim says of ``U`` and ``U_m`` on ``dom(U_m)`` (docs/semantics.md#alignment)."""
PREDICATES: tuple[Predicate, ...] = ("inner-alignment", "order-alignment", "approximate-alignment")

Expectation = Literal["holds", "fails"]
"""What the claimant expects of a claim: that it holds, or that it fails."""
EXPECTATIONS: tuple[Expectation, ...] = ("holds", "fails")


@dataclass(frozen=True)
class LibraryObjective:
    """Name a library objective (:data:`mesaform.spec.library.LIBRARY`); it runs with the claim's
    fuel."""

    name: str

    def __post_init__(self) -> None:
        check_one_of(self.name, LIBRARY_OBJECTIVES, "a library objective's name")

    def at(self, fuel: int) -> Objective:
        """Return the objective ``U_F`` at ``fuel``."""
        return library_objective(self.name, fuel)


@dataclass(frozen=True)
class MesaProgram:
    """Take ``U_m`` from a Mesa program's code (its evaluator and internal fuel).

    The code is a bitstring starting with ``1``: a code starting with ``0`` (or
    empty) decodes to a Table, which has no mesa-objective.
    """

    code: TM

    def __post_init__(self) -> None:
        check_type(str, self.code, "a Mesa program's code")
        if not is_bitstring(self.code):
            raise ValueError(
                f"a Mesa program's code is a string of 0 and 1; got {self.code[:40]!r}"
            )
        if not self.code.startswith("1"):
            raise ValueError(
                "a mesa-objective is taken from a Mesa program (a code starting with 1); "
                f"code {self.code[:40]!r} decodes to a Table"
            )

    def objective(self) -> PartialObjective:
        """Return ``U_m``: the evaluator's ``ones`` where it halts within the internal fuel."""
        return mesa_objective(self.code)


BaseSide = LibraryObjective | Objective
"""Where a claim's ``U`` comes from: a library objective (run at the bound's fuel) or any
objective."""
MesaSide = MesaProgram | PartialObjective
"""Where a claim's ``U_m`` comes from: a Mesa program's code or any partial objective."""


def _check_side(value: object, expected: tuple[type, ...], name: str, hint: str) -> None:
    """Check a claim side, adding a hint about the likely mistake to the ``TypeError``."""
    try:
        check_type(expected, value, name)
    except TypeError as error:
        raise TypeError(f"{error} ({hint})") from None


@dataclass(frozen=True)
class Claim:
    """Represent a bounded claim: ``predicate`` holds of ``base`` and ``mesa`` in ``bound``.

    ``base`` is a :class:`LibraryObjective` (run at the bound's fuel) or any total
    :class:`~mesaform.spec.objectives.Objective`; ``mesa`` is a :class:`MesaProgram` or any
    :class:`~mesaform.spec.objectives.PartialObjective` (a total ``U`` is one by
    ``PartialObjective.total(u)``). ``epsilon`` (an ``int`` or ``Fraction``, ``>= 0``)
    is required by ``approximate-alignment`` and refused by the others; ``expect`` is
    what the claimant expects, ``holds`` or ``fails``.
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
        check_type(str, self.name, "name")
        check_one_of(self.predicate, PREDICATES, "predicate")
        _check_side(
            self.base,
            (LibraryObjective, Objective),
            "base",
            "a library objective is LibraryObjective('code_ones'); a partial U_m belongs in mesa",
        )
        _check_side(
            self.mesa,
            (MesaProgram, PartialObjective),
            "mesa",
            "a Mesa program is MesaProgram(code); a total objective u is PartialObjective.total(u)",
        )
        check_type(Bound, self.bound, "bound")
        if self.predicate == "approximate-alignment":
            if self.epsilon is None:
                raise ValueError("approximate-alignment needs epsilon, a rational >= 0")
            check_exact(self.epsilon, "epsilon")
            if self.epsilon < 0:
                raise ValueError(f"epsilon must be a rational >= 0; got {self.epsilon}")
            object.__setattr__(self, "epsilon", Fraction(self.epsilon))
        elif self.epsilon is not None:
            raise ValueError(f"epsilon is only for approximate-alignment, not {self.predicate}")
        if self.expect is not None:
            check_one_of(self.expect, EXPECTATIONS, "expect")
        check_type(str, self.description, "description")

    def base_objective(self) -> Objective:
        """Return the claim's ``U``: a library objective at the bound's fuel, or the given one."""
        if isinstance(self.base, LibraryObjective):
            return self.base.at(self.bound.fuel)
        return self.base

    def mesa_objective(self) -> PartialObjective:
        """Return the claim's ``U_m``: a Mesa program's mesa-objective, or the given one."""
        if isinstance(self.mesa, MesaProgram):
            return self.mesa.objective()
        return self.mesa

    @property
    def arity(self) -> int:
        """Return how many machines witness a failure: 2 for order alignment (a pair), else 1."""
        return 2 if self.predicate == "order-alignment" else 1

    def fails_on(
        self, base_values: Sequence[Fraction], mesa_values: Sequence[Fraction | None]
    ) -> bool:
        """Return whether the claim fails on machines with these ``U`` and ``U_m`` values.

        One machine (``arity`` 1) or a pair ``(s, t)`` (order alignment). A machine
        outside ``dom(U_m)`` (value ``None``) is one the claim says nothing of: it
        never fails there. This is the one definition every method calls.
        """
        if len(base_values) != self.arity or len(mesa_values) != self.arity:
            raise ValueError(
                f"{self.predicate} is decided on {self.arity} machine(s); got "
                f"{len(base_values)} U and {len(mesa_values)} U_m values"
            )
        if any(value is None for value in mesa_values):
            return False
        mesa = [value for value in mesa_values if value is not None]
        if self.predicate == "inner-alignment":
            return base_values[0] != mesa[0]
        if self.predicate == "approximate-alignment":
            assert self.epsilon is not None
            return abs(base_values[0] - mesa[0]) > self.epsilon
        return ranks_disagree(base_values[0], mesa[0], base_values[1], mesa[1])

    def failures_on(self, machines: Iterable[TM]) -> Iterator[tuple[TM, ...]]:
        """Yield every witness of failure among ``machines``: each ``(t,)``, or pair ``(s, t)``.

        The specification of a bounded claim by direct quantification with the
        predicates of :mod:`mesaform.spec.alignment` (quadratic for order alignment); the
        checking methods are tested against it, and every witness it yields is one
        :meth:`fails_on` fails on (tested).
        """
        base, mesa = self.base_objective(), self.mesa_objective()
        if self.predicate == "inner-alignment":
            yield from ((t,) for t in misalignments_on(base, mesa, machines))
        elif self.predicate == "approximate-alignment":
            assert self.epsilon is not None
            found = approximate_misalignments_on(base, mesa, machines, self.epsilon)
            yield from ((t,) for t in found)
        else:
            yield from order_misalignments_on(base, mesa, machines)

    def holds(self) -> bool:
        """Return whether the claim holds on every machine of its bound (by quantifying)."""
        return next(self.failures_on(self.bound.machines()), None) is None
