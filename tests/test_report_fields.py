"""Every field ``check --json`` writes is documented, and ``check`` and ``prove`` share one
top level (``mesaform_report``, ``mesaform``, ``command``, ``interrupted``, ``all_match``,
``results``).

The reports are made by the real checker on claims that reach every verdict and method kind
(a proof by enumeration and by Z3, a refutation with ``--all``, Hypothesis's sample, an
unknown, an approximate claim with its epsilon), and every key found is looked up in the
report section of docs/checking.md.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from mesaform.proofs.checking.check import CheckOptions, check_claim
from mesaform.proofs.checking.report import REPORT_VERSION, envelope, report
from mesaform.provenance import provenance
from mesaform.spec.catalogue import CODE_ONES_EVALUATOR, MARKER_KEEPING_EVALUATOR
from mesaform.spec.claims import Claim, LibraryObjective, MesaProgram
from mesaform.spec.objectives import PartialObjective
from mesaform.spec.verdicts import Bound
from tests.claims_for_tests import code_ones_claim, mesa_code
from tests.cli_helpers import invoke

ROOT = Path(__file__).resolve().parent.parent
TOP_LEVEL = {
    *("mesaform_report", "mesaform", "command", "interrupted", "stopped", "all_match"),
    "results",
}


def keys(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            if key != "programs":  # decoded programs: documented by `mesaform show --json`
                yield from keys(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from keys(inner)


def sample_report() -> dict[str, Any]:
    approximate = Claim(
        "approximate",
        "approximate-alignment",
        LibraryObjective("code_ones"),
        MesaProgram(mesa_code(MARKER_KEEPING_EVALUATOR, 9)),
        Bound(2, 5),
        epsilon=Fraction(1, 2),
        expect="fails",
    )
    unknown = Claim(
        "user_side",
        "inner-alignment",
        LibraryObjective("code_ones"),
        PartialObjective.from_optional("ones", lambda t: t.count("1")),
        Bound(2, 5),
    )
    results = [
        check_claim(code_ones_claim(CODE_ONES_EVALUATOR, 3), "enumerate"),
        check_claim(code_ones_claim(CODE_ONES_EVALUATOR, 3), "z3"),
        check_claim(approximate, "enumerate", CheckOptions(find_all=True)),
        check_claim(
            code_ones_claim(CODE_ONES_EVALUATOR, 3), "hypothesis", CheckOptions(examples=20, seed=1)
        ),
        check_claim(unknown, "z3"),
    ]
    assert {r.verdict.verdict for r in results} == {"proved", "refuted", "not refuted", "unknown"}
    written: dict[str, Any] = json.loads(json.dumps(report(results)))
    return written


def test_every_field_of_the_check_report_is_documented() -> None:
    text = (ROOT / "docs" / "checking.md").read_text(encoding="utf-8")
    section = text[text.index("### The JSON report") :]
    found = set(keys(sample_report()))
    assert found >= TOP_LEVEL | {"epsilon", "domain_by_length", "more_counterexamples", "reason"}
    assert found >= {"evaluator_runs", "auto_choice"}
    undocumented = {key for key in found if f"`{key}`" not in section}
    assert not undocumented, (
        f"fields of check --json that docs/checking.md does not explain: {undocumented}"
    )


def test_the_solver_proof_reports_its_domain_per_length() -> None:
    by_method = {r["method"]: r for r in sample_report()["results"] if r["verdict"] == "proved"}
    assert by_method["z3"]["domain_by_length"] == ["nonempty"] * 4
    assert by_method["enumerate"]["domain_by_length"] is None
    assert by_method["enumerate"]["in_domain"] == 15


def test_envelope_is_one_shape() -> None:
    shaped = envelope("prove", [{"name": "x"}], all_match=True, interrupted=True)
    assert set(shaped) == TOP_LEVEL
    assert shaped["all_match"] is False  # an interrupted run never matches
    assert shaped["mesaform_report"] == REPORT_VERSION == 3


def test_check_and_prove_write_the_same_top_level(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    checked, proved = tmp_path / "check.json", tmp_path / "prove.json"
    code, _, _ = invoke(
        capsys, "check", "--claim", "code_ones_length_proxy", "--json", str(checked)
    )
    assert code == 0
    code, _, _ = invoke(
        capsys, "prove", "inner_alignment_implies_order_alignment", "--json", str(proved)
    )
    assert code == 0
    check_report = json.loads(checked.read_text(encoding="utf-8"))
    prove_report = json.loads(proved.read_text(encoding="utf-8"))
    assert set(check_report) == set(prove_report) == TOP_LEVEL
    assert (check_report["command"], prove_report["command"]) == ("check", "prove")
    for shaped in (check_report, prove_report):
        assert shaped["mesaform"] == provenance().record()  # the exact code that ran
        assert shaped["mesaform_report"] == REPORT_VERSION and shaped["interrupted"] is False
        assert shaped["all_match"] is True and len(shaped["results"]) == 1
        assert re.fullmatch(r"[a-z_0-9]+", shaped["results"][0]["name"])
