"""TM = {0,1}* and the pair code (docs/semantics.md#machines, #pair-code)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mesaform.proofs.methods.strategies import machines
from mesaform.spec.machines import (
    TM,
    count_machines_up_to,
    encode_natural,
    machines_up_to,
    read_natural,
)


def test_pair_code_example_from_design() -> None:
    assert encode_natural(5) == "1110110"
    assert encode_natural(0) == "0"


@given(st.integers(0, 10**12))
def test_read_natural_inverts_encode_natural(n: int) -> None:
    code = encode_natural(n)
    assert read_natural(code, 0) == (n, len(code))
    assert read_natural("01" + code + "111", 2) == (n, 2 + len(code))


@given(machines(), st.integers(0, 45))
def test_read_natural_is_total_and_advances(bits: str, position: int) -> None:
    value, after = read_natural(bits, position)
    assert value >= 0
    assert after >= position or position > len(bits)
    assert after <= max(position, len(bits))


def test_read_natural_stops_at_the_end_with_what_was_read() -> None:
    assert read_natural("1111", 0) == (3, 4)  # no closing 0: the end closes it
    assert read_natural("111", 0) == (1, 3)  # an incomplete final digit adds nothing
    assert read_natural("", 0) == (0, 0)


def test_tm_refuses_other_characters() -> None:
    with pytest.raises(ValueError, match="position 2"):
        TM("01x")
    assert TM("") == ""


@pytest.mark.parametrize("n", [0, 1, 3, 6])
def test_machines_up_to_lists_each_string_once(n: int) -> None:
    listed = list(machines_up_to(n))
    assert len(listed) == len(set(listed)) == count_machines_up_to(n)
    assert all(len(t) <= n for t in listed)
