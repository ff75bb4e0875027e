"""The one interface every checking method offers the checker and ``auto``.

A checking method decides bounded claims (docs/semantics.md#claims) its own way and
ends in a :data:`~mesaform.proofs.checking.outcome.MethodOutcome` that the checker turns
into one of the verdicts of docs/semantics.md#verdicts. Each method is one object with
the same few operations, registered once in :mod:`mesaform.proofs.methods.registry`:

- ``why_not(claim, options)`` -- ``None`` when the method covers the claim, else one
  line saying why not;
- ``estimate(claim)`` -- a :class:`CostEstimate`: an integer work estimate, whether the
  method expects to finish, and the words ``auto`` prints;
- ``decide(claim, options, budget)`` -- the outcome within a :class:`Budget`, not yet
  replayed (the checker replays every counterexample).

Main definitions: :data:`Family`, :class:`Budget`, :class:`CostEstimate`,
:class:`CheckingMethod`, :class:`SpreadMethod` (a method whose work can be split into
pieces for a checkpoint or a cluster).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol, runtime_checkable

from mesaform.proofs.checking.options import CheckOptions
from mesaform.proofs.checking.outcome import MethodOutcome
from mesaform.spec.claims import Claim
from mesaform.spec.validation import check_optional_natural, check_type

Family = Literal["exhaustive", "solver", "sampling", "verified"]
"""How a method decides: by covering every string (``exhaustive``), by a decision
procedure over the claim's encoding (``solver``), by sampling (``sampling``: never a
proof), or by a checker proved correct (``verified``)."""


@dataclass(frozen=True)
class Budget:
    """What a method may spend on one claim: ``seconds`` of wall-clock time and/or
    ``steps`` of its own work (``None``: no limit).

    A method keeps to ``seconds`` itself where it can (a solver's own timeout); the
    checker stops it past them regardless
    (:func:`mesaform.proofs.checking.outcome.time_limit`). ``steps`` is the method's own
    unit (memoized exploration: evaluator steps simulated); past it the method returns
    ``Unknown`` saying so.
    """

    seconds: float | None = None
    steps: int | None = None

    def __post_init__(self) -> None:
        if self.seconds is not None:
            check_type((int, float), self.seconds, "seconds")
            if isinstance(self.seconds, bool) or not self.seconds > 0:
                raise ValueError(f"seconds must be positive or None; got {self.seconds!r}")
        check_optional_natural(self.steps, "steps")


UNLIMITED = Budget()
"""No limit of time or steps."""


@dataclass(frozen=True)
class CostEstimate:
    """What ``auto`` weighs for one method on one claim (an order of magnitude, not a promise).

    ``work`` -- about how many elementary operations the method performs (an evaluator
    step simulated, a string run, a transition choice unrolled in a query): ``auto``
    compares it between methods of one family; ``fits`` -- whether the method expects to
    finish on the claim within its limits; ``words`` -- the estimate as ``auto`` prints
    it (e.g. ``131,071 strings are within enumeration's limit of 134,217,728``). The
    exhaustive methods count ``work`` in strings of the compiled enumeration (the unit
    ``auto`` orders them by).
    """

    work: int
    fits: bool
    words: str
    steps: int | None = None
    """The :attr:`Budget.steps` ``auto`` grants the method when it runs it (``None``: no
    cap), so that an estimate that was wrong costs at most that much."""

    def __post_init__(self) -> None:
        check_optional_natural(self.work, "work")
        check_type(bool, self.fits, "fits")
        check_type(str, self.words, "words")
        check_optional_natural(self.steps, "steps")


class CheckingMethod(Protocol):
    """A checking method (see the module's docstring)."""

    @property
    def name(self) -> str:
        """As given to ``--method``: ``enumerate``, ``explore``, ``z3``, ... (a class
        attribute ``name = "..."`` provides it)."""
        ...

    @property
    def family(self) -> Family:
        """The method's :data:`Family` (a class attribute ``family: Family = "..."``)."""
        ...

    def why_not(self, claim: Claim, options: CheckOptions) -> str | None:
        """Return ``None`` when the method covers ``claim``, else one line saying why not."""
        ...

    def estimate(self, claim: Claim) -> CostEstimate:
        """Return the method's cost on ``claim`` (call only when :meth:`why_not` is ``None``)."""
        ...

    def decide(self, claim: Claim, options: CheckOptions, budget: Budget) -> MethodOutcome:
        """Decide ``claim`` within ``budget``; a counterexample is returned as ``Found``."""
        ...


@runtime_checkable
class SpreadMethod(Protocol):
    """A method whose work on a claim can be split into pieces (ranges of strings, lengths)
    that a checkpoint keeps and a cluster runs; every other method runs a claim whole."""

    def spreads(self, claim: Claim) -> bool:
        """Return whether the method splits its work on ``claim`` into pieces."""
        ...
