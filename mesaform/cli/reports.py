"""The command line's one report writer: ``--json`` of ``check``, ``prove`` and ``search``.

A report is written atomically (``mesaform.model.files``) to its file, or with
``--json -`` to standard output (the text then goes to standard error), before the
verdicts are printed. Nothing is lost when it cannot be written (a full disk, its
folder removed, a file-size limit): the verdicts are still printed, a copy of the
report is kept in the temporary folder (``$TMPDIR/mesaform-report-*.json``) when that
can be written, and the command ends with one line naming the file and the copy,
exit 2 (an interrupt's 130 or 143 is kept). Any other output that fails while the
work runs (an SMT-LIB2 file, a checkpoint) is reported the same way.

Standard output closed early (``mesaform check | head -1``) stops the printing
quietly; the command still ends with the exit code of its verdicts.

Main definitions: :class:`ReportFile`, :func:`printing`, :func:`keep_copy`, :class:`Console`,
:func:`literal`.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stdout, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import click
import rich.console

from mesaform.cli.params import STDOUT, check_output
from mesaform.exits import EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_TERMINATED, silence_stdout
from mesaform.model.files import OutputError, write_json_atomically


@contextmanager
def printing() -> Iterator[None]:
    """Print within this block; a reader that closed standard output (a pipe into
    ``head``) stops the printing quietly instead of failing the command."""
    try:
        yield
    except BrokenPipeError:
        silence_stdout()


def literal(text: str) -> str:
    """Return ``text`` with every control character but the line break written as its
    escape (``\x1b``): a claim name or a user's message is shown, never acted on by the
    terminal."""
    return "".join(
        c if c.isprintable() or c in " \n" else c.encode("unicode_escape").decode("ascii")
        for c in text
    )


class Console(rich.console.Console):
    """A rich console that prints text literally and survives a closed standard output.

    Rich markup (``[bold]``, ``[link=...]``), emoji codes and highlighting are off, and
    control characters are escaped (:func:`literal`), so a claim named ``[/bold]`` or
    holding an escape sequence prints as written; a closed standard output stops the
    printing quietly (rich's own ends the program with exit 1, which means a verdict
    does not match).
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(markup=False, emoji=False, highlight=False, **options)

    def print(self, *objects: Any, **options: Any) -> None:
        """Print ``objects``, each string :func:`literal`."""
        shown = [literal(item) if isinstance(item, str) else item for item in objects]
        super().print(*shown, **options)

    def on_broken_pipe(self) -> None:
        self.quiet = True
        silence_stdout()


def keep_copy(payload: object) -> Path | None:
    """Write ``payload`` as JSON to a new file in the temporary folder; return its path,
    or ``None`` if that cannot be written either."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    try:
        descriptor, name = tempfile.mkstemp(prefix=f"mesaform-report-{stamp}-", suffix=".json")
    except OSError:
        return None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(payload, indent=2) + "\n")
    except OSError:
        with suppress(OSError):
            os.unlink(name)
        return None
    return Path(name)


@dataclass
class ReportFile:
    """Where a command's report goes (``path``: ``None`` for none, ``-`` for standard
    output) and what could not be written (``lost``, one line each)."""

    path: Path | None
    option: str = "--json"
    lost: list[str] = field(default_factory=list)

    @classmethod
    def checked(
        cls, path: Path | None, option: str = "--json", inputs: tuple[Path, ...] = ()
    ) -> ReportFile:
        """Return the report file of ``path``, refusing (exit 2, before any work) a path
        that cannot be written or that is one of ``inputs``."""
        check_output(path, option, inputs=inputs, stdout_ok=True)
        return cls(path, option)

    @property
    def to_stdout(self) -> bool:
        """Whether the report goes to standard output (``--json -``)."""
        return self.path == STDOUT

    def write(self, payload: object) -> bool:
        """Write ``payload``; return whether it was written (a failure is kept in ``lost``)."""
        if self.path is None:
            return True
        if self.to_stdout:
            with printing():
                click.echo(json.dumps(payload, indent=2))
            return True
        try:
            write_json_atomically(self.path, payload)
        except OutputError as error:
            self.failed(error, payload)
            return False
        return True

    def failed(self, error: OSError, payload: object | None = None) -> None:
        """Record an output that could not be written, keeping a copy of ``payload``."""
        what = " ".join(str(error).split())
        if payload is None and any(line.startswith(what) for line in self.lost):
            return  # the same file failed again (a checkpoint saved once more at the end)
        copy = keep_copy(payload) if payload is not None else None
        kept = f"; a copy of the report is in {str(copy)!r}" if copy is not None else ""
        self.lost.append(f"{what}{kept}")

    @contextmanager
    def text(self) -> Iterator[None]:
        """Print the command's text: to standard error when the report is on standard
        output; a closed standard output stops the printing quietly."""
        with printing():
            if self.to_stdout:
                with redirect_stdout(sys.stderr):
                    yield
            else:
                yield

    def end(self, code: int) -> NoReturn:
        """Exit with ``code``, or 2 after one line per lost output (an interrupt's code stays)."""
        for line in self.lost:
            click.echo(f"mesaform: error: {line}", err=True)
        if self.lost and code not in (EXIT_INTERRUPTED, EXIT_TERMINATED):
            code = EXIT_BAD_INPUT
        sys.exit(code)
