"""Checks spread over a Dask distributed cluster, with exactly the results of one process.

The work of ``mesaform check --cluster ADDRESS`` runs as Dask tasks (the optional
package ``distributed``, ``pip install 'mesaform[cluster]'``): enumeration as one
task per range of strings (:func:`mesaform.proofs.methods.ranges.evaluate_span`), merged in the
client by :class:`mesaform.proofs.methods.ranges.Frontier`, so the verdict, the minimal
counterexample and the counts are those of the local run; the SMT methods as one
task per length (:func:`mesaform.proofs.methods.solver_claims.decide_case`); a claim checked whole
(Hypothesis, order alignment with a solver) as one task. A worker lost in the
middle of a task: Dask runs the task again elsewhere, and the client merges each
range once. Workers load the compiled kernels once, when they join
(:class:`WarmUp`).

Main definitions:

- :class:`ClusterUnavailable` -- ``distributed`` is missing or the scheduler cannot
  be reached (bad input, in one line);
- :func:`connect` -- a scheduler's address, or ``local:N`` for N local worker processes,
  saying each stage of the start-up as it begins;
- :func:`cluster_failure` -- whether an exception is the cluster's (a lost connection,
  a worker killed too often), reported in one line;
- :class:`DaskExecutor` -- :class:`mesaform.proofs.methods.ranges.Executor` and
  :class:`mesaform.proofs.checking.check.LengthExecutor` on a cluster, and
  :meth:`~DaskExecutor.submit_claim`.
"""

from __future__ import annotations

import dataclasses
import importlib
import itertools
import logging
import threading
import uuid
import warnings
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError
from pathlib import Path
from typing import Any

from mesaform.proofs.checking.check import CheckMethod, CheckOptions, CheckResult, check_claim
from mesaform.proofs.methods.ranges import RangeJob, Span, evaluate_span
from mesaform.proofs.methods.solver_claims import QueryAnswer, SolverName, decide_case, query_cases
from mesaform.spec.claims import Claim

Future = Any
"""A ``distributed.Future`` (the package is optional, and typed here as ``Any``)."""

INSTALL_HINT = "--cluster needs the Dask package 'distributed': pip install 'mesaform[cluster]'"

_KERNELS = threading.Lock()
"""One compiled kernel call at a time per worker process: numba's default threading
layer aborts on concurrent parallel calls (start workers with ``--nthreads 1``)."""


class ClusterUnavailable(RuntimeError):
    """``--cluster`` cannot be used: say what to install, or which address failed."""


class ClusterLost(ClusterUnavailable):
    """The cluster went away during the check (its scheduler stopped or was killed)."""


LOST = (CancelledError, OSError, TimeoutError)
"""What a task's result raises when the cluster went away (``FutureCancelledError`` is a
``CancelledError``; a closed connection an ``OSError``)."""


def lost(error: BaseException | None = None) -> ClusterLost:
    """Return the one-line error of a cluster lost during the check."""
    why = f" ({type(error).__name__}: {str(error)[:120]})" if error is not None else ""
    return ClusterLost(f"the Dask cluster went away during the check{why}")


def _warm_up() -> None:
    from mesaform.model import engine

    with _KERNELS:
        engine.warm_up()


def _span_task(job: RangeJob, start: int, stop: int) -> Span:
    with _KERNELS:
        return evaluate_span(job, start, stop)


def _case_task(
    claim: Claim, solver: SolverName, name: str, timeout_seconds: float, smt2_dir: Path | None
) -> QueryAnswer:
    return decide_case(claim, solver, name, timeout_seconds=timeout_seconds, smt2_dir=smt2_dir)


def _claim_task(claim: Claim, method: CheckMethod, options: CheckOptions) -> CheckResult:
    with _KERNELS:
        return check_claim(claim, method, options)


def dask_distributed() -> Any:
    """Return the ``distributed`` module; raise :class:`ClusterUnavailable` if it is missing."""
    try:
        return importlib.import_module("distributed")
    except ImportError:
        raise ClusterUnavailable(INSTALL_HINT) from None


def _quiet_dask() -> None:
    """Keep Dask's own log lines (tracebacks of closed connections) off the terminal: a
    failure reaches mesaform as an exception, and is reported in one line."""
    import logging

    for name in ("distributed", "tornado", "asyncio"):
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)


def _silent(stage: str) -> None:
    """Say nothing of a stage (the default of :func:`connect`)."""


def connect(address: str, stage: Callable[[str], None] = _silent) -> DaskExecutor:
    """Connect to the scheduler at ``address``, or start ``local:N`` worker processes.

    ``stage`` is told each step as it begins (loading the kernels, starting or reaching
    the scheduler, the workers loading mesaform). Raise :class:`ClusterUnavailable`
    when ``distributed`` is not installed, ``N`` is not a positive number, or the
    scheduler does not answer.
    """
    distributed = dask_distributed()
    _quiet_dask()
    Client, LocalCluster = distributed.Client, distributed.LocalCluster
    plugin: Any = distributed.WorkerPlugin

    class WarmUp(plugin):  # type: ignore[misc]
        """Load the compiled kernels once per worker process, when it starts."""

        def setup(self, worker: Any) -> None:
            _warm_up()

    # A scheduler that goes away is reported in one line (ClusterLost), not by Dask's logs.
    logging.getLogger("distributed").setLevel(logging.CRITICAL)
    cluster = None
    if address.startswith("local:"):
        count = address.removeprefix("local:")
        if not (count.isascii() and count.isdigit()) or not 1 <= int(count) <= 1024:
            raise ClusterUnavailable(
                f"--cluster {address}: local:N needs N, the worker processes, in 1..1024"
            )
        stage("loading the compiled kernels (compiled once after installing)")
        _warm_up()  # compiled here once (numba's disk cache): the workers only load the kernels
        stage(f"starting {count} local worker process{'es' if count != '1' else ''}")
        try:
            with warnings.catch_warnings():  # "port 8787 in use": no dashboard is asked for
                warnings.simplefilter("ignore")
                cluster = LocalCluster(
                    n_workers=int(count),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=50,
                )
            client = Client(cluster)
        except (OSError, RuntimeError) as error:
            raise ClusterUnavailable(f"cannot start a local cluster: {error}") from None
    else:
        stage(f"connecting to the Dask scheduler at {address}")
        try:
            client = Client(address, timeout=20)
        except (OSError, ValueError, TypeError) as error:
            raise ClusterUnavailable(
                f"cannot reach a Dask scheduler at {address!r}: {error}"
            ) from None
    stage("the workers are loading mesaform and its compiled kernels")
    try:
        client.register_plugin(WarmUp(), name="mesaform-warm-up")
    except Exception as error:
        client.close()
        if cluster is not None:
            cluster.close()
        raise ClusterUnavailable(f"workers cannot load mesaform: {error}") from None
    return DaskExecutor(client, cluster)


def cluster_failure(error: BaseException) -> bool:
    """Return whether ``error`` comes from the cluster rather than from mesaform: Dask's
    own exceptions (a closed connection, a worker killed, a task cancelled), timeouts
    and operating-system errors of its sockets."""
    module = type(error).__module__ or ""
    return module.split(".")[0] in ("distributed", "tornado", "concurrent") or isinstance(
        error, OSError | TimeoutError
    )


@dataclasses.dataclass
class DaskExecutor:
    """Run ranges, lengths and whole claims as tasks of one Dask client."""

    client: Any
    cluster: Any = None
    window_per_thread: int = 4

    def threads(self) -> int:
        """Return the worker threads the cluster has now."""
        info = self.client.scheduler_info()
        return sum(int(worker.get("nthreads", 1)) for worker in info["workers"].values()) or 1

    def spans(self, job: RangeJob, ranges: Iterable[tuple[int, int]]) -> Iterator[Span]:
        """Yield the span of every range as tasks finish; closing cancels the tasks left.

        At most :attr:`window_per_thread` tasks per worker thread are queued at once,
        so a bound of millions of ranges does not flood the scheduler.
        """
        as_completed = dask_distributed().as_completed
        job = dataclasses.replace(job, threads=1)
        run = uuid.uuid4().hex[:12]
        waiting = iter(ranges)
        window = max(8, self.window_per_thread * self.threads())
        outstanding: dict[str, Future] = {}
        finished = as_completed(with_results=True)

        def submit(count: int) -> None:
            pieces = list(itertools.islice(waiting, count))
            if pieces:
                keys = [f"mesaform-span-{run}-{start}-{stop}" for start, stop in pieces]
                futures = self.client.map(
                    _span_task,
                    [job] * len(pieces),
                    [start for start, _ in pieces],
                    [stop for _, stop in pieces],
                    key=keys,
                    pure=False,
                )
                outstanding.update(zip(keys, futures, strict=True))
                finished.update(futures)

        submit(window)
        try:
            for batch in finished.batches():
                submit(len(batch))
                for future, span in batch:
                    outstanding.pop(future.key, None)
                    if not isinstance(span, Span):  # a cancelled task's error, not a result
                        raise lost(span if isinstance(span, BaseException) else None)
                    yield span
        finally:
            if outstanding:
                self.client.cancel(list(outstanding.values()))

    def decide_lengths(
        self,
        claim: Claim,
        solver: SolverName,
        known: dict[str, QueryAnswer],
        timeout_seconds: float,
        smt2_dir: Path | None,
    ) -> dict[str, QueryAnswer]:
        """Decide every length not in ``known`` as its own task; stop at the first not unsat."""
        answers = dict(known)
        futures: dict[str, Future] = {}
        for case in query_cases(claim):
            if case.name not in answers:
                futures[case.name] = self.client.submit(
                    _case_task, claim, solver, case.name, timeout_seconds, smt2_dir, pure=False
                )
        try:
            for case in query_cases(claim):
                if case.name in futures:
                    try:
                        answers[case.name] = futures.pop(case.name).result()
                    except LOST as error:
                        raise lost(error) from None
                if answers[case.name].answer != "unsat":
                    break
        finally:
            if futures:
                self.client.cancel(list(futures.values()))
        return answers

    def submit_claim(self, claim: Claim, method: CheckMethod, options: CheckOptions) -> Future:
        """Check ``claim`` whole as one task; the future's result is its :class:`CheckResult`."""
        options = dataclasses.replace(options, progress=None, spread=None)
        return self.client.submit(_claim_task, claim, method, options, pure=False)

    def close(self) -> None:
        """Close the client (and the local cluster, if this started one); a cluster that
        is already gone is closed quietly."""
        try:
            self.client.close()
        except Exception as error:
            if not cluster_failure(error):
                raise
        if self.cluster is not None:
            try:
                self.cluster.close()
            except Exception as error:
                if not cluster_failure(error):
                    raise
