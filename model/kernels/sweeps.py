"""The compiled sweeps (numba): both sides of a claim on every string of a range.

Implements the enumeration of docs/checking.md for speed: every value a sweep computes
is the value :mod:`mesaform.spec.interpreter` gives (``tests/test_domain_count.py`` and
``tests/test_enumeration.py`` compare them).

Main definitions:

- :func:`evaluate_table_on_inputs` -- a table evaluator on every input of an
  aligned block, the runs sharing their common prefixes (depth-first search over
  the input tree with an undo log);
- :func:`evaluate_range` -- both sides of a claim on every string of length ``L``
  with value in ``[lo, hi)``, in parallel (``prange``), counting the strings in
  ``dom(U_m)`` as it goes;
- :func:`first_failure_range` -- the same, fused with inner alignment's check, stopping
  at the first failure;
- :func:`first_inner_failure`, :func:`all_inner_failures`, :func:`order_scan` --
  the predicates over one chunk's values.
"""

from __future__ import annotations

import numba
import numpy as np
from numba import prange

from mesaform.model.kernels.runs import (
    BASE_BUSYNESS,
    BASE_CODE_ONES,
    BASE_PRODUCTIVITY,
    BASE_SELF_REPLICATION,
    MESA_INPUT_ONES,
    MESA_TABLE,
    run_code,
    run_table_summary,
    used_length,
)


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
