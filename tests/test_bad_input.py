"""Bad input: huge numbers, absurd bounds, blank machines and wrong API arguments.

The contract is docs/reliability.md: bad input exits 2 with one line naming what is
wrong; a public function refuses a wrong argument with an error naming it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from mesaform.spec.machines import TM
from mesaform.spec.programs import encode
from tests.cli_helpers import invoke
from tests.reliability_helpers import ONES, claim_text, one_line_error, user_module

# -- numbers, bounds, machines ----------------------------------------------------------------


def test_integers_beyond_pythons_digit_limit_are_printed_and_reported(
    capsys: pytest.CaptureFixture[str], workdir: Path
) -> None:
    module = user_module(workdir, ONES + "\ndef huge(t):\n    return 10**5000\n")
    claims = workdir / "claims.toml"
    claims.write_text(
        claim_text("huge", f"{module}:huge", f"{module}:ones")
        + claim_text("fuel", "code_ones", f"{module}:ones").replace(
            "fuel = 5", "fuel = " + "9" * 15000
        )
        + claim_text("eps", f"{module}:ones", f"{module}:ones")
        .replace("inner-alignment", "approximate-alignment")
        .replace('expect = "holds"', 'expect = "holds"\nepsilon = "1e5000"')
    )
    report_path = workdir / "report.json"
    code, out, err = invoke(capsys, "check", str(claims), "--json", str(report_path))
    assert code == 1, err  # "huge" fails
    assert sys.get_int_max_str_digits() == 4300  # the command line restored Python's limit
    sys.set_int_max_str_digits(0)  # reading a report with such numbers needs it too
    try:
        report = json.loads(report_path.read_text())
        fuel_value = report["results"][1]["bound"]["fuel"]
        assert fuel_value == int("9" * 15000)
    finally:
        sys.set_int_max_str_digits(4300)
    huge, fuel, eps = report["results"]
    assert huge["counterexample"]["U"] == "1" + "0" * 5000 + "/1"
    assert fuel["verdict"] == "proved"
    assert eps["epsilon"] == "1" + "0" * 5000 + "/1" and eps["verdict"] == "proved"
    assert "0" * 5000 in out.replace("\n", "")  # printed whole (folded into lines)
    code, out, _ = invoke(capsys, "show", "0" + "1" * 28600)
    assert code == 0 and "28600 states" in out


@pytest.mark.parametrize(
    "arguments",
    [
        ["--objective", "busyness", "--states", "1000000"],
        ["--objective", "busyness", "--states", str(10**30), "--local"],
        ["--objective", "code_ones", "--max-length", str(10**30)],
        ["--objective", "code_ones", "--max-length", str(10**30), "--local"],
        ["--objective", "code_ones", "--max-length", "41"],
    ],
)
def test_searches_with_absurd_bounds_are_bad_input(
    capsys: pytest.CaptureFixture[str], arguments: list[str]
) -> None:
    code, _, err = invoke(capsys, "search", *arguments)
    one_line_error(code, err)


@pytest.mark.parametrize("command", ["run", "show"])
@pytest.mark.parametrize("text", [" ", "   ", "\t", "\n"])
def test_a_machine_of_white_space_is_bad_input(
    capsys: pytest.CaptureFixture[str], command: str, text: str
) -> None:
    code, _, err = invoke(capsys, command, text)
    one_line_error(code, err)
    assert "white space" in err


# -- the Python API ---------------------------------------------------------------------------


def _api_calls() -> list[tuple[str, object, type[Exception], str]]:
    from mesaform.model.engine import run_fast
    from mesaform.proofs.checking.check import CheckOptions, check_claim
    from mesaform.spec.interpreter import run
    from mesaform.spec.library import code_ones, mesa_objective
    from mesaform.spec.programs import decode

    return [
        ("run(None)", lambda: run(None), TypeError, "machine"),  # type: ignore[arg-type]
        ("run(5)", lambda: run(5), TypeError, "machine"),  # type: ignore[arg-type]
        ("run(b'0110')", lambda: run(b"0110"), TypeError, "machine"),  # type: ignore[arg-type]
        ("run('01a')", lambda: run("01a"), ValueError, "machine"),
        ("run('0110', 5)", lambda: run("0110", 5), TypeError, "x"),  # type: ignore[arg-type]
        ("run_fast(None)", lambda: run_fast(None), TypeError, "machine"),  # type: ignore[arg-type]
        ("check_claim(None)", lambda: check_claim(None), TypeError, "claim"),  # type: ignore[arg-type]
        ("code_ones()('abc')", lambda: code_ones()("abc"), ValueError, "t"),  # type: ignore[arg-type]
        ("code_ones()(None)", lambda: code_ones()(None), TypeError, "t"),  # type: ignore[arg-type]
        ("timeout_seconds=-1", lambda: CheckOptions(timeout_seconds=-1), ValueError, "timeout"),
        (
            "timeout_seconds=nan",
            lambda: CheckOptions(timeout_seconds=float("nan")),
            ValueError,
            "timeout",
        ),
        ("examples=0", lambda: CheckOptions(examples=0), ValueError, "examples"),
        ("seed=-1", lambda: CheckOptions(seed=-1), ValueError, "seed"),
        ("find_all=1", lambda: CheckOptions(find_all=1), TypeError, "find_all"),  # type: ignore[arg-type]
        ("mesa_objective(None)", lambda: mesa_objective(None), TypeError, "m "),  # type: ignore[arg-type]
        ("decode(None)", lambda: decode(None), TypeError, "t "),  # type: ignore[arg-type]
        ("encode(TM)", lambda: encode(TM("0110")), TypeError, "program"),  # type: ignore[arg-type]
    ]


@pytest.mark.parametrize("index", range(17))
def test_public_functions_refuse_wrong_arguments_naming_them(index: int) -> None:
    name, call, error, argument = _api_calls()[index]
    assert callable(call)
    with pytest.raises(error) as raised:
        call()
    assert str(raised.value).startswith(argument.strip()) or f"{argument.strip()} " in str(
        raised.value
    ), name
