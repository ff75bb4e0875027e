"""Benchmark: the time Z3 needs to prove the bundled ``code_ones`` claim (issue 4).

"The time Z3 needs to prove the bundled code_ones claim at n = 24, 32, 40, 48
(fuel 2n+1), next to enumeration's time where it can finish. Target: Z3 proves
n >= 44 within 120 s on this machine."

Main definitions: :func:`run` -- print one line per length: Z3's verdict and
seconds, and enumeration's seconds where it was run (``n <= 18``) or its
estimate from the measured doubling per bit (marked as an estimate, never run);
:data:`TITLE` and ``run(seconds)`` are what ``python -m bench`` expects;
:func:`main` runs it with a 600 s budget per claim.

Run with ``python -m bench.z3``; figures are recorded in docs/solvers.md.
"""

from __future__ import annotations

import time

from proofs.enumeration import code_ones_claim, enumerate_claim
from proofs.solver_claims import check_with_solver

SOLVER_LENGTHS = (24, 32, 40, 48)
ENUMERATION_LENGTHS = (16, 18)


TITLE = "Z3: time to prove the aligned code_ones claim at n = 24, 32, 40, 48 (fuel 2n+1)"


def main() -> None:
    """Print Z3's time on the aligned ``code_ones`` claim at n = 24..48, and enumeration's."""
    run(600.0)


def run(seconds: float) -> None:
    """Print the figures; ``seconds`` is Z3's budget for each claim (then ``unknown``)."""
    print("Bundled aligned claim: code_ones vs evaluator 0RZ0RB_0RA1RA, bound (n, 2n+1)")
    enumeration_seconds: dict[int, float] = {}
    for n in ENUMERATION_LENGTHS:
        started = time.perf_counter()
        outcome = enumerate_claim(code_ones_claim(n))
        enumeration_seconds[n] = time.perf_counter() - started
        print(f"enumerate n={n:2d}: {outcome.verdict:8s} {enumeration_seconds[n]:8.2f} s (run)")
    last = ENUMERATION_LENGTHS[-1]
    per_bit = enumeration_seconds[last] / enumeration_seconds[ENUMERATION_LENGTHS[0]]
    per_bit **= 1 / (last - ENUMERATION_LENGTHS[0])
    for n in SOLVER_LENGTHS:
        started = time.perf_counter()
        outcome = check_with_solver(code_ones_claim(n), "z3", timeout_seconds=seconds)
        seconds = time.perf_counter() - started
        estimate = enumeration_seconds[last] * per_bit ** (n - last)
        print(
            f"z3 n={n:2d}: {outcome.verdict:8s} {seconds:8.2f} s   "
            f"enumeration: not run, estimated {estimate:,.0f} s"
        )


if __name__ == "__main__":
    main()
