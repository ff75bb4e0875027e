"""Claim files: TOML in, Claim out; every fault one line naming file and claim."""

from fractions import Fraction
from pathlib import Path

import pytest

from mesaform.claim_files import ClaimFileError, load_claims, parse_claims
from mesaform.spec.claims import Claim, LibraryObjective, MesaProgram
from mesaform.spec.machines import TM
from mesaform.spec.objectives import UNDEFINED, Defined, Objective, PartialObjective
from mesaform.spec.verdicts import Bound

GOOD = """
[[claim]]
name = "a"
predicate = "approximate-alignment"
base = "code_ones"
mesa = "1110"
max_length = 4
fuel = 9
epsilon = "1/2"
expect = "fails"

[[claim]]
name = "b"
predicate = "inner-alignment"
base = "tests.fixtures.user_objectives:half_ones"
mesa = "tests.fixtures.user_objectives:half_ones_on_even"
max_length = 3
fuel = 0
states = 2
"""


def test_parse_many_claims() -> None:
    first, second = parse_claims(GOOD, "good.toml")
    assert first == Claim(
        "a",
        "approximate-alignment",
        LibraryObjective("code_ones"),
        MesaProgram(TM("1110")),
        Bound(4, 9),
        epsilon=Fraction(1, 2),
        expect="fails",
    )
    # A module:function side is imported while parsing and named by its reference.
    assert isinstance(second.base, Objective) and isinstance(second.mesa, PartialObjective)
    assert second.base.name == "tests.fixtures.user_objectives:half_ones"
    assert second.mesa.name == "tests.fixtures.user_objectives:half_ones_on_even"
    assert second.base(TM("0111")) == Fraction(3, 2)
    assert second.mesa(TM("011")) == UNDEFINED
    assert second.mesa(TM("0111")) == Defined(Fraction(3, 2))
    assert second.bound == Bound(3, 0, states=2)


def test_a_single_claim_may_be_top_level(tmp_path: Path) -> None:
    path = tmp_path / "one.toml"
    path.write_text(
        'name = "x"\npredicate = "order-alignment"\nbase = "busyness"\nmesa = "1"\n'
        "max_length = 2\nfuel = 3\n"
    )
    (claim,) = load_claims(path)
    assert claim.predicate == "order-alignment" and claim.bound == Bound(2, 3)


@pytest.mark.parametrize(
    ("replace", "by", "message"),
    [
        ("fuel = 9", "fule = 9", "claim 'a': unknown key 'fule'"),
        ("fuel = 9", "fuel = -9", "claim 'a': fuel must be a natural number"),
        ('epsilon = "1/2"', "epsilon = 0.5", "claim 'a': epsilon must be exact"),
        ('epsilon = "1/2"', "", "claim 'a': approximate-alignment needs epsilon"),
        ('base = "code_ones"', 'base = "speed"', "claim 'a': base 'speed' is neither"),
        ('mesa = "1110"', 'mesa = "0110"', "claim 'a': mesa '0110' is neither a Mesa"),
        ('predicate = "approximate-alignment"', 'predicate = "alignment"', "unknown predicate"),
        ('expect = "fails"', 'expect = "maybe"', "expect must be one of holds, fails; got 'maybe'"),
        ('name = "b"', 'name = "a"', "claim name 'a' is used more than once"),
        ("max_length = 4", 'max_length = "4"', "max_length must be a natural number"),
        ('[[claim]]\nname = "a"', '[[claim]]\nname = "a"\n[', "not valid TOML"),
    ],
)
def test_faults_are_one_line_naming_file_and_claim(replace: str, by: str, message: str) -> None:
    with pytest.raises(ClaimFileError) as error:
        parse_claims(GOOD.replace(replace, by, 1), "claims.toml")
    text = str(error.value)
    assert text.startswith("claims.toml")
    assert message in text
    assert "\n" not in text


def test_missing_file_and_empty_file(tmp_path: Path) -> None:
    with pytest.raises(ClaimFileError, match="cannot read"):
        load_claims(tmp_path / "absent.toml")
    with pytest.raises(ClaimFileError, match="no claim found"):
        parse_claims("", "empty.toml")
