"""The ``mesaform`` command line: a thin layer over ``spec``, ``model`` and ``proofs``.

Bad input (a malformed machine, claim file or flag) exits with code 2 and one line
on standard error saying what is wrong and what is expected; no traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from mesaform import __version__
from mesaform.cli.check import check_command
from mesaform.cli.prove import prove_command
from mesaform.cli.run import run_command
from mesaform.cli.search import search_command
from mesaform.cli.show import show_command

EXIT_BAD_INPUT = 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mesaform")
def cli() -> None:
    """mesaform: check claims about mesa-optimizers, exactly."""


cli.add_command(check_command)
cli.add_command(run_command)
cli.add_command(show_command)
cli.add_command(prove_command)
cli.add_command(search_command)


def one_line(message: str) -> str:
    """Collapse ``message`` onto one line."""
    return " ".join(message.split())


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line; exit 2 with one line on bad input."""
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
        click.echo("mesaform: interrupted", err=True)
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)
