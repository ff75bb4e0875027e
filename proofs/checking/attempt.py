"""One method's attempt on one claim, within a budget.

The checker (:mod:`mesaform.proofs.checking.check`) and ``auto``
(:mod:`mesaform.proofs.checking.auto`) run a method only through :func:`attempt`: a claim
the method does not cover, or a run past its seconds, ends ``unknown`` with the reason
(docs/semantics.md#verdicts: "a timeout is unknown"), never as another method's verdict.

Main definitions: :func:`attempt`, :func:`verdict_method`, :data:`GRACE_SECONDS`.
"""

from __future__ import annotations

from typing import cast, get_args

from mesaform.proofs.checking.options import CheckOptions
from mesaform.proofs.checking.outcome import MethodOutcome, MethodTimedOut, time_limit
from mesaform.proofs.methods.interface import Budget, CheckingMethod
from mesaform.spec.claims import Claim
from mesaform.spec.verdicts import Method, Unknown

GRACE_SECONDS = 1.0
"""The solvers keep to their seconds themselves; the alarm, a last resort while a query is
built in Python, fires this much later."""


def verdict_method(method: CheckingMethod) -> Method:
    """Return the method's name as a verdict names it (a registered method must be one of
    :data:`mesaform.spec.verdicts.Method`)."""
    if method.name not in get_args(Method):
        raise ValueError(f"the method {method.name!r} is not one a verdict can name")
    return cast(Method, method.name)


def attempt(
    method: CheckingMethod, claim: Claim, options: CheckOptions, budget: Budget
) -> MethodOutcome:
    """Run ``method`` on ``claim`` within ``budget`` and return its outcome, not yet replayed.

    A claim the method does not cover (its ``why_not``) is ``Unknown`` saying why; past
    ``budget.seconds`` (a solver: plus :data:`GRACE_SECONDS`) the run is stopped
    (:func:`time_limit`) and ends ``Unknown``.
    """
    name = verdict_method(method)
    reason = method.why_not(claim, options)
    if reason is not None:
        return Unknown(claim.bound, name, f"{name} does not support this claim: {reason}")
    if budget.seconds is None:
        return method.decide(claim, options, budget)
    grace = GRACE_SECONDS if method.family == "solver" else 0.0
    try:
        with time_limit(budget.seconds + grace):
            return method.decide(claim, options, budget)
    except MethodTimedOut:
        return Unknown(claim.bound, name, f"timed out: the time limit of {budget.seconds:g} s")


ALWAYS_TIMED: tuple[str, ...] = ("solver", "verified")
"""The families whose runs the time limit always bounds (the others only when the limit
is given for every method, ``limit_every_method``)."""


def timed(method: CheckingMethod, options: CheckOptions) -> bool:
    """Return whether the time limit bounds ``method``'s run under ``options``."""
    return options.limit_every_method or method.family in ALWAYS_TIMED
