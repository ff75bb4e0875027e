"""Nothing lost, second round: signals inside compiled and solver code, full disks,
hostile names and numbers (docs/reliability.md).

Every test here is a case the reliability page lists, with the outcome it promises:
an exit code of mesaform/exits.py, one line on standard error, the finished work kept.
No test waits a fixed time: a child process is signalled once it has said (on a
terminal, a line it prints) that it reached the place the signal must land.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest

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
