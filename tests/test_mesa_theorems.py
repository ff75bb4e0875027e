"""The theorems about a Mesa program's first two steps: registered with their bounds, proved
by ``mesaform prove``, and not vacuous (wrong variants get countermodels that the reference
interpreter replays)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import z3

from mesaform.proofs.symbolic.mesa import SymbolicMesa, free_mesa, mesa_step
from mesaform.proofs.symbolic.tables import SymbolicWord, symbolic_word, word_value
from mesaform.proofs.theorems.mesa import (
    CHOICE_MAX_STATES,
    MAX_CANDIDATES,
    MAX_FUEL,
    MAX_INPUT,
    MAX_LENGTH,
    MAX_OUTER_FUEL,
    MAX_STATES,
    MESA_THEOREMS,
    WIDTH,
    scope,
)
from mesaform.proofs.theorems.prover import THEOREM_LISTS
from mesaform.proofs.theorems.semantics import free_table
from mesaform.spec.interpreter import choose, evaluate_candidates, run_mesa
from mesaform.spec.machines import TM
from mesaform.spec.programs import Mesa, Table, Transition, encode
from mesaform.spec.results import OutOfFuel
from tests.cli_helpers import invoke

NAMES = [
    "a_mesa_programs_first_step_does_not_read_its_input",
    "a_candidates_score_is_U_m_of_it_whatever_the_input",
    "a_mesa_programs_first_step_is_out_of_fuel_exactly_when_its_evaluations_need_more_than_F",
    "a_mesa_programs_first_step_finishes_with_f_steps_of_fuel_per_candidate",
    "a_mesa_program_chooses_the_first_argmax_of_U_m_over_its_candidates_in_dom",
]


def test_the_theorems_are_registered_and_name_every_bound() -> None:
    assert MESA_THEOREMS in THEOREM_LISTS
    assert [theorem.name for theorem in MESA_THEOREMS] == NAMES
    assert MAX_OUTER_FUEL >= MAX_CANDIDATES * MAX_FUEL
    for theorem in MESA_THEOREMS:
        states = CHOICE_MAX_STATES if "chooses" in theorem.name else MAX_STATES
        # the first holds by construction (x is only passed on): an unfolding
        assert theorem.kind == ("unfolding" if theorem.name == NAMES[0] else "theorem")
        assert theorem.scope == scope(states)
        assert f"table of k <= {states} states" in theorem.scope
        assert f"table of at most {states} states" in theorem.statement
        assert f"at most {MAX_CANDIDATES} candidates of at most {MAX_LENGTH} characters" in (
            theorem.statement
        )
        assert f"f <= {MAX_FUEL}, every outer fuel F <= {MAX_OUTER_FUEL}" in theorem.statement
        assert f"at most {MAX_INPUT} characters" in theorem.statement


def test_prove_gives_kind_and_scope_in_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report = tmp_path / "mesa.json"
    code, out, _ = invoke(capsys, "prove", NAMES[0], NAMES[3], "--json", str(report))
    assert code == 0
    assert "unfolding (1 of 1 proved)" in out and "theorem (1 of 1 proved)" in out
    records = json.loads(report.read_text())["results"]
    assert [record["name"] for record in records] == [NAMES[0], NAMES[3]]
    for record in records:
        assert record["status"] == "proved"
        assert record["kind"] == ("unfolding" if record["name"] == NAMES[0] else "theorem")
        assert record["scope"].startswith("bounded: every Mesa program whose evaluator")


Claim = Callable[[SymbolicMesa, SymbolicWord, z3.BitVecRef], z3.BoolRef]


def countermodel(claim: Claim, states: int) -> tuple[Mesa, TM, int]:
    """Return a Mesa program (evaluator a real table of ``states`` states), input and fuel
    for which the symbolic step refutes ``claim``."""
    mesa, well_formed = free_mesa(free_table(states), MAX_CANDIDATES, MAX_LENGTH, MAX_FUEL)
    x, x_well_formed = symbolic_word("x", MAX_INPUT)
    outer = z3.BitVec("F", WIDTH)
    transitions = mesa.evaluator.transitions
    real = [z3.Or(t.halts, z3.ULT(t.next_state, states)) for t in transitions]
    solver = z3.Solver()
    solver.add(*well_formed, *x_well_formed, *real, z3.Not(claim(mesa, x, outer)))
    assert solver.check() == z3.sat
    model = solver.model()

    def true(term: z3.BoolRef) -> bool:
        return bool(z3.is_true(model.eval(term, model_completion=True)))

    def number(term: z3.BitVecRef) -> int:
        value: int = model.eval(term, model_completion=True).as_long()
        return value

    table = Table(
        states,
        tuple(
            Transition(
                1 if true(t.write) else 0,
                1 if true(t.move_right) else 0,
                None if true(t.halts) else number(t.next_state),
            )
            for t in transitions
        ),
    )
    present = number(mesa.present)
    candidates = tuple(TM(word_value(model, word)) for word in mesa.candidates[:present])
    program = Mesa(present, number(mesa.fuel), encode(table), candidates)
    return program, TM(word_value(model, x)), number(outer)


def never_out_of_fuel(mesa: SymbolicMesa, x: SymbolicWord, outer: z3.BitVecRef) -> z3.BoolRef:
    return z3.Not(mesa_step(mesa, x, outer).out_of_fuel)


def ties_go_to_the_last(mesa: SymbolicMesa, x: SymbolicWord, outer: z3.BitVecRef) -> z3.BoolRef:
    step = mesa_step(mesa, x, outer)
    index = step.chosen.size()
    later_ties = []
    for j, chosen in enumerate(step.evaluations):
        for later in step.evaluations[j + 1 :]:
            tie = z3.And(later.scored, later.score == chosen.score)
            later_ties.append(z3.And(step.chosen == z3.BitVecVal(j, index), tie))
    finished = z3.And(z3.Not(step.out_of_fuel), z3.Not(step.none_chosen))
    return z3.Implies(finished, z3.Not(z3.Or(*later_ties)))


@pytest.mark.parametrize("states", range(1, MAX_STATES + 1))
def test_step_one_can_run_out_of_fuel_and_the_interpreter_agrees(states: int) -> None:
    mesa, x, outer = countermodel(never_out_of_fuel, states)
    assert evaluate_candidates(mesa, outer) is None
    assert run_mesa(mesa, x, outer) == OutOfFuel(outer)


def test_ties_do_not_go_to_the_last_index_and_the_interpreter_agrees() -> None:
    mesa, _x, outer = countermodel(ties_go_to_the_last, 1)
    evaluations = evaluate_candidates(mesa, outer)
    assert evaluations is not None
    scores = [evaluation.score for evaluation in evaluations]
    chosen = choose(scores)
    assert chosen is not None
    assert scores.count(scores[chosen]) >= 2
    assert scores.index(scores[chosen]) == chosen
