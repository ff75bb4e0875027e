"""The fast engine: compiled runs that agree exactly with the reference interpreter.

Implements docs/semantics.md#running and #mesa-programs for speed: tables run in a
numba kernel (:mod:`model.engine_kernels`), mesa-optimizers in a Python layer that
mirrors :func:`spec.interpreter.run_mesa` and calls the compiled kernel for
every table it runs, recursing through nested codes. ``tests/test_engine.py``
checks agreement with :func:`spec.interpreter.run` on halting, steps, ones,
output and tape for random machines, inputs and fuels.

Main definitions:

- :func:`run_fast` -- ``run(machine, x, fuel)``, same :data:`~spec.results.RunResult`;
- :class:`Summary`, :func:`run_summary` -- the compiled recursive runner's
  summary (halting, steps, ones, output), the one batch enumeration uses;
- :func:`table_delta` -- a :class:`~spec.programs.Table` as the packed array the
  kernels run;
- :func:`evaluator_outcomes` -- a table evaluator on every input of a length, the
  runs sharing their common prefixes (what enumeration uses);
- :func:`warm_up` -- compile every kernel (numba compiles on first call and
  caches the machine code on disk).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any

import numpy as np
import numpy.typing as npt

from spec.interpreter import check_fuel, choose
from spec.machines import TM
from spec.programs import Mesa, Program, Table, decode
from spec.results import Halted, OutOfFuel, RunResult, input_tape

Bits = npt.NDArray[np.uint8]
Delta = npt.NDArray[np.int64]

MISSING_PACKED = 3
"""``1RZ`` packed as ``write | move << 1 | (next + 1) << 2`` with next + 1 = 0 (HALT)."""


@cache
def kernels() -> ModuleType:
    """Import the compiled kernels (and numba) on first use."""
    from model import engine_kernels

    return engine_kernels


def bits_array(x: str) -> Bits:
    """Return the bits of ``x`` as a ``uint8`` array."""
    return np.frombuffer(x.encode("ascii"), dtype=np.uint8) - np.uint8(ord("0"))


def table_delta(table: Table) -> Delta:
    """Pack ``table``'s transitions: ``write | move << 1 | (next + 1) << 2``, HALT as 0.

    Missing transitions are packed as ``1RZ``, their behaviour.
    """
    delta = np.full(2 * table.states, MISSING_PACKED, dtype=np.int64)
    for index, transition in enumerate(table.transitions):
        following = 0 if transition.next_state is None else transition.next_state + 1
        delta[index] = transition.write | (transition.move << 1) | (following << 2)
    return delta


def run_fast(machine: str | Program, x: str = "", fuel: int = 0) -> RunResult:
    """Run ``machine`` on input ``x`` for at most ``fuel`` steps; agrees with ``run``.

    Tables run in the compiled kernel; a mesa-optimizer scores its candidates,
    picks the best and acts like it exactly as the reference does, each run of a
    table compiled.
    """
    check_fuel(fuel)
    program = decode(machine) if isinstance(machine, str) else machine
    if isinstance(program, Table):
        return _run_table_fast(program, TM(x), fuel)
    return _run_mesa_fast(program, TM(x), fuel)


def _run_table_fast(table: Table, x: TM, fuel: int) -> RunResult:
    if table.states == 0:
        return Halted(0, input_tape(x))
    halted, steps, tape, origin = kernels().run_table_tape(
        table_delta(table), table.states, bits_array(x), fuel
    )
    if not halted:
        return OutOfFuel(fuel)
    cells = np.flatnonzero(tape) - origin
    return Halted(int(steps), frozenset(int(cell) for cell in cells))


def choose_candidate(mesa: Mesa, fuel: int) -> tuple[int, int | None] | None:
    """Steps 1 and 2 of a mesa-optimizer with budget ``fuel``, every run compiled.

    Return ``(spent, chosen)``: the steps the evaluations took and the index of the
    chosen candidate (``None`` when no candidate has a score); ``None`` when the
    evaluations need more than ``fuel`` steps. Mirrors
    :func:`spec.interpreter.evaluate_candidates` and :func:`~spec.interpreter.choose`.
    """
    spent = 0
    scores: list[int | None] = []
    for candidate in mesa.candidates:
        capped = min(mesa.fuel, fuel - spent)
        result = run_fast(mesa.evaluator, candidate, capped)
        if isinstance(result, OutOfFuel):
            if capped < mesa.fuel:
                return None
            spent += capped
            scores.append(None)
        else:
            spent += result.steps
            scores.append(result.ones)
        if spent > fuel:
            return None
    return spent, choose(scores)


def _run_mesa_fast(mesa: Mesa, x: TM, fuel: int) -> RunResult:
    """Mirror :func:`spec.interpreter.run_mesa` with every run done by :func:`run_fast`."""
    step_one = choose_candidate(mesa, fuel)
    if step_one is None:
        return OutOfFuel(fuel)
    spent, chosen = step_one
    if chosen is None:
        return Halted(spent, input_tape(x))
    result = run_fast(mesa.candidates[chosen], x, fuel - spent)
    if isinstance(result, OutOfFuel):
        return OutOfFuel(fuel)
    return Halted(spent + result.steps, result.tape)


@dataclass(frozen=True)
class Summary:
    """What a halted or out-of-fuel run looks like to an objective.

    ``output`` holds at most the first 62 output bits; ``output_length`` is exact.
    """

    halted: bool
    steps: int
    ones: int
    output_length: int
    output: str


def run_summary(machine: str, x: str = "", fuel: int = 0) -> Summary:
    """Run ``machine`` on ``x`` entirely in compiled code (nested mesa codes included)."""
    check_fuel(fuel)
    code = bits_array(TM(machine))
    both = np.concatenate([code, bits_array(TM(x))]).astype(np.uint8)
    buffer = np.zeros(4 * len(x) + 256, dtype=np.uint8)
    halted, steps, ones, out_len, out_bits = kernels().run_code(
        both, 0, len(machine), len(machine), len(both), fuel, buffer, True
    )
    shown = min(int(out_len), kernels().OUTPUT_BITS)
    output = "".join("1" if (int(out_bits) >> i) & 1 else "0" for i in range(shown))
    if not halted:
        return Summary(False, fuel, 0, 0, "")
    return Summary(True, int(steps), int(ones), int(out_len), output)


def used_length(machine: str) -> int:
    """Return how many leading bits of ``machine`` its decoding reads (compiled)."""
    return int(kernels().used_length(bits_array(TM(machine)), 0, len(machine)))


def evaluator_outcomes(
    table: Table, fuel: int, length: int, first: int = 0, size: int | None = None
) -> list[int | None]:
    """Return ``ones`` of ``table``'s run on each input of ``length`` bits (``None``: no halt).

    The inputs are the ``size`` strings with values ``first, first + 1, ...``
    (``size`` a power of two dividing ``first``; all of them by default), run by
    the prefix-sharing search :func:`model.engine_kernels.evaluate_table_on_inputs`.
    """
    size = 1 << length if size is None else size
    if size <= 0 or size & (size - 1) or first % size or first + size > 1 << length:
        raise ValueError("the inputs are an aligned block: size a power of two dividing first")
    defined = np.zeros(size, np.uint8)
    ones = np.zeros(size, np.int64)
    tape = np.zeros(fuel + 1 + max(2 * length, fuel) + 2, np.uint8)
    log_cells = np.zeros(fuel + 2 * length + 2, np.int64)
    log_values = np.zeros(fuel + 2 * length + 2, np.uint8)
    kernels().evaluate_table_on_inputs(
        table_delta(table),
        table.states,
        fuel,
        length,
        first,
        size,
        first,
        tape,
        log_cells,
        log_values,
        defined,
        ones,
    )
    assert not tape.any(), "the search leaves its tape blank"
    return [int(o) if d else None for d, o in zip(defined, ones, strict=True)]


def use_threads(workers: int) -> int:
    """Let the parallel kernels use ``workers`` threads (at most numba's maximum); return it."""
    import numba

    maximum: int = numba.config.NUMBA_NUM_THREADS  # type: ignore[attr-defined]
    threads = max(1, min(workers, maximum))
    numba.set_num_threads(threads)
    return threads


def warm_up() -> None:
    """Compile (or load from the cache) every kernel with a tiny call each."""
    run_fast("01101101100110001110", "", 10)
    run_fast("1", "", 1)
    run_summary("1101010", "1", 5)
    used_length("0110")
    evaluator_outcomes(Table(1), 3, 1)
    evaluate: Any = kernels().evaluate_range
    size = 1
    arrays = (
        np.zeros(size, np.uint8),
        np.zeros(size, np.int64),
        np.zeros(size, np.int64),
        np.zeros(size, np.int64),
    )
    for shared in (False, True):
        evaluate(
            1, 0, 1, 0, np.full(2, MISSING_PACKED, np.int64), 1, 3, 1, 3, 64, 1, shared, *arrays
        )
    for shared in (False, True):
        kernels().first_failure_range(
            1, 0, 1, 0, np.full(2, MISSING_PACKED, np.int64), 1, 3, 1, 3, 64, 1, shared, 0, 1
        )
    kernels().first_inner_failure(size, *arrays, 0, 1)
    kernels().all_inner_failures(size, *arrays, 0, 1)
    keys = (np.zeros(2, np.int64), np.zeros(2, np.int64), np.ones(2, np.int64))
    kernels().order_scan(size, *arrays, *keys, np.zeros(2, np.int64), 0, 2)
