"""The reference interpreter: laws of fuel, busy-beaver values, pair-coded I/O.

See docs/semantics.md#running.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mesaform.model.standard_format import parse_machine
from mesaform.proofs.methods.strategies import machines, mesa_programs, programs, tables
from mesaform.spec.catalogue import BB2
from mesaform.spec.interpreter import choose, evaluate_candidates, run, run_mesa, run_table, trace
from mesaform.spec.machines import TM, encode_natural, read_natural
from mesaform.spec.programs import Mesa, Program, Table, Transition, decode, encode
from mesaform.spec.results import BLANK_TAPE, Halted, OutOfFuel, input_tape

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


# --- Audit: the reference interpreter against the rules of docs/semantics.md.
#
# The sections #pair-code, #programs, #running and #mesa-programs. Each test quotes
# the rule it checks, on a hand-built code, so that a reading
# of the design other than the one written would fail here.


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
    one_bit = decode("0" + "1" + "0" + "101")
    assert isinstance(one_bit, Table) and one_bit.transitions == (Transition(1, 0, None),)
    one_state = decode("010" + "110")
    assert isinstance(one_state, Table) and one_state.transitions == (Transition(1, 1, 0),)
    four = decode("0" + "1111" + "0" + "11011")
    assert isinstance(four, Table) and four.states == 4
    assert four.transitions == (Transition(1, 1, 3),)
    # "Field values >= k mean HALT": 3 with k = 3 (w = 2) halts.
    three_bits = decode("0" + "111" + "0" + "1111")
    assert isinstance(three_bits, Table) and three_bits.transitions == (Transition(1, 1, None),)
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


def _mesa(count: int, fuel: int, evaluator: str, *candidates: str) -> str:
    return encode(Mesa(count, fuel, TM(evaluator), tuple(map(TM, candidates))))


def test_mesa_fields_cut_short_and_absent_candidates() -> None:
    full = _mesa(2, 3, "0110", "010", "0111")
    # Cut inside the last candidate: "the bits that remain".
    cut = decode(full[:-2])
    assert isinstance(cut, Mesa) and cut.candidates == ("010", "01")
    # "A candidate whose field would start at the end of the string is absent".
    without_last = decode(full[: len(full) - len(encode_natural(4)) - 4])
    assert isinstance(without_last, Mesa) and without_last.candidates == ("010",)
    # "a missing evaluator is ''"
    assert decode("1" + encode_natural(3) + encode_natural(2)) == Mesa(3, 2, TM(""), ())


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
        code = encode(Mesa(1, 10**6, TM(""), (TM(code),)))
    return code


def test_deeply_nested_mesa_runs() -> None:
    result = run(_nested_by_acting(600), "1", 10)
    assert result == Halted(0, input_tape("1"))


def test_moderately_nested_mesa_runs() -> None:
    assert run(_nested_by_acting(100), "1", 10) == Halted(0, input_tape("1"))


# --- A mesa-optimizer's semantics: score, choose, act like the choice.
#
# See docs/semantics.md#mesa-programs.


ONE_ONE = parse_machine("1RZ---")  # writes a single 1: score 1


@given(st.lists(st.one_of(st.none(), st.integers(0, 5)), max_size=10))
def test_choice_is_the_first_maximal_score(scores: list[int | None]) -> None:
    chosen = choose(scores)
    scored = [s for s in scores if s is not None]
    if not scored:
        assert chosen is None
    else:
        assert chosen is not None
        assert scores[chosen] == max(scored)
        assert all(s is None or s < max(scored) for s in scores[:chosen])


@given(mesa_programs(nested=True), machines(max_length=4))
def test_mesa_acts_like_its_choice(mesa: Mesa, x: TM) -> None:
    evaluations = evaluate_candidates(mesa)
    assert evaluations is not None
    spent = sum(e.steps for e in evaluations)
    fuel = spent + 200
    result = run_mesa(mesa, x, fuel)
    chosen = choose([e.score for e in evaluations])
    if chosen is None:
        assert result == Halted(spent, input_tape(x))
        return
    acted = run(mesa.candidates[chosen], x, fuel - spent)
    if isinstance(acted, Halted):
        assert result == Halted(spent + acted.steps, acted.tape)
    else:
        assert result == OutOfFuel(fuel)


@given(mesa_programs(nested=True), st.integers(0, 80))
def test_budgeted_evaluation_agrees_with_full_evaluation(mesa: Mesa, budget: int) -> None:
    full = evaluate_candidates(mesa)
    assert full is not None
    budgeted = evaluate_candidates(mesa, budget=budget)
    if sum(e.steps for e in full) > budget:
        assert budgeted is None
    else:
        assert budgeted == full


@given(mesa_programs(), st.integers(0, 30))
def test_step_one_over_budget_is_out_of_fuel(mesa: Mesa, fuel: int) -> None:
    full = evaluate_candidates(mesa)
    assert full is not None
    if sum(e.steps for e in full) > fuel:
        assert run_mesa(mesa, TM(""), fuel) == OutOfFuel(fuel)


def test_a_ten_candidate_mesa_picks_the_highest_score_lowest_index() -> None:
    # The evaluator is the identity-ish empty table: it halts at once with the input
    # tape, so a candidate's score is |c| + (number of 1s in c).
    candidates = (*(TM("0" * i) for i in range(5)), BB2, ONE_ONE, BB2, TM(""), TM("0"))
    mesa = Mesa(10, 0, TM(""), candidates)
    evaluations = evaluate_candidates(mesa)
    assert evaluations is not None
    scores = [e.score for e in evaluations]
    assert scores == [len(c) + c.count("1") for c in candidates]
    assert choose(scores) == 5  # the first BB2 code
    result = run(encode(mesa), "", 1000)
    assert isinstance(result, Halted)
    assert result.ones == 4 and result.steps == 6


def test_no_scored_candidate_returns_the_input_tape() -> None:
    looping = parse_machine("1RA1RA")
    mesa = Mesa(2, 3, looping, (TM("0"), TM("01")))
    assert run(mesa, "101", 100) == Halted(6, input_tape("101"))
    assert run(mesa, "101", 5) == OutOfFuel(5)
