"""What a checking method returns before the checker replays it.

A method (enumeration, an SMT solver, Hypothesis) never builds a ``Refuted``
itself: it returns :class:`Found` with the machines it believes witness a
failure, and :func:`mesaform.proofs.checking.check.check_claim` replays them through the reference
interpreter (docs/semantics.md#verdicts: "never a counterexample before it is
replayed concretely"). A replay that disagrees is a bug report, never a verdict.

Main definitions:

- :class:`Found` -- a candidate counterexample, not yet replayed;
- :data:`MethodOutcome` -- ``Proved | NotRefuted | Unknown | Found``;
- :class:`MethodTimedOut`, :func:`time_limit`, :func:`thread_time_limit` -- a method's
  whole run bounded by a wall-clock limit (user functions that never return included),
  in the main thread or any other;
- :class:`MethodInterrupted` -- Ctrl-C (or SIGTERM) during a method, with how far it got:
  the check stops, it does not become a verdict.
"""

from __future__ import annotations

import ctypes
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

from mesaform.model.search import ReplayDisagreement
from mesaform.spec.machines import TM
from mesaform.spec.verdicts import Method, NotRefuted, Proved, Unknown

__all__ = [
    "Found",
    "MethodInterrupted",
    "MethodOutcome",
    "MethodTimedOut",
    "ReplayDisagreement",
    "thread_time_limit",
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
    evaluator_runs: int | None = None
    """Runs of ``U_m``'s evaluator simulated
    (:attr:`mesaform.spec.verdicts.Proved.evaluator_runs`)."""

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

    Yields whether the limit is armed. In the main thread of a POSIX process it is
    ``SIGALRM``: the alarm fires between Python bytecodes and interrupts a blocking
    call (``time.sleep``, a read), so a user function sleeping or looping forever is
    stopped; a long call inside compiled code only when it returns. The alarm repeats
    every :data:`REPEAT_SECONDS` until the block ends (Python discards an exception
    raised in a ``__del__`` or a callback from C code: the first one may be lost), but
    not while a ``KeyboardInterrupt`` unwinds; one pending when the block ends is
    ignored. A limit that ctypes reports as ``ArgumentError`` (it arrived while a Z3
    call's arguments were converted) is raised as :class:`MethodTimedOut`. In any
    other thread, or when an alarm is already running, a timer thread raises the
    exception in this thread (:func:`thread_time_limit`). Nested limits in one
    thread: the inner one is not armed (the outer one still holds).
    """
    ident = threading.get_ident()
    if ident in _LIMITED_THREADS:
        yield False
        return
    main = threading.current_thread() is threading.main_thread()
    if not main or not hasattr(signal, "setitimer") or signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        with thread_time_limit(seconds) as armed:
            yield armed
        return

    live = [True]  # False once the block has ended: a late alarm is ignored
    fired = [False]

    def expire(signum: int, frame: FrameType | None) -> None:
        # Not while an interrupt unwinds: a repeat must not turn Ctrl-C into a timeout.
        if live[0] and not isinstance(sys.exc_info()[1], KeyboardInterrupt):
            fired[0] = True
            raise MethodTimedOut(f"time limit of {seconds:g} s reached")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT_SECONDS)
    _LIMITED_THREADS.add(ident)
    try:
        yield True
    except ctypes.ArgumentError as error:
        # ctypes reports an exception raised while it converts a foreign call's
        # arguments (a Z3 call) as ArgumentError("argument 4: MethodTimedOut: ...").
        if fired[0] and f"{MethodTimedOut.__name__}:" in str(error):
            raise MethodTimedOut(str(error)) from error
        raise
    finally:
        live[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)  # runs a pending alarm first: now a no-op
        _LIMITED_THREADS.discard(ident)


_LIMITED_THREADS: set[int] = set()
"""The threads inside a :func:`time_limit` block (by ``threading.get_ident``)."""


@contextmanager
def thread_time_limit(seconds: float) -> Iterator[bool]:
    """:func:`time_limit` for any thread: a watcher thread raises :class:`MethodTimedOut`
    in the calling thread once ``seconds`` have passed (CPython's
    ``PyThreadState_SetAsyncExc``), and again every :data:`REPEAT_SECONDS` until the
    block ends (an exception raised inside a garbage-collector callback is discarded
    by Python; the next one is not).

    The exception is raised between Python bytecodes: a loop in Python (enumeration, a
    user function computing forever) is stopped, but a blocking call such as
    ``time.sleep`` only when it returns, as is a long call inside compiled code.
    Yields ``False`` (no limit) where the interpreter lacks the function (not CPython).
    """
    raise_in = getattr(getattr(ctypes, "pythonapi", None), "PyThreadState_SetAsyncExc", None)
    if raise_in is None:
        yield False
        return
    ident = threading.get_ident()
    lock = threading.Lock()
    done = threading.Event()
    state = {"active": True, "fired": False}

    def watch() -> None:
        wait = seconds
        while not done.wait(wait):
            with lock:
                if not state["active"]:
                    return
                state["fired"] = True
                raise_in(ctypes.c_ulong(ident), ctypes.py_object(MethodTimedOut))
            wait = REPEAT_SECONDS

    def disarm() -> None:
        done.set()
        with lock:
            state["active"] = False
            if state["fired"]:  # not delivered yet: withdraw it (None is NULL: clear)
                raise_in(ctypes.c_ulong(ident), None)
        _LIMITED_THREADS.discard(ident)

    def disarm_fully() -> bool:
        """Disarm; return whether the limit was delivered meanwhile."""
        delivered = False
        while True:
            try:
                disarm()
                return delivered
            except MethodTimedOut:
                delivered = True

    _LIMITED_THREADS.add(ident)
    try:
        threading.Thread(target=watch, name="mesaform-time-limit", daemon=True).start()
        yield True
    except BaseException:
        disarm_fully()
        raise
    if disarm_fully():  # the block ended as the limit arrived: it timed out
        raise MethodTimedOut


REPEAT_SECONDS = 0.25
"""Once a thread's time limit has passed, how often it is raised again until the block ends."""
