"""Exhaustive enumeration decides bounded claims exactly as spec.alignment specifies.

For random Mesa programs, library and user base objectives and all three
predicates, :func:`proofs.enumeration.enumerate_claim` proves exactly the claims
that ``spec.alignment`` says hold on ``{t : |t| <= n}``; its counterexample is a
real one and minimal in shortest-then-lexicographic order; ``Proved.checked`` is
the number of strings in the bound.
"""

from collections.abc import Iterator
from dataclasses import replace
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mesaform.claim_files import user_base, user_mesa
from model.engine import warm_up
from proofs.code_ones import code_ones_claim
from proofs.enumeration import (
    OrderTracker,
    enumerate_claim,
    enumerate_fast,
    enumerate_generic,
    fast_plan,
)
from proofs.outcome import Found
from proofs.strategies import mesa_programs
from spec.alignment import (
    approximate_misalignments_on,
    misalignments_on,
    order_aligned_on,
    order_misalignments_on,
    ranks_disagree,
)
from spec.claims import (
    Claim,
    LibraryObjective,
    MesaProgram,
    Predicate,
)
from spec.interpreter import run
from spec.machines import TM, machines_up_to
from spec.objectives import Objective, PartialObjective
from spec.programs import Mesa, encode
from spec.results import Halted
from spec.verdicts import Bound, Proved, Unknown

LIBRARY = ["code_ones", "productivity", "busyness", "self_replication"]
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
        base = LibraryObjective(draw(st.sampled_from(LIBRARY)))
    mesa = draw(mesa_programs(nested=True, max_fuel=20))
    epsilon = (
        draw(st.fractions(min_value=0, max_value=3, max_denominator=4))
        if predicate == "approximate-alignment"
        else None
    )
    bound = draw(bounds())
    return Claim("random", predicate, base, MesaProgram(encode(mesa)), bound, epsilon)


def failures(claim: Claim) -> Iterator[tuple[TM, ...]]:
    """The specification's witnesses, from spec.alignment over the bound's strings."""
    base, mesa = claim.base_objective(), claim.mesa_objective()
    strings = list(claim.bound.machines())
    if claim.predicate == "inner-alignment":
        yield from ((t,) for t in misalignments_on(base, mesa, strings))
    elif claim.predicate == "approximate-alignment":
        assert claim.epsilon is not None
        yield from ((t,) for t in approximate_misalignments_on(base, mesa, strings, claim.epsilon))
    else:
        yield from order_misalignments_on(base, mesa, strings)


def assert_proved(outcome: object, bound: Bound, checked: int) -> None:
    """``outcome`` proves the claim on ``bound`` by enumeration, covering ``checked`` strings."""
    assert isinstance(outcome, Proved), outcome
    assert (outcome.bound, outcome.method, outcome.checked) == (bound, "enumerate", checked)
    assert outcome.in_domain is not None and 0 <= outcome.in_domain <= checked
    assert outcome.detail == f"U_m defined on {outcome.in_domain} of {checked} strings"


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
    from spec.programs import decode

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
    from spec.programs import decode

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


@given(bounds())
def test_the_strings_of_a_bound_are_those_within_it(bound: Bound) -> None:
    listed = list(bound.machines())
    assert listed == [t for t in machines_up_to(bound.max_length) if bound.contains(t)]
    assert len(listed) == bound.size()


@pytest.mark.slow
def test_code_ones_claim_at_length_22() -> None:
    claim = code_ones_claim(22)
    assert_proved(enumerate_claim(claim), claim.bound, 2**23 - 1)
    plan = fast_plan(claim)
    assert plan is not None
    assert enumerate_fast(claim, plan, shared_prefixes=False) == enumerate_claim(claim)


def test_progress_is_reported_and_an_interrupt_is_unknown() -> None:
    reports: list[tuple[int, int]] = []
    claim = code_ones_claim(10)
    enumerate_claim(claim, progress=lambda done, total: reports.append((done, total)))
    assert reports[-1] == (2047, 2047)
    assert all(total == 2047 for _, total in reports)

    def interrupt(done: int, total: int) -> None:
        raise KeyboardInterrupt

    outcome = enumerate_claim(claim, progress=interrupt)
    assert isinstance(outcome, Unknown)
    assert outcome.method == "enumerate"
    assert outcome.checked > 0
    generic = enumerate_claim(
        replace(
            claim,
            base=user_base("tests.test_enumeration:code_ones_by_hand"),
            bound=Bound(13, 27),
        ),
        progress=interrupt,
    )
    assert isinstance(generic, Unknown)
    assert generic.checked == 4096
