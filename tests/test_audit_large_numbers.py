"""Audit: fuels and bounds beyond machine integers (docs/semantics.md#values,
#running, #verdicts).

Fuel and lengths are natural numbers with no upper limit (docs/semantics.md#bounds). The
compiled enumeration path and the Z3 encoding work on machine-sized numbers; a
claim whose numbers do not fit must take another path (or be reported as not
encoded), never crash with an ``OverflowError`` or a ``Z3Exception``, and never
compare rationals after a silent int64 wrap-around.
"""

from __future__ import annotations

from fractions import Fraction

from proofs.enumeration import enumerate_claim, fast_plan
from proofs.solver_claims import check_with_solver, solver_supports
from spec.claims import Claim, LibraryObjective, MesaProgram
from spec.programs import Mesa, encode
from spec.verdicts import Bound, Proved, Unknown
from tests.claims_for_tests import EXACT

HUGE = 10**20


def _claim(
    base: str,
    bound: Bound,
    mesa_fuel: int,
    predicate: str = "inner-alignment",
    epsilon: Fraction | None = None,
) -> Claim:
    return Claim(
        "large",
        predicate,  # type: ignore[arg-type]
        LibraryObjective(base),
        MesaProgram(encode(Mesa(0, mesa_fuel, EXACT, ()))),
        bound,
        epsilon=epsilon,
    )


def test_enumeration_with_a_huge_base_fuel() -> None:
    # code_ones ignores the fuel; EXACT computes code_ones exactly within 2|t|+1 steps.
    claim = _claim("code_ones", Bound(4, HUGE), 9)
    outcome = enumerate_claim(claim, workers=1)
    assert isinstance(outcome, Proved) and outcome.checked == 31


def test_enumeration_with_a_huge_evaluator_fuel() -> None:
    claim = _claim("code_ones", Bound(4, 3), HUGE)
    outcome = enumerate_claim(claim, workers=1)
    assert isinstance(outcome, Proved) and outcome.checked == 31


def test_compiled_path_refuses_numbers_whose_products_leave_int64() -> None:
    # |U - U_m| * q > p * den is compared in int64 by the kernels: with a fuel of
    # 2**40 and q = 2**30 the products can exceed 2**63.
    claim = _claim(
        "busyness",
        Bound(3, 1 << 40, tables_only=True),
        1 << 40,
        "approximate-alignment",
        Fraction(1, 1 << 30),
    )
    assert fast_plan(claim) is None
    small = _claim("busyness", Bound(3, 40), 40, "approximate-alignment", Fraction(1, 1 << 30))
    assert fast_plan(small) is not None


def test_solver_reports_a_huge_fuel_as_not_encoded() -> None:
    claim = _claim("busyness", Bound(4, HUGE, tables_only=True), 9)
    assert solver_supports(claim) is not None
    outcome = check_with_solver(claim, "z3", timeout_seconds=10)
    assert isinstance(outcome, Unknown)
    assert "not encoded" in outcome.reason


def test_auto_method_for_a_huge_length() -> None:
    from proofs.check import choose_method

    claim = _claim("code_ones", Bound(HUGE, 3), 9)
    assert choose_method(claim) == "z3"
    assert choose_method(_claim("code_ones", Bound(26, 3), 9)) == "enumerate"
    assert choose_method(_claim("code_ones", Bound(27, 3), 9)) == "z3"
