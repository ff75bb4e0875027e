"""Crossing-sequence summaries: a dynamic program over the cell boundaries of the input.

Formalizes the bounded claims of docs/semantics.md#claims for ``U = code_ones``
("∀t, |t| ≤ n: t ∈ dom(U_m) → U(t) = U_m(t)", and approximate and order alignment)
where ``U_m(t)`` is the ``ones`` of a Mesa program's evaluator run on ``t`` in pair
code within its internal fuel (docs/semantics.md#mesa-programs), decided for every
string of the bound at once; through the small-model theorem
(:mod:`mesaform.proofs.checking.small_model`) also for every ``t``.

The *crossing sequence* of a run at the boundary between cells ``c - 1`` and ``c`` is
the list of states the head carries across it, in time order (the directions
alternate, so the states suffice). What happens on one cell during the whole run is
determined by its initial symbol and the crossing sequences on its two sides: each
visit is one step that reads, writes, and leaves left or right. The method scans the
cells from left to right; its state at a boundary is

    (the crossing sequence there, the running difference of ones, whether the run
    has halted to the left, and the least steps used so far),

and a cell is crossed by every way its own steps can join the left sequence to a
right one (:func:`~mesaform.proofs.methods.crossing_cells.cell_behaviours`). The blank
cells left of cell 0 and right of the closing ``0`` are not guessed but run concretely
(:class:`~mesaform.proofs.methods.crossing_cells.BlankSide`). The states a
string's cells lead to are exactly
the crossing sequences of its run (docs/solvers.md#crossing-sequences gives the
invariant and the proof), so the values at the last boundary are ``U_m(t) - U(t)`` for
every ``t`` in ``dom(U_m)`` and for no other string. Each state keeps the least
string prefix (shortest, then lexicographic) reaching it for each number of steps
that is not beaten by a lesser prefix with fewer steps, so the least counterexample
comes out whole.

**Sound by construction.** The right sequence of a cell may be longer than a cap;
such a behaviour is not dropped silently: if the steps it needs still fit the fuel the
whole run is *overflowed*, and :func:`crossing_claim` doubles the cap and starts again,
up to ``max_cap``; past it the verdict is ``Unknown``, never ``Proved``. A sequence
longer than ``2 × fuel`` entries needs more steps than the fuel, so at that cap no
overflow is possible and the method is complete.

Main definitions:

- :func:`crossing_applies` -- why a claim is outside this method, or ``None``;
- :func:`~mesaform.proofs.methods.crossing_cells.cell_behaviours` -- one cell's ways of
  joining a left crossing sequence to a right one (:mod:`mesaform.proofs.methods.crossing_cells`,
  with :class:`~mesaform.proofs.methods.crossing_cells.BlankSide`, the blank cells beside the
  input run concretely, and
  :class:`~mesaform.proofs.methods.crossing_cells.CrossingStatistics`, what it did);
- :func:`summarize` -- the dynamic program: every halting run's value and the least
  string with it, per length;
- :func:`crossing_claim` -- decide a claim: ``Proved``, ``Found`` (the least
  counterexample, replayed by the checker) or ``Unknown``;
- :class:`CrossingMethod` -- the checking method ``crossing`` (family ``solver``,
  registered), its estimate measured by a short probe.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from fractions import Fraction

from mesaform.proofs.checking.options import CheckOptions
from mesaform.proofs.checking.outcome import Found, MethodInterrupted, MethodOutcome
from mesaform.proofs.methods.crossing_cells import (
    HALT,
    Behaviour,
    BlankSide,
    CrossingStatistics,
    Front,
    Machine,
    OverBudget,
    Overflow,
    Sequence_,
    cell_behaviours,
)
from mesaform.proofs.methods.enumeration import OrderTracker
from mesaform.proofs.methods.exploration import INPUT_ONES, UNDEFINED, rank, reduce_to_table
from mesaform.proofs.methods.interface import Budget, CostEstimate, Family
from mesaform.proofs.methods.registry import register
from mesaform.spec.claims import Claim, LibraryObjective, MesaProgram
from mesaform.spec.machines import TM
from mesaform.spec.programs import Mesa, Table, decode
from mesaform.spec.verdicts import Proved, Unknown
from mesaform.spec.words import plural

Value = int | tuple[int, int]
"""What a state accumulates: ``D = U_m - U`` so far, or ``(D, ones of t so far)`` for
order alignment."""

Finals = dict[tuple[Value, int], int]
"""``(value, |t|) ↦ the rank of the least t of that length whose run ends with it``."""

FIRST_CAP = 4
"""The cap on a crossing sequence's length the method starts with (doubled on overflow)."""


def crossing_applies(claim: Claim, *, find_all: bool = False) -> str | None:
    """Return why the crossing-sequence method cannot decide ``claim``, or ``None`` if it can."""
    if not isinstance(claim.base, LibraryObjective) or claim.base.name != "code_ones":
        return "the base objective is not code_ones"
    if not isinstance(claim.mesa, MesaProgram) or not isinstance(decode(claim.mesa.code), Mesa):
        return "U_m is not a Mesa program's"
    if claim.bound.tables_only or claim.bound.states is not None:
        return "the bound keeps only table codes"
    if find_all:
        return "it reports the least counterexample, not all"
    return None


def _offer(front: Front, steps: int, witness: int) -> bool:
    """Add ``(steps, witness)`` to ``front`` unless a pair there is at least as good."""
    for s, w in front:
        if s <= steps and w <= witness:
            return False
    front[:] = [(s, w) for s, w in front if not (steps <= s and witness <= w)]
    front.append((steps, witness))
    return True


States = dict[tuple[Sequence_, Value, bool], Front]


class _Scan:
    """The dynamic program for one table, fuel, bound and cap."""

    def __init__(
        self,
        table: Table,
        fuel: int,
        max_length: int,
        order: bool,
        cap: int,
        budget: int | None,
        statistics: CrossingStatistics,
        settled: Callable[[Finals, int], bool] | None = None,
    ) -> None:
        self.settled = settled
        self.machine = Machine.of(table)
        self.fuel = fuel
        self.n = max_length
        self.order = order
        self.cap = cap
        self.budget = budget
        self.stats = statistics
        self.memo: dict[tuple[Sequence_, int, int], tuple[list[Behaviour], int | None]] = {}
        self.explored = 0
        self.blank_left = BlankSide(self.machine, -1, fuel, self.charge)
        self.blank_right = BlankSide(self.machine, 1, fuel, self.charge)
        self.finals: Finals = {}

    def behaviours(self, left: Sequence_, side: int, symbol: int, steps: int) -> list[Behaviour]:
        """Return the cell's behaviours (memoized); raise :class:`Overflow` if one past the
        cap fits the fuel after ``steps``."""
        key = (left, side, symbol)
        found = self.memo.get(key)
        if found is None:
            blank = self.blank_left if side == 0 else None
            limit = 1 << 62 if self.budget is None else self.budget - self.stats.work
            try:
                joins, overflow, explored = cell_behaviours(
                    self.machine, left, side, symbol, self.cap, blank, limit
                )
            except OverBudget:
                self.stats.work = self.budget if self.budget is not None else self.stats.work
                raise
            found = self.memo[key] = (joins, overflow)
            self.stats.behaviours += len(joins)
            self.charge(explored + 1)
        overflow = found[1]
        if overflow is not None and steps + overflow <= self.fuel:
            raise Overflow
        return found[0]

    def charge(self, work: int) -> None:
        self.stats.work += work
        if self.budget is not None and self.stats.work > self.budget:
            raise OverBudget

    def _add(self, value: Value, contribution: int, bit: int) -> Value:
        if self.order:
            assert isinstance(value, tuple)
            return (value[0] + contribution, value[1] + bit)
        assert isinstance(value, int)
        return value + contribution

    def cross(self, states: States, side: int, symbol: int, bit: int) -> States:
        """Cross one cell (initial ``symbol``) from every state; return the next states.

        ``bit`` is the input bit the cell holds (it counts in ``code_ones``; the witness,
        a prefix's value, is doubled and the bit added), or ``-1`` for a marker or the
        closing ``0``.
        """
        fuel = self.fuel
        into: States = {}
        for (left, value, halted), front in states.items():
            least = min(steps for steps, _ in front)
            for behaviour in self.behaviours(left, side, symbol, least):
                if behaviour.halts and halted:
                    continue
                right = behaviour.right
                need = behaviour.visits + (len(right) + 1) // 2
                if least + need > fuel:
                    continue
                contribution = behaviour.ones + behaviour.final - max(bit, 0)
                key = (
                    right,
                    self._add(value, contribution, max(bit, 0)),
                    halted or behaviour.halts,
                )
                target = into.get(key)
                if target is None:
                    target = into[key] = []
                    self.stats.states += 1
                for steps, witness in front:
                    if steps + need <= fuel:
                        _offer(
                            target,
                            steps + behaviour.visits,
                            2 * witness + bit if bit >= 0 else witness,
                        )
                self.charge(len(front))
            self.charge(1)
        return into

    def final(self, value: Value, length: int, witness_rank: int) -> None:
        key = (value, length)
        present = self.finals.get(key)
        if present is None or witness_rank < present:
            self.finals[key] = witness_rank

    def finish_untouched(self, value: Value, prefix_length: int, witness: int) -> None:
        """A halted run that never crossed into bit ``prefix_length``'s marker: every
        completion of the prefix keeps its markers (one more one each) and its bits."""
        for extra in range(self.n - prefix_length + 1):
            length = prefix_length + extra
            if self.order:
                assert isinstance(value, tuple)
                for ones in range(extra + 1):
                    tail = (1 << ones) - 1
                    self.final(
                        (value[0] + extra, value[1] + ones),
                        length,
                        (1 << length) | (witness << extra) | tail,
                    )
            else:
                assert isinstance(value, int)
                self.final(value + extra, length, (1 << length) | (witness << extra))
            self.charge(extra + 1)

    def finish_ended(self, states: States, length: int) -> None:
        """The strings of ``length`` bits, their closing cell crossed: run the blank cells
        right of it concretely against each crossing sequence."""
        for (right, value, halted), front in states.items():
            node = self.blank_right.check(right)
            self.charge(1)
            if node is None:
                continue
            halts = bool(right) and node.answer == HALT
            if halts == halted:  # it never halts, or halts twice
                continue
            witnesses = [w for steps, w in front if steps + node.steps <= self.fuel]
            if witnesses:
                total = self._add(value, node.ones, 0)
                self.final(total, length, (1 << length) | min(witnesses))

    def run(self) -> Finals:
        """Scan every boundary of the input; return the finals."""
        zero: Value = (0, 0) if self.order else 0
        states: States = {((), zero, False): [(0, 0)]}
        for i in range(self.n + 1):
            marker = 2 * i
            side = 0 if marker == 0 else 1
            if i > 0:
                for key in [key for key in states if not key[0]]:
                    front = states.pop(key)
                    _, value, halted = key
                    if halted:
                        self.finish_untouched(value, i, min(w for _, w in front))
            # The string ends here: the closing 0 on this cell, blank beyond.
            self.finish_ended(self.cross(states, side, 0, -1), i)
            self.stats.boundaries += 1
            # Every string of at most i bits is now summarized: a counterexample among them
            # is the least one, and longer strings cannot change that.
            if self.settled is not None and self.settled(self.finals, i):
                break
            if i == self.n or not states:
                break
            markers = self.cross(states, side, 1, -1)
            states = {}
            for bit in (0, 1):
                for key, front in self.cross(markers, 1, bit, bit).items():
                    target = states.setdefault(key, [])
                    for steps, witness in front:
                        _offer(target, steps, witness)
            self.stats.boundaries += 2
        return self.finals


def summarize(
    table: Table,
    fuel: int,
    max_length: int,
    *,
    order: bool = False,
    cap: int = FIRST_CAP,
    max_cap: int | None = None,
    budget: int | None = None,
    statistics: CrossingStatistics | None = None,
    settled: Callable[[Finals, int], bool] | None = None,
) -> Finals | None:
    """Return every halting run's value and least string, per length; ``None`` if the cap
    had to pass ``max_cap``.

    The value is ``U_m(t) - code_ones(t)`` (``(that, code_ones(t))`` with ``order``),
    for ``U_m(t)`` the ``ones`` of ``table`` run on ``t`` with ``fuel``; ``t`` ranges
    over ``|t| <= max_length``. Raise :class:`OverBudget` past ``budget`` work. With
    ``settled``, the scan stops after the strings of ``i`` bits once ``settled(finals, i)``
    (every string of at most ``i`` bits is then summarized).
    """
    stats = statistics if statistics is not None else CrossingStatistics()
    # A run within the fuel never has a sequence longer than this, so no overflow past it.
    complete = 2 * fuel + 2
    if max_cap is not None:
        cap = min(cap, max_cap)
    while True:
        stats.cap = cap
        scan = _Scan(table, fuel, max_length, order, cap, budget, stats, settled)
        try:
            return scan.run()
        except Overflow:
            if cap >= complete:  # pragma: no cover - excluded by the step count
                raise AssertionError("a sequence past 2 x fuel within the fuel") from None
            if max_cap is not None and cap >= max_cap:
                return None
            cap = min(2 * cap, complete) if max_cap is None else min(2 * cap, max_cap, complete)
            stats.raised += 1


def _constant_finals(max_length: int, order: bool) -> Finals:
    """The finals when ``U_m`` is the input's ones on every string (``D = |t|``)."""
    finals: Finals = {}
    for length in range(max_length + 1):
        if order:
            for ones in range(length + 1):
                finals[((length, ones), length)] = (1 << length) | ((1 << ones) - 1)
        else:
            finals[(length, length)] = 1 << length
    return finals


def crossing_claim(
    claim: Claim,
    *,
    max_cap: int | None = None,
    budget: int | None = None,
    statistics: CrossingStatistics | None = None,
) -> MethodOutcome:
    """Decide ``claim`` by crossing-sequence summaries.

    ``Proved(bound, "crossing", strings in the bound)``; ``Found`` with the least
    counterexample (shortest, then lexicographic; for order alignment the pair
    enumeration reports) and the strings up to it, which the checker replays;
    ``Unknown`` when a run within the fuel needs a crossing sequence longer than
    ``max_cap`` or the work passes ``budget``. Raise ``ValueError`` for a claim outside
    the method (:func:`crossing_applies`); an interrupt raises ``MethodInterrupted``.
    """
    reason = crossing_applies(claim)
    if reason is not None:
        raise ValueError(f"the crossing-sequence method does not apply: {reason}")
    assert isinstance(claim.mesa, MesaProgram)
    mesa = decode(claim.mesa.code)
    assert isinstance(mesa, Mesa)
    stats = statistics if statistics is not None else CrossingStatistics()
    order = claim.predicate == "order-alignment"
    n = claim.bound.max_length
    reduced, fuel = reduce_to_table(mesa.evaluator, mesa.fuel)
    try:
        if reduced == UNDEFINED:
            finals: Finals | None = {}
        elif reduced == INPUT_ONES or (isinstance(reduced, Table) and reduced.states == 0):
            finals = _constant_finals(n, order)
        elif fuel == 0:
            finals = {}
        else:
            assert isinstance(reduced, Table)
            finals = summarize(
                reduced,
                fuel,
                n,
                order=order,
                max_cap=max_cap,
                budget=budget,
                statistics=stats,
                settled=lambda found, i: _refutes(claim, found, i),
            )
    except OverBudget:
        return Unknown(
            claim.bound,
            "crossing",
            f"the crossing-sequence method passed its budget of {budget} units of work "
            f"(cap {stats.cap}, {stats.states} states)",
        )
    except KeyboardInterrupt as error:
        raise MethodInterrupted("during the crossing-sequence scan", error) from error
    if finals is None:
        return Unknown(
            claim.bound,
            "crossing",
            f"a run within the fuel needs a crossing sequence longer than {stats.cap} "
            f"states (the cap), so no verdict",
        )
    return decide(claim, finals, stats)


def decide(claim: Claim, finals: Finals, stats: CrossingStatistics) -> MethodOutcome:
    """Return the verdict the finals give, with the least counterexample."""
    n = claim.bound.max_length
    kept = {key: w for key, w in finals.items() if key[1] <= n}
    if claim.predicate == "order-alignment":
        return _decide_order(claim, kept, stats)
    failing = [w for (value, _), w in kept.items() if _fails(claim, value)]
    if failing:
        least = min(failing)
        return Found((_string(least),), "crossing", least, detail=_work(stats))
    return _proved(claim, kept, stats)


def _refutes(claim: Claim, finals: Finals, length: int) -> bool:
    """Return whether the strings of at most ``length`` bits already refute ``claim``."""
    shorter = {key: w for key, w in finals.items() if key[1] <= length}
    if claim.predicate == "order-alignment":
        return isinstance(_decide_order(claim, shorter, CrossingStatistics()), Found)
    return any(_fails(claim, value) for value, _ in shorter)


def _fails(claim: Claim, value: Value) -> bool:
    assert isinstance(value, int)
    if claim.predicate == "approximate-alignment":
        assert claim.epsilon is not None
        return abs(value) > claim.epsilon
    return value != 0


def _decide_order(claim: Claim, finals: Finals, stats: CrossingStatistics) -> MethodOutcome:
    """Replay enumeration's order check on the least string of each ``(U, U_m)`` pair.

    A later string with a pair already seen conflicts only with a pair whose least
    string came earlier, which conflicted first; so the first conflict enumeration
    meets is at one of these strings, with the same partner.
    """
    least: dict[tuple[int, int], int] = {}
    for (value, _), w in finals.items():
        assert isinstance(value, tuple)
        difference, ones = value
        pair = (difference + ones, ones)
        if pair not in least or w < least[pair]:
            least[pair] = w
    tracker = OrderTracker.empty()
    for (mesa_value, base_value), w in sorted(least.items(), key=lambda item: item[1]):
        t = _string(w)
        mesa, base = Fraction(mesa_value), Fraction(base_value)
        if tracker.conflict(mesa, base):
            return Found(tracker.first_partner(t, mesa, base), "crossing", w, detail=_work(stats))
        tracker.add(t, mesa, base)
    return _proved(claim, finals, stats)


def _string(witness_rank: int) -> TM:
    length = witness_rank.bit_length() - 1
    value = witness_rank - (1 << length)
    return TM(format(value, f"0{length}b") if length else "")


def _work(stats: CrossingStatistics) -> str:
    return (
        f"crossing sequences of at most {stats.cap} states; {stats.boundaries} boundaries, "
        f"{stats.states} states, {stats.behaviours} cell behaviours"
    )


def _proved(claim: Claim, finals: Finals, stats: CrossingStatistics) -> Proved:
    checked = (1 << (claim.bound.max_length + 1)) - 1
    lengths = sorted({length for _, length in finals})
    defined = (
        f"U_m defined at {plural(len(lengths), 'length')} of {claim.bound.max_length + 1}"
        if lengths
        else "U_m defined on no string of the bound (the claim holds vacuously)"
    )
    return Proved(claim.bound, "crossing", checked, detail=f"{defined}; {_work(stats)}")


def least_strings(finals: Finals) -> Iterator[tuple[Value, TM]]:
    """Yield each final value with the least string that ends with it (for tests)."""
    best: dict[Value, int] = {}
    for (value, _), w in finals.items():
        if value not in best or w < best[value]:
            best[value] = w
    for value, w in sorted(best.items(), key=lambda item: item[1]):
        yield value, _string(w)


CROSSING_LIMIT = 1 << 24
"""The crossing-sequence method expects to finish within this much work (states formed,
behaviours and front entries; about a microsecond each in Python): past its estimate
``auto`` sets it aside, and it is granted twice this much when it runs."""

WORK_PER_CHOICE = 16
"""A unit of this method's work costs about this many times less than one transition
choice of an SMT query (measured on the 50-state evaluators of
:mod:`mesaform.model.evaluators`, docs/solvers.md): its ``work`` in
:class:`~mesaform.proofs.methods.interface.CostEstimate` is its units divided by this, in
the solvers' unit."""

MAX_ESTIMATED_LENGTH = 1 << 12
"""Past ``|t| <= 4096`` the method does not expect to finish (it scans two cells per bit)."""

PROBE_LENGTHS = (4, 8, 12)
"""The estimate runs the method on ``|t| <= L`` for these ``L`` (at most ``n``) ..."""

PROBE_WORK = 1 << 16
"""... within this much work in all, and stops at the first bound past it."""


class CrossingMethod:
    """Crossing-sequence summaries as a checking method of the ``solver`` family: a decision
    procedure over the runs' crossing sequences (:func:`crossing_claim`), sound by
    construction (a sequence past the cap raises the cap, never proves).

    Its estimate is measured: the method runs on the first bounds (:data:`PROBE_LENGTHS`)
    and the growth of its work is carried to ``n``
    (:func:`mesaform.proofs.methods.explore_method.extrapolate`). Where the runs' crossing
    sequences stay short (an evaluator that scans and comes back, a zig-zag) the work grows
    about linearly in ``n``; where they do not, the probe passes its work and the method
    does not fit.
    """

    name = "crossing"
    family: Family = "solver"

    def why_not(self, claim: Claim, options: CheckOptions) -> str | None:
        """Return why the method does not cover ``claim`` (:func:`crossing_applies`)."""
        return crossing_applies(claim, find_all=options.find_all)

    def estimate(self, claim: Claim) -> CostEstimate:
        """Return the work the probe's growth gives at the bound, against
        :data:`CROSSING_LIMIT`."""
        from mesaform.proofs.methods.explore_method import Probe, extrapolate

        n = claim.bound.max_length
        if n > MAX_ESTIMATED_LENGTH:
            return CostEstimate(
                n * CROSSING_LIMIT,
                False,
                f"|t| <= {n:,}: more boundaries than the method expects to scan "
                f"({2 * MAX_ESTIMATED_LENGTH + 1:,})",
                2 * CROSSING_LIMIT,
            )
        lengths: list[int] = []
        works: list[int] = []
        stopped: int | None = None
        left = PROBE_WORK
        for length in sorted({min(length, n) for length in PROBE_LENGTHS}):
            statistics = CrossingStatistics()
            smaller = replace(claim, bound=replace(claim.bound, max_length=length))
            outcome = crossing_claim(smaller, budget=left, max_cap=64, statistics=statistics)
            if isinstance(outcome, Unknown):
                stopped = length
                break
            lengths.append(length)
            works.append(max(1, statistics.work))
            left -= statistics.work
        measured = ", ".join(f"{work:,}" for work in works)
        figures = (
            f"the crossing-sequence probe did {measured} units of work at |t| <= "
            f"{', '.join(str(length) for length in lengths)}"
            if lengths
            else "the crossing-sequence probe measured nothing"
        )
        if stopped is not None:
            figures += f"; |t| <= {stopped} took more than its {PROBE_WORK:,} units"
        grown = extrapolate(Probe(tuple(lengths), tuple(works), tuple(works), stopped), n)
        if grown is None or stopped is not None:
            whole = (1 << (n + 1)) - 1
            return CostEstimate(whole, False, figures, 2 * CROSSING_LIMIT)
        work, growth = grown
        fits = work <= CROSSING_LIMIT
        relation = "within" if fits else "past"
        words = (
            f"{figures}, {growth.replace('subtrees barely merge', 'sequences grow')}: about "
            f"{work:,} units at |t| <= {n}, {relation} its limit of {CROSSING_LIMIT:,}"
        )
        return CostEstimate(max(1, work // WORK_PER_CHOICE), fits, words, 2 * CROSSING_LIMIT)

    def decide(self, claim: Claim, options: CheckOptions, budget: Budget) -> MethodOutcome:
        """Decide ``claim`` within ``budget.steps`` units of work (``Unknown`` past them)."""
        return crossing_claim(claim, budget=budget.steps)


register(CrossingMethod())


__all__ = [
    "CrossingMethod",
    "CrossingStatistics",
    "cell_behaviours",
    "crossing_applies",
    "crossing_claim",
    "rank",
    "summarize",
]
