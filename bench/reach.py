"""Benchmark: memoized exploration on the KMP evaluator family, far past enumeration.

Measures, in one run: ``mesaform check --method auto`` (:func:`proofs.check.check_claim`)
on the family of :mod:`model.evaluators` (random 24-bit patterns, exact and buggy,
one-way and two-way) at n = 32 and 64, where the buggy claims must be refuted at
their minimal counterexample (length 25) within 30 s and the exact ones proved
within 60 s; the bundled exact evaluator at n = 1,000 (within 10 s); and, as the
baseline measured in the same run, plain compiled enumeration of the same claims at
n = 20, with the ratio of the two.

Main definitions: :data:`TITLE`, :func:`run`.
"""

from __future__ import annotations

import time

from model import engine
from model.evaluators import family, first_counterexample, pattern_claim
from proofs.check import check_claim
from proofs.code_ones import code_ones_claim
from proofs.enumeration import enumerate_claim
from spec.verdicts import Proved, Refuted

TITLE = "reach: memoized exploration of 50- and 100-state evaluators, n = 32, 64, 1000"

SEEDS = range(2)
LENGTHS = (32, 64)
BASELINE_LENGTH = 20


def run(seconds: float) -> None:
    """Print one line per claim: verdict, seconds, target, and the baseline ratio."""
    engine.warm_up()
    for member in family(SEEDS):
        started = time.perf_counter()
        baseline = enumerate_claim(pattern_claim(member, BASELINE_LENGTH), memoize=False)
        baseline_seconds = time.perf_counter() - started
        started = time.perf_counter()
        memoized = enumerate_claim(pattern_claim(member, BASELINE_LENGTH))
        memo_seconds = time.perf_counter() - started
        assert memoized == baseline, (memoized, baseline)
        print(
            f"{member.name[:24]:24s} ({member.table.states:3d} states)  n={BASELINE_LENGTH}: "
            f"enumeration {baseline_seconds:6.2f} s, memoized {memo_seconds:6.3f} s "
            f"(x{baseline_seconds / max(memo_seconds, 1e-6):,.0f})"
        )
        for n in LENGTHS:
            started = time.perf_counter()
            result = check_claim(pattern_claim(member, n))
            elapsed = time.perf_counter() - started
            verdict = result.verdict
            target = 60.0 if not member.buggy else 30.0
            if member.buggy:
                assert isinstance(verdict, Refuted)
                assert verdict.counterexample.machines == (first_counterexample(member),)
            else:
                assert isinstance(verdict, Proved)
            print(
                f"    n={n}: auto {verdict.verdict} in {elapsed:6.2f} s (target <= {target:.0f} s)"
                f"  {result.choice}"
            )
    started = time.perf_counter()
    result = check_claim(code_ones_claim(1000))
    elapsed = time.perf_counter() - started
    assert isinstance(result.verdict, Proved)
    print(
        f"bundled exact evaluator, n=1000 (2^1001 - 1 strings): auto {result.verdict.verdict} "
        f"in {elapsed:.2f} s (target <= 10 s)  {result.choice}"
    )
    del seconds  # every figure here is far inside the limit


if __name__ == "__main__":
    run(60.0)
