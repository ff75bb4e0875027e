"""Replay: a counterexample is reported only if the reference interpreter reproduces it."""

from fractions import Fraction

import pytest

from mesaform.model.search import ReplayDisagreement
from mesaform.proofs.checking.outcome import Found
from mesaform.proofs.checking.replay import replay
from mesaform.spec.catalogue import CODE_ONES_EVALUATOR, DOUBLING_EVALUATOR, PARTIAL_EVALUATOR
from mesaform.spec.machines import TM
from mesaform.spec.objectives import rational
from tests.claims_for_tests import code_ones_claim


def test_a_true_counterexample_replays_with_both_values() -> None:
    claim = code_ones_claim(DOUBLING_EVALUATOR, 6)
    example = replay(claim, Found((TM("1"),), "z3", checked=1))
    assert (example.base_values, example.mesa_values) == ((Fraction(1),), (Fraction(2),))
    assert "reference interpreter" in example.replay


@pytest.mark.parametrize(
    ("claim", "machines", "why"),
    [
        (code_ones_claim(CODE_ONES_EVALUATOR, 6), (TM("0110"),), "holds there"),
        (code_ones_claim(PARTIAL_EVALUATOR, 6), (TM("1"),), "undefined"),
        (code_ones_claim(DOUBLING_EVALUATOR, 3), (TM("1111"),), "outside the bound"),
        (code_ones_claim(DOUBLING_EVALUATOR, 6, "order-alignment"), (TM("1"),), "needs 2 machine"),
    ],
)
def test_a_false_counterexample_is_a_bug_report(
    claim: object, machines: tuple[TM, ...], why: str
) -> None:
    with pytest.raises(ReplayDisagreement, match=why):
        replay(claim, Found(machines, "enumerate", checked=1))  # type: ignore[arg-type]


def test_rationals_are_written_p_over_q() -> None:

    assert rational(Fraction(3, 6)) == "1/2"
    assert rational(Fraction(4)) == "4/1"
    assert rational(None) == "undefined"
