"""Run mesaform's benchmarks and print their figures: ``python -m bench [NAME ...]``.

Main definitions:

- :data:`BENCHMARKS` -- the benchmark modules, run in this order; a module has a
  ``TITLE`` and ``run(seconds)`` (``seconds`` is the time limit it measures against);
- :func:`main` -- the command line.
"""

from __future__ import annotations

import argparse
import importlib
import platform
import sys
import time

BENCHMARKS: list[str] = [
    "bench.engine",
    "bench.z3",
    "bench.search",
    "bench.reach",
    "bench.crossing",
    "bench.cluster",
    "bench.nesting",
]
"""Benchmark modules, by import name; add a module here to add a benchmark."""


def main(argv: list[str] | None = None) -> int:
    """Run the selected benchmarks (all by default); return the exit code."""
    names = [name.removeprefix("bench.") for name in BENCHMARKS]
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", help=f"benchmarks to run: {', '.join(names)}")
    parser.add_argument(
        "--seconds", type=float, default=60.0, help="the time limit benchmarks measure against"
    )
    arguments = parser.parse_args(argv)
    selected = arguments.names or names
    unknown = [name for name in selected if name not in names]
    if unknown:
        parser.error(f"unknown benchmark {unknown[0]!r}; expected one of {', '.join(names)}")
    print(
        f"mesaform benchmarks on {platform.node()}: {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M:%S %Z')}"
    )
    for name in selected:
        module = importlib.import_module(f"bench.{name}")
        print(f"\n== {module.TITLE} ==", flush=True)
        module.run(arguments.seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
