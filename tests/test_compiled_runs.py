"""The compiled `mesaform run` and busy-beaver search against their reference twins."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import model.engine as engine
from mesaform.cli.run import ProgressLine, run_record
from model.engine import run_table_sliced
from model.search import tree_normal_form_search
from model.standard_format import parse_machine
from proofs.strategies import programs
from spec.interpreter import run
from spec.machines import TM
from spec.programs import Program, Table, decode, encode
from tests.cli_helpers import invoke


@settings(max_examples=150, deadline=None)
@given(
    programs(),
    st.text(alphabet="01", max_size=6),
    st.integers(min_value=0, max_value=60),
)
def test_run_record_is_the_same_on_both_interpreters(program: Program, x: str, fuel: int) -> None:
    machine = encode(program)
    assert run_record(machine, TM(x), fuel) == run_record(machine, TM(x), fuel, reference=True)


def test_sliced_run_resumes_exactly() -> None:
    """Slices of one step each give the reference's result; progress sees every slice."""
    table = Table(0)
    assert run_table_sliced(table, TM("01"), 5) == run(table, "01", 5)
    code = parse_machine("1RB1LB_1LA1RZ")
    seen: list[int] = []
    old = engine.SLICE
    engine.SLICE = 1
    try:
        result = run_table_sliced(decode_table(code), TM(""), 100, seen.append)
    finally:
        engine.SLICE = old
    assert result == run(code, "", 100)
    assert seen == [1, 2, 3, 4, 5]  # progress after each slice that did not halt


def decode_table(code: str) -> Table:
    table = decode(code)
    assert isinstance(table, Table)
    return table


def test_run_reference_flag_and_long_out_of_fuel_run(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = invoke(capsys, "run", "1RB1LB_1LA1RZ", "--json", "--reference")
    assert code == 0 and json.loads(out)["steps"] == 6
    # 10^7 steps right on a blank tape: memory is the tape's cells, not a record per step.
    code, out, _ = invoke(capsys, "run", "1RA1RA", "--fuel", "10000000")
    assert code == 0 and "out of fuel after 10000000 steps" in out


@pytest.mark.parametrize(("states", "fuel"), [(1, 5), (2, 10), (2, 30), (3, 40), (3, 60)])
@pytest.mark.parametrize("objective", ["busyness", "productivity"])
def test_compiled_tree_normal_form_search_equals_the_python_one(
    states: int, fuel: int, objective: str
) -> None:
    compiled = tree_normal_form_search(states, objective, fuel, top=7, compiled=True)
    python = tree_normal_form_search(states, objective, fuel, top=7, compiled=False)
    assert compiled == python


def test_progress_line_shows_after_its_delay_on_a_terminal(
    capsys: pytest.CaptureFixture[str],
) -> None:
    line = ProgressLine("1RA1RA", 1000)
    line.enabled = True
    line(10)  # before the delay: nothing
    assert capsys.readouterr().err == ""
    line.DELAY = 0.0
    line(500)
    line.clear()
    err = capsys.readouterr().err
    assert "1RA1RA: 500 of 1,000 steps" in err and err.endswith("\r\x1b[K")
    quiet = ProgressLine("x", 10)
    quiet.enabled = False
    quiet.DELAY = 0.0
    quiet(5)
    assert capsys.readouterr().err == ""
