"""``mesaform run``: run machines with the reference interpreter."""

from __future__ import annotations

import json
from pathlib import Path

import click

from mesaform.cli.params import BITS, FUEL, MACHINE, bad_output_path, check_output
from model.diagram import draw_space_time
from model.standard_format import standard_text
from spec.interpreter import run
from spec.machines import TM
from spec.programs import Table, decode
from spec.results import Halted
from spec.words import plural


def run_record(machine: TM, x: TM, fuel: int) -> dict[str, object]:
    """Run ``machine`` and return the JSON record ``mesaform run --json`` prints."""
    program = decode(machine)
    result = run(program, x, fuel)
    standard = standard_text(program)
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
    help="Write the space-time diagram of the (single, Table) machine's run as PNG "
    "(at most 1000 rows: a long run is shown every k-th step).",
)
def run_command(
    machines: tuple[TM, ...], fuel: int, x: TM, as_json: bool, diagram: Path | None
) -> None:
    """Run each MACHINE (bitstring or standard format like 1RB1LB_1LA1RZ)."""
    if diagram is not None:
        check_output(diagram, "--diagram")
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
            steps, ones = record["steps"], record["ones"]
            assert isinstance(steps, int) and isinstance(ones, int)
            click.echo(
                f"{record['standard'] or machine or 'ε'}: halted after {plural(steps, 'step')}, "
                f"{plural(ones, 'one')}, output {record['output'] or 'ε'}"
            )
        else:
            click.echo(
                f"{record['standard'] or machine or 'ε'}: out of fuel after {plural(fuel, 'step')}"
            )
    if diagram is not None:
        with bad_output_path(diagram, "--diagram"):
            picture = draw_space_time(machines[0], diagram, x, fuel)
        if not picture.halted:
            click.echo(
                f"warning: the diagram is cut short: no halt within --fuel {fuel} steps "
                "(the machine may still halt; raise --fuel to draw more)",
                err=True,
            )
        if not as_json:
            click.echo(f"diagram written to {diagram}")
