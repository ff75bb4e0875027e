"""The bbchallenge standard text format in and out."""

import pytest
from hypothesis import given

from mesaform.model.standard_format import format_standard, parse_machine, parse_standard
from mesaform.proofs.methods.strategies import tables
from mesaform.spec.programs import MISSING_BEHAVIOUR, Table, Transition, decode, encode


def test_parse_busy_beaver_two() -> None:
    assert parse_machine("1RB1LB_1LA1RZ") == "01101101100110001110"


@given(tables(max_states=6))
def test_parse_inverts_format(table: Table) -> None:
    assert parse_standard(format_standard(table)) == table


@given(tables(max_states=6, complete=True))
def test_format_inverts_parse_on_canonical_text(table: Table) -> None:
    text = format_standard(table)
    assert format_standard(parse_standard(text)) == text


def test_halt_letters_and_interior_undefined() -> None:
    assert parse_standard("1RH0LA") == Table(1, (Transition(1, 1, None), Transition(0, 0, 0)))
    # an interior --- cannot be missing in a code: it is read as its behaviour, 1RZ
    table = parse_standard("---0LA")
    assert table.transitions == (MISSING_BEHAVIOUR, Transition(0, 0, 0))
    assert parse_standard("1RB---_------") == decode(encode(parse_standard("1RB---_------")))
    assert len(parse_standard("1RB---_------").transitions) == 1


@pytest.mark.parametrize("bad", ["1RB1LB_1LA1R", "2RB1LB_1LA1RZ", "1XB1LB_1LA1RZ", "1Rb1LB_1LA1RZ"])
def test_malformed_text_is_refused_with_a_reason(bad: str) -> None:
    with pytest.raises(ValueError, match=r"expected|each state"):
        parse_machine(bad)
