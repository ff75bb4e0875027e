"""The committed test vectors still match the reference interpreter, and say true things.

Regenerates ``vectors/mesaform-vectors.json`` in memory and compares it with the
committed file field by field (docs/vectors.md); checks the schema; and checks the
vectors against values known independently of the generator (the published
busy-beaver values, the examples of docs/semantics.md, the bundled suite's expectations).
"""

from __future__ import annotations

import copy
import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mesaform.vectors as file_vectors
from mesaform.cli.check import bundled_claims
from mesaform.model.vectors import (
    RUN_CASES,
    SECTION_FIELDS,
    VECTORS_VERSION,
    differences,
    header,
    interpreter_vectors,
    schema_errors,
)
from mesaform.proofs.methods.enumerate_method import enumeration_fits
from mesaform.spec.objectives import rational
from mesaform.spec.programs import decode, encode
from mesaform.spec.results import read_output

COMMITTED_PATH = Path(__file__).resolve().parent.parent / "vectors" / "mesaform-vectors.json"


def mismatch_message(lines: list[str]) -> str:
    shown = "\n  ".join(lines[:40])
    more = f"\n  ... and {len(lines) - 40} more" if len(lines) > 40 else ""
    return (
        f"the committed vectors differ from the reference interpreter in {len(lines)} "
        f"field(s):\n  {shown}{more}\nIf the semantics changed on purpose, regenerate "
        "with `python -m mesaform.vectors --write` and say why in the commit."
    )


@pytest.fixture(scope="module")
def committed() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(COMMITTED_PATH.read_text(encoding="utf-8"))
    return loaded


def by_name(records: list[dict[str, Any]], name: str) -> dict[str, Any]:
    matches = [r for r in records if r["name"] == name]
    assert len(matches) == 1, name
    return matches[0]


# -- the committed file is what the generator writes -----------------------------------


def test_header_matches(committed: dict[str, Any]) -> None:
    fresh = header()
    lines = differences({k: committed.get(k) for k in fresh}, fresh)
    assert not lines, mismatch_message(lines)
    assert committed["version"] == VECTORS_VERSION


def test_runs_and_objectives_match(committed: dict[str, Any]) -> None:
    fresh = interpreter_vectors()
    lines = differences({k: committed.get(k) for k in fresh}, fresh)
    assert not lines, mismatch_message(lines)


def test_verdicts_and_the_whole_text_match_a_regeneration(committed: dict[str, Any]) -> None:
    """Regenerate everything, verdicts included (about 15 s: the bundled suite, enumerated)."""
    regenerated = file_vectors.generate()
    lines = differences(committed.get("verdicts"), regenerated["verdicts"], "verdicts")
    assert not lines, mismatch_message(lines)
    text = COMMITTED_PATH.read_text(encoding="utf-8")
    if text != file_vectors.render(regenerated):
        lines = differences(json.loads(text), regenerated)
        assert not lines, mismatch_message(lines)
        pytest.fail("same values, different text: regenerate with --write (formatting)")


def test_write_then_check_round_trips(
    tmp_path: Path, committed: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(file_vectors, "generate", lambda: copy.deepcopy(committed))
    path = tmp_path / "vectors.json"
    assert file_vectors.main(["--check", "--output", str(path)]) == 1  # not written yet
    assert file_vectors.main(["--write", "--output", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == COMMITTED_PATH.read_text(encoding="utf-8")
    assert file_vectors.main(["--check", "--output", str(path)]) == 0
    edited = json.loads(path.read_text(encoding="utf-8"))
    edited["runs"][0]["steps"] = 1
    path.write_text(json.dumps(edited), encoding="utf-8")
    assert file_vectors.main(["--check", "--output", str(path)]) == 1


# -- the schema --------------------------------------------------------------------------


def test_every_record_has_every_field(committed: dict[str, Any]) -> None:
    assert schema_errors(committed) == []
    assert committed["fields"] == SECTION_FIELDS


def test_schema_check_finds_a_missing_and_an_unknown_field(committed: dict[str, Any]) -> None:
    broken = copy.deepcopy(committed)
    del broken["runs"][3]["ones"]
    broken["objectives"]["mesa"][0]["U"] = "1/1"
    del broken["verdicts"]
    errors = schema_errors(broken)
    assert "runs[3] lacks ones" in errors
    assert "objectives.mesa[0] has unknown fields U" in errors
    assert "section 'verdicts' is missing or empty" in errors


def test_differences_name_the_record_and_both_values(committed: dict[str, Any]) -> None:
    edited = copy.deepcopy(committed)
    bb2 = by_name(edited["runs"], "bb2")
    bb2["steps"] = 7
    index = edited["runs"].index(bb2)
    assert differences(committed, edited) == [
        f"runs[{index}] (name 'bb2').steps: committed 6, regenerated 7"
    ]


# -- the values are true, independently of the generator -------------------------------


def walk(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in walk(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in walk(item)]
    return [value]


def test_no_float_anywhere(committed: dict[str, Any]) -> None:
    assert not any(isinstance(leaf, float) for leaf in walk(committed))


@pytest.mark.parametrize(
    ("name", "steps", "ones"),
    [
        ("empty", 0, 0),
        ("bb1", 1, 1),
        ("bb2", 6, 4),
        ("bb2-exact-fuel", 6, 4),
        ("bb2-trailing-bits", 6, 4),
        ("bb3-steps", 21, 5),
        ("bb3-ones", 14, 6),
        ("bb4", 107, 13),
        ("bb4-exact-fuel", 107, 13),
    ],
)
def test_published_busy_beaver_values(
    committed: dict[str, Any], name: str, steps: int, ones: int
) -> None:
    record = by_name(committed["runs"], name)
    assert (record["halted"], record["steps"], record["ones"]) == (True, steps, ones)


@pytest.mark.parametrize(
    "name",
    ["bb2-one-step-short", "bb4-one-step-short", "bb5-out-of-fuel", "loop-right", "zero-fuel"],
)
def test_out_of_fuel_runs(committed: dict[str, Any], name: str) -> None:
    record = by_name(committed["runs"], name)
    assert record["halted"] is False
    assert record["steps"] is record["ones"] is record["output"] is record["tape"] is None


def test_design_examples(committed: dict[str, Any]) -> None:
    assert by_name(committed["runs"], "bb2")["machine"] == "01101101100110001110"
    assert by_name(committed["runs"], "bb2")["standard"] == "1RB1LB_1LA1RZ"
    assert by_name(committed["runs"], "empty")["machine"] == ""


def test_run_records_are_consistent(committed: dict[str, Any]) -> None:
    names = [record["name"] for record in committed["runs"]]
    assert len(names) == len(set(names)) == len(RUN_CASES)
    for record in committed["runs"]:
        if record["halted"]:
            assert record["steps"] <= record["fuel"], record["name"]
            assert record["ones"] == len(record["tape"]), record["name"]
            assert record["tape"] == sorted(set(record["tape"])), record["name"]
            assert record["output"] == read_output(frozenset(record["tape"])), record["name"]
        assert (record["standard"] is None) == (record["kind"] == "mesa"), record["name"]
        assert decode(record["canonical"]) == decode(record["machine"]), record["name"]
        assert encode(decode(record["canonical"])) == record["canonical"], record["name"]


@pytest.mark.parametrize("name", ["empty-on-input", "no-scored-candidate", "no-candidates"])
def test_input_tape_left_untouched(committed: dict[str, Any], name: str) -> None:
    record = by_name(committed["runs"], name)
    assert record["halted"] and record["output"] == record["input"]


def test_base_objective_values_are_exact_and_in_range(committed: dict[str, Any]) -> None:
    for record in committed["objectives"]["base"]:
        values = {key: record[key] for key in SECTION_FIELDS["objectives.base"] if key[0] != "m"}
        del values["fuel"]
        for key, text in values.items():
            value = Fraction(text)
            assert rational(value) == text, (record["machine"], key)  # lowest terms, p/q
        assert Fraction(record["code_ones"]) == record["machine"].count("1")
        assert 0 <= Fraction(record["self_replication"]) <= len(record["machine"])


def test_mesa_objective_values(committed: dict[str, Any]) -> None:
    for record in committed["objectives"]["mesa"]:
        t = record["machine"]
        value = None if record["U_m"] is None else Fraction(record["U_m"])
        name = record["name"]
        if name == "exact" and value is not None:
            assert value == t.count("1")
        if name == "length-proxy":
            assert value == len(t) + t.count("1")
        if name == "doubling":
            assert value == 2 * t.count("1")
        if name == "partial":
            if t.startswith("1"):
                assert value is None, t
            elif value is not None:
                assert value == t.count("1")
        if name == "no-scored-candidate":
            assert value is None


def test_verdicts_agree_with_the_suites_expectations(committed: dict[str, Any]) -> None:
    claims = [c for c in bundled_claims() if enumeration_fits(c)]
    assert [record["name"] for record in committed["verdicts"]] == [c.name for c in claims]
    assert len(claims) < len(bundled_claims())  # the suite also holds a claim beyond enumeration
    for record in committed["verdicts"]:
        assert record["method"] == "enumerate"
        if record["expect"] == "holds":
            assert record["verdict"] == "proved", record["name"]
            assert record["counterexample"] is None
            assert record["checked"] == 2 ** (record["bound"]["max_length"] + 1) - 1
        else:
            assert record["verdict"] == "refuted", record["name"]
            example = record["counterexample"]
            if record["predicate"] == "inner-alignment":
                assert example["U_values"] != example["U_m_values"]
                assert len(example["machines"]) == 1


# -- laws of the helpers -----------------------------------------------------------------


@given(st.fractions())
def test_rational_text_is_exact(value: Fraction) -> None:
    text = rational(value)
    assert Fraction(text) == value
    _, denominator = text.split("/")
    assert int(denominator) > 0


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=3), children, max_size=4)
    ),
    max_leaves=12,
)


@given(JSON, JSON)
def test_differences_are_empty_exactly_for_equal_values(a: Any, b: Any) -> None:
    assert differences(a, a) == []
    same = json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
    assert (differences(a, b) == []) == same
