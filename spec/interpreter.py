"""The reference interpreter: ``run(t, x, F)`` for tables and mesa-optimizers.

Formalizes docs/semantics.md#running, #mesa-programs and #choice-rule, and the
post's "What m does when run is simulate some ten other Turing machines, evaluate
which is the best one according to some internally represented function
U_m : TM → ℝ, and act like that one."

Main definitions:

- :func:`run` -- run a machine (or decoded program) on input ``x`` for at most
  ``fuel`` steps;
- :func:`run_table` -- the step loop of an ordinary Turing machine, with an
  optional trace of configurations;
- :func:`evaluate_candidates`, :func:`choose`, :func:`run_mesa` -- a
  mesa-optimizer's three steps: score, pick, act like the pick;
- :func:`argmax_lowest_index` -- the choice rule on values: the highest defined
  value, the lowest index on ties (``mesaform.spec.taxonomy.mesa_choice`` uses it too).

Main results (``tests/test_interpreter.py``): fuel monotonicity and soundness
(after mathlib's ``evaln_mono``/``evaln_sound``), the published 2-, 3- and
4-state busy-beaver values, and the choice laws of a mesa-optimizer.

This module is the reference every other method (the fast engine, the Z3
encoding) is tested against: it favours being obviously correct over speed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from mesaform.spec.machines import TM
from mesaform.spec.programs import (
    Mesa,
    MesaSpans,
    Program,
    Span,
    Symbol,
    Table,
    decode,
    decode_span,
    effective_transition,
)
from mesaform.spec.results import Configuration, Halted, OutOfFuel, RunResult, Tape, input_tape
from mesaform.spec.validation import machine_argument

Tracer = Callable[[Configuration], None]
"""Called with each configuration a run passes through, the first and the last included
(:func:`trace`)."""

Choice = int | None
"""An index into a candidate list, or ``None`` when no candidate has a score."""


def check_fuel(fuel: int) -> None:
    """Raise ``ValueError`` unless ``fuel`` is a natural number."""
    if isinstance(fuel, bool) or not isinstance(fuel, int) or fuel < 0:
        raise ValueError(f"fuel is a natural number of steps; got {fuel!r}")


def run(machine: str | Program, x: str = "", fuel: int = 0) -> RunResult:
    """Run ``machine`` on input ``x`` for at most ``fuel`` steps (docs/semantics.md#running).

    ``machine`` is a bitstring (decoded first) or a decoded program. The input is
    written in pair code from cell 0; machines run on the blank tape by default.

    Coq twin: ``Run.run`` (proofs/coq, docs/coq.md).
    """
    check_fuel(fuel)
    program = decoded_argument(machine)
    tape_input = machine_argument(x, "x")
    if isinstance(program, Table):
        return run_table(program, input_tape(tape_input), fuel)
    return run_mesa(program, tape_input, fuel)


def decoded_argument(machine: object) -> Program:
    """Return ``machine`` decoded: a ``TM``, a ``str`` of 0 and 1, or a ``Table``/``Mesa``.

    ``TypeError`` (naming the argument ``machine``) for anything else.
    """
    if isinstance(machine, Table | Mesa):
        return machine
    if not isinstance(machine, str):
        raise TypeError(
            "machine must be a TM, a str of 0 and 1, or a decoded Table or Mesa; "
            f"got {type(machine).__name__} {repr(machine)[:40]}"
        )
    return decode(machine_argument(machine, "machine"))


def run_table(table: Table, tape: Tape, fuel: int, tracer: Tracer | None = None) -> RunResult:
    """Run ``table`` from state A with the head on cell 0 for at most ``fuel`` steps.

    A step reads the symbol under the head, writes, moves, then halts if the
    transition's next state is HALT. A missing transition acts as ``1RZ``. Every
    halting transition counts as a step. A table with no states halts at once.

    Coq twin: ``Run.run_table`` (proofs/coq, docs/coq.md).
    """
    check_fuel(fuel)
    cells = set(tape)
    head = 0
    state: int | None = 0 if table.states > 0 else None
    steps = 0
    while True:
        if tracer is not None:
            tracer(Configuration(steps, state, head, frozenset(cells)))
        if state is None:
            return Halted(steps, frozenset(cells))
        if steps == fuel:
            return OutOfFuel(fuel)
        symbol: Symbol = 1 if head in cells else 0
        transition = effective_transition(table, state, symbol)
        if transition.write == 1:
            cells.add(head)
        else:
            cells.discard(head)
        head += 1 if transition.move == 1 else -1
        state = transition.next_state
        steps += 1


def trace(
    machine: str | Table, x: str = "", fuel: int = 0
) -> tuple[RunResult, list[Configuration]]:
    """Run a table and return its result with every configuration it passed through."""
    program = decode(machine) if isinstance(machine, str) else machine
    if not isinstance(program, Table):
        raise ValueError("a trace shows a Table program's configurations; this is a Mesa program")
    configurations: list[Configuration] = []
    result = run_table(program, input_tape(TM(x)), fuel, configurations.append)
    return result, configurations


@dataclass(frozen=True)
class Evaluation:
    """The evaluator's run on one candidate: its score is ``ones`` if it halted."""

    candidate: TM
    result: RunResult

    @property
    def score(self) -> int | None:
        """Return the candidate's score ``U_m(c_i)``, or ``None`` when it has none."""
        return self.result.ones if isinstance(self.result, Halted) else None

    @property
    def steps(self) -> int:
        """Return the simulated steps this evaluation costs the mesa-optimizer."""
        return self.result.steps if isinstance(self.result, Halted) else self.result.fuel


def evaluate_candidates(mesa: Mesa, budget: int | None = None) -> list[Evaluation] | None:
    """Step 1: run the evaluator on each candidate (as input) with fuel ``mesa.fuel``.

    With a ``budget``, return ``None`` as soon as the evaluations need more than
    ``budget`` steps in all (the mesa-optimizer is then out of fuel). Each
    evaluation runs with fuel ``min(f, what is left)``: by fuel monotonicity it
    halts identically whenever the full-fuel run halts within what is left, and
    otherwise the total exceeds the budget either way.

    Coq twin: ``Run.evaluate`` (proofs/coq, docs/coq.md).
    """
    evaluations: list[Evaluation] = []
    spent = 0
    for candidate in mesa.candidates:
        if budget is None:
            result = run(mesa.evaluator, candidate, mesa.fuel)
        else:
            left = budget - spent
            capped = min(mesa.fuel, left)
            result = run(mesa.evaluator, candidate, capped)
            if isinstance(result, OutOfFuel) and capped < mesa.fuel:
                return None
        evaluation = Evaluation(candidate, result)
        spent += evaluation.steps
        if budget is not None and spent > budget:
            return None
        evaluations.append(evaluation)
    return evaluations


def argmax_lowest_index(values: Sequence[Fraction | int | None]) -> Choice:
    """Return the index of the highest defined value, the lowest on ties; ``None`` if none.

    docs/semantics.md#choice-rule: m picks the scored candidate with the highest
    score, the lowest index on ties. ``None`` marks a candidate outside ``dom(U_m)``.

    Coq twin: ``Choice.argmax_lowest_index`` (proofs/coq, docs/coq.md).
    """
    best: Choice = None
    best_value: Fraction | int | None = None
    for index, value in enumerate(values):
        if value is not None and (best_value is None or value > best_value):
            best, best_value = index, value
    return best


def choose(scores: Sequence[int | None]) -> int | None:
    """Step 2: the index of the highest score, the lowest index on ties; ``None`` if none."""
    return argmax_lowest_index(scores)


TableRunner = Callable[[Table, TM, int], RunResult]
"""How a Table runs on an input for some fuel (the reference, or a compiled engine)."""


def _run_table_on(table: Table, x: TM, fuel: int) -> RunResult:
    return run_table(table, input_tape(x), fuel)


def run_mesa(mesa: Mesa, x: TM, fuel: int, table_runner: TableRunner = _run_table_on) -> RunResult:
    """Run a mesa-optimizer: score the candidates, pick the best, act like it.

    The evaluations' steps count towards ``fuel``; the chosen candidate runs on
    ``x`` with the fuel that is left. With no scored candidate, halt with ``x``'s
    tape untouched. When the chosen candidate is itself a mesa-optimizer, acting
    like it is these same three steps again, with the fuel left and the steps spent
    so far carried over. Evaluators that are mesa-optimizers nest runs inside runs;
    they are kept on an explicit stack of :class:`_MesaRun`, not Python's, so nesting
    (by acting or by evaluating) is bounded by the code, not by the recursion limit.
    Nested codes are decoded in place (:func:`mesaform.spec.programs.decode_span`): the stack
    holds spans of the one code, so its levels are not copied out of each other.
    Each step is exactly :func:`evaluate_candidates` with a budget, then
    :func:`choose`: the two are the same computation, unrolled. ``table_runner`` runs
    every Table (a compiled engine passes its own; the result must be the same).

    Coq twin: ``Run.run_g`` (proofs/coq, docs/coq.md).
    """
    check_fuel(fuel)
    stack = [_MesaRun(MesaSpans.of(mesa), x, fuel, table_runner)]
    returned: RunResult | None = None
    while True:
        step = stack[-1].advance(returned)
        returned = None
        if isinstance(step, _Evaluate):
            program = decode_span(step.evaluator)
            if isinstance(program, Table):
                returned = table_runner(program, step.candidate, step.fuel)
            else:
                stack.append(_MesaRun(program, step.candidate, step.fuel, table_runner))
            continue
        stack.pop()
        if not stack:
            return step
        returned = step


@dataclass(frozen=True)
class _Evaluate:
    """A request of a :class:`_MesaRun`: run ``evaluator`` on ``candidate`` with ``fuel``."""

    evaluator: Span
    candidate: TM
    fuel: int


class _MesaRun:
    """One mesa-optimizer's run in progress (a frame of :func:`run_mesa`'s stack)."""

    def __init__(self, mesa: MesaSpans, x: TM, fuel: int, table_runner: TableRunner) -> None:
        self.table_runner = table_runner
        self.acting = mesa
        self.x = x
        self.fuel = fuel
        self.spent = 0  # steps of the evaluations of earlier acting programs
        self.evaluated = 0  # steps of this acting program's evaluations so far
        self.scores: list[int | None] = []
        self.capped = 0  # the fuel of the evaluation being waited for

    def advance(self, returned: RunResult | None) -> _Evaluate | RunResult:
        """Take the result of the evaluation asked for last; ask for the next, or finish."""
        budget = self.fuel - self.spent
        if returned is not None:
            if isinstance(returned, OutOfFuel) and self.capped < self.acting.fuel:
                return OutOfFuel(self.fuel)  # the evaluations need more than the budget
            self.evaluated += Evaluation(TM(""), returned).steps
            if self.evaluated > budget:
                return OutOfFuel(self.fuel)
            self.scores.append(returned.ones if isinstance(returned, Halted) else None)
        while True:
            index = len(self.scores)
            if index < len(self.acting.candidates):
                self.capped = min(self.acting.fuel, budget - self.evaluated)
                candidate = self.acting.candidates[index].bits()
                return _Evaluate(self.acting.evaluator, candidate, self.capped)
            self.spent += self.evaluated
            chosen = choose(self.scores)
            if chosen is None:
                return Halted(self.spent, input_tape(self.x))
            acting = decode_span(self.acting.candidates[chosen])
            if isinstance(acting, Table):
                result = self.table_runner(acting, self.x, self.fuel - self.spent)
                if isinstance(result, OutOfFuel):
                    return OutOfFuel(self.fuel)
                return Halted(self.spent + result.steps, result.tape)
            self.acting, self.evaluated, self.scores = acting, 0, []
            budget = self.fuel - self.spent
