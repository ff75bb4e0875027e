"""The symbolic Mesa step agrees with the reference interpreter, reading by reading.

This is what makes the theorems of ``proofs/theorems/mesa.py`` statements about
mesaform's Mesa semantics: for random Mesa programs (evaluator a table, candidates,
internal fuel), inputs and outer fuels within the theorems' bounds, the readings of
:func:`mesaform.proofs.symbolic.mesa.mesa_step` -- out of fuel, each score and cost, the steps
spent, the choice, the tape left, and ``U_m`` with its domain -- evaluated on those
concrete values equal what :func:`mesaform.spec.interpreter.evaluate_candidates`,
:func:`mesaform.spec.interpreter.choose`, :func:`mesaform.spec.interpreter.run_mesa` and
:func:`mesaform.spec.library.mesa_objective` give. Both the encoding with every part free (what
the theorems quantify over), substituted, and the encoding of the lifted program are
compared.
"""

from __future__ import annotations

from functools import cache

import pytest
import z3
from hypothesis import given, settings
from hypothesis import strategies as st

from mesaform.proofs.methods.strategies import machines, tables
from mesaform.proofs.symbolic.mesa import (
    SymbolicMesa,
    SymbolicMesaStep,
    concrete_mesa,
    free_mesa,
    mesa_step,
)
from mesaform.proofs.symbolic.tables import SymbolicWord, concrete_word, symbolic_word
from mesaform.proofs.theorems.mesa import (
    MAX_CANDIDATES,
    MAX_FUEL,
    MAX_INPUT,
    MAX_LENGTH,
    MAX_OUTER_FUEL,
    MAX_STATES,
    WIDTH,
)
from mesaform.proofs.theorems.semantics import free_table
from mesaform.spec.interpreter import choose, evaluate_candidates, run, run_mesa
from mesaform.spec.library import mesa_objective
from mesaform.spec.machines import TM
from mesaform.spec.programs import Mesa, Table, decode, effective_transition, encode
from mesaform.spec.results import Halted, OutOfFuel, RunResult, input_tape

Substitution = tuple[z3.ExprRef, z3.ExprRef]


@st.composite
def instances(draw: st.DrawFn) -> tuple[Mesa, TM, int]:
    """Return a Mesa program within the theorems' bounds, an input and an outer fuel."""
    table = draw(tables(max_states=MAX_STATES))
    candidates = draw(st.lists(machines(max_length=MAX_LENGTH), max_size=MAX_CANDIDATES))
    count = draw(st.integers(len(candidates), len(candidates) + 2))
    fuel = draw(st.integers(0, MAX_FUEL))
    x = draw(machines(max_length=MAX_INPUT))
    budget = MAX_CANDIDATES * MAX_FUEL + 1
    outer = draw(st.one_of(st.integers(0, budget), st.integers(0, MAX_OUTER_FUEL)))
    return Mesa(count, fuel, encode(table), tuple(candidates)), x, outer


def readings(step: SymbolicMesaStep, *substitutions: Substitution) -> dict[str, object]:
    """Return what the step says, on concrete values (after the substitutions)."""

    def value(term: z3.ExprRef) -> z3.ExprRef:
        return z3.simplify(z3.substitute(term, *substitutions) if substitutions else term)

    def number(term: z3.ExprRef) -> int:
        result: int = value(term).as_long()
        return result

    present = [e for e in step.evaluations if z3.is_true(value(e.present))]
    objective = [
        (number(e.value), number(e.full_cost)) if z3.is_true(value(e.in_domain)) else None
        for e in present
    ]
    if z3.is_true(value(step.out_of_fuel)):
        return {"out_of_fuel": True, "objective": objective}
    scores = [number(e.score) if z3.is_true(value(e.scored)) else None for e in present]
    tape = number(step.tape)
    return {
        "out_of_fuel": False,
        "objective": objective,
        "scores": scores,
        "costs": [number(e.cost) for e in present],
        "spent": number(step.spent),
        "fuel_left": number(step.fuel_left),
        "choice": None if z3.is_true(value(step.none_chosen)) else number(step.chosen),
        "tape": frozenset(cell for cell in range(step.tape.size()) if tape >> cell & 1),
    }


def expected(mesa: Mesa, x: TM, outer: int) -> dict[str, object]:
    """Return what the reference interpreter says of steps 1 and 2 of ``mesa`` on ``x``."""
    u_m = mesa_objective(mesa)
    objective = []
    for candidate in mesa.candidates:
        full = run(mesa.evaluator, candidate, mesa.fuel)
        defined = isinstance(full, Halted)
        assert defined == u_m.defined(candidate)
        objective.append((u_m.value(candidate), full.steps) if isinstance(full, Halted) else None)
    evaluations = evaluate_candidates(mesa, outer)
    if evaluations is None:
        return {"out_of_fuel": True, "objective": objective}
    scores = [evaluation.score for evaluation in evaluations]
    spent = sum(evaluation.steps for evaluation in evaluations)
    return {
        "out_of_fuel": False,
        "objective": objective,
        "scores": scores,
        "costs": [evaluation.steps for evaluation in evaluations],
        "spent": spent,
        "fuel_left": outer - spent,
        "choice": choose(scores),
        "tape": input_tape(x),
    }


def acted(result: RunResult, spent: int, outer: int) -> RunResult:
    """Return ``m``'s result when the chosen candidate's run (fuel ``F - spent``) is ``result``."""
    return (
        Halted(spent + result.steps, result.tape)
        if isinstance(result, Halted)
        else OutOfFuel(outer)
    )


def check_against_the_interpreter(said: dict[str, object], mesa: Mesa, x: TM, outer: int) -> None:
    assert said == expected(mesa, x, outer)
    result = run_mesa(mesa, x, outer)
    if said["out_of_fuel"]:
        assert result == OutOfFuel(outer)
        return
    spent, choice = said["spent"], said["choice"]
    assert isinstance(spent, int)
    if choice is None:
        assert result == Halted(spent, input_tape(x))
    else:
        assert isinstance(choice, int)
        chosen = mesa.candidates[choice]
        assert result == acted(run(chosen, x, outer - spent), spent, outer)


@given(instances())
@settings(max_examples=150, deadline=None)
def test_the_step_of_a_lifted_mesa_program_matches_the_interpreter(
    instance: tuple[Mesa, TM, int],
) -> None:
    mesa, x, outer = instance
    symbolic = concrete_mesa(mesa, MAX_CANDIDATES, MAX_LENGTH, MAX_FUEL)
    step = mesa_step(symbolic, concrete_word(x, MAX_INPUT), z3.BitVecVal(outer, WIDTH))
    check_against_the_interpreter(readings(step), mesa, x, outer)


@cache
def free_step(states: int) -> tuple[SymbolicMesa, SymbolicWord, z3.BitVecRef, SymbolicMesaStep]:
    """Return the step the theorems quantify over, for evaluators of ``states`` states."""
    mesa, _ = free_mesa(free_table(states), MAX_CANDIDATES, MAX_LENGTH, MAX_FUEL)
    x, _ = symbolic_word("x", MAX_INPUT)
    outer = z3.BitVec("F", WIDTH)
    return mesa, x, outer, mesa_step(mesa, x, outer)


def word_values(word: SymbolicWord, value: str) -> list[Substitution]:
    bits = sum(1 << index for index, bit in enumerate(value) if bit == "1")
    return [
        (word.bits, z3.BitVecVal(bits, word.bits.size())),
        (word.length, z3.BitVecVal(len(value), word.length.size())),
    ]


def program_values(symbolic: SymbolicMesa, mesa: Mesa, table: Table) -> list[Substitution]:
    """Return the values that make the free ``symbolic`` program ``mesa`` (evaluator ``table``)."""
    values: list[Substitution] = []
    for index, transition in enumerate(symbolic.evaluator.transitions):
        meant = effective_transition(table, index // 2, 1 if index % 2 else 0)
        values += [
            (transition.write, z3.BoolVal(meant.write == 1)),
            (transition.move_right, z3.BoolVal(meant.move == 1)),
            (transition.halts, z3.BoolVal(meant.next_state is None)),
            (
                transition.next_state,
                z3.BitVecVal(meant.next_state or 0, transition.next_state.size()),
            ),
        ]
    for index, word in enumerate(symbolic.candidates):
        present = index < len(mesa.candidates)
        values += word_values(word, mesa.candidates[index] if present else "")
    values.append((symbolic.present, z3.BitVecVal(len(mesa.candidates), symbolic.present.size())))
    values.append((symbolic.fuel, z3.BitVecVal(mesa.fuel, WIDTH)))
    return values


@given(instances())
@settings(max_examples=150, deadline=None)
def test_the_free_step_the_theorems_quantify_over_matches_the_interpreter(
    instance: tuple[Mesa, TM, int],
) -> None:
    mesa, x, outer = instance
    table = decode(mesa.evaluator)
    assert isinstance(table, Table)
    symbolic, word, fuel, step = free_step(table.states)
    values = program_values(symbolic, mesa, table) + word_values(word, x)
    values.append((fuel, z3.BitVecVal(outer, WIDTH)))
    check_against_the_interpreter(readings(step, *values), mesa, x, outer)


def test_a_budget_between_two_evaluations_runs_out_of_fuel_in_the_second() -> None:
    # the 1-state table with no transitions halts after one step on every input
    mesa = Mesa(2, 3, encode(Table(1)), (TM("1"), TM("0")))
    symbolic = concrete_mesa(mesa, MAX_CANDIDATES, MAX_LENGTH, MAX_FUEL)
    for outer, out_of_fuel in [(0, True), (1, True), (2, False)]:
        step = mesa_step(symbolic, concrete_word("", MAX_INPUT), z3.BitVecVal(outer, WIDTH))
        assert z3.is_true(z3.simplify(step.out_of_fuel)) == out_of_fuel
        assert (evaluate_candidates(mesa, outer) is None) == out_of_fuel


def test_a_mesa_evaluator_or_too_many_candidates_is_refused() -> None:
    with pytest.raises(ValueError, match="Table programs"):
        concrete_mesa(Mesa(1, 1, TM("1"), ()), MAX_CANDIDATES, MAX_LENGTH, MAX_FUEL)
    too_many = Mesa(9, 1, TM(""), tuple(TM("") for _ in range(MAX_CANDIDATES + 1)))
    with pytest.raises(ValueError, match="exceed the room"):
        concrete_mesa(too_many, MAX_CANDIDATES, MAX_LENGTH, MAX_FUEL)
