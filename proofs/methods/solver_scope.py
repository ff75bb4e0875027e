"""Which claims the SMT solvers decide, and how their lengths are asked.

A bounded claim at (n, F) (docs/semantics.md#claims) is encoded as one SMT query per length
(:mod:`mesaform.proofs.methods.solver_queries`) and decided by
:func:`mesaform.proofs.methods.solver_claims.check_with_solver`, the one place where a
solver's answers become an outcome. This module says which claims are encoded and how
the lengths are asked, without importing a solver.

Main definitions:

- :func:`solver_supports` -- ``None`` when a claim can be encoded, else why not;
- :func:`incremental_applies` -- whether the lengths are asked of *one* solver
  instance holding one query built once (a word of up to ``n`` bits whose length is
  a constant the solver assumes ``= l`` at each length; Bitwuzla, or Z3 for an
  evaluator that never moves left, :func:`never_moves_left`), instead of
  a fresh query and solver per length: same answers, same first (shortest)
  counterexample, measured faster (docs/solvers.md).

The checking methods ``z3``, ``cvc5`` and ``bitwuzla`` are
:mod:`mesaform.proofs.methods.solver_methods`.

What is encoded (docs/solvers.md): base objectives ``code_ones`` (any bound),
``productivity`` and ``busyness`` (``t`` runs as a program, so the bound must keep
tables: ``states=k``, or ``tables_only``, split by the number of states);
mesa side a :class:`~mesaform.spec.claims.MesaProgram` whose evaluator is a Table;
predicates inner, approximate and order alignment.
"""

from __future__ import annotations

from typing import Literal

from mesaform.spec.claims import Claim, LibraryObjective, MesaProgram
from mesaform.spec.library import RUN_READINGS
from mesaform.spec.programs import RIGHT, Mesa, Table, decode

SolverName = Literal["z3", "cvc5", "bitwuzla"]
SOLVERS: tuple[SolverName, ...] = ("z3", "cvc5", "bitwuzla")
INCREMENTAL_SOLVERS: tuple[SolverName, ...] = ("z3", "bitwuzla")
"""The solvers that ask every length of one query built once (under assumptions)."""
ENCODED_BASE_OBJECTIVES = ("code_ones", *RUN_READINGS)
"""The library objectives the SMT encoding covers: ``code_ones`` and the busy-beaver ones."""


MAX_ENCODED_FUEL = 1 << 16
"""The encoding unrolls every step over a tape of ``2F + 1`` cells or more; beyond this fuel
the bit-vectors outgrow what a solver can take (Z3 refuses widths past 2^32)."""


class UnsupportedClaim(ValueError):
    """The claim has a side or bound the SMT encoding does not cover."""


def solver_supports(claim: Claim) -> str | None:
    """Return ``None`` if the SMT encoding covers ``claim``, else the reason it does not."""
    try:
        mesa_evaluator(claim)
        check_base(claim)
    except UnsupportedClaim as error:
        return str(error)
    return None


def check_base(claim: Claim) -> str:
    if not isinstance(claim.base, LibraryObjective):
        raise UnsupportedClaim(
            "the base objective is a user's Python function; the SMT encoding covers the "
            f"library objectives {', '.join(ENCODED_BASE_OBJECTIVES)}"
        )
    name = claim.base.name
    if name not in ENCODED_BASE_OBJECTIVES:
        raise UnsupportedClaim(
            f"the base objective {name} has no SMT encoding; encoded are "
            f"{', '.join(ENCODED_BASE_OBJECTIVES)} (use enumeration)"
        )
    bound = claim.bound
    if name in RUN_READINGS and bound.fuel > MAX_ENCODED_FUEL:
        raise UnsupportedClaim(
            f"{name} runs t for the bound's fuel {bound.fuel}, more than {MAX_ENCODED_FUEL}, "
            "the largest the SMT encoding unrolls"
        )
    if name in RUN_READINGS and bound.states is None and not bound.tables_only:
        raise UnsupportedClaim(
            f"{name} runs t as a program, and a t starting with 1 is a Mesa program, whose "
            "run is not encoded: restrict the bound to tables (states=k or tables_only)"
        )
    return name


def mesa_evaluator(claim: Claim) -> tuple[Table, int]:
    if not isinstance(claim.mesa, MesaProgram):
        raise UnsupportedClaim(
            "the mesa side is a user's Python function; the SMT encoding covers a Mesa "
            "program's code"
        )
    program = decode(claim.mesa.code)
    assert isinstance(program, Mesa), "a MesaProgram's code starts with 1"
    evaluator = decode(program.evaluator)
    if not isinstance(evaluator, Table):
        raise UnsupportedClaim(
            "the mesa program's evaluator is itself a Mesa program; the SMT encoding runs "
            "Table evaluators only"
        )
    if program.fuel > MAX_ENCODED_FUEL:
        raise UnsupportedClaim(
            f"the evaluator's fuel {program.fuel} exceeds {MAX_ENCODED_FUEL}, the largest "
            "the SMT encoding unrolls"
        )
    return evaluator, program.fuel


def incremental_applies(claim: Claim, solver: SolverName) -> str | None:
    """Return ``None`` if ``claim``'s lengths can be asked of one solver, else why not.

    One query built once holds a word of up to ``n`` bits and its length, a constant
    the solver *assumes* equal to ``l`` at length ``l`` (Z3: ``check(assumptions)``;
    Bitwuzla: ``check_sat(assumptions)``), so the run is unrolled once and what the
    solver learns at one length serves the next. It covers one query per length (no
    split by the number of states) and the predicates decided one query at a time.
    """
    if solver not in INCREMENTAL_SOLVERS:
        return f"{solver} is run once per query"
    if claim.predicate == "order-alignment":
        return "order alignment strengthens its queries step by step"
    base = claim.base
    if not isinstance(base, LibraryObjective) or base.name != "code_ones":
        return "a base objective that runs t is split by its number of states"
    if claim.bound.states is not None:
        return "the bound is split by the number of states"
    if solver == "z3":
        try:
            evaluator, _ = mesa_evaluator(claim)
        except UnsupportedClaim as error:
            return str(error)
        if not never_moves_left(evaluator):
            return (
                "the evaluator moves left, where Z3 holding the query built once was measured "
                "far slower than one query per length"
            )
    return None


def never_moves_left(table: Table) -> bool:
    """Return whether every transition of ``table`` moves right (its head position is the step).

    Asked of one Z3 solver, a query built once over a symbolic length stays small only
    when the evaluator's head position does not depend on ``t``: measured
    (docs/solvers.md), the 4-state doubling evaluator (it moves left) held Z3 for more
    than a minute at ``|t| = 0`` of an ``n = 8`` bound that one query per length
    refutes in seconds; Bitwuzla answers it in one solver as fast as per length.
    """
    return all(transition is None or transition.move == RIGHT for transition in table.transitions)
