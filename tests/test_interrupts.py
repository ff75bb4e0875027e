"""Interrupts of the command line: Ctrl-C (130) and SIGTERM (143) keep what was finished.

The contract is mesaform/exits.py and docs/reliability.md: Ctrl-C stops a check (130),
SIGTERM too (143), both after writing the report of the claims finished so far.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli_helpers import invoke
from tests.reliability_helpers import CLAIM, ONES, ROOT, claim_text, user_module

# -- interrupts -------------------------------------------------------------------------------


def test_ctrl_c_in_a_user_function_stops_the_check_and_keeps_the_finished_claims(
    capsys: pytest.CaptureFixture[str], workdir: Path
) -> None:
    module = user_module(
        workdir,
        ONES + "\ndef interrupt(t):\n    if len(t) == 2:\n        raise KeyboardInterrupt\n"
        "    return t.count('1')\n",
    )
    claims = workdir / "claims.toml"
    claims.write_text(
        claim_text("first", f"{module}:ones", f"{module}:ones_or_none")
        + claim_text("second", f"{module}:interrupt", f"{module}:ones_or_none")
        + claim_text("third", f"{module}:ones", f"{module}:ones_or_none")
    )
    report_path = workdir / "report.json"
    code, _, err = invoke(capsys, "check", str(claims), "--json", str(report_path))
    assert code == 130
    report = json.loads(report_path.read_text())
    assert report["interrupted"] is True and report["all_match"] is False
    assert [claim["name"] for claim in report["results"]] == ["first"]
    assert report["results"][0]["verdict"] == "proved"
    assert "second" in report["stopped"]
    assert "1 of 3 claims checked" in err


def test_ctrl_c_during_compiled_enumeration_is_not_an_unknown_verdict(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mesaform.model.engine as engine_module

    def interrupted(*args: object, **kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(engine_module, "kernels", interrupted)
    report_path = tmp_path / "r.json"
    code, _, _ = invoke(
        capsys, "check", "--claim", CLAIM, "--method", "enumerate", "--json", str(report_path)
    )
    assert code == 130
    report = json.loads(report_path.read_text())
    assert report["interrupted"] is True and report["results"] == []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_sigterm_or_sighup_writes_the_report_and_exits_143(
    tmp_path: Path, signum: signal.Signals
) -> None:
    """SIGHUP (a closed terminal) keeps the report as SIGTERM does."""
    marker = tmp_path / "started"
    module = user_module(
        tmp_path,
        ONES
        + "\nimport pathlib, time\n\ndef slow(t):\n"
        + f"    pathlib.Path({str(marker)!r}).touch()\n    time.sleep(60)\n    return 0\n",
    )
    claims = tmp_path / "claims.toml"
    claims.write_text(
        claim_text("first", f"{module}:ones", f"{module}:ones_or_none")
        + claim_text("second", f"{module}:slow", f"{module}:ones_or_none")
    )
    report_path = tmp_path / "report.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "mesaform", "check", str(claims), "--json", str(report_path)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not marker.exists() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    process.send_signal(signum)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 143, err
    assert "Traceback" not in err
    report = json.loads(report_path.read_text())
    assert report["interrupted"] is True
    assert [claim["name"] for claim in report["results"]] == ["first"]
    assert report["stopped"].startswith("terminated while checking 'second'")


def test_ctrl_c_while_starting_exits_130_without_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from mesaform import entry

    class InterruptImport:
        def find_spec(self, name: str, *args: object) -> None:
            if name == "mesaform.cli":
                raise KeyboardInterrupt
            return None

    monkeypatch.delitem(sys.modules, "mesaform.cli")
    monkeypatch.setattr(sys, "meta_path", [InterruptImport(), *sys.meta_path])
    with pytest.raises(SystemExit) as exit_info:
        entry.main(["--version"])
    assert exit_info.value.code == 130
    err = capsys.readouterr().err
    assert err.strip() == "mesaform: interrupted while starting"


def test_ctrl_c_during_hypothesis_is_never_swallowed(
    capsys: pytest.CaptureFixture[str], workdir: Path
) -> None:
    module = user_module(
        workdir,
        ONES + "\ncalls = [0]\n\ndef interrupt(t):\n    calls[0] += 1\n"
        "    if calls[0] > 20:\n        raise KeyboardInterrupt\n    return t.count('1')\n",
    )
    claims = workdir / "claims.toml"
    claims.write_text(claim_text("c", f"{module}:interrupt", f"{module}:ones", max_length=30))
    report_path = workdir / "r.json"
    code, _, _ = invoke(
        capsys, "check", str(claims), "--method", "hypothesis", "--json", str(report_path)
    )
    assert code == 130
    assert json.loads(report_path.read_text())["interrupted"] is True
