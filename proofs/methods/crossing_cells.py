"""One cell of the crossing-sequence method: how its steps join a left crossing sequence
to a right one.

Formalizes, for the dynamic program of :mod:`mesaform.proofs.methods.crossing`, what
happens on one cell of a run (docs/semantics.md#running) during the whole run: each visit
of the head is one step that reads the cell's symbol, writes, and leaves left or right,
so the cell's initial symbol and the crossing sequences on its two sides determine every
visit (docs/solvers.md#crossing-sequences). The blank cells beside the input are run
concretely instead (:class:`BlankSide`).

Main definitions:

- :class:`Behaviour` -- one way a cell joins a left sequence to a right one: the right
  sequence, the steps spent on the cell, the ones it leaves, whether the run halts there;
- :func:`cell_behaviours` -- every behaviour of a cell, within a cap on the right
  sequence's length (a longer one raises :class:`Overflow`, never dropped silently);
- :class:`BlankSide` -- the blank cells left of cell 0 and right of the input, run
  concretely;
- :class:`CrossingStatistics` -- what the method did: boundaries, states, behaviours, cap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from mesaform.spec.programs import LEFT, Table, effective_transition

Sequence_ = tuple[int, ...]
"""A crossing sequence: the states carried across a boundary, in time order."""


class Overflow(Exception):
    """A run within the fuel would need a crossing sequence longer than the cap."""


class OverBudget(Exception):
    """The dynamic program did more work than it was allowed."""


@dataclass
class CrossingStatistics:
    """What a run of the method did: boundaries scanned, states formed, cell behaviours
    computed, the cap it ended with, and how many times the cap was raised."""

    boundaries: int = 0
    states: int = 0
    behaviours: int = 0
    cap: int = 0
    raised: int = 0
    work: int = 0


@dataclass(frozen=True)
class Behaviour:
    """One way a cell joins its left crossing sequence to a right one."""

    right: Sequence_
    final: int
    """The cell's symbol at the end of the run."""
    visits: int
    """Steps taken on this cell (for cell 0, also in the blank cells left of it)."""
    halts: bool
    """The run halts on this cell (for cell 0, or left of it)."""
    ones: int = 0
    """For cell 0: the ones the run leaves in the blank cells left of it."""


_ON, _LEFT_OF, _RIGHT_OF = 0, 1, 2
HALT, DEAD = -1, -2


@dataclass
class Machine:
    """A table's transitions, indexed for the joins a cell can make."""

    delta: list[tuple[tuple[int, int, int | None], tuple[int, int, int | None]]]
    entering: list[int] = field(default_factory=list)
    """The states a head can carry leftwards across a boundary: non-halting left moves' targets."""
    returns: list[dict[int, list[int]]] = field(default_factory=list)
    """``returns[s][p]``: entering states that, reading ``s``, move left into ``p``."""
    bounces: list[list[int]] = field(default_factory=list)
    """``bounces[s]``: entering states that, reading ``s``, move right again."""
    stops: list[list[int]] = field(default_factory=list)
    """``stops[s]``: entering states that, reading ``s``, halt."""
    back: list[frozenset[int]] = field(default_factory=list)
    """``back[p]``: the states a head that crossed a boundary rightwards in ``p`` can
    cross it back leftwards in: ``p``'s own left moves (it turns at once), or a left move
    of an entering state (it went further right, came back, and turned later)."""

    @staticmethod
    def of(table: Table) -> Machine:
        delta: list[tuple[tuple[int, int, int | None], tuple[int, int, int | None]]] = []
        for state in range(table.states):
            row: list[tuple[int, int, int | None]] = []
            for symbol in (0, 1):
                t = effective_transition(table, state, symbol)
                row.append((t.write, -1 if t.move == LEFT else 1, t.next_state))
            delta.append((row[0], row[1]))
        entering = sorted(
            {nxt for row in delta for (_, move, nxt) in row if nxt is not None and move == -1}
        )
        machine = Machine(delta, entering)
        for symbol in (0, 1):
            returns: dict[int, list[int]] = {}
            bounces, stops = [], []
            for state in entering:
                _, move, nxt = delta[state][symbol]
                if nxt is None:
                    stops.append(state)
                elif move == -1:
                    returns.setdefault(nxt, []).append(state)
                else:
                    bounces.append(state)
            machine.returns.append(returns)
            machine.bounces.append(bounces)
            machine.stops.append(stops)
        later = {
            nxt
            for state in entering
            for (_, move, nxt) in delta[state]
            if nxt is not None and move == -1
        }
        for state in range(table.states):
            now = {nxt for (_, move, nxt) in delta[state] if nxt is not None and move == -1}
            machine.back.append(frozenset(now | later))
        return machine


@dataclass
class _Node:
    tape: dict[int, int]
    answer: int
    """The state the head comes back with, :data:`HALT` or :data:`DEAD` (past the fuel)."""
    steps: int
    ones: int


class BlankSide:
    """The blank cells on one side of a boundary, run concretely (no guessing).

    The head enters in the given states one after another (each time it crossed the
    boundary towards them); each entry runs on the tape the earlier ones left until the
    head crosses back (answer: its state), halts (:data:`HALT`) or has spent ``fuel``
    steps on this side in all (:data:`DEAD`). Answers are kept per sequence of entries;
    each step simulated is ``charge``d (the scan's budget of work).
    """

    def __init__(
        self, machine: Machine, inward: int, fuel: int, charge: Callable[[int], None]
    ) -> None:
        self.charge = charge
        self.delta = machine.delta
        self.inward = inward
        self.fuel = fuel
        self.nodes: dict[Sequence_, _Node] = {(): _Node({}, 0, 0, 0)}

    def answer(self, entries: Sequence_) -> _Node:
        """Return what happens after the head entered in each state of ``entries``."""
        node = self.nodes.get(entries)
        if node is not None:
            return node
        parent = self.answer(entries[:-1])
        if parent.answer < 0 and entries[:-1]:
            node = _Node(parent.tape, DEAD, parent.steps, parent.ones)
        else:
            tape = dict(parent.tape)
            steps, ones, where, state = parent.steps, parent.ones, 0, entries[-1]
            answer = DEAD
            while steps < self.fuel:
                self.charge(1)
                symbol = tape.get(where, 0)
                write, move, nxt = self.delta[state][symbol]
                if write != symbol:
                    tape[where] = write
                    ones += write - symbol
                steps += 1
                if nxt is None:
                    answer = HALT
                    break
                where += 1 if move == self.inward else -1
                state = nxt
                if where < 0:
                    answer = state
                    break
            node = _Node(tape, answer, steps, ones)
        self.nodes[entries] = node
        return node

    def check(self, sequence: Sequence_) -> _Node | None:
        """Return the run of the right side when the boundary's crossing sequence is
        ``sequence`` (entries at even places, exits at odd ones), or ``None`` if this
        side cannot produce it. ``answer`` is :data:`HALT` when the run halts there."""
        entries = sequence[0::2]
        node = self.answer(())
        for j in range(len(entries)):
            node = self.answer(entries[: j + 1])
            last = 2 * j + 1 == len(sequence)
            if node.answer == DEAD or (node.answer == HALT) != last:
                return None
            if not last and node.answer != sequence[2 * j + 1]:
                return None
        return node


def cell_behaviours(
    machine: Machine,
    left: Sequence_,
    side: int,
    symbol: int,
    cap: int,
    blank_left: BlankSide | None = None,
    limit: int = 1 << 62,
) -> tuple[list[Behaviour], int | None, int]:
    """Return every way a cell joins ``left`` to a right sequence of at most ``cap`` states.

    ``side`` is where the head starts: ``1`` left of the cell (cells ``> 0``), ``0`` on
    it in state A (cell 0, with ``blank_left`` the blank cells left of it, run
    concretely; ``left`` is then unused); ``symbol`` is the cell's initial symbol. The
    left sequence is consumed in order: a state entering from the left, or one leaving
    to the left (it must equal the next state of ``left``). A state entering from the
    right is any state a left move can produce that continues consistently; a
    behaviour ends when ``left`` is used up and the head is right of the cell (it never
    comes back), or the run halts. Also return, when some right sequence would exceed
    ``cap``, the least steps such a run needs (its visits plus one per pair of its right
    crossings), else ``None``; and how many partial behaviours were explored. Raise
    :class:`OverBudget` past ``limit`` of them.
    """
    delta = machine.delta
    out: list[Behaviour] = []
    overflow: int | None = None
    free = blank_left is not None
    start = _ON if side == 0 else _LEFT_OF
    # (index into left, position, state on the cell, symbol now, right so far, visits,
    #  exits into the blank left side so far)
    stack: list[tuple[int, int, int, int, Sequence_, int, Sequence_]] = [
        (0, start, 0, symbol, (), 0, ())
    ]
    size = len(left)
    budget = limit
    while stack:
        limit -= 1
        if limit < 0:
            raise OverBudget
        i, where, state, now, right, visits, exits = stack.pop()
        while True:
            if where == _LEFT_OF:
                if blank_left is not None:
                    node = blank_left.answer(exits)
                    if node.answer == DEAD:
                        break
                    if node.answer == HALT:
                        out.append(Behaviour(right, now, visits + node.steps, True, node.ones))
                        break
                    state, where = node.answer, _ON
                else:
                    if i == size:
                        out.append(Behaviour(right, now, visits, False))
                        break
                    state, i, where = left[i], i + 1, _ON
            if where == _ON:
                write, move, nxt = delta[state][now]
                now, visits = write, visits + 1
                if nxt is None:
                    if free or i == size:
                        steps, ones = left_totals(blank_left, exits)
                        out.append(Behaviour(right, now, visits + steps, True, ones))
                    break
                if move == -1:
                    if free:
                        exits, where = (*exits, nxt), _LEFT_OF
                        continue
                    if i < size and left[i] == nxt:
                        i, where = i + 1, _LEFT_OF
                        continue
                    break
                right = (*right, nxt)
                if len(right) > cap:
                    need = visits + (len(right) + 1) // 2
                    overflow = need if overflow is None else min(overflow, need)
                    break
            # The head is right of the cell: it stays there, or comes back in some state.
            done = free or i == size
            if done:
                steps, ones = left_totals(blank_left, exits)
                out.append(Behaviour(right, now, visits + steps, False, ones))
            if free:
                candidates = machine.entering
            elif i < size:
                candidates = [*machine.returns[now].get(left[i], ()), *machine.bounces[now]]
            else:
                candidates = [*machine.stops[now], *machine.bounces[now]]
            allowed = machine.back[right[-1]]
            candidates = [entering for entering in candidates if entering in allowed]
            if candidates and len(right) + 1 > cap:
                need = visits + 1 + (len(right) + 2) // 2
                overflow = need if overflow is None else min(overflow, need)
                break
            for entering in candidates:
                stack.append((i, _ON, entering, now, (*right, entering), visits, exits))
            break
    return out, overflow, budget - limit


def left_totals(blank_left: BlankSide | None, exits: Sequence_) -> tuple[int, int]:
    if blank_left is None:
        return 0, 0
    node = blank_left.answer(exits)
    return node.steps, node.ones


Front = list[tuple[int, int]]
"""``(steps, witness)`` pairs of one state, steps increasing and witnesses decreasing:
no pair has both more steps and a greater witness than another."""
