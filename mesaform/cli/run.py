"""``mesaform run``: run machines with the reference interpreter."""

from __future__ import annotations

import json
from pathlib import Path

import click

from mesaform.cli.params import BITS, FUEL, MACHINE, bad_output_path
from model.diagram import draw_space_time
from model.standard_format import MAX_STANDARD_STATES, format_standard
from spec.interpreter import run
from spec.machines import TM
from spec.programs import Table, decode
from spec.results import Halted


def run_record(machine: TM, x: TM, fuel: int) -> dict[str, object]:
    """Run ``machine`` and return the JSON record ``mesaform run --json`` prints."""
    program = decode(machine)
    result = run(program, x, fuel)
    standard = (
        format_standard(program)
        if isinstance(program, Table) and program.states <= MAX_STANDARD_STATES
        else None
    )
    record: dict[str, object] = {
        "machine": str(machine),
        "kind": "table" if isinstance(program, Table) else "mesa",
        "standard": standard,
        "input": str(x),
        "fuel": fuel,
        "halted": result.halted,
    }
    if isinstance(result, Halted):
        record.update(steps=result.steps, ones=result.ones, output=result.output)
    else:
        record.update(steps=None, ones=None, output=None)
    return record


@click.command("run")
@click.argument("machines", metavar="MACHINE...", nargs=-1, required=True, type=MACHINE)
@click.option(
    "--fuel",
    type=FUEL,
    default=100_000,
    show_default=True,
    help="At most this many steps (a natural number).",
)
@click.option("--input", "x", type=BITS, default="", help="Input bits, written in pair code.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per machine per line.")
@click.option(
    "--diagram",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the space-time diagram of the (single, Table) machine's run as PNG.",
)
def run_command(
    machines: tuple[TM, ...], fuel: int, x: TM, as_json: bool, diagram: Path | None
) -> None:
    """Run each MACHINE (bitstring or standard format like 1RB1LB_1LA1RZ)."""
    if diagram is not None:
        if len(machines) != 1:
            raise click.BadParameter("draw one machine at a time", param_hint="'--diagram'")
        if not isinstance(decode(machines[0]), Table):
            raise click.BadParameter(
                "a space-time diagram shows a Table program; this machine is a Mesa program",
                param_hint="'--diagram'",
            )
    for machine in machines:
        record = run_record(machine, x, fuel)
        if as_json:
            click.echo(json.dumps(record))
        elif record["halted"]:
            click.echo(
                f"{record['standard'] or machine or 'ε'}: halted after {record['steps']} steps, "
                f"{record['ones']} ones, output {record['output'] or 'ε'}"
            )
        else:
            click.echo(f"{record['standard'] or machine or 'ε'}: out of fuel after {fuel} steps")
    if diagram is not None:
        with bad_output_path(diagram, "--diagram"):
            draw_space_time(machines[0], diagram, x, fuel)
        if not as_json:
            click.echo(f"diagram written to {diagram}")
