"""``mesaform run``: run machines on the compiled engine, or with ``--reference`` the reference one.

Main definitions: :func:`run_record` (one machine's JSON record), :class:`ProgressLine`
(the line a long run shows on a terminal), :func:`run_command`.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import click

from mesaform.cli.params import BITS, FUEL, MACHINE, bad_output_path, check_figure
from mesaform.model.standard_format import standard_text
from mesaform.spec.interpreter import run
from mesaform.spec.machines import TM
from mesaform.spec.programs import Table, decode
from mesaform.spec.results import Halted, RunResult
from mesaform.spec.words import plural


def run_record(
    machine: TM,
    x: TM,
    fuel: int,
    *,
    reference: bool = False,
    progress: Callable[[int], None] | None = None,
) -> dict[str, object]:
    """Run ``machine`` and return the JSON record ``mesaform run --json`` prints.

    The run is the compiled engine's (:func:`mesaform.model.engine.run_fast`; a table runs in
    slices, calling ``progress(steps)`` between them), or with ``reference`` the
    reference interpreter's; both give the same record (tested).
    """
    program = decode(machine)
    result: RunResult
    if reference:
        result = run(program, x, fuel)
    elif isinstance(program, Table):
        from mesaform.model.engine import run_table_sliced

        result = run_table_sliced(program, x, fuel, progress)
    else:
        from mesaform.model.engine import run_fast

        result = run_fast(program, x, fuel)
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


class ProgressLine:
    """Show ``steps of fuel`` on standard error, on a terminal, once a run passes 2 s."""

    DELAY = 2.0

    def __init__(self, label: str, fuel: int) -> None:
        self.label = label
        self.fuel = fuel
        self.started = time.monotonic()
        self.shown = False
        self.enabled = sys.stderr.isatty()

    def __call__(self, steps: int) -> None:
        """Report ``steps`` done (called between slices of the run)."""
        if not self.enabled or time.monotonic() - self.started < self.DELAY:
            return
        seconds = time.monotonic() - self.started
        sys.stderr.write(
            f"\r{self.label}: {steps:,} of {self.fuel:,} steps, {seconds:.0f} s (Ctrl-C stops)"
        )
        sys.stderr.flush()
        self.shown = True

    def clear(self) -> None:
        """Erase the line, if it was shown."""
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


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
    "--reference",
    is_flag=True,
    help=(
        "Run on the reference interpreter (mesaform.spec.interpreter) instead of the "
        "compiled engine."
    ),
)
@click.option(
    "--diagram",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the space-time diagram of the (single, Table) machine's run: PNG, PDF or "
    "SVG by the file's extension "
    "(at most 1000 rows: a long run is shown every k-th step).",
)
def run_command(
    machines: tuple[TM, ...],
    fuel: int,
    x: TM,
    as_json: bool,
    reference: bool,
    diagram: Path | None,
) -> None:
    """Run each MACHINE (bitstring or standard format like 1RB1LB_1LA1RZ).

    @FILE reads a MACHINE from a file.
    """
    if diagram is not None:
        check_figure(diagram, "--diagram")
        if len(machines) != 1:
            raise click.BadParameter("draw one machine at a time", param_hint="'--diagram'")
        if not isinstance(decode(machines[0]), Table):
            raise click.BadParameter(
                "a space-time diagram shows a Table program; this machine is a Mesa program",
                param_hint="'--diagram'",
            )
    for machine in machines:
        line = ProgressLine((standard_text(decode(machine)) or str(machine))[:40] or "ε", fuel)
        try:
            record = run_record(machine, x, fuel, reference=reference, progress=line)
        finally:
            line.clear()
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
        from mesaform.model.diagram import (
            draw_space_time,  # numpy and matplotlib: only for a picture
        )

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
