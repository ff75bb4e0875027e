"""The base optimizer ``B``: searches over TM that maximise a base objective ``U``.

Formalizes the post's "We're going to run an algorithm to optimize some function
on Turing machines ... We have a function U : TM -> R which scores our machines",
the paper's base optimizer, which "searches through algorithms according to some
objective" (§7): a search over TM that maximises U, exhaustive over a bound or
local; with U = busyness it is the busy-beaver search, and agrees with the
published busy-beaver values.

Main definitions:

- :func:`tree_normal_form_search` -- the busy-beaver search over ``k``-state
  tables in tree normal form, for the run-determined objectives ``busyness``
  (the busy-beaver S) and ``productivity`` (Sigma);
- :func:`exhaustive_search` -- every bitstring ``|t| <= n``, any objective (Mesa
  programs included: every bitstring is a machine);
- :func:`local_search` -- seeded hill climbing with restarts over bitstrings or
  over ``k``-state tables, for bounds too large to enumerate;
- :class:`BestMachines`, :class:`Scored`, :class:`SearchReport` -- the best
  machines found so far and the report of a search;

Every value a report carries was replayed through the reference interpreter
(:func:`replay`); a value that does not replay raises :class:`ReplayDisagreement`.
Choices are written down in docs/search.md.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import count

from mesaform.spec.interpreter import check_fuel
from mesaform.spec.interpreter import run as reference_run
from mesaform.spec.library import RUN_READINGS, RunFunction, library_objective
from mesaform.spec.machines import TM, count_machines_up_to, machines_up_to
from mesaform.spec.objectives import Objective
from mesaform.spec.programs import LEFT, RIGHT, Move, Symbol, Table, Transition, decode, encode
from mesaform.spec.verdicts import Method
from mesaform.spec.words import plural


class ReplayDisagreement(RuntimeError):
    """A method's or search's value does not replay through the reference interpreter.

    It is a bug in that method, reported as such: never a verdict. The checking
    methods of :mod:`proofs` raise it too (through :func:`mesaform.proofs.checking.replay.replay`),
    naming the ``method`` whose counterexample it was.
    """

    def __init__(self, message: str, method: Method | None = None) -> None:
        super().__init__(message)
        self.method = method


Progress = Callable[[int], None]
"""Called now and then with the number of machines examined so far."""

ShareProgress = Callable[[int, float], None]
"""A tree search's progress: machines examined, and the share of the tree explored (0..1)."""

PROGRESS_EVERY = 2048


@dataclass(frozen=True)
class Scored:
    """A machine and its exact value ``U(machine)``."""

    machine: TM
    value: Fraction


class BestMachines:
    """Keep the ``top`` best machines seen, highest value first, the earliest seen on ties.

    ``examined`` counts the machines the search looked at (offered or not).
    """

    def __init__(self, top: int) -> None:
        if top < 1:
            raise ValueError(f"top is a positive number of machines; got {top}")
        self.top = top
        self.examined = 0
        self._heap: list[tuple[Fraction, int, TM]] = []
        self._order = count()
        self._seen: set[TM] = set()

    def would_enter(self, value: Fraction | int) -> bool:
        """Return whether a new machine of this value would enter the best ``top``."""
        return len(self._heap) < self.top or value > self._heap[0][0]

    def cutoff(self) -> Fraction | None:
        """Return the value a new machine must exceed to enter, ``None`` while not full."""
        return self._heap[0][0] if len(self._heap) == self.top else None

    def offer(self, machine: TM, value: Fraction) -> None:
        """Consider ``machine`` with value ``value``; a machine already kept is ignored."""
        if machine in self._seen or not self.would_enter(value):
            return
        entry = (value, -next(self._order), machine)
        self._seen.add(machine)
        if len(self._heap) < self.top:
            heapq.heappush(self._heap, entry)
        else:
            dropped = heapq.heapreplace(self._heap, entry)
            self._seen.discard(dropped[2])

    def ranked(self) -> tuple[Scored, ...]:
        """Return the kept machines, highest value first, earliest seen first on ties."""
        return tuple(
            Scored(machine, value) for value, _, machine in sorted(self._heap, reverse=True)
        )


@dataclass(frozen=True)
class SearchReport:
    """What a search found: its ``best`` machines (replayed), how many it examined, and how.

    ``complete`` is ``False`` when the search was interrupted: ``best`` is then the
    best found so far, not the maximum over the bound. ``counts`` holds extra
    tallies (e.g. halting and out-of-fuel machines of a tree-normal-form search).
    """

    objective: str
    method: str
    bound: str
    fuel: int
    best: tuple[Scored, ...]
    examined: int
    complete: bool
    seed: int | None = None
    counts: dict[str, int] = field(default_factory=dict)


def replay(best: tuple[Scored, ...], reference: Objective) -> tuple[Scored, ...]:
    """Recompute each value with ``reference``; raise :class:`ReplayDisagreement` on a mismatch."""
    for scored in best:
        again = reference(scored.machine)
        if again != scored.value:
            raise ReplayDisagreement(
                f"the search scored {scored.machine!r} as {scored.value}, but the reference "
                f"{reference.name} gives {again}"
            )
    return best


# --- (a) tree normal form --------------------------------------------------------------

PartialTable = tuple[tuple[int, int, int] | None, ...]
"""A table under construction: per (state, symbol), ``(write, step, next)`` or undefined."""


def completed_table(states: int, partial: PartialTable) -> Table:
    """Return the table of ``partial`` with every undefined transition written as ``1RZ``.

    An undefined transition behaves as ``1RZ`` (docs/semantics.md#running), so this table runs
    exactly as the partial one; writing it out gives the full-length code (the
    2-state champion is ``01101101100110001110``).
    """
    transitions = []
    for entry in partial:
        if entry is None:
            transitions.append(Transition(1, RIGHT, None))
        else:
            write, step, target = entry
            symbol: Symbol = 1 if write == 1 else 0
            move: Move = RIGHT if step == 1 else LEFT
            transitions.append(Transition(symbol, move, target))
    return Table(states, tuple(transitions))


def tree_normal_form_search(
    states: int,
    objective: str,
    fuel: int,
    *,
    top: int = 5,
    progress: Progress | None = None,
    interruptible: bool = False,
    reference: RunFunction = reference_run,
    share_progress: ShareProgress | None = None,
    compiled: bool = True,
) -> SearchReport:
    """Maximise busyness (S) or productivity (Sigma) over ``states``-state tables.

    The busy-beaver enumeration in tree normal form: start from the table with
    every transition undefined and run it from the blank tape. When the run
    reaches an undefined transition at step ``s < fuel``, the table as it stands
    (undefined = ``1RZ``) halts after ``s + 1`` steps and is scored; then each
    choice for that transition -- write 0/1, move L/R, next state among the states
    used so far and the first unused one -- is a child, which resumes from that
    configuration. A table that runs ``fuel`` steps without reaching an undefined
    transition stands for all its completions, which run identically for ``fuel``
    steps: out of fuel, ``U = 0``; so is a child whose new transition reads a
    blank, stays in its state and moves towards an all-blank side of the tape
    (it repeats that transition forever). Mirror images are skipped by making the first
    move right, and state renamings by introducing new states in order. Halting
    transitions other than ``1RZ`` are not enumerated: they halt after the same
    steps with at most the same ones, so they never beat ``1RZ`` (docs/search.md).

    Each reported value is replayed through ``reference`` (the interpreter).
    ``share_progress`` receives the machines examined and the share of the tree explored
    (see :func:`tree_normal_form_leaves`), from which a terminal estimates the time left.
    ``compiled`` runs the enumeration in the engine's kernel
    (:func:`mesaform.model.kernels.tree_normal_form_slice`, the same tables in the same
    order with the same outcomes, tested against :func:`tree_normal_form_leaves`; it
    decides most out-of-fuel tables by proofs that they never halt), else in Python.
    """
    if states < 1:
        raise ValueError(f"a tree-normal-form search needs at least one state; got {states}")
    check_fuel(fuel)
    if objective not in RUN_READINGS:
        raise ValueError(
            f"the tree-normal-form search maximises a reading of the run from blank "
            f"({', '.join(RUN_READINGS)}); {objective!r} depends on the code: "
            "use --max-length or --local"
        )
    by_steps = RUN_READINGS[objective] == "steps"
    best = BestMachines(top)
    tallies = {"halting": 0, "out_of_fuel": 0}
    complete = True
    cutoff: Fraction | None = None  # a value must beat this to enter the best
    try:
        if compiled:
            complete = _compiled_tree_normal_form(
                states, fuel, by_steps, best, tallies, progress, interruptible
            )
            if share_progress is not None and complete:
                share_progress(best.examined, 1.0)  # the compiled slices report counts only
            leaves: Iterator[tuple[PartialTable, tuple[int, int] | None]] = iter(())
        else:
            leaves = tree_normal_form_leaves(states, fuel, progress, share_progress)
        for partial, outcome in leaves:
            best.examined += 1
            if outcome is None:
                tallies["out_of_fuel"] += 1
                value = 0
            else:
                tallies["halting"] += 1
                value = outcome[0] if by_steps else outcome[1]
            if cutoff is None or value > cutoff:
                best.offer(encode(completed_table(states, partial)), Fraction(value))
                cutoff = best.cutoff()
    except KeyboardInterrupt:
        if not interruptible:
            raise
        complete = False
    reference_objective = library_objective(objective, fuel, reference)
    return SearchReport(
        objective=reference_objective.name,
        method="tree normal form (busy-beaver enumeration)",
        bound=plural(states, "state"),
        fuel=fuel,
        best=replay(best.ranked(), reference_objective),
        examined=best.examined,
        complete=complete,
        counts=tallies,
    )


TREE_NORMAL_FORM_SLICE = 1 << 18
"""Tables per call of the compiled enumeration; progress and Ctrl-C act between calls."""


def _compiled_tree_normal_form(
    states: int,
    fuel: int,
    by_steps: bool,
    best: BestMachines,
    tallies: dict[str, int],
    progress: Progress | None,
    interruptible: bool,
) -> bool:
    """Run the tree-normal-form enumeration in compiled slices; fill ``best`` and ``tallies``.

    Return whether it finished (``False`` when interrupted and ``interruptible``).
    """
    import numpy as np

    from mesaform.model.engine import kernels
    from mesaform.model.kernels import (
        CONTROL_FIELDS,
        LEVEL_FIELDS,
        RECORD_FIELDS,
        RECORDS_KEPT,
    )

    kernel = kernels().tree_normal_form_slice
    size = 2 * fuel + 3
    depth = 2 * states + 2
    partial = np.full(2 * states, -1, np.int64)
    tapes = np.zeros((depth, size), np.uint8)
    levels = np.zeros((depth, LEVEL_FIELDS), np.int64)
    top_values = np.zeros(best.top, np.int64)
    top_orders = np.zeros(best.top, np.int64)
    top_tables = np.zeros((best.top, 2 * states), np.int64)
    control = np.zeros(CONTROL_FIELDS, np.int64)
    records = 2 * states * RECORDS_KEPT
    scratch = (
        np.zeros(2 * states, np.int64),
        np.zeros((records + 1, size), np.uint8),
        np.zeros((records, RECORD_FIELDS), np.int64),
        np.zeros(fuel + 1, np.int64),
    )
    arrays = (partial, tapes, levels, top_values, top_orders, top_tables, control, *scratch)
    complete = True
    try:
        while not kernel(states, fuel, int(by_steps), TREE_NORMAL_FORM_SLICE, *arrays):
            if progress is not None:
                progress(int(control[1]))
    except KeyboardInterrupt:
        if not interruptible:
            raise
        complete = False
    if progress is not None:
        progress(int(control[1]))
    kept = sorted(range(int(control[4])), key=lambda i: int(top_orders[i]))
    for i in kept:
        entries = tuple(
            None if code < 0 else (int(code & 1), 1 if code & 2 else -1, int(code >> 2))
            for code in top_tables[i]
        )
        best.offer(encode(completed_table(states, entries)), Fraction(int(top_values[i])))
    best.examined = int(control[1])
    tallies["halting"] = int(control[2])
    tallies["out_of_fuel"] = int(control[3])
    return complete


def tree_normal_form_leaves(
    states: int,
    fuel: int,
    progress: Progress | None = None,
    share_progress: ShareProgress | None = None,
) -> Iterator[tuple[PartialTable, tuple[int, int] | None]]:
    """Yield every table of the tree-normal-form enumeration with its run from blank.

    Each item is ``(partial, (steps, ones))`` for a table that halts within
    ``fuel`` (its undefined transitions acting as ``1RZ``), or ``(partial, None)``
    for one that is out of fuel. Tables come in depth-first order, parents
    before children, children in the order write, move, next state.

    The share of the tree explored, for ``share_progress``: the root holds all of it,
    each node splits its share equally among its children, and a node without children
    completes its share. The shares of all childless nodes sum to 1, so the share grows
    to 1 exactly when the search ends; it is an estimate of the work done (subtrees of
    equal share differ in size), good enough for a time-left display.
    """
    size = 2 * fuel + 3
    origin = fuel + 1
    root: PartialTable = (None,) * (2 * states)
    # A node: the partial table, the configuration where it resumes, the states in use.
    # Siblings share their parent's final tape, which is never written again; a node
    # copies it when it is run, so at most one tape per level of the tree is alive.
    # A node whose tape is None is known never to halt (see below): out of fuel.
    stack: list[tuple[PartialTable, bytearray | None, int, int, int, int, float]] = [
        (root, bytearray(size), origin, 0, 0, 1, 1.0)
    ]
    yielded = 0
    explored = 0.0
    while stack:
        partial, shared_tape, head, state, steps, used, share = stack.pop()
        if shared_tape is None:
            yielded += 1
            explored += share
            yield partial, None
            continue
        tape = bytearray(shared_tape)
        entry = partial[2 * state + tape[head]]
        while entry is not None and steps < fuel:
            write, step, state = entry
            tape[head] = write
            head += step
            steps += 1
            entry = partial[2 * state + tape[head]]
        yielded += 1
        if yielded % PROGRESS_EVERY == 0:
            if progress is not None:
                progress(yielded)
            if share_progress is not None:
                share_progress(yielded, explored)
        if entry is not None or steps == fuel:
            explored += share
            yield partial, None
            continue
        ones = tape.count(1) + (1 - tape[head])  # the halting 1RZ writes a 1 under the head
        yield partial, (steps + 1, ones)
        symbol = tape[head]
        index = 2 * state + symbol
        reachable = min(used + 1, states)
        moves = (1,) if steps == 0 else (-1, 1)  # mirror symmetry: the first move is right
        # A child whose new transition reads a blank, stays in this state and moves
        # towards a tape that is blank from there on repeats that transition forever:
        # it never halts, so it is out of fuel without being run.
        blank_beyond = {1: tape.find(1, head + 1) == -1, -1: tape.rfind(1, 0, head) == -1}
        children: list[tuple[PartialTable, bytearray | None, int, int, int, int, float]] = []
        child_share = share / (2 * len(moves) * reachable)
        for write in (0, 1):
            for step in moves:
                for target in range(reachable):
                    child = (*partial[:index], (write, step, target), *partial[index + 1 :])
                    runs_away = symbol == 0 and target == state and blank_beyond[step]
                    children.append(
                        (
                            child,
                            None if runs_away else tape,
                            head,
                            state,
                            steps,
                            max(used, target + 1),
                            child_share,
                        )
                    )
        stack.extend(reversed(children))
    if progress is not None:
        progress(yielded)
    if share_progress is not None:
        share_progress(yielded, explored)


# --- (b) every bitstring up to a length ------------------------------------------------


def exhaustive_search(
    objective: Objective,
    max_length: int,
    *,
    top: int = 5,
    progress: Progress | None = None,
    interruptible: bool = False,
    reference: Objective | None = None,
    fuel: int = 0,
) -> SearchReport:
    """Maximise ``objective`` over every machine ``t`` with ``|t| <= max_length``.

    Every bitstring is a machine, so the population holds Table and Mesa programs
    alike. Machines are examined shortest first, then in lexicographic order; on
    ties the earliest wins. ``reference`` (default: ``objective``) replays each
    reported value. ``fuel`` is only recorded in the report.
    """
    if max_length < 0:
        raise ValueError(f"max_length is a natural number; got {max_length}")
    best = BestMachines(top)
    complete = True
    try:
        for t in machines_up_to(max_length):
            best.offer(t, objective(t))
            best.examined += 1
            if progress is not None and best.examined % PROGRESS_EVERY == 0:
                progress(best.examined)
    except KeyboardInterrupt:
        if not interruptible:
            raise
        complete = False
    if progress is not None:
        progress(best.examined)
    return SearchReport(
        objective=objective.name,
        method="exhaustive enumeration",
        bound=f"|t| <= {max_length} ({plural(count_machines_up_to(max_length), 'machine')})",
        fuel=fuel,
        best=replay(best.ranked(), reference or objective),
        examined=best.examined,
        complete=complete,
    )


# --- (c) local search -----------------------------------------------------------------


@dataclass(frozen=True)
class BitstringSpace:
    """Local-search space: bitstrings of length at most ``max_length``.

    A random start has length ``max_length``; a neighbour flips, inserts or
    deletes one bit (staying within the bound).
    """

    max_length: int

    def describe(self) -> str:
        """Return the bound as text."""
        return f"|t| <= {self.max_length}"

    def random_machine(self, rng: random.Random) -> TM:
        """Return a uniformly random bitstring of length ``max_length``."""
        return TM("".join(rng.choice("01") for _ in range(self.max_length)))

    def neighbour(self, t: TM, rng: random.Random) -> TM:
        """Return ``t`` with one bit flipped, inserted or deleted."""
        moves: list[str] = []
        if t:
            moves.extend(("flip", "delete"))
        if len(t) < self.max_length:
            moves.append("insert")
        if not moves:
            return t
        move = rng.choice(moves)
        if move == "insert":
            position = rng.randrange(len(t) + 1)
            return TM(t[:position] + rng.choice("01") + t[position:])
        position = rng.randrange(len(t))
        if move == "delete":
            return TM(t[:position] + t[position + 1 :])
        return TM(t[:position] + ("1" if t[position] == "0" else "0") + t[position + 1 :])


@dataclass(frozen=True)
class TableSpace:
    """Local-search space: complete ``states``-state tables, as their canonical codes.

    A neighbour replaces one transition with a different one (write, move, and a
    next state or HALT).
    """

    states: int

    def describe(self) -> str:
        """Return the bound as text."""
        return plural(self.states, "state")

    def _transition(self, rng: random.Random) -> Transition:
        target = rng.randrange(self.states + 1)
        write: Symbol = 1 if rng.random() < 0.5 else 0
        move: Move = RIGHT if rng.random() < 0.5 else LEFT
        return Transition(write, move, None if target == self.states else target)

    def random_machine(self, rng: random.Random) -> TM:
        """Return the code of a uniformly random complete table."""
        transitions = tuple(self._transition(rng) for _ in range(2 * self.states))
        return encode(Table(self.states, transitions))

    def neighbour(self, t: TM, rng: random.Random) -> TM:
        """Return ``t``'s table with one transition replaced by a different one."""
        table = decode(t)
        assert isinstance(table, Table)
        transitions = list(table.transitions)
        index = rng.randrange(len(transitions))
        replacement = self._transition(rng)
        while replacement == transitions[index]:
            replacement = self._transition(rng)
        transitions[index] = replacement
        return encode(Table(self.states, tuple(transitions)))


SearchSpace = BitstringSpace | TableSpace


def local_search(
    objective: Objective,
    space: SearchSpace,
    *,
    iterations: int,
    seed: int,
    patience: int = 200,
    top: int = 5,
    progress: Progress | None = None,
    interruptible: bool = False,
    reference: Objective | None = None,
    fuel: int = 0,
) -> SearchReport:
    """Hill climbing with restarts: deterministic given ``seed``.

    Start from a random machine of ``space``; each iteration proposes a
    neighbour and moves to it when its value is at least the current one
    (sideways moves cross plateaus, such as the many machines scoring 0). After
    ``patience`` iterations without a strict improvement, restart from a fresh
    random machine. ``iterations`` counts proposals; ``examined`` counts the
    distinct machines evaluated. ``reference`` replays the reported values.
    """
    if iterations < 0 or patience < 1:
        raise ValueError(
            f"iterations is a natural number and patience positive; got {iterations}, {patience}"
        )
    rng = random.Random(seed)
    best = BestMachines(top)
    values: dict[TM, Fraction] = {}

    def value_of(t: TM) -> Fraction:
        if t not in values:
            values[t] = objective(t)
            best.examined += 1
            best.offer(t, values[t])
        return values[t]

    complete = True
    restarts = 0
    try:
        current = space.random_machine(rng)
        current_value = value_of(current)
        stale = 0
        for iteration in range(1, iterations + 1):
            candidate = space.neighbour(current, rng)
            candidate_value = value_of(candidate)
            stale = 0 if candidate_value > current_value else stale + 1
            if candidate_value >= current_value:
                current, current_value = candidate, candidate_value
            if stale >= patience:
                restarts += 1
                current = space.random_machine(rng)
                current_value = value_of(current)
                stale = 0
            if progress is not None and iteration % 256 == 0:
                progress(iteration)
    except KeyboardInterrupt:
        if not interruptible:
            raise
        complete = False
    if progress is not None and complete:
        progress(iterations)
    return SearchReport(
        objective=objective.name,
        method=f"hill climbing with restarts ({iterations} iterations, patience {patience})",
        bound=space.describe(),
        fuel=fuel,
        best=replay(best.ranked(), reference or objective),
        examined=best.examined,
        complete=complete,
        seed=seed,
        counts={"restarts": restarts},
    )
