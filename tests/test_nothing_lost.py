"""Nothing lost, second round: signals inside compiled and solver code, full disks,
hostile names and numbers (docs/reliability.md).

Every test here is a case the reliability page lists, with the outcome it promises:
an exit code of mesaform/exits.py, one line on standard error, the finished work kept.
No test waits a fixed time: a child process is signalled once it has said (on a
terminal, a line it prints) that it reached the place the signal must land.
"""

from __future__ import annotations

import errno
import json
import os
import pty
import re
import resource
import select
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from mesaform import exits
from mesaform.exits import Terminated
from mesaform.model.files import OutputError, write_json_atomically
from tests.cli_helpers import invoke
from tests.reliability_helpers import CLAIM, ONES, claim_text, user_module

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def start_on_a_terminal(argv: list[str], cwd: Path) -> tuple[subprocess.Popen[bytes], int]:
    """Start ``mesaform ARGV`` with standard error on a pseudo-terminal (progress shows);
    return the process and the terminal's reading end."""
    reader, writer = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "mesaform", *argv],
        cwd=cwd,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=writer,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    os.close(writer)
    return process, reader


def wait_for(reader: int, text: bytes, limit: float = 120.0) -> bytes:
    """Read the terminal until ``text`` appears (the readiness signal); return what was read.

    ``limit`` only ends a test that would otherwise hang; it is not a timing assumption.
    """
    seen = b""
    while text not in seen:
        ready, _, _ = select.select([reader], [], [], limit)
        assert ready, f"no {text!r} within {limit} s: {seen!r}"
        try:
            chunk = os.read(reader, 4096)
        except OSError:  # the child closed the terminal
            chunk = b""
        assert chunk, f"the child ended before {text!r}: {seen!r}"
        seen += chunk
    return seen


def drain(reader: int) -> bytes:
    """Read what is left on the terminal until the child closes it."""
    seen = b""
    while True:
        try:
            chunk = os.read(reader, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(reader)
    return seen


# -- signals inside a compiled kernel --------------------------------------------------------


def test_a_signal_raised_inside_a_kernel_call_is_that_signals_exception() -> None:
    """CPython reports a handler's exception left pending by a C call as a SystemError
    caused by it; a kernel call raises the handler's exception itself."""
    from mesaform.model.engine import signal_safe

    def kernel() -> int:
        raise SystemError("CPUDispatcher(k) returned a result with an exception set") from (
            KeyboardInterrupt()
        )

    with pytest.raises(KeyboardInterrupt):
        signal_safe(kernel)()

    def broken() -> int:
        raise SystemError("something else")

    with pytest.raises(SystemError):
        signal_safe(broken)()


@pytest.mark.slow
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_during_a_long_compiled_run_exits_130_or_143(
    tmp_path: Path, signum: int, code: int
) -> None:
    process, reader = start_on_a_terminal(
        ["run", "1RB1LB_1LA0RA", "--fuel", "100000000000"], tmp_path
    )
    wait_for(reader, b"(Ctrl-C stops)")  # inside the run's slices of compiled steps
    process.send_signal(signum)
    process.wait(timeout=120)
    err = drain(reader).decode(errors="replace")
    assert process.returncode == code, err
    assert "internal error" not in err and "Traceback" not in err


# -- the report writer: full disk, removed folder, file-size limit ---------------------------


def no_space(path: Path, payload: object) -> None:
    raise OutputError(path, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))


@pytest.fixture
def temporary_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the temporary folder (where a report that cannot be written is kept) here."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def kept_copy(err: str) -> dict[str, object]:
    """Return the report whose copy the last line of ``err`` names."""
    copy = re.search(r"a copy of the report is in '([^']+)'", err)
    assert copy is not None, err
    return dict(json.loads(Path(copy.group(1)).read_text()))


@pytest.mark.parametrize("command", ["check", "prove", "search"])
def test_a_report_on_a_full_disk_prints_the_verdicts_keeps_a_copy_and_exits_2(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    temporary_folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:
    import mesaform.cli.reports as reports

    monkeypatch.setattr(reports, "write_json_atomically", no_space)
    arguments = {
        "check": ["check", "--claim", CLAIM, "--method", "z3"],
        "prove": ["prove", "inner_alignment_implies_order_alignment"],
        "search": ["search", "--objective", "busyness", "--states", "1"],
    }[command]
    report = tmp_path / "r.json"
    code, out, err = invoke(capsys, *arguments, "--json", str(report))
    assert code == 2, err
    assert out.strip()  # the verdicts (or the search's result) are printed
    lines = err.strip().splitlines()
    assert lines[-1].startswith(f"mesaform: error: cannot write {str(report)!r}: "), err
    assert "No space left on device" in lines[-1] and "Traceback" not in err
    copy = kept_copy(lines[-1])
    assert copy.get("command", "search") == command
    assert not report.exists()


def test_a_report_whose_folder_was_removed_during_the_check_is_kept(
    capsys: pytest.CaptureFixture[str], workdir: Path, temporary_folder: Path
) -> None:
    out_folder = workdir / "out"
    out_folder.mkdir()
    module = user_module(
        workdir,
        ONES + f"\nimport shutil\n\ndef remove(t):\n    shutil.rmtree({str(out_folder)!r}, "
        "ignore_errors=True)\n    return t.count('1')\n",
    )
    claims = workdir / "claims.toml"
    claims.write_text(claim_text("c", f"{module}:remove", f"{module}:ones_or_none"))
    report = out_folder / "r.json"
    code, out, err = invoke(capsys, "check", str(claims), "--json", str(report))
    assert code == 2, err
    assert "c: proved" in out
    assert err.strip().splitlines()[-1].startswith("mesaform: error: cannot write")
    copy = kept_copy(err)
    results = copy["results"]
    assert isinstance(results, list) and [claim["name"] for claim in results] == ["c"]


def test_a_file_size_limit_at_the_report_exits_2_with_the_verdicts(
    tmp_path: Path, temporary_folder: Path
) -> None:
    report = tmp_path / "r.json"
    process = subprocess.run(
        [
            sys.executable,
            "-m",
            "mesaform",
            "check",
            "--claim",
            CLAIM,
            "--method",
            "z3",
            "--json",
            str(report),
        ],
        cwd=tmp_path,
        env={**ENV, "TMPDIR": str(temporary_folder)},
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200)),
    )
    assert process.returncode == 2, process.stderr
    assert f"{CLAIM}: proved" in process.stdout
    last = process.stderr.strip().splitlines()[-1]
    assert last.startswith(f"mesaform: error: cannot write {str(report)!r}: "), process.stderr
    assert "Traceback" not in process.stderr


def test_an_smt2_file_on_a_full_disk_stops_the_check_keeping_the_finished_claims(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    temporary_folder: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import mesaform.proofs.symbolic.smt2 as smt2

    monkeypatch.setattr(smt2, "write_text_atomically", no_space)
    report = tmp_path / "r.json"
    code, _, err = invoke(
        capsys,
        "check",
        "--claim",
        CLAIM,
        "--method",
        "z3",
        "--smt2",
        str(tmp_path / "q"),
        "--json",
        str(report),
    )
    assert code == 2, err
    assert err.strip().splitlines()[-1].startswith("mesaform: error: cannot write"), err
    written = json.loads(report.read_text())
    assert written["interrupted"] is True and "No space left" in written["stopped"]
    code, _, err = invoke(
        capsys,
        "prove",
        "inner_alignment_implies_order_alignment",
        "--smt2",
        str(tmp_path / "p"),
        "--json",
        str(report),
    )
    assert code == 2, err
    assert json.loads(report.read_text())["interrupted"] is True


def test_a_checkpoint_on_a_full_disk_keeps_the_last_one_saved_and_exits_2(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    temporary_folder: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import mesaform.proofs.checking.checkpoint as checkpoint_module

    saved = tmp_path / "c.ckpt"
    real = write_json_atomically  # the function checkpoint_module calls, replaced below
    calls = [0]

    def first_only(path: Path, payload: object) -> None:
        calls[0] += 1
        if calls[0] > 1:
            no_space(path, payload)
        real(path, payload)

    monkeypatch.setattr(checkpoint_module, "write_json_atomically", first_only)
    monkeypatch.setattr(checkpoint_module, "SAVE_SECONDS", 0.0)
    report = tmp_path / "r.json"
    code, _out, err = invoke(
        capsys,
        "check",
        "--claim",
        CLAIM,
        "--method",
        "enumerate",
        "--checkpoint",
        str(saved),
        "--json",
        str(report),
    )
    assert code == 2, err
    assert "Traceback" not in err and "internal error" not in err
    assert err.strip().splitlines()[-1].startswith(f"mesaform: error: cannot write {str(saved)!r}")
    assert json.loads(saved.read_text())["format"] == "mesaform checkpoint"  # the first save


# -- prove keeps what it finished -------------------------------------------------------------


@pytest.mark.parametrize(
    ("interrupt", "code", "word"),
    [(KeyboardInterrupt, 130, "interrupted"), (Terminated, 143, "terminated")],
)
def test_prove_interrupted_writes_the_finished_theorems(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    interrupt: type[KeyboardInterrupt],
    code: int,
    word: str,
) -> None:
    import mesaform.cli.prove as prove_module

    real = prove_module.prove  # type: ignore[attr-defined]
    done: list[str] = []

    def third_interrupted(theorem: Any, **options: Any) -> Any:
        if len(done) == 2:
            if interrupt is Terminated:
                monkeypatch.setattr(exits, "_terminated", True)
            raise interrupt
        done.append(theorem.name)
        return real(theorem, **options)

    monkeypatch.setattr(prove_module, "prove", third_interrupted)
    report = tmp_path / "p.json"
    exit_code, out, err = invoke(capsys, "prove", "--json", str(report))
    assert exit_code == code, err
    written = json.loads(report.read_text())
    assert written["interrupted"] is True and written["all_match"] is False
    assert [record["name"] for record in written["results"]] == done
    assert written["stopped"].startswith(f"{word} while proving")
    assert all(name in out for name in done)
    assert "2 of " in err.strip().splitlines()[-1]


# -- outputs that would replace each other, a FIFO checkpoint ---------------------------------


@pytest.mark.parametrize("other", ["--json", "--plot"])
def test_an_output_that_is_the_checkpoint_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, other: str
) -> None:
    saved = tmp_path / "x.png"  # a figure's extension, so that --plot accepts the name
    code, _, err = invoke(
        capsys, "check", "--claim", CLAIM, "--checkpoint", str(saved), other, str(saved)
    )
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert "each output needs its own file" in err
    assert not saved.exists()
    link = tmp_path / "link.png"
    saved.write_text("kept\n")
    link.symlink_to(saved)
    code, _, err = invoke(
        capsys, "check", "--claim", CLAIM, "--checkpoint", str(saved), other, str(link)
    )
    assert code == 2 and "each output needs its own file" in err
    assert saved.read_text() == "kept\n"


def test_a_report_that_is_its_plot_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    same = tmp_path / "x.png"
    code, _, err = invoke(
        capsys, "check", "--claim", CLAIM, "--json", str(same), "--plot", str(same)
    )
    assert code == 2 and "each output needs its own file" in err


def test_a_fifo_as_checkpoint_is_refused_at_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _, err = invoke(capsys, "check", "--claim", CLAIM, "--checkpoint", str(fifo))
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert "not a regular file" in err


# -- a closed standard output (SIGHUP: tests/test_interrupts.py, with SIGTERM) -------------------


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        (["check", "--claim", CLAIM, "--method", "z3"], 0),
        (["check", "--claim", CLAIM, "--method", "z3", "--json", "-"], 0),
        (["run", "0", "1", "10", "110"], 0),
        (["prove", "inner_alignment_implies_order_alignment"], 0),
    ],
)
def test_a_closed_standard_output_ends_with_the_commands_own_exit_code(
    tmp_path: Path, arguments: list[str], code: int
) -> None:
    """``mesaform ... | head -1``: printing stops quietly, the exit code is the verdicts'."""
    process = subprocess.Popen(
        [sys.executable, "-m", "mesaform", *arguments],
        cwd=tmp_path,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader went away before the first line
    err = process.stderr.read().decode()
    assert process.wait(timeout=300) == code, err
    assert "Traceback" not in err and "Exception ignored" not in err and "Broken pipe" not in err


# -- names printed literally ---------------------------------------------------------------------

HOSTILE_NAMES = [
    "[/bold]",
    "a[/]b",
    "[red]x",
    "[link=https://example.org]y[/link]",
    "\x1b[31mz",
    ":smile:",
]


def test_claim_names_with_markup_or_escape_sequences_print_literally(
    capsys: pytest.CaptureFixture[str], workdir: Path
) -> None:
    module = user_module(workdir, ONES)
    claims = workdir / "claims.toml"
    claims.write_text(
        "".join(
            claim_text(json.dumps(name)[1:-1], f"{module}:ones", f"{module}:ones_or_none")
            for name in HOSTILE_NAMES
        )
    )
    report = workdir / "r.json"
    code, out, err = invoke(capsys, "check", str(claims), "--json", str(report))
    assert code == 0, err
    for name in HOSTILE_NAMES:
        shown = name.replace("\x1b", "\\x1b")
        assert f"{shown}: proved" in out, out
    assert "\x1b" not in out and "\x1b" not in err
    written = json.loads(report.read_text())
    assert [claim["name"] for claim in written["results"]] == HOSTILE_NAMES


def test_literal_escapes_control_characters_and_keeps_the_rest() -> None:
    from mesaform.cli.reports import literal

    assert literal("a\x1b[31mb\x07\r\tc\nd é [x]") == "a\\x1b[31mb\\x07\\r\\tc\nd é [x]"
