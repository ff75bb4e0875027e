"""``mesaform check``: check alignment claims and report verdicts you can trust.

Exit codes (:mod:`mesaform.exits`): 0 when every verdict matches its expectation
(without one: proved); 1 when one does not; 2 for bad input; 3 when a method's
counterexample does not replay (a bug in that method, reported as such; every other
claim is still checked and reported); 130 when interrupted (143 on SIGTERM): the
report of the claims finished so far is still written, marked ``interrupted``. The
report is written before the verdicts are printed.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from types import FrameType
from typing import Any

import click
from click.core import ParameterSource
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
from mesaform.cli.params import (
    SECONDS,
    STDOUT,
    bad_output_path,
    check_output,
    output_directory,
    write_report,
)
from mesaform.exits import EXIT_MISMATCH, EXIT_REPLAY_BUG, interrupt_exit_code, interrupt_name
from mesaform.model import engine
from mesaform.model.description import render
from mesaform.proofs.checking.attempt import verdict_method
from mesaform.proofs.checking.check import (
    CHECK_METHODS,
    CheckMethod,
    CheckOptions,
    CheckResult,
    Spread,
    check_claim,
    choose_method,
    whole_claim,
)
from mesaform.proofs.checking.checkpoint import Checkpoint, CheckpointError
from mesaform.proofs.checking.outcome import MethodInterrupted, ReplayDisagreement
from mesaform.proofs.checking.report import report
from mesaform.proofs.methods.ranges import check_ranges_support
from mesaform.proofs.methods.registry import method_named
from mesaform.spec.claims import Claim, LibraryObjective, MesaProgram
from mesaform.spec.objectives import rational
from mesaform.spec.verdicts import NotRefuted, Proved, Refuted, Unknown
from mesaform.spec.words import plural


def bundled_claims() -> list[Claim]:
    """Return the bundled suite shipped inside the package."""
    text = resources.files("mesaform.claims").joinpath("default.toml").read_text(encoding="utf-8")
    return parse_claims(text, "bundled suite (mesaform/claims/default.toml)")


def compiled_path_applies(claim: Claim) -> bool:
    """Return whether enumeration may run ``claim`` in compiled code (library U, Mesa program)."""
    return isinstance(claim.base, LibraryObjective) and isinstance(claim.mesa, MesaProgram)


def runs_text(verdict: Proved | Refuted) -> str:
    """Return the evaluator runs a method simulated, in words, when fewer than the strings
    it covered (memoized exploration runs a shared subtree once)."""
    runs = verdict.evaluator_runs
    if runs is None or runs >= verdict.checked:
        return ""
    return f" covered by {plural(runs, 'evaluator run')}"


def describe_verdict(result: CheckResult) -> str:
    """Return the verdict in words, with what it carries."""
    verdict = result.verdict
    bound = verdict.bound.describe()
    if isinstance(verdict, Proved) and verdict.bound.every_length:
        return f"proved for every t {verdict.detail} ({verdict.method}: {verdict.checked} strings)"
    if isinstance(verdict, Proved):
        details = [verdict.detail] if verdict.detail else []
        if verdict.in_domain is not None:
            domain = f"U_m defined on {verdict.in_domain} of {plural(verdict.checked, 'string')}"
            if domain not in verdict.detail:  # enumeration's detail already says it
                details.append(domain)
        detail = "".join(f"; {part}" for part in details)
        strings = plural(verdict.checked, "string") + runs_text(verdict)
        return f"proved by {verdict.method} for every t with {bound}: {strings}{detail}"
    if isinstance(verdict, Refuted):
        strings = plural(verdict.checked, "string") + runs_text(verdict)
        seed = f", seed {verdict.seed}" if verdict.seed is not None else ""
        return f"refuted by {verdict.method} within {bound} after {strings}{seed}"
    if isinstance(verdict, NotRefuted):
        return (
            f"not refuted by {verdict.method} within {bound}: "
            f"{plural(verdict.examples, 'example')}, seed {verdict.seed}"
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
        if result.choice:
            console.print(f"  {result.choice}", highlight=False)
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
                    f"  {plural(len(result.more_counterexamples), 'more counterexample')}, "
                    f"all replayed: {shown}{tail}",
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
    help=(
        "auto: by each method's estimate (exploration's from a probe), memoized exploration "
        "or enumeration, then an SMT solver (Bitwuzla or Z3), Hypothesis where none applies; "
        "each gets a share of the time limit, and it says why."
    ),
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the machine-readable report here (atomically; '-' for standard output).",
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
    help="Seconds for the whole claim before 'unknown': the solvers always (default 120); "
    "when given, every method (enumeration and Hypothesis too).",
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
    claims = load_all(files)
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
    if find_all and method not in ("auto", "enumerate"):
        raise click.BadParameter(
            f"--all collects every counterexample by enumeration; --method {method} stops at "
            "the first. Use --method enumerate or auto",
            param_hint="'--all'",
        )
    if method == "verified":
        from mesaform.proofs.methods.verified import NOT_BUILT, checker_path

        if checker_path() is None:
            raise click.BadParameter(NOT_BUILT, param_hint="'--method'")
    if find_all and method == "auto":
        for claim in claims:
            chosen = choose_method(claim, CheckOptions(find_all=True))
            if chosen != "enumerate":
                raise click.BadParameter(
                    f"--method auto checks claim {claim.name!r} with {chosen}, which stops at "
                    "the first counterexample; give --method enumerate to collect them all, "
                    "or select other claims with --claim",
                    param_hint="'--all'",
                )
    check_output(json_path, "--json", inputs=files, stdout_ok=True)
    check_output(plot_path, "--plot", inputs=files)
    if smt2_dir is not None:
        output_directory(smt2_dir, "--smt2")
    to_stdout = json_path == STDOUT
    source = click.get_current_context().get_parameter_source("timeout")
    timeout_given = source is not ParameterSource.DEFAULT
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
    # soft_wrap: a verdict is one line however long (for grep); only the table is fitted.
    console = Console(
        width=max(120, Console().width), highlight=False, stderr=to_stdout, soft_wrap=True
    )
    errors = Console(stderr=True, soft_wrap=True)
    executor = None
    if cluster_address is not None:
        from mesaform.proofs.checking.cluster import ClusterUnavailable, connect

        try:
            with errors.status(f"connecting to the cluster {cluster_address}"):
                executor = connect(cluster_address)
        except ClusterUnavailable as error:
            raise click.BadParameter(str(error), param_hint="'--cluster'") from None
    spread = None
    if checkpoint is not None or executor is not None:
        spread = Spread(executor=executor, lengths=executor, checkpoint=checkpoint)
    results: list[CheckResult] = []
    replay_failures: list[str] = []
    stopped: str | None = None
    bad_input: str | None = None
    workers = "" if executor is None else f" ({executor.threads()} workers)"
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
        current: Claim | None = None
        try:
            compiled = any(compiled_path_applies(c) for c in claims)
            if method in ("auto", "enumerate") and compiled and cluster_address is None:
                # The first run after installing compiles the engine's kernels (tens of
                # seconds); later runs load them from numba's cache.
                with errors.status("loading the compiled enumeration engine"):
                    engine.warm_up()
            options = CheckOptions(
                find_all=find_all,
                examples=examples,
                seed=seed,
                timeout_seconds=timeout,
                smt2_dir=smt2_dir,
                limit_every_method=timeout_given,
                spread=spread,
            )
            ahead: dict[str, Any] = {}
            if executor is not None:
                # A claim checked whole is one task, started now, beside the split ones.
                for claim in claims:
                    if whole_claim(claim, method):
                        ahead[claim.name] = executor.submit_claim(claim, method, options)
            for claim in claims:
                current = claim
                task = progress.add_task(claim.name + workers, total=None)

                def advance(done: int, total: int, task_id: TaskID = task) -> None:
                    progress.update(task_id, completed=done, total=total)

                started = time.perf_counter()
                try:
                    if claim.name in ahead:
                        results.append(ahead.pop(claim.name).result())
                    else:
                        claim_options = dataclasses.replace(options, progress=advance)
                        results.append(check_claim(claim, method, claim_options))
                except ReplayDisagreement as error:
                    # A bug in the method, not a verdict: say so, keep checking the others.
                    replay_failures.append(claim.name)
                    reason = f"internal error, please report: {error}"
                    used = choose_method(claim) if method == "auto" else method
                    verdict = Unknown(claim.bound, verdict_method(method_named(used)), reason)
                    results.append(CheckResult(claim, verdict, time.perf_counter() - started))
                progress.remove_task(task)
        except KeyboardInterrupt as interrupt:
            where = f" {interrupt.progress}" if isinstance(interrupt, MethodInterrupted) else ""
            stopped = f"{interrupt_name()} {doing(current)}{where}"
        except UserFunctionError as error:
            bad_input = f"claim {current.name if current else ''!r}: {error}"
            stopped = f"stopped by bad input: {bad_input}"
        except Exception as error:
            # An internal error: keep what was finished, then let the caller report the crash.
            save_report(json_path, results, f"internal error {doing(current)}")
            raise error
    # The report is written before anything is printed: printing cannot lose it.
    save_report(json_path, results, stopped)
    if json_path is not None and not to_stdout:
        errors.print(f"report written to {json_path}", highlight=False)
    print_results(console, results)
    if bad_input is not None:
        raise click.UsageError(bad_input)
    if plot_path is not None and results and stopped is None:
        from mesaform.model.alignment_plot import draw_alignment

        with bad_output_path(plot_path, "--plot"):
            plot = draw_alignment(results[0].claim, plot_path)
        console.print(
            f"plot of {plural(plot.in_domain, 'machine')} in dom(U_m) with |t| <= "
            f"{plot.max_length} ({plural(plot.counterexamples, 'counterexample')} in red) "
            f"written to {plot_path}"
        )
    if stopped is not None:
        errors.print(
            f"{stopped}: {len(results)} of {plural(len(claims), 'claim')} checked", highlight=False
        )
        sys.exit(interrupt_exit_code())
    if replay_failures:
        errors.print(
            "internal error, please report: the counterexample of "
            + ", ".join(repr(name) for name in replay_failures)
            + " did not replay (see the verdicts above)",
            highlight=False,
        )
        sys.exit(EXIT_REPLAY_BUG)
    sys.exit(0 if all(r.matches_expectation for r in results) else EXIT_MISMATCH)


def doing(claim: Claim | None) -> str:
    """Return what the check was doing: checking a claim, or starting."""
    return "while starting" if claim is None else f"while checking {claim.name!r}"


def save_report(path: Path | None, results: list[CheckResult], stopped: str | None) -> None:
    """Write the report of ``results`` to ``path`` (if given), marked as stopped if it was."""
    if path is not None:
        write_report(path, report(results, interrupted=stopped is not None, stopped=stopped))


def load_all(files: tuple[Path, ...]) -> list[Claim]:
    """Load the claims of ``files`` (the bundled suite if none); refuse a file given twice
    and a claim name used in two files."""
    if not files:
        return bundled_claims()
    claims: list[Claim] = []
    where: dict[str, Path] = {}
    seen: list[Path] = []
    for path in files:
        for earlier in seen:
            try:
                same = os.path.samefile(path, earlier)
            except OSError:
                same = path == earlier
            if same:
                raise click.UsageError(f"claim file {str(path)!r} is given twice")
        seen.append(path)
        try:
            loaded = load_claims(path)
        except ClaimFileError as error:
            raise click.UsageError(str(error)) from None
        for claim in loaded:
            if claim.name in where:
                raise click.UsageError(
                    f"claim name {claim.name!r} is used in both {str(where[claim.name])!r} "
                    f"and {str(path)!r}; claim names must be unique"
                )
            where[claim.name] = path
        claims.extend(loaded)
    return claims
