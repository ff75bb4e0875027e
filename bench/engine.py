"""Benchmark of the fast engine: steps per second, and the largest enumerated code_ones claim.

Measures, in one run on this machine: the compiled engine's steps per second
against the reference interpreter's (``mesaform.spec.interpreter.run``), on one long run
(the 5-state busy-beaver champion) and on the many short runs of an enumeration
(the ``code_ones`` evaluator on every string); ``mesaform run`` on the champion to its
halt as a separate process, start-up included, with a warm kernel cache (target: at
most 1 s), against the reference interpreter's time for the same run at the rate
measured here; then the largest ``n`` for which ``code_ones_claim(n)`` (fuel ``2n+1``)
is proved by ``enumerate_claim`` within the time limit, increasing ``n`` until a run
exceeds it.

Main definitions: :data:`TITLE`, :func:`command_seconds`, :func:`run`.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from mesaform.model import engine
from mesaform.model.standard_format import parse_machine
from mesaform.proofs.checking.code_ones import code_ones_claim
from mesaform.proofs.checking.outcome import MethodInterrupted
from mesaform.proofs.methods.enumeration import enumerate_claim
from mesaform.spec.catalogue import CODE_ONES_EVALUATOR
from mesaform.spec.interpreter import run as reference_run
from mesaform.spec.machines import machines_up_to
from mesaform.spec.programs import Table, decode
from mesaform.spec.results import Halted
from mesaform.spec.verdicts import Proved, Unknown

TITLE = "fast engine: steps per second against the reference, largest code_ones n"

CHAMPION = "1RB1LC_1RC1RB_1RD0LE_1LA1LD_1RZ0LA"
"""The 5-state busy-beaver champion: halts after 47,176,870 steps with 4,098 ones."""

WORKERS = 2

CHAMPION_STEPS = 47_176_870
CHAMPION_TARGET_SECONDS = 1.0
"""``mesaform run`` on the champion to its halt, start-up included, warm cache."""


def command_seconds(*arguments: str) -> tuple[float, float]:
    """Run ``python -m mesaform ARGUMENTS`` as a new process; return (wall, CPU) seconds.

    CPU is the child's user and system time, start-up included; it is the figure to
    trust on a loaded machine (the wall time then includes waiting for a core).
    """
    root = str(Path(__file__).resolve().parent.parent)
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")]),
    }
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mesaform", *arguments],
        check=True,
        cwd=root,
        env=environment,
        stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _rate(steps: int, seconds: float) -> str:
    return f"{steps / seconds:,.0f} steps/s ({steps:,} steps in {seconds:.2f} s)"


def long_run() -> tuple[float, float]:
    """Return (reference, fast) steps per second on the 5-state champion."""
    code = parse_machine(CHAMPION)
    fuel = 2_000_000
    start = time.perf_counter()
    reference_run(code, "", fuel)  # out of fuel: exactly `fuel` steps
    reference_seconds = time.perf_counter() - start
    start = time.perf_counter()
    result = engine.run_fast(code, "", 50_000_000)
    fast_seconds = time.perf_counter() - start
    assert isinstance(result, Halted) and result.steps == CHAMPION_STEPS
    print(f"  reference, 5-state champion, first {fuel:,} steps: {_rate(fuel, reference_seconds)}")
    print(f"  fast,      5-state champion to its halt:  {_rate(result.steps, fast_seconds)}")
    return fuel / reference_seconds, result.steps / fast_seconds


def short_runs() -> tuple[float, float]:
    """Return (reference, fast) steps per second running the code_ones evaluator on every t."""
    evaluator = CODE_ONES_EVALUATOR
    reference_length = 12
    start = time.perf_counter()
    reference_steps = 0
    for t in machines_up_to(reference_length):
        result = reference_run(evaluator, t, 2 * reference_length + 1)
        assert isinstance(result, Halted)
        reference_steps += result.steps
    reference_seconds = time.perf_counter() - start
    kernels = engine.kernels()
    fast_length = 22
    table = decode(evaluator)
    assert isinstance(table, Table)
    delta = engine.table_delta(table)
    size = 1 << fast_length
    arrays = (
        np.zeros(size, np.uint8),
        np.zeros(size, np.int64),
        np.zeros(size, np.int64),
        np.ones(size, np.int64),
    )
    threads = engine.use_threads(WORKERS)
    fast_steps = 0
    start = time.perf_counter()
    for length in range(fast_length + 1):
        kernels.evaluate_range(
            length,
            0,
            1 << length,
            kernels.MESA_TABLE,
            delta,
            2,
            2 * fast_length + 1,
            kernels.BASE_CODE_ONES,
            0,
            256,
            min(8 * threads, 1 << length),
            False,  # one run per string: the plain kernel, no prefix sharing
            *arrays,
        )
        fast_steps += (2 * length + 1) << length
    fast_seconds = time.perf_counter() - start
    print(
        f"  reference, evaluator on every |t| <= {reference_length}: "
        f"{_rate(reference_steps, reference_seconds)}"
    )
    print(
        f"  fast,      evaluator on every |t| <= {fast_length} ({threads} threads, "
        f"plain simulation): {_rate(fast_steps, fast_seconds)}"
    )
    return reference_steps / reference_seconds, fast_steps / fast_seconds


class _OverTime(KeyboardInterrupt):
    """Raised by the progress callback to stop a run that is over the time limit."""


def largest_code_ones_n(seconds: float) -> int | None:
    """Increase ``n`` until proving ``code_ones_claim(n)`` takes over ``seconds``.

    A run over the limit is stopped there (enumeration then raises
    :class:`~mesaform.proofs.checking.outcome.MethodInterrupted`, saying how far it got).
    """
    best: int | None = None
    n = 12
    while True:
        claim = code_ones_claim(n)
        start = time.perf_counter()

        def stop_when_over(done: int, total: int, start: float = start) -> None:
            if time.perf_counter() - start > seconds:
                raise _OverTime

        try:
            outcome = enumerate_claim(
                claim, workers=WORKERS, progress=stop_when_over, memoize=False
            )
        except MethodInterrupted as stopped:
            if not isinstance(stopped.cause, _OverTime):
                raise
            elapsed = time.perf_counter() - start
            print(f"  n = {n:2d}: over {seconds:g} s, stopped {stopped.progress} ({elapsed:.2f} s)")
            return best
        elapsed = time.perf_counter() - start
        if isinstance(outcome, Proved) and elapsed <= seconds:
            print(f"  n = {n:2d}: proved, {outcome.checked:,} strings, {elapsed:.2f} s", flush=True)
            best = n
            n += 1
            continue
        assert isinstance(outcome, Proved | Unknown), outcome
        print(
            f"  n = {n:2d}: over {seconds:g} s ({outcome.checked:,} of "
            f"{2 ** (n + 1) - 1:,} strings, {elapsed:.2f} s)",
            flush=True,
        )
        return best


def _met(met: bool) -> str:
    return "met" if met else "MISSED"


def command_line_run(reference_rate: float) -> None:
    """Time ``mesaform run`` on the champion to its halt, start-up included, warm cache."""
    arguments = ("run", "--fuel", str(CHAMPION_STEPS), CHAMPION)
    command_seconds(*arguments)  # fills the kernel cache if it is cold
    startup_wall, startup_cpu = command_seconds("run", "--fuel", "1", CHAMPION)
    wall, cpu = min((command_seconds(*arguments) for _ in range(3)), key=lambda pair: pair[1])
    reference = CHAMPION_STEPS / reference_rate
    print(
        f"mesaform run on the 5-state champion to its halt (a new process, warm cache, best of 3; "
        f"load average {os.getloadavg()[0]:.1f}):"
    )
    print(
        f"  start-up alone (--fuel 1, loads the kernel): {startup_wall:.2f} s wall, "
        f"{startup_cpu:.2f} s CPU"
    )
    print(
        f"  whole run: {wall:.2f} s wall, {cpu:.2f} s CPU "
        f"(target {CHAMPION_TARGET_SECONDS:g} s: {_met(cpu <= CHAMPION_TARGET_SECONDS)} in CPU)"
    )
    print(
        f"  ratio reference interpreter (estimated at its rate above, {reference:.1f} s) / CPU: "
        f"{reference / cpu:,.0f}x"
    )


def run(seconds: float) -> None:
    """Print the engine's figures, measured now on this machine."""
    start = time.perf_counter()
    engine.warm_up()
    print(f"  compile or load the kernels: {time.perf_counter() - start:.2f} s")
    print("steps per second (same run, same machine):")
    reference_long, fast_long = long_run()
    reference_short, fast_short = short_runs()
    print(f"  ratio fast / reference, long run:   {fast_long / reference_long:,.0f}x")
    print(f"  ratio fast / reference, short runs: {fast_short / reference_short:,.0f}x")
    command_line_run(reference_long)
    print(f"code_ones_claim(n), fuel 2n+1, enumerate_claim with {WORKERS} workers:")
    best = largest_code_ones_n(seconds)
    print(f"  largest n proved within {seconds:g} s: {best}")
