"""Exit codes of the ``mesaform`` command line, and how interrupts and crashes end it.

Main definitions: the ``EXIT_*`` codes, :class:`Terminated` (SIGTERM, handled like
Ctrl-C), :func:`signals_handled`, :func:`interrupt_exit_code`, :func:`save_traceback`.

========  ===============================================================
code      meaning
========  ===============================================================
0         every verdict matches its expectation (or the command succeeded)
1         a verdict does not match its expectation (``check``); a theorem
          is not proved (``prove``)
2         bad input: one line on standard error says what is wrong
3         a method's counterexample did not replay: a bug in that method
          (the report of every other claim is still written)
69        the cluster failed during the check (``--cluster``): one line; the
          claims finished are reported and written
70        internal error: one line, and the file the traceback was saved in
130       interrupted by Ctrl-C (what was finished is reported and written)
143       terminated by SIGTERM (``kill``, ``timeout``): as 130
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

EXIT_OK = 0
EXIT_MISMATCH = 1
EXIT_BAD_INPUT = 2
EXIT_REPLAY_BUG = 3
EXIT_CLUSTER_FAILED = 69
"""``EX_UNAVAILABLE`` of BSD's sysexits: a service the run needed (the cluster) failed."""
EXIT_INTERNAL_ERROR = 70
"""``EX_SOFTWARE`` of BSD's sysexits: never 1, which means a verdict does not match."""
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is, so it stops exactly as on Ctrl-C."""


_terminated = False


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    global _terminated
    _terminated = True
    raise Terminated(f"signal {signum}")


@contextmanager
def signals_handled() -> Iterator[None]:
    """Within this block SIGTERM raises :class:`Terminated` (a ``KeyboardInterrupt``)."""
    global _terminated
    _terminated = False
    try:
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread: leave the signal alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def interrupt_exit_code() -> int:
    """Return 143 if SIGTERM stopped the program, else 130 (Ctrl-C)."""
    return EXIT_TERMINATED if _terminated else EXIT_INTERRUPTED


def interrupt_name() -> str:
    """Return what stopped the program, in a word: ``terminated`` or ``interrupted``."""
    return "terminated" if _terminated else "interrupted"


def save_traceback(error: BaseException) -> str:
    """Write ``error``'s traceback to a new file in the temporary folder; return its path."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    descriptor, path = tempfile.mkstemp(prefix=f"mesaform-crash-{stamp}-", suffix=".txt")
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(f"mesaform {' '.join(sys.argv[1:])}\n\n")
        handle.write("".join(traceback.format_exception(error)))
    return path
