"""mesaform.spec.validation: each check names the argument and refuses exactly the wrong values."""

from fractions import Fraction

import pytest

from mesaform.spec.machines import TM
from mesaform.spec.validation import (
    check_exact,
    check_natural,
    check_one_of,
    check_optional_natural,
    check_tm,
    check_type,
)


@pytest.mark.parametrize("value", [0, 1, 10**40])
def test_naturals_pass(value: int) -> None:
    check_natural(value, "fuel")
    check_optional_natural(value, "states")


def test_none_is_an_optional_natural() -> None:
    check_optional_natural(None, "states")
    with pytest.raises(TypeError, match=r"^states must be a natural number"):
        check_natural(None, "states")


@pytest.mark.parametrize("value", [True, False, 3.0, 3.5, "3", Fraction(3), None])
def test_a_natural_of_the_wrong_type_is_a_type_error(value: object) -> None:
    with pytest.raises(TypeError, match=r"^max_length must be a natural number"):
        check_natural(value, "max_length")


def test_a_negative_natural_is_a_value_error() -> None:
    with pytest.raises(
        ValueError, match=r"^fuel must be a natural number \(an int >= 0\); got -1$"
    ):
        check_natural(-1, "fuel")


@pytest.mark.parametrize("value", [0, -3, Fraction(1, 3), 10**50])
def test_exact_values_pass(value: int | Fraction) -> None:
    check_exact(value, "epsilon")


@pytest.mark.parametrize("value", [0.5, float("nan"), float("inf"), True, "1/2", None])
def test_inexact_values_are_type_errors(value: object) -> None:
    with pytest.raises(TypeError, match=r"^epsilon must be an exact rational"):
        check_exact(value, "epsilon")


def test_check_tm_refuses_a_plain_string() -> None:
    check_tm(TM("0110"), "t")
    with pytest.raises(TypeError, match=r"^t must be a TM .*got str '0110'"):
        check_tm("0110", "t")


def test_check_type_names_the_argument_and_the_types() -> None:
    check_type(str, "x", "name")
    check_type((int, Fraction), Fraction(1, 2), "value")
    with pytest.raises(TypeError, match=r"^name must be str; got int 3$"):
        check_type(str, 3, "name")
    with pytest.raises(TypeError, match=r"^value must be int or Fraction; got bool True$"):
        check_type((int, Fraction), True, "value")
    check_type(bool, True, "tables_only")


def test_check_one_of() -> None:
    check_one_of("z3", ("enumerate", "z3"), "method")
    with pytest.raises(ValueError, match=r"^method must be one of enumerate, z3; got 'z4'$"):
        check_one_of("z4", ("enumerate", "z3"), "method")
    with pytest.raises(TypeError, match=r"^method must be one of"):
        check_one_of(3, ("enumerate", "z3"), "method")


def test_a_long_value_is_shortened_in_the_message() -> None:
    with pytest.raises(TypeError) as error:
        check_natural("x" * 500, "fuel")
    assert len(str(error.value)) < 160
