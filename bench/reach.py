"""Benchmark: memoized exploration on the KMP evaluator family, far past enumeration.

Measures, in one run: ``mesaform check --method auto``
(:func:`mesaform.proofs.checking.check.check_claim`)
on the family of :mod:`mesaform.model.evaluators` (random 24-bit patterns, exact and buggy,
one-way and two-way) at n = 32 and 64, where the buggy claims must be refuted at
their minimal counterexample (length 25) within 30 s and the exact ones proved
within 60 s; the bundled exact evaluator at n = 1,000 (within 10 s); and, as the
baseline measured in the same run, plain compiled enumeration of the same claims at
n = 20, with the ratio of the two.

Then the SMT solvers on the one-way members of the first seed at n = 32, each way
against the same baseline in the same run: Z3 with one query and solver per
length (the baseline), Z3 and Bitwuzla asked every length of one solver holding
the query built once; the buggy claim must give a counterexample of length 25.
Times are CPU seconds of this process, with wall-clock seconds beside them.

Main definitions: :data:`TITLE`, :func:`run`, :func:`solver_figures`.
"""

from __future__ import annotations

import time

from bench.z3 import WAYS, ratio
from mesaform.model import engine
from mesaform.model.evaluators import PatternEvaluator, family, first_counterexample, pattern_claim
from mesaform.proofs.checking.check import check_claim
from mesaform.proofs.checking.code_ones import code_ones_claim
from mesaform.proofs.checking.outcome import Found
from mesaform.proofs.methods.enumeration import enumerate_claim
from mesaform.proofs.methods.solver_claims import check_with_solver
from mesaform.spec.verdicts import Proved, Refuted

TITLE = "reach: memoized exploration of 50- and 100-state evaluators, n = 32, 64, 1000"

SEEDS = range(2)
LENGTHS = (32, 64)
BASELINE_LENGTH = 20
SOLVER_LENGTH = 32


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
            started, cpu = time.perf_counter(), time.process_time()
            result = check_claim(pattern_claim(member, n))
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
            verdict = result.verdict
            target = 60.0 if not member.buggy else 30.0
            if member.buggy:
                assert isinstance(verdict, Refuted)
                assert verdict.counterexample.machines == (first_counterexample(member),)
            else:
                assert isinstance(verdict, Proved)
            print(
                f"    n={n}: auto {verdict.verdict} in {elapsed:6.2f} s wall, {cpu:6.2f} s CPU "
                f"(target <= {target:.0f} s)"
                f"  {result.choice}"
            )
    started, cpu = time.perf_counter(), time.process_time()
    result = check_claim(code_ones_claim(1000))
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    assert isinstance(result.verdict, Proved)
    print(
        f"bundled exact evaluator, n=1000 (2^1001 - 1 strings): auto {result.verdict.verdict} "
        f"in {elapsed:.2f} s wall, {cpu:.2f} s CPU (target <= 10 s)  {result.choice}"
    )
    solver_figures(seconds)


def solver_figures(seconds: float) -> None:
    """Print each solver way on the first seed's one-way members at n = 32 (``seconds`` each)."""
    for member in family(SEEDS)[:2]:
        assert not member.two_way
        claim = pattern_claim(member, SOLVER_LENGTH)
        line = []
        base: tuple[str, float] | None = None
        for name, solver, incremental in WAYS:
            cpu, wall = time.process_time(), time.perf_counter()
            outcome = check_with_solver(
                claim, solver, timeout_seconds=seconds, incremental=incremental
            )
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            if isinstance(outcome, Found):
                assert len(outcome.machines[0]) == len(str(first_counterexample(member)))
                verdict = f"found |t| = {len(outcome.machines[0])}"
            else:
                verdict = outcome.verdict
                assert verdict != "proved" or not member.buggy
            against = ratio(*base, cpu) if base is not None else ""
            base = base or (verdict, cpu)
            line.append(f"{name}: {verdict} {cpu:.1f} s CPU ({wall:.1f} s wall{against})")
        print(f"{_short(member)} n={SOLVER_LENGTH}: " + "; ".join(line), flush=True)


def _short(member: PatternEvaluator) -> str:
    return f"{member.name[:24]} ({member.table.states} states)"


if __name__ == "__main__":
    run(60.0)
