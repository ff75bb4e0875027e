"""Audit: the reference interpreter against the rules of docs/semantics.md.

The sections #pair-code, #programs, #running and #mesa-programs. Each test quotes
the rule it checks, on a hand-built code, so that a reading
of the design other than the one written would fail here.
"""

from __future__ import annotations

from spec.interpreter import run
from spec.machines import encode_natural, read_natural
from spec.programs import Mesa, Table, Transition, decode, encode
from spec.results import Halted, OutOfFuel, input_tape

BB2 = "01101101100110001110"


def test_pair_code_example() -> None:
    # "5 = 101 -> 11 10 11 0 = 1110110"
    assert encode_natural(5) == "1110110"
    assert encode_natural(0) == "0"
    # "Reading stops at the closing 0 or at the end of the string".
    assert read_natural("1110", 0) == (2, 4)
    assert read_natural("1110", 4) == (0, 4)
    assert read_natural("11", 0) == (1, 2)


def test_header_and_width() -> None:
    # "w = max(1, bit_length(k))": k = 1 -> 1 bit, k = 2 -> 2 bits, k = 4 -> 3 bits.
    assert decode("0" + "1" + "0" + "101").transitions == (Transition(1, 0, None),)
    one_state = decode("010" + "110")
    assert isinstance(one_state, Table) and one_state.transitions == (Transition(1, 1, 0),)
    four = decode("0" + "1111" + "0" + "11011")
    assert isinstance(four, Table) and four.states == 4
    assert four.transitions == (Transition(1, 1, 3),)
    # "Field values >= k mean HALT": 3 with k = 3 (w = 2) halts.
    assert decode("0" + "111" + "0" + "1111").transitions == (Transition(1, 1, None),)
    # The header ends at the end of the string: k = 3 and no transition.
    assert decode("0111") == Table(3)


def test_bb2_example_code_and_run() -> None:
    # "1RB1LB_1LA1RZ is 0 110 1101 1001 1000 1110 ... halts after 6 steps with 4 ones"
    table = decode(BB2)
    assert isinstance(table, Table) and table.states == 2 and len(table.transitions) == 4
    result = run(BB2, "", 6)
    assert isinstance(result, Halted) and result.steps == 6 and result.ones == 4
    assert isinstance(run(BB2, "", 5), OutOfFuel)


def test_missing_transitions_and_empty_table() -> None:
    # "A transition that the string ends before completing is missing, and so is every later one."
    cut = decode(BB2[:-1])
    assert isinstance(cut, Table) and len(cut.transitions) == 3
    # "A missing transition behaves exactly as 1RZ", a counted step.
    result = run("010", "", 1)
    assert isinstance(result, Halted) and result.steps == 1 and result.tape == frozenset({0})
    # "(empty): the table with no states. It halts at once: 0 steps, tape untouched."
    assert run("", "101", 0) == Halted(0, input_tape("101"))


def test_input_and_output_pair_code() -> None:
    # "bit i of x puts 1 in cell 2i and x_i in cell 2i+1"
    assert input_tape("01") == frozenset({0, 2, 3})
    result = run("", "0110", 0)
    assert isinstance(result, Halted) and result.output == "0110"


def _mesa(count: int, fuel: int, evaluator: str, *candidates: str) -> str:
    return encode(Mesa(count, fuel, evaluator, candidates))


def test_mesa_fields_cut_short_and_absent_candidates() -> None:
    full = _mesa(2, 3, "0110", "010", "0111")
    # Cut inside the last candidate: "the bits that remain".
    cut = decode(full[:-2])
    assert isinstance(cut, Mesa) and cut.candidates == ("010", "01")
    # "A candidate whose field would start at the end of the string is absent".
    without_last = decode(full[: len(full) - len(encode_natural(4)) - 4])
    assert isinstance(without_last, Mesa) and without_last.candidates == ("010",)
    # "a missing evaluator is ''"
    assert decode("1" + encode_natural(3) + encode_natural(2)) == Mesa(3, 2, "", ())


def test_mesa_steps_budget_and_no_score() -> None:
    # The evaluator "" halts at once on every candidate: 0 steps, score = its input tape.
    # Candidate "010" (write 1, right, halt) scores |010| + 1 = 4; "" scores 0.
    m = _mesa(2, 5, "", "", "010")
    result = run(m, "", 1)
    assert isinstance(result, Halted) and result.steps == 1 and result.tape == frozenset({0})
    # Acting needs one step: with fuel 0 the chosen candidate is out of fuel.
    assert isinstance(run(m, "", 0), OutOfFuel)
    # An evaluator that never halts (0RA0RA loops right): no candidate has a score;
    # each evaluation costs f = 3 steps; "m halts after step 1 with x's tape untouched".
    loop = encode(Table(1, (Transition(0, 1, 0), Transition(0, 1, 0))))
    none_scored = _mesa(2, 3, loop, "0", "1")
    assert run(none_scored, "10", 6) == Halted(6, input_tape("10"))
    # "If step 1 alone uses more than F steps, m is out of fuel."
    assert isinstance(run(none_scored, "10", 5), OutOfFuel)


def test_mesa_ties_pick_the_lowest_index() -> None:
    # With the evaluator "" a candidate scores |c| + code_ones(c) (its input tape).
    # 0LZ padded with "11" and 1RZ padded with "00" both score 12; trailing bits are ignored.
    erase = "01000111"  # 0LZ: writes 0 on cell 0
    mark = "01011100"  # 1RZ: writes 1 on cell 0
    assert decode(erase) == Table(1, (Transition(0, 0, None),))
    assert decode(mark) == Table(1, (Transition(1, 1, None),))
    first = run(_mesa(2, 9, "", erase, mark), "", 9)
    assert isinstance(first, Halted) and first.tape == frozenset()
    second = run(_mesa(2, 9, "", mark, erase), "", 9)
    assert isinstance(second, Halted) and second.tape == frozenset({0})


def _nested_by_acting(levels: int) -> str:
    """A Mesa whose only candidate is the previous level: acting nests, at no step cost."""
    code = ""
    for _ in range(levels):
        code = encode(Mesa(1, 10**6, "", (code,)))
    return code


def test_deeply_nested_mesa_runs() -> None:
    result = run(_nested_by_acting(600), "1", 10)
    assert result == Halted(0, input_tape("1"))


def test_moderately_nested_mesa_runs() -> None:
    assert run(_nested_by_acting(100), "1", 10) == Halted(0, input_tape("1"))
