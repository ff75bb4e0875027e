"""Machine-readable reports of checked claims.

Every verdict is written with what makes it trustworthy (docs/semantics.md#verdicts): the bound
and method of a proof (and, when counted, how many strings lie in ``dom(U_m)``),
the replayed counterexample of a refutation (values as ``p/q`` strings), the
examples and seed of a sample, the reason of an unknown.

Both ``mesaform check --json`` and ``mesaform prove --json`` write one shape
(:func:`envelope`): ``{"mesaform_report": 3, "mesaform": ..., "command": ...,
"interrupted": ..., "all_match": ..., "results": [...]}``, where ``mesaform`` names the
exact code (:mod:`mesaform.provenance`), one record per claim or per theorem; the
fields of a record are the command's own (docs/checking.md lists them).

Main definitions: :func:`envelope`, :func:`verdict_record`, :func:`claim_record`,
:func:`report`.
"""

from __future__ import annotations

from typing import Any

from mesaform.model.description import describe
from mesaform.proofs.checking.result import CheckResult
from mesaform.provenance import provenance
from mesaform.spec.claims import Claim, MesaProgram
from mesaform.spec.objectives import rational
from mesaform.spec.verdicts import (
    Bound,
    Counterexample,
    NotRefuted,
    Proved,
    Refuted,
    Unknown,
    Verdict,
)

REPORT_VERSION = 3
"""The report format's version: 2 put the records of both commands under ``results``; 3
adds to each claim's record ``evaluator_runs`` (the runs of ``U_m``'s evaluator a method
simulated: enumeration one per string, memoized exploration one per run segment) and
``auto_choice`` (``auto``'s line saying what it chose and why), and names memoized
exploration's verdicts ``explore`` (in version 2 they were named ``enumerate``)."""


def envelope(
    command: str,
    results: list[dict[str, Any]],
    all_match: bool,
    interrupted: bool = False,
    stopped: str | None = None,
) -> dict[str, Any]:
    """Return the top level every JSON report of mesaform shares, around ``results``.

    ``all_match`` says whether every result is what was expected of it (a claim: its
    expectation, a theorem: proved as stated); an interrupted run never matches.
    """
    return {
        "mesaform_report": REPORT_VERSION,
        "mesaform": provenance().record(),
        "command": command,
        "interrupted": interrupted,
        "stopped": stopped,
        "all_match": all_match and not interrupted,
        "results": results,
    }


def bound_record(bound: Bound) -> dict[str, Any]:
    """Return the bound as JSON: ``max_length``, ``fuel``, ``tables_only``, ``states``,
    and ``every_length: true`` for a claim about every ``t``."""
    record: dict[str, Any] = {
        "max_length": bound.max_length,
        "fuel": bound.fuel,
        "tables_only": bound.tables_only,
        "states": bound.states,
    }
    if bound.every_length:
        record["every_length"] = True
    return record


def counterexample_record(example: Counterexample) -> dict[str, Any]:
    """Return a replayed counterexample as JSON, values as ``p/q``."""
    return {
        "machine": str(example.machines[0]),
        "machines": [str(t) for t in example.machines],
        "U": rational(example.base_values[0]),
        "U_m": rational(example.mesa_values[0]),
        "U_values": [rational(v) for v in example.base_values],
        "U_m_values": [rational(v) for v in example.mesa_values],
        "programs": [describe(t) for t in example.machines],
        "replay": example.replay,
    }


def verdict_record(verdict: Verdict) -> dict[str, Any]:
    """Return the verdict's fields as JSON."""
    record: dict[str, Any] = {
        "verdict": verdict.verdict,
        "method": verdict.method,
        "bound": bound_record(verdict.bound),
        "evaluator_runs": (
            verdict.evaluator_runs if isinstance(verdict, Proved | Refuted) else None
        ),
    }
    if isinstance(verdict, Proved):
        record.update(
            checked=verdict.checked,
            detail=verdict.detail,
            in_domain=verdict.in_domain,
            domain_by_length=list(verdict.domain_by_length) or None,
        )
    elif isinstance(verdict, Refuted):
        record["checked"] = verdict.checked
        record["counterexample"] = counterexample_record(verdict.counterexample)
        if verdict.seed is not None:
            record["seed"] = verdict.seed
    elif isinstance(verdict, NotRefuted):
        record.update(checked=verdict.examples, examples=verdict.examples, seed=verdict.seed)
    else:
        assert isinstance(verdict, Unknown)
        record.update(checked=verdict.checked, reason=verdict.reason)
    return record


def claim_fields(claim: Claim) -> dict[str, Any]:
    """Return what a claim states, as JSON: its name, predicate, sides, epsilon, expectation."""
    return {
        "name": claim.name,
        "predicate": claim.predicate,
        "base": claim.base.name,
        "mesa": str(claim.mesa.code) if isinstance(claim.mesa, MesaProgram) else claim.mesa.name,
        "epsilon": rational(claim.epsilon) if claim.epsilon is not None else None,
        "expect": claim.expect,
    }


def claim_record(result: CheckResult) -> dict[str, Any]:
    """Return one claim's entry of the report."""
    record = claim_fields(result.claim)
    record.update(matches_expectation=result.matches_expectation, seconds=round(result.seconds, 6))
    record["auto_choice"] = result.choice or None
    record.update(verdict_record(result.verdict))
    if result.more_counterexamples:
        record["more_counterexamples"] = [
            counterexample_record(example) for example in result.more_counterexamples
        ]
    return record


def report(
    results: list[CheckResult], interrupted: bool = False, stopped: str | None = None
) -> dict[str, Any]:
    """Return ``mesaform check``'s report: one record per claim, and whether all matched.

    ``interrupted``: the check stopped before every claim was checked; ``stopped`` says
    why in words (Ctrl-C, SIGTERM, a user function's failure, an internal error).
    """
    return envelope(
        "check",
        [claim_record(r) for r in results],
        all(r.matches_expectation for r in results),
        interrupted,
        stopped,
    )
