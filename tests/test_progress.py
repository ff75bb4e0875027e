"""Progress where work is long: ``prove`` says each theorem as it finishes, a cluster says
each stage of its start-up at once and is never silent, and a cluster failure is one
line. No test here waits on a clock: each waits for the line it expects."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest

from mesaform.cli.heartbeat import Heartbeat
from mesaform.exits import EXIT_BAD_INPUT
from tests.cli_helpers import invoke

CLAIM = (
    'name = "small"\npredicate = "inner-alignment"\nbase = "code_ones"\nmax_length = 4\n'
    'fuel = 9\n[mesa]\nevaluator = "0RZ0RB_0RA1RA"\nfuel = 9\n'
)


def test_a_heartbeat_says_what_at_once_then_again_until_the_end() -> None:
    lines: list[str] = []
    enough = threading.Event()

    def say(line: str) -> None:
        lines.append(line)
        if len(lines) >= 4:
            enough.set()

    with Heartbeat("waiting", say=say, say_now=False):
        assert lines == []  # silent until its first update
    with Heartbeat("starting", interval=0.001, say=say) as beat:
        assert lines == ["starting"]  # said before any work
        beat.update("loading")
        assert enough.wait(60)
    said = len(lines)
    assert lines[1] == "loading"
    assert all(line.startswith("loading (still at it after ") for line in lines[2:])
    assert len(lines) == said  # nothing is said after the block


def test_prove_says_each_theorem_as_it_finishes(capsys: pytest.CaptureFixture[str]) -> None:
    names = [
        "a_choice_exists_when_a_candidate_is_in_dom",
        "inner_alignment_implies_order_alignment",
    ]
    code, out, err = invoke(capsys, "prove", *names)
    assert code == 0
    lines = err.splitlines()
    assert len(lines) == 2
    for index, (line, name) in enumerate(zip(lines, names, strict=True), start=1):
        assert line.startswith(f"[{index}/2] {name}: proved (valid) (z3, ")
        assert line.endswith(" s)")
    assert names[0] in out  # the tables follow on standard output


class FakeExecutor:
    """Stands for a cluster that started: two workers, nothing to close."""

    def threads(self) -> int:
        return 2

    def close(self) -> None:
        pass


def fake_connect(address: str, stage: Any) -> FakeExecutor:
    stage("starting 2 local worker processes")
    stage("the workers are loading mesaform and its compiled kernels")
    return FakeExecutor()


def test_the_cluster_says_each_stage_of_its_start_up(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pytest.importorskip("distributed")
    import mesaform.cli.check
    import mesaform.proofs.checking.cluster as cluster

    monkeypatch.setattr(cluster, "connect", fake_connect)
    monkeypatch.setattr(mesaform.cli.check, "check_claim", failing_check)
    path = tmp_path / "c.toml"
    path.write_text(CLAIM)
    code, _, err = invoke(capsys, "check", str(path), "--cluster", "local:2")
    assert code == EXIT_BAD_INPUT  # the check itself fails (failing_check)
    lines = err.splitlines()
    assert lines[:3] == [
        "cluster local:2: starting 2 local worker processes",
        "cluster local:2: the workers are loading mesaform and its compiled kernels",
        lines[2],
    ]
    assert lines[2].startswith("cluster local:2: 2 workers ready after ")


def failing_check(*args: object, **kwargs: object) -> None:
    from distributed.comm.core import CommClosedError

    raise CommClosedError("in <TCP (closed) ConnectionPool.gather local=tcp://127.0.0.1:1>")


def test_a_cluster_failure_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pytest.importorskip("distributed")
    import mesaform.cli.check
    import mesaform.proofs.checking.cluster as cluster

    monkeypatch.setattr(cluster, "connect", fake_connect)
    monkeypatch.setattr(mesaform.cli.check, "check_claim", failing_check)
    path, report = tmp_path / "c.toml", tmp_path / "r.json"
    path.write_text(CLAIM)
    code, _, err = invoke(capsys, "check", str(path), "--cluster", "local:2", "--json", str(report))
    assert code == EXIT_BAD_INPUT
    assert "Traceback" not in err
    (failure,) = [line for line in err.splitlines() if "cluster failed" in line]
    assert failure.startswith("the cluster failed while checking 'small': CommClosedError: ")
    written = json.loads(report.read_text())
    assert written["stopped"].startswith("the cluster failed while checking 'small'")
    assert written["interrupted"] is True and written["results"] == []
