"""mesaform.spec.results: tapes, pair-coded input and output, and the results of a run."""

from hypothesis import given
from hypothesis import strategies as st

from mesaform.spec.interpreter import run
from mesaform.spec.results import Halted, input_tape, read_output


@given(st.text("01", max_size=12))
def test_input_is_written_in_pair_code_and_reads_back(x: str) -> None:
    tape = input_tape(x)
    assert read_output(tape) == x
    assert len(tape) == len(x) + x.count("1")


def test_input_and_output_pair_code() -> None:
    # "bit i of x puts 1 in cell 2i and x_i in cell 2i+1"
    assert input_tape("01") == frozenset({0, 2, 3})
    result = run("", "0110", 0)
    assert isinstance(result, Halted) and result.output == "0110"
