"""A checked claim: the claim, its verdict, and how it was reached.

Formalizes what docs/semantics.md#verdicts asks a checked claim to carry: one verdict with
its bound and method, the further counterexamples of ``--all``, and, with ``auto``, the
method it chose and why.

Main definition: :class:`CheckResult`.
"""

from __future__ import annotations

from dataclasses import dataclass

from mesaform.spec.claims import Claim
from mesaform.spec.verdicts import Counterexample, Refuted, Verdict


@dataclass(frozen=True)
class CheckResult:
    """A claim with its verdict, the method ``auto`` chose, and the seconds it took."""

    claim: Claim
    verdict: Verdict
    seconds: float
    more_counterexamples: tuple[Counterexample, ...] = ()
    """With ``find_all``: the counterexamples after the first, each replayed."""
    choice: str = ""
    """With ``auto``: the method it picked and why ("auto: chose X because ...")."""

    @property
    def matches_expectation(self) -> bool:
        """Return whether the verdict is what the claim expects (proved, if it expects nothing)."""
        if self.claim.expect == "fails":
            return isinstance(self.verdict, Refuted)
        return self.verdict.verdict == "proved"
