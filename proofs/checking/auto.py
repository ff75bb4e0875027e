"""``auto``: the checking method chosen by the claim's measured structure, and why.

``auto`` asks every registered method (:mod:`mesaform.proofs.methods.registry`) whether
it covers the claim and what it would cost
(:class:`~mesaform.proofs.methods.interface.CostEstimate`; memoized exploration's
estimate comes from a short probe of how its subtrees merge). It plans the cheapest
method that expects to finish of each exact family: the exhaustive one first, then those
of the ``solver`` family, cheaper first. The ``verified`` family is never planned: it runs
only when asked by name, so what ``auto`` does never depends on whether the extracted
checker is built (docs/checking.md). So where the evaluator's runs
come back over what they read and exploration does not merge, a solver-family method
whose estimate fits runs next. Sampling (``hypothesis``) runs only when no exact method
fits. Each planned method gets a share of the time limit (what is left, split among the
timed attempts still to run); the first that decides gives the verdict. Its line,
"auto: chose X because ...", is kept whatever happens, a time limit included.

Main definitions: :class:`Plan`, :func:`plan`, :func:`choose_method`,
:func:`auto_outcome`, :data:`AUTO_ATTEMPTS`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from mesaform.proofs.checking.attempt import attempt, timed
from mesaform.proofs.checking.options import CheckOptions
from mesaform.proofs.checking.outcome import MethodOutcome
from mesaform.proofs.methods.interface import Budget, CheckingMethod, CostEstimate
from mesaform.proofs.methods.registry import registered
from mesaform.spec.claims import Claim
from mesaform.spec.verdicts import Unknown

AUTO_ATTEMPTS = 3
"""``auto`` plans at most this many methods for a claim, one of each exact family (each
with its share of the time)."""

EXACT_ORDER = {"exhaustive": 0, "solver": 1}
"""The families that decide exactly and that ``auto`` plans, in the order it prefers them;
within one rank, the cheaper estimate first (registration order on a tie). ``verified``
is left out on purpose: ``auto``'s plan is the same whether or not the extracted Coq
checker is built."""


@dataclass(frozen=True)
class Plan:
    """What ``auto`` runs on a claim: ``attempts`` in order, each with its estimate, and the
    covering methods it ``set_aside`` (with their estimates, they do not fit)."""

    attempts: tuple[tuple[CheckingMethod, CostEstimate], ...]
    set_aside: tuple[tuple[CheckingMethod, CostEstimate], ...]

    def because(self, chosen: CheckingMethod) -> str:
        """Return why ``chosen`` runs: its estimate and the exhaustive methods set aside
        (those first when ``chosen`` is not exhaustive: the strings are why)."""
        aside = [
            estimate.words if method.name == "enumerate" else f"{method.name}: {estimate.words}"
            for method, estimate in self.set_aside
            if method.family == "exhaustive"
        ]
        (words,) = [estimate.words for method, estimate in self.attempts if method is chosen]
        parts = [words, *aside] if chosen.family == "exhaustive" else [*aside, words]
        return "; ".join(parts)


def plan(claim: Claim, options: CheckOptions) -> Plan:
    """Return what ``auto`` runs on ``claim`` (see the module's docstring)."""
    covering = [method for method in registered() if method.why_not(claim, options) is None]
    weighed = [(method, method.estimate(claim)) for method in covering]
    position = {method.name: index for index, (method, _) in enumerate(weighed)}

    def order(entry: tuple[CheckingMethod, CostEstimate]) -> tuple[int, int, int]:
        method, estimate = entry
        return (EXACT_ORDER[method.family], estimate.work, position[method.name])

    exact = sorted(
        (entry for entry in weighed if entry[0].family in EXACT_ORDER and entry[1].fits),
        key=order,
    )
    families: set[str] = set()
    attempts: list[tuple[CheckingMethod, CostEstimate]] = []
    for method, estimate in exact:
        if method.family not in families and len(attempts) < AUTO_ATTEMPTS:
            families.add(method.family)
            attempts.append((method, estimate))
    if not attempts:
        sampling = [entry for entry in weighed if entry[0].family == "sampling"]
        attempts = sampling[:1] or sorted(weighed, key=lambda entry: entry[1].work)[:1]
    chosen = {method.name for method, _ in attempts}
    set_aside = tuple(
        entry for entry in weighed if entry[0].name not in chosen and not entry[1].fits
    )
    return Plan(tuple(attempts), set_aside)


def choose_method(claim: Claim, options: CheckOptions | None = None) -> str:
    """Return the name of the method ``auto`` tries first on ``claim``."""
    return plan(claim, options or CheckOptions()).attempts[0][0].name


def auto_outcome(claim: Claim, options: CheckOptions) -> tuple[MethodOutcome, str]:
    """Run what ``auto`` plans for ``claim``; return the outcome and the line saying why.

    The planned methods run in order until one decides (anything but ``Unknown``); a
    timed method (:func:`mesaform.proofs.checking.attempt.timed`) gets what is left of
    ``options.timeout_seconds`` split evenly among the timed methods still to run. The
    line names the method whose outcome is returned, why it was chosen, and what was
    tried before it; a final ``Unknown`` keeps it too.
    """
    chosen_plan = plan(claim, options)
    left = options.timeout_seconds
    still_timed = sum(1 for method, _ in chosen_plan.attempts if timed(method, options))
    tried: list[str] = []
    outcome: MethodOutcome | None = None
    method: CheckingMethod | None = None
    for method, estimate in chosen_plan.attempts:
        share: float | None = None
        if timed(method, options):
            share = max(left / still_timed, 0.001)
            still_timed -= 1
        started = time.monotonic()
        outcome = attempt(method, claim, options, Budget(share, estimate.steps))
        if share is not None:
            left = max(0.0, left - (time.monotonic() - started))
            if isinstance(outcome, Unknown) and outcome.reason.startswith("timed out"):
                outcome = replace(
                    outcome,
                    reason=(
                        f"timed out: its share, {share:g} s, of the time limit of "
                        f"{options.timeout_seconds:g} s"
                    ),
                )
        if not isinstance(outcome, Unknown):
            break
        tried.append(f"{method.name} ended unknown ({outcome.reason})")
    assert outcome is not None and method is not None
    line = f"auto: chose {method.name} because {chosen_plan.because(method)}"
    before = tried[:-1] if isinstance(outcome, Unknown) else tried
    if before:
        line += "; tried first: " + "; ".join(before)
    if isinstance(outcome, Unknown):
        line += f"; it ended unknown: {outcome.reason}"
    return outcome, line
