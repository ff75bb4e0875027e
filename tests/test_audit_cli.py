"""Audit of bad CLI input: an unwritable output path is bad input (exit 2, one line).

The CLI's contract (mesaform/cli/__init__.py): "Bad input (a
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


@pytest.mark.parametrize("seconds", ["nan", "inf", "-inf", "0", "-1", "abc", "1e300"])
@pytest.mark.parametrize("command", [["check", "--claim", CLAIM, "--method", "z3"], ["prove"]])
def test_timeout_must_be_a_finite_positive_number(
    capsys: pytest.CaptureFixture[str], command: list[str], seconds: str
) -> None:
    code, _, err = invoke(capsys, *command, "--timeout", seconds)
    _bad_input(code, err, "--timeout")


def test_search_fuel_beyond_a_tape(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = invoke(
        capsys, "search", "--objective", "busyness", "--states", "2", "--fuel", str(10**20)
    )
    _bad_input(code, err, "--fuel")


def test_check_a_claim_with_a_huge_fuel(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    claims = tmp_path / "huge.toml"
    claims.write_text(
        "[[claim]]\n"
        'name = "huge_fuel"\n'
        'predicate = "inner-alignment"\n'
        'base = "code_ones"\n'
        'mesa = "1110111010101011011101110100011001100101010011001110111010001101101100110001110"\n'
        "max_length = 4\n"
        f"fuel = {10**20}\n"
    )
    code, out, err = invoke(capsys, "check", str(claims))
    assert code == 0, err
    assert "proved" in out and "31" in out


USER_MODULE = """
from fractions import Fraction


def crashes(t):
    raise RuntimeError("boom")


def floating(t):
    return 0.5


def mesa_floating(t):
    return 0.5


not_a_function = 3
"""


@pytest.mark.parametrize(
    ("base", "mesa", "needle"),
    [
        ("audit_user_sides:crashes", "1110", "RuntimeError: boom"),
        ("audit_user_sides:floating", "1110", "exact rationals"),
        ("code_ones", "audit_user_sides:mesa_floating", "exact rationals"),
        ("code_ones", "audit_user_sides:crashes", "RuntimeError: boom"),
        ("audit_user_sides:not_a_function", "1110", "not a function"),
        ("code_ones", "audit_user_sides:not_a_function", "not a PartialObjective"),
    ],
)
@pytest.mark.parametrize("method", ["enumerate", "hypothesis"])
def test_user_side_failures_are_bad_input(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    base: str,
    mesa: str,
    needle: str,
    method: str,
) -> None:
    (tmp_path / "audit_user_sides.py").write_text(USER_MODULE)
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    claims = tmp_path / "user.toml"
    claims.write_text(
        "[[claim]]\n"
        'name = "user"\n'
        'predicate = "inner-alignment"\n'
        f'base = "{base}"\n'
        f'mesa = "{mesa}"\n'
        "max_length = 3\n"
        "fuel = 3\n"
    )
    code, _, err = invoke(capsys, "check", str(claims), "--method", method, "--examples", "5")
    assert code == 2
    assert len(err.strip().splitlines()) == 1, err
    assert needle in err and "Traceback" not in err


def test_claim_file_not_utf8(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    claims = tmp_path / "latin.toml"
    claims.write_bytes(b"\xff\xfe[[claim]]\n")
    code, _, err = invoke(capsys, "check", str(claims))
    assert code == 2 and len(err.strip().splitlines()) == 1 and "UTF-8" in err


def test_epsilon_dividing_by_zero(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    claims = tmp_path / "zero.toml"
    claims.write_text(
        "[[claim]]\n"
        'name = "z"\n'
        'predicate = "approximate-alignment"\n'
        'base = "code_ones"\n'
        'mesa = "1110"\n'
        "max_length = 3\n"
        "fuel = 3\n"
        'epsilon = "1/0"\n'
    )
    code, _, err = invoke(capsys, "check", str(claims))
    assert code == 2 and len(err.strip().splitlines()) == 1 and "divides by zero" in err
