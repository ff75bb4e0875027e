"""The compiled runs (numba): decoding a code, running a table, running any program.

Implements docs/semantics.md#running a second time, for speed; the reference is
:mod:`mesaform.spec.interpreter`, and ``tests/test_engine.py`` checks that both agree on
halting, steps, ones, output and tape.

Main definitions:

- a table is a ``delta`` array of ``2k`` packed transitions
  ``write | move << 1 | (next + 1) << 2`` (``next + 1 == 0`` is HALT; a missing
  transition is packed as ``1RZ``, :data:`MISSING`);
- :func:`decode_table` -- the table of a code (bits in a ``uint8`` array);
- :func:`continue_table` -- run a table for a slice of steps, resumable (long runs
  report progress between slices);
- :func:`run_table_summary` -- run a table on a shared, self-cleaning tape buffer,
  returning ``(halted, steps, ones, output length, first output bits)``;
- :func:`run_code` -- run any code (table or mesa-optimizer, nested) to the same
  summary, exactly as :func:`mesaform.spec.interpreter.run_mesa`, nesting on an explicit
  stack (numba cannot reload a cached recursive function);
- :func:`used_length` -- how many leading bits of a code its decoding reads: two
  strings of one length with the same used prefix denote the same program.

A summary keeps the first :data:`OUTPUT_BITS` output bits, bit ``i`` of the
output at bit ``i`` of the integer.
"""

from __future__ import annotations

import numba
import numpy as np

OUTPUT_BITS = 62
"""How many leading output bits a summary keeps (enough for strings of length <= 62)."""

MISSING = 3
"""The packed ``1RZ``: write 1, move right, next + 1 = 0 (HALT)."""

# Modes of evaluate_range.
MESA_TABLE = 0
"""U_m(t) = ones of a table evaluator's run on t within the evaluator's fuel."""
MESA_INPUT_ONES = 1
"""U_m(t) = ones of t's input tape, |t| + code_ones(t) (a mesa evaluator with no score)."""
MESA_UNDEFINED = 2
"""U_m is undefined everywhere (a mesa evaluator whose step 1 runs out of fuel)."""

BASE_CODE_ONES = 0
BASE_PRODUCTIVITY = 1
BASE_BUSYNESS = 2
BASE_SELF_REPLICATION = 3


@numba.njit(cache=True)
def bit_length(k: int) -> int:
    """Return the number of binary digits of ``k`` (0 for 0)."""
    length = 0
    while k > 0:
        length += 1
        k >>= 1
    return length


@numba.njit(cache=True)
def decode_table(code, start, end):  # type: ignore[no-untyped-def]
    """Return ``(k, delta, used)`` for the table coded by ``code[start:end]``."""
    if end <= start:
        return 0, np.full(0, MISSING, np.int64), start
    position = start + 1
    k = 0
    while position < end and code[position] == 1:
        k += 1
        position += 1
    if position >= end:
        return k, np.full(2 * k, MISSING, np.int64), end
    position += 1
    width = max(1, bit_length(k))
    delta = np.full(2 * k, MISSING, np.int64)
    for index in range(2 * k):
        stop = position + 2 + width
        if stop > end:
            break
        target = 0
        for j in range(position + 2, stop):
            target = 2 * target + code[j]
        following = target + 1 if target < k else 0
        delta[index] = code[position] | (code[position + 1] << 1) | (following << 2)
        position = stop
    return k, delta, position


@numba.njit(cache=True)
def read_natural(code, position, end):  # type: ignore[no-untyped-def]
    """Read a pair-coded natural from ``code[position:end]``; return it and the next position."""
    value = 0
    while position < end:
        if code[position] == 0:
            return value, position + 1
        if position + 1 >= end:
            return value, end
        value = 2 * value + code[position + 1]
        position += 2
    return value, position


@numba.njit(cache=True)
def read_field(code, position, end):  # type: ignore[no-untyped-def]
    """Read a field (pair-coded length, then that many bits, cut at ``end``)."""
    length, position = read_natural(code, position, end)
    stop = min(position + length, end)
    return position, stop


@numba.njit(cache=True)
def used_length(code, start, end):  # type: ignore[no-untyped-def]
    """Return how many bits of ``code[start:end]`` its decoding reads."""
    if end <= start:
        return 0
    if code[start] == 0:
        _, _, used = decode_table(code, start, end)
        return used - start
    count, position = read_natural(code, start + 1, end)
    _, position = read_natural(code, position, end)
    _, position = read_field(code, position, end)
    present = 0
    while present < count and position < end:
        _, position = read_field(code, position, end)
        present += 1
    return position - start


@numba.njit(cache=True)
def _input_summary(inp, start, end):  # type: ignore[no-untyped-def]
    """Return ``(ones, output length, output bits)`` of the input tape of ``inp[start:end]``."""
    ones = end - start
    bits = 0
    for i in range(start, end):
        ones += inp[i]
        if i - start < OUTPUT_BITS:
            bits |= np.int64(inp[i]) << (i - start)
    return ones, end - start, bits


@numba.njit(cache=True)
def run_table_summary(delta, k, inp, start, end, fuel, buffer, want_output):  # type: ignore[no-untyped-def]
    """Run a table on input ``inp[start:end]``; return ``(halted, steps, ones, out_len, out_bits)``.

    ``buffer`` is a zeroed ``uint8`` tape that is left zeroed again; a run whose
    head leaves it continues on a larger private copy.
    """
    if k == 0:
        ones, out_len, out_bits = _input_summary(inp, start, end)
        return 1, 0, ones, out_len, out_bits
    n_input = end - start
    tape = buffer
    size = tape.shape[0]
    owned = False
    if 2 * n_input + 8 > size // 2:
        size = 4 * n_input + 64
        tape = np.zeros(size, np.uint8)
        owned = True
    origin = size // 2
    ones = 0
    for i in range(n_input):
        tape[origin + 2 * i] = 1
        tape[origin + 2 * i + 1] = inp[start + i]
        ones += 1 + inp[start + i]
    head = origin
    state = 0
    steps = 0
    halted = 0
    low = origin  # every cell the run may have written lies in [low, high]
    high = origin + 2 * n_input
    while steps < fuel and halted == 0:
        # Within `safe` steps the head cannot leave the tape: no bounds check inside.
        safe = min(fuel - steps, head, size - 1 - head)
        if safe == 0:
            # Grow: a private tape twice as large, the old cells centred in it.
            bigger = np.zeros(2 * size, np.uint8)
            shift = size // 2
            bigger[shift : shift + size] = tape
            if not owned:
                tape[:] = 0
            tape = bigger
            owned = True
            head += shift
            origin += shift
            low += shift
            high += shift
            size = 2 * size
            continue
        low = min(low, head - safe)
        high = max(high, head + safe)
        done = 0
        while done < safe:
            symbol = tape[head]
            packed = delta[state + symbol]
            written = packed & 1
            tape[head] = written
            ones += written - symbol
            head += 2 * ((packed >> 1) & 1) - 1
            done += 1
            following = packed >> 2
            if following == 0:
                halted = 1
                break
            state = 2 * (following - 1)
        steps += done
    out_len = 0
    out_bits = np.int64(0)
    if halted == 1 and want_output:
        cell = origin
        while 0 <= cell + 1 < size and tape[cell] == 1:
            if out_len < OUTPUT_BITS:
                out_bits |= np.int64(tape[cell + 1]) << out_len
            out_len += 1
            cell += 2
        if cell + 1 == size and tape[cell] == 1:
            out_len += 1  # the bit after the last cell is blank
    if not owned:
        for cell in range(max(0, low), min(size, high + 1)):
            tape[cell] = 0
    if halted == 0:
        return 0, fuel, 0, 0, np.int64(0)
    return 1, steps, ones, out_len, out_bits


@numba.njit(cache=True)
def continue_table(delta, tape, origin, head, state, budget):  # type: ignore[no-untyped-def]
    """Run a table for at most ``budget`` more steps from ``(tape, head, state)``.

    ``state`` is ``2 *`` the state's index; the tape doubles when the head reaches an
    end, so memory follows the cells visited, not the steps. A transition back to its
    own state runs as a sweep over the cells holding the symbol it reads. Return ``(halted,
    steps done, tape, origin, head, state)``; a run can be continued from them.
    """
    size = tape.shape[0]
    steps = 0
    while steps < budget:
        safe = min(budget - steps, head, size - 1 - head)
        if safe == 0:
            # Double the tape on the side the head is leaving by: a run that heads off
            # one way keeps a tape at most twice the cells it visited.
            bigger = np.zeros(2 * size, np.uint8)
            shift = size if head == 0 else 0
            bigger[shift : shift + size] = tape
            tape = bigger
            head += shift
            origin += shift
            size = 2 * size
            continue
        done = 0
        while done < safe:
            symbol = tape[head]
            packed = delta[state + symbol]
            following = packed >> 2
            write = packed & 1
            move = 2 * ((packed >> 1) & 1) - 1
            if 2 * following - 2 == state:
                # A transition back to its own state repeats while the head reads
                # the same symbol: a sweep, with no table look-up per step.
                sweep = done
                while sweep < safe and tape[head] == symbol:
                    tape[head] = write
                    head += move
                    sweep += 1
                done = sweep
                continue
            tape[head] = write
            head += move
            done += 1
            if following == 0:
                return 1, steps + done, tape, origin, head, state
            state = 2 * (following - 1)
        steps += done
    return 0, steps, tape, origin, head, state


# Fields of a mesa-optimizer's frame on run_code's explicit stack.
_END, _IN_START, _IN_END, _FUEL, _WANT, _COUNT, _INNER = 0, 1, 2, 3, 4, 5, 6
_EVAL_START, _EVAL_END, _POSITION, _SPENT, _BEST_SCORE = 7, 8, 9, 10, 11
_BEST_START, _BEST_END, _PRESENT, _CAPPED, _CURRENT_START, _CURRENT_END, _PHASE = (
    12,
    13,
    14,
    15,
    16,
    17,
    18,
)
_FIELDS = 19


@numba.njit(cache=True)
def run_code(code, start, end, in_start, in_end, fuel, buffer, want_output):  # type: ignore[no-untyped-def]
    """Run the program coded by ``code[start:end]`` on input ``code[in_start:in_end]``.

    Returns the summary ``(halted, steps, ones, out_len, out_bits)``. A
    mesa-optimizer scores its candidates with its evaluator (fuel ``min(f,
    left)``), picks the highest score (lowest index on ties) and acts like it, all
    steps counted (docs/semantics.md#mesa-programs), exactly as
    :func:`mesaform.spec.interpreter.run_mesa`.
    Nested codes are run with an explicit stack of mesa frames (each nested code
    is strictly shorter, so the depth is at most ``end - start``).
    """
    frames = np.zeros((end - start + 2, _FIELDS), np.int64)
    depth = 0
    # The pending call: code[c_start:c_end] on code[c_in_start:c_in_end].
    c_start, c_end, c_in_start, c_in_end, c_fuel, c_want = (
        start,
        end,
        in_start,
        in_end,
        fuel,
        1 if want_output else 0,
    )
    calling = True
    r_halted, r_steps, r_ones, r_len, r_bits = 0, 0, 0, 0, np.int64(0)
    while True:
        if calling:
            calling = False
            if c_end <= c_start or code[c_start] == 0:
                k, delta, _ = decode_table(code, c_start, c_end)
                r_halted, r_steps, r_ones, r_len, r_bits = run_table_summary(
                    delta, k, code, c_in_start, c_in_end, c_fuel, buffer, c_want == 1
                )
            else:
                frame = frames[depth]
                depth += 1
                count, position = read_natural(code, c_start + 1, c_end)
                inner, position = read_natural(code, position, c_end)
                evaluator_start, evaluator_end = read_field(code, position, c_end)
                frame[_END] = c_end
                frame[_IN_START] = c_in_start
                frame[_IN_END] = c_in_end
                frame[_FUEL] = c_fuel
                frame[_WANT] = c_want
                frame[_COUNT] = count
                frame[_INNER] = inner
                frame[_EVAL_START] = evaluator_start
                frame[_EVAL_END] = evaluator_end
                frame[_POSITION] = evaluator_end
                frame[_SPENT] = 0
                frame[_BEST_SCORE] = -1
                frame[_PRESENT] = 0
                frame[_PHASE] = 0
                # Start the first evaluation, or finish at once.
                r_halted = -1
        if r_halted >= 0:
            # A result is ready for the frame on top of the stack.
            if depth == 0:
                return r_halted, r_steps, r_ones, r_len, r_bits
            frame = frames[depth - 1]
            if frame[_PHASE] == 1:
                depth -= 1
                if r_halted == 0:
                    r_steps = frame[_FUEL]
                    r_ones, r_len, r_bits = 0, 0, np.int64(0)
                else:
                    r_steps = frame[_SPENT] + r_steps
                continue
            if r_halted == 0:
                if frame[_CAPPED] < frame[_INNER]:
                    depth -= 1
                    r_halted, r_steps, r_ones, r_len, r_bits = 0, frame[_FUEL], 0, 0, np.int64(0)
                    continue
                r_steps = frame[_CAPPED]
            frame[_SPENT] += r_steps
            if frame[_SPENT] > frame[_FUEL]:
                depth -= 1
                r_halted, r_steps, r_ones, r_len, r_bits = 0, frame[_FUEL], 0, 0, np.int64(0)
                continue
            if r_halted == 1 and r_ones > frame[_BEST_SCORE]:
                frame[_BEST_SCORE] = r_ones
                frame[_BEST_START] = frame[_CURRENT_START]
                frame[_BEST_END] = frame[_CURRENT_END]
            frame[_PRESENT] += 1
        # The frame on top chooses its next call: an evaluation, or its choice.
        frame = frames[depth - 1]
        end_of_code = frame[_END]
        if frame[_PRESENT] < frame[_COUNT] and frame[_POSITION] < end_of_code:
            candidate_start, candidate_end = read_field(code, frame[_POSITION], end_of_code)
            frame[_POSITION] = candidate_end
            frame[_CURRENT_START] = candidate_start
            frame[_CURRENT_END] = candidate_end
            frame[_CAPPED] = min(frame[_INNER], frame[_FUEL] - frame[_SPENT])
            c_start, c_end = frame[_EVAL_START], frame[_EVAL_END]
            c_in_start, c_in_end = candidate_start, candidate_end
            c_fuel, c_want = frame[_CAPPED], 0
            calling = True
            r_halted = -1
        elif frame[_BEST_SCORE] < 0:
            depth -= 1
            r_ones, r_len, r_bits = _input_summary(code, frame[_IN_START], frame[_IN_END])
            r_halted, r_steps = 1, frame[_SPENT]
        else:
            frame[_PHASE] = 1
            c_start, c_end = frame[_BEST_START], frame[_BEST_END]
            c_in_start, c_in_end = frame[_IN_START], frame[_IN_END]
            c_fuel, c_want = frame[_FUEL] - frame[_SPENT], frame[_WANT]
            calling = True
            r_halted = -1
