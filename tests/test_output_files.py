"""Output files of the command line: written with the user's permissions, never over an input.

The contract is docs/reliability.md: results are written atomically with the user's
permissions, never over a special file, a symbolic link or an input, and an output path
is checked before any work.
"""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path

import pytest

from tests.cli_helpers import invoke
from tests.reliability_helpers import CLAIM, ONES, claim_text, one_line_error, user_module

# -- output files -----------------------------------------------------------------------------


def test_json_dash_writes_the_report_to_standard_output(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = invoke(capsys, "check", "--claim", CLAIM, "--method", "z3", "--json", "-")
    assert code == 0
    report = json.loads(out)
    assert report["results"][0]["name"] == CLAIM
    assert "mesaform check" in err  # the table went to standard error


@pytest.mark.parametrize(
    "command",
    [
        ["search", "--objective", "busyness", "--states", "2"],
        ["prove", "inner_alignment_implies_order_alignment"],
    ],
)
def test_json_dash_keeps_standard_output_for_the_json(
    capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    code, out, err = invoke(capsys, *command, "--json", "-")
    assert code == 0, err
    json.loads(out)  # nothing but the JSON
    assert err.strip()  # the text went to standard error


def test_a_symbolic_link_is_followed_not_replaced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "target.json"
    target.write_text("old\n")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    code, _, _ = invoke(capsys, "check", "--claim", CLAIM, "--method", "z3", "--json", str(link))
    assert code == 0
    assert link.is_symlink()
    assert json.loads(target.read_text())["results"][0]["name"] == CLAIM


def test_a_fifo_and_a_device_are_written_into_not_replaced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code, _, _ = invoke(capsys, "check", "--claim", CLAIM, "--method", "z3", "--json", str(fifo))
    reader.join(timeout=30)
    assert code == 0
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert json.loads(received[0])["results"][0]["name"] == CLAIM
    code, _, _ = invoke(capsys, "check", "--claim", CLAIM, "--json", "/dev/null")
    assert code == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_report_over_an_input_claim_file_is_refused(
    capsys: pytest.CaptureFixture[str], workdir: Path
) -> None:
    module = user_module(workdir, ONES)
    claims = workdir / "claims.toml"
    text = claim_text("c", f"{module}:ones", f"{module}:ones_or_none")
    claims.write_text(text)
    code, _, err = invoke(capsys, "check", str(claims), "--json", str(claims))
    one_line_error(code, err)
    assert "input file" in err
    assert claims.read_text() == text


def test_files_get_the_users_umask_and_keep_an_existing_mode(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    previous = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.json"
        existing = tmp_path / "existing.json"
        existing.write_text("{}\n")
        existing.chmod(0o640)
        for path in (fresh, existing):
            code, _, _ = invoke(capsys, "check", "--claim", CLAIM, "--json", str(path))
            assert code == 0
        smt2 = tmp_path / "queries"
        code, _, _ = invoke(
            capsys, "check", "--claim", CLAIM, "--method", "z3", "--smt2", str(smt2)
        )
        assert code == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640
    queries = list(smt2.iterdir())
    assert queries and all(stat.S_IMODE(q.stat().st_mode) == 0o644 for q in queries)


@pytest.mark.parametrize("path", ["/proc/x.json", "", "/", "/nonexistent-folder/r.json"])
@pytest.mark.parametrize("command", [["check", "--claim", CLAIM], ["prove"], ["search"]])
def test_an_output_path_is_checked_before_any_work(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
    path: str,
) -> None:
    import mesaform.cli.check as check_module
    import mesaform.cli.prove as prove_module
    import mesaform.cli.search as search_module

    def no_work(*args: object, **kwargs: object) -> object:
        raise AssertionError("work started before the output path was checked")

    monkeypatch.setattr(check_module, "check_claim", no_work)
    monkeypatch.setattr(prove_module, "prove", no_work)
    monkeypatch.setattr(search_module, "run_search", no_work)
    extra = ["--objective", "busyness", "--states", "2"] if command == ["search"] else []
    code, _, err = invoke(capsys, *command, *extra, "--json", path)
    one_line_error(code, err)
    assert "--json" in err


def test_claim_names_map_to_distinct_short_file_names() -> None:
    from mesaform.proofs.symbolic.smt2 import safe_file_name

    names = ["a/b", "a_b", "a:b", "x" * 1000, "x" * 1001, "..", ".hidden", "ok-name.1"]
    mapped = [safe_file_name(name) for name in names]
    assert len(set(mapped)) == len(names)
    assert all(len(m) <= 100 and "/" not in m and not m.startswith(".") for m in mapped)
    assert safe_file_name("ok-name.1") == "ok-name.1" and safe_file_name("a_b") == "a_b"


def test_a_claim_file_given_twice_or_a_name_in_two_files_is_bad_input(
    capsys: pytest.CaptureFixture[str], workdir: Path
) -> None:
    module = user_module(workdir, ONES)
    first, second = workdir / "one.toml", workdir / "two.toml"
    first.write_text(claim_text("same", f"{module}:ones", f"{module}:ones_or_none"))
    second.write_text(claim_text("same", f"{module}:ones", f"{module}:ones_or_none"))
    code, _, err = invoke(capsys, "check", str(first), str(first))
    one_line_error(code, err)
    assert "given twice" in err
    code, _, err = invoke(capsys, "check", str(first), str(second))
    one_line_error(code, err)
    assert "'same'" in err and "both" in err
