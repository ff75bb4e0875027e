"""The checking methods' limits: Hypothesis's draws, time limits, solver budgets.

The contract is docs/reliability.md: a time limit holds in and outside the main thread,
a solver keeps to its budget, and exporting a query never runs a solver.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from mesaform.spec.machines import TM
from tests.cli_helpers import invoke
from tests.reliability_helpers import ONES, ROOT, claim_text, one_line_error, user_module

if TYPE_CHECKING:
    from mesaform.proofs.checking.check import CheckMethod

# -- methods: Hypothesis, time limits, solvers ------------------------------------------------

NARROW = (
    '[[claim]]\nname = "narrow"\npredicate = "inner-alignment"\nbase = "code_ones"\n'
    'mesa = "1110111010101011011101110100011001100101010011001110111010001101101100110001110"\n'
    "max_length = 10\nfuel = 33\ntables_only = true\nstates = 8\n"
)


def test_hypothesis_on_a_narrow_bound_draws_its_strings_and_counts_distinct_ones(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    claims = tmp_path / "narrow.toml"
    claims.write_text(NARROW)
    code, out, _ = invoke(capsys, "check", str(claims), "--method", "hypothesis", "--json", "-")
    record = json.loads(out)["results"][0]
    assert code == 1 and record["verdict"] == "not refuted"  # the claim expects a proof
    assert record["examples"] == 2  # the bound holds two strings, whatever was sampled


def test_a_hypothesis_refutation_carries_the_seed_that_reproduces_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    claim = ["check", "--claim", "code_ones_length_proxy", "--method", "hypothesis"]
    code, out, _ = invoke(capsys, *claim, "--json", "-")
    record = json.loads(out)["results"][0]
    assert record["verdict"] == "refuted" and isinstance(record["seed"], int)
    assert code == 0
    code, again, _ = invoke(capsys, *claim, "--seed", str(record["seed"]), "--json", "-")
    assert code == 0
    assert json.loads(again)["results"][0]["counterexample"] == record["counterexample"]


def test_auto_with_all_is_refused_where_auto_would_not_enumerate(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = invoke(capsys, "check", "--claim", "code_ones_exact_evaluator_n48", "--all")
    one_line_error(code, err)
    assert "--all" in err and "bitwuzla" in err


@pytest.mark.parametrize("method", ["enumerate", "hypothesis"])
def test_a_user_function_that_never_returns_is_bounded_by_timeout(
    capsys: pytest.CaptureFixture[str], workdir: Path, method: str
) -> None:
    module = user_module(
        workdir, ONES + "\nimport time\n\ndef forever(t):\n    time.sleep(10**6)\n"
    )
    claims = workdir / "claims.toml"
    claims.write_text(claim_text("sleepy", f"{module}:forever", f"{module}:ones"))
    code, out, _ = invoke(
        capsys, "check", str(claims), "--method", method, "--timeout", "1", "--json", "-"
    )
    record = json.loads(out)["results"][0]
    assert code == 1
    assert record["verdict"] == "unknown" and "time limit of 1 s" in record["reason"]


def _forever_in_python(t: TM) -> int:
    while True:  # never returns, never blocks: only a raised exception stops it
        pass


def _slow(t: TM) -> int:
    time.sleep(0.4)  # blocking: stopped when the call returns
    return len(t)


def _check_in_a_thread(base: object, method: CheckMethod, timeout: float) -> tuple[object, float]:
    """Check a claim whose ``U`` is ``base`` from a thread that is not the main one."""
    from mesaform.proofs.checking.check import CheckOptions, check_claim
    from mesaform.spec.claims import Claim
    from mesaform.spec.objectives import Objective, PartialObjective
    from mesaform.spec.verdicts import Bound

    assert callable(base)
    objective = Objective("user", base)
    claim = Claim(
        "threaded",
        "inner-alignment",
        objective,
        PartialObjective.total(Objective("ones", lambda t: t.count("1"))),
        Bound(8, 1),
    )
    options = CheckOptions(timeout_seconds=timeout, limit_every_method=True, examples=50)
    answers: list[object] = []
    started = time.perf_counter()
    worker = threading.Thread(
        target=lambda: answers.append(check_claim(claim, method, options).verdict), daemon=True
    )
    worker.start()
    worker.join(120)
    assert not worker.is_alive(), "the time limit did not hold outside the main thread"
    return answers[0], time.perf_counter() - started


@pytest.mark.parametrize("method", ["enumerate", "hypothesis"])
def test_the_time_limit_holds_outside_the_main_thread(method: CheckMethod) -> None:
    from mesaform.spec.verdicts import Unknown

    verdict, _ = _check_in_a_thread(_forever_in_python, method, 0.5)
    assert isinstance(verdict, Unknown) and "time limit of 0.5 s" in verdict.reason


def test_outside_the_main_thread_a_blocking_call_is_stopped_when_it_returns() -> None:
    from mesaform.spec.verdicts import Unknown

    verdict, _ = _check_in_a_thread(_slow, "enumerate", 0.5)  # 511 strings: 200 s unbounded
    assert isinstance(verdict, Unknown) and "time limit" in verdict.reason


def test_a_thread_time_limit_never_fires_after_its_block() -> None:
    from mesaform.proofs.checking.outcome import MethodTimedOut, time_limit

    outcomes: list[str] = []

    def work() -> None:
        for _ in range(50):  # many limits whose blocks end at once (a very loaded
            try:  # machine may still let one pass before its block ends)
                with time_limit(0.2) as armed:
                    assert armed
            except MethodTimedOut:
                pass
        try:
            with time_limit(0.2):
                deadline = time.monotonic() + 30
                while time.monotonic() < deadline:
                    pass
            outcomes.append("not stopped")
        except MethodTimedOut:
            outcomes.append("stopped")
        end = time.monotonic() + 0.5
        while time.monotonic() < end:  # nothing left pending to fire here
            pass
        outcomes.append("clean")

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(60)
    assert outcomes == ["stopped", "clean"]


def test_a_running_alarm_does_not_disable_the_time_limit() -> None:
    from mesaform.proofs.checking.outcome import MethodTimedOut, time_limit

    previous = signal.signal(signal.SIGALRM, lambda signum, frame: None)
    signal.setitimer(signal.ITIMER_REAL, 100)  # someone else's alarm
    try:
        with pytest.raises(MethodTimedOut), time_limit(0.2) as armed:
            assert armed
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                pass
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 90  # left alone
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_exporting_a_query_does_not_go_through_a_solver(tmp_path: Path) -> None:
    # Z3's default solver, once a real constant exists, spent minutes simplifying this
    # query as it was added (in C, deaf to Ctrl-C); the export now prints the terms.
    script = tmp_path / "export.py"
    script.write_text(
        "import z3\n"
        "z3.Real('epsilon')\n"
        "from mesaform.proofs.symbolic.smt2 import smt2_text\n"
        "from mesaform.proofs.methods.solver_claims import claim_queries\n"
        "from mesaform.spec.claims import Claim, LibraryObjective, MesaProgram\n"
        "from mesaform.spec.verdicts import Bound\n"
        f"code = {DOUBLING_MESA!r}\n"
        "claim = Claim('double', 'inner-alignment', LibraryObjective('code_ones'),\n"
        "              MesaProgram(code), Bound(2, 1))\n"
        "for query in claim_queries(claim):\n"
        "    text = smt2_text(query.assertions, 'QF_BV')\n"
        "    assert text.startswith('(set-logic QF_BV)') and '(check-sat)' in text\n"
        "print('exported')\n"
    )
    done = subprocess.run(
        [sys.executable, str(script)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "exported"


DOUBLING_MESA = "1011111010111010011101111111000111100110011001000101100011100010110100001000"
"""Mesa(0, 100, e, ()) with e the doubling machine 0RZ1RB_0LC1RA_1RZ0RD_0RA0RA."""


def test_cvc5_keeps_to_its_budget(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # cvc5 overran a 5 s budget by up to 10 s on this query (eager bit-blasting does not
    # look at its clock); it now runs in a child process stopped after the budget.
    claims = tmp_path / "double.toml"
    claims.write_text(
        '[[claim]]\nname = "double"\npredicate = "inner-alignment"\nbase = "code_ones"\n'
        f'mesa = "{DOUBLING_MESA}"\nmax_length = 2\nfuel = 1\n'
    )
    code, out, err = invoke(
        capsys, "check", str(claims), "--method", "cvc5", "--timeout", "3", "--json", "-"
    )
    record = json.loads(out)["results"][0]
    assert code in (0, 1) and record["verdict"] in ("unknown", "refuted"), err
    assert record["seconds"] < 3 + 3  # the budget, the grace, and room for a loaded machine
