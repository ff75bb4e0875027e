"""mesaform.spec.claims: claims from Python objects, refused arguments, and the one failure test."""

from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mesaform.proofs.checking.check import check_claim
from mesaform.proofs.checking.code_ones import code_ones_claim
from mesaform.proofs.methods.strategies import machines
from mesaform.spec.alignment import (
    approximately_aligned_on,
    inner_aligned_on,
    order_aligned_on,
)
from mesaform.spec.claims import PREDICATES, Claim, LibraryObjective, MesaProgram, Predicate
from mesaform.spec.library import code_ones, mesa_objective
from mesaform.spec.machines import TM
from mesaform.spec.objectives import Objective, PartialObjective
from mesaform.spec.verdicts import Bound, Proved, Refuted

HALF = Objective("half the ones", lambda t: Fraction(t.count("1"), 2))
HALF_ON_EVEN = PartialObjective(
    "half the ones, on even lengths", lambda t: len(t) % 2 == 0, lambda t: Fraction(t.count("1"), 2)
)
OFF_BY_ZEROS = PartialObjective.from_optional(
    "half the ones plus a quarter of the zeros",
    lambda t: Fraction(t.count("1"), 2) + Fraction(t.count("0"), 4) if len(t) % 2 == 0 else None,
)


def claim(**changes: Any) -> Claim:
    """A valid claim with some fields changed."""
    fields: dict[str, Any] = {
        "name": "c",
        "predicate": "inner-alignment",
        "base": LibraryObjective("code_ones"),
        "mesa": code_ones_claim(3).mesa,
        "bound": Bound(3, 7),
    }
    fields.update(changes)
    return Claim(**fields)


# --- claims from Python objects -----------------------------------------------------------


@pytest.mark.parametrize("method", ["enumerate", "hypothesis", "auto"])
def test_a_claim_of_python_objects_is_checked(method: str) -> None:
    holds = Claim("objects", "inner-alignment", HALF, HALF_ON_EVEN, Bound(6, 0))
    result = check_claim(holds, method)
    assert result.verdict.verdict == ("not refuted" if method == "hypothesis" else "proved")
    fails = Claim("objects", "inner-alignment", HALF, OFF_BY_ZEROS, Bound(6, 0))
    verdict = check_claim(fails, "enumerate").verdict
    assert isinstance(verdict, Refuted)
    assert verdict.counterexample.machines == (TM("00"),)  # the shortest: 0 vs 1/2
    assert verdict.counterexample.base_values == (Fraction(0),)
    assert verdict.counterexample.mesa_values == (Fraction(1, 2),)


def test_an_approximate_claim_of_objects_uses_its_epsilon() -> None:
    within = Claim("q", "approximate-alignment", HALF, OFF_BY_ZEROS, Bound(6, 0), Fraction(3, 2))
    assert isinstance(check_claim(within, "enumerate").verdict, Proved)
    beyond = Claim(
        "q",
        "approximate-alignment",
        HALF,
        OFF_BY_ZEROS,
        Bound(6, 0),
        1,  # type: ignore[arg-type]
    )
    verdict = check_claim(beyond, "enumerate").verdict
    # |U - U_m| = zeros / 4 on even lengths: above 1 first at six zeros.
    assert isinstance(verdict, Refuted) and verdict.counterexample.machines == (TM("000000"),)


def test_the_sides_resolve_to_the_objectives() -> None:
    library = claim()
    assert library.base_objective().name == "code_ones"
    assert library.mesa_objective().name == mesa_objective(library.mesa.code).name  # type: ignore[union-attr]
    objects = Claim("o", "inner-alignment", HALF, HALF_ON_EVEN, Bound(2, 0))
    assert objects.base_objective() is HALF and objects.mesa_objective() is HALF_ON_EVEN
    fueled = claim(base=LibraryObjective("busyness"), bound=Bound(3, 11))
    assert fueled.base_objective().name == "busyness(fuel=11)"


def test_an_integer_epsilon_is_kept_as_a_fraction() -> None:
    made = claim(predicate="approximate-alignment", epsilon=2)
    assert made.epsilon == Fraction(2) and isinstance(made.epsilon, Fraction)


# --- wrong arguments fail at construction, naming the argument ----------------------------


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (lambda: Bound(3.5, 9), TypeError, "max_length must be a natural number"),  # type: ignore[arg-type]
        (lambda: Bound(3, 9.0), TypeError, "fuel must be a natural number"),  # type: ignore[arg-type]
        (lambda: Bound(-1, 9), ValueError, "max_length must be a natural number"),
        (lambda: Bound(3, 9, states=True), TypeError, "states must be a natural number"),
        (lambda: Bound(3, 9, tables_only=1), TypeError, "tables_only must be bool"),  # type: ignore[arg-type]
        (lambda: claim(mesa=None), TypeError, "mesa must be MesaProgram or PartialObjective"),
        (lambda: claim(base=HALF_ON_EVEN), TypeError, "base must be LibraryObjective or Objective"),
        (lambda: claim(base="code_ones"), TypeError, "LibraryObjective('code_ones')"),
        (lambda: claim(mesa=HALF), TypeError, "PartialObjective.total"),
        (lambda: claim(bound=(3, 7)), TypeError, "bound must be Bound"),
        (lambda: claim(name=3), TypeError, "name must be str"),
        (lambda: claim(predicate="alignment"), ValueError, "predicate must be one of"),
        (
            lambda: claim(predicate="approximate-alignment", epsilon=0.5),
            TypeError,
            "epsilon must be an exact rational",
        ),
        (
            lambda: claim(predicate="approximate-alignment", epsilon=float("nan")),
            TypeError,
            "epsilon must be an exact rational",
        ),
        (
            lambda: claim(predicate="approximate-alignment", epsilon=Fraction(-1, 2)),
            ValueError,
            "epsilon must be a rational >= 0",
        ),
        (lambda: claim(predicate="approximate-alignment"), ValueError, "needs epsilon"),
        (lambda: claim(epsilon=Fraction(1)), ValueError, "only for approximate-alignment"),
        (lambda: claim(expect="maybe"), ValueError, "expect must be one of holds, fails"),
        (lambda: LibraryObjective("speed"), ValueError, "name must be one of code_ones"),
        (lambda: MesaProgram(TM("0110")), ValueError, "decodes to a Table"),
        (lambda: MesaProgram("1x"), ValueError, "string of 0 and 1"),  # type: ignore[arg-type]
        (lambda: MesaProgram(5), TypeError, "code must be str"),  # type: ignore[arg-type]
    ],
)
def test_wrong_arguments_are_refused_at_construction(
    build: Any, error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as raised:
        build()
    assert message in str(raised.value)


def test_an_unknown_method_is_refused_not_run_as_z3() -> None:
    with pytest.raises(ValueError, match="method must be one of auto, enumerate"):
        check_claim(claim(), "z4")
    with pytest.raises(TypeError, match="claim must be Claim"):
        check_claim("c", "enumerate")  # type: ignore[arg-type]


# --- fails_on: the one definition of failure ------------------------------------------------


def test_fails_on_each_predicate() -> None:
    inner = claim()
    assert inner.fails_on((Fraction(1),), (Fraction(2),))
    assert not inner.fails_on((Fraction(2),), (Fraction(2),))
    assert not inner.fails_on((Fraction(1),), (None,))  # outside dom(U_m): says nothing
    approximate = claim(predicate="approximate-alignment", epsilon=Fraction(1, 2))
    assert not approximate.fails_on((Fraction(1),), (Fraction(3, 2),))
    assert approximate.fails_on((Fraction(1),), (Fraction(8, 5),))
    order = claim(predicate="order-alignment")
    assert order.arity == 2
    assert order.fails_on((Fraction(1), Fraction(2)), (Fraction(5), Fraction(3)))
    assert not order.fails_on((Fraction(1), Fraction(2)), (Fraction(3), Fraction(5)))
    with pytest.raises(ValueError, match="decided on 2 machine"):
        order.fails_on((Fraction(1),), (Fraction(1),))


OBJECTIVES = [code_ones(), HALF, Objective("length", len)]
PARTIALS = [HALF_ON_EVEN, OFF_BY_ZEROS, PartialObjective.total(code_ones())]


@settings(max_examples=80, deadline=None)
@given(
    predicate=st.sampled_from(PREDICATES),
    base=st.sampled_from(OBJECTIVES),
    mesa=st.sampled_from(PARTIALS),
    strings=st.lists(machines(max_length=6), max_size=8),
    epsilon=st.fractions(0, 2, max_denominator=4),
)
def test_failures_on_is_the_alignment_predicates(
    predicate: Predicate,
    base: Objective,
    mesa: PartialObjective,
    strings: list[TM],
    epsilon: Fraction,
) -> None:
    made = Claim(
        "p",
        predicate,
        base,
        mesa,
        Bound(6, 0),
        epsilon if predicate == "approximate-alignment" else None,
    )
    holds = next(made.failures_on(strings), None) is None
    if predicate == "inner-alignment":
        assert holds == inner_aligned_on(base, mesa, strings)
    elif predicate == "approximate-alignment":
        assert holds == approximately_aligned_on(base, mesa, strings, epsilon)
    else:
        assert holds == order_aligned_on(base, mesa, strings)
    for witness in made.failures_on(strings):
        assert len(witness) == made.arity
        assert made.fails_on(
            tuple(base(t) for t in witness), tuple(mesa(t).to_option() for t in witness)
        )


def test_holds_quantifies_over_the_bound() -> None:
    assert code_ones_claim(4).holds()
    assert not Claim("o", "inner-alignment", HALF, OFF_BY_ZEROS, Bound(4, 0)).holds()
