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
from contextlib import contextmanager, suppress
from importlib import resources
from pathlib import Path
from types import FrameType
from typing import Any

import click
from click.core import ParameterSource
from hypothesis.errors import Flaky
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table as RichTable
from rich.text import Text

from mesaform import __version__
from mesaform.claim_files import ClaimFileError, UserFunctionError, load_claims, parse_claims
from mesaform.cli import one_line
from mesaform.cli.heartbeat import Heartbeat
from mesaform.cli.params import (
    SECONDS,
    bad_output_path,
    check_distinct,
    check_figure,
    output_directory,
)
from mesaform.cli.reports import Console, ReportFile, literal, printing
from mesaform.exits import (
    EXIT_BAD_INPUT,
    EXIT_MISMATCH,
    EXIT_REPLAY_BUG,
    interrupt_exit_code,
    interrupt_in_argument,
    interrupt_name,
)
from mesaform.model import engine
from mesaform.model.description import render
from mesaform.model.files import OutputError
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
from mesaform.proofs.checking.cluster import LOST, ClusterLost, lost
from mesaform.proofs.checking.outcome import MethodInterrupted, ReplayDisagreement
from mesaform.proofs.checking.report import report
from mesaform.proofs.methods.ranges import check_ranges_support
from mesaform.proofs.methods.registry import method_named
from mesaform.spec.claims import Claim, LibraryObjective, MesaProgram
from mesaform.spec.objectives import PartialObjective, rational
from mesaform.spec.verdicts import NotRefuted, Proved, Refuted, Unknown, Verdict
from mesaform.spec.words import count_text, plural


def bundled_claims() -> list[Claim]:
    """Return the bundled suite shipped inside the package."""
    text = resources.files("mesaform.claims").joinpath("default.toml").read_text(encoding="utf-8")
    return parse_claims(text, "bundled suite (mesaform/claims/default.toml)")


def compiled_path_applies(claim: Claim) -> bool:
    """Return whether enumeration may run ``claim`` in compiled code (library U, Mesa program)."""
    return isinstance(claim.base, LibraryObjective) and isinstance(claim.mesa, MesaProgram)


def vacuity(verdict: Verdict) -> str:
    """Return how far ``dom(U_m)`` reaches, in words, where a verdict holds short of its bound.

    A proof: "holds vacuously beyond |t| = L: U_m is undefined there" when ``dom(U_m)``
    ends before the bound, "U_m is undefined on every string checked" when it is empty;
    a sample: how long its machines in ``dom(U_m)`` were. ``""`` otherwise.
    """
    longest = verdict.dom_longest
    if not isinstance(verdict, Proved | NotRefuted):
        return ""
    if longest is None:
        return "U_m is undefined on every string checked"
    if not isinstance(longest, int):
        return ""
    if verdict.bound.every_length or longest < verdict.bound.max_length:
        if isinstance(verdict, NotRefuted):
            return f"no sampled machine in dom(U_m) is longer than |t| = {longest}"
        return f"holds vacuously beyond |t| = {longest}: U_m is undefined there"
    return ""


def runs_text(verdict: Proved | Refuted) -> str:
    """Return the evaluator runs a method simulated, in words, when fewer than the strings
    it covered (memoized exploration runs a shared subtree once)."""
    runs = verdict.evaluator_runs
    if runs is None or runs >= verdict.checked:
        return ""
    return f" covered by {plural(runs, 'evaluator run')}"


def describe_verdict(result: CheckResult) -> str:
    """Return the verdict in words, with what it carries."""
    words = _describe_verdict(result)
    said = vacuity(result.verdict)
    return f"{words}; {said}" if said else words


def _describe_verdict(result: CheckResult) -> str:
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
            literal(result.claim.name),
            verdict.verdict + mark,
            result.claim.expect or "proved",
            verdict.method,
            verdict.bound.describe(),
            count_text(checked),
            f"{result.seconds:.2f}",
        )
    console.print(table)
    for result in results:
        console.print(
            Text.assemble(
                (literal(result.claim.name), "bold"), f": {literal(describe_verdict(result))}"
            )
        )
        if result.choice:
            console.print(f"  {result.choice}", highlight=False)
        verdict = result.verdict
        if isinstance(verdict, Refuted):
            example = verdict.counterexample
            runs = example.mesa_runs or (None,) * len(example.machines)
            for t, u, u_m, mesa_run in zip(
                example.machines, example.base_values, example.mesa_values, runs, strict=True
            ):
                console.print(
                    f"  t = {str(t) or 'ε'}: U(t) = {rational(u)}, U_m(t) = {rational(u_m)}",
                    highlight=False,
                )
                if mesa_run is not None:
                    console.print(
                        f"    the mesa-optimizer's evaluator on t: {mesa_run.describe()}",
                        highlight=False,
                    )
                elif isinstance(result.claim.mesa, PartialObjective):
                    name = result.claim.mesa.name
                    console.print(f"    U_m is the function {name}", highlight=False)
                console.print("    t decodes to:", highlight=False)
                console.print(render(t, indent="      "), highlight=False)
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
def keep_work(checkpoint: Checkpoint | None, executor: Any, outputs: ReportFile) -> Iterator[None]:
    """Write the checkpoint and close the cluster on every exit, interrupts included.

    SIGTERM (a scheduler's stop) interrupts like Ctrl-C while a checkpoint is kept,
    unless a handler is already installed. A checkpoint that cannot be written (a full
    disk) is recorded in ``outputs``; the one on disk stays as it was last saved.
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
        except OutputError as error:
            outputs.failed(error)
        finally:
            if catch:
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
            if executor is not None:
                with suppress(Exception):  # a cluster that went away closes with an error
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
    help="Draw U against U_m over the checked part of dom(U_m) for one claim: PNG, PDF or "
    "SVG by the file's extension.",
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

    A claim side written ``module:function`` is imported from the claim file's folder
    first, then with the current directory on the import path, as ``python -m`` would.
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
    outputs = ReportFile.checked(json_path, "--json", inputs=files)
    check_figure(plot_path, "--plot", inputs=files)
    check_distinct({"--json": json_path, "--plot": plot_path, "--checkpoint": checkpoint_path})
    if smt2_dir is not None:
        output_directory(smt2_dir, "--smt2")
    to_stdout = outputs.to_stdout
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
        if checkpoint_path.exists() and not checkpoint_path.is_file():
            raise click.BadParameter(
                f"{str(checkpoint_path)!r} is not a regular file (a FIFO, a device or a folder); "
                "a checkpoint is a file that is read, then replaced",
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
    console = Console(width=max(120, Console().width), stderr=to_stdout, soft_wrap=True)
    errors = Console(stderr=True, soft_wrap=True)
    executor = None
    if cluster_address is not None:
        from mesaform.proofs.checking.cluster import ClusterUnavailable, connect

        where = f"cluster {cluster_address}"
        try:
            # Silent until connect's first stage: a refused address stays one line.
            with Heartbeat(f"{where}: starting", say_now=False) as beat:
                executor = connect(cluster_address, lambda stage: beat.update(f"{where}: {stage}"))
        except ClusterUnavailable as error:
            raise click.BadParameter(str(error), param_hint="'--cluster'") from None
        errors.print(
            f"{where}: {plural(executor.threads(), 'worker')} ready after {beat.elapsed():.1f} s",
            highlight=False,
        )
    spread = None
    if checkpoint is not None or executor is not None:
        spread = Spread(executor=executor, lengths=executor, checkpoint=checkpoint)
    results: list[CheckResult] = []
    replay_failures: list[str] = []
    stopped: str | None = None
    bad_input: str | None = None
    stop_code = EXIT_BAD_INPUT
    workers = "" if executor is None else f" ({executor.threads()} workers)"
    with (
        keep_work(checkpoint, executor, outputs),
        Progress(
            TextColumn("{task.description}", markup=False),
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
                task = progress.add_task(literal(claim.name) + workers, total=None)

                def advance(done: int, total: int, task_id: TaskID = task) -> None:
                    progress.update(task_id, completed=done, total=total)

                started = time.perf_counter()
                try:
                    with beating(executor is not None, f"checking {claim.name!r} on the cluster"):
                        if claim.name in ahead:
                            results.append(task_result(ahead.pop(claim.name)))
                        else:
                            claim_options = dataclasses.replace(options, progress=advance)
                            results.append(check_claim(claim, method, claim_options))
                except ReplayDisagreement as error:
                    # A bug in the method, not a verdict: say so, keep checking the others.
                    replay_failures.append(claim.name)
                    reason = f"internal error, please report: {error}"
                    if error.method is not None:  # the method whose counterexample it was
                        verdict = Unknown(claim.bound, error.method, reason)
                    else:
                        used = choose_method(claim) if method == "auto" else method
                        verdict = Unknown(claim.bound, verdict_method(method_named(used)), reason)
                    results.append(CheckResult(claim, verdict, time.perf_counter() - started))
                progress.remove_task(task)
        except KeyboardInterrupt as interrupt:
            stop_code = interrupt_exit_code()
            where = f" {interrupt.progress}" if isinstance(interrupt, MethodInterrupted) else ""
            stopped = f"{interrupt_name()} {doing(current)}{where}"
        except UserFunctionError as error:
            bad_input = f"claim {current.name if current else ''!r}: {error}"
            stopped = f"stopped by bad input: {bad_input}"
        except Flaky as error:
            if current is None or not user_sides(current):
                save_report(outputs, results, f"internal error {doing(current)}")
                raise
            # Hypothesis replays a failing example; a user function that then answers
            # otherwise is not a function of t: bad input, named.
            bad_input = (
                f"claim {current.name!r}: {' and '.join(user_sides(current))} answered "
                "differently on the same input when Hypothesis replayed it; a claim side must "
                f"be a function of t ({type(error).__name__})"
            )
            stopped = f"stopped by bad input: {bad_input}"
        except ClusterLost as error:
            # The scheduler went away: keep what was finished, say so in one line (exit 2).
            outputs.lost.append(str(error))
            stopped = f"stopped {doing(current)}: {error}"
            stop_code = EXIT_BAD_INPUT
        except OutputError as error:
            # An SMT-LIB2 file or the checkpoint cannot be written (a full disk): stop,
            # keep what was finished, and say so at the end (exit 2).
            outputs.failed(error)
            stopped = f"stopped {doing(current)}: {' '.join(str(error).split())}"
            stop_code = EXIT_BAD_INPUT
        except Exception as error:
            from mesaform.proofs.checking.cluster import cluster_failure

            if interrupt_in_argument(error):  # Ctrl-C while Z3's arguments were converted
                stopped = f"{interrupt_name()} {doing(current)}"
                stop_code = interrupt_exit_code()
            elif executor is not None and cluster_failure(error):
                # The cluster failed: keep what was finished, say so in one line (exit 2).
                failure = one_line(f"{type(error).__name__}: {error}")
                stopped = f"the cluster failed {doing(current)}: {failure}"
                stop_code = EXIT_BAD_INPUT
            else:
                # An internal error: keep what was finished, then let the caller report it.
                save_report(outputs, results, f"internal error {doing(current)}")
                raise error
    # The report is written before anything is printed: printing cannot lose it.
    if save_report(outputs, results, stopped) and json_path is not None and not to_stdout:
        errors.print(f"report written to {json_path}", highlight=False)
    with printing():
        print_results(console, results)
    if bad_input is not None:
        for line in outputs.lost:
            errors.print(f"mesaform: error: {line}", highlight=False)
        raise click.UsageError(bad_input)
    if plot_path is not None and results and stopped is None:
        from mesaform.model.alignment_plot import draw_alignment

        with bad_output_path(plot_path, "--plot"):
            plotted = results[0].claim
            if plotted.bound.every_length:  # the bound the small-model theorem checked
                from mesaform.proofs.checking.small_model import bounded_claim

                plotted = bounded_claim(plotted)
            plot = draw_alignment(plotted, plot_path)
        with printing():
            console.print(
                f"plot of {plural(plot.in_domain, 'machine')} in dom(U_m) with |t| <= "
                f"{plot.max_length} ({plural(plot.counterexamples, 'counterexample')} in red) "
                f"written to {plot_path}"
            )
    if stopped is not None:
        errors.print(
            f"{stopped}: {len(results)} of {plural(len(claims), 'claim')} checked", highlight=False
        )
        outputs.end(stop_code)
    if replay_failures:
        errors.print(
            "internal error, please report: the counterexample of "
            + ", ".join(repr(name) for name in replay_failures)
            + " did not replay (see the verdicts above)",
            highlight=False,
        )
        outputs.end(EXIT_REPLAY_BUG)
    outputs.end(0 if all(r.matches_expectation for r in results) else EXIT_MISMATCH)


def task_result(future: Any) -> CheckResult:
    """Return a claim's result computed on the cluster; a lost cluster is ``ClusterLost``."""
    try:
        result = future.result()
    except LOST as error:
        raise lost(error) from None
    assert isinstance(result, CheckResult)
    return result


def user_sides(claim: Claim) -> list[str]:
    """Return the claim's sides that are user functions (``module:function``)."""
    sides = []
    if not isinstance(claim.base, LibraryObjective):
        sides.append(claim.base.name)
    if not isinstance(claim.mesa, MesaProgram):
        sides.append(claim.mesa.name)
    return sides


@contextmanager
def beating(on: bool, what: str) -> Iterator[None]:
    """Say ``what`` every few seconds while the block runs, when ``on`` and standard error
    is not a terminal (there, the progress bar shows it)."""
    if not on or sys.stderr.isatty():
        yield
        return
    with Heartbeat(what):
        yield


def doing(claim: Claim | None) -> str:
    """Return what the check was doing: checking a claim, or starting."""
    return "while starting" if claim is None else f"while checking {claim.name!r}"


def save_report(outputs: ReportFile, results: list[CheckResult], stopped: str | None) -> bool:
    """Write the report of ``results`` (if asked for), marked as stopped if it was;
    return whether it was written."""
    if outputs.path is None:
        return False
    return outputs.write(report(results, interrupted=stopped is not None, stopped=stopped))


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
