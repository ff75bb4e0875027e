"""Enumeration as a checking method: ``enumerate`` runs every string of the bound.

Formalizes the bounded claims of docs/semantics.md#claims decided by covering every
machine of the bound, one run of ``U_m`` per string
(:func:`mesaform.proofs.methods.enumeration.enumerate_claim`), in ranges across a
checkpoint or a cluster (:func:`mesaform.proofs.methods.ranges.enumerate_in_ranges`).

Main definitions: :class:`EnumerateMethod` (registered), :func:`enumeration_fits`,
:data:`AUTO_ENUMERATION_LIMIT`, :data:`AUTO_GENERIC_ENUMERATION_LIMIT`.
"""

from __future__ import annotations

from dataclasses import replace

from mesaform.proofs.checking.options import CheckOptions
from mesaform.proofs.checking.outcome import Found, MethodOutcome
from mesaform.proofs.methods.enumeration import (
    bound_strings_capped,
    enumerate_claim,
    fast_plan,
    strings_text,
)
from mesaform.proofs.methods.interface import Budget, CostEstimate, Family
from mesaform.proofs.methods.ranges import enumerate_in_ranges
from mesaform.proofs.methods.registry import register
from mesaform.spec.claims import Claim
from mesaform.spec.verdicts import Proved

AUTO_ENUMERATION_LIMIT = 2**27
"""Enumeration expects to finish bounds of at most this many strings (``|t| <= 26``) when
the compiled path covers the claim (library base objective, Mesa program) ..."""

AUTO_GENERIC_ENUMERATION_LIMIT = 2**17
"""... and of at most this many (``|t| <= 16``) when user functions must be called."""


class EnumerateMethod:
    """Enumeration as a checking method (``exhaustive``): every string of the bound is run.

    It covers every claim; it expects to finish within :data:`AUTO_ENUMERATION_LIMIT`
    strings on the compiled path (:data:`AUTO_GENERIC_ENUMERATION_LIMIT` when user
    functions are called). Across a checkpoint or a cluster it runs in ranges
    (:func:`mesaform.proofs.methods.ranges.enumerate_in_ranges`).
    """

    name = "enumerate"
    family: Family = "exhaustive"

    def why_not(self, claim: Claim, options: CheckOptions) -> str | None:
        """Return ``None``: enumeration covers every claim."""
        return None

    def estimate(self, claim: Claim) -> CostEstimate:
        """Return the strings of the bound against enumeration's limit."""
        compiled = fast_plan(claim) is not None
        limit = AUTO_ENUMERATION_LIMIT if compiled else AUTO_GENERIC_ENUMERATION_LIMIT
        strings = bound_strings_capped(claim.bound, limit)
        fits = strings <= limit
        relation = "within" if fits else "past"
        path = "" if compiled else " (the generic path, beyond the compiled kernels)"
        return CostEstimate(
            strings,
            fits,
            f"{strings_text(claim.bound)} are {relation} enumeration's limit of {limit:,}{path}",
        )

    def decide(self, claim: Claim, options: CheckOptions, budget: Budget) -> MethodOutcome:
        """Run every string of the bound (in ranges across a spread); ``Found`` counts the
        evaluator's runs up to the counterexample."""
        spread = options.spread
        if spread is None:
            outcome = enumerate_claim(claim, find_all=options.find_all, progress=options.progress)
        else:
            outcome = enumerate_in_ranges(
                claim,
                find_all=options.find_all,
                progress=options.progress,
                executor=spread.executor,
                store=spread.checkpoint.store(claim) if spread.checkpoint else None,
            )
        if isinstance(outcome, Found | Proved) and outcome.evaluator_runs is None:
            return replace(outcome, evaluator_runs=outcome.checked)
        return outcome

    def spreads(self, claim: Claim) -> bool:
        """Return ``True``: enumeration is split into ranges of strings."""
        return True


def enumeration_fits(claim: Claim) -> bool:
    """Return whether enumeration expects to finish on ``claim`` (its strings within its limit)."""
    return ENUMERATE.estimate(claim).fits


ENUMERATE = register(EnumerateMethod())
