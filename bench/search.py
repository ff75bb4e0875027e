"""Benchmark of the base optimizer: the tree-normal-form busy-beaver search.

Times :func:`mesaform.model.search.tree_normal_form_search` with U = busyness for 2, 3 and
4 states and prints the maximum found (the published BB(2) = 6, BB(3) = 21,
BB(4) = 107), the machines examined and the machines examined per second, the
compiled search against the Python one (the baseline) in the same run, and
``mesaform search --objective busyness --states 4`` as a new process, start-up
included (target: at most 5 s). Also
times the exhaustive bitstring search (with the compiled engine's ``run_fast``
as the run function too, when ``mesaform.model.engine`` is present) and the
pseudo-alignment experiment. Run it with ``python -m bench.search``
(``--max-states 3`` to skip the four-state search),
or through ``python -m bench`` (``TITLE`` and ``run(seconds)``). Figures are
recorded in docs/search.md.
"""

from __future__ import annotations

import argparse
import importlib
import os
import time
from collections.abc import Sequence

from bench.engine import command_seconds
from mesaform.model.experiments import pseudo_alignment_experiment
from mesaform.model.search import exhaustive_search, tree_normal_form_search
from mesaform.spec.interpreter import run as reference_run
from mesaform.spec.library import RunFunction, library_objective

TITLE = "base optimizer: busy-beaver search (tree normal form) and the experiment"

PUBLISHED_BUSY_BEAVER = {1: 1, 2: 6, 3: 21, 4: 107}
"""The published maximum steps of a halting k-state, 2-symbol machine."""


def bench_tree_normal_form(states: int, fuel: int, *, compiled: bool = True) -> float:
    """Time the busy-beaver search over ``states`` states, print one line, return machines/s.

    ``compiled``: the engine's kernel; otherwise the Python enumeration (the baseline).
    """
    start, cpu_start = time.perf_counter(), time.process_time()
    report = tree_normal_form_search(states, "busyness", fuel, top=1, compiled=compiled)
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    found = report.best[0].value
    published = PUBLISHED_BUSY_BEAVER.get(states)
    agreement = "" if published is None else f" (published {published})"
    print(
        f"BB({states}), fuel {fuel}, {'compiled' if compiled else 'Python'}: "
        f"max steps {found}{agreement}; "
        f"{report.examined} machines ({report.counts['halting']} halting) in {seconds:.2f} s "
        f"({cpu:.2f} s CPU), "
        f"{report.examined / seconds:,.0f} machines/s"
    )
    return report.examined / seconds


def bench_exhaustive(max_length: int, fuel: int) -> None:
    """Time the search over every ``|t| <= max_length`` with each available run function."""
    runs: list[tuple[str, RunFunction]] = [("reference interpreter", reference_run)]
    try:
        engine = importlib.import_module("mesaform.model.engine")
        runs.append(("compiled engine", engine.run_fast))
    except ImportError:
        pass
    for name, run_function in runs:
        objective = library_objective("busyness", fuel, run_function)
        start = time.perf_counter()
        report = exhaustive_search(objective, max_length, top=1, fuel=fuel)
        seconds = time.perf_counter() - start
        print(
            f"every |t| <= {max_length}, busyness fuel {fuel}, {name}: max {report.best[0].value}; "
            f"{report.examined} machines in {seconds:.2f} s, "
            f"{report.examined / seconds:,.0f} machines/s"
        )


def bench_experiment() -> None:
    """Time the pseudo-alignment experiment and print one line."""
    start = time.perf_counter()
    report = pseudo_alignment_experiment()
    seconds = time.perf_counter() - start
    print(
        f"pseudo-alignment experiment: {report.population_size} evaluators in {seconds:.2f} s, "
        f"{report.population_size / seconds:,.0f} evaluators/s"
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmarks; ``--max-states`` bounds the busy-beaver searches."""
    parser = argparse.ArgumentParser(prog="python -m bench.search", description=__doc__)
    parser.add_argument("--max-states", type=int, default=4, help="largest k to search")
    parser.add_argument(
        "--fuel", type=int, default=107, help="steps per machine (BB(4) needs at least 107)"
    )
    arguments = parser.parse_args(argv)
    for states in range(2, arguments.max_states + 1):
        bench_tree_normal_form(states, arguments.fuel)
    bench_exhaustive(16, arguments.fuel)
    bench_experiment()


FOUR_STATE_MACHINES = 3_995_005
"""Tables the four-state search examines at fuel 107 (to estimate its time)."""

FOUR_STATE_TARGET_SECONDS = 5.0
"""``mesaform search --objective busyness --states 4``, start-up included."""


def bench_command_line_four_states() -> None:
    """Time ``mesaform search --objective busyness --states 4`` as a new process (best of 3)."""
    arguments = ("search", "--objective", "busyness", "--states", "4")
    wall, cpu = min((command_seconds(*arguments) for _ in range(3)), key=lambda pair: pair[1])
    verdict = "met" if cpu <= FOUR_STATE_TARGET_SECONDS else "MISSED"
    print(
        f"mesaform search --objective busyness --states 4 (fuel 200, a new process, warm "
        f"cache, best of 3; load average {os.getloadavg()[0]:.1f}): {wall:.2f} s wall, "
        f"{cpu:.2f} s CPU, start-up included (target {FOUR_STATE_TARGET_SECONDS:g} s: "
        f"{verdict} in CPU)"
    )


def run(seconds: float) -> None:
    """Run the benchmarks for ``python -m bench``; skip BB(4) if it would exceed ``seconds``."""
    bench_tree_normal_form(2, 107)  # also loads the compiled kernel
    python_rate = bench_tree_normal_form(3, 107, compiled=False)
    rate = bench_tree_normal_form(3, 107)
    print(f"BB(3): compiled / Python machines per second: x{rate / python_rate:.0f}")
    estimate = FOUR_STATE_MACHINES / rate
    if estimate <= seconds:
        bench_tree_normal_form(4, 107)
        bench_tree_normal_form(4, 200)  # mesaform search --objective busyness --states 4
        bench_command_line_four_states()
    else:
        print(f"BB(4): skipped, estimated {estimate:.0f} s > {seconds:.0f} s")
    bench_exhaustive(16, 107)
    bench_experiment()


if __name__ == "__main__":
    main()
