"""Benchmark: crossing-sequence summaries on evaluators that scan and come back.

Measures, in one run, ``mesaform check --method crossing`` and ``--method auto``
(:func:`mesaform.proofs.checking.check.check_claim`) on the turning families of
:mod:`mesaform.model.evaluators` (a scan-and-return counter of 6, 16 and 50 states, a
50-state zig-zag, a 50-state copy-and-compare; exact and buggy) at n = 64 and 100,
against the goals (50 states: 10 s at n = 64, 30 s at n = 100; 6 and 16 states: 5 s at
n = 100). A buggy claim must be refuted at its least counterexample (``pattern + "0"``
for the first two kinds, enumeration's at a small bound for the third), replayed by the
checker. The baseline, measured in the same run on the same claims at n = 10: compiled
enumeration (every string) and memoized exploration, with crossing's ratio to each. Last,
the one-way 50-state family of ``bench.reach`` at n = 64 under ``auto`` (it must still
choose memoized exploration) and under crossing.

Times are CPU seconds of this process (``time.process_time``), wall-clock beside them.
Main definitions: :data:`TITLE`, :func:`run`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from mesaform.model import engine
from mesaform.model.evaluators import (
    PatternEvaluator,
    TurningEvaluator,
    pattern_claim,
    random_pattern,
    turning_claim,
)
from mesaform.proofs.checking.check import CheckResult, check_claim
from mesaform.proofs.checking.outcome import Found
from mesaform.proofs.methods.crossing import CrossingStatistics, crossing_claim
from mesaform.proofs.methods.enumeration import enumerate_claim
from mesaform.proofs.methods.exploration import explore_claim
from mesaform.spec.machines import TM
from mesaform.spec.verdicts import Proved, Refuted

TITLE = "crossing: evaluators that scan and come back, 6 to 50 states, n = 64 and 100"

MEMBERS: tuple[tuple[str, int, tuple[int, ...]], ...] = (
    ("scan_return", 1, (100,)),  # 6 states
    ("scan_return", 6, (100,)),  # 16 states
    ("scan_return", 23, (64, 100)),  # 50 states
    ("zig_zag", 11, (64, 100)),  # 50 states
    ("copy_compare", 10, (64, 100)),  # 50 states
)
"""(kind, pattern bits, lengths): the members measured, each exact and buggy."""

BASELINE_LENGTH = 10


def goal(states: int, n: int) -> float:
    """Return the goal in CPU seconds for an evaluator of ``states`` states at ``n``."""
    if states <= 16:
        return 5.0
    return 10.0 if n <= 64 else 30.0


def _cpu(action: Callable[..., object], *args: Any, **kwargs: Any) -> tuple[Any, float, float]:
    """Run ``action(*args, **kwargs)``; return its outcome, CPU seconds and wall seconds."""
    cpu, wall = time.process_time(), time.perf_counter()
    outcome = action(*args, **kwargs)
    return outcome, time.process_time() - cpu, time.perf_counter() - wall


def _least(member: TurningEvaluator) -> TM | None:
    """The least counterexample of a buggy member, from enumeration at a small bound."""
    if not member.buggy:
        return None
    if member.kind != "copy_compare":
        return TM(member.pattern + "0")
    found = enumerate_claim(turning_claim(member, len(member.pattern) + 2), memoize=False)
    assert isinstance(found, Found), found
    return found.machines[0]


def _checked(result: CheckResult, least: TM | None) -> str:
    verdict = result.verdict
    if least is None:
        assert isinstance(verdict, Proved), verdict
        return "proved"
    assert isinstance(verdict, Refuted), verdict
    assert verdict.counterexample.machines == (least,), verdict.counterexample.machines
    return f"refuted at t = {least} (|t| = {len(least)}, replayed)"


def run(seconds: float) -> None:
    """Print one line per claim: verdict, CPU seconds, the goal, and the baseline ratios."""
    engine.warm_up()
    for kind, bits, lengths in MEMBERS:
        pattern = random_pattern(0, bits)
        for buggy in (False, True):
            member = TurningEvaluator(kind, pattern, buggy)
            states = member.table.states
            least = _least(member)
            small = turning_claim(member, BASELINE_LENGTH)
            enumerated, enumeration_cpu, _ = _cpu(enumerate_claim, small, memoize=False)
            explored, exploration_cpu, _ = _cpu(explore_claim, small)
            crossed, crossing_cpu, _ = _cpu(crossing_claim, small)
            assert _same(crossed, enumerated) and _same(crossed, explored)
            fastest = max(crossing_cpu, 1e-4)
            print(
                f"{member.name[:32]:32s} ({states:2d} states) n={BASELINE_LENGTH}: "
                f"enumeration {enumeration_cpu:.2f} s, exploration {exploration_cpu:.2f} s, "
                f"crossing {crossing_cpu:.3f} s CPU (x{enumeration_cpu / fastest:,.0f}, "
                f"x{exploration_cpu / fastest:,.0f})",
                flush=True,
            )
            for n in lengths:
                claim = turning_claim(member, n)
                statistics = CrossingStatistics()
                _, cpu, wall = _cpu(crossing_claim, claim, statistics=statistics)
                result, check_cpu, _ = _cpu(check_claim, claim, "crossing")
                assert isinstance(result, CheckResult)
                words = _checked(result, least)
                auto, auto_cpu, auto_wall = _cpu(check_claim, claim)
                assert isinstance(auto, CheckResult)
                _checked(auto, least)
                target = goal(states, n)
                print(
                    f"    n={n}: crossing {words} in {cpu:.2f} s CPU ({wall:.2f} s wall; "
                    f"checked and replayed {check_cpu:.2f} s; goal <= {target:.0f} s): "
                    f"{statistics.boundaries} boundaries, {statistics.states:,} states, "
                    f"{statistics.behaviours} cell behaviours, cap {statistics.cap}",
                    flush=True,
                )
                print(
                    f"    n={n}: auto {auto.verdict.verdict} by {auto.verdict.method} in "
                    f"{auto_cpu:.2f} s CPU ({auto_wall:.2f} s wall)",
                    flush=True,
                )
    one_way()


def _same(a: object, b: object) -> bool:
    if isinstance(a, Found) or isinstance(b, Found):
        return isinstance(a, Found) and isinstance(b, Found) and a.machines == b.machines
    return isinstance(a, Proved) and isinstance(b, Proved)


def one_way() -> None:
    """The one-way 50-state family of ``bench.reach`` at n = 64: auto and crossing."""
    pattern = random_pattern(0)
    for buggy in (False, True):
        member = PatternEvaluator(pattern, buggy)
        claim = pattern_claim(member, 64)
        auto, auto_cpu, _ = _cpu(check_claim, claim)
        crossed, crossing_cpu, _ = _cpu(check_claim, claim, "crossing")
        assert isinstance(auto, CheckResult) and isinstance(crossed, CheckResult)
        assert auto.verdict.verdict == crossed.verdict.verdict
        print(
            f"one-way {member.name[:28]} ({member.table.states} states) n=64: auto "
            f"{auto.verdict.verdict} by {auto.verdict.method} in {auto_cpu:.2f} s CPU; "
            f"crossing {crossed.verdict.verdict} in {crossing_cpu:.2f} s CPU",
            flush=True,
        )


if __name__ == "__main__":
    run(60.0)
