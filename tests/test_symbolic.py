"""The Z3 encoding of a run agrees with the reference interpreter, field by field.

This is what makes a Z3 "proved" mean something: for random tables,
inputs and fuels, the symbolic readings ``halted``, ``steps``, ``ones`` and
``output`` of :func:`mesaform.proofs.symbolic.tables.run_symbolic`, evaluated on concrete values,
equal those of :func:`mesaform.spec.interpreter.run`.
"""

from __future__ import annotations

import z3
from hypothesis import given
from hypothesis import strategies as st

from mesaform.proofs.methods.strategies import machines, tables
from mesaform.proofs.symbolic.tables import (
    SymbolicRun,
    concrete_table,
    concrete_word,
    decodes_to_states,
    run_symbolic,
    symbolic_word,
    table_of_code,
    word_of_length,
    word_value,
)
from mesaform.spec.catalogue import CODE_ONES_EVALUATOR
from mesaform.spec.interpreter import run
from mesaform.spec.machines import TM, machines_up_to
from mesaform.spec.programs import Table, decode, encode
from mesaform.spec.results import Halted, RunResult


def readings(
    symbolic: SymbolicRun, *substitutions: tuple[z3.ExprRef, z3.ExprRef]
) -> tuple[object, ...]:
    """Return (halted, steps, ones, output) of a symbolic run with the substitutions applied."""

    def value(term: z3.ExprRef) -> z3.ExprRef:
        return z3.simplify(z3.substitute(term, *substitutions) if substitutions else term)

    halted = z3.is_true(value(symbolic.halted))
    if not halted:
        return (False,)
    length = value(symbolic.output_length).as_long()
    bits = value(symbolic.output_bits).as_long()
    output = "".join("1" if (bits >> index) & 1 else "0" for index in range(length))
    return (True, value(symbolic.steps).as_long(), value(symbolic.ones).as_long(), output)


def reference(result: RunResult) -> tuple[object, ...]:
    if isinstance(result, Halted):
        return (True, result.steps, result.ones, result.output)
    return (False,)


@given(tables(max_states=3), machines(max_length=5), st.integers(0, 14))
def test_concrete_table_on_concrete_input_matches_the_interpreter(
    table: Table, x: TM, fuel: int
) -> None:
    symbolic = run_symbolic(concrete_table(table), concrete_word(x, 6), fuel)
    assert readings(symbolic) == reference(run(table, x, fuel))


@given(tables(max_states=3), machines(max_length=5), st.integers(0, 14))
def test_symbolic_input_evaluated_on_a_word_matches_the_interpreter(
    table: Table, x: TM, fuel: int
) -> None:
    word, _ = symbolic_word("x", 5)
    symbolic = run_symbolic(concrete_table(table), word, fuel)
    value = sum(1 << index for index, bit in enumerate(x) if bit == "1")
    substitutions = (
        (word.bits, z3.BitVecVal(value, word.bits.size())),
        (word.length, z3.BitVecVal(len(x), word.length.size())),
    )
    assert readings(symbolic, *substitutions) == reference(run(table, x, fuel))


@given(tables(max_states=3), machines(max_length=8), st.integers(0, 3), st.integers(0, 14))
def test_symbolic_table_read_from_a_code_matches_the_interpreter(
    table: Table, trailing: TM, extra_length: int, fuel: int
) -> None:
    code = encode(table) + trailing if table.states > 0 else encode(table)
    code = TM(code)
    program = decode(code)
    assert isinstance(program, Table)
    word = word_of_length("t", len(code))
    symbolic = run_symbolic(table_of_code(word, program.states), None, fuel)
    value = sum(1 << index for index, bit in enumerate(code) if bit == "1")
    substitution = (word.bits, z3.BitVecVal(value, word.bits.size()))
    assert readings(symbolic, substitution) == reference(run(code, "", fuel))


def test_the_state_count_constraint_is_decode() -> None:
    for length in range(7):
        word = word_of_length("t", length)
        for t in machines_up_to(6):
            if len(t) != length:
                continue
            value = sum(1 << index for index, bit in enumerate(t) if bit == "1")
            for states in range(4):
                constraint = z3.substitute(
                    decodes_to_states(word, states),
                    (word.bits, z3.BitVecVal(value, word.bits.size())),
                )
                program = decode(t)
                expected = isinstance(program, Table) and program.states == states
                assert z3.is_true(z3.simplify(constraint)) == expected, (t, states)


def test_a_model_decodes_to_the_word_it_assigns() -> None:
    word, constraints = symbolic_word("x", 6)
    solver = z3.Solver()
    solver.add(*constraints, word.length == 4, word.ones(8) == 3)
    assert solver.check() == z3.sat
    x = word_value(solver.model(), word)
    assert len(x) == 4 and x.count("1") == 3


def test_the_code_ones_evaluator_erases_markers_and_counts_the_ones() -> None:
    evaluator = concrete_table(decode(CODE_ONES_EVALUATOR))  # type: ignore[arg-type]
    for x in ["", "0", "1", "0110", "11111"]:
        symbolic = run_symbolic(evaluator, concrete_word(x), 2 * len(x) + 1)
        assert readings(symbolic) == (True, 2 * len(x) + 1, x.count("1"), "")
