"""How a claim is checked: the options every checking method reads.

Defined below :mod:`mesaform.proofs.checking.check` so that the methods
(:mod:`mesaform.proofs.methods`) can read them without importing the checker.

Main definitions:

- :class:`CheckOptions` -- enumeration's ``find_all``, Hypothesis's ``examples`` and
  ``seed``, the time limit, the SMT-LIB2 folder, progress and where the work is spread;
- :class:`Spread` -- a check resumed from a checkpoint or spread over a cluster:
  enumeration in ranges (:mod:`mesaform.proofs.methods.ranges`), the SMT methods by length;
- :class:`LengthExecutor` -- what decides the SMT queries ahead (a cluster).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from mesaform.spec.claims import Claim
from mesaform.spec.validation import (
    check_natural,
    check_optional_natural,
    check_seconds,
    check_type,
)

if TYPE_CHECKING:
    from mesaform.proofs.checking.checkpoint import Checkpoint
    from mesaform.proofs.methods.ranges import Executor
    from mesaform.proofs.methods.solver_claims import QueryAnswer, SolverName


class LengthExecutor(Protocol):
    """Decides SMT queries (one per length) ahead of the check, e.g. one task each."""

    def decide_lengths(
        self,
        claim: Claim,
        solver: SolverName,
        known: dict[str, QueryAnswer],
        timeout_seconds: float,
        smt2_dir: Path | None,
    ) -> dict[str, QueryAnswer]:
        """Return ``known`` with the answers of the queries up to the first not unsat."""
        ...


@dataclass(frozen=True)
class Spread:
    """Where the work of a check runs and is kept.

    ``executor`` computes enumeration's ranges (this process when ``None``);
    ``lengths`` decides the SMT queries ahead (a cluster), ``checkpoint`` keeps
    finished ranges and decided lengths across runs.
    """

    executor: Executor | None = None
    lengths: LengthExecutor | None = None
    checkpoint: Checkpoint | None = None


@dataclass(frozen=True)
class CheckOptions:
    """How to check: enumeration's ``find_all``, Hypothesis's ``examples`` and
    ``seed``, the solvers' ``timeout_seconds`` and ``smt2_dir``, and a progress
    callback ``(done, total)``.

    ``timeout_seconds`` bounds the solvers' whole claim; with ``limit_every_method``
    it bounds every method (enumeration and Hypothesis too, user functions that never
    return included: see :func:`mesaform.proofs.checking.outcome.time_limit`), the claim then
    ending ``unknown``."""

    find_all: bool = False
    examples: int = 1000
    seed: int | None = None
    timeout_seconds: float = 120.0
    smt2_dir: Path | None = None
    limit_every_method: bool = False
    progress: Callable[[int, int], None] | None = field(default=None, compare=False)
    spread: Spread | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        check_type(bool, self.find_all, "find_all")
        check_natural(self.examples, "examples")
        if self.examples < 1:
            raise ValueError(f"examples must be at least 1; got {self.examples}")
        check_optional_natural(self.seed, "seed")
        check_seconds(self.timeout_seconds, "timeout_seconds")
        if self.smt2_dir is not None:
            check_type((Path, str), self.smt2_dir, "smt2_dir")
        if self.progress is not None and not callable(self.progress):
            raise TypeError("progress must be a function (done, total) -> None, or None")
        check_type(bool, self.limit_every_method, "limit_every_method")
