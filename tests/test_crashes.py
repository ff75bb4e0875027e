"""Crashes and bad user modules: an internal error exits 70, a bad user module is bad input.

The contract is mesaform/exits.py and docs/reliability.md: an internal error exits 70 with
one line naming the saved traceback; a user module that fails at import or exits is bad
input (2); a counterexample that does not replay exits 3 with every other claim reported.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_helpers import invoke
from tests.reliability_helpers import CLAIM, ONES, claim_text, one_line_error, user_module

# -- crashes and bad user modules -------------------------------------------------------------


def test_an_internal_error_exits_70_with_one_line_and_the_saved_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mesaform.cli.check as check_module

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("a bug")

    monkeypatch.setattr(check_module, "check_claim", broken)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)
    report_path = tmp_path / "r.json"
    code, _, err = invoke(capsys, "check", "--claim", CLAIM, "--json", str(report_path))
    one_line_error(code, err, 70)
    assert "internal error" in err and "RuntimeError: a bug" in err
    saved = Path(err.split("traceback saved to ")[1].strip())
    assert saved.parent == tmp_path
    assert "Traceback" in saved.read_text() and "a bug" in saved.read_text()
    assert json.loads(report_path.read_text())["interrupted"] is True


@pytest.mark.parametrize(
    ("source", "reference", "expected"),
    [
        ("import sys\nsys.exit(0)\n", "{m}:ones", "sys.exit(0)"),
        ("def ones(t:\n", "{m}:ones", "syntax error"),
        ("x = 1 / 0\n", "{m}:ones", "ZeroDivisionError"),
        (ONES, ".{m}:ones", "absolute"),
        (ONES, "{m}:", "module:function"),
        (ONES + "\nimport sys\ndef quit(t):\n    sys.exit(0)\n", "{m}:quit", "sys.exit(0)"),
    ],
)
def test_a_user_module_that_fails_or_exits_is_bad_input(
    capsys: pytest.CaptureFixture[str], workdir: Path, source: str, reference: str, expected: str
) -> None:
    module = user_module(workdir, source)
    claims = workdir / "claims.toml"
    claims.write_text(claim_text("c", reference.format(m=module), f"{module}:ones"))
    if "ones" not in source:
        other = user_module(workdir, ONES)
        claims.write_text(claim_text("c", reference.format(m=module), f"{other}:ones"))
    code, _, err = invoke(capsys, "check", str(claims))
    one_line_error(code, err)
    assert expected in err


def test_a_counterexample_that_does_not_replay_keeps_the_other_claims(
    capsys: pytest.CaptureFixture[str], workdir: Path
) -> None:
    module = user_module(
        workdir,
        ONES + "\ncalls = [0]\n\ndef flaky(t):\n    calls[0] += 1\n"
        "    return t.count('1') + calls[0] % 2\n",
    )
    claims = workdir / "claims.toml"
    claims.write_text(
        claim_text("flaky", f"{module}:flaky", f"{module}:ones_or_none")
        + claim_text("fine", f"{module}:ones", f"{module}:ones_or_none")
    )
    report_path = workdir / "report.json"
    code, _, err = invoke(capsys, "check", str(claims), "--json", str(report_path))
    assert code == 3, err
    report = json.loads(report_path.read_text())
    assert [claim["name"] for claim in report["results"]] == ["flaky", "fine"]
    assert report["results"][1]["verdict"] == "proved"
    flaky = report["results"][0]
    assert flaky["verdict"] == "unknown"
    assert "answered" in flaky["reason"] and "on the same input" in flaky["reason"]
    assert "did not replay" in err


def test_a_report_is_not_lost_when_printing_the_verdicts_fails(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mesaform.cli.check as check_module

    def broken(*args: object) -> None:
        raise ValueError("printing failed")

    monkeypatch.setattr(check_module, "print_results", broken)
    report_path = tmp_path / "r.json"
    code, _, err = invoke(
        capsys, "check", "--claim", CLAIM, "--method", "z3", "--json", str(report_path)
    )
    assert code == 70 and "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("mesaform: internal error")
    report = json.loads(report_path.read_text())
    assert [claim["name"] for claim in report["results"]] == [CLAIM]
    assert report["results"][0]["verdict"] == "proved"
