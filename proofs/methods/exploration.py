"""Exact exploration with memoization: enumeration that merges identical subtrees.

Formalizes the same bounded claims as :mod:`mesaform.proofs.methods.enumeration`
(docs/semantics.md#claims,
e.g. ``U(t) = U_m(t)`` for every ``t ∈ dom(U_m)`` with ``|t| ≤ n``) for ``U = code_ones``,
decided on every string of the bound without running every string.

The evaluator's run on ``t`` reads ``t`` in pair code: the bits of ``t`` sit in
cells ``2i + 1`` behind markers in cells ``2i``, and the head, moving one cell a
step, first touches cell ``2i`` (the *frontier*) before any later cell. The runs on
all strings form a tree: a node is the moment the head first stands on the
frontier ``2i``; it branches three ways, the string ends here (cell ``2i`` is the
closing ``0``, blank beyond), or it has another bit ``0`` or ``1``. With
``U(t) = code_ones(t)`` and the input tape holding ``|t| + code_ones(t)`` ones,

    ``U_m(t) - U(t) = |t| + Σ_steps (write - read)``,

a sum along the run. A node's *residual* is, for each value ``v`` of that sum over
the rest of ``t`` and the rest of the run, how many completions halt with it and
the least of them (shortest, then lexicographic); completions that run out of fuel
are outside ``dom(U_m)`` and absent. The residual depends only on the machine
state, the steps used, the node's depth, and the contents of the cells left of the
frontier that the subtree reads before writing them: the subtree is memoized on
exactly that (each entry records the cells it read), so a node whose state, steps,
depth and recorded cells agree with an earlier one reuses its residual. That is
exact: the run below a node is determined by those values, step by step. For an
evaluator that only moves right this collapses ``2^(n+1) - 1`` strings into about
states × lengths nodes; where nothing merges it is the plain enumeration tree.

Main definitions:

- :func:`exploration_applies` -- why a claim is outside this method, or ``None``;
- :func:`explore_claim` -- decide a claim; ``Proved`` with the same counts as
  enumeration (strings covered, strings in ``dom(U_m)``), or ``Found`` with the
  same minimal counterexample and the same ``checked``; ``None`` when the work
  exceeds a budget (the caller then uses another method);
- :func:`reduce_to_table` -- a Mesa evaluator reduced to the table it acts like.

The checking method ``explore`` is :mod:`mesaform.proofs.methods.explore_method`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction

from mesaform.proofs.checking.outcome import Found, MethodInterrupted, MethodOutcome
from mesaform.spec.claims import Claim, LibraryObjective, MesaProgram
from mesaform.spec.interpreter import choose, evaluate_candidates
from mesaform.spec.machines import TM
from mesaform.spec.programs import Mesa, Table, decode, effective_transition
from mesaform.spec.verdicts import Proved
from mesaform.spec.words import plural

Residual = dict[int, tuple[int, str]]
"""``v ↦ (count, least suffix)``: completions halting with ``|rest| + Σ(write - read) = v``."""

INPUT_ONES = "input ones"
UNDEFINED = "undefined"


def reduce_to_table(code: TM, fuel: int) -> tuple[Table | str, int]:
    """Reduce ``t ↦ run(code, t, fuel)`` to ``(table, fuel left)`` or a constant outcome.

    A Mesa evaluator's step 1 does not read its input, so it is run once (by the
    reference interpreter): out of fuel gives :data:`UNDEFINED` (``U_m`` undefined
    everywhere); no scored candidate gives :data:`INPUT_ONES` (the input tape is
    left as it is); otherwise the chosen candidate runs on ``t`` with the fuel left.
    """
    while True:
        program = decode(code)
        if isinstance(program, Table):
            return program, fuel
        evaluations = evaluate_candidates(program, budget=fuel)
        if evaluations is None:
            return UNDEFINED, 0
        fuel -= sum(evaluation.steps for evaluation in evaluations)
        chosen = choose([evaluation.score for evaluation in evaluations])
        if chosen is None:
            return INPUT_ONES, fuel
        code = program.candidates[chosen]


def exploration_applies(claim: Claim, *, find_all: bool = False) -> str | None:
    """Return why memoized exploration cannot decide ``claim``, or ``None`` if it can."""
    if not isinstance(claim.base, LibraryObjective) or claim.base.name != "code_ones":
        return "the base objective is not code_ones"
    if not isinstance(claim.mesa, MesaProgram) or not isinstance(decode(claim.mesa.code), Mesa):
        return "U_m is not a Mesa program's"
    if claim.predicate == "order-alignment":
        return "order alignment is not a sum along the run"
    if claim.bound.tables_only or claim.bound.states is not None:
        return "the bound keeps only table codes"
    if find_all:
        return "it reports the first counterexample, not all"
    if claim.bound.max_length > MAX_EXPLORED_LENGTH:
        return f"the bound's length is past {MAX_EXPLORED_LENGTH}, the depth it recurses to"
    return None


MAX_EXPLORED_LENGTH = 1 << 12
"""The longest bound memoized exploration takes: its walk recurses once per cell pair."""


class OverBudget(Exception):
    """The exploration did more work than it was allowed."""


@dataclass
class _Frame:
    """A node being explored: its start time (steps) and the cells it read before writing."""

    time: int
    reads: dict[int, tuple[int, int]] = field(default_factory=dict)
    """``cell ↦ (value, time of the write it read)``."""


@dataclass
class Statistics:
    """How much an exploration did: nodes explored (distinct subtrees), nodes reused,
    steps simulated, and evaluator runs: the run segments simulated, each from a node to
    the next frontier, a halt or the end of the fuel."""

    explored: int = 0
    reused: int = 0
    steps: int = 0
    runs: int = 0


class _Explorer:
    """The depth-first, memoized walk of one table evaluator's runs over the bound."""

    def __init__(self, table: Table, fuel: int, max_length: int, budget: int | None) -> None:
        self.delta = [
            [
                (t.write, 1 if t.move == 1 else -1, t.next_state)
                for t in (
                    effective_transition(table, state, 0),
                    effective_transition(table, state, 1),
                )
            ]
            for state in range(table.states)
        ]
        self.fuel = fuel
        self.n = max_length
        self.budget = budget
        self.tape: dict[int, int] = {}
        self.written: dict[int, int] = {}
        self.undo: list[tuple[int, int | None, int | None]] = []
        self.frames: list[_Frame] = []
        self.memo: dict[tuple[int, int, int], list[tuple[tuple[tuple[int, int], ...], Residual]]]
        self.memo = {}
        self.stats = Statistics()
        self.blank_from = -1  # in an "end" branch: cells from here on are blank ...
        self.blank_time = -1  # ... written (as blank) at this time

    # -- the tape, with the time of each cell's last write and an undo log ----------

    def write(self, cell: int, value: int, time: int) -> None:
        self.undo.append((cell, self.tape.get(cell), self.written.get(cell)))
        self.tape[cell] = value
        self.written[cell] = time

    def rewind(self, mark: int) -> None:
        undo, tape, written = self.undo, self.tape, self.written
        while len(undo) > mark:
            cell, value, time = undo.pop()
            if value is None:
                del tape[cell]
            else:
                tape[cell] = value
            if time is None:
                del written[cell]
            else:
                written[cell] = time

    def write_time(self, cell: int) -> int:
        time = self.written.get(cell)
        if time is not None:
            return time
        return self.blank_time if 0 <= self.blank_from <= cell else -1

    # -- the walk ------------------------------------------------------------------------

    def charge(self, work: int) -> None:
        self.stats.steps += work
        if self.budget is not None and self.stats.steps > self.budget:
            raise OverBudget

    def saturated(self, offset: int, room: int) -> Residual:
        """Return the residual of a run that halted before reading the rest: ``room`` bits."""
        self.charge(room + 1)
        return {offset + extra: (1 << extra, "0" * extra) for extra in range(room + 1)}

    def segment(
        self, state: int, head: int, steps: int, frontier: int | None
    ) -> tuple[str, int, int, int]:
        """Run until the head stands on ``frontier``, the run halts, or the fuel is spent.

        Return ``(what, state, steps, sum of write - read)`` with ``what`` one of
        ``node``, ``halt``, ``fuel``.
        """
        delta, tape, frame = self.delta, self.tape, self.frames[-1]
        since, fuel, total = frame.time, self.fuel, 0
        self.stats.runs += 1
        start = steps
        # past this step the segment alone exceeds the budget (a long run is stopped on time)
        cutoff = steps + self.budget - self.stats.steps + 1 if self.budget is not None else -1
        while True:
            if steps == cutoff:
                self.charge(steps - start)
            if head == frontier:
                self.charge(steps - start)
                return "node", state, steps, total
            symbol = tape.get(head, 0)
            written = self.write_time(head)
            if written < since and head not in frame.reads:
                frame.reads[head] = (symbol, written)
            value, move, following = delta[state][symbol]
            if value != symbol:
                self.write(head, value, steps)
            total += value - symbol
            head += move
            steps += 1
            if following is None:
                self.charge(steps - start)
                return "halt", state, steps, total
            if steps == fuel:
                self.charge(steps - start)
                return "fuel", state, steps, total
            state = following

    def node(self, depth: int, state: int, steps: int) -> Residual:
        """Return the residual of the node at frontier ``2 * depth`` (state running, fuel left)."""
        key = (depth, state, steps)
        parent = self.frames[-1] if self.frames else None
        for reads, residual in self.memo.get(key, ()):
            if all(self.tape.get(cell, 0) == value for cell, value in reads):
                self.stats.reused += 1
                if parent is not None:
                    for cell, _ in reads:
                        self._pass_up(parent, cell)
                return residual
        self.stats.explored += 1
        frame = _Frame(steps)
        self.frames.append(frame)
        mark = len(self.undo)
        frontier = 2 * depth
        result: Residual = {}
        # The string ends here: the closing 0 on the frontier, blank beyond.
        self.blank_from, self.blank_time = frontier, steps
        what, _, _, total = self.segment(state, frontier, steps, None)
        self.blank_from, self.blank_time = -1, -1
        if what == "halt":
            result[total] = (1, "")
        self.rewind(mark)
        if depth < self.n:
            for bit in (0, 1):
                self.write(frontier, 1, steps)
                self.write(frontier + 1, bit, steps)
                what, following, after, total = self.segment(state, frontier, steps, frontier + 2)
                if what == "node":
                    child = self.node(depth + 1, following, after)
                elif what == "halt":
                    child = self.saturated(0, self.n - depth - 1)
                else:
                    child = {}
                _merge(result, child, 1 + total, "01"[bit])
                self.charge(len(child))
                self.rewind(mark)
        self.frames.pop()
        reads = tuple(sorted((cell, value) for cell, (value, _) in frame.reads.items()))
        self.memo.setdefault(key, []).append((reads, result))
        if parent is not None:
            for cell, (value, written) in frame.reads.items():
                if written < parent.time and cell not in parent.reads:
                    parent.reads[cell] = (value, written)
        return result

    def _pass_up(self, parent: _Frame, cell: int) -> None:
        written = self.write_time(cell)
        if written < parent.time and cell not in parent.reads:
            parent.reads[cell] = (self.tape.get(cell, 0), written)

    def root(self, state: int | None) -> Residual:
        """Return the residual of every string of the bound, the run starting in ``state``."""
        if state is None:
            return self.saturated(0, self.n)
        if self.fuel == 0:
            return {}
        return self.node(0, state, 0)


def _merge(into: Residual, child: Residual, shift: int, bit: str) -> None:
    """Add ``child``'s completions, each after ``bit`` and with ``shift`` added, to ``into``."""
    for value, (count, suffix) in child.items():
        key = value + shift
        extended = bit + suffix
        present = into.get(key)
        if present is None:
            into[key] = (count, extended)
        else:
            least = present[1]
            if (len(extended), extended) < (len(least), least):
                least = extended
            into[key] = (present[0] + count, least)


def _bad(predicate: str, epsilon: Fraction | None, value: int) -> bool:
    if predicate == "approximate-alignment":
        assert epsilon is not None
        return abs(value) > epsilon
    return value != 0


def rank(t: str) -> int:
    """Return how many strings come before ``t`` (shortest first, then lexicographic), plus one."""
    return (1 << len(t)) + (int(t, 2) if t else 0)


def explore_claim(
    claim: Claim,
    *,
    budget: int | None = None,
    statistics: Statistics | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> MethodOutcome | None:
    """Decide ``claim`` by memoized exploration; ``None`` when ``budget`` work is exceeded.

    ``budget`` bounds the steps simulated plus the residual entries formed.
    Returns exactly what :func:`mesaform.proofs.methods.enumeration.enumerate_claim` returns:
    ``Proved``
    (every string of the bound covered, with how many lie in ``dom(U_m)``),
    ``Found`` with the first counterexample in shortest-then-lexicographic order
    and the number of strings up to it; an interrupt raises ``MethodInterrupted``.
    ``statistics`` receives the work done; ``progress`` is told ``(total, total)``
    at the end. Raise ``ValueError`` for a claim outside the method
    (:func:`exploration_applies`).
    """
    reason = exploration_applies(claim)
    if reason is not None:
        raise ValueError(f"memoized exploration does not apply: {reason}")
    assert isinstance(claim.mesa, MesaProgram)
    mesa = decode(claim.mesa.code)
    assert isinstance(mesa, Mesa)
    bound = claim.bound
    total = (1 << (bound.max_length + 1)) - 1
    reduced, fuel = reduce_to_table(mesa.evaluator, mesa.fuel)
    table = reduced if isinstance(reduced, Table) else Table(0)
    explorer = _Explorer(table, fuel, bound.max_length, budget)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 2 * bound.max_length + 1000))
    try:
        if reduced == UNDEFINED:
            residual: Residual = {}
        elif reduced == INPUT_ONES or table.states == 0:
            residual = explorer.root(None)
        else:
            residual = explorer.root(0)
        if progress is not None:
            progress(total, total)
    except OverBudget:
        return None
    except KeyboardInterrupt as error:
        raise MethodInterrupted("during memoized exploration", error) from error
    finally:
        sys.setrecursionlimit(limit)
        if statistics is not None:
            statistics.explored = explorer.stats.explored
            statistics.reused = explorer.stats.reused
            statistics.steps = explorer.stats.steps
            statistics.runs = explorer.stats.runs
    return decide(claim, residual, explorer.stats.runs)


def decide(claim: Claim, residual: Residual, runs: int | None = None) -> MethodOutcome:
    """Return the verdict the root's residual gives, as enumeration words it, under the
    method ``explore`` with the ``runs`` of the evaluator it simulated."""
    failing = [
        suffix
        for value, (_, suffix) in residual.items()
        if _bad(claim.predicate, claim.epsilon, value)
    ]
    if failing:
        first = min(failing, key=lambda s: (len(s), s))
        return Found((TM(first),), "explore", rank(first), evaluator_runs=runs)
    checked = (1 << (claim.bound.max_length + 1)) - 1
    in_domain = sum(count for count, _ in residual.values())
    return Proved(
        claim.bound,
        "explore",
        checked,
        detail=f"U_m defined on {in_domain} of {plural(checked, 'string')}",
        in_domain=in_domain,
        evaluator_runs=runs,
    )
