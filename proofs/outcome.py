"""What a checking method returns before the checker replays it.

A method (enumeration, an SMT solver, Hypothesis) never builds a ``Refuted``
itself: it returns :class:`Found` with the machines it believes witness a
failure, and :func:`proofs.check.check_claim` replays them through the reference
interpreter (docs/semantics.md#verdicts: "never a counterexample before it is
replayed concretely"). A replay that disagrees is a bug report, never a verdict.

Main definitions:

- :class:`Found` -- a candidate counterexample, not yet replayed;
- :data:`MethodOutcome` -- ``Proved | NotRefuted | Unknown | Found``.
"""

from __future__ import annotations

from dataclasses import dataclass

from model.search import ReplayDisagreement
from spec.machines import TM
from spec.verdicts import Method, NotRefuted, Proved, Unknown

__all__ = ["Found", "MethodOutcome", "ReplayDisagreement"]


@dataclass(frozen=True)
class Found:
    """A method's candidate counterexample: ``machines`` (``(t,)``, or ``(s, t)``
    for order alignment), found after covering ``checked`` strings."""

    machines: tuple[TM, ...]
    method: Method
    checked: int
    detail: str = ""
    every: tuple[tuple[TM, ...], ...] = ()
    """With enumeration's ``find_all``: every counterexample, in enumeration order."""

    def all_machines(self) -> tuple[tuple[TM, ...], ...]:
        """Return every counterexample found: ``every``, or just ``machines``."""
        return self.every or (self.machines,)


MethodOutcome = Proved | NotRefuted | Unknown | Found
"""What a method returns to the checker."""
