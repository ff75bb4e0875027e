"""A proof by enumeration says how much of its bound lies in dom(U_m).

A bounded claim only speaks of ``t`` in ``dom(U_m)`` (docs/semantics.md#claims), so a claim can
hold merely because ``U_m`` is undefined almost everywhere. ``Proved.in_domain``
(and the detail ``U_m defined on D of N strings``) must equal the number of
strings ``t`` of the bound with ``claim.mesa_objective().defined(t)``: on the fused
kernel (:func:`mesaform.model.kernels.first_failure_range`), on the chunked kernel
(:func:`mesaform.model.kernels.evaluate_range`, for order alignment and
``find_all``) and on the generic path; the report and the CLI line carry it.
"""

from dataclasses import replace
from fractions import Fraction
from importlib import resources

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mesaform.claim_files import parse_claims, user_base, user_mesa
from mesaform.cli.check import describe_verdict
from mesaform.model import engine
from mesaform.proofs.checking.check import CheckResult, check_claim
from mesaform.proofs.checking.report import verdict_record
from mesaform.proofs.methods.enumeration import (
    enumerate_claim,
    enumerate_generic,
)
from mesaform.proofs.methods.strategies import mesa_programs, tables
from mesaform.spec.catalogue import CODE_ONES_EVALUATOR, DOUBLING_EVALUATOR, PARTIAL_EVALUATOR
from mesaform.spec.claims import Claim, LibraryObjective, MesaProgram, Predicate
from mesaform.spec.library import LIBRARY_OBJECTIVES
from mesaform.spec.programs import encode
from mesaform.spec.verdicts import Bound, Proved
from tests.claims_for_tests import code_ones_claim

WIDE = Fraction(1000)
"""An epsilon above every |U - U_m| in these small bounds: approximate alignment holds."""


def setup_module() -> None:
    engine.warm_up()


def in_domain(claim: Claim) -> int:
    """The specification: how many strings of the bound lie in dom(U_m)."""
    mesa = claim.mesa_objective()
    return sum(1 for t in claim.bound.machines() if mesa.defined(t))


def assert_counts_domain(outcome: object, claim: Claim) -> None:
    assert isinstance(outcome, Proved), outcome
    checked = claim.bound.size()
    expected = in_domain(claim)
    assert outcome.checked == checked
    assert outcome.in_domain == expected
    strings = "1 string" if checked == 1 else f"{checked} strings"
    assert outcome.detail == f"U_m defined on {expected} of {strings}"


def bounds() -> st.SearchStrategy[Bound]:
    return st.one_of(
        st.builds(Bound, st.integers(0, 6), st.integers(0, 20)),
        st.builds(Bound, st.integers(0, 6), st.integers(0, 20), st.booleans(), st.integers(0, 2)),
    )


@st.composite
def wide_claims(draw: st.DrawFn) -> Claim:
    """Approximate-alignment claims that hold, with random (table or nested) evaluators."""
    mesa = draw(mesa_programs(nested=draw(st.booleans()), max_fuel=20))
    base = LibraryObjective(draw(st.sampled_from(LIBRARY_OBJECTIVES)))
    bound = draw(bounds())
    return Claim("wide", "approximate-alignment", base, MesaProgram(encode(mesa)), bound, WIDE)


@settings(max_examples=60, deadline=None)
@given(wide_claims())
def test_fused_kernel_counts_the_domain(claim: Claim) -> None:
    assert_counts_domain(enumerate_claim(claim), claim)


@settings(max_examples=40, deadline=None)
@given(wide_claims())
def test_chunked_kernel_counts_the_domain(claim: Claim) -> None:
    # find_all takes the chunked evaluate_range path instead of the fused kernel.
    assert_counts_domain(enumerate_claim(claim, find_all=True), claim)


@settings(max_examples=30, deadline=None)
@given(wide_claims(), st.booleans())
def test_generic_path_counts_the_domain(claim: Claim, compiled_mesa: bool) -> None:
    assert_counts_domain(enumerate_generic(claim, compiled_mesa=compiled_mesa), claim)


@settings(max_examples=60, deadline=None)
@given(
    mesa_programs(nested=True, max_fuel=20),
    st.sampled_from(["inner-alignment", "order-alignment"]),
    st.sampled_from(LIBRARY_OBJECTIVES),
    bounds(),
    st.booleans(),
)
def test_any_proof_counts_the_domain(
    mesa: object, predicate: Predicate, base: str, bound: Bound, generic: bool
) -> None:
    """Whenever a random inner or order claim is proved, on either path, the count is exact."""
    assert not isinstance(mesa, str)
    code = encode(mesa)  # type: ignore[arg-type]
    claim = Claim("random", predicate, LibraryObjective(base), MesaProgram(code), bound)
    outcome = enumerate_generic(claim) if generic else enumerate_claim(claim)
    if isinstance(outcome, Proved):
        assert_counts_domain(outcome, claim)


@settings(max_examples=60, deadline=None)
@given(
    tables(max_states=3),
    st.integers(0, 9),
    st.integers(0, 30),
    st.sampled_from([0, 1, 2]),
    st.booleans(),
)
def test_kernels_count_defined_strings(
    table: object, length: int, fuel: int, mode: int, shared: bool
) -> None:
    """Both kernels return the number of defined strings their outcomes show."""
    from mesaform.spec.programs import Table

    assert isinstance(table, Table)
    kernels = engine.kernels()
    delta = engine.table_delta(table)
    size = 1 << length
    defined = np.zeros(size, np.uint8)
    arrays = (defined, np.zeros(size, np.int64), np.zeros(size, np.int64), np.ones(size, np.int64))
    arguments = (length, 0, size, mode, delta, table.states, fuel, kernels.BASE_BUSYNESS, 5, 256)
    _, counted = kernels.evaluate_range(*arguments, min(4, size), shared, *arrays)
    assert counted == int(defined.sum())
    failure, fused_count = kernels.first_failure_range(*arguments, min(4, size), shared, 10**6, 1)
    assert (failure, fused_count) == (-1, counted)


def bundled_partial_claim() -> Claim:
    text = resources.files("mesaform.claims").joinpath("default.toml").read_text()
    (claim,) = [c for c in parse_claims(text) if c.name == "code_ones_partial_evaluator"]
    return claim


def empty_or_starting_with_zero(bound: Bound) -> int:
    return sum(1 for t in bound.machines() if t == "" or t[0] == "0")


def test_bundled_partial_evaluator_is_defined_on_half_the_bound() -> None:
    claim = bundled_partial_claim()
    assert claim.bound.max_length == 16
    expected = empty_or_starting_with_zero(claim.bound)
    assert expected == 65536
    outcome = enumerate_claim(claim)
    assert isinstance(outcome, Proved)
    assert (outcome.checked, outcome.in_domain) == (131071, 65536)
    assert outcome.detail == "U_m defined on 65536 of 131071 strings"
    result = check_claim(claim, "enumerate")
    assert result.verdict == replace(outcome, dom_longest=16)
    assert verdict_record(result.verdict)["in_domain"] == 65536
    assert "131071 strings; U_m defined on 65536 of 131071 strings" in describe_verdict(result)
    assert describe_verdict(result).count("U_m defined") == 1


def test_partial_evaluator_on_every_path() -> None:
    small = replace(bundled_partial_claim(), bound=Bound(9, 19))
    expected = empty_or_starting_with_zero(small.bound)
    assert expected == 512
    order = replace(small, predicate="order-alignment")
    for outcome in (
        enumerate_claim(small),
        enumerate_claim(small, find_all=True),
        enumerate_claim(order),
        enumerate_generic(small),
        enumerate_generic(small, compiled_mesa=False),
        enumerate_generic(order, compiled_mesa=False),
    ):
        assert isinstance(outcome, Proved), outcome
        assert (outcome.checked, outcome.in_domain) == (1023, 512)


def test_total_evaluators_are_defined_everywhere() -> None:
    for evaluator in (CODE_ONES_EVALUATOR, DOUBLING_EVALUATOR):
        claim = code_ones_claim(evaluator, 8, "order-alignment")
        outcome = enumerate_claim(claim)
        assert isinstance(outcome, Proved)
        assert outcome.in_domain == outcome.checked == 511
    partial = code_ones_claim(PARTIAL_EVALUATOR, 8, "order-alignment")
    outcome = enumerate_claim(partial)
    assert isinstance(outcome, Proved) and outcome.in_domain == 256


def test_user_partial_objective_counts_its_domain() -> None:
    # tests.test_enumeration:code_ones_on_short is defined only on strings shorter than 4.
    claim = Claim(
        "short",
        "inner-alignment",
        user_base("tests.test_enumeration:code_ones_by_hand"),
        user_mesa("tests.test_enumeration:code_ones_on_short"),
        Bound(7, 3),
    )
    outcome = enumerate_claim(claim)
    assert isinstance(outcome, Proved)
    assert (outcome.checked, outcome.in_domain) == (255, 15)
    assert outcome.detail == "U_m defined on 15 of 255 strings"


def test_solver_proofs_leave_the_count_unset() -> None:
    proved = Proved(Bound(3, 7), "z3", 15)
    assert proved.in_domain is None
    assert verdict_record(proved)["in_domain"] is None


def test_cli_prints_a_count_the_detail_does_not_mention() -> None:
    claim = bundled_partial_claim()
    counted = Proved(claim.bound, "enumerate", 131071, detail="other", in_domain=7)
    line = describe_verdict(CheckResult(claim, counted, 0.0))
    assert line.endswith("131071 strings; other; U_m defined on 7 of 131071 strings")
    uncounted = Proved(claim.bound, "z3", 131071)
    assert "U_m defined" not in describe_verdict(CheckResult(claim, uncounted, 0.0))
