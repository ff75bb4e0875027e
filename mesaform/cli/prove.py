"""``mesaform prove``: decide the theorems of the formalism, grouped by kind.

Says each result on standard error as it finishes (its place, name, verdict, method
and seconds), then prints, for each kind (``theorem``: a non-trivial consequence;
``unfolding``: a sanity check of a definition; ``countermodel``: a witness that an
implication fails), a table of its results (name, verdict, method, seconds, Coq twin)
with each result's scope, then the witness or countermodel of each result that has
one, and a count by kind. Ctrl-C or SIGTERM stops the run: the results finished so far
are printed and written, the report marked ``interrupted``, exit 130 or 143. ``--json``
writes one record per result with its ``kind``, ``scope``, ``source`` and ``coq``, the
Coq theorem that also machine-checks it (``null`` when none; proofs/coq/names.py,
docs/coq.md). Exit 0 when every result is proved as stated, 1
otherwise, 2 on bad input (an unknown name). See docs/proved.md.
"""

from __future__ import annotations

from pathlib import Path

import click

from mesaform.cli.params import SECONDS, output_directory
from mesaform.cli.reports import ReportFile
from mesaform.exits import (
    EXIT_BAD_INPUT,
    EXIT_MISMATCH,
    interrupt_exit_code,
    interrupt_in_argument,
    interrupt_name,
)
from mesaform.model.files import OutputError
from mesaform.proofs.checking.report import envelope
from mesaform.proofs.coq.names import coq_name
from mesaform.proofs.theorems.prover import find_theorems, prove
from mesaform.proofs.theorems.theorem import KINDS, TheoremResult


def verdict_text(result: TheoremResult) -> str:
    """Return the verdict in words: what was shown, and how."""
    valid = result.theorem.obligation == "valid"
    if result.status == "proved":
        return "proved (valid)" if valid else "proved (witness found)"
    if result.status == "refuted":
        return (
            "refuted, as stated (countermodel)" if valid else "refuted, as stated (no model exists)"
        )
    return "unknown"


def result_record(result: TheoremResult) -> dict[str, object]:
    """Return the JSON record of one result."""
    theorem = result.theorem
    record: dict[str, object] = {
        "name": theorem.name,
        "kind": theorem.kind,
        "statement": theorem.statement,
        "scope": theorem.scope,
        "source": theorem.source,
        "status": result.status,
        "verdict": verdict_text(result),
        "method": result.method,
        "seconds": round(result.seconds, 3),
        "model": result.model,
        "reason": result.reason,
        "coq": coq_name(theorem.name),
    }
    return record


def progress_line(result: TheoremResult, index: int, total: int) -> str:
    """Return the line said on standard error as one result finishes: its place, name,
    verdict, method and time."""
    return (
        f"[{index}/{total}] {result.theorem.name}: {verdict_text(result)} "
        f"({result.method}, {result.seconds:.2f} s)"
    )


def render_table(results: list[TheoremResult]) -> str:
    """Return the results as an aligned text table, each followed by its scope."""
    header = ("name", "verdict", "method", "seconds", "coq")
    rows = [
        (
            result.theorem.name,
            verdict_text(result),
            result.method,
            f"{result.seconds:.2f}",
            coq_name(result.theorem.name) or "-",
        )
        for result in results
    ]
    widths = [max(len(row[column]) for row in [header, *rows]) for column in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * width for width in widths))
    for result, row in zip(results, rows, strict=True):
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
        lines.append(f"    scope: {result.theorem.scope}")
    return "\n".join(line.rstrip() for line in lines)


def render_report(results: list[TheoremResult]) -> str:
    """Return the results grouped by kind, each group a table, then the counts."""
    parts: list[str] = []
    counts: list[str] = []
    for kind in KINDS:
        group = [result for result in results if result.theorem.kind == kind]
        if not group:
            continue
        proved = sum(result.status == "proved" for result in group)
        parts.append(f"{kind} ({proved} of {len(group)} proved)\n{render_table(group)}")
        counts.append(f"{len(group)} {kind}{'s' if len(group) != 1 else ''}")
    parts.append(f"{len(results)} results: {', '.join(counts)}")
    return "\n\n".join(parts)


@click.command("prove")
@click.argument("names", metavar="[NAMES]...", nargs=-1)
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the results as JSON to this file (atomically; '-' for standard output).",
)
@click.option(
    "--smt2",
    "smt2_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write each result's query as an SMT-LIB2 file into this directory.",
)
@click.option(
    "--timeout",
    "timeout_seconds",
    type=SECONDS,
    default=60.0,
    show_default=True,
    help="Seconds the solver may spend on each result.",
)
def prove_command(
    names: tuple[str, ...], json_path: Path | None, smt2_dir: Path | None, timeout_seconds: float
) -> int:
    """Prove the named results (all when none is named); each states its scope."""
    try:
        theorems = find_theorems(names)
    except KeyError as error:
        raise click.BadParameter(
            f"no theorem is called {error.args[0]!r}; run 'mesaform prove' to list them all",
            param_hint="NAMES",
        ) from None
    outputs = ReportFile.checked(json_path)
    if smt2_dir is not None:
        output_directory(smt2_dir, "--smt2")
    results: list[TheoremResult] = []
    stopped: str | None = None
    code = EXIT_BAD_INPUT  # the exit code of a stopped run
    where = "while starting"
    try:
        for index, theorem in enumerate(theorems, start=1):
            where = f"while proving {theorem.name!r}"
            result = prove(theorem, timeout_seconds=timeout_seconds, smt2_dir=smt2_dir)
            results.append(result)
            click.echo(progress_line(result, index, len(theorems)), err=True)
    except KeyboardInterrupt:
        stopped = f"{interrupt_name()} {where}"
        code = interrupt_exit_code()
    except OutputError as error:  # an SMT-LIB2 file on a full disk: keep what was proved
        outputs.failed(error)
        stopped = f"stopped {where}: {' '.join(str(error).split())}"
    except Exception as error:
        if not interrupt_in_argument(error):  # Ctrl-C while Z3's arguments were converted
            raise
        stopped = f"{interrupt_name()} {where}"
        code = interrupt_exit_code()
    proved = all(result.status == "proved" for result in results)
    if json_path is not None:
        records = [result_record(result) for result in results]
        interrupted = stopped is not None
        outputs.write(envelope("prove", records, proved, interrupted, stopped))
    with outputs.text():
        print_proofs(results)
        if smt2_dir is not None:
            click.echo(f"\nSMT-LIB2 queries written to {smt2_dir}")
    if stopped is not None:
        click.echo(
            f"mesaform: {stopped}: {len(results)} of {len(theorems)} results decided", err=True
        )
        outputs.end(code)
    outputs.end(0 if proved else EXIT_MISMATCH)


def print_proofs(results: list[TheoremResult]) -> None:
    """Print the results grouped by kind, then each witness, countermodel or reason."""
    click.echo(render_report(results))
    for result in results:
        shown = result.model or result.reason
        if not shown:
            continue
        label = {"proved": "witness", "refuted": "countermodel", "unknown": "reason"}[result.status]
        if result.status == "refuted" and result.theorem.obligation == "satisfiable":
            label = "reason"
        click.echo(f"\n{result.theorem.name} ({label}):")
        for line in shown.splitlines():
            click.echo(f"  {line}")
