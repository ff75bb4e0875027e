"""mesaform.spec.catalogue: every example machine once, under one name, and what each is said to
be."""

from fractions import Fraction

import pytest

import mesaform.spec.catalogue as catalogue
from mesaform.cli.check import bundled_claims
from mesaform.model.standard_format import parse_machine
from mesaform.spec.claims import MesaProgram
from mesaform.spec.interpreter import run
from mesaform.spec.library import code_ones, mesa_objective
from mesaform.spec.machines import TM, machines_up_to
from mesaform.spec.objectives import Defined
from mesaform.spec.programs import Mesa, Table, decode, encode
from mesaform.spec.results import Halted, OutOfFuel

NAMED: dict[str, TM] = {
    name: value
    for name, value in vars(catalogue).items()
    if name.isupper() and isinstance(value, TM)
}


def test_each_machine_has_one_name() -> None:
    codes = list(NAMED.values())
    assert len(codes) == len(set(codes)), "a machine of the catalogue has two names"
    assert len(NAMED) >= 20


@pytest.mark.parametrize("name", sorted(catalogue.STANDARD_TEXT))
def test_standard_text_is_the_code(name: str) -> None:
    assert parse_machine(catalogue.STANDARD_TEXT[name]) == NAMED[name]


def test_every_named_table_has_its_standard_text() -> None:
    tables = {name for name, code in NAMED.items() if isinstance(decode(code), Table) and code}
    assert tables == set(catalogue.STANDARD_TEXT)


def test_the_evaluators_compute_what_they_are_said_to() -> None:
    for t in machines_up_to(6):
        ones = t.count("1")
        exact = run(catalogue.CODE_ONES_EVALUATOR, t, 2 * len(t) + 1)
        assert isinstance(exact, Halted) and exact.ones == ones
        kept = run(catalogue.MARKER_KEEPING_EVALUATOR, t, 0)
        assert isinstance(kept, Halted) and kept.ones == len(t) + ones
        doubled = run(catalogue.DOUBLING_EVALUATOR, t, 4 * len(t) + 1)
        assert isinstance(doubled, Halted) and doubled.ones == 2 * ones
        partial = run(catalogue.PARTIAL_EVALUATOR, t, 200)
        if t.startswith("1"):
            assert isinstance(partial, OutOfFuel)
        else:
            assert isinstance(partial, Halted) and partial.ones == ones
    assert isinstance(run(catalogue.LOOP_RIGHT, "0110", 500), OutOfFuel)


def test_the_mesa_programs_are_the_bundled_suites() -> None:
    codes = {c.name: c.mesa.code for c in bundled_claims() if isinstance(c.mesa, MesaProgram)}
    assert codes["code_ones_exact_evaluator"] == catalogue.EXACT_MESA
    assert codes["code_ones_length_proxy"] == catalogue.PROXY_MESA
    assert codes["code_ones_doubling_evaluator_inner"] == catalogue.DOUBLING_MESA
    assert codes["code_ones_partial_evaluator"] == catalogue.PARTIAL_MESA
    assert codes["ten_candidates_productivity"] == catalogue.TEN_CANDIDATE_MESA


def test_the_exact_mesa_is_inner_aligned_with_code_ones() -> None:
    u_m = mesa_objective(catalogue.EXACT_MESA)
    for t in machines_up_to(8):
        value = u_m(t).to_option()
        assert value is None or value == code_ones()(t)
    assert u_m(TM("0110")) == Defined(Fraction(2))
    assert decode(catalogue.TEN_CANDIDATE_MESA) == Mesa(
        10, 25, catalogue.CODE_ONES_EVALUATOR, catalogue.TEN_CANDIDATES
    )
    assert encode(decode(catalogue.NESTED)) == catalogue.NESTED
