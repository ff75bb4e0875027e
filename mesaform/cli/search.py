"""``mesaform search``: the base optimizer, and the pseudo-alignment experiment.

Formalizes the post's "We're going to run an algorithm to optimize some function
on Turing machines" on the command line (model/search.py, model/experiments.py):

- ``--states K``: the busy-beaver search in tree normal form (busyness,
  productivity); ``--max-length N``: every bitstring ``|t| <= N``, any objective;
- ``--local``: seeded hill climbing with restarts over either bound;
- ``--experiment pseudo-alignment``: the experiment of docs/search.md.

Progress goes to standard error; Ctrl-C stops a search and reports the best so
far, marked as interrupted (exit code 130). ``--json`` is written atomically.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from mesaform.cli.params import STDOUT, check_output, text_output, write_report
from mesaform.exits import interrupt_exit_code
from mesaform.model.description import render
from mesaform.model.experiments import EXPERIMENTS, PseudoAlignmentReport, ReplayedChoice
from mesaform.model.search import (
    BitstringSpace,
    SearchReport,
    TableSpace,
    exhaustive_search,
    local_search,
    tree_normal_form_search,
)
from mesaform.model.standard_format import standard_text
from mesaform.provenance import provenance
from mesaform.spec.library import LIBRARY_OBJECTIVES, RUN_READINGS, library_objective
from mesaform.spec.machines import count_machines_up_to
from mesaform.spec.objectives import rational
from mesaform.spec.programs import Table, decode
from mesaform.spec.words import plural

OBJECTIVES = ("busyness", "productivity", "code_ones", "self_replication")
DEFAULT_FUEL = 200
MAX_SEARCH_STATES = 1000
"""Tables of more states have codes of tens of thousands of bits per machine: refused."""
MAX_EXHAUSTIVE_LENGTH = 40
"""Every string of length <= 40 is 2^41 - 1 strings, days of work: longer is refused."""
MAX_LOCAL_LENGTH = 100_000
"""Hill climbing keeps and mutates strings of up to this many bits."""


@contextlib.contextmanager
def progress_bar(description: str, total: int | None) -> Iterator[Callable[[int], None]]:
    """Show a rich progress bar on standard error (only on a terminal); yield its updater."""
    console = Console(stderr=True)
    columns = [
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn() if total is not None else TextColumn("{task.completed} machines"),
        TimeElapsedColumn(),
    ]
    with Progress(
        *columns, console=console, transient=True, disable=not console.is_terminal
    ) as progress:
        task = progress.add_task(description, total=total)

        def update(done: int) -> None:
            progress.update(task, completed=done)

        yield update


SHARE_UNITS = 10_000
"""The tree search's bar counts the explored share of the tree in units of 1/10,000."""


def estimated_total(examined: int, share: float) -> str:
    """Return the machines examined and the estimated total of the tree, e.g. ``5 of ~20``."""
    if share <= 0:
        return f"{examined:,} machines"
    return f"{examined:,} of ~{round(examined / share):,} machines"


@contextlib.contextmanager
def tree_progress_bar(description: str) -> Iterator[Callable[[int, float], None]]:
    """Show the tree search's progress on standard error (only on a terminal).

    The tree's size is not known in advance: the bar is the share of the tree explored
    (each node splits its share among its children), with the machines examined, the
    estimated total they imply, and the time left at the rate so far.
    """
    console = Console(stderr=True)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(bar_width=20),
        TaskProgressColumn(),
        TextColumn("{task.fields[machines]}"),
        TimeElapsedColumn(),
        TextColumn("~"),
        TimeRemainingColumn(),
        TextColumn("left"),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as progress:
        task = progress.add_task(description, total=SHARE_UNITS, machines="")

        def update(examined: int, share: float) -> None:
            machines = estimated_total(examined, share)
            done = round(min(share, 1.0) * SHARE_UNITS)
            progress.update(task, completed=done, machines=machines)

        yield update


def search_record(report: SearchReport) -> dict[str, Any]:
    """Return the JSON record of a search report."""
    return {
        "mesaform": provenance().record(),
        "objective": report.objective,
        "method": report.method,
        "bound": report.bound,
        "fuel": report.fuel,
        "seed": report.seed,
        "examined": report.examined,
        "interrupted": not report.complete,
        "counts": report.counts,
        "best": [
            {
                "machine": str(scored.machine),
                "standard": standard_text(scored.machine),
                "kind": "table" if isinstance(decode(scored.machine), Table) else "mesa",
                "value": rational(scored.value),
            }
            for scored in report.best
        ],
        "replayed": "every value replayed through the reference interpreter",
    }


def print_search(report: SearchReport) -> None:
    """Print a search report as text."""
    status = "complete" if report.complete else "INTERRUPTED: the best found so far"
    counts = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in report.counts.items())
    click.echo(f"objective: {report.objective}")
    click.echo(f"search: {report.method} over {report.bound}, fuel {report.fuel}")
    if report.seed is not None:
        click.echo(f"seed: {report.seed}")
    click.echo(f"examined: {plural(report.examined, 'machine')}{f' ({counts})' if counts else ''}")
    click.echo(f"status: {status}")
    if not report.best:
        click.echo("best: none examined")
        return
    click.echo(f"best U = {rational(report.best[0].value)}")
    for rank, scored in enumerate(report.best, start=1):
        standard = standard_text(scored.machine)
        shown = "(mesa program)" if standard is None else standard or "(no states)"
        click.echo(f"  {rank}. U = {rational(scored.value)}  {shown}  bits {scored.machine or 'ε'}")
    click.echo("(every value replayed through the reference interpreter)")


def describe_choice(choice: ReplayedChoice) -> str:
    """Return one line: the candidates with U and U_m, the choice and U's best."""
    parts = []
    for index, value in enumerate(choice.candidates):
        mesa = "undefined" if value.mesa is None else rational(value.mesa)
        marks = ("<- chosen " if index == choice.chosen else "") + (
            "(U-best)" if index in choice.best else ""
        )
        parts.append(f"{value.machine}: U={rational(value.base)} U_m={mesa} {marks}".rstrip())
    verdict = "aligned choice" if choice.aligned else "MISALIGNED choice"
    return f"{{{'; '.join(parts)}}} -> {verdict}"


def experiment_record(report: PseudoAlignmentReport) -> dict[str, Any]:
    """Return the JSON record of the pseudo-alignment experiment."""

    def choice(c: ReplayedChoice) -> dict[str, Any]:
        return {
            "mesa": str(c.mesa),
            "candidates": [
                {
                    "machine": str(v.machine),
                    "U": rational(v.base),
                    "U_m": None if v.mesa is None else rational(v.mesa),
                }
                for v in c.candidates
            ],
            "chosen": c.chosen,
            "U_best": list(c.best),
            "aligned": c.aligned,
            "acts_like_choice": c.acts_like_choice,
        }

    selection = report.selection
    return {
        "mesaform": provenance().record(),
        "experiment": "pseudo-alignment",
        "base_objective": report.base,
        "evaluator_fuel": report.evaluator_fuel,
        "population": report.population_size,
        "selected": {
            "evaluator": str(selection.evaluator),
            "standard": standard_text(selection.evaluator),
            "training_score": rational(selection.score),
            "best_possible": rational(selection.best_possible),
        },
        "tied_in_training": len(selection.tied),
        "tied_and_aligned_on_deployment": report.tied_robust,
        "training": [choice(c) for c in report.training],
        "training_inner_aligned": report.training_exact,
        "pseudo_aligned": report.pseudo_aligned,
        "rival_robustly_aligned": report.rival_robust,
        "deployment": choice(report.deployment),
        "aligned_rival": {
            "evaluator": str(report.rival),
            "standard": standard_text(report.rival),
            "inner_aligned_up_to_length": report.aligned_up_to,
            "deployment": choice(report.rival_deployment),
        },
        "disagreements": [
            {"machine": str(v.machine), "U": rational(v.base), "U_m": rational(v.mesa)}
            for v in report.disagreements
            if v.mesa is not None
        ],
        "disagreement_bound": report.disagreement_bound,
    }


def print_experiment(report: PseudoAlignmentReport) -> None:
    """Print the pseudo-alignment experiment as text."""
    selection = report.selection
    selected = selection.evaluator
    click.echo("experiment: pseudo-alignment emerging from a base optimizer")
    click.echo(
        f"base objective U = {report.base}; population: {report.population_size} "
        f"mesa-optimizers Mesa(|C|, f={report.evaluator_fuel}, e, C), e = every Table "
        "with at most 2 states"
    )
    click.echo(
        f"selected evaluator e = {standard_text(selected) or 'ε'} (bits {selected or 'ε'}), "
        f"training score {rational(selection.score)} of {rational(selection.best_possible)}"
    )
    click.echo(
        f"tied in training: {len(selection.tied)} evaluators, "
        f"{report.tied_robust} of them choose U's best on deployment"
    )
    click.echo("training choices (replayed):")
    for choice in report.training:
        click.echo(f"  {describe_choice(choice)}")
    inner = "holds" if report.training_exact else "FAILS"
    click.echo(f"U = U_m on every training candidate in dom(U_m): {inner}")
    click.echo(
        f"mesaform.spec.taxonomy.pseudo_aligned(U, ch_m, D_tr, D_dep) = {report.pseudo_aligned}; "
        f"robustly_aligned(U, ch_rival, D_tr + D_dep) = {report.rival_robust}"
    )
    click.echo("deployment choice (replayed):")
    click.echo(f"  {describe_choice(report.deployment)}")
    click.echo("  the selected mesa-optimizer on the deployment set, decoded:")
    click.echo(render(report.deployment.mesa, indent="    "))
    click.echo(
        f"aligned rival e = {standard_text(report.rival)} (bits {report.rival}): "
        f"U = U_m on dom(U_m) for |t| <= {report.aligned_up_to}, same training score;"
    )
    click.echo(f"  {describe_choice(report.rival_deployment)}")
    shown = [v for v in report.disagreements if v.mesa is not None][:5]
    click.echo(
        f"t with U(t) != U_m(t) (|t| <= {report.disagreement_bound}): "
        f"{len(report.disagreements)}, the first: "
        + ", ".join(
            f"{v.machine} (U={rational(v.base)}, U_m={rational(v.mesa)})"
            for v in shown
            if v.mesa is not None
        )
    )
    click.echo("(every value replayed through the reference interpreter)")


@click.command("search")
@click.option(
    "--objective",
    type=click.Choice(LIBRARY_OBJECTIVES),
    help="The base objective U to maximise (a library objective).",
)
@click.option("--states", type=click.IntRange(min=1), metavar="K", help="Search K-state tables.")
@click.option(
    "--max-length",
    type=click.IntRange(min=0),
    metavar="N",
    help="Search every bitstring of length <= N.",
)
@click.option(
    "--fuel",
    type=click.IntRange(min=0),
    default=DEFAULT_FUEL,
    show_default=True,
    help="Steps a machine may run; one that does not halt within them scores 0.",
)
@click.option("--local", is_flag=True, help="Hill climbing with restarts instead of enumeration.")
@click.option(
    "--iterations",
    type=click.IntRange(min=0),
    default=10_000,
    show_default=True,
    help="Local search: neighbours proposed.",
)
@click.option(
    "--seed", type=click.IntRange(min=0), default=0, show_default=True, help="Local search seed."
)
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=5,
    show_default=True,
    help="How many of the best machines to report.",
)
@click.option(
    "--experiment",
    type=click.Choice(sorted(EXPERIMENTS)),
    help="Run a documented experiment instead of a search.",
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the report as JSON to this file (atomically; '-' for standard output).",
)
def search_command(
    objective: str | None,
    states: int | None,
    max_length: int | None,
    fuel: int,
    local: bool,
    iterations: int,
    seed: int,
    top: int,
    experiment: str | None,
    json_path: Path | None,
) -> None:
    """Search for machines maximising U: the base optimizer of the post."""
    check_output(json_path, "--json", stdout_ok=True)
    context = click.get_current_context()
    if experiment is not None:
        search_options = ["objective", "states", "max_length", "fuel", "local"]
        search_options += ["iterations", "seed", "top"]
        given = [
            name
            for name in search_options
            if context.get_parameter_source(name) != ParameterSource.DEFAULT
        ]
        if given:
            flag = "--" + given[0].replace("_", "-")
            raise click.UsageError(f"--experiment runs alone; drop {flag}")
        with progress_bar("selecting a mesa-optimizer", None) as update:
            report = EXPERIMENTS[experiment](progress=update)
        if json_path is not None:
            write_report(json_path, experiment_record(report))
        with text_output(json_path == STDOUT):
            print_experiment(report)
        return
    for name in ("iterations", "seed"):
        if not local and context.get_parameter_source(name) != ParameterSource.DEFAULT:
            raise click.UsageError(f"--{name} applies to a local search: add --local")
    if objective is None:
        raise click.UsageError("give --objective NAME (or --experiment NAME)")
    if states is not None and max_length is not None:
        raise click.UsageError("give either --states K or --max-length N, not both")
    if states is None and max_length is None:
        raise click.UsageError("give a bound: --states K or --max-length N")
    if not local and states is not None and objective not in RUN_READINGS:
        raise click.UsageError(
            f"--states enumerates tables in tree normal form, which is exact for "
            f"{' and '.join(RUN_READINGS)}; {objective} depends on the code: "
            "use --max-length N or --local"
        )
    if states is not None and states > MAX_SEARCH_STATES:
        raise click.BadParameter(
            f"{states} states is beyond what a search can cover; at most {MAX_SEARCH_STATES}",
            param_hint="'--states'",
        )
    if max_length is not None:
        longest = MAX_LOCAL_LENGTH if local else MAX_EXHAUSTIVE_LENGTH
        if max_length > longest:
            what = "a local search's strings" if local else "an exhaustive search"
            raise click.BadParameter(
                f"{max_length} is beyond what {what} can cover; at most {longest}"
                + ("" if local else " (2^41 - 1 strings); use --local for longer strings"),
                param_hint="'--max-length'",
            )
    if not local and states is not None and 2 * fuel + 3 > sys.maxsize:
        raise click.BadParameter(
            f"the tree-normal-form search keeps a tape of 2F + 3 cells; F = {fuel} is too large",
            param_hint="'--fuel'",
        )
    search_report = run_search(objective, states, max_length, fuel, local, iterations, seed, top)
    if json_path is not None:
        write_report(json_path, search_record(search_report))
    with text_output(json_path == STDOUT):
        print_search(search_report)
    if not search_report.complete:
        sys.exit(interrupt_exit_code())


def run_search(
    objective: str,
    states: int | None,
    max_length: int | None,
    fuel: int,
    local: bool,
    iterations: int,
    seed: int,
    top: int,
) -> SearchReport:
    """Run the search the flags ask for, interruptible, with a progress bar."""
    evaluated = reference = library_objective(objective, fuel)
    if local:
        space = TableSpace(states) if states is not None else BitstringSpace(max_length or 0)
        with progress_bar(f"hill climbing {objective}", iterations) as update:
            return local_search(
                evaluated,
                space,
                iterations=iterations,
                seed=seed,
                top=top,
                progress=update,
                interruptible=True,
                reference=reference,
                fuel=fuel,
            )
    if states is not None:
        with tree_progress_bar(f"{plural(states, 'state')}") as shared:
            return tree_normal_form_search(
                states, objective, fuel, top=top, interruptible=True, share_progress=shared
            )
    length = max_length or 0
    with progress_bar(f"every |t| <= {length}", count_machines_up_to(length)) as update:
        return exhaustive_search(
            evaluated,
            length,
            top=top,
            progress=update,
            interruptible=True,
            reference=reference,
            fuel=fuel,
        )
