"""The fast engine: compiled runs that agree exactly with the reference interpreter.

Implements docs/semantics.md#running and #mesa-programs for speed: tables run in a
numba kernel (:mod:`mesaform.model.kernels`), mesa-optimizers in a Python layer that
mirrors :func:`mesaform.spec.interpreter.run_mesa` and calls the compiled kernel for
every table it runs, recursing through nested codes. ``tests/test_engine.py``
checks agreement with :func:`mesaform.spec.interpreter.run` on halting, steps, ones,
output and tape for random machines, inputs and fuels.

Main definitions:

- :func:`run_fast` -- ``run(machine, x, fuel)``, same :data:`~mesaform.spec.results.RunResult`;
- :func:`run_table_sliced` -- a table's run in slices, reporting progress between them;
- :class:`Summary`, :func:`run_summary` -- the compiled recursive runner's
  summary (halting, steps, ones, output), the one batch enumeration uses;
- :func:`table_delta` -- a :class:`~mesaform.spec.programs.Table` as the packed array the
  kernels run;
- :func:`evaluator_outcomes` -- a table evaluator on every input of a length, the
  runs sharing their common prefixes (what enumeration uses);
- :func:`warm_up` -- compile every kernel (numba compiles on first call and
  caches the machine code on disk);
- :func:`kernels`, :func:`signal_safe` -- the compiled kernels, each call of which
  raises a signal that arrived during it as that signal's own exception.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any

import numpy as np
import numpy.typing as npt

from mesaform.spec.interpreter import check_fuel, choose, decoded_argument, run_mesa
from mesaform.spec.machines import TM
from mesaform.spec.programs import Mesa, Program, Table
from mesaform.spec.results import Halted, OutOfFuel, RunResult, input_tape
from mesaform.spec.validation import machine_argument

Bits = npt.NDArray[np.uint8]
Delta = npt.NDArray[np.int64]

MISSING_PACKED = 3
"""``1RZ`` packed as ``write | move << 1 | (next + 1) << 2`` with next + 1 = 0 (HALT)."""


def signal_safe(kernel: Callable[..., Any]) -> Callable[..., Any]:
    """Return ``kernel`` (a numba dispatcher) with a signal that arrived during a call
    raised as the exception its handler raised (``KeyboardInterrupt`` on Ctrl-C).

    A Python signal handler may run inside a compiled call, when the dispatcher calls
    back into Python (numba unpickles a constant there); numba then returns its result
    with the handler's exception pending, which CPython reports as ``SystemError: ...
    returned a result with an exception set``, the handler's exception as its cause.
    """

    @functools.wraps(kernel)
    def call(*arguments: Any) -> Any:
        try:
            return kernel(*arguments)
        except SystemError as error:
            cause = error.__cause__
            if cause is not None and "exception set" in str(error):
                raise cause from None
            raise

    return call


class SignalSafeKernels:
    """A module of compiled kernels whose functions are wrapped by :func:`signal_safe`."""

    def __init__(self, module: ModuleType) -> None:
        self._module = module

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._module, name)
        if callable(value) and hasattr(value, "py_func"):  # a numba dispatcher
            value = signal_safe(value)
            setattr(self, name, value)
        return value


@cache
def kernels() -> Any:
    """Import the compiled kernels (and numba) on first use; every call is :func:`signal_safe`."""
    from mesaform.model import kernels as compiled

    return SignalSafeKernels(compiled)


@cache
def diagram_kernels() -> Any:
    """The space-time diagram's kernels, as :func:`kernels`."""
    from mesaform.model import diagram_kernels as module

    return SignalSafeKernels(module)


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
    program = decoded_argument(machine)
    tape_input = machine_argument(x, "x")
    if isinstance(program, Table):
        return _run_table_fast(program, tape_input, fuel)
    return _run_mesa_fast(program, tape_input, fuel)


def _run_table_fast(table: Table, x: TM, fuel: int) -> RunResult:
    return run_table_sliced(table, x, fuel)


SLICE = 1 << 24
"""Steps per call of :func:`~mesaform.model.kernels.continue_table` in a long run."""


def run_table_sliced(
    table: Table, x: TM, fuel: int, progress: Callable[[int], None] | None = None
) -> RunResult:
    """Run ``table`` on ``x`` like :func:`run_fast`, in slices of :data:`SLICE` steps.

    ``progress(steps)`` is called after each slice. Memory is the tape (one byte a
    cell visited), whatever the fuel.
    """
    check_fuel(fuel)
    if table.states == 0:
        return Halted(0, input_tape(x))
    size = 4 * len(x) + 64
    tape = np.zeros(size, np.uint8)
    origin = size // 2
    bits = bits_array(x)
    tape[origin : origin + 2 * len(x) : 2] = 1
    tape[origin + 1 : origin + 2 * len(x) : 2] = bits
    delta = table_delta(table)
    head, state, steps = origin, 0, 0
    continue_table = kernels().continue_table
    while steps < fuel:
        halted, done, tape, origin, head, state = continue_table(
            delta, tape, origin, head, state, min(SLICE, fuel - steps)
        )
        steps += int(done)
        if halted:
            cells = np.flatnonzero(tape) - origin
            return Halted(steps, frozenset(int(cell) for cell in cells))
        if progress is not None:
            progress(steps)
    return OutOfFuel(fuel)


def choose_candidate(mesa: Mesa, fuel: int) -> tuple[int, int | None] | None:
    """Steps 1 and 2 of a mesa-optimizer with budget ``fuel``, every run compiled.

    Return ``(spent, chosen)``: the steps the evaluations took and the index of the
    chosen candidate (``None`` when no candidate has a score); ``None`` when the
    evaluations need more than ``fuel`` steps. Mirrors
    :func:`mesaform.spec.interpreter.evaluate_candidates` and
    :func:`~mesaform.spec.interpreter.choose`.
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
    """:func:`mesaform.spec.interpreter.run_mesa` with every Table run compiled (nesting on its
    explicit stack, so a code nested thousands of levels deep runs)."""
    return run_mesa(mesa, x, fuel, table_runner=_run_table_fast)


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
    the prefix-sharing search :func:`mesaform.model.kernels.evaluate_table_on_inputs`.
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
