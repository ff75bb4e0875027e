"""Exhaustive enumeration decides bounded claims exactly as mesaform.spec.alignment specifies.

For random Mesa programs, library and user base objectives and all three
predicates, :func:`mesaform.proofs.methods.enumeration.enumerate_claim` proves exactly the claims
that ``mesaform.spec.alignment`` says hold on ``{t : |t| <= n}``; its counterexample is a
real one and minimal in shortest-then-lexicographic order; ``Proved.checked`` is
the number of strings in the bound.
"""

import os
from collections.abc import Iterator
from dataclasses import replace
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from mesaform.claim_files import user_base, user_mesa
from mesaform.model.engine import warm_up
from mesaform.proofs.checking.code_ones import code_ones_claim
from mesaform.proofs.checking.outcome import Found, MethodInterrupted
from mesaform.proofs.methods.enumeration import (
    OrderTracker,
    enumerate_claim,
    enumerate_fast,
    enumerate_generic,
    fast_plan,
)
from mesaform.proofs.methods.solver_claims import (
    ENCODED_BASE_OBJECTIVES,
    check_with_solver,
    solver_supports,
)
from mesaform.proofs.methods.strategies import mesa_programs, tables
from mesaform.spec.alignment import (
    order_aligned_on,
    ranks_disagree,
)
from mesaform.spec.catalogue import (
    CODE_ONES_EVALUATOR,
    DOUBLING_EVALUATOR,
    MARKER_KEEPING_EVALUATOR,
    PARTIAL_EVALUATOR,
)
from mesaform.spec.claims import (
    Claim,
    LibraryObjective,
    MesaProgram,
    Predicate,
)
from mesaform.spec.interpreter import run
from mesaform.spec.library import LIBRARY_OBJECTIVES
from mesaform.spec.machines import TM, machines_up_to
from mesaform.spec.objectives import Objective, PartialObjective
from mesaform.spec.programs import Mesa, encode
from mesaform.spec.results import Halted
from mesaform.spec.verdicts import Bound, Proved, Unknown

PREDICATES: list[Predicate] = ["inner-alignment", "approximate-alignment", "order-alignment"]


def setup_module() -> None:
    warm_up()


# User objectives, referenced as tests.test_enumeration:NAME.
def ones_minus_zeros(t: TM) -> int:
    """A user base objective: ``code_ones(t) - zeros(t)``."""
    return t.count("1") - t.count("0")


def code_ones_by_hand(t: TM) -> int:
    """A user base objective equal to ``code_ones``."""
    return sum(1 for bit in t if bit == "1")


def half_code_ones(t: TM) -> Fraction:
    """A user base objective: ``code_ones(t) / 2``, a rational."""
    return Fraction(t.count("1"), 2)


def code_ones_on_short(t: TM) -> int | None:
    """A user partial objective: ``code_ones`` on strings shorter than 4, else undefined."""
    return t.count("1") if len(t) < 4 else None


def bounds() -> st.SearchStrategy[Bound]:
    return st.one_of(
        st.builds(Bound, st.integers(0, 5), st.integers(0, 25)),
        st.builds(Bound, st.integers(0, 6), st.integers(0, 25), st.just(True)),
        st.builds(Bound, st.integers(0, 7), st.integers(0, 25), st.booleans(), st.integers(0, 2)),
    )


@st.composite
def claims(draw: st.DrawFn, user: bool = False) -> Claim:
    predicate = draw(st.sampled_from(PREDICATES))
    if user:
        base_name = draw(st.sampled_from(["ones_minus_zeros", "half_code_ones"]))
        base: LibraryObjective | Objective = user_base(f"tests.test_enumeration:{base_name}")
    else:
        base = LibraryObjective(draw(st.sampled_from(LIBRARY_OBJECTIVES)))
    mesa = draw(mesa_programs(nested=True, max_fuel=20))
    epsilon = (
        draw(st.fractions(min_value=0, max_value=3, max_denominator=4))
        if predicate == "approximate-alignment"
        else None
    )
    bound = draw(bounds())
    return Claim("random", predicate, base, MesaProgram(encode(mesa)), bound, epsilon)


def failures(claim: Claim) -> Iterator[tuple[TM, ...]]:
    """The specification's witnesses, from mesaform.spec.alignment over the bound's strings."""
    return claim.failures_on(list(claim.bound.machines()))


def assert_proved(outcome: object, bound: Bound, checked: int) -> None:
    """``outcome`` proves the claim on ``bound`` by enumeration, covering ``checked`` strings."""
    assert isinstance(outcome, Proved), outcome
    assert (outcome.bound, outcome.method, outcome.checked) == (bound, "enumerate", checked)
    assert outcome.in_domain is not None and 0 <= outcome.in_domain <= checked
    strings = "1 string" if checked == 1 else f"{checked} strings"
    assert outcome.detail == f"U_m defined on {outcome.in_domain} of {strings}"


def rank(t: str) -> tuple[int, str]:
    return len(t), t


def assert_decided_as_specified(claim: Claim, outcome: object) -> None:
    holds = next(failures(claim), None) is None
    if holds:
        assert_proved(outcome, claim.bound, claim.bound.size())
        mesa = claim.mesa_objective()
        assert isinstance(outcome, Proved)
        assert outcome.in_domain == sum(1 for t in claim.bound.machines() if mesa.defined(t))
        return
    assert isinstance(outcome, Found)
    base, mesa = claim.base_objective(), claim.mesa_objective()
    strings = list(claim.bound.machines())
    if claim.predicate == "order-alignment":
        s, t = outcome.machines
        assert ranks_disagree(base(s), mesa.value(s), base(t), mesa.value(t))
        later = max(s, t, key=rank)
        earlier = min(s, t, key=rank)
        before = strings[: strings.index(later)]
        # Minimal: the strings before the later one rank alike, and the earlier one
        # is the first of them that conflicts with it.
        assert order_aligned_on(base, mesa, before)
        conflicting = [
            u
            for u in [*before, later]
            if mesa.defined(u) and not order_aligned_on(base, mesa, [u, later])
        ]
        assert conflicting[0] == earlier
        assert outcome.checked == strings.index(later) + 1
    else:
        (t,) = outcome.machines
        first = next(failures(claim))
        assert (t,) == first  # no shorter or lexicographically smaller string fails
        assert outcome.checked == strings.index(t) + 1


@given(claims())
def test_library_objectives_are_decided_as_specified(claim: Claim) -> None:
    assert_decided_as_specified(claim, enumerate_claim(claim))


@given(claims())
def test_compiled_and_generic_paths_agree(claim: Claim) -> None:
    outcome = enumerate_claim(claim)
    assert outcome == enumerate_generic(claim)
    assert outcome == enumerate_generic(claim, compiled_mesa=False)
    plan = fast_plan(claim)
    assert plan is not None
    assert outcome == enumerate_fast(claim, plan, shared_prefixes=False)
    assert enumerate_claim(claim, find_all=True) == enumerate_generic(claim, find_all=True)


@given(claims(user=True))
def test_user_objectives_are_decided_as_specified(claim: Claim) -> None:
    assert fast_plan(claim) is None
    outcome = enumerate_claim(claim)
    assert_decided_as_specified(claim, outcome)
    assert enumerate_generic(claim, compiled_mesa=False) == outcome


@pytest.mark.parametrize("predicate", PREDICATES)
def test_user_partial_objective(predicate: Predicate) -> None:
    epsilon = Fraction(1, 2) if predicate == "approximate-alignment" else None
    claim = Claim(
        "user",
        predicate,
        LibraryObjective("code_ones"),
        user_mesa("tests.test_enumeration:code_ones_on_short"),
        Bound(6, 13),
        epsilon,
    )
    assert_proved(enumerate_claim(claim), claim.bound, 127)
    halved = replace(claim, base=user_base("tests.test_enumeration:half_code_ones"))
    outcome = enumerate_claim(halved)
    assert_decided_as_specified(halved, outcome)
    # Halving keeps the order: only inner and approximate alignment fail.
    assert isinstance(outcome, Proved if predicate == "order-alignment" else Found)


@given(st.lists(st.tuples(st.integers(0, 4), st.fractions(0, 4, max_denominator=3)), max_size=9))
def test_order_alignment_is_a_strictly_increasing_map(pairs: list[tuple[int, Fraction]]) -> None:
    """U and U_m rank alike iff U_m(t) -> U(t) is a well-defined strictly increasing map."""
    strings = [TM(format(i, "b")) for i in range(len(pairs))]
    values = dict(zip(strings, pairs, strict=True))
    base = Objective("U", lambda t: values[t][1])
    mesa = PartialObjective("U_m", lambda t: True, lambda t: values[t][0])
    tracker = OrderTracker.empty()
    conflict = False
    for t in strings:
        mesa_value, base_value = Fraction(values[t][0]), values[t][1]
        if tracker.conflict(mesa_value, base_value):
            conflict = True
            break
        tracker.add(t, mesa_value, base_value)
    assert conflict == (not order_aligned_on(base, mesa, strings))


def test_find_all_lists_every_counterexample_in_order() -> None:
    claim = replace(code_ones_claim(5), base=LibraryObjective("productivity"))
    outcome = enumerate_claim(claim, find_all=True)
    assert isinstance(outcome, Found)
    expected = tuple(failures(claim))
    assert len(expected) > 1
    assert outcome.every == expected
    assert outcome.all_machines() == expected
    assert outcome.machines == expected[0]
    assert outcome.checked == claim.bound.size()


@pytest.mark.parametrize("n", range(0, 9))
def test_code_ones_claim_is_proved_and_means_what_it_says(n: int) -> None:
    claim = code_ones_claim(n)
    assert_proved(enumerate_claim(claim), claim.bound, 2 ** (n + 1) - 1)
    assert isinstance(claim.mesa, MesaProgram)
    evaluator = _evaluator(claim)
    for t in machines_up_to(min(n, 6)):
        result = run(evaluator, t, 2 * n + 1)
        assert isinstance(result, Halted)
        assert (result.steps, result.ones) == (2 * len(t) + 1, t.count("1"))


def _evaluator(claim: Claim) -> TM:
    from mesaform.spec.programs import decode

    assert isinstance(claim.mesa, MesaProgram)
    program = decode(claim.mesa.code)
    assert isinstance(program, Mesa)
    return program.evaluator


def test_code_ones_claim_fails_with_too_little_fuel() -> None:
    claim = code_ones_claim(6)
    assert isinstance(claim.mesa, MesaProgram)
    mesa = replace(_decode_mesa(claim.mesa.code), fuel=11)
    starved = replace(claim, mesa=MesaProgram(encode(mesa)))
    # With fuel 11 the evaluator is out of fuel on |t| >= 6: outside dom, still aligned.
    assert isinstance(enumerate_claim(starved), Proved)
    short = replace(starved, base=user_base("tests.test_enumeration:ones_minus_zeros"))
    outcome = enumerate_claim(short)
    assert isinstance(outcome, Found)
    assert outcome.machines == (TM("0"),)


def _decode_mesa(code: TM) -> Mesa:
    from mesaform.spec.programs import decode

    program = decode(code)
    assert isinstance(program, Mesa)
    return program


@pytest.mark.parametrize(
    ("bound", "expected"),
    [
        (Bound(6, 3), 127),
        (Bound(6, 3, tables_only=True), 64),
        (Bound(7, 3, states=0), 1 + 1 + 63),
        (Bound(7, 3, states=2), 1 + 1 + 2 + 4 + 8),
    ],
)
def test_checked_counts_the_strings_of_the_bound(bound: Bound, expected: int) -> None:
    assert bound.size() == expected
    assert len(list(bound.machines())) == expected
    claim = replace(code_ones_claim(7), bound=bound)
    assert_proved(enumerate_claim(claim), bound, expected)


@pytest.mark.slow
def test_code_ones_claim_at_length_22() -> None:
    claim = code_ones_claim(22)
    assert_proved(enumerate_claim(claim), claim.bound, 2**23 - 1)
    plan = fast_plan(claim)
    assert plan is not None
    assert enumerate_fast(claim, plan, shared_prefixes=False) == enumerate_claim(claim)


def test_progress_is_reported_and_an_interrupt_stops_the_method() -> None:
    reports: list[tuple[int, int]] = []
    claim = code_ones_claim(10)
    enumerate_claim(claim, progress=lambda done, total: reports.append((done, total)))
    assert reports[-1] == (2047, 2047)
    assert all(total == 2047 for _, total in reports)

    def interrupt(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(MethodInterrupted, match=r"after \d+ of 2047 strings"):
        enumerate_claim(claim, progress=interrupt)
    with pytest.raises(MethodInterrupted, match="during memoized exploration"):
        enumerate_claim(claim, progress=interrupt, memoize=True)
    with pytest.raises(MethodInterrupted, match="after 4096 of 16383 strings"):
        enumerate_claim(
            replace(
                claim,
                base=user_base("tests.test_enumeration:code_ones_by_hand"),
                bound=Bound(13, 27),
            ),
            progress=interrupt,
        )


# --- Differential audit: the checking methods against the brute-force specification.
#
# Every verdict of :func:`mesaform.proofs.methods.enumeration.enumerate_claim` and
# :func:`mesaform.proofs.methods.solver_claims.check_with_solver` on random small claims (random
# table
# or Mesa evaluators, random bounds and fuels, every predicate) is compared with
# :mod:`mesaform.spec.alignment` quantifying over :func:`mesaform.spec.machines.machines_up_to`
# filtered by :meth:`mesaform.spec.verdicts.Bound.contains`, with the objectives of
# :mod:`mesaform.spec.library` (the reference interpreter). docs/semantics.md#verdicts:
# "proved" must mean the claim holds for every ``t`` in the bound.


AUDIT_SETTINGS = settings(
    max_examples=int(os.environ.get("AUDIT_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def holds_by_specification(claim: Claim) -> bool:
    """Decide ``claim`` by quantifying over every machine of its bound."""
    machines = [t for t in machines_up_to(claim.bound.max_length) if claim.bound.contains(t)]
    return next(claim.failures_on(machines), None) is None


@st.composite
def small_claims(draw: st.DrawFn, objectives: tuple[str, ...]) -> Claim:
    """Return claims with a small bound whose mesa side is a random Mesa program."""
    evaluator = draw(
        st.one_of(
            st.sampled_from(
                [
                    CODE_ONES_EVALUATOR,
                    DOUBLING_EVALUATOR,
                    PARTIAL_EVALUATOR,
                    MARKER_KEEPING_EVALUATOR,
                ]
            ),
            tables(max_states=3).map(encode),
            mesa_programs(max_candidates=2, max_fuel=8, max_states=2).map(encode),
        )
    )
    fuel = draw(st.integers(0, 16))
    mesa = Mesa(0, fuel, evaluator, ())
    predicate = draw(
        st.sampled_from(["inner-alignment", "approximate-alignment", "order-alignment"])
    )
    epsilon = (
        draw(st.fractions(min_value=0, max_value=30, max_denominator=4))
        if predicate == "approximate-alignment"
        else None
    )
    n = draw(st.integers(0, 6))
    states = draw(st.one_of(st.none(), st.integers(0, 3)))
    tables_only = draw(st.booleans())
    bound = Bound(n, draw(st.integers(0, 8)), tables_only, states)
    return Claim(
        "audit",
        predicate,  # type: ignore[arg-type]
        LibraryObjective(draw(st.sampled_from(objectives))),
        MesaProgram(encode(mesa)),
        bound,
        epsilon=epsilon,
    )


def _agrees(claim: Claim, outcome: object) -> None:
    expected = holds_by_specification(claim)
    event(f"specification: {'holds' if expected else 'fails'}")
    if expected:
        assert isinstance(outcome, Proved), (claim, outcome)
        assert outcome.checked == claim.bound.size()
    else:
        assert isinstance(outcome, Found), (claim, outcome)
        for t in outcome.machines:
            assert claim.bound.contains(TM(t))


@AUDIT_SETTINGS
@given(small_claims(LIBRARY_OBJECTIVES))
def test_enumeration_verdict_is_the_specification(claim: Claim) -> None:
    _agrees(claim, enumerate_claim(claim, workers=1))


@AUDIT_SETTINGS
@given(small_claims(LIBRARY_OBJECTIVES))
def test_generic_enumeration_verdict_is_the_specification(claim: Claim) -> None:
    _agrees(claim, enumerate_generic(claim, compiled_mesa=False))


@AUDIT_SETTINGS
@given(small_claims(ENCODED_BASE_OBJECTIVES))
def test_solver_verdict_is_the_specification(claim: Claim) -> None:
    if solver_supports(claim) is not None:
        return
    _agrees(claim, check_with_solver(claim, "z3", timeout_seconds=60))


def test_specification_harness_sees_a_failure() -> None:
    claim = Claim(
        "audit",
        "inner-alignment",
        LibraryObjective("code_ones"),
        MesaProgram(encode(Mesa(0, 3, TM(""), ()))),
        Bound(2, 0),
    )
    assert not holds_by_specification(claim)
    assert holds_by_specification(
        Claim(
            "audit",
            "approximate-alignment",
            LibraryObjective("code_ones"),
            MesaProgram(encode(Mesa(0, 3, TM(""), ()))),
            Bound(2, 0),
            epsilon=Fraction(6),
        )
    )


@st.composite
def larger_claims(draw: st.DrawFn) -> Claim:
    """Claims at lengths where the compiled path splits strings into blocks and prefixes."""
    claim = draw(small_claims(LIBRARY_OBJECTIVES))
    n = draw(st.integers(7, 10))
    bound = Bound(n, claim.bound.fuel, claim.bound.tables_only, claim.bound.states)
    return Claim(claim.name, claim.predicate, claim.base, claim.mesa, bound, epsilon=claim.epsilon)


@settings(AUDIT_SETTINGS, max_examples=max(1, AUDIT_SETTINGS.max_examples // 6))
@given(larger_claims())
def test_parallel_enumeration_at_larger_lengths(claim: Claim) -> None:
    _agrees(claim, enumerate_claim(claim, workers=2))
    _agrees(claim, enumerate_claim(claim, workers=2, find_all=True))


@settings(AUDIT_SETTINGS, max_examples=max(1, AUDIT_SETTINGS.max_examples // 6))
@given(small_claims(ENCODED_BASE_OBJECTIVES))
def test_cvc5_verdict_is_the_specification(claim: Claim) -> None:
    if solver_supports(claim) is not None:
        return
    _agrees(claim, check_with_solver(claim, "cvc5", timeout_seconds=60))


# --- Audit: fuels and bounds beyond machine integers (docs/semantics.md#values,
# #running, #verdicts).
#
# Fuel and lengths are natural numbers with no upper limit (docs/semantics.md#bounds). The
# compiled enumeration path and the Z3 encoding work on machine-sized numbers; a
# claim whose numbers do not fit must take another path (or be reported as not
# encoded), never crash with an ``OverflowError`` or a ``Z3Exception``, and never
# compare rationals after a silent int64 wrap-around.


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
        MesaProgram(encode(Mesa(0, mesa_fuel, CODE_ONES_EVALUATOR, ()))),
        bound,
        epsilon=epsilon,
    )


def test_enumeration_with_a_huge_base_fuel() -> None:
    # code_ones ignores the fuel; CODE_ONES_EVALUATOR computes it exactly in 2|t|+1 steps.
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
    from mesaform.proofs.checking.auto import plan
    from mesaform.proofs.checking.check import CheckOptions, choose_method
    from mesaform.proofs.methods.enumerate_method import enumeration_fits

    def planned(claim: Claim) -> list[str]:
        return [method.name for method, _ in plan(claim, CheckOptions()).attempts]

    claim = _claim("code_ones", Bound(HUGE, 3), 9)
    assert choose_method(claim) == "bitwuzla"
    assert enumeration_fits(_claim("code_ones", Bound(26, 3), 9))
    assert not enumeration_fits(_claim("code_ones", Bound(27, 3), 9))
    # Past enumeration's limit a solver-family method is planned: crossing-sequence
    # summaries, which measure less work than an SMT query on this evaluator.
    assert "crossing" in planned(_claim("code_ones", Bound(27, 3), 9))
