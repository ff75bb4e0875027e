"""The four verdicts a checked claim ends in (DESIGN.md §6).

"Never report *proved* without a bound and a method; never report a solver's
counterexample before it is replayed concretely." Each verdict carries what
makes it trustworthy, so none can be printed bare.

Main definitions:

- :class:`Bound` -- the finite part of TM a bounded claim speaks of;
- :class:`Proved` -- holds for every ``t`` in the bound (method, strings covered);
- :class:`Refuted` -- a :class:`Counterexample` replayed through the reference
  interpreter;
- :class:`NotRefuted` -- no counterexample in a sample (method, examples, seed);
- :class:`Unknown` -- the method ran out of time or memory, or said unknown;
- :data:`Verdict` -- their union.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from spec.machines import TM

Method = Literal["enumerate", "z3", "cvc5", "hypothesis"]
"""The checking methods: exhaustive enumeration, two SMT solvers, Hypothesis."""


@dataclass(frozen=True)
class Bound:
    """Represent the machines a bounded claim covers.

    Every ``t`` with ``|t| <= max_length``; objectives that run ``t`` run it with
    ``fuel`` steps. ``tables_only`` keeps only codes of Table programs; ``states``
    keeps only tables with exactly that many states.
    """

    max_length: int
    fuel: int
    tables_only: bool = False
    states: int | None = None

    def __post_init__(self) -> None:
        if self.max_length < 0:
            raise ValueError(f"max_length is a natural number; got {self.max_length}")
        if self.fuel < 0:
            raise ValueError(f"fuel is a natural number; got {self.fuel}")
        if self.states is not None and self.states < 0:
            raise ValueError(f"states is a natural number or None; got {self.states}")

    def describe(self) -> str:
        """Return the bound in words, e.g. ``|t| <= 12, fuel 25``."""
        parts = [f"|t| <= {self.max_length}", f"fuel {self.fuel}"]
        if self.tables_only:
            parts.append("tables only")
        if self.states is not None:
            parts.append(f"{self.states}-state tables")
        return ", ".join(parts)


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


@dataclass(frozen=True)
class Proved:
    """The claim holds for every machine in ``bound``, shown by ``method``.

    ``checked`` strings were covered; ``in_domain`` (when the method counts it, as
    enumeration does) is how many of them lie in ``dom(U_m)``, the only strings
    where the claim says anything (DESIGN.md §4).
    """

    bound: Bound
    method: Method
    checked: int
    detail: str = ""
    in_domain: int | None = None

    verdict: Literal["proved"] = "proved"


@dataclass(frozen=True)
class Refuted:
    """The claim fails; ``counterexample`` was replayed by the reference interpreter."""

    bound: Bound
    method: Method
    counterexample: Counterexample
    checked: int

    verdict: Literal["refuted"] = "refuted"


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
"""Exactly one of the four verdicts of DESIGN.md §6."""
