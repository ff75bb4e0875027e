"""Progress where work is long: one line at once, then one every few seconds.

A long piece of work (starting a cluster, a claim checked on one) says what it is
doing on standard error as soon as it starts, then again every
:data:`HEARTBEAT_SECONDS` with the time spent, so a run is never silent for long;
each line is a whole line (no spinner), readable in a log.

Main definitions: :data:`HEARTBEAT_SECONDS`, :class:`Heartbeat`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from types import TracebackType

import click

HEARTBEAT_SECONDS = 5.0
"""The longest a heartbeat stays silent."""


def _to_stderr(line: str) -> None:
    click.echo(line, err=True)


class Heartbeat:
    """Say ``what`` now and every ``interval`` seconds until the ``with`` block ends.

    ``say`` receives each line (standard error by default); :meth:`update` says a new
    ``what`` at once and in the next beats. With ``say_now`` false the first line is
    the first :meth:`update` (work that may still be refused as bad input says nothing
    before it starts).
    """

    def __init__(
        self,
        what: str,
        interval: float = HEARTBEAT_SECONDS,
        say: Callable[[str], None] = _to_stderr,
        say_now: bool = True,
    ) -> None:
        self.what = what
        self.say_now = say_now
        self.interval = interval
        self.say = say
        self.started = time.perf_counter()
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._beat, daemon=True, name="heartbeat")

    def update(self, what: str) -> None:
        """Say ``what`` now, and in the next beats."""
        with self._lock:
            self.what = what
        self.say(what)

    def elapsed(self) -> float:
        """Return the seconds since the heartbeat started."""
        return time.perf_counter() - self.started

    def _beat(self) -> None:
        while not self._done.wait(self.interval):
            with self._lock:
                what = self.what
            self.say(f"{what} (still at it after {self.elapsed():.0f} s)")

    def __enter__(self) -> Heartbeat:
        if self.say_now:
            self.say(self.what)
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._done.set()
        self._thread.join()
