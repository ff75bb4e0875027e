"""The compiled proofs that a run never halts (numba), for the busy-beaver search.

A run of the search's tree-normal-form enumeration is *out of fuel* when it meets no
undefined transition within its fuel (docs/engine.md, "Runs and the busy-beaver
search"). These kernels decide most such runs without running out the fuel, by proofs
that the run never meets one, so that every table gets the outcome a plain run gives
(``tests/test_compiled_runs.py`` and ``tests/test_search.py`` compare them).

Main definitions:

- :func:`may_halt` -- whether a state with an undefined transition is reachable at all;
- :func:`run_or_prove` -- run until an undefined transition, the fuel, or a proof that
  the configuration repeats, exactly (Brent's cycle finding) or shifted
  (:func:`repeats_shifted`);
- :data:`UNCOUNTED` -- the ``njit`` options of the search's kernels.
"""

from __future__ import annotations

from typing import Any

import numba
import numpy as np

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
def may_halt(partial, state, reach):  # type: ignore[no-untyped-def]
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
def kept_cell(snapshots, row, cell, low, high):  # type: ignore[no-untyped-def]
    """A kept tape's cell: row ``row`` holds the cells ``[low, high]``; the others were blank."""
    return snapshots[row, cell] if low <= cell <= high else 0


@numba.njit(**UNCOUNTED)
def repeats_shifted(tapes, level, head, state, side, t, snapshots, records, history):  # type: ignore[no-untyped-def]
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
            if kept_cell(snapshots, slot, cell, low, high) != tapes[level, cell + shift]:
                same = False
                break
        if same:
            return True
    return False


@numba.njit(**UNCOUNTED)
def run_or_prove(  # type: ignore[no-untyped-def]
    partial, tapes, level, head, state, steps, fuel, low, high, snapshots, records, history
):
    """Run on tape row ``level`` until an undefined transition, the fuel, or a proof.

    Return ``(head, state, steps, entry, low, high)``: ``entry < 0`` is the undefined
    transition reached at ``steps``; otherwise the run is out of fuel, having run
    ``fuel`` steps or been proved never to halt (``entry == 0``, ``steps`` then
    meaningless): its configuration repeated exactly (compared with the one kept at
    steps 1, 2, 4, 8, ... of this run, Brent's cycle finding) or shifted
    (:func:`repeats_shifted`). ``[low, high]`` are the cells visited: every other
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
            if repeats_shifted(tapes, level, head, state, side, t, snapshots, records, history):
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
                if tapes[level, cell] != kept_cell(snapshots, brent, cell, kept_low, kept_high):
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
