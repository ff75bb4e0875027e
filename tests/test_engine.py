"""The fast engine agrees with the reference interpreter (docs/semantics.md#running).

Differential Hypothesis tests: on random tables, nested Mesa programs and arbitrary
bitstrings, with random inputs and fuels, :func:`mesaform.model.engine.run_fast` returns
exactly the reference's result (halting, steps, ones, output, tape), and the
compiled summary runner agrees on everything but the tape.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mesaform.model.engine import (
    evaluator_outcomes,
    run_fast,
    run_summary,
    table_delta,
    used_length,
    warm_up,
)
from mesaform.model.standard_format import parse_machine
from mesaform.proofs.methods.strategies import machines, mesa_programs, tables
from mesaform.spec.catalogue import CODE_ONES_EVALUATOR
from mesaform.spec.interpreter import run
from mesaform.spec.programs import Mesa, Program, Table, Transition, decode, encode
from mesaform.spec.results import Halted, OutOfFuel, RunResult

CHAMPIONS = [
    ("1RB1LB_1LA1RZ", 6, 4),
    ("1RB1RZ_1LB0RC_1LC1LA", 21, 5),
    ("1RB1RZ_0RC1RB_1LC1LA", 14, 6),
    ("1RB1LB_1LA0LC_1RZ1LD_1RD0RA", 107, 13),
]

inputs = st.text("01", max_size=8)
fuels = st.integers(0, 120)


def setup_module() -> None:
    warm_up()


def assert_same_run(fast: RunResult, reference: RunResult) -> None:
    assert fast == reference
    assert fast.halted == reference.halted
    if isinstance(fast, Halted) and isinstance(reference, Halted):
        assert (fast.steps, fast.ones, fast.output, fast.tape) == (
            reference.steps,
            reference.ones,
            reference.output,
            reference.tape,
        )


def assert_same_summary(machine: str, x: str, fuel: int) -> None:
    reference = run(machine, x, fuel)
    summary = run_summary(machine, x, fuel)
    assert summary.halted == reference.halted
    if isinstance(reference, Halted):
        assert summary.steps == reference.steps
        assert summary.ones == reference.ones
        assert summary.output_length == len(reference.output)
        assert summary.output == reference.output[:62]
    else:
        assert summary.steps == reference.fuel


@given(tables(max_states=4), inputs, fuels)
def test_tables_agree_with_reference(table: Table, x: str, fuel: int) -> None:
    assert_same_run(run_fast(table, x, fuel), run(table, x, fuel))
    assert_same_run(run_fast(encode(table), x, fuel), run(table, x, fuel))
    assert_same_summary(encode(table), x, fuel)


@given(mesa_programs(nested=True), inputs, fuels)
def test_nested_mesa_programs_agree_with_reference(mesa: Mesa, x: str, fuel: int) -> None:
    assert_same_run(run_fast(mesa, x, fuel), run(mesa, x, fuel))
    assert_same_summary(encode(mesa), x, fuel)


@given(machines(max_length=48), inputs, fuels)
def test_arbitrary_bitstrings_agree_with_reference(t: str, x: str, fuel: int) -> None:
    assert_same_run(run_fast(t, x, fuel), run(t, x, fuel))
    assert_same_summary(t, x, fuel)


@given(machines(max_length=40), st.data())
def test_strings_with_the_same_used_prefix_denote_the_same_program(
    t: str, data: st.DataObject
) -> None:
    used = used_length(t)
    assert 0 <= used <= len(t)
    suffix = data.draw(st.text("01", min_size=len(t) - used, max_size=len(t) - used))
    assert decode(t[:used] + suffix) == decode(t)


def test_used_prefix_stops_after_the_last_complete_transition() -> None:
    # 1 state: header 010, transitions of 3 bits; a cut-short transition is unused.
    assert used_length("010" + "110" + "11") == 6
    assert used_length("011") == 3  # the string ends inside the header
    assert used_length("") == 0


def reference_outcome(table: Table, x: str, fuel: int) -> int | None:
    result = run(table, x, fuel)
    return result.ones if isinstance(result, Halted) else None


@given(tables(max_states=4), st.integers(0, 7), st.integers(0, 40), st.data())
def test_prefix_sharing_search_agrees_with_one_run_per_input(
    table: Table, length: int, fuel: int, data: st.DataObject
) -> None:
    free = data.draw(st.integers(0, length))
    first = data.draw(st.integers(0, (1 << (length - free)) - 1)) << free
    inputs = [
        format(value, f"0{length}b") if length else ""
        for value in range(first, first + (1 << free))
    ]
    expected = [reference_outcome(table, x, fuel) for x in inputs]
    assert evaluator_outcomes(table, fuel, length, first, 1 << free) == expected


def test_prefix_sharing_search_on_the_code_ones_evaluator() -> None:
    evaluator = decode(CODE_ONES_EVALUATOR)
    assert isinstance(evaluator, Table)
    for length in range(9):
        outcomes = evaluator_outcomes(evaluator, 2 * length + 1, length)
        assert outcomes == [bin(value).count("1") for value in range(1 << length)]
        starved = evaluator_outcomes(evaluator, 2 * length, length)
        assert starved == [None] * (1 << length)


@pytest.mark.parametrize(("machine", "steps", "ones"), CHAMPIONS)
def test_busy_beaver_champions(machine: str, steps: int, ones: int) -> None:
    code = parse_machine(machine)
    result = run_fast(code, "", 10_000)
    assert isinstance(result, Halted)
    assert (result.steps, result.ones) == (steps, ones)
    assert result == run(code, "", 10_000)
    assert run_fast(code, "", steps - 1) == OutOfFuel(steps - 1)
    summary = run_summary(code, "", 10_000)
    assert (summary.halted, summary.steps, summary.ones) == (True, steps, ones)


@pytest.mark.slow
def test_five_state_champion() -> None:
    code = parse_machine("1RB1LC_1RC1RB_1RD0LE_1LA1LD_1RZ0LA")
    result = run_fast(code, "", 50_000_000)
    assert isinstance(result, Halted)
    assert (result.steps, result.ones) == (47_176_870, 4_098)
    summary = run_summary(code, "", 50_000_000)
    assert (summary.steps, summary.ones) == (47_176_870, 4_098)


def test_a_head_far_beyond_the_initial_tape_grows_it() -> None:
    # A single state moving right forever over blanks: 1R A on 0; runs out of fuel,
    # and with a halting read of 1 placed far away, it halts exactly there.
    runner = encode(Table(1, (Transition(0, 1, 0),)))
    assert run_fast(runner, "", 5_000) == run(runner, "", 5_000) == OutOfFuel(5_000)
    leftwards = encode(Table(1, (Transition(1, 0, 0),)))
    assert run_fast(leftwards, "", 3_000) == run(leftwards, "", 3_000)


def test_table_delta_packs_missing_transitions_as_one_right_halt() -> None:
    delta = table_delta(Table(2, (Transition(0, 0, 1),)))
    assert list(delta) == [0 | 0 << 1 | 2 << 2, 3, 3, 3]


def test_empty_table_and_mesa_without_candidates_leave_the_input() -> None:
    for machine in ("", "1", "10"):
        program: Program = decode(machine)
        assert run_fast(program, "101", 0) == run(program, "101", 0)
