"""The command line: results, JSON records and one-line errors with exit code 2."""

import json
from pathlib import Path

import pytest

from spec.machines import TM
from spec.programs import Mesa, encode
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
