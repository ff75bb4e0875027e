"""The command line: results, JSON records and one-line errors with exit code 2."""

import json
from pathlib import Path

import pytest

from mesaform.spec.machines import TM
from mesaform.spec.programs import Mesa, encode
from tests.cli_helpers import invoke


def test_run_json_reports_the_two_state_champion(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = invoke(capsys, "run", "1RB1LB_1LA1RZ", "--json")
    assert code == 0
    record = json.loads(out)
    assert record["machine"] == "01101101100110001110"
    assert (record["halted"], record["steps"], record["ones"]) == (True, 6, 4)
    assert record["output"] == "1"


def test_run_prints_one_json_line_per_machine(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = invoke(capsys, "run", "0110", "1RB1LB_1LA1RZ", "--fuel", "3", "--json")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["halted"] for r in records] == [True, False]
    assert records[1]["steps"] is None


def test_run_with_input(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = invoke(capsys, "run", "", "--input", "101", "--json")
    assert code == 0
    assert json.loads(out)["output"] == "101"


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["run", "1RB1LB_1LA1Rq"], "MACHINE"),
        (["run", "01", "--fuel", "-1"], "--fuel"),
        (["run", "01", "--input", "12"], "--input"),
        (["run", "01", "--colour"], "--colour"),
        (["show", "hello"], "MACHINE"),
        (["frobnicate"], "frobnicate"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], named: str
) -> None:
    code, out, err = invoke(capsys, *argv)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert named in err
    assert "Traceback" not in err


def test_show_recurses_into_a_mesa_program(capsys: pytest.CaptureFixture[str]) -> None:
    code_of_mesa = encode(Mesa(2, 1, TM(""), (TM("010"),)))
    assert code_of_mesa == "1" + "11100" + "110" + "0" + "11110" + "010"
    code, out, _ = invoke(capsys, "show", code_of_mesa, "--json")
    assert code == 0
    shown = json.loads(out)
    assert shown["kind"] == "mesa"
    assert (shown["count"], shown["fuel"]) == (2, 1)
    assert shown["candidates"][0]["kind"] == "table"
    assert shown["candidates"][0]["machine"] == "010"


def test_show_table_in_standard_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = invoke(capsys, "show", "01101101100110001110")
    assert code == 0
    assert "1RB1LB_1LA1RZ" in out


def test_diagram_is_written(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    picture = tmp_path / "bb3.png"
    code, _, _ = invoke(capsys, "run", "1RB1RZ_1LB0RC_1LC1LA", "--diagram", str(picture))
    assert code == 0
    assert picture.read_bytes().startswith(b"\x89PNG")


def test_diagram_of_a_mesa_program_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = invoke(capsys, "run", "1", "--diagram", "x.png")
    assert code == 2
    assert "--diagram" in err


def test_no_arguments_shows_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = invoke(capsys)
    assert code == 0 and err == ""
    assert "Commands:" in out and "check" in out and "prove" in out


# --- Audit of bad CLI input: an unwritable output path is bad input (exit 2, one line).
#
# The CLI's contract (mesaform/cli/__init__.py): "Bad input (a
# malformed machine, claim file or flag) exits with code 2 and one line on standard
# error ... no traceback." These are the output paths that used to escape as an
# ``OSError`` traceback (exit 1): ``run --diagram``, ``check --plot``, ``check --smt2``
# and ``prove --smt2`` naming a place that cannot be written.


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
