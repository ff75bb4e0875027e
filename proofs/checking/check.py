"""Check a claim: run a method, replay what it found, and give one verdict.

Formalizes docs/semantics.md#verdicts: a checked claim ends in exactly one of proved, refuted,
not refuted or unknown, each carrying what makes it trustworthy. Every
counterexample, whichever method found it, is replayed by
:func:`mesaform.proofs.checking.replay.replay` before it becomes a ``Refuted``.

The checker knows no method by name: it asks the registry
(:mod:`mesaform.proofs.methods.registry`) for the method given, or ``auto``
(:mod:`mesaform.proofs.checking.auto`) for its plan, and runs each through
:func:`mesaform.proofs.checking.attempt.attempt`.

Main definitions:

- :data:`CHECK_METHODS` -- ``auto`` and every registered method's name;
- :func:`run_method` -- one claim's outcome under a method, not yet replayed, and, for
  ``auto``, why it chose what it ran;
- :func:`whole_claim` -- whether a claim's method runs as one piece (one task);
- :class:`CheckResult`, :func:`check_claim`.
"""

from __future__ import annotations

import time
from dataclasses import replace

from mesaform.proofs.checking.attempt import attempt, timed
from mesaform.proofs.checking.auto import auto_outcome, plan
from mesaform.proofs.checking.auto import choose_method as choose_method
from mesaform.proofs.checking.domain import dom_longest, every_length_longest
from mesaform.proofs.checking.options import CheckOptions as CheckOptions
from mesaform.proofs.checking.options import LengthExecutor as LengthExecutor
from mesaform.proofs.checking.options import Spread as Spread
from mesaform.proofs.checking.outcome import Found, MethodOutcome
from mesaform.proofs.checking.replay import replay
from mesaform.proofs.checking.result import CheckResult as CheckResult
from mesaform.proofs.methods.interface import Budget, SpreadMethod
from mesaform.proofs.methods.registry import method_named, method_names
from mesaform.spec.claims import Claim
from mesaform.spec.validation import check_one_of, check_type
from mesaform.spec.verdicts import Counterexample, Proved, Refuted, Unknown, Verdict

CheckMethod = str
"""A method's name as ``--method`` takes it: ``auto`` or a registered method's name."""

CHECK_METHODS: tuple[CheckMethod, ...] = ("auto", *method_names())
"""``auto``, then every method registered when the checker is imported, in the registry's
order (``--method``'s choices; :func:`check_claim` asks the registry itself)."""


def run_method(
    claim: Claim, method: CheckMethod, options: CheckOptions
) -> tuple[MethodOutcome, str]:
    """Run ``method`` (``auto``: :func:`mesaform.proofs.checking.auto.auto_outcome`) on
    ``claim``; return its outcome, not yet replayed, and for ``auto`` why it chose it.

    A named method's run is bounded by ``options.timeout_seconds`` when
    :func:`mesaform.proofs.checking.attempt.timed` says so; past it, ``Unknown``.
    """
    if method == "auto":
        return auto_outcome(claim, options)
    chosen = method_named(method)
    seconds = options.timeout_seconds if timed(chosen, options) else None
    return attempt(chosen, claim, options, Budget(seconds)), ""


def whole_claim(claim: Claim, method: CheckMethod) -> bool:
    """Return whether ``claim`` is checked in one piece under ``method`` (not split).

    A method splits its work (enumeration into ranges, the SMT methods into lengths,
    order alignment excepted) when it is a
    :class:`~mesaform.proofs.methods.interface.SpreadMethod` that says so; ``auto``: the
    first method it plans.
    """
    chosen = (
        plan(claim, CheckOptions()).attempts[0][0] if method == "auto" else method_named(method)
    )
    return not (isinstance(chosen, SpreadMethod) and chosen.spreads(claim))


def check_claim(
    claim: Claim, method: CheckMethod = "auto", options: CheckOptions | None = None
) -> CheckResult:
    """Check ``claim`` with ``method``; replay any counterexample before reporting it.

    An unknown ``method`` is refused (``ValueError`` naming the methods), never run as
    another one. A claim for every ``t`` (``bound.every_length``) is checked on the
    bounded claim a small-model theorem reduces it to
    (:mod:`mesaform.proofs.checking.small_model`); its
    verdict names the theorem. Raise ``ValueError`` when no theorem applies, or with
    ``find_all`` (every counterexample of an unbounded claim is not a finite list).
    """
    check_type(Claim, claim, "claim")
    check_one_of(method, ("auto", *method_names()), "method")
    if options is not None:
        check_type(CheckOptions, options, "options")
    options = options or CheckOptions()
    if claim.bound.every_length and method != "verified":
        # The verified checker decides a claim for every t itself (Decider.decide_every).
        return check_every_length(claim, method, options)
    started = time.perf_counter()
    outcome, choice = run_method(claim, method, options)
    verdict: Verdict
    more: tuple[Counterexample, ...] = ()
    if isinstance(outcome, Found):
        counterexample = replay(claim, outcome)
        verdict = Refuted(
            claim.bound,
            outcome.method,
            counterexample,
            outcome.checked,
            seed=outcome.seed,
            evaluator_runs=outcome.evaluator_runs,
            dom_longest=outcome.dom_longest,
        )
        more = tuple(
            replay(claim, Found(machines, outcome.method, outcome.checked))
            for machines in outcome.all_machines()[1:]
        )
    else:
        verdict = outcome
    if claim.bound.every_length:
        # The verified checker decided the claim for every t at the small-model theorem's
        # deciding length: dom(U_m) is read on that bounded claim, then over all of TM.
        from mesaform.proofs.checking.small_model import bounded_claim

        bounded = bounded_claim(claim)
        covered = dom_longest(bounded, replace(verdict, bound=bounded.bound))
        longest = every_length_longest(claim, covered)
    else:
        longest = dom_longest(claim, verdict)
    verdict = replace(verdict, dom_longest=longest)
    return CheckResult(claim, verdict, time.perf_counter() - started, more, choice)


def check_every_length(claim: Claim, method: CheckMethod, options: CheckOptions) -> CheckResult:
    """Check a claim for every ``t`` through the small-model theorem (see :func:`check_claim`)."""
    from mesaform.proofs.checking.small_model import (
        bounded_claim,
        every_length_detail,
        small_model_applies,
    )

    reason = small_model_applies(claim)
    if reason is not None:
        raise ValueError(f"claim {claim.name!r} is for every t, but {reason}")
    if options.find_all:
        raise ValueError(
            f"claim {claim.name!r} is for every t: --all lists the counterexamples of a bound"
        )
    bounded = bounded_claim(claim)
    result = check_claim(bounded, method, options)
    detail = every_length_detail(claim, bounded)
    verdict: Verdict
    inner = result.verdict
    if isinstance(inner, Proved):
        verdict = replace(
            inner, bound=claim.bound, detail=f"{detail}; {inner.detail}" if inner.detail else detail
        )
    elif isinstance(inner, Unknown):
        verdict = replace(inner, bound=claim.bound, reason=f"{inner.reason} ({detail})")
    else:
        verdict = replace(inner, bound=claim.bound)
    verdict = replace(verdict, dom_longest=every_length_longest(claim, inner.dom_longest))
    return CheckResult(claim, verdict, result.seconds, (), result.choice)
