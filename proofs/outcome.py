"""What a checking method returns before the checker replays it.

A method (enumeration, an SMT solver, Hypothesis) never builds a ``Refuted``
itself: it returns :class:`Found` with the machines it believes witness a
failure, and :func:`proofs.check.check_claim` replays them through the reference
interpreter (docs/semantics.md#verdicts: "never a counterexample before it is
replayed concretely"). A replay that disagrees is a bug report, never a verdict.

Main definitions:

- :class:`Found` -- a candidate counterexample, not yet replayed;
- :data:`MethodOutcome` -- ``Proved | NotRefuted | Unknown | Found``;
- :class:`MethodTimedOut`, :func:`time_limit` -- a method's whole run bounded by a
  wall-clock limit (user functions that never return included);
- :class:`MethodInterrupted` -- Ctrl-C (or SIGTERM) during a method, with how far it got:
  the check stops, it does not become a verdict.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

from model.search import ReplayDisagreement
from spec.machines import TM
from spec.verdicts import Method, NotRefuted, Proved, Unknown

__all__ = [
    "Found",
    "MethodInterrupted",
    "MethodOutcome",
    "MethodTimedOut",
    "ReplayDisagreement",
    "time_limit",
]


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
    seed: int | None = None
    """Hypothesis: the seed that reproduces the search."""

    def all_machines(self) -> tuple[tuple[TM, ...], ...]:
        """Return every counterexample found: ``every``, or just ``machines``."""
        return self.every or (self.machines,)


MethodOutcome = Proved | NotRefuted | Unknown | Found
"""What a method returns to the checker."""


class MethodInterrupted(KeyboardInterrupt):
    """An interrupt during a method: ``progress`` says how far it got (e.g. ``after 5 of 9
    strings``); ``cause`` is the interrupt itself (a ``KeyboardInterrupt`` or a subclass)."""

    def __init__(self, progress: str, cause: BaseException) -> None:
        super().__init__(progress)
        self.progress = progress
        self.cause = cause


class MethodTimedOut(BaseException):
    """A method ran past its time limit (a ``BaseException``: a user function's
    ``except Exception`` does not swallow it, nor does Hypothesis take it for a failure)."""


@contextmanager
def time_limit(seconds: float) -> Iterator[bool]:
    """Within this block, raise :class:`MethodTimedOut` once ``seconds`` have passed.

    Uses ``SIGALRM``, so it only applies in the main thread of a POSIX process
    (yields whether the limit is armed); the alarm fires between Python bytecodes,
    so a user function sleeping or looping forever is stopped, a long call inside
    compiled code only when it returns.
    """
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        yield False  # another alarm is running: leave it alone
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise MethodTimedOut(f"time limit of {seconds:g} s reached")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
