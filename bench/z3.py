"""Benchmark: the time Z3 and Bitwuzla need to prove the bundled ``code_ones`` claim.

"The time Z3 needs to prove the bundled code_ones claim at n = 24, 32, 40, 48
(fuel 2n+1), next to enumeration's time where it can finish. Target: Z3 proves
n >= 44 within 120 s on this machine." Measured in the same run: Z3 with one query
and solver per length (the baseline), Z3 and Bitwuzla asked every length of one
solver holding the query built once (the default), and the ratios to the baseline.

Main definitions: :func:`run` -- print one line per length: each way's verdict and
seconds (CPU time of this process, and wall-clock), and enumeration's seconds where
it fits the budget or its estimate from the measured doubling per bit (marked as an
estimate, never run);
:data:`TITLE` and ``run(seconds)`` are what ``python -m bench`` expects;
:func:`main` runs it with a 600 s budget per claim.

Run with ``python -m bench.z3``; figures are recorded in docs/solvers.md.
"""

from __future__ import annotations

import time

from mesaform.proofs.checking.code_ones import code_ones_claim
from mesaform.proofs.checking.outcome import Found, MethodOutcome
from mesaform.proofs.methods.enumeration import enumerate_claim
from mesaform.proofs.methods.solver_claims import SolverName, check_with_solver
from mesaform.spec.claims import Claim

SOLVER_LENGTHS = (24, 32, 40, 48)
CALIBRATION_LENGTHS = (20, 24)
"""Enumeration is timed here first (after a warm-up) to estimate its time per bit."""


TITLE = (
    "Z3 and Bitwuzla: time to prove the aligned code_ones claim at n = 24, 32, 40, 48 "
    "(fuel 2n+1), one solver across lengths against one per length"
)

WAYS: tuple[tuple[str, SolverName, bool], ...] = (
    ("z3 per length", "z3", False),
    ("z3 one solver", "z3", True),
    ("bitwuzla one solver", "bitwuzla", True),
)
"""The ways measured: the first is the baseline of the ratios."""


def ratio(base_verdict: str, base_cpu: float, cpu: float) -> str:
    """Return ``, xR``: the baseline's CPU time over this one's (none if it is unknown)."""
    if base_verdict == "unknown":
        return ", baseline unknown: no ratio"
    return f", x{base_cpu / max(cpu, 1e-6):.1f}"


def timed_solver(
    claim: Claim, solver: SolverName, incremental: bool, seconds: float
) -> tuple[str, float, float]:
    """Return the verdict, CPU seconds and wall seconds of one solver check of ``claim``."""
    cpu, wall = time.process_time(), time.perf_counter()
    outcome = check_with_solver(claim, solver, timeout_seconds=seconds, incremental=incremental)
    return _verdict(outcome), time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    """Print Z3's time on the aligned ``code_ones`` claim at n = 24..48, and enumeration's."""
    run(600.0)


def _enumerate(n: int) -> tuple[str, float]:
    started = time.perf_counter()
    outcome = enumerate_claim(code_ones_claim(n), memoize=False)
    return _verdict(outcome), time.perf_counter() - started


def _verdict(outcome: MethodOutcome) -> str:
    return "found" if isinstance(outcome, Found) else outcome.verdict


def run(seconds: float) -> None:
    """Print the figures; ``seconds`` is each method's budget for one claim.

    Z3 gets ``seconds`` per claim (then ``unknown``); enumeration is run at a length
    only when its estimate (from the calibration lengths) is within ``seconds``,
    otherwise the estimate is printed and marked as such.
    """
    print("Bundled aligned claim: code_ones vs evaluator 0RZ0RB_0RA1RA, bound (n, 2n+1)")
    _enumerate(8)  # warm-up: compile or load the engine
    low, high = CALIBRATION_LENGTHS
    _, low_seconds = _enumerate(low)
    _, high_seconds = _enumerate(high)
    per_bit = max(1.0, (high_seconds / max(low_seconds, 1e-6)) ** (1 / (high - low)))
    print(f"enumeration calibration: n={low} {low_seconds:.2f} s, n={high} {high_seconds:.2f} s")
    for n in SOLVER_LENGTHS:
        figures = [
            timed_solver(code_ones_claim(n), solver, incremental, seconds)
            for _, solver, incremental in WAYS
        ]
        base_verdict, base_cpu, _ = figures[0]
        solvers = "  ".join(
            f"{name}: {verdict} {cpu:5.2f} s CPU ({wall:5.2f} s wall"
            + (ratio(base_verdict, base_cpu, cpu) if index else "")
            + ")"
            for index, ((name, _, _), (verdict, cpu, wall)) in enumerate(
                zip(WAYS, figures, strict=True)
            )
        )
        estimate = high_seconds * per_bit ** (n - high)
        if estimate <= seconds:
            verdict, enumeration_seconds = _enumerate(n)
            enumeration = f"{verdict} {enumeration_seconds:.2f} s (run)"
        else:
            enumeration = f"not run, estimated {estimate:,.0f} s"
        print(f"n={n:2d}  {solvers}  enumeration: {enumeration}")


if __name__ == "__main__":
    main()
