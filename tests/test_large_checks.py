"""Enumeration in ranges and checkpoints: exactly the outcome of one uninterrupted run.

Differential tests of :func:`mesaform.proofs.methods.ranges.enumerate_in_ranges` (ranges merged in
any order, resumed from a checkpoint after an interrupt at random moments) against
:func:`mesaform.proofs.methods.enumeration.enumerate_claim`; checkpoints made for another check, or
damaged, are refused in one line; real SIGINT and SIGKILL of ``mesaform check
--checkpoint`` in a subprocess, then resumed.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mesaform.claim_files import user_base, user_mesa
from mesaform.cli.check import bundled_claims
from mesaform.proofs.checking.checkpoint import Checkpoint, CheckpointError
from mesaform.proofs.methods.enumerate_method import enumeration_fits
from mesaform.proofs.methods.enumeration import enumerate_claim
from mesaform.proofs.methods.ranges import (
    InProcess,
    RangeJob,
    Span,
    blocks,
    enumerate_in_ranges,
    evaluate_span,
    string_at,
)
from mesaform.spec.claims import Claim
from mesaform.spec.verdicts import Bound
from tests.cli_helpers import invoke
from tests.test_enumeration import AUDIT_SETTINGS, small_claims

ROOT = Path(__file__).resolve().parent.parent
ALL_OBJECTIVES = ("code_ones", "productivity", "busyness", "self_replication")


def enumerated_suite() -> list[Claim]:
    """Return the bundled claims within enumeration's limit."""
    return [claim for claim in bundled_claims() if enumeration_fits(claim)]


def user_claim(n: int, predicate: str = "inner-alignment", holds: bool = True) -> Claim:
    """Return a claim with user functions on both sides (the generic path)."""
    mesa = "half_ones_on_even" if holds else "ones_plus_zeros_over_four"
    return Claim(
        f"user_{predicate}_{n}_{mesa}",
        predicate,  # type: ignore[arg-type]
        user_base("tests.fixtures.user_objectives:half_ones"),
        user_mesa(f"tests.fixtures.user_objectives:{mesa}"),
        Bound(n, 0),
    )


class Shuffled:
    """An executor that computes every range, then yields the spans in a random order."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)

    def spans(self, job: RangeJob, ranges: Iterable[tuple[int, int]]) -> Iterator[Span]:
        spans = [evaluate_span(job, start, stop) for start, stop in ranges]
        self.random.shuffle(spans)
        yield from spans


class InterruptAfter(InProcess):
    """An in-process executor that raises ``KeyboardInterrupt`` after ``k`` spans."""

    def __init__(self, k: int) -> None:
        self.k = k

    def spans(self, job: RangeJob, ranges: Iterable[tuple[int, int]]) -> Iterator[Span]:
        for count, span in enumerate(super().spans(job, ranges)):
            if count == self.k:
                raise KeyboardInterrupt
            yield span


# -- positions ------------------------------------------------------------------------------


@given(
    st.integers(0, 9),
    st.booleans(),
    st.one_of(st.none(), st.integers(0, 3)),
    st.data(),
)
def test_blocks_tile_a_range_in_aligned_powers_of_two(
    n: int, tables_only: bool, states: int | None, data: st.DataObject
) -> None:
    bound = Bound(n, 0, tables_only, states)
    total = bound.size()
    start = data.draw(st.integers(0, total))
    stop = data.draw(st.integers(start, total))
    most = 1 << data.draw(st.integers(0, 5))
    pieces = list(blocks(bound, start, stop, most))
    assert [p for a, b in pieces for p in range(a, b)] == list(range(start, stop))
    strings = list(bound.machines())
    for a, b in pieces:
        size = b - a
        assert size & (size - 1) == 0 and size <= most
        first, last = strings[a], strings[b - 1]
        assert len(first) == len(last)  # one length
        assert (int(first, 2) if first else 0) % size == 0  # aligned
    assert [string_at(bound, p) for p in range(total)] == strings


# -- ranges against one run -------------------------------------------------------------------


@pytest.mark.parametrize("size", [1 << 22, 1 << 11])
def test_ranges_give_the_bundled_verdicts(size: int) -> None:
    for claim in enumerated_suite():
        assert enumerate_in_ranges(claim, size=size) == enumerate_claim(claim), claim.name


@AUDIT_SETTINGS
@given(small_claims(ALL_OBJECTIVES), st.integers(0, 4), st.booleans(), st.integers(0, 99))
def test_ranges_in_any_order_give_one_run(
    claim: Claim, log_size: int, find_all: bool, seed: int
) -> None:
    find_all = find_all and claim.predicate != "order-alignment"
    expected = enumerate_claim(claim, find_all=find_all, workers=1)
    outcome = enumerate_in_ranges(
        claim, find_all=find_all, workers=1, executor=Shuffled(seed), size=1 << log_size
    )
    assert outcome == expected


@pytest.mark.parametrize("predicate", ["inner-alignment", "order-alignment"])
@pytest.mark.parametrize("find_all", [False, True])
@pytest.mark.parametrize("holds", [False, True])
def test_ranges_of_user_functions_give_one_run(predicate: str, find_all: bool, holds: bool) -> None:
    if find_all and predicate == "order-alignment":
        return
    claim = user_claim(9, predicate, holds)
    expected = enumerate_claim(claim, find_all=find_all)
    assert enumerate_in_ranges(claim, find_all=find_all, executor=Shuffled(3), size=16) == (
        expected
    )


def test_order_alignment_with_every_counterexample_is_not_split() -> None:
    claim = user_claim(3, "order-alignment")
    with pytest.raises(ValueError, match="not split into ranges"):
        enumerate_in_ranges(claim, find_all=True)


def test_a_range_merged_twice_is_counted_once() -> None:
    claim = enumerated_suite()[0]
    job = RangeJob(claim)
    ranges = list(blocks(claim.bound, 0, claim.bound.size(), 1 << 12))

    class Twice(InProcess):
        def spans(self, job: RangeJob, pieces: Iterable[tuple[int, int]]) -> Iterator[Span]:
            for span in super().spans(job, pieces):
                yield span
                yield span  # a worker lost after finishing: the range ran again

    assert ranges and job.claim is claim
    twice = enumerate_in_ranges(claim, executor=Twice(), size=1 << 12)
    assert twice == enumerate_claim(claim)


# -- resume -------------------------------------------------------------------------------------


def resume_claims() -> list[tuple[Claim, bool]]:
    """Claims of many small ranges: proved and refuted (late), every predicate, both paths."""
    suite = {claim.name: claim for claim in bundled_claims()}

    def at_12(claim: Claim) -> Claim:
        return replace(claim, bound=replace(claim.bound, max_length=12))

    order = at_12(suite["code_ones_doubling_evaluator_order"])
    late = at_12(replace(suite["code_ones_partial_evaluator"], predicate="order-alignment"))
    return [
        (at_12(suite["code_ones_exact_evaluator"]), False),
        (at_12(suite["code_ones_partial_evaluator"]), False),
        (order, False),
        (late, False),
        (user_claim(9), False),
        (user_claim(9, holds=False), True),
        (user_claim(9, "order-alignment"), False),
    ]


@pytest.mark.slow  # 20 checks, each resumed
def test_resume_after_interrupts_at_20_random_moments(tmp_path: Path) -> None:
    """Each trial is interrupted once, after a random number of ranges, then resumed."""
    moments = random.Random(20261202)
    claims = resume_claims()
    expected = {
        (claim.name, claim.predicate, find_all): enumerate_claim(claim, find_all=find_all)
        for claim, find_all in claims
    }
    interrupted = 0
    for trial in range(20):
        claim, find_all = claims[trial % len(claims)]
        size = 1 << moments.randint(6, 8)
        ranges = len(list(blocks(claim.bound, 0, claim.bound.size(), size)))
        path = tmp_path / f"trial{trial}.json"
        executors: list[InProcess] = [InterruptAfter(moments.randrange(ranges)), InProcess()]
        outcome = None
        for executor in executors:
            checkpoint = Checkpoint.open(
                path, version="test", method="enumerate", find_all=find_all, claims=[claim]
            )
            try:
                outcome = enumerate_in_ranges(
                    claim,
                    find_all=find_all,
                    executor=executor,
                    store=checkpoint.store(claim),
                    size=size,
                )
                break
            except KeyboardInterrupt:
                interrupted += 1
            finally:
                checkpoint.close()
        assert outcome == expected[(claim.name, claim.predicate, find_all)], (trial, claim.name)
    assert interrupted >= 10  # a refuted claim may end before its interrupt comes


def test_a_finished_checkpoint_answers_without_work(tmp_path: Path) -> None:
    claim = enumerated_suite()[0]
    path = tmp_path / "done.json"
    first = Checkpoint.open(path, version="v", method="auto", find_all=False, claims=[claim])
    outcome = enumerate_in_ranges(claim, store=first.store(claim), size=1 << 10)
    first.close()

    class Idle(InProcess):
        def spans(self, job: RangeJob, ranges: Iterable[tuple[int, int]]) -> Iterator[Span]:
            raise AssertionError(f"no range is left to run, got {list(ranges)[:3]}")

    again = Checkpoint.open(path, version="v", method="auto", find_all=False, claims=[claim])
    assert len(again.store(claim).spans) == 1  # coalesced into one range
    assert enumerate_in_ranges(claim, store=again.store(claim), executor=Idle()) == outcome


# -- refusals --------------------------------------------------------------------------------------


def made(path: Path, claim: Claim) -> None:
    checkpoint = Checkpoint.open(path, version="1", method="auto", find_all=False, claims=[claim])
    store = checkpoint.store(claim)
    with contextlib.suppress(KeyboardInterrupt):
        enumerate_in_ranges(claim, store=store, executor=InterruptAfter(3), size=1 << 6)
    checkpoint.close()


def test_checkpoints_of_another_check_are_refused(tmp_path: Path) -> None:
    claim = enumerated_suite()[0]
    path = tmp_path / "c.json"
    made(path, claim)

    def refusal(**changes: object) -> str:
        arguments: dict[str, object] = {
            "version": "1",
            "method": "auto",
            "find_all": False,
            "claims": [claim],
        }
        arguments.update(changes)
        with pytest.raises(CheckpointError) as error:
            Checkpoint.open(path, **arguments)  # type: ignore[arg-type]
        message = str(error.value)
        assert "\n" not in message
        return message

    assert "made by mesaform 1, this is 2" in refusal(version="2")
    assert "--method auto, not enumerate" in refusal(method="enumerate")
    assert "made without --all" in refusal(find_all=True)
    other = replace(claim, name="other")
    assert "made for the claims" in refusal(claims=[other])
    wider = replace(claim, bound=replace(claim.bound, max_length=17))
    assert "with bound |t| <= 16, fuel 33, not |t| <= 17, fuel 33" in refusal(claims=[wider])
    changed = replace(claim, predicate="order-alignment")
    assert "another claim named" in refusal(claims=[changed])
    Checkpoint.open(path, version="1", method="auto", find_all=False, claims=[claim])


def test_damaged_checkpoints_are_refused(tmp_path: Path) -> None:
    from mesaform.proofs.checking.checkpoint import _digest

    claim = enumerated_suite()[0]
    path = tmp_path / "c.json"
    made(path, claim)
    good = path.read_text()

    def refused(text: str) -> str:
        path.write_text(text)
        with pytest.raises(CheckpointError) as error:
            Checkpoint.open(path, version="1", method="auto", find_all=False, claims=[claim])
        return str(error.value)

    assert "damaged (not readable JSON" in refused(good[: len(good) // 2])
    data = json.loads(good)
    data["claims"][0]["spans"][0][2] += 1  # one more string in dom(U_m)
    assert "SHA-256 does not match" in refused(json.dumps(data))

    def signed(body: dict[str, object]) -> str:
        body = {k: v for k, v in body.items() if k != "sha256"}
        return json.dumps({**body, "sha256": _digest(body)})

    overlapping = json.loads(good)
    first = overlapping["claims"][0]["spans"][0]
    overlapping["claims"][0]["spans"] = [first, first]
    assert "damaged" in refused(signed(overlapping))
    outside = json.loads(good)
    outside["claims"][0]["spans"] = [[0, 10**9, 0, [], []]]
    assert "leaves the bound" in refused(signed(outside))
    pairs = json.loads(good)
    pairs["claims"][0]["spans"][0][4] = [[0, "1/0", "1"]]
    assert "damaged" in refused(signed(pairs))
    assert "not a mesaform checkpoint" in refused("[]")


# -- the command line ------------------------------------------------------------------------------


def test_check_with_a_checkpoint_reports_what_one_run_does(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plain, resumed = tmp_path / "plain.json", tmp_path / "resumed.json"
    checkpoint = tmp_path / "check.ckpt"
    names = [arg for claim in enumerated_suite() for arg in ("--claim", claim.name)]
    code, _, _ = invoke(capsys, "check", *names, "--json", str(plain))
    assert code == 0
    for _ in range(2):  # made, then read back
        code, _, _ = invoke(
            capsys, "check", *names, "--json", str(resumed), "--checkpoint", str(checkpoint)
        )
        assert code == 0

        def verdicts(path: Path) -> list[dict[str, Any]]:
            claims: list[dict[str, Any]] = json.loads(path.read_text())["results"]
            for claim in claims:
                claim.pop("seconds", None)
            return claims

        assert verdicts(resumed) == verdicts(plain)


def test_check_refuses_a_checkpoint_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    checkpoint = tmp_path / "check.ckpt"
    code, _, _ = invoke(
        capsys, "check", "--claim", "code_ones_length_proxy", "--checkpoint", str(checkpoint)
    )
    assert code == 0
    code, out, err = invoke(
        capsys, "check", "--claim", "code_ones_partial_evaluator", "--checkpoint", str(checkpoint)
    )
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "made for the claims code_ones_length_proxy" in err
    checkpoint.write_text("{")
    code, _, err = invoke(
        capsys, "check", "--claim", "code_ones_length_proxy", "--checkpoint", str(checkpoint)
    )
    assert code == 2 and "damaged" in err and err.count("\n") == 1
    code, _, err = invoke(
        capsys, "check", "--all", "--method", "enumerate", "--checkpoint", str(tmp_path / "x")
    )
    assert code == 2 and "not split into ranges" in err


def test_cluster_without_distributed_says_what_to_install(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    code, out, err = invoke(capsys, "check", "--claim", "code_ones_length_proxy", "--cluster", "x")
    assert code == 2 and out == ""
    assert "pip install 'mesaform[cluster]'" in err and err.count("\n") == 1


# -- real interrupts -------------------------------------------------------------------------------

SLOW_CLAIM = """\
[[claim]]
name = "user_functions"
predicate = "inner-alignment"
base = "tests.fixtures.user_objectives:half_ones_slowly"
mesa = "tests.fixtures.user_objectives:half_ones_on_even"
max_length = 14
fuel = 0
"""


def _spans_written(path: Path) -> int:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return 0
    return sum(span[1] - span[0] for span in data["claims"][0]["spans"])


@pytest.mark.slow  # a real process per signal, interrupted, then resumed
@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_a_real_interrupt_then_resume_gives_one_run(tmp_path: Path, how: signal.Signals) -> None:
    claims = tmp_path / "claims.toml"
    claims.write_text(SLOW_CLAIM)
    checkpoint, plain, resumed = tmp_path / "c.ckpt", tmp_path / "p.json", tmp_path / "r.json"
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "mesaform", "check", str(claims), "--method", "enumerate"]
    subprocess.run([*command, "--json", str(plain)], env=environment, cwd=ROOT, check=False)
    process = subprocess.Popen(
        [*command, "--checkpoint", str(checkpoint)], env=environment, cwd=ROOT
    )
    deadline = time.monotonic() + 120
    while _spans_written(checkpoint) == 0 and process.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    process.send_signal(how)
    code = process.wait(timeout=120)
    expected = {signal.SIGKILL: -signal.SIGKILL, signal.SIGTERM: 143, signal.SIGINT: 130}
    assert code == expected[how]  # docs/reliability.md: SIGTERM exits 143
    kept = _spans_written(checkpoint)
    total = 2**15 - 1
    assert 0 < kept < total  # interrupted in the middle, with finished ranges kept
    finished = subprocess.run(
        [*command, "--checkpoint", str(checkpoint), "--json", str(resumed)],
        env=environment,
        cwd=ROOT,
        check=False,
    )
    assert finished.returncode == 0  # the claim holds, as in the plain run
    assert _spans_written(checkpoint) <= total

    def verdict(path: Path) -> object:
        (claim,) = json.loads(path.read_text())["results"]
        claim.pop("seconds", None)
        return claim

    assert verdict(resumed) == verdict(plain)


def test_bad_cluster_addresses_and_checkpoint_paths_are_bad_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pytest.importorskip("distributed")
    proxy = ("check", "--claim", "code_ones_length_proxy")
    for address in ("local:0", "local:x"):
        code, out, err = invoke(capsys, *proxy, "--cluster", address)
        assert code == 2 and out == "" and "local:N needs N" in err and err.count("\n") == 1
    claims = tmp_path / "claims.toml"
    claims.write_text(SLOW_CLAIM)
    code, _, err = invoke(capsys, "check", str(claims), "--checkpoint", str(claims))
    assert code == 2 and "never overwrites an input" in err
    assert claims.read_text() == SLOW_CLAIM
    code, _, err = invoke(capsys, *proxy, "--checkpoint", str(tmp_path / "no" / "c.ckpt"))
    assert code == 2 and "does not exist" in err


def test_decided_lengths_are_kept_and_not_solved_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mesaform.proofs.checking.check import CheckOptions, Spread, check_claim
    from mesaform.proofs.methods import solver_claims
    from mesaform.spec.catalogue import CODE_ONES_EVALUATOR, MARKER_KEEPING_EVALUATOR
    from tests.claims_for_tests import code_ones_claim

    for claim in (
        code_ones_claim(CODE_ONES_EVALUATOR, 5),
        code_ones_claim(MARKER_KEEPING_EVALUATOR, 5),
    ):
        path = tmp_path / f"{claim.name}-{len(claim.mesa.code)}.ckpt"  # type: ignore[union-attr]

        def checked(claim: Claim = claim, path: Path = path) -> object:
            checkpoint = Checkpoint.open(
                path, version="v", method="z3", find_all=False, claims=[claim]
            )
            try:
                spread = Spread(checkpoint=checkpoint)
                return check_claim(claim, "z3", CheckOptions(spread=spread)).verdict
            finally:
                checkpoint.close()

        first = checked()
        answers = json.loads(path.read_text())["claims"][0]["answers"]
        cases = solver_claims.query_cases(claim)
        decided = [case.name for case in cases if case.name in answers]
        assert decided == [case.name for case in cases][: len(decided)] and decided
        original = solver_claims._Session.decide
        with monkeypatch.context() as patched:

            def no_solving(
                self: Any, query: Any, extra: Any = (), label: str = "", decide: Any = original
            ) -> Any:
                # the per-length dom(U_m) queries of a proof are asked again; a length is not
                if label != "_domain":
                    raise AssertionError("a decided length was solved again")
                return decide(self, query, extra, label=label)

            patched.setattr(solver_claims._Session, "decide", no_solving)
            again = checked()
        assert type(again) is type(first)
        assert getattr(again, "checked", None) == getattr(first, "checked", None)
        assert getattr(again, "counterexample", None) == getattr(first, "counterexample", None)
