"""Audit of bad CLI input: an unwritable output path is bad input (exit 2, one line).

DESIGN.md and the CLI's contract (mesaform/cli/__init__.py): "Bad input (a
malformed machine, claim file or flag) exits with code 2 and one line on standard
error ... no traceback." These are the output paths that used to escape as an
``OSError`` traceback (exit 1): ``run --diagram``, ``check --plot``, ``check --smt2``
and ``prove --smt2`` naming a place that cannot be written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_helpers import invoke

CLAIM = "code_ones_exact_evaluator"


@pytest.fixture
def a_file(tmp_path: Path) -> Path:
    """Return an existing regular file: no folder can be made below it."""
    path = tmp_path / "plain"
    path.write_text("not a folder\n")
    return path


def _bad_input(code: int, err: str, option: str) -> None:
    assert code == 2
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    assert option in err


def test_run_diagram_below_a_file(capsys: pytest.CaptureFixture[str], a_file: Path) -> None:
    code, _, err = invoke(capsys, "run", "0110", "--diagram", str(a_file / "d.png"))
    _bad_input(code, err, "--diagram")


def test_run_diagram_missing_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = invoke(capsys, "run", "0110", "--diagram", str(tmp_path / "no" / "d.png"))
    _bad_input(code, err, "--diagram")


def test_check_plot_below_a_file(capsys: pytest.CaptureFixture[str], a_file: Path) -> None:
    code, _, err = invoke(
        capsys, "check", "--claim", CLAIM, "--method", "z3", "--plot", str(a_file / "p.png")
    )
    _bad_input(code, err, "--plot")


def test_check_smt2_below_a_file(capsys: pytest.CaptureFixture[str], a_file: Path) -> None:
    code, _, err = invoke(
        capsys, "check", "--claim", CLAIM, "--method", "z3", "--smt2", str(a_file / "q")
    )
    _bad_input(code, err, "--smt2")


def test_prove_smt2_below_a_file(capsys: pytest.CaptureFixture[str], a_file: Path) -> None:
    code, _, err = invoke(capsys, "prove", "--smt2", str(a_file / "q"))
    _bad_input(code, err, "--smt2")


def test_run_diagram_still_written(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "d.png"
    code, out, _ = invoke(capsys, "run", "0110", "--diagram", str(path))
    assert code == 0 and path.read_bytes().startswith(b"\x89PNG")
    assert "diagram written" in out
