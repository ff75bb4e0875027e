"""Compiled kernels (numba) that sample a table's run for its space-time diagram.

Formalizes nothing new: a step is the step of :func:`mesaform.model.kernels.runs.continue_table`
(read, write, move, then halt if the next state is HALT; a missing transition is ``1RZ``),
and ``tests/test_diagram.py`` checks the sampled rows against the reference interpreter's
trace. What these kernels add is memory bounded by the picture, so that a run of tens of
millions of steps (the 5-state champion halts after 47,176,870) can be drawn:

- :func:`table_extent` -- one pass: halted, steps, and the leftmost and rightmost cell the
  head or the input ever touches;
- :func:`table_samples` -- a second pass that keeps only the configurations at steps
  ``0, k, 2k, ...`` and the last, each as a row of at most ``columns`` bins over the
  extent (a bin counts the 1s of its cells), with the head's cell.

The tape is a growing array as in the engine; nothing grows with the number of steps except
the tape the machine itself writes.
"""

from __future__ import annotations

import numba
import numpy as np


@numba.njit(cache=True)
def _grow(tape, head, origin):  # type: ignore[no-untyped-def]
    size = tape.shape[0]
    bigger = np.zeros(2 * size, np.uint8)
    shift = size // 2
    bigger[shift : shift + size] = tape
    return bigger, head + shift, origin + shift


@numba.njit(cache=True)
def _input_tape(inp):  # type: ignore[no-untyped-def]
    n_input = inp.shape[0]
    size = 4 * n_input + 64
    tape = np.zeros(size, np.uint8)
    origin = size // 2
    for i in range(n_input):
        tape[origin + 2 * i] = 1
        tape[origin + 2 * i + 1] = inp[i]
    return tape, origin


@numba.njit(cache=True)
def table_extent(delta, k, inp, fuel):  # type: ignore[no-untyped-def]
    """Return ``(halted, steps, lo, hi)``: the cells ``lo..hi`` hold the head and the input."""
    tape, origin = _input_tape(inp)
    lo = 0
    hi = max(0, 2 * inp.shape[0] - 1)
    if k == 0:
        return 1, 0, lo, hi
    head = origin
    state = 0
    steps = 0
    while steps < fuel:
        if head == 0 or head == tape.shape[0] - 1:
            tape, head, origin = _grow(tape, head, origin)
        symbol = tape[head]
        packed = delta[state + symbol]
        tape[head] = packed & 1
        head += 2 * ((packed >> 1) & 1) - 1
        steps += 1
        cell = head - origin
        if cell < lo:
            lo = cell
        if cell > hi:
            hi = cell
        following = packed >> 2
        if following == 0:
            return 1, steps, lo, hi
        state = 2 * (following - 1)
    return 0, steps, lo, hi


@numba.njit(cache=True)
def _record(tape, origin, head, row, lo, width, columns, rows, heads):  # type: ignore[no-untyped-def]
    for c in range(width):
        index = origin + lo + c
        if 0 <= index < tape.shape[0] and tape[index] != 0:
            rows[row, (c * columns) // width] += 1
    heads[row] = head - origin


@numba.njit(cache=True)
def table_samples(delta, k, inp, steps, stride, lo, width, columns, rows, heads):  # type: ignore[no-untyped-def]
    """Run ``steps`` steps; fill ``rows[i]`` and ``heads[i]`` with configuration ``i * stride``.

    The last row holds the final configuration (after ``steps`` steps). A cell
    ``lo + c`` falls in bin ``c * columns // width``. Return the number of rows filled.
    """
    tape, origin = _input_tape(inp)
    head = origin
    state = 0
    row = 0
    last = rows.shape[0] - 1
    for step in range(steps):
        if step % stride == 0 and row < last:
            _record(tape, origin, head, row, lo, width, columns, rows, heads)
            row += 1
        if head == 0 or head == tape.shape[0] - 1:
            tape, head, origin = _grow(tape, head, origin)
        symbol = tape[head]
        packed = delta[state + symbol]
        tape[head] = packed & 1
        head += 2 * ((packed >> 1) & 1) - 1
        following = packed >> 2
        if following == 0:
            break
        state = 2 * (following - 1)
    _record(tape, origin, head, row, lo, width, columns, rows, heads)
    return row + 1
