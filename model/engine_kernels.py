"""The compiled kernels of the fast engine (numba): tables, mesa-optimizers, batches.

Implements docs/semantics.md#running a second time, for speed; the
reference is :mod:`mesaform.spec.interpreter`, and ``tests/test_engine.py`` checks that
both agree on halting, steps, ones, output and tape. Importing this module
imports numba; every kernel compiles on its first call and is cached on disk.

Main definitions:

- a table is a ``delta`` array of ``2k`` packed transitions
  ``write | move << 1 | (next + 1) << 2`` (``next + 1 == 0`` is HALT; a missing
  transition is packed as ``1RZ``);
- :func:`decode_table` -- the table of a code (bits in a ``uint8`` array);
- :func:`continue_table` -- run a table for a slice of steps, resumable (long runs
  report progress between slices);
- :func:`run_table_summary` -- run a table on a shared, self-cleaning tape buffer,
  returning ``(halted, steps, ones, output length, first output bits)``;
- :func:`run_code` -- run any code (table or mesa-optimizer, nested) to the same
  summary, exactly as :func:`mesaform.spec.interpreter.run_mesa`, nesting on an explicit
  stack (numba cannot reload a cached recursive function);
- :func:`used_length` -- how many leading bits of a code its decoding reads: two
  strings of one length with the same used prefix denote the same program;
- :func:`evaluate_table_on_inputs` -- a table evaluator on every input of an
  aligned block, the runs sharing their common prefixes (depth-first search over
  the input tree with an undo log);
- :func:`evaluate_range` -- both sides of a claim on every string of length ``L``
  with value in ``[lo, hi)``, in parallel (``prange``), counting the strings in
  ``dom(U_m)`` as it goes;
- :func:`first_inner_failure`, :func:`all_inner_failures`, :func:`order_scan` --
  the predicates over one chunk's values;
- :func:`tree_normal_form_slice` -- the busy-beaver search's enumeration in tree
  normal form, resumable, deciding most out-of-fuel tables by proofs that they never
  halt (docs/engine.md, "Runs and the busy-beaver search").

A summary keeps the first :data:`OUTPUT_BITS` output bits, bit ``i`` of the
output at bit ``i`` of the integer.
"""

from __future__ import annotations

from typing import Any

import numba
import numpy as np
from numba import prange

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


@numba.njit(cache=True)
def _popcount(value):  # type: ignore[no-untyped-def]
    """Return the number of 1 bits of ``0 <= value < 2**62`` (a branch-free bit count)."""
    value = np.int64(value)
    value = value - ((value >> 1) & np.int64(0x5555555555555555))
    value = (value & np.int64(0x3333333333333333)) + ((value >> 2) & np.int64(0x3333333333333333))
    value = (value + (value >> 4)) & np.int64(0x0F0F0F0F0F0F0F0F)
    return (value * np.int64(0x0101010101010101)) >> 56


@numba.njit(cache=True)
def _evaluate_block(  # type: ignore[no-untyped-def]
    length,
    first,
    stop,
    lo,
    mesa_mode,
    mesa_delta,
    mesa_k,
    mesa_fuel,
    base_mode,
    base_fuel,
    buffer_size,
    shared_prefixes,
    out_defined,
    out_mesa,
    out_num,
    out_den,
):
    """Evaluate the strings with values ``first .. stop - 1`` sequentially (one thread).

    With ``shared_prefixes`` a table evaluator's runs share their common input
    prefixes (:func:`evaluate_table_on_inputs`) when the block is aligned.
    Returns ``(programs, in_domain)``: the programs the base side ran, and how many
    of the strings lie in ``dom(U_m)`` (counted as each string's outcome is read,
    not in a second pass).
    """
    buffer = np.zeros(buffer_size, np.uint8)
    bits = np.zeros(max(length, 1), np.uint8)
    size = stop - first
    shared = (
        shared_prefixes
        and mesa_mode == MESA_TABLE
        and size > 0
        and size & (size - 1) == 0
        and first % size == 0
    )
    if shared:
        room = mesa_fuel + 1 + max(2 * length, mesa_fuel) + 2
        tape = np.zeros(room, np.uint8)
        log_cells = np.zeros(mesa_fuel + 2 * length + 2, np.int64)
        log_values = np.zeros(mesa_fuel + 2 * length + 2, np.uint8)
        evaluate_table_on_inputs(
            mesa_delta,
            mesa_k,
            mesa_fuel,
            length,
            first,
            size,
            lo,
            tape,
            log_cells,
            log_values,
            out_defined,
            out_mesa,
        )
    previous_used = -1
    previous_key = np.int64(-1)
    cached_halted = 0
    cached_steps = 0
    cached_ones = 0
    cached_len = 0
    cached_bits = np.int64(0)
    programs = 0
    in_domain = 0
    for value in range(first, stop):
        index = value - lo
        if shared and (out_defined[index] == 0 or base_mode == BASE_CODE_ONES):
            if out_defined[index] == 1:
                in_domain += 1
                out_num[index] = _popcount(value)
                out_den[index] = 1
            continue
        for i in range(length):
            bits[i] = (value >> (length - 1 - i)) & 1
        if shared:
            pass
        elif mesa_mode == MESA_TABLE:
            halted, _, ones, _, _ = run_table_summary(
                mesa_delta, mesa_k, bits, 0, length, mesa_fuel, buffer, False
            )
            out_defined[index] = halted
            out_mesa[index] = ones
        elif mesa_mode == MESA_INPUT_ONES:
            out_defined[index] = 1
            out_mesa[index] = length + _popcount(value)
        else:
            out_defined[index] = 0
            out_mesa[index] = 0
        if out_defined[index] == 0:
            continue
        in_domain += 1
        if base_mode == BASE_CODE_ONES:
            out_num[index] = _popcount(value)
            out_den[index] = 1
            continue
        used = used_length(bits, 0, length)
        key = value >> (length - used)
        if used != previous_used or key != previous_key:
            previous_used = used
            previous_key = key
            programs += 1
            cached_halted, cached_steps, cached_ones, cached_len, cached_bits = run_code(
                bits, 0, length, 0, 0, base_fuel, buffer, base_mode == BASE_SELF_REPLICATION
            )
        if base_mode == BASE_PRODUCTIVITY:
            out_num[index] = cached_ones if cached_halted else 0
            out_den[index] = 1
        elif base_mode == BASE_BUSYNESS:
            out_num[index] = cached_steps if cached_halted else 0
            out_den[index] = 1
        elif cached_halted == 0:
            out_num[index] = 0
            out_den[index] = 1
        else:
            # self_replication: a**2 / max(|o|, |t|), 0 when both are empty
            # (docs/semantics.md#self-replication).
            longest = max(cached_len, length)
            if longest == 0:
                out_num[index] = 0
                out_den[index] = 1
            else:
                agreeing = 0
                for i in range(min(cached_len, length)):
                    if ((cached_bits >> i) & 1) == bits[i]:
                        agreeing += 1
                out_num[index] = agreeing * agreeing
                out_den[index] = longest
    return programs, in_domain


@numba.njit(parallel=True, cache=True)
def evaluate_range(  # type: ignore[no-untyped-def]
    length,
    lo,
    hi,
    mesa_mode,
    mesa_delta,
    mesa_k,
    mesa_fuel,
    base_mode,
    base_fuel,
    buffer_size,
    blocks,
    shared_prefixes,
    out_defined,
    out_mesa,
    out_num,
    out_den,
):
    """Evaluate both sides on every string of length ``length`` with value in ``[lo, hi)``.

    Writes ``U_m`` (``out_defined``, ``out_mesa``) and ``U = out_num / out_den``
    (only where ``U_m`` is defined) at index ``value - lo``; returns
    ``(programs, in_domain)``: the number of programs the base side ran (strings
    sharing a used prefix share a run) and the number of strings in ``dom(U_m)``.
    """
    count = hi - lo
    programs = np.zeros(blocks, np.int64)
    in_domain = np.zeros(blocks, np.int64)
    for block in prange(blocks):
        first = lo + count * block // blocks
        stop = lo + count * (block + 1) // blocks
        programs[block], in_domain[block] = _evaluate_block(
            length,
            first,
            stop,
            lo,
            mesa_mode,
            mesa_delta,
            mesa_k,
            mesa_fuel,
            base_mode,
            base_fuel,
            buffer_size,
            shared_prefixes,
            out_defined,
            out_mesa,
            out_num,
            out_den,
        )
    return programs.sum(), in_domain.sum()


@numba.njit(cache=True)
def first_inner_failure(count, out_defined, out_mesa, out_num, out_den, eps_num, eps_den):  # type: ignore[no-untyped-def]
    """Return the first index where ``|U - U_m| > eps`` on the domain, or -1.

    With ``eps = 0`` this is inner alignment: ``U = U_m``.
    """
    for index in range(count):
        if out_defined[index] == 0:
            continue
        difference = out_num[index] - out_mesa[index] * out_den[index]
        if difference < 0:
            difference = -difference
        if difference * eps_den > eps_num * out_den[index]:
            return index
    return -1


@numba.njit(cache=True)
def all_inner_failures(count, out_defined, out_mesa, out_num, out_den, eps_num, eps_den):  # type: ignore[no-untyped-def]
    """Return every index where ``|U - U_m| > eps`` on the domain."""
    failures = np.zeros(count, np.bool_)
    for index in range(count):
        if out_defined[index] == 0:
            continue
        difference = out_num[index] - out_mesa[index] * out_den[index]
        if difference < 0:
            difference = -difference
        if difference * eps_den > eps_num * out_den[index]:
            failures[index] = True
    return np.flatnonzero(failures)


@numba.njit(cache=True)
def order_scan(  # type: ignore[no-untyped-def]
    count,
    out_defined,
    out_mesa,
    out_num,
    out_den,
    keys,
    key_num,
    key_den,
    key_witness,
    used,
    witness_base,
):
    """Extend the map ``U_m ↦ U`` over one chunk; return ``(first conflict or -1, keys used)``.

    ``keys[:used]`` are the ``U_m`` values seen, sorted, with ``U = key_num / key_den``
    and the first string (``witness_base + index``) that had it. While the map is a
    strictly increasing function, a new pair need only be compared with the
    neighbouring keys. The caller makes ``keys`` long enough for every value.
    """
    for index in range(count):
        if out_defined[index] == 0:
            continue
        mesa = out_mesa[index]
        num = out_num[index]
        den = out_den[index]
        lo = 0
        hi = used
        while lo < hi:
            middle = (lo + hi) // 2
            if keys[middle] < mesa:
                lo = middle + 1
            else:
                hi = middle
        if lo < used and keys[lo] == mesa:
            if key_num[lo] * den != num * key_den[lo]:
                return index, used
            continue
        # keys[lo - 1] < mesa < keys[lo]: U must lie strictly between their U values.
        if lo > 0 and not key_num[lo - 1] * den < num * key_den[lo - 1]:
            return index, used
        if lo < used and not num * key_den[lo] < key_num[lo] * den:
            return index, used
        for j in range(used, lo, -1):
            keys[j] = keys[j - 1]
            key_num[j] = key_num[j - 1]
            key_den[j] = key_den[j - 1]
            key_witness[j] = key_witness[j - 1]
        keys[lo] = mesa
        key_num[lo] = num
        key_den[lo] = den
        key_witness[lo] = witness_base + index
        used += 1
    return -1, used


@numba.njit(cache=True)
def _fill_leaf(out_defined, out_mesa, first_index, free_bits, halted, ones):  # type: ignore[no-untyped-def]
    """Record one outcome for the ``2**free_bits`` strings below a node of the input tree.

    ``ones`` counts the revealed cells; each string adds its unrevealed input ones,
    given by the caller as a base count plus the free suffix's ones.
    """
    for suffix in range(1 << free_bits):
        out_defined[first_index + suffix] = halted
        out_mesa[first_index + suffix] = ones + _popcount(suffix) if halted else 0


@numba.njit(cache=True)
def evaluate_table_on_inputs(  # type: ignore[no-untyped-def]
    delta, k, fuel, length, first, size, lo, tape, log_cells, log_values, out_defined, out_mesa
):
    """Run a table evaluator on every input ``t`` of one length sharing a prefix.

    The inputs are the ``size`` strings of length ``length`` with values
    ``first .. first + size - 1`` (``size`` a power of two dividing ``first``); the
    outcome of ``t`` (halted, ``ones``) is written at index ``value - lo``.

    The runs share their common prefixes: the input tree is searched depth first,
    and a cell of the input is revealed only when the head first reads it. Reading
    input bit ``j`` branches (0, then 1) unless bit ``j`` is fixed by ``first``; a
    run that halts or runs out of fuel before reading bit ``j`` decides every string
    below its node at once. Backtracking undoes the tape writes recorded in the log
    (``log_cells``/``log_values``, as long as ``fuel + 2 * length + 2``); ``tape``
    has ``origin = fuel + 1`` for cell 0, room for every reachable cell, and is
    left zeroed.
    """
    free = 0
    while (1 << free) < size:
        free += 1
    fixed = length - free
    prefix = first >> free
    if k == 0:
        # No states: halts at once with the input tape, |t| + code_ones(t) ones.
        _fill_leaf(out_defined, out_mesa, first - lo, free, 1, length + _popcount(prefix))
        return
    origin = fuel + 1
    end_of_input = 2 * length
    # Branch points, one per input bit: the registers before the bit was revealed.
    saved_head = np.zeros(length + 1, np.int64)
    saved_state = np.zeros(length + 1, np.int64)
    saved_steps = np.zeros(length + 1, np.int64)
    saved_ones = np.zeros(length + 1, np.int64)
    saved_log = np.zeros(length + 1, np.int64)
    taken = np.zeros(length + 1, np.int64)  # 1 when the branch with bit 1 is running
    pending = np.zeros(length + 1, np.int64)  # stack of bit indices with a branch to take
    pending_top = 0
    log_top = 0
    head = origin
    state = 0
    steps = 0
    ones = 0
    frontier = 0  # the first unrevealed input cell; cells [frontier, 2 * length) are unread
    path = 0  # the revealed input bits, most significant first
    while True:
        # Run until the outcome is decided for every string below the current node.
        halted = 0
        while True:
            if steps == fuel:
                break
            cell = head - origin
            if cell == frontier and frontier < end_of_input:
                j = frontier >> 1
                if frontier & 1 == 0:
                    value = 1  # a marker: bit j exists, as every string here has length > j
                else:
                    if j < fixed:
                        value = (prefix >> (fixed - 1 - j)) & 1
                    else:
                        saved_head[j] = head
                        saved_state[j] = state
                        saved_steps[j] = steps
                        saved_ones[j] = ones
                        saved_log[j] = log_top
                        taken[j] = 0
                        pending[pending_top] = j
                        pending_top += 1
                        value = 0
                    path = 2 * path + value
                if value == 1:
                    log_cells[log_top] = head
                    log_values[log_top] = 0
                    log_top += 1
                    tape[head] = 1
                    ones += 1
                frontier += 1
                continue
            symbol = tape[head]
            packed = delta[2 * state + symbol]
            written = packed & 1
            if written != symbol:
                log_cells[log_top] = head
                log_values[log_top] = symbol
                log_top += 1
                tape[head] = written
                ones += written - symbol
            head += 2 * ((packed >> 1) & 1) - 1
            steps += 1
            following = packed >> 2
            if following == 0:
                halted = 1
                break
            state = following - 1
        # The revealed bits: all of the first `decided`; the rest are free.
        decided = frontier >> 1
        unrevealed = (length - decided) - (frontier & 1)  # the markers not yet read
        if decided >= fixed:
            node_first = (path << (length - decided)) - lo
            _fill_leaf(
                out_defined, out_mesa, node_first, length - decided, halted, ones + unrevealed
            )
        else:
            # Bits decided .. fixed - 1 were not read but are fixed by the block.
            unread_fixed = _popcount(prefix & ((1 << (fixed - decided)) - 1))
            _fill_leaf(
                out_defined, out_mesa, first - lo, free, halted, ones + unrevealed + unread_fixed
            )
        # Backtrack to the deepest branch point still owing its bit-1 branch.
        while pending_top > 0 and taken[pending[pending_top - 1]] == 1:
            pending_top -= 1
        if pending_top == 0:
            break
        j = pending[pending_top - 1]
        taken[j] = 1
        while log_top > saved_log[j]:
            log_top -= 1
            tape[log_cells[log_top]] = log_values[log_top]
        head = saved_head[j]
        state = saved_state[j]
        steps = saved_steps[j]
        ones = saved_ones[j] + 1
        frontier = 2 * j + 2
        path = ((path >> (decided - j)) << 1) | 1  # bits 0..j-1 kept, bit j set
        log_cells[log_top] = head
        log_values[log_top] = 0
        log_top += 1
        tape[head] = 1
    while log_top > 0:
        log_top -= 1
        tape[log_cells[log_top]] = log_values[log_top]


FUSED_PIECE = 1 << 14
"""Strings a block of :func:`first_failure_range` evaluates and checks at a time."""


@numba.njit(parallel=True, cache=True)
def first_failure_range(  # type: ignore[no-untyped-def]
    length,
    lo,
    hi,
    mesa_mode,
    mesa_delta,
    mesa_k,
    mesa_fuel,
    base_mode,
    base_fuel,
    buffer_size,
    blocks,
    shared_prefixes,
    eps_num,
    eps_den,
):
    """Return ``(first failure, in_domain)`` over the strings with value in ``[lo, hi)``.

    The first failure is the first value where ``|U - U_m| > eps`` on the domain,
    or -1; ``in_domain`` is how many of the strings evaluated lie in ``dom(U_m)``
    (all of ``[lo, hi)`` when there is no failure; blocks stop at their first
    failure, so the count is then partial).

    Like :func:`evaluate_range` followed by :func:`first_inner_failure`, but each
    block evaluates and checks its strings in pieces of :data:`FUSED_PIECE` in its
    own small arrays, so a call can cover many strings (one parallel region, little
    memory) and a block stops at its first failure. ``hi - lo``, ``blocks`` and the
    piece size are powers of two with ``lo`` aligned, so every piece is aligned.
    """
    count = hi - lo
    found = np.full(blocks, -1, np.int64)
    in_domain = np.zeros(blocks, np.int64)
    for block in prange(blocks):
        first = lo + count * block // blocks
        stop = lo + count * (block + 1) // blocks
        piece = min(FUSED_PIECE, max(1, stop - first))
        defined = np.zeros(piece, np.uint8)
        mesa = np.zeros(piece, np.int64)
        num = np.zeros(piece, np.int64)
        den = np.ones(piece, np.int64)
        start = first
        while start < stop:
            end = min(stop, start + piece)
            _, defined_here = _evaluate_block(
                length,
                start,
                end,
                start,
                mesa_mode,
                mesa_delta,
                mesa_k,
                mesa_fuel,
                base_mode,
                base_fuel,
                buffer_size,
                shared_prefixes,
                defined,
                mesa,
                num,
                den,
            )
            in_domain[block] += defined_here
            failure = first_inner_failure(end - start, defined, mesa, num, den, eps_num, eps_den)
            if failure >= 0:
                found[block] = start + failure
                break
            start = end
    for block in range(blocks):
        if found[block] >= 0:
            return found[block], in_domain.sum()
    return np.int64(-1), in_domain.sum()


# Fields of a level of tree_normal_form_slice's stack (one row of ``levels``).
_T_HEAD, _T_STATE, _T_STEPS, _T_USED, _T_INDEX, _T_SYMBOL = 0, 1, 2, 3, 4, 5
_T_CHILD, _T_CHILDREN, _T_REACH, _T_MOVES, _T_BLANK_LEFT, _T_BLANK_RIGHT = 6, 7, 8, 9, 10, 11
_T_LOW, _T_HIGH = 12, 13  # the cells the run has visited: every other cell is blank
_T_DIRTY_LOW, _T_DIRTY_HIGH = 14, 15  # the level's tape row is blank outside these cells
LEVEL_FIELDS = 16
# Fields of its control array.
_C_DEPTH, _C_EXAMINED, _C_HALTING, _C_OUT, _C_TOP, _C_STARTED = 0, 1, 2, 3, 4, 5
CONTROL_FIELDS = 6
# Fields of a kept record-breaking configuration (one row of ``records``).
_R_TIME, _R_HEAD, _R_LOW, _R_HIGH = 0, 1, 2, 3
RECORD_FIELDS = 4
RECORDS_KEPT = 2
"""Record-breaking configurations kept per state and side for the translated-cycle proof."""

# The search's functions allocate nothing, so they are compiled without numba's
# reference counting (UNCOUNTED): with it, every array passed in a call and every
# view of an array cost two atomic updates, which took half of the search's time. Rows
# are indexed in place, never sliced.
UNCOUNTED: dict[str, Any] = {"cache": True, "_nrt": False}
"""``njit`` options for a function that allocates no array: no reference counting."""


@numba.njit(**UNCOUNTED)
def _tnf_offer(value, order, partial, top_values, top_orders, top_tables, control):  # type: ignore[no-untyped-def]
    """Keep the best values, the earliest on ties (as ``mesaform.model.search.BestMachines``)."""
    kept = control[_C_TOP]
    capacity = top_values.shape[0]
    if kept < capacity:
        slot = kept
        control[_C_TOP] = kept + 1
    else:
        slot = 0
        for i in range(1, capacity):  # the weakest: least value, latest on ties
            if top_values[i] < top_values[slot] or (
                top_values[i] == top_values[slot] and top_orders[i] > top_orders[slot]
            ):
                slot = i
        if value <= top_values[slot]:
            return
    top_values[slot] = value
    top_orders[slot] = order
    for i in range(partial.shape[0]):
        top_tables[slot, i] = partial[i]


@numba.njit(**UNCOUNTED)
def _tnf_may_halt(partial, state, reach):  # type: ignore[no-untyped-def]
    """Whether an undefined transition's state can be reached from ``state`` at all.

    Follows the defined transitions' next states (whatever the tape holds), so
    ``False`` proves the run never meets an undefined transition: it never halts.
    ``reach`` is scratch of ``2 * states`` entries (marks, then a stack).
    """
    states = partial.shape[0] // 2
    for i in range(states):
        reach[i] = 0
    reach[state] = 1
    reach[states] = state
    waiting = 1
    while waiting > 0:
        waiting -= 1
        current = reach[states + waiting]
        for symbol in range(2):
            entry = partial[2 * current + symbol]
            if entry < 0:
                return True
            following = entry >> 2
            if reach[following] == 0:
                reach[following] = 1
                reach[states + waiting] = following
                waiting += 1
    return False


@numba.njit(**UNCOUNTED)
def _tnf_kept(snapshots, row, cell, low, high):  # type: ignore[no-untyped-def]
    """A kept tape's cell: row ``row`` holds the cells ``[low, high]``; the others were blank."""
    return snapshots[row, cell] if low <= cell <= high else 0


@numba.njit(**UNCOUNTED)
def _tnf_translated(tapes, level, head, state, side, t, snapshots, records, history):  # type: ignore[no-untyped-def]
    """Whether the record-breaking configuration now repeats a kept one, shifted.

    A *record* is a step that takes the head to a cell never visited, so every cell
    beyond it is blank. If an earlier record (time ``t1``, cell ``p1``, same state,
    same side) saw, on the cells the head visited from ``t1`` to now (from ``m``, the
    farthest it went back, to ``p1``), what the tape now holds at the same cells
    shifted by ``p - p1``, then the run from now is the run from ``t1`` shifted, ending
    at another such record: it repeats forever and never halts.
    """
    base = (2 * state + side) * RECORDS_KEPT
    for slot in range(base, base + RECORDS_KEPT):
        t1 = records[slot, _R_TIME]
        if t1 < 0:
            continue
        p1, low, high = records[slot, _R_HEAD], records[slot, _R_LOW], records[slot, _R_HIGH]
        shift = head - p1
        far = head
        if side == 1:
            for u in range(t1, t):
                far = min(far, history[u])
            first, last = far, p1
        else:
            for u in range(t1, t):
                far = max(far, history[u])
            first, last = p1, far
        same = True
        for cell in range(first, last + 1):
            if _tnf_kept(snapshots, slot, cell, low, high) != tapes[level, cell + shift]:
                same = False
                break
        if same:
            return True
    return False


@numba.njit(**UNCOUNTED)
def _tnf_run(  # type: ignore[no-untyped-def]
    partial, tapes, level, head, state, steps, fuel, low, high, snapshots, records, history
):
    """Run on tape row ``level`` until an undefined transition, the fuel, or a proof.

    Return ``(head, state, steps, entry, low, high)``: ``entry < 0`` is the undefined
    transition reached at ``steps``; otherwise the run is out of fuel, having run
    ``fuel`` steps or been proved never to halt (``entry == 0``, ``steps`` then
    meaningless): its configuration repeated exactly (compared with the one kept at
    steps 1, 2, 4, 8, ... of this run, Brent's cycle finding) or shifted
    (:func:`_tnf_translated`). ``[low, high]`` are the cells visited: every other
    cell is blank.
    """
    entry = partial[2 * state + tapes[level, head]]
    if entry < 0 or steps >= fuel:
        return head, state, steps, entry, low, high
    for slot in range(records.shape[0]):
        records[slot, _R_TIME] = -1
    brent = records.shape[0]  # the last row of snapshots
    for cell in range(low, high + 1):
        snapshots[brent, cell] = tapes[level, cell]
    kept_low, kept_high, kept_head, kept_state = low, high, head, state
    power, length = 1, 0
    t = 0
    while entry >= 0 and steps < fuel:
        history[t] = head
        tapes[level, head] = entry & 1
        head += 1 if (entry >> 1) & 1 else -1
        state = entry >> 2
        steps += 1
        t += 1
        if head > high or head < low:
            side = 1 if head > high else 0
            if side == 1:
                high = head
            else:
                low = head
            if _tnf_translated(tapes, level, head, state, side, t, snapshots, records, history):
                return head, state, steps, np.int64(0), low, high
            base = (2 * state + side) * RECORDS_KEPT
            slot = base
            for other in range(base + 1, base + RECORDS_KEPT):  # the oldest, or an empty one
                if records[other, _R_TIME] < records[slot, _R_TIME]:
                    slot = other
            records[slot, _R_TIME], records[slot, _R_HEAD] = t, head
            records[slot, _R_LOW], records[slot, _R_HIGH] = low, high
            for cell in range(low, high + 1):
                snapshots[slot, cell] = tapes[level, cell]
        elif state == kept_state and head == kept_head:
            same = True
            for cell in range(low, high + 1):
                if tapes[level, cell] != _tnf_kept(snapshots, brent, cell, kept_low, kept_high):
                    same = False
                    break
            if same:
                return head, state, steps, np.int64(0), low, high
        length += 1
        if length == power:
            for cell in range(low, high + 1):
                snapshots[brent, cell] = tapes[level, cell]
            kept_low, kept_high, kept_head, kept_state = low, high, head, state
            power, length = 2 * power, 0
        entry = partial[2 * state + tapes[level, head]]
    return head, state, steps, entry, low, high


@numba.njit(**UNCOUNTED)
def _tnf_enter(  # type: ignore[no-untyped-def]
    level, states, by_steps, partial, tapes, levels, top_values, top_orders, top_tables, control
):
    """Score the halting table on ``level`` (run already) and prepare its children."""
    head = levels[level, _T_HEAD]
    steps = levels[level, _T_STEPS]
    low, high = levels[level, _T_LOW], levels[level, _T_HIGH]
    symbol = tapes[level, head]
    ones = 0
    for cell in range(low, high + 1):
        ones += tapes[level, cell]
    ones += 1 - symbol
    control[_C_HALTING] += 1
    order = control[_C_EXAMINED]
    control[_C_EXAMINED] = order + 1
    value = steps + 1 if by_steps else ones
    _tnf_offer(value, order, partial, top_values, top_orders, top_tables, control)
    levels[level, _T_INDEX] = 2 * levels[level, _T_STATE] + symbol
    levels[level, _T_SYMBOL] = symbol
    levels[level, _T_CHILD] = 0
    levels[level, _T_REACH] = min(levels[level, _T_USED] + 1, states)
    levels[level, _T_MOVES] = 1 if steps == 0 else 2
    levels[level, _T_CHILDREN] = 2 * levels[level, _T_MOVES] * levels[level, _T_REACH]
    left = 1
    for cell in range(low, head):
        if tapes[level, cell]:
            left = 0
            break
    right = 1
    for cell in range(head + 1, high + 1):
        if tapes[level, cell]:
            right = 0
            break
    levels[level, _T_BLANK_LEFT] = left
    levels[level, _T_BLANK_RIGHT] = right


@numba.njit(**UNCOUNTED)
def tree_normal_form_slice(  # type: ignore[no-untyped-def]
    states,
    fuel,
    by_steps,
    budget,
    partial,
    tapes,
    levels,
    top_values,
    top_orders,
    top_tables,
    control,
    reach,
    snapshots,
    records,
    history,
):
    """Continue the tree-normal-form enumeration for at most ``budget`` more tables.

    Mirrors ``mesaform.model.search.tree_normal_form_leaves`` table for table, in the same
    depth-first order (parent, then children by write, move, next state), with
    the state kept in the arrays so a search can be resumed: ``partial`` (packed
    transitions, -1 undefined), one tape and one row of ``levels`` per depth,
    ``control`` (depth, tables examined, halting, out of fuel, best kept, started)
    and the best values with their order and table. Return whether it finished.

    A table is out of fuel when its run does not meet an undefined transition within
    ``fuel`` steps. Most are decided without running ``fuel`` steps, by proofs that
    the run never meets one: no state with an undefined transition is reachable
    (:func:`_tnf_may_halt`), or the run repeats itself exactly or shifted
    (:func:`_tnf_run`). Only such proofs are used, so every table gets the outcome a
    plain run gives (tested against the Python enumeration). Scratch: ``reach`` (``2
    * states``), ``snapshots`` (``4 * states + 1`` tapes), ``records`` (``4 * states``
    rows), ``history`` (``fuel + 1``).
    """
    origin = fuel + 1
    size = tapes.shape[1]
    stop = control[_C_EXAMINED] + budget
    if control[_C_STARTED] == 0:
        control[_C_STARTED] = 1
        for level in range(tapes.shape[0]):
            for cell in range(size):
                tapes[level, cell] = 0
            levels[level, _T_DIRTY_LOW], levels[level, _T_DIRTY_HIGH] = origin, origin
        levels[0, _T_USED] = 1
        head, state, steps, entry, low, high = _tnf_run(
            partial, tapes, 0, origin, 0, 0, fuel, origin, origin, snapshots, records, history
        )
        levels[0, _T_HEAD], levels[0, _T_STATE], levels[0, _T_STEPS] = head, state, steps
        levels[0, _T_LOW], levels[0, _T_HIGH] = low, high
        levels[0, _T_DIRTY_LOW], levels[0, _T_DIRTY_HIGH] = low, high
        if entry >= 0 or steps == fuel:
            control[_C_OUT] += 1
            _tnf_offer(
                0, control[_C_EXAMINED], partial, top_values, top_orders, top_tables, control
            )
            control[_C_EXAMINED] += 1
            control[_C_DEPTH] = -1
        else:
            _tnf_enter(
                0,
                states,
                by_steps,
                partial,
                tapes,
                levels,
                top_values,
                top_orders,
                top_tables,
                control,
            )
            control[_C_DEPTH] = 0
    while control[_C_DEPTH] >= 0 and control[_C_EXAMINED] < stop:
        depth = control[_C_DEPTH]
        child = levels[depth, _T_CHILD]
        if child == levels[depth, _T_CHILDREN]:
            partial[levels[depth, _T_INDEX]] = -1
            control[_C_DEPTH] = depth - 1
            continue
        levels[depth, _T_CHILD] = child + 1
        reachable = levels[depth, _T_REACH]
        per_write = levels[depth, _T_MOVES] * reachable
        write = child // per_write
        rest = child % per_write
        right = 1 if levels[depth, _T_MOVES] == 1 or rest // reachable == 1 else 0
        target = rest % reachable
        partial[levels[depth, _T_INDEX]] = write | (right << 1) | (target << 2)
        state = levels[depth, _T_STATE]
        blank = levels[depth, _T_BLANK_RIGHT] if right else levels[depth, _T_BLANK_LEFT]
        out = levels[depth, _T_SYMBOL] == 0 and target == state and blank == 1
        # No undefined transition reachable: out of fuel, without copying the tape.
        out = out or not _tnf_may_halt(partial, state, reach)
        below = depth + 1
        if not out:
            # The row below becomes a copy of this level's tape: both are blank outside
            # their dirty cells, so copying the union of those is enough.
            first = min(levels[depth, _T_DIRTY_LOW], levels[below, _T_DIRTY_LOW])
            last = max(levels[depth, _T_DIRTY_HIGH], levels[below, _T_DIRTY_HIGH])
            for cell in range(first, last + 1):
                tapes[below, cell] = tapes[depth, cell]
            head, state, steps, entry, low, high = _tnf_run(
                partial,
                tapes,
                below,
                levels[depth, _T_HEAD],
                state,
                levels[depth, _T_STEPS],
                fuel,
                levels[depth, _T_LOW],
                levels[depth, _T_HIGH],
                snapshots,
                records,
                history,
            )
            levels[below, _T_DIRTY_LOW] = min(first, low)
            levels[below, _T_DIRTY_HIGH] = max(last, high)
            out = entry >= 0 or steps == fuel
        if out:
            control[_C_OUT] += 1
            _tnf_offer(
                0, control[_C_EXAMINED], partial, top_values, top_orders, top_tables, control
            )
            control[_C_EXAMINED] += 1
            continue
        levels[below, _T_HEAD], levels[below, _T_STATE], levels[below, _T_STEPS] = (
            head,
            state,
            steps,
        )
        levels[below, _T_LOW], levels[below, _T_HIGH] = low, high
        levels[below, _T_USED] = max(levels[depth, _T_USED], target + 1)
        _tnf_enter(
            below,
            states,
            by_steps,
            partial,
            tapes,
            levels,
            top_values,
            top_orders,
            top_tables,
            control,
        )
        control[_C_DEPTH] = below
    return control[_C_DEPTH] < 0
