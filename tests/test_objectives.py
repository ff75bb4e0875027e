"""mesaform.spec.objectives: total and partial objectives on machines, exact values only.

See docs/semantics.md#objectives.
"""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mesaform.spec.machines import TM
from mesaform.spec.objectives import (
    UNDEFINED,
    Defined,
    Objective,
    PartialObjective,
    exact,
    rational,
)


def test_floats_are_refused() -> None:
    with pytest.raises(TypeError, match="exact"):
        exact(0.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="exact"):
        Objective("half", lambda t: 0.5)(TM(""))  # type: ignore[arg-type, return-value]


def test_a_partial_objective_has_values_exactly_on_its_domain() -> None:
    even = PartialObjective("even", lambda t: len(t) % 2 == 0, lambda t: t.count("1"))
    assert even(TM("11")) == Defined(Fraction(2)) and even.value(TM("11")) == Fraction(2)
    assert even(TM("1")) == UNDEFINED and even(TM("1")).to_option() is None
    with pytest.raises(ValueError, match="undefined at '1'"):
        even.value(TM("1"))
    optional = PartialObjective.from_optional("opt", lambda t: len(t) if t else None)
    assert optional(TM("")) == UNDEFINED and optional(TM("010")) == Defined(Fraction(3))
    total = PartialObjective.total(Objective("len", len))
    assert all(total.defined(TM(t)) for t in ("", "0", "11"))
    assert total(TM("011")).to_option() == 3


@given(st.fractions())
def test_rational_writes_p_over_q(value: Fraction) -> None:
    text = rational(value)
    numerator, denominator = text.split("/")
    assert Fraction(int(numerator), int(denominator)) == value
    assert int(denominator) > 0
    assert rational(None) == "undefined" and rational(Fraction(3)) == "3/1"
