"""A mesa-optimizer's semantics: score, choose, act like the choice.

See docs/semantics.md#mesa-programs.
"""

from hypothesis import given
from hypothesis import strategies as st

from model.standard_format import parse_machine
from proofs.strategies import machines, mesa_programs
from spec.interpreter import choose, evaluate_candidates, run, run_mesa
from spec.machines import TM
from spec.programs import Mesa, encode
from spec.results import Halted, OutOfFuel, input_tape

ONE_ONE = parse_machine("1RZ---")  # writes a single 1: score 1
WRITER = parse_machine("1RB1LB_1LA1RZ")  # 4 ones in 6 steps


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
    candidates = (*(TM("0" * i) for i in range(5)), WRITER, ONE_ONE, WRITER, TM(""), TM("0"))
    mesa = Mesa(10, 0, TM(""), candidates)
    evaluations = evaluate_candidates(mesa)
    assert evaluations is not None
    scores = [e.score for e in evaluations]
    assert scores == [len(c) + c.count("1") for c in candidates]
    assert choose(scores) == 5  # the first WRITER code
    result = run(encode(mesa), "", 1000)
    assert isinstance(result, Halted)
    assert result.ones == 4 and result.steps == 6


def test_no_scored_candidate_returns_the_input_tape() -> None:
    looping = parse_machine("1RA1RA")
    mesa = Mesa(2, 3, looping, (TM("0"), TM("01")))
    assert run(mesa, "101", 100) == Halted(6, input_tape("101"))
    assert run(mesa, "101", 5) == OutOfFuel(5)
