"""Signals that are never lost: not in a finalizer, not inside a solver's C code.

Two places swallow a signal's exception. Python discards an exception raised in a
``__del__`` method (printing "Exception ignored in ..."): a Ctrl-C, SIGTERM or time
limit whose handler ran while Z3 freed an AST (``AstRef.__del__``) vanished, and the
run went on. And a Python handler runs only between bytecodes: a SIGTERM or time
limit arriving during a Z3 check waited for the check to end (Z3 catches Ctrl-C
itself, the others not).

- :func:`in_finalizer` -- whether a handler runs inside a ``__del__``; the handlers
  then :func:`resend` the signal, so that it is handled again once the finalizer
  has returned;
- :func:`stopping_handler`, :func:`handled` -- mark a handler that stops the run,
  and count its runs;
- :func:`on_stop`, :func:`signals_stop_solvers` -- while a signal with a stopping
  handler is waiting for its handler, a watcher thread (woken by Python's signal
  wake-up file descriptor) calls the registered stoppers (Z3's ``interrupt``) every
  :data:`STOP_REPEAT_SECONDS`, so the check returns and the handler runs.

Main definitions: the functions above.
"""

from __future__ import annotations

import _thread
import os
import select
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from types import FrameType
from typing import Any

RESEND_SECONDS = 0.01
"""How long after a handler found itself inside a finalizer the signal is sent again."""
STOP_REPEAT_SECONDS = 0.05
"""How often the stoppers are called while a stopping signal waits for its handler."""

_stoppers: list[Callable[[], None]] = []
_resets: list[Callable[[], None]] = []
_entered: list[Callable[[], None]] = []
_left: list[Callable[[], None]] = []
_depth = [0]
_counts = {"arrived": 0, "handled": 0}


def in_finalizer(frame: FrameType | None) -> bool:
    """Return whether ``frame`` (a handler's) runs inside a ``__del__`` method."""
    depth = 0
    while frame is not None and depth < 64:
        if frame.f_code.co_name == "__del__":
            return True
        frame = frame.f_back
        depth += 1
    return False


def resend(signum: int) -> None:
    """Send ``signum`` to this process again, from another thread a moment later
    (``os.kill`` here would run the handler again at once, inside the same finalizer;
    starting a ``threading.Thread`` waits, and the handler would run in that wait)."""
    _thread.start_new_thread(_send_later, (os.getpid(), signum))


def _send_later(pid: int, signum: int) -> None:
    time.sleep(RESEND_SECONDS)  # let the finalizer return first (it is retried if not)
    os.kill(pid, signum)


def stopping_handler(handler: Callable[[int, FrameType | None], Any]) -> Any:
    """Mark ``handler`` as one that stops the run (Ctrl-C, SIGTERM, a time limit)."""
    handler.stops_the_run = True  # type: ignore[attr-defined]
    return handler


def handled() -> None:
    """Count one run of a stopping handler (call it first thing in the handler)."""
    _counts["handled"] += 1


def on_stop(
    stopper: Callable[[], None],
    entered: Callable[[], None] | None = None,
    left: Callable[[], None] | None = None,
    reset: Callable[[], None] | None = None,
) -> None:
    """Register ``stopper``: called (from another thread) to stop a solver's check;
    ``entered`` and ``left`` are called as the outermost :func:`signals_stop_solvers`
    block starts and ends (at once if one is running: Z3 is imported inside it), e.g.
    to turn off a solver's own Ctrl-C handling, which can swallow a Ctrl-C that
    arrives as its check ends. ``reset`` is called (in the main thread) as a block in
    which ``stopper`` was called ends: a stop is sticky in Z3 (its context cancels every
    later operation, ``simplify`` included, until a check runs), and a process that goes
    on after the signal (a caller of the API, a test) must not inherit it."""
    _stoppers.append(stopper)
    if reset is not None:
        _resets.append(reset)
    if entered is not None:
        _entered.append(entered)
        if _depth[0]:
            entered()
    if left is not None:
        _left.append(left)


@contextmanager
def signals_stop_solvers() -> Iterator[None]:
    """Within this block (main thread only), a signal whose handler stops the run also
    stops a solver's check in progress, through the registered stoppers."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    reader, writer = os.pipe()
    os.set_blocking(writer, False)
    try:
        previous = signal.set_wakeup_fd(writer, warn_on_full_buffer=False)
    except (ValueError, OSError):
        os.close(reader)
        os.close(writer)
        yield
        return
    _counts["arrived"] = max(_counts["arrived"], _counts["handled"])
    done = threading.Event()
    stopped = threading.Event()

    def watch() -> None:
        while not done.is_set():
            ready, _, _ = select.select([reader], [], [], STOP_REPEAT_SECONDS)
            if ready:
                with suppress(OSError):
                    for signum in os.read(reader, 256):
                        if getattr(signal.getsignal(signum), "stops_the_run", False):
                            _counts["arrived"] += 1
            if _counts["arrived"] > _counts["handled"]:
                stopped.set()
                for stop in list(_stoppers):
                    with suppress(Exception):
                        stop()

    watcher = threading.Thread(target=watch, name="mesaform-signal-watcher", daemon=True)
    watcher.start()
    _depth[0] += 1
    if _depth[0] == 1:
        for enter in list(_entered):
            enter()
    try:
        yield
    finally:
        _depth[0] -= 1
        if _depth[0] == 0:
            for leave in list(_left):
                leave()
        done.set()
        watcher.join()
        if stopped.is_set():
            for reset in list(_resets):
                with suppress(Exception):
                    reset()
        with suppress(ValueError, OSError):
            signal.set_wakeup_fd(previous)
        os.close(reader)
        os.close(writer)


def _forget_in_child() -> None:
    """A forked child (cvc5's) must not write its signals into the parent's pipe."""
    with suppress(ValueError, OSError):
        signal.set_wakeup_fd(-1)


os.register_at_fork(after_in_child=_forget_in_child)
