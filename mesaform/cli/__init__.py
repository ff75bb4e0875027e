"""The ``mesaform`` command line: a thin layer over ``spec``, ``model`` and ``proofs``.

Bad input (a malformed machine, claim file or flag) exits with code 2 and one line
on standard error saying what is wrong and what is expected; no traceback. Ctrl-C
exits 130 and SIGTERM 143, after reporting what was finished; an internal error
exits 70 with one line naming the file its traceback was saved in
(:mod:`mesaform.exits` lists every code).

Each command's module is imported when that command runs (:class:`LazyGroup`), so
``mesaform run`` does not load what only ``check`` or ``prove`` needs (Z3, the theorems).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

import click

from mesaform.exits import (
    EXIT_BAD_INPUT,
    EXIT_INTERNAL_ERROR,
    interrupt_exit_code,
    interrupt_name,
    save_traceback,
    signals_handled,
)
from mesaform.provenance import provenance

COMMANDS = {
    "check": "mesaform.cli.check:check_command",
    "run": "mesaform.cli.run:run_command",
    "show": "mesaform.cli.show:show_command",
    "prove": "mesaform.cli.prove:prove_command",
    "search": "mesaform.cli.search:search_command",
    "cite": "mesaform.cli.cite:cite_command",
}
"""Each command's name and where it is defined (``module:attribute``)."""


class LazyGroup(click.Group):
    """A group that imports a command's module only when the command is looked up."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *COMMANDS])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return super().get_command(ctx, cmd_name)
        module, attribute = COMMANDS[cmd_name].split(":")
        command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command)
        return command


def show_version(ctx: click.Context, _parameter: click.Parameter, value: bool) -> None:
    """Print the version and the exact source (:mod:`mesaform.provenance`), then exit."""
    if not value or ctx.resilient_parsing:
        return
    source = provenance()
    click.echo(f"mesaform {source.version}\n{source.describe()}")
    ctx.exit()


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=show_version,
    help="Show the version and the source tree it runs from (git commit or build), and exit.",
)
def cli() -> None:
    """mesaform: check claims about mesa-optimizers, exactly."""


def one_line(message: str) -> str:
    """Collapse ``message`` onto one line."""
    return " ".join(message.split())


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line; exit 2 with one line on bad input (see :mod:`mesaform.exits`)."""
    digits = sys.get_int_max_str_digits()
    try:
        with signals_handled():
            _main(argv)
    finally:
        sys.set_int_max_str_digits(digits)


def _main(argv: Sequence[str] | None) -> None:
    # Integers of any size are printed (an epsilon of 1e5000, a value of 10**5000):
    # Python's 4,300-digit limit on int <-> str guards servers, not a checker's output.
    sys.set_int_max_str_digits(0)
    try:
        code = cli.main(
            args=list(argv) if argv is not None else None,
            prog_name="mesaform",
            standalone_mode=False,
        )
    except click.exceptions.NoArgsIsHelpError as error:
        # ``mesaform`` (or a group) with no arguments: show the help, as asked for.
        click.echo(error.ctx.get_help() if error.ctx is not None else error.format_message())
        sys.exit(0)
    except click.UsageError as error:
        where = error.ctx.command_path if error.ctx is not None else "mesaform"
        click.echo(f"{where}: error: {one_line(error.format_message())}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    except click.ClickException as error:
        click.echo(f"mesaform: error: {one_line(error.format_message())}", err=True)
        sys.exit(error.exit_code)
    except (click.Abort, KeyboardInterrupt):
        click.echo(f"mesaform: {interrupt_name()}", err=True)
        sys.exit(interrupt_exit_code())
    except RecursionError as error:
        _crash(error, "the input nests deeper than Python's stack allows")
    except MemoryError as error:
        _crash(error, "out of memory")
    except Exception as error:
        _crash(error, f"{type(error).__name__}: {error}")
    sys.exit(code if isinstance(code, int) else 0)


def _crash(error: BaseException, what: str) -> None:
    """Report an internal error in one line, with where its traceback was saved; exit 70."""
    try:
        saved = f"traceback saved to {save_traceback(error)}"
    except OSError as failure:
        saved = f"the traceback could not be saved: {failure}"
    click.echo(
        f"mesaform: internal error, please report it: {one_line(what)[:300]}; {saved}",
        err=True,
    )
    sys.exit(EXIT_INTERNAL_ERROR)
