"""The busy-beaver search's compiled enumeration in tree normal form (numba).

The base optimizer's search over bounded tables (docs/search.md), compiled: the same
tables in the same order as ``mesaform.model.search.tree_normal_form_leaves``, with the
same outcome for each (``tests/test_search.py`` compares them), resumable in slices.

Main definitions:

- :func:`tree_normal_form_slice` -- continue the enumeration for a budget of tables,
  deciding most out-of-fuel tables by the proofs of
  :mod:`mesaform.model.kernels.never_halts`;
- :data:`LEVEL_FIELDS`, :data:`CONTROL_FIELDS` -- the widths of its state arrays.
"""

from __future__ import annotations

import numba

from mesaform.model.kernels.never_halts import UNCOUNTED, may_halt, run_or_prove

# Fields of a level of tree_normal_form_slice's stack (one row of ``levels``).
_T_HEAD, _T_STATE, _T_STEPS, _T_USED, _T_INDEX, _T_SYMBOL = 0, 1, 2, 3, 4, 5
_T_CHILD, _T_CHILDREN, _T_REACH, _T_MOVES, _T_BLANK_LEFT, _T_BLANK_RIGHT = 6, 7, 8, 9, 10, 11
_T_LOW, _T_HIGH = 12, 13  # the cells the run has visited: every other cell is blank
_T_DIRTY_LOW, _T_DIRTY_HIGH = 14, 15  # the level's tape row is blank outside these cells
LEVEL_FIELDS = 16
# Fields of its control array.
_C_DEPTH, _C_EXAMINED, _C_HALTING, _C_OUT, _C_TOP, _C_STARTED = 0, 1, 2, 3, 4, 5
CONTROL_FIELDS = 6


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
def _tnf_out_of_fuel(partial, top_values, top_orders, top_tables, control):  # type: ignore[no-untyped-def]
    """Count the table ``partial`` as out of fuel: it scores 0 and is offered in its order."""
    control[_C_OUT] += 1
    _tnf_offer(0, control[_C_EXAMINED], partial, top_values, top_orders, top_tables, control)
    control[_C_EXAMINED] += 1


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
    (:func:`may_halt`), or the run repeats itself exactly or shifted
    (:func:`run_or_prove`). Only such proofs are used, so every table gets the outcome a
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
        head, state, steps, entry, low, high = run_or_prove(
            partial, tapes, 0, origin, 0, 0, fuel, origin, origin, snapshots, records, history
        )
        levels[0, _T_HEAD], levels[0, _T_STATE], levels[0, _T_STEPS] = head, state, steps
        levels[0, _T_LOW], levels[0, _T_HIGH] = low, high
        levels[0, _T_DIRTY_LOW], levels[0, _T_DIRTY_HIGH] = low, high
        if entry >= 0 or steps == fuel:
            _tnf_out_of_fuel(partial, top_values, top_orders, top_tables, control)
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
        out = out or not may_halt(partial, state, reach)
        below = depth + 1
        if not out:
            # The row below becomes a copy of this level's tape: both are blank outside
            # their dirty cells, so copying the union of those is enough.
            first = min(levels[depth, _T_DIRTY_LOW], levels[below, _T_DIRTY_LOW])
            last = max(levels[depth, _T_DIRTY_HIGH], levels[below, _T_DIRTY_HIGH])
            for cell in range(first, last + 1):
                tapes[below, cell] = tapes[depth, cell]
            head, state, steps, entry, low, high = run_or_prove(
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
            _tnf_out_of_fuel(partial, top_values, top_orders, top_tables, control)
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
