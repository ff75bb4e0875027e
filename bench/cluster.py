"""Benchmark of large checks: the cost of a range, in-process and on a local Dask cluster.

Measures, in one run on this machine, on ``code_ones_claim(n)`` (it holds, so every
string is checked):

- the rate of one core: strings per CPU second of plain enumeration with one thread and
  memoization off (``memoize=False``: every string is run; memoized exploration would
  prove this claim in milliseconds and its "rate" would measure nothing), in CPU time so
  that other jobs on a shared machine do not lower it (the wall-clock rate beside it);
- the overhead per range: enumeration in ranges of a few strings each (the work
  is negligible, so the time per range is the cost of a range), in this process and
  on ``local:2`` (two worker processes of one thread);
- large ranges on ``local:2`` against one in-process thread (the speed-up of two
  processes, at most 2);
- on paper, the ``n`` an hour of 100 machines of 32 cores reaches at the measured
  rate per core (docs/large-checks.md).

Main definitions: :data:`TITLE`, :func:`run`.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable

from mesaform.proofs.checking.code_ones import code_ones_claim
from mesaform.proofs.methods.enumeration import enumerate_claim
from mesaform.proofs.methods.ranges import blocks, enumerate_in_ranges
from mesaform.spec.verdicts import Proved

TITLE = "large checks: overhead per range, in-process and on local:2; n in an hour on 3200 cores"

CORES = 100 * 32
"""The cluster of the estimate: 100 machines of 32 cores."""


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    outcome = action()
    assert isinstance(outcome, Proved), outcome
    return time.perf_counter() - start


def reachable_n(rate_per_core: float, cores: int = CORES, seconds: float = 3600.0) -> int:
    """Return the largest ``n`` whose ``2^(n+1) - 1`` strings fit in ``seconds`` on ``cores``."""
    strings = rate_per_core * cores * seconds
    return math.floor(math.log2(strings + 1)) - 1


def run(seconds: float) -> None:
    """Measure and print the figures (``seconds`` is unused: the sizes are fixed)."""
    from mesaform.proofs.checking.cluster import connect

    rate_claim = code_ones_claim(24)
    cpu = time.process_time()
    plain = _timed(lambda: enumerate_claim(rate_claim, workers=1, memoize=False))
    cpu = time.process_time() - cpu
    rate = rate_claim.bound.size() / cpu
    print(
        f"  one core, plain enumeration of |t| <= 24 (memoization off: every string run): "
        f"{rate:,.0f} strings per CPU second "
        f"({cpu:.2f} s of CPU; {rate_claim.bound.size() / plain:,.0f} strings/s of wall time, "
        f"{plain:.2f} s, on this shared machine)"
    )
    small = code_ones_claim(14)
    tiny = 1 << 4
    tiny_ranges = len(list(blocks(small.bound, 0, small.bound.size(), tiny)))
    big = code_ones_claim(24)
    large = 1 << 20
    large_ranges = len(list(blocks(big.bound, 0, big.bound.size(), large)))
    in_process_tiny = _timed(lambda: enumerate_in_ranges(small, workers=1, size=tiny))
    in_process_large = _timed(lambda: enumerate_in_ranges(big, workers=1, size=large))
    start = time.perf_counter()
    cluster = connect("local:2")
    started = time.perf_counter() - start
    try:
        enumerate_in_ranges(small, executor=cluster, size=1 << 10)  # every worker warm
        cluster_tiny = _timed(lambda: enumerate_in_ranges(small, executor=cluster, size=tiny))
        cluster_large = _timed(lambda: enumerate_in_ranges(big, executor=cluster, size=large))
    finally:
        cluster.close()
    per_in = 1000 * in_process_tiny / tiny_ranges
    per_cluster = 1000 * cluster_tiny / tiny_ranges
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"  load average during the run: {load} (on {os.cpu_count()} cores)")
    print(f"  local:2 started (kernels loaded in both workers) in {started:.1f} s")
    print(
        f"  {tiny_ranges:,} ranges of <= {tiny} strings (|t| <= 14): in-process "
        f"{per_in:.2f} ms/range, local:2 {per_cluster:.2f} ms/range "
        f"(ratio {per_cluster / per_in:.1f})"
    )
    print(
        f"  {large_ranges:,} ranges of <= {large:,} strings (|t| <= 24): in-process, one thread "
        f"{in_process_large:.2f} s, local:2 {cluster_large:.2f} s "
        f"(speed-up {in_process_large / cluster_large:.2f} of at most 2)"
    )
    n = reachable_n(rate)
    print(
        f"  on paper: {CORES} cores at {rate:,.0f} strings/s each (the CPU-time rate) check "
        f"{rate * CORES * 3600:.3g} strings in an hour: every |t| <= {n}"
    )
