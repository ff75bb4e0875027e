"""The Hypothesis method: shrunk counterexamples, never a proof."""

from hypothesis import given

from proofs.hypothesis_method import machines_in_bound, search_claim
from proofs.outcome import Found
from proofs.replay import replay
from spec.machines import TM
from spec.programs import Table, decode
from spec.verdicts import Bound, NotRefuted
from tests.claims_for_tests import DOUBLING, EXACT, KEEPER, code_ones_claim


def test_misaligned_evaluator_is_shrunk_to_the_minimal_string() -> None:
    claim = code_ones_claim(KEEPER, 10)
    outcome = search_claim(claim, examples=300, seed_value=7)
    assert isinstance(outcome, Found)
    assert outcome.machines == (TM("0"),)  # "" is aligned; "0" is the least failing string
    assert outcome.detail == "seed 7"
    counterexample = replay(claim, outcome)
    assert counterexample.base_values == (0,) and counterexample.mesa_values == (1,)


def test_aligned_evaluator_is_only_not_refuted_with_count_and_seed() -> None:
    outcome = search_claim(code_ones_claim(EXACT, 10), examples=150, seed_value=3)
    assert isinstance(outcome, NotRefuted)
    assert outcome.seed == 3
    assert 0 < outcome.examples <= 150
    assert outcome.method == "hypothesis"


def test_order_alignment_pairs() -> None:
    holds = search_claim(
        code_ones_claim(DOUBLING, 8, "order-alignment"), examples=100, seed_value=1
    )
    assert isinstance(holds, NotRefuted)
    fails = search_claim(code_ones_claim(KEEPER, 8, "order-alignment"), examples=300, seed_value=1)
    assert isinstance(fails, Found) and len(fails.machines) == 2


@given(machines_in_bound(Bound(30, 10, states=2)))
def test_machines_in_bound_respects_states(t: TM) -> None:
    assert Bound(30, 10, states=2).contains(t)
    program = decode(t)
    assert isinstance(program, Table) and program.states == 2
