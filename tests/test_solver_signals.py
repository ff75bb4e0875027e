"""Signals during a solver's check: Ctrl-C and SIGTERM stop it, a time limit is not lost.

Bitwuzla runs Python's signal handlers inside its terminator callback and discards what
they raise; Z3 catches Ctrl-C itself and answers unknown. Either way the interrupt must
end the run (exit 130, 143 on SIGTERM, report marked interrupted), not become a verdict,
and ``mesaform.proofs.checking.outcome.time_limit`` must still stop a check (docs/reliability.md).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import z3

ROOT = Path(__file__).resolve().parent.parent

N = 4294967291 * 4294967279
"""Two 32-bit primes' product: factoring it by bit-blasting takes far longer than a test."""

FACTORING = f"""(set-logic QF_BV)
(declare-const x (_ BitVec 64))
(declare-const y (_ BitVec 64))
(assert (= (bvmul ((_ zero_extend 64) x) ((_ zero_extend 64) y)) (_ bv{N} 128)))
(assert (bvugt x (_ bv1 64)))
(assert (bvugt y (_ bv1 64)))
"""

MESA = (
    "11101110101010101101110111111100011110011001100100010110"
    "00111000101101000010001110111010001101101100110001110"
)
SLOW_CLAIM = f"""name = "slow"
predicate = "approximate-alignment"
base = "code_ones"
mesa = "{MESA}"
epsilon = 40
max_length = 48
fuel = 97
"""
"""A claim whose solver check takes many seconds (its query is built in about one)."""


class Marker(Exception):
    """Raised by a test's own signal handler."""


@contextmanager
def signal_after(seconds: float, signum: int, handler: object) -> Iterator[None]:
    """Install ``handler`` for ``signum`` and send this process the signal after ``seconds``."""
    previous = signal.signal(signum, handler)  # type: ignore[arg-type]
    timer = threading.Timer(seconds, os.kill, (os.getpid(), signum))
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        timer.join()
        signal.signal(signum, previous)


def raise_marker(signum: int, frame: object) -> None:
    raise Marker(signum)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_during_a_bitwuzla_check_is_raised_when_it_stops(signum: int) -> None:
    from mesaform.proofs.symbolic.bitwuzla_solver import BitwuzlaQuery

    query = BitwuzlaQuery(FACTORING)
    started = time.monotonic()
    with signal_after(0.3, signum, raise_marker):
        with pytest.raises(Marker):
            query.check(60)
        assert signal.getsignal(signum) is raise_marker  # restored after the check
    assert time.monotonic() - started < 10  # stopped at the signal, not at the 60 s limit
    assert query.check(0.2).answer == "unknown"  # the query still answers


def test_a_time_limit_stops_a_bitwuzla_check() -> None:
    from mesaform.proofs.checking.outcome import MethodTimedOut, time_limit
    from mesaform.proofs.symbolic.bitwuzla_solver import BitwuzlaQuery

    query = BitwuzlaQuery(FACTORING)
    started = time.monotonic()
    with pytest.raises(MethodTimedOut), time_limit(0.3):
        query.check(60)
    assert time.monotonic() - started < 10
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # withdrawn, no repeat left


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_the_time_limit_repeats_until_its_block_ends_and_not_after() -> None:
    from mesaform.proofs.checking.outcome import MethodTimedOut, time_limit

    class Swallows:
        def __del__(self) -> None:  # Python discards what a __del__ raises
            deadline = time.monotonic() + 0.6
            while time.monotonic() < deadline:
                pass

    started = time.monotonic()
    with pytest.raises(MethodTimedOut), time_limit(0.1):
        Swallows()  # the first alarm lands in __del__ and is lost
        while time.monotonic() - started < 30:
            pass
    assert time.monotonic() - started < 5
    end = time.monotonic() + 0.6
    while time.monotonic() < end:  # no repeat fires after the block
        pass


def test_a_repeated_time_limit_does_not_replace_an_interrupt() -> None:
    from mesaform.proofs.checking.outcome import time_limit

    with pytest.raises(KeyboardInterrupt), time_limit(0.05):
        try:
            raise KeyboardInterrupt
        finally:
            end = time.monotonic() + 0.5  # alarms arrive while the interrupt unwinds
            while time.monotonic() < end:
                pass


def test_ctrl_c_during_a_z3_check_is_an_interrupt_not_unknown() -> None:
    from mesaform.proofs.methods.solver_claims import _z3_unknown

    solver = z3.SolverFor("QF_BV")
    x, y = z3.BitVecs("x y", 128)
    solver.add(x * y == N, z3.UGT(x, 1), z3.UGT(y, 1), z3.ULT(x, 1 << 64), z3.ULT(y, 1 << 64))
    solver.set("timeout", 60_000)
    arrived: list[int] = []  # Z3 catches Ctrl-C during its check: this is not called then
    with signal_after(0.3, signal.SIGINT, lambda signum, frame: arrived.append(signum)):
        result = solver.check()
    assert result == z3.unknown and arrived == []
    with pytest.raises(KeyboardInterrupt):
        _z3_unknown(solver)
    solver.set("timeout", 100)
    assert solver.check() == z3.unknown
    assert _z3_unknown(solver).reason == "z3 answered unknown (timeout)"  # still unknown


READY = "mesaform-test: the solver's check starts"

CHILD = f"""
import sys

import z3

from mesaform.proofs.symbolic import bitwuzla_solver


def announced(check):
    def call(*arguments, **options):
        sys.stderr.write({READY!r} + "\\n")
        sys.stderr.flush()
        return check(*arguments, **options)

    return call


bitwuzla_solver.BitwuzlaQuery.check = announced(bitwuzla_solver.BitwuzlaQuery.check)
z3.Solver.check = announced(z3.Solver.check)
from mesaform.entry import main

main(sys.argv[1:])
"""
"""``mesaform`` with a line on standard error as each solver check starts: the readiness
signal the tests wait for before they send a signal (no sleep, whatever the load)."""


@pytest.mark.parametrize(
    ("method", "signum", "code", "word"),
    [
        ("bitwuzla", signal.SIGINT, 130, "interrupted"),
        ("bitwuzla", signal.SIGTERM, 143, "terminated"),
        ("z3", signal.SIGINT, 130, "interrupted"),
        ("z3", signal.SIGTERM, 143, "terminated"),
    ],
)
def test_a_signal_during_a_solver_run_exits_with_the_report_marked_interrupted(
    tmp_path: Path, method: str, signum: int, code: int, word: str
) -> None:
    claims = tmp_path / "slow.toml"
    claims.write_text(SLOW_CLAIM)
    report = tmp_path / "report.json"
    command = [sys.executable, "-c", CHILD, "check", str(claims), "--method", method]
    process = subprocess.Popen(
        [*command, "--timeout", "100", "--json", str(report)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stderr is not None
    seen = []
    for line in process.stderr:  # wait for the readiness line: the solver's check has begun
        seen.append(line)
        if line.strip() == READY:
            break
    else:
        pytest.fail(f"the child ended before its solver started: {''.join(seen)}")
    process.send_signal(signum)
    sent = time.monotonic()
    _, err = process.communicate(timeout=60)
    assert time.monotonic() - sent < 10, err
    assert process.returncode == code, err
    assert "Traceback" not in err and "Exception ignored" not in err, err
    written = json.loads(report.read_text())
    assert written["interrupted"] is True and written["results"] == []
    assert written["stopped"] == f"{word} while checking 'slow'"


@pytest.mark.parametrize(
    ("signum", "raised"),
    [
        (signal.SIGTERM, "Terminated"),
        (signal.SIGINT, "KeyboardInterrupt"),
        (signal.SIGHUP, "Terminated"),
    ],
)
def test_a_signal_handled_inside_a_finalizer_is_raised_once_it_returns(
    signum: int, raised: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Python discards what a ``__del__`` raises (Z3's ``AstRef.__del__``): the handler
    sends the signal again, and it is raised after the finalizer."""
    from mesaform.exits import signals_handled

    finalized: list[bool] = []

    class Frees:
        def __del__(self) -> None:
            signal.raise_signal(signum)  # its handler runs here, inside __del__
            finalized.append(True)

    with signals_handled(), pytest.raises(KeyboardInterrupt) as info:
        Frees()  # freed at once
        deadline = time.monotonic() + 60  # a bound on a hang, not a wait: it ends by the signal
        while time.monotonic() < deadline:
            pass
    assert finalized == [True] and type(info.value).__name__ == raised
    assert "Exception ignored" not in capsys.readouterr().err


def test_a_stop_of_z3_does_not_outlive_its_block() -> None:
    """Z3's interrupt is sticky (every later ``simplify`` of its context stops early until a
    check runs): the block that stopped it clears it as it ends, so a process that goes on
    after the signal (an API caller, the next test) computes as before."""
    import os
    import signal as signals_module

    import z3

    import mesaform.proofs.symbolic.smt2  # noqa: F401  (registers Z3's stopper and reset)
    from mesaform.model import signals

    x = z3.BitVec("x", 8)
    term = z3.substitute(x + 1 == 3, (x, z3.BitVecVal(2, 8)))
    arrived: list[int] = []

    @signals.stopping_handler
    def handler(signum: int, frame: object) -> None:
        arrived.append(signum)  # handled() only later: the watcher stops Z3 meanwhile

    previous = signals_module.signal(signals_module.SIGUSR1, handler)
    try:
        with signals.signals_stop_solvers():
            os.kill(os.getpid(), signals_module.SIGUSR1)
            # Readiness: wait until the watcher has stopped Z3 (its simplify stops early).
            for _ in range(10**7):
                if not z3.is_true(z3.simplify(term)):
                    break
            else:
                raise AssertionError("the watcher never stopped Z3")
            signals.handled()
    finally:
        signals_module.signal(signals_module.SIGUSR1, previous)
    assert arrived == [signals_module.SIGUSR1]
    assert z3.is_true(z3.simplify(term))
