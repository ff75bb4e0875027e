"""A local Dask cluster of 2 worker processes gives exactly the in-process results.

Differential tests of :mod:`mesaform.proofs.checking.cluster` against the in-process path: the
enumerated claims of the bundled suite, random small claims, SMT lengths as tasks,
a claim checked whole; a worker killed during a check (its ranges run again,
nothing counted twice); ``mesaform check --cluster local:2`` against ``mesaform
check``. One cluster serves the module (starting it loads the kernels in every
worker: tens of seconds on a busy machine).
"""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mesaform.proofs.checking.check import CheckOptions, check_claim
from mesaform.proofs.checking.checkpoint import Checkpoint
from mesaform.proofs.methods.enumeration import enumerate_claim
from mesaform.proofs.methods.ranges import RangeJob, Span, enumerate_in_ranges
from mesaform.proofs.methods.solver_claims import check_with_solver
from mesaform.spec.claims import Claim
from mesaform.spec.verdicts import NotRefuted, Proved
from tests.cli_helpers import invoke
from tests.test_enumeration import small_claims
from tests.test_large_checks import ALL_OBJECTIVES, enumerated_suite, user_claim

pytest.importorskip("distributed")

from mesaform.proofs.checking.cluster import DaskExecutor, connect


@pytest.fixture(scope="module")
def cluster() -> Iterator[DaskExecutor]:
    executor = connect("local:2")
    try:
        yield executor
    finally:
        executor.close()


def test_the_bundled_enumerations_match(cluster: DaskExecutor) -> None:
    for claim in enumerated_suite():
        expected = enumerate_claim(claim)
        seen: list[tuple[int, int]] = []

        def progress(done: int, total: int, seen: list[tuple[int, int]] = seen) -> None:
            seen.append((done, total))

        outcome = enumerate_in_ranges(claim, executor=cluster, size=1 << 12, progress=progress)
        assert outcome == expected
        # Progress counts the strings of the ranges every worker finished.
        assert seen[-1][1] == claim.bound.size() and seen == sorted(seen)
        if isinstance(expected, Proved):
            assert seen[-1][0] == claim.bound.size()


class StopAfter:
    """Yield the cluster's spans; raise ``KeyboardInterrupt`` after ``k`` of them."""

    def __init__(self, cluster: DaskExecutor, k: int) -> None:
        self.cluster, self.k = cluster, k

    def spans(self, job: RangeJob, ranges: Iterable[tuple[int, int]]) -> Iterator[Span]:
        for count, span in enumerate(self.cluster.spans(job, ranges)):
            if count == self.k:
                raise KeyboardInterrupt
            yield span


def test_a_checkpoint_resumes_on_the_cluster(cluster: DaskExecutor, tmp_path: Path) -> None:
    claim = enumerated_suite()[0]
    path = tmp_path / "c.ckpt"

    def reopen() -> Checkpoint:
        return Checkpoint.open(path, version="v", method="auto", find_all=False, claims=[claim])

    for k in (5, 17):
        checkpoint = reopen()
        with pytest.raises(KeyboardInterrupt):
            enumerate_in_ranges(
                claim, executor=StopAfter(cluster, k), store=checkpoint.store(claim), size=1 << 10
            )
        checkpoint.close()
    checkpoint = reopen()
    kept = sum(span.stop - span.start for span in checkpoint.store(claim).spans)
    assert 0 < kept < claim.bound.size()
    outcome = enumerate_in_ranges(
        claim, executor=cluster, store=checkpoint.store(claim), size=1 << 10
    )
    assert outcome == enumerate_claim(claim)


@settings(max_examples=15, deadline=None)
@given(small_claims(ALL_OBJECTIVES), st.booleans())
def test_random_claims_match(cluster: DaskExecutor, claim: Claim, find_all: bool) -> None:
    find_all = find_all and claim.predicate != "order-alignment"
    expected = enumerate_claim(claim, find_all=find_all, workers=1)
    assert enumerate_in_ranges(claim, find_all=find_all, executor=cluster, size=4) == expected


def test_user_functions_run_on_the_workers(cluster: DaskExecutor) -> None:
    for claim in (user_claim(8), user_claim(8, holds=False), user_claim(8, "order-alignment")):
        expected = enumerate_claim(claim)
        assert enumerate_in_ranges(claim, executor=cluster, size=32) == expected


def test_solver_lengths_as_tasks_match(cluster: DaskExecutor) -> None:
    from mesaform.spec.catalogue import CODE_ONES_EVALUATOR, MARKER_KEEPING_EVALUATOR
    from tests.claims_for_tests import code_ones_claim

    for claim in (
        code_ones_claim(CODE_ONES_EVALUATOR, 5),
        code_ones_claim(MARKER_KEEPING_EVALUATOR, 5),
    ):
        known = cluster.decide_lengths(claim, "z3", {}, 60.0, None)
        local = check_with_solver(claim, "z3", timeout_seconds=60)
        spread = check_with_solver(claim, "z3", timeout_seconds=60, known=known)
        assert type(spread) is type(local)
        assert getattr(spread, "machines", None) == getattr(local, "machines", None)
        assert not isinstance(spread, NotRefuted) and not isinstance(local, NotRefuted)
        assert spread.checked == local.checked


def test_a_claim_checked_whole_is_one_task(cluster: DaskExecutor) -> None:
    claim = enumerated_suite()[0]
    options = CheckOptions(examples=50, seed=7)
    remote = cluster.submit_claim(claim, "hypothesis", options).result()
    local = check_claim(claim, "hypothesis", options)
    assert remote.verdict == local.verdict


class KillAWorker:
    """Yield the cluster's spans; after the first, kill one worker process (SIGKILL)."""

    def __init__(self, cluster: DaskExecutor) -> None:
        self.cluster = cluster
        self.killed = 0

    def spans(self, job: RangeJob, ranges: Iterable[tuple[int, int]]) -> Iterator[Span]:
        for count, span in enumerate(self.cluster.spans(job, ranges)):
            if count == 1:
                pids = self.cluster.client.run(os.getpid)
                os.kill(next(iter(pids.values())), signal.SIGKILL)
                self.killed += 1
            yield span


def test_a_worker_killed_during_a_check_changes_nothing(cluster: DaskExecutor) -> None:
    for claim in enumerated_suite()[:2]:
        expected = enumerate_claim(claim)
        killer = KillAWorker(cluster)
        assert enumerate_in_ranges(claim, executor=killer, size=1 << 10) == expected
        assert killer.killed == 1
    cluster.client.wait_for_workers(2, timeout=300)


def verdicts(path: Path) -> list[dict[str, Any]]:
    """Return a ``--json`` report's claims without their seconds (and solver details)."""
    claims: list[dict[str, Any]] = json.loads(path.read_text())["results"]
    for claim in claims:
        claim.pop("seconds", None)
        if claim.get("method") in ("z3", "cvc5"):
            claim.pop("detail", None)  # says how long the solver took
    return claims


def test_check_on_the_cluster_reports_what_one_process_does(
    cluster: DaskExecutor, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``--cluster ADDRESS`` with the module's scheduler; ``--method hypothesis`` is one task."""
    plain, spread = tmp_path / "plain.json", tmp_path / "spread.json"
    names = [arg for claim in enumerated_suite() for arg in ("--claim", claim.name)]
    address = cluster.client.scheduler.address
    for method in ("auto", "hypothesis"):
        options = [*names, "--method", method, "--seed", "3", "--examples", "40"]
        expected = invoke(capsys, "check", *options, "--json", str(plain))[0]
        code, _, _ = invoke(capsys, "check", *options, "--json", str(spread), "--cluster", address)
        assert code == expected
        assert verdicts(spread) == verdicts(plain)


@pytest.mark.slow
def test_the_whole_bundled_suite_matches(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The whole suite, Z3's |t| <= 48 claim included, on a new ``local:2``."""
    plain, spread = tmp_path / "plain.json", tmp_path / "spread.json"
    assert invoke(capsys, "check", "--json", str(plain))[0] == 0
    code, _, _ = invoke(capsys, "check", "--json", str(spread), "--cluster", "local:2")
    assert code == 0
    assert verdicts(spread) == verdicts(plain)


def test_connecting_says_each_stage(cluster: DaskExecutor) -> None:
    """Reaching a running scheduler: the stages are said as they begin, then it is ready."""
    stages: list[str] = []
    address = cluster.client.scheduler.address
    other = connect(address, stages.append)
    try:
        assert other.threads() == cluster.threads()
    finally:
        other.client.close()
    assert stages == [
        f"connecting to the Dask scheduler at {address}",
        "the workers are loading mesaform and its compiled kernels",
    ]
