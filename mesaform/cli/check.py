"""``mesaform check``: check alignment claims and report verdicts you can trust.

Exit codes: 0 when every verdict matches its expectation (without one: proved);
1 when one does not; 2 for bad input; 3 when a method's counterexample does not
replay (a bug in that method, reported as such); 130 when interrupted (the
report of the claims finished so far is still written).
"""

from __future__ import annotations

import dataclasses
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from types import FrameType
from typing import Any

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table as RichTable

from mesaform import __version__
from mesaform.claim_files import ClaimFileError, UserFunctionError, load_claims, parse_claims
from mesaform.cli.params import SECONDS, bad_output_path, output_directory, write_report
from model import engine
from model.description import render
from proofs.check import (
    CHECK_METHODS,
    CheckMethod,
    CheckOptions,
    CheckResult,
    Spread,
    check_claim,
    whole_claim,
)
from proofs.checkpoint import Checkpoint, CheckpointError
from proofs.outcome import ReplayDisagreement
from proofs.ranges import check_ranges_support
from proofs.report import report
from spec.claims import Claim, LibraryObjective, MesaProgram
from spec.objectives import rational
from spec.verdicts import NotRefuted, Proved, Refuted, Unknown

EXIT_MISMATCH = 1
EXIT_REPLAY_BUG = 3
EXIT_INTERRUPTED = 130


def bundled_claims() -> list[Claim]:
    """Return the bundled suite shipped inside the package."""
    text = resources.files("mesaform.claims").joinpath("default.toml").read_text(encoding="utf-8")
    return parse_claims(text, "bundled suite (mesaform/claims/default.toml)")


def compiled_path_applies(claim: Claim) -> bool:
    """Return whether enumeration may run ``claim`` in compiled code (library U, Mesa program)."""
    return isinstance(claim.base, LibraryObjective) and isinstance(claim.mesa, MesaProgram)


def describe_verdict(result: CheckResult) -> str:
    """Return the verdict in words, with what it carries."""
    verdict = result.verdict
    bound = verdict.bound.describe()
    if isinstance(verdict, Proved):
        details = [verdict.detail] if verdict.detail else []
        if verdict.in_domain is not None:
            domain = f"U_m defined on {verdict.in_domain} of {verdict.checked} strings"
            if domain not in verdict.detail:  # enumeration's detail already says it
                details.append(domain)
        detail = "".join(f"; {part}" for part in details)
        strings = f"{verdict.checked} strings"
        return f"proved by {verdict.method} for every t with {bound}: {strings}{detail}"
    if isinstance(verdict, Refuted):
        return f"refuted by {verdict.method} within {bound} after {verdict.checked} strings"
    if isinstance(verdict, NotRefuted):
        return (
            f"not refuted by {verdict.method} within {bound}: {verdict.examples} examples, "
            f"seed {verdict.seed}"
        )
    assert isinstance(verdict, Unknown)
    return f"unknown ({verdict.method}, {bound}): {verdict.reason}"


def print_results(console: Console, results: list[CheckResult]) -> None:
    """Print the table of verdicts, then each refutation's counterexample."""
    table = RichTable(title="mesaform check")
    for column in ("claim", "verdict", "expected", "method", "bound", "strings", "seconds"):
        table.add_column(column, overflow="fold")
    for result in results:
        verdict = result.verdict
        checked = verdict.examples if isinstance(verdict, NotRefuted) else verdict.checked
        mark = "" if result.matches_expectation else " ✗"
        table.add_row(
            result.claim.name,
            verdict.verdict + mark,
            result.claim.expect or "proved",
            verdict.method,
            verdict.bound.describe(),
            str(checked),
            f"{result.seconds:.2f}",
        )
    console.print(table)
    for result in results:
        console.print(
            f"[bold]{result.claim.name}[/bold]: {describe_verdict(result)}", highlight=False
        )
        verdict = result.verdict
        if isinstance(verdict, Refuted):
            example = verdict.counterexample
            for t, u, u_m in zip(
                example.machines, example.base_values, example.mesa_values, strict=True
            ):
                console.print(
                    f"  t = {str(t) or 'ε'}: U(t) = {rational(u)}, U_m(t) = {rational(u_m)}",
                    highlight=False,
                )
                console.print(render(t, indent="    "), highlight=False)
            console.print(f"  {example.replay}", highlight=False)
            if result.more_counterexamples:
                shown = ", ".join(
                    "(" + ", ".join(str(t) or "ε" for t in more.machines) + ")"
                    if len(more.machines) > 1
                    else str(more.machines[0]) or "ε"
                    for more in result.more_counterexamples[:20]
                )
                extra = len(result.more_counterexamples) - 20
                tail = f", and {extra} more (see --json)" if extra > 0 else ""
                console.print(
                    f"  {len(result.more_counterexamples)} more counterexamples, all replayed: "
                    f"{shown}{tail}",
                    highlight=False,
                )


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@contextmanager
def keep_work(checkpoint: Checkpoint | None, executor: Any) -> Iterator[None]:
    """Write the checkpoint and close the cluster on every exit, interrupts included.

    SIGTERM (a scheduler's stop) interrupts like Ctrl-C while a checkpoint is kept,
    unless a handler is already installed.
    """
    main = threading.current_thread() is threading.main_thread()
    catch = checkpoint is not None and main and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
    if catch:
        signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        try:
            if checkpoint is not None:
                checkpoint.close()
        finally:
            if catch:
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
            if executor is not None:
                executor.close()


@click.command("check")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--method",
    type=click.Choice(CHECK_METHODS),
    default="auto",
    show_default=True,
    help="auto: enumerate small bounds, Z3 beyond, Hypothesis where Z3 cannot.",
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the machine-readable report here (atomically).",
)
@click.option("--claim", "names", multiple=True, help="Check only the claim with this name.")
@click.option("--all", "find_all", is_flag=True, help="Enumeration: find every counterexample.")
@click.option(
    "--examples",
    type=click.IntRange(min=1),
    default=1000,
    show_default=True,
    help="Hypothesis: examples to sample.",
)
@click.option("--seed", type=click.IntRange(min=0), default=None, help="Hypothesis: the seed.")
@click.option(
    "--timeout",
    type=SECONDS,
    default=120.0,
    show_default=True,
    help="Solvers: seconds for the whole claim before 'unknown'.",
)
@click.option(
    "--smt2",
    "smt2_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Solvers: write each query as SMT-LIB2 into this folder.",
)
@click.option(
    "--plot",
    "plot_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Draw U against U_m over the checked part of dom(U_m) for one claim (PNG).",
)
@click.option(
    "--checkpoint",
    "checkpoint_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Keep finished ranges of strings and decided lengths here; the same command resumes.",
)
@click.option(
    "--cluster",
    "cluster_address",
    metavar="ADDRESS",
    help="Run the work on a Dask cluster: a scheduler's address, or local:N worker processes.",
)
def check_command(
    files: tuple[Path, ...],
    method: CheckMethod,
    json_path: Path | None,
    names: tuple[str, ...],
    find_all: bool,
    examples: int,
    seed: int | None,
    timeout: float,
    smt2_dir: Path | None,
    plot_path: Path | None,
    checkpoint_path: Path | None,
    cluster_address: str | None,
) -> None:
    """Check the claims in FILES (TOML), or the bundled suite when none is given.

    A claim side written ``module:function`` is imported with the current directory
    on the import path, as ``python -m`` would.
    """
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    try:
        claims = [c for path in files for c in load_claims(path)] if files else bundled_claims()
    except ClaimFileError as error:
        raise click.UsageError(str(error)) from None
    if names:
        known = {claim.name for claim in claims}
        for name in names:
            if name not in known:
                raise click.BadParameter(f"no claim named {name!r}", param_hint="'--claim'")
        claims = [claim for claim in claims if claim.name in names]
    if plot_path is not None and len(claims) != 1:
        raise click.BadParameter(
            f"a plot shows one claim; {len(claims)} are selected: pick one with --claim NAME",
            param_hint="'--plot'",
        )
    if find_all and method in ("z3", "cvc5", "hypothesis"):
        raise click.BadParameter(
            f"--all collects every counterexample by enumeration; --method {method} stops at "
            "the first. Use --method enumerate or auto",
            param_hint="'--all'",
        )
    for option, path in (("--json", json_path), ("--plot", plot_path)):
        if path is not None and not path.resolve().parent.is_dir():
            raise click.BadParameter(
                f"directory '{path.parent}' does not exist", param_hint=f"'{option}'"
            )
    if smt2_dir is not None:
        output_directory(smt2_dir, "--smt2")
    if checkpoint_path is not None or cluster_address is not None:
        option = "--checkpoint" if checkpoint_path is not None else "--cluster"
        for claim in claims:
            reason = check_ranges_support(claim, find_all)
            if reason is not None:
                raise click.BadParameter(f"claim {claim.name!r}: {reason}", param_hint=option)
    checkpoint = None
    if checkpoint_path is not None:
        if not checkpoint_path.resolve().parent.is_dir():
            raise click.BadParameter(
                f"directory '{checkpoint_path.parent}' does not exist", param_hint="'--checkpoint'"
            )
        if any(checkpoint_path.resolve() == path.resolve() for path in files):
            raise click.BadParameter(
                f"{str(checkpoint_path)!r} is a claim file; a checkpoint never overwrites an input",
                param_hint="'--checkpoint'",
            )
        try:
            checkpoint = Checkpoint.open(
                checkpoint_path,
                version=__version__,
                method=method,
                find_all=find_all,
                claims=claims,
            )
            checkpoint.save(force=True)  # a path that cannot be written is refused now
        except CheckpointError as error:
            raise click.BadParameter(str(error), param_hint="'--checkpoint'") from None
        except OSError as error:
            raise click.BadParameter(
                f"cannot write {str(checkpoint_path)!r}: {error.strerror or error}",
                param_hint="'--checkpoint'",
            ) from None
    console = Console(width=max(120, Console().width), highlight=False)
    errors = Console(stderr=True)
    compiled = any(compiled_path_applies(c) for c in claims)
    if method in ("auto", "enumerate") and compiled and cluster_address is None:
        # The first run after installing compiles the engine's kernels (tens of seconds);
        # later runs load them from numba's cache.
        with errors.status("loading the compiled enumeration engine (compiled on first use)"):
            engine.warm_up()
    executor = None
    if cluster_address is not None:
        from proofs.cluster import ClusterUnavailable, connect

        try:
            with errors.status(f"connecting to the cluster {cluster_address}"):
                executor = connect(cluster_address)
        except ClusterUnavailable as error:
            raise click.BadParameter(str(error), param_hint="'--cluster'") from None
    spread = None
    if checkpoint is not None or executor is not None:
        spread = Spread(executor=executor, lengths=executor, checkpoint=checkpoint)
    results: list[CheckResult] = []
    interrupted = False
    where = "" if executor is None else f" ({executor.threads()} workers)"
    with (
        keep_work(checkpoint, executor),
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=errors,
            transient=True,
            disable=not sys.stderr.isatty(),
        ) as progress,
    ):
        try:
            options = CheckOptions(
                find_all=find_all,
                examples=examples,
                seed=seed,
                timeout_seconds=timeout,
                smt2_dir=smt2_dir,
                spread=spread,
            )
            ahead: dict[str, Any] = {}
            if executor is not None:
                # A claim checked whole is one task, started now, beside the split ones.
                for claim in claims:
                    if whole_claim(claim, method):
                        ahead[claim.name] = executor.submit_claim(claim, method, options)
            for claim in claims:
                task = progress.add_task(claim.name + where, total=None)

                def advance(done: int, total: int, task_id: TaskID = task) -> None:
                    progress.update(task_id, completed=done, total=total)

                if claim.name in ahead:
                    results.append(ahead.pop(claim.name).result())
                else:
                    claim_options = dataclasses.replace(options, progress=advance)
                    results.append(check_claim(claim, method, claim_options))
                progress.remove_task(task)
        except KeyboardInterrupt:
            interrupted = True
        except UserFunctionError as error:
            raise click.UsageError(f"claim {claim.name!r}: {error}") from None
        except ReplayDisagreement as error:
            errors.print(f"mesaform check: internal error, please report: {error}", highlight=False)
            sys.exit(EXIT_REPLAY_BUG)
    print_results(console, results)
    if json_path is not None:
        write_report(json_path, report(results, interrupted))
        console.print(f"report written to {json_path}")
    if plot_path is not None and results:
        from model.alignment_plot import draw_alignment

        with bad_output_path(plot_path, "--plot"):
            covered = draw_alignment(results[0].claim, plot_path)
        console.print(f"plot of {covered} machines in dom(U_m) written to {plot_path}")
    if interrupted:
        errors.print(f"interrupted: {len(results)} of {len(claims)} claims checked")
        sys.exit(EXIT_INTERRUPTED)
    sys.exit(0 if all(r.matches_expectation for r in results) else EXIT_MISMATCH)
