"""Benchmark of the base optimizer: the tree-normal-form busy-beaver search.

Times :func:`model.search.tree_normal_form_search` with U = busyness for 2, 3 and
4 states and prints the maximum found (the published BB(2) = 6, BB(3) = 21,
BB(4) = 107), the machines examined and the machines examined per second. Also
times the pseudo-alignment experiment. Run it with ``python -m bench.search``
(``--max-states 3`` to skip the four-state search, which takes about a minute).
Figures are recorded in docs/search.md.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence

from model.experiments import pseudo_alignment_experiment
from model.search import tree_normal_form_search

PUBLISHED_BUSY_BEAVER = {1: 1, 2: 6, 3: 21, 4: 107}
"""The published maximum steps of a halting k-state, 2-symbol machine."""


def bench_tree_normal_form(states: int, fuel: int) -> None:
    """Time the busy-beaver search over ``states`` states and print one line."""
    start = time.perf_counter()
    report = tree_normal_form_search(states, "busyness", fuel, top=1)
    seconds = time.perf_counter() - start
    found = report.best[0].value
    published = PUBLISHED_BUSY_BEAVER.get(states)
    agreement = "" if published is None else f" (published {published})"
    print(
        f"BB({states}), fuel {fuel}: max steps {found}{agreement}; "
        f"{report.examined} machines ({report.counts['halting']} halting) in {seconds:.2f} s, "
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
    bench_experiment()


if __name__ == "__main__":
    main()
