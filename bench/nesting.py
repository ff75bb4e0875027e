"""Benchmark: decoding and running a code nested 500 to 4,000 levels deep through evaluators.

Measures, in one run and in CPU time (``time.process_time``): walking every level of
the code by copying each level's evaluator out of the level above and keeping the
levels (``decode``: what the interpreter's stack of nested runs did before), the same
walk in place (``decode_span``), and a whole run of the reference interpreter
(``mesaform.spec.interpreter.run``), which decodes in place; and the memory each walk holds
at its peak (``tracemalloc``).
Each line gives the times and how they grew from the previous depth: twice the
levels (and about twice the bits) should take about twice the time when decoding
is linear, four times when it is quadratic.

Main definitions: :data:`TITLE`, :data:`DEPTHS`, :func:`run`.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from functools import partial

from mesaform.model.standard_format import parse_machine
from mesaform.spec.interpreter import run as run_machine
from mesaform.spec.machines import TM
from mesaform.spec.programs import Mesa, MesaSpans, Span, decode, decode_span, encode

TITLE = "nesting: decoding a code nested n levels deep, copying vs in place"

DEPTHS = (500, 1000, 2000, 4000)


def nested_through_evaluators(depth: int) -> TM:
    """A code nested ``depth`` levels deep through evaluators, one candidate per level."""
    leaf = parse_machine("1RZ1RZ")
    code = leaf
    for _ in range(depth):
        code = encode(Mesa(1, 50, code, (leaf,)))
    return code


def copying_walk(code: TM) -> int:
    """Decode every level, each evaluator copied out of the level above, keeping every
    level (as the interpreter's stack of nested runs keeps them); return the levels."""
    levels: list[Mesa] = []
    program = decode(code)
    while isinstance(program, Mesa):
        levels.append(program)
        program = decode(program.evaluator)
    return len(levels)


def walk_in_place(code: TM) -> int:
    """Decode every level in place (spans of the one code), keeping every level; return
    the levels."""
    levels: list[MesaSpans] = []
    program = decode_span(Span.whole(code))
    while isinstance(program, MesaSpans):
        levels.append(program)
        program = decode_span(program.evaluator)
    return len(levels)


def peak_bytes(action: Callable[[], object]) -> int:
    """Return the most memory ``action`` held at once (``tracemalloc``)."""
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def cpu_seconds(action: Callable[[], object], repeat: int = 3) -> float:
    """Return the least CPU time of ``repeat`` calls of ``action``."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        action()
        best = min(best, time.process_time() - started)
    return best


def run(seconds: float) -> None:
    """Print, per depth: the bits, the three CPU times and their growth from the depth before."""
    del seconds  # a few seconds in all
    previous: tuple[float, float, float] | None = None
    for depth in DEPTHS:
        code = nested_through_evaluators(depth)
        assert copying_walk(code) == walk_in_place(code) == depth
        times = (
            cpu_seconds(partial(copying_walk, code)),
            cpu_seconds(partial(walk_in_place, code)),
            cpu_seconds(partial(run_machine, code, "1", 10)),
        )
        memory = (peak_bytes(partial(copying_walk, code)), peak_bytes(partial(walk_in_place, code)))
        growth = ""
        if previous is not None:
            factors = ", ".join(
                f"x{now / max(before, 1e-9):.1f}"
                for now, before in zip(times, previous, strict=True)
            )
            growth = f"  (growth {factors})"
        print(
            f"{depth:5d} levels, {len(code):9,d} bits: copying {times[0]:7.3f} s, "
            f"in place {times[1]:6.3f} s (x{times[0] / max(times[1], 1e-9):.0f} faster), "
            f"run {times[2]:6.3f} s{growth}; memory held: copying {memory[0] / 1e6:,.1f} MB, "
            f"in place {memory[1] / 1e6:,.1f} MB",
            flush=True,
        )
        previous = times
