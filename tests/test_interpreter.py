"""The reference interpreter: laws of fuel, busy-beaver values, pair-coded I/O.

See docs/semantics.md#running.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.standard_format import parse_machine
from proofs.strategies import machines, programs, tables
from spec.interpreter import run, run_table, trace
from spec.programs import Program, Table, Transition, encode
from spec.results import BLANK_TAPE, Halted, OutOfFuel, input_tape, read_output

# Published champions: (machine, S = steps, Sigma = ones).
CHAMPIONS = [
    ("1RB1LB_1LA1RZ", 6, 4),  # BB(2): S(2) = 6, Sigma(2) = 4
    ("1RB1RZ_1LB0RC_1LC1LA", 21, 5),  # BB(3): S(3) = 21
    ("1RB1RZ_0RC1RB_1LC1LA", 14, 6),  # Sigma(3) = 6
    ("1RB1LB_1LA0LC_1RZ1LD_1RD0RA", 107, 13),  # BB(4): S(4) = 107, Sigma(4) = 13
]


@pytest.mark.parametrize(("machine", "steps", "ones"), CHAMPIONS)
def test_busy_beaver_champions(machine: str, steps: int, ones: int) -> None:
    result = run(parse_machine(machine), "", 10_000)
    assert isinstance(result, Halted)
    assert (result.steps, result.ones) == (steps, ones)
    assert run(parse_machine(machine), "", steps) == result
    assert run(parse_machine(machine), "", steps - 1) == OutOfFuel(steps - 1)


def test_empty_table_halts_at_once_with_tape_untouched() -> None:
    assert run("", "101", 0) == Halted(0, input_tape("101"))


def test_missing_transition_behaves_as_one_right_halt() -> None:
    # one state, no transitions: read 0, write 1, move right, halt -- one step.
    assert run("010", "", 5) == Halted(1, frozenset({0}))
    assert run(encode(Table(1, (Transition(1, 1, None),))), "", 5) == run("010", "", 5)


@given(st.text("01", max_size=12))
def test_input_is_written_in_pair_code_and_reads_back(x: str) -> None:
    tape = input_tape(x)
    assert read_output(tape) == x
    assert len(tape) == len(x) + x.count("1")


@given(programs(max_states=3), machines(max_length=6), st.integers(0, 60), st.integers(0, 60))
def test_fuel_monotonicity(program: Program, x: str, fuel: int, extra: int) -> None:
    """A run that halts within F halts identically within any F' >= F (evaln_mono)."""
    result = run(program, x, fuel)
    if isinstance(result, Halted):
        assert result.steps <= fuel
        assert run(program, x, fuel + extra) == result


@given(programs(max_states=3), machines(max_length=6), st.integers(0, 40))
def test_fuel_soundness(program: Program, x: str, fuel: int) -> None:
    """A run out of fuel at F has not halted at any step <= F (evaln_sound)."""
    if isinstance(run(program, x, fuel), OutOfFuel):
        for smaller in range(fuel + 1):
            assert isinstance(run(program, x, smaller), OutOfFuel)


@given(tables(max_states=3), machines(max_length=5), st.integers(0, 40))
def test_trace_agrees_with_run(table: Table, x: str, fuel: int) -> None:
    result, configurations = trace(table, x, fuel)
    assert result == run(table, x, fuel)
    assert [c.step for c in configurations] == list(range(len(configurations)))
    if isinstance(result, Halted):
        assert configurations[-1].state is None
        assert configurations[-1].tape == result.tape
        assert len(configurations) == result.steps + 1


def test_negative_fuel_is_refused() -> None:
    with pytest.raises(ValueError, match="fuel"):
        run("", "", -1)
    with pytest.raises(ValueError, match="fuel"):
        run_table(Table(0), BLANK_TAPE, -3)
