"""Exit codes of the ``mesaform`` command line, and how interrupts and crashes end it.

Main definitions: the ``EXIT_*`` codes, :class:`Terminated` (SIGTERM or SIGHUP, handled
like Ctrl-C), :func:`signals_handled`, :func:`interrupt_exit_code`, :func:`save_traceback`,
:func:`silence_stdout` (standard output closed by its reader: printing stops quietly).

========  ===============================================================
code      meaning
========  ===============================================================
0         every verdict matches its expectation (or the command succeeded)
1         a verdict does not match its expectation (``check``); a theorem
          is not proved (``prove``)
2         bad input: one line on standard error says what is wrong; also an
          output that could not be written, or a cluster that failed during
          the check (what was finished is reported)
3         a method's counterexample did not replay: a bug in that method
          (the report of every other claim is still written)
70        internal error: one line, and the file the traceback was saved in
130       interrupted by Ctrl-C (what was finished is reported and written)
143       terminated by SIGTERM (``kill``, ``timeout``) or SIGHUP (the
          terminal closed): as 130
========  ===============================================================

This module imports nothing heavy, so that an interrupt while the rest of mesaform
is still being imported ends cleanly too.
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from mesaform.model.signals import (
    handled,
    in_finalizer,
    resend,
    signals_stop_solvers,
    stopping_handler,
)

EXIT_OK = 0
EXIT_MISMATCH = 1
EXIT_BAD_INPUT = 2
EXIT_REPLAY_BUG = 3
EXIT_INTERNAL_ERROR = 70
"""``EX_SOFTWARE`` of BSD's sysexits: never 1, which means a verdict does not match."""
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where the program is, so it stops exactly as on Ctrl-C."""


_terminated = False


@stopping_handler
def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    global _terminated
    handled()
    if in_finalizer(frame):  # Python would discard the exception: handle it again later
        resend(signum)
        return
    _terminated = True
    raise Terminated(f"signal {signum}")


@stopping_handler
def _on_sigint(signum: int, frame: FrameType | None) -> None:
    handled()
    if in_finalizer(frame):
        resend(signum)
        return
    raise KeyboardInterrupt


TERMINATING = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)
"""The signals that end a run as :class:`Terminated`: SIGTERM, and SIGHUP (a closed
terminal must not lose the work either)."""


@contextmanager
def signals_handled() -> Iterator[None]:
    """Within this block SIGTERM and SIGHUP raise :class:`Terminated` (a ``KeyboardInterrupt``),
    Ctrl-C ``KeyboardInterrupt``; none is lost in a finalizer, and each stops a solver's
    check in progress (:mod:`mesaform.model.signals`).

    A SIGHUP that the process ignores (``nohup``) stays ignored.
    """
    global _terminated
    _terminated = False
    previous: dict[int, object] = {}
    try:
        for signum in TERMINATING:
            if signal.getsignal(signum) != signal.SIG_IGN:
                previous[signum] = signal.signal(signum, _on_sigterm)
        if signal.getsignal(signal.SIGINT) == signal.default_int_handler:
            previous[signal.SIGINT] = signal.signal(signal.SIGINT, _on_sigint)
    except ValueError:  # not the main thread: leave the signals alone
        yield
        return
    try:
        with signals_stop_solvers():
            yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]


def interrupt_in_argument(error: BaseException) -> bool:
    """Return whether ``error`` is ctypes's ``ArgumentError`` wrapping an interrupt: a
    Ctrl-C or SIGTERM whose handler ran while a foreign call's arguments were converted
    (a Z3 call while a query is built) is reported as ``ArgumentError("argument 2:
    KeyboardInterrupt: ...")``."""
    names = (f"{KeyboardInterrupt.__name__}:", f"{Terminated.__name__}:")
    return type(error).__name__ == "ArgumentError" and any(n in str(error) for n in names)


def interrupt_exit_code() -> int:
    """Return 143 if SIGTERM stopped the program, else 130 (Ctrl-C)."""
    return EXIT_TERMINATED if _terminated else EXIT_INTERRUPTED


def interrupt_name() -> str:
    """Return what stopped the program, in a word: ``terminated`` or ``interrupted``."""
    return "terminated" if _terminated else "interrupted"


def silence_stdout() -> None:
    """Send what is still printed to standard output nowhere: its reader closed it (a
    pipe into ``head``), which ends the printing quietly, not the command."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (a test's capture)
        pass


def flush_stdout() -> None:
    """Flush standard output; a closed one is silenced (see :func:`silence_stdout`)."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
    except (OSError, ValueError, AttributeError):
        pass


def save_traceback(error: BaseException) -> str:
    """Write ``error``'s traceback to a new file in the temporary folder; return its path."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    descriptor, path = tempfile.mkstemp(prefix=f"mesaform-crash-{stamp}-", suffix=".txt")
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(f"mesaform {' '.join(sys.argv[1:])}\n\n")
        handle.write("".join(traceback.format_exception(error)))
    return path
