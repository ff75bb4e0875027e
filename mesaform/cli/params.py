"""Click parameter types that validate machines and bitstrings with clear messages."""

from __future__ import annotations

import math
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from mesaform.model.figures import figure_format
from mesaform.model.files import output_path_problem
from mesaform.model.standard_format import parse_machine
from mesaform.spec.machines import TM, is_bitstring


class MachineParam(click.ParamType):  # type: ignore[type-arg]
    """A machine: a bitstring of 0/1 or bbchallenge standard text, detected automatically;
    ``@FILE`` reads it from a file (a code longer than the 128 KiB Linux allows in one
    argument, e.g. one nested thousands of levels deep)."""

    name = "MACHINE"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> TM:
        if isinstance(value, TM):
            return value
        text = str(value)
        if text.startswith("@"):
            try:
                text = Path(text[1:]).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError, ValueError) as error:
                self.fail(f"cannot read the machine from {text[1:]!r}: {error}", param, ctx)
        try:
            return parse_machine(text)
        except ValueError as error:
            self.fail(str(error), param, ctx)


class BitsParam(click.ParamType):  # type: ignore[type-arg]
    """An input word: a string of 0 and 1, possibly empty."""

    name = "BITS"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> TM:
        text = str(value)
        if not is_bitstring(text):
            self.fail(f"{text!r} is not a string of 0 and 1", param, ctx)
        return TM(text)


STDOUT = Path("-")
"""``--json -``: the report goes to standard output."""


def check_output(
    path: Path | None, option: str, inputs: tuple[Path, ...] = (), stdout_ok: bool = False
) -> None:
    """Refuse, as bad input and before any work, an output file that cannot be written.

    ``inputs`` are the command's input files: writing over one of them is refused.
    """
    if path is None or (stdout_ok and path == STDOUT):
        return
    problem = output_path_problem(path)
    if problem is None:
        for source in inputs:
            try:
                same = path.exists() and os.path.samefile(path, source)
            except OSError:
                same = False
            if same:
                problem = f"{str(path)!r} is an input file; the report would overwrite it"
    if problem is not None:
        raise click.BadParameter(f"cannot write the output: {problem}", param_hint=f"'{option}'")


def check_figure(path: Path | None, option: str, inputs: tuple[Path, ...] = ()) -> None:
    """Refuse, before any work, a figure path whose extension is not .png, .pdf or .svg,
    or that cannot be written (:func:`check_output`)."""
    if path is None:
        return
    try:
        figure_format(path)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint=f"'{option}'") from None
    check_output(path, option, inputs)


def same_file(left: Path, right: Path) -> bool:
    """Return whether two paths name one file (the same path, a link to it, or one inode)."""
    try:
        if os.path.realpath(left) == os.path.realpath(right):
            return True
        return left.exists() and right.exists() and os.path.samefile(left, right)
    except (OSError, ValueError):
        return False


def check_distinct(outputs: dict[str, Path | None]) -> None:
    """Refuse, as bad input, two options (``--json``, ``--plot``, ``--checkpoint``) naming one
    file: the later write would replace the earlier one (a report over its checkpoint)."""
    given = [(option, path) for option, path in outputs.items() if path not in (None, STDOUT)]
    for index, (option, path) in enumerate(given):
        for other, other_path in given[index + 1 :]:
            assert path is not None and other_path is not None
            if same_file(path, other_path):
                raise click.BadParameter(
                    f"{str(path)!r} is also given to {other}; each output needs its own file",
                    param_hint=f"'{option}'",
                )


@contextmanager
def bad_output_path(path: Path, option: str) -> Iterator[None]:
    """Turn an ``OSError`` while writing ``path`` into bad input for ``option``."""
    try:
        yield
    except OSError as error:
        raise click.BadParameter(
            f"cannot write {str(path)!r}: {error.strerror or error}", param_hint=f"'{option}'"
        ) from None


def output_directory(path: Path, option: str) -> None:
    """Create the folder ``path`` (and its parents); one that cannot be made, or in which
    no file can be created, is bad input."""
    if not str(path).strip():
        raise click.BadParameter("the folder name is empty", param_hint=f"'{option}'")
    with bad_output_path(path, option):
        path.mkdir(parents=True, exist_ok=True)
    problem = output_path_problem(path / "query.smt2")
    if problem is not None:
        raise click.BadParameter(
            f"cannot write into {str(path)!r}: {problem}", param_hint=f"'{option}'"
        )


MAX_SECONDS = 1_000_000.0
"""The longest time limit (about 11 days): the solvers take it in milliseconds, Z3 as a
32-bit count, cvc5 as a 64-bit one."""


class SecondsParam(click.ParamType):  # type: ignore[type-arg]
    """A finite number of seconds in ``(0, MAX_SECONDS]`` (``nan`` and ``inf`` are refused)."""

    name = "SECONDS"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        try:
            seconds = float(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a number of seconds", param, ctx)
        if not math.isfinite(seconds) or not 0 < seconds <= MAX_SECONDS:
            self.fail(f"{value!r} is not a number of seconds in (0, {MAX_SECONDS:g}]", param, ctx)
        return seconds


MACHINE = MachineParam()
BITS = BitsParam()
FUEL = click.IntRange(min=0)
SECONDS = SecondsParam()
