"""The SMT solvers as checking methods: ``z3``, ``cvc5`` and ``bitwuzla``.

Formalizes the bounded claims of docs/semantics.md#claims decided as SMT queries, one per
length (:mod:`mesaform.proofs.methods.solver_queries`), whose answers become an outcome
in one place (:func:`mesaform.proofs.methods.solver_claims.check_with_solver`): unsat at
every length is a proof, sat a counterexample to replay, unknown or a timeout unknown.

Main definitions: :class:`SolverMethod` (one registered per solver), :func:`query_size`,
:data:`INCREMENTAL_ADVANTAGE`, :data:`EXPORT_PENALTY`.
"""

from __future__ import annotations

from mesaform.proofs.checking.options import CheckOptions
from mesaform.proofs.checking.outcome import MethodOutcome
from mesaform.proofs.methods.interface import Budget, CostEstimate, Family
from mesaform.proofs.methods.registry import register
from mesaform.proofs.methods.solver_scope import (
    SOLVERS,
    SolverName,
    incremental_applies,
    mesa_evaluator,
    solver_supports,
)
from mesaform.spec.claims import Claim


def query_size(claim: Claim) -> int:
    """Return one query's unrolled size: ``lengths x evaluator states x fuel`` transition
    choices (the claim must be encoded, :func:`solver_supports`)."""
    evaluator, fuel = mesa_evaluator(claim)
    return (claim.bound.max_length + 1) * max(1, evaluator.states) * max(1, fuel)


INCREMENTAL_ADVANTAGE = 2
"""Measured (docs/solvers.md): asked incrementally, Bitwuzla took 0.3 to 0.8 times Z3's
time, on the 2-state bundled evaluator as on the 50-state ones; ``auto`` weighs Z3 at
this many times Bitwuzla's work ..."""

EXPORT_PENALTY = 4
"""... and a solver that reads each query as exported SMT-LIB2 text (cvc5 always,
Bitwuzla where one solver cannot hold every length) at this many times, per query the
slower (docs/solvers.md)."""


class SolverMethod:
    """One SMT solver as a checking method of the ``solver`` family.

    It covers what the encoding covers (:func:`solver_supports`); it decides through
    :func:`mesaform.proofs.methods.solver_claims.check_with_solver` within the budget's
    seconds (else the options' ``timeout_seconds``), by length across a checkpoint or a
    cluster (:class:`~mesaform.proofs.checking.options.Spread`) except for order
    alignment, whose lengths build on each other.
    """

    family: Family = "solver"

    def __init__(self, name: SolverName) -> None:
        self.name: SolverName = name

    def why_not(self, claim: Claim, options: CheckOptions) -> str | None:
        """Return why the SMT encoding does not cover ``claim``, or ``None``."""
        return solver_supports(claim)

    def estimate(self, claim: Claim) -> CostEstimate:
        """Return the query's size, weighed by how this solver is asked (measured)."""
        size = query_size(claim)
        incremental = incremental_applies(claim, self.name)
        if self.name == "bitwuzla" and incremental is None:
            work = size
            how = (
                "every length is asked of one solver holding the query built once, where "
                "Bitwuzla was measured faster than Z3"
            )
        elif self.name == "z3":
            work = INCREMENTAL_ADVANTAGE * size
            how = (
                "Z3 asks every length of one solver holding the query built once"
                if incremental is None
                else f"{incremental}, where Z3's per-query pipeline was measured the faster"
            )
        else:
            work = EXPORT_PENALTY * size
            how = f"{self.name} reads each length's query as SMT-LIB2 text"
        return CostEstimate(
            work, True, f"a query of about {size:,} transition choices; {self.name}: {how}"
        )

    def decide(self, claim: Claim, options: CheckOptions, budget: Budget) -> MethodOutcome:
        """Decide ``claim`` with this solver (by length across a spread)."""
        from mesaform.proofs.methods.solver_claims import check_with_solver

        seconds = budget.seconds if budget.seconds is not None else options.timeout_seconds
        spread = options.spread
        if spread is None or not self.spreads(claim):
            return check_with_solver(
                claim, self.name, timeout_seconds=seconds, smt2_dir=options.smt2_dir
            )
        store = spread.checkpoint.store(claim) if spread.checkpoint else None
        known = store.known() if store is not None else {}
        if spread.lengths is not None:
            known = spread.lengths.decide_lengths(
                claim, self.name, known, seconds, options.smt2_dir
            )
            if store is not None:
                for name, answer in known.items():
                    if answer.answer != "unknown":
                        store.record_answer(name, answer)
        return check_with_solver(
            claim,
            self.name,
            timeout_seconds=seconds,
            smt2_dir=options.smt2_dir,
            known=known,
            record=store.record_answer if store is not None else None,
        )

    def spreads(self, claim: Claim) -> bool:
        """Return whether the claim's queries are decided one length at a time, apart."""
        return claim.predicate != "order-alignment" and solver_supports(claim) is None


for _name in SOLVERS:
    register(SolverMethod(_name))
