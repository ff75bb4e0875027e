"""Nothing lost, second round: huge and nested inputs, user functions that are no
functions, a cluster that goes away, Ctrl-C inside Z3 (docs/reliability.md).

The cases of the reliability page that concern what a check is given; the signals, full
disks, conflicting outputs and names printed literally are tests/test_nothing_lost.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.cli_helpers import invoke
from tests.reliability_helpers import CLAIM, ONES, claim_text, user_module

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


# -- huge and nested inputs: bounded parsing, exit 2 -------------------------------------------


def every_t_claim(fuel: int, name: str = "every") -> str:
    from mesaform.spec.catalogue import CODE_ONES_EVALUATOR
    from tests.claims_for_tests import mesa_code
    from tests.test_small_model import CLAIM

    text = CLAIM.format(base="code_ones", mesa=mesa_code(CODE_ONES_EVALUATOR, fuel))
    return text.replace('name = "every"', f'name = "{name}"')


def test_a_claim_for_every_t_resumes_from_its_checkpoint(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    claims = tmp_path / "claims.toml"
    claims.write_text(every_t_claim(10))
    saved = tmp_path / "c.ckpt"
    arguments = ["check", str(claims), "--method", "enumerate", "--checkpoint", str(saved)]
    first = invoke(capsys, *arguments, "--json", str(tmp_path / "1.json"))
    assert first[0] == 0, first[2]
    again = invoke(capsys, *arguments, "--json", str(tmp_path / "2.json"))
    assert again[0] == 0, again[2]
    one, two = (json.loads((tmp_path / f"{n}.json").read_text()) for n in (1, 2))
    assert one["results"][0]["checked"] == two["results"][0]["checked"] == 2**7 - 1
    assert one["results"][0]["verdict"] == two["results"][0]["verdict"] == "proved"
    bound = json.loads(saved.read_text())["claims"][0]["bound"]
    assert bound["max_length"] == 6  # the deciding length of the small-model theorem


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('epsilon = "1e999999999"', "exponent beyond"),
        ('epsilon = "1e-999999999"', "exponent beyond"),
        ('epsilon = "1E+00000000000000000000999999"', "exponent beyond"),
        (f'epsilon = "{"7" * 200_000}"', "longer than"),
    ],
)
def test_an_epsilon_too_large_to_parse_is_refused_at_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, words: str
) -> None:
    claims = tmp_path / "claims.toml"
    claims.write_text(
        'name = "e"\npredicate = "approximate-alignment"\nbase = "code_ones"\n'
        f'mesa = "1110"\nmax_length = 2\nfuel = 5\n{text}\n'
    )
    code, _, err = invoke(capsys, "check", str(claims))
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert words in err and len(err) < 400


def test_a_length_beyond_what_a_check_covers_refuses_the_file_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    claims = tmp_path / "claims.toml"
    claims.write_text(every_t_claim(10, "fine") + every_t_claim(2**41, "fuel_2_41"))
    code, _, err = invoke(capsys, "check", str(claims))
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert "'fuel_2_41'" in err and "beyond the 4,000,000" in err
    claims.write_text(
        'name = "long"\npredicate = "inner-alignment"\nbase = "code_ones"\n'
        'mesa = "1110"\nmax_length = 4611686018427387904\nfuel = 5\n'
    )
    code, _, err = invoke(capsys, "check", str(claims))
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert "beyond the 4,000,000" in err


def forged_checkpoint(path: Path, body: dict[str, Any]) -> None:
    """Write ``body`` as a checkpoint whose SHA-256 matches."""
    from mesaform.proofs.checking.checkpoint import _digest

    path.write_text(json.dumps({**body, "sha256": _digest(body)}))


def damage(body: dict[str, Any], how: str) -> str:
    """Return the checkpoint text of ``body`` damaged as ``how`` says."""
    claim = body["claims"][0]
    if how == "huge exponent":
        claim["spans"] = [[0, 1, 1, [], [[0, "1e999999999", "1"]]]]
    elif how == "infinity":
        claim["spans"] = [[0, 1, 1, [], [[0, "Infinity_marker", "1"]]]]
    elif how == "answers list":
        claim["answers"] = []
    elif how == "claim not an object":
        body["claims"] = [7]
    from mesaform.proofs.checking.checkpoint import _digest

    text = json.dumps({**body, "sha256": _digest(body)})
    return text.replace('"Infinity_marker"', "Infinity")


@pytest.mark.parametrize(
    "how", ["huge exponent", "infinity", "answers list", "claim not an object", "deep nesting"]
)
def test_a_forged_checkpoint_with_a_correct_checksum_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, how: str
) -> None:
    saved = tmp_path / "c.ckpt"
    arguments = ["check", "--claim", CLAIM, "--method", "enumerate", "--checkpoint", str(saved)]
    code, _, err = invoke(capsys, *arguments)
    assert code == 0, err
    body = {k: v for k, v in json.loads(saved.read_text()).items() if k != "sha256"}
    if how == "deep nesting":
        saved.write_text("[" * 200_000 + "]" * 200_000)
    else:
        saved.write_text(damage(body, how))
    code, _, err = invoke(capsys, *arguments)
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert "damaged" in err or "not a mesaform checkpoint" in err, err


def test_claim_files_nested_100000_deep_are_bad_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    claims = tmp_path / "claims.toml"
    claims.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    code, _, err = invoke(capsys, "check", str(claims))
    assert code == 2 and len(err.strip().splitlines()) == 1, err


@pytest.mark.parametrize("address", ["local:²", "local:٣", "local:", "local:-1", "local:1.5"])
def test_a_cluster_address_that_is_no_count_is_bad_input(
    capsys: pytest.CaptureFixture[str], address: str
) -> None:
    pytest.importorskip("distributed")
    code, _, err = invoke(capsys, "check", "--claim", CLAIM, "--cluster", address)
    assert code == 2 and len(err.strip().splitlines()) == 1, err


def test_a_long_number_is_shortened_in_an_error_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = invoke(capsys, "run", "0", "--fuel", "-" + "4" * 4400)
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert "(4400 digits)" in err and len(err) < 400


def test_huge_counts_are_written_in_a_form_json_readers_accept() -> None:
    from mesaform.spec.words import LONG_COUNT_BITS, count_json, count_text, plural

    assert count_json(2**LONG_COUNT_BITS - 1) == 2**LONG_COUNT_BITS - 1
    assert count_json(2**2_000_002 - 1) == "2^2000002 - 1"
    assert count_json(2**20_000) == "2^20000" and count_text(2**20_000 + 1) == "2^20000 + 1"
    odd = 3 * 2**20_000
    assert count_json(odd) == hex(odd) and int(str(count_json(odd)), 16) == odd
    assert plural(2**2_000_002 - 1, "string") == "2^2000002 - 1 strings"
    text = json.dumps({"checked": count_json(2**2_000_002 - 1)})
    assert json.loads(text)["checked"] == "2^2000002 - 1"  # default limits


# -- user functions that are no functions -----------------------------------------------------


def checked_apart(workdir: Path, *arguments: str) -> tuple[int, str]:
    """Run ``mesaform check`` in a process of its own; return its exit code and stderr.

    Hypothesis' search on a user function that is no function (it answers otherwise, or
    raises a ``BaseException``) depends on the state of the process it runs in (measured:
    under a second alone, minutes after the rest of the suite in one worker).
    """
    done = subprocess.run(
        [sys.executable, "-m", "mesaform", "check", *arguments],
        cwd=workdir,
        env={**ENV, "PYTHONPATH": os.pathsep.join((str(ROOT), str(workdir)))},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return done.returncode, done.stderr


def test_a_non_deterministic_user_function_under_hypothesis_is_bad_input_named(
    capsys: pytest.CaptureFixture[str], workdir: Path
) -> None:
    module = user_module(
        workdir,
        ONES + "\ncalls = [0]\n\ndef flaky(t):\n    calls[0] += 1\n"
        "    return t.count('1') + calls[0] % 2\n",
    )
    claims = workdir / "claims.toml"
    claims.write_text(claim_text("flaky", f"{module}:flaky", f"{module}:ones_or_none", 12))
    arguments = ("--method", "hypothesis", "--seed", "1", "--examples", "30")
    code, err = checked_apart(workdir, str(claims), *arguments)
    assert code == 2, err
    assert "Traceback" not in err and "internal error" not in err
    assert f"{module}:flaky" in err.strip().splitlines()[-1]


def test_a_base_exception_from_a_user_function_is_bad_input(
    capsys: pytest.CaptureFixture[str], workdir: Path
) -> None:
    module = user_module(
        workdir,
        ONES + "\nclass Odd(BaseException):\n    pass\n\ndef odd(t):\n    raise Odd('no')\n",
    )
    claims = workdir / "claims.toml"
    claims.write_text(claim_text("odd", f"{module}:odd", f"{module}:ones_or_none"))
    for method in ("enumerate", "hypothesis"):
        code, err = checked_apart(workdir, str(claims), "--method", method)
        assert code == 2, err
        assert "Traceback" not in err
        assert "Odd: no" in err.strip().splitlines()[-1]


# -- a cluster that goes away -------------------------------------------------------------------


class CancelledFuture:
    """A Dask future whose scheduler was killed: its result raises."""

    def result(self) -> object:
        from concurrent.futures import CancelledError

        raise CancelledError("lost")


class DeadClient:
    def submit(self, *arguments: object, **options: object) -> CancelledFuture:
        return CancelledFuture()

    def cancel(self, futures: object) -> None:
        pass


def test_a_cluster_lost_during_solver_lengths_is_one_error() -> None:
    from mesaform.cli.check import bundled_claims, task_result
    from mesaform.proofs.checking.cluster import ClusterLost, DaskExecutor

    claim = next(c for c in bundled_claims() if c.name == CLAIM)
    executor = DaskExecutor(DeadClient())
    with pytest.raises(ClusterLost, match="went away"):
        executor.decide_lengths(claim, "z3", {}, 10.0, None)
    with pytest.raises(ClusterLost, match="went away"):
        task_result(CancelledFuture())


def test_a_cluster_lost_during_a_check_keeps_the_report_and_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mesaform.cli.check as check_module
    from mesaform.proofs.checking.cluster import lost

    real = check_module.check_claim  # type: ignore[attr-defined]
    done: list[str] = []

    def second_lost(claim: Any, method: Any, options: Any) -> Any:
        if done:
            raise lost(OSError("connection closed"))
        done.append(claim.name)
        return real(claim, method, options)

    monkeypatch.setattr(check_module, "check_claim", second_lost)
    report = tmp_path / "r.json"
    code, _, err = invoke(capsys, "check", "--method", "z3", "--json", str(report))
    assert code == 2, err
    assert "Traceback" not in err and "AttributeError" not in err
    assert err.strip().splitlines()[-1].startswith("mesaform: error: the Dask cluster went away")
    written = json.loads(report.read_text())
    assert [claim["name"] for claim in written["results"]] == done


@pytest.mark.parametrize("command", ["check", "prove"])
def test_ctrl_c_while_z3_arguments_are_converted_is_an_interrupt(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:
    """ctypes reports an exception raised while it converts a foreign call's arguments
    as ``ArgumentError("argument 2: KeyboardInterrupt: ")``: still an interrupt (130)."""
    import ctypes

    import mesaform.cli.check as check_module
    import mesaform.cli.prove as prove_module

    def converted(*arguments: object, **options: object) -> object:
        raise ctypes.ArgumentError("argument 2: KeyboardInterrupt: ")

    if command == "check":
        monkeypatch.setattr(check_module, "check_claim", converted)
        arguments = [
            "check",
            "--claim",
            CLAIM,
            "--method",
            "z3",
            "--checkpoint",
            str(tmp_path / "c"),
        ]
    else:
        monkeypatch.setattr(prove_module, "prove", converted)
        arguments = ["prove"]
    report = tmp_path / "r.json"
    code, _, err = invoke(capsys, *arguments, "--json", str(report))
    assert code == 130, err
    assert "internal error" not in err
    assert json.loads(report.read_text())["interrupted"] is True
