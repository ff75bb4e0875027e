"""``mesaform prove``: prove the theorems of the formalism over uninterpreted U, U_m, dom.

``mesaform prove [NAMES...] [--json PATH] [--smt2 DIR]`` proves, over
uninterpreted U, U_m and dom, the basic facts of the formalism, each a named
theorem. A countermodel is a verdict too ("refuted, as stated"), printed
readably.

Prints a table (theorem, kind, verdict, method, seconds), then the witness or
countermodel of each theorem that has one. Exit 0 when every theorem is proved as
stated, 1 otherwise, 2 on bad input (an unknown theorem name).
"""

from __future__ import annotations

from pathlib import Path

import click

from mesaform.cli.params import SECONDS, output_directory, write_report
from proofs.theorem import TheoremResult
from proofs.theorems import find_theorems, prove


def verdict_text(result: TheoremResult) -> str:
    """Return the verdict in words: what was shown, and how."""
    kind = result.theorem.kind
    if result.status == "proved":
        return "proved (valid)" if kind == "valid" else "proved (witness found)"
    if result.status == "refuted":
        return (
            "refuted, as stated (countermodel)"
            if kind == "valid"
            else "refuted, as stated (no model exists)"
        )
    return "unknown"


def result_record(result: TheoremResult) -> dict[str, object]:
    """Return the JSON record of one theorem's result."""
    theorem = result.theorem
    return {
        "name": theorem.name,
        "statement": theorem.statement,
        "source": theorem.source,
        "kind": theorem.kind,
        "status": result.status,
        "verdict": verdict_text(result),
        "method": result.method,
        "seconds": round(result.seconds, 3),
        "model": result.model,
        "reason": result.reason,
    }


def render_table(results: list[TheoremResult]) -> str:
    """Return the results as an aligned text table."""
    header = ("theorem", "kind", "verdict", "method", "seconds")
    rows = [
        (
            result.theorem.name,
            result.theorem.kind,
            verdict_text(result),
            result.method,
            f"{result.seconds:.2f}",
        )
        for result in results
    ]
    widths = [max(len(row[column]) for row in [header, *rows]) for column in range(5)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * width for width in widths))
    for row in rows:
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    return "\n".join(line.rstrip() for line in lines)


@click.command("prove")
@click.argument("names", metavar="[NAMES]...", nargs=-1)
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the results as JSON to this file (atomically).",
)
@click.option(
    "--smt2",
    "smt2_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write each theorem's query as an SMT-LIB2 file into this directory.",
)
@click.option(
    "--timeout",
    "timeout_seconds",
    type=SECONDS,
    default=60.0,
    show_default=True,
    help="Seconds the solver may spend on each theorem.",
)
def prove_command(
    names: tuple[str, ...], json_path: Path | None, smt2_dir: Path | None, timeout_seconds: float
) -> int:
    """Prove the named theorems (all when none is named) for every U, U_m and dom."""
    try:
        theorems = find_theorems(names)
    except KeyError as error:
        raise click.BadParameter(
            f"no theorem is called {error.args[0]!r}; run 'mesaform prove' to list them all",
            param_hint="NAMES",
        ) from None
    if json_path is not None and not (json_path.parent.is_dir() or str(json_path.parent) == ""):
        raise click.BadParameter(
            f"directory {str(json_path.parent)!r} does not exist", param_hint="'--json'"
        )
    if smt2_dir is not None:
        output_directory(smt2_dir, "--smt2")
    results = [
        prove(theorem, timeout_seconds=timeout_seconds, smt2_dir=smt2_dir) for theorem in theorems
    ]
    click.echo(render_table(results))
    for result in results:
        shown = result.model or result.reason
        if not shown:
            continue
        label = {"proved": "witness", "refuted": "countermodel", "unknown": "reason"}[result.status]
        if result.status == "refuted" and result.theorem.kind == "satisfiable":
            label = "reason"
        click.echo(f"\n{result.theorem.name} ({label}):")
        for line in shown.splitlines():
            click.echo(f"  {line}")
    if json_path is not None:
        write_report(json_path, [result_record(result) for result in results])
    if smt2_dir is not None:
        click.echo(f"\nSMT-LIB2 queries written to {smt2_dir}")
    return 0 if all(result.status == "proved" for result in results) else 1
