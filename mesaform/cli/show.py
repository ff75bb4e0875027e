"""``mesaform show``: the program a machine decodes to."""

from __future__ import annotations

import json

import click

from mesaform.cli.params import MACHINE
from mesaform.model.description import describe, render
from mesaform.spec.machines import TM


@click.command("show")
@click.argument("machine", type=MACHINE)
@click.option("--json", "as_json", is_flag=True, help="Print the decoded program as JSON.")
def show_command(machine: TM, as_json: bool) -> None:
    """Show the program MACHINE denotes: a table, or a Mesa program, recursively.

    MACHINE is a bitstring or standard format; @FILE reads it from a file.
    """
    if as_json:
        click.echo(json.dumps(describe(machine)))
    else:
        click.echo(render(machine))
