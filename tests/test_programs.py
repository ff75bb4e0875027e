"""decode is total; encode and decode round trip (docs/semantics.md#programs)."""

from hypothesis import given

from mesaform.proofs.methods.strategies import machines, mesa_programs, programs, tables
from mesaform.spec.machines import TM
from mesaform.spec.programs import Mesa, Program, Table, Transition, decode, encode


def test_design_example_busy_beaver_two() -> None:
    program = decode("01101101100110001110")
    assert program == Table(
        2,
        (Transition(1, 1, 1), Transition(1, 0, 1), Transition(1, 0, 0), Transition(1, 1, None)),
    )
    assert encode(program) == "01101101100110001110"


def test_empty_string_is_the_table_with_no_states() -> None:
    assert decode("") == Table(0, ())
    assert decode("0") == Table(0, ())


def test_truncated_transition_is_missing_with_every_later_one() -> None:
    # k = 2, w = 2: the first transition needs 4 bits and only 3 remain.
    assert decode("0110110") == Table(2, ())
    assert decode("01101101") == Table(2, (Transition(1, 1, 1),))


def test_mesa_fields_are_cut_short_by_the_end() -> None:
    # c = 2, f = 1, evaluator of length 3 = "010", candidate 0 declared 3 long with 1 bit left.
    code = "1" + "11100" + "110" + "11110" + "010" + "11110" + "1"
    assert decode(code) == Mesa(2, 1, TM("010"), (TM("1"),))


def test_candidate_starting_at_the_end_is_absent() -> None:
    code = "1" + "11100" + "110" + "0"
    assert decode(code) == Mesa(2, 1, TM(""), ())


@given(machines(max_length=60))
def test_decode_is_total(t: str) -> None:
    program = decode(t)
    assert isinstance(program, Table | Mesa)


@given(programs())
def test_decode_inverts_encode(program: Program) -> None:
    assert decode(encode(program)) == program


@given(mesa_programs(nested=True))
def test_decode_inverts_encode_for_nested_mesa(program: Mesa) -> None:
    assert decode(encode(program)) == program


@given(machines(max_length=60))
def test_encode_of_decode_codes_the_same_program(t: str) -> None:
    canonical = encode(decode(t))
    assert decode(canonical) == decode(t)
    assert len(canonical) <= max(len(t), 1) + 4 * len(t)


@given(tables(max_states=5))
def test_table_code_lengths(table: Table) -> None:
    code = encode(table)
    if table.states:
        width = table.next_state_width()
        assert len(code) == 2 + table.states + len(table.transitions) * (2 + width)
