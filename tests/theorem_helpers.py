"""Decide a theorem with a plain Z3 call, independently of mesaform.proofs.theorems.prover.prove."""

from typing import Any

import z3

from mesaform.proofs.theorems.theorem import Theorem


def decide(theorem: Theorem) -> tuple[Any, Any]:
    """Return Z3's answer for the theorem's obligation and the model, if any.

    A theorem or unfolding's obligation is its negation (unsat proves it); a
    countermodel's is the formula itself (sat gives the witness).
    """
    solver = z3.Solver()
    solver.set("timeout", 30_000)
    formula = theorem.formula().raw
    solver.add(z3.Not(formula) if theorem.obligation == "valid" else formula)
    answer = solver.check()
    return answer, solver.model() if answer == z3.sat else None
