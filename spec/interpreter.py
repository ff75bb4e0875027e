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
  value, the lowest index on ties (``spec.taxonomy.mesa_choice`` uses it too).

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

from spec.machines import TM
from spec.programs import Mesa, Program, Symbol, Table, decode, effective_transition
from spec.results import Configuration, Halted, OutOfFuel, RunResult, Tape, input_tape

Tracer = Callable[[Configuration], None]

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
    """
    check_fuel(fuel)
    program = decode(machine) if isinstance(machine, str) else machine
    if isinstance(program, Table):
        return run_table(program, input_tape(TM(x)), fuel)
    return run_mesa(program, TM(x), fuel)


def run_table(table: Table, tape: Tape, fuel: int, tracer: Tracer | None = None) -> RunResult:
    """Run ``table`` from state A with the head on cell 0 for at most ``fuel`` steps.

    A step reads the symbol under the head, writes, moves, then halts if the
    transition's next state is HALT. A missing transition acts as ``1RZ``. Every
    halting transition counts as a step. A table with no states halts at once.
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


def run_mesa(mesa: Mesa, x: TM, fuel: int) -> RunResult:
    """Run a mesa-optimizer: score the candidates, pick the best, act like it.

    The evaluations' steps count towards ``fuel``; the chosen candidate runs on
    ``x`` with the fuel that is left. With no scored candidate, halt with ``x``'s
    tape untouched. When the chosen candidate is itself a mesa-optimizer, acting
    like it is these same three steps again, with the fuel left and the steps spent
    so far carried over: a loop rather than a recursive call, so that nesting by
    acting is bounded by the code, not by Python's recursion limit.
    """
    check_fuel(fuel)
    spent = 0
    acting: Mesa | Table = mesa
    while isinstance(acting, Mesa):
        evaluations = evaluate_candidates(acting, budget=fuel - spent)
        if evaluations is None:
            return OutOfFuel(fuel)
        spent += sum(evaluation.steps for evaluation in evaluations)
        chosen = choose([evaluation.score for evaluation in evaluations])
        if chosen is None:
            return Halted(spent, input_tape(x))
        acting = decode(acting.candidates[chosen])
    result = run_table(acting, input_tape(x), fuel - spent)
    if isinstance(result, OutOfFuel):
        return OutOfFuel(fuel)
    return Halted(spent + result.steps, result.tape)
