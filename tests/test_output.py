"""Output for pipes and installs: one verdict is one line, and the package metadata
declares its license in the PEP 639 form (no setuptools deprecation warnings).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.cli_helpers import invoke

ROOT = Path(__file__).resolve().parent.parent


def test_a_piped_verdict_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = invoke(capsys, "check", "--claim", "code_ones_partial_evaluator")
    assert code == 0
    (line,) = [line for line in out.splitlines() if line.startswith("code_ones_partial_evaluator:")]
    assert len(line) > 120  # longer than the table's width, and still not wrapped
    assert "proved by explore for every t with |t| <= 16" in line
    assert line.endswith("U_m defined on 65536 of 131071 strings")


def test_the_license_is_declared_in_the_pep_639_form() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = pyproject["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"] and (ROOT / "LICENSE").exists()
    assert not any("License ::" in c for c in project.get("classifiers", []))
    requires = pyproject["build-system"]["requires"]
    assert any(
        r.startswith("setuptools>=") and int(r.split(">=")[1].split(".")[0]) >= 77 for r in requires
    )
