"""The registry of theorems and their prover (issue 4, ``mesaform prove``).

Formalizes "proves, over uninterpreted U, U_m, dom (sorts and functions in Z3, for
every function, not up to a bound), the basic facts of the formalism, each as a
named theorem ... A countermodel is a verdict too ('refuted, as stated'), printed
readably." See :mod:`proofs.theorem` for the two kinds of theorem.

Main definitions:

- :func:`all_theorems` -- every registered theorem (the lists in :data:`THEOREM_LISTS`;
  adding a module's list is one line there);
- :func:`find_theorems` -- theorems by name;
- :func:`theorem_query` -- the query a theorem is decided by (its negation for
  ``valid``, itself for ``satisfiable``), with its SMT-LIB2 logic;
- :func:`prove` -- decide one theorem with Z3 (or cvc5 on the exported SMT-LIB2)
  and return a :class:`~proofs.theorem.TheoremResult`;
- :func:`describe_model` -- a model printed with rationals as ``p/q``.
"""

from __future__ import annotations

import time
from fractions import Fraction
from pathlib import Path
from typing import Literal

import z3

from proofs.smt2 import Answer, run_cvc5, smt2_text, write_smt2
from proofs.taxonomy_theorems import TAXONOMY_THEOREMS
from proofs.theorem import Theorem, TheoremResult, TheoremStatus
from proofs.theorems_alignment import ALIGNMENT_THEOREMS
from proofs.world_theorems import WORLD_THEOREMS
from spec.objectives import rational

THEOREM_LISTS: tuple[list[Theorem], ...] = (ALIGNMENT_THEOREMS, TAXONOMY_THEOREMS, WORLD_THEOREMS)
"""The registered lists of theorems; append a module's list here to register it."""

CVC5_OPTIONS = {"finite-model-find": "true"}
"""cvc5 looks for finite models of the sort ``TM``: every quantifier ranges over it."""


def all_theorems() -> list[Theorem]:
    """Return every registered theorem, in registration order; names are unique."""
    theorems = [theorem for listed in THEOREM_LISTS for theorem in listed]
    names = [theorem.name for theorem in theorems]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ValueError(f"theorem names must be unique; repeated: {', '.join(duplicates)}")
    return theorems


def find_theorems(names: list[str] | tuple[str, ...]) -> list[Theorem]:
    """Return the theorems called ``names`` (all when empty); ``KeyError`` names a missing one."""
    registered = {theorem.name: theorem for theorem in all_theorems()}
    if not names:
        return list(registered.values())
    missing = [name for name in names if name not in registered]
    if missing:
        raise KeyError(missing[0])
    return [registered[name] for name in names]


def _has_quantifier(term: z3.ExprRef) -> bool:
    seen: set[int] = set()
    stack = [term]
    while stack:
        current = stack.pop()
        identity = current.get_id()
        if identity in seen:
            continue
        seen.add(identity)
        if z3.is_quantifier(current):
            return True
        stack.extend(current.children())
    return False


def theorem_query(theorem: Theorem) -> tuple[z3.BoolRef, str]:
    """Return the formula whose satisfiability decides ``theorem``, and its logic.

    ``valid``: the negation (unsat = proved, a model = countermodel);
    ``satisfiable``: the formula itself (a model = witness, unsat = refuted).
    """
    formula = theorem.formula()
    query = z3.Not(formula) if theorem.kind == "valid" else formula
    logic = "UFLRA" if _has_quantifier(query) else "QF_UFLRA"
    return query, logic


def _status(theorem: Theorem, answer: Answer) -> TheoremStatus:
    if answer == "unknown":
        return "unknown"
    if theorem.kind == "valid":
        return "proved" if answer == "unsat" else "refuted"
    return "proved" if answer == "sat" else "refuted"


def prove(
    theorem: Theorem,
    *,
    timeout_seconds: float = 60.0,
    smt2_dir: Path | None = None,
    solver: Literal["z3", "cvc5"] = "z3",
) -> TheoremResult:
    """Decide ``theorem`` and return its verdict with the method, time and model.

    A ``valid`` theorem whose negation has a model is ``refuted`` with that
    countermodel; a ``satisfiable`` one is ``proved`` with its witness. With
    ``smt2_dir`` the query is written there as ``<name>.smt2``.
    """
    started = time.monotonic()
    query, logic = theorem_query(theorem)
    text = None
    if smt2_dir is not None or solver == "cvc5":
        what = "negation of" if theorem.kind == "valid" else "witness for"
        text = smt2_text([query], logic, f"mesaform theorem ({what}) {theorem.name}")
        if smt2_dir is not None:
            write_smt2(smt2_dir, theorem.name, text)
    if solver == "cvc5":
        assert text is not None
        cvc5_answer = run_cvc5(text, timeout_seconds, CVC5_OPTIONS)
        status = _status(theorem, cvc5_answer.answer)
        shown = "\n".join(f"{name} = {value}" for name, value in sorted(cvc5_answer.values.items()))
        return TheoremResult(
            theorem,
            status,
            "cvc5",
            time.monotonic() - started,
            model=shown if cvc5_answer.answer == "sat" else "",
            reason=cvc5_answer.reason,
        )
    z3_solver = z3.Solver()
    z3_solver.set("timeout", max(1, int(timeout_seconds * 1000)))
    z3_solver.add(query)
    result = z3_solver.check()
    seconds = time.monotonic() - started
    if result == z3.unknown:
        return TheoremResult(
            theorem,
            "unknown",
            "z3",
            seconds,
            reason=f"z3 answered unknown ({z3_solver.reason_unknown()})",
        )
    answer: Answer = "sat" if result == z3.sat else "unsat"
    model = describe_model(z3_solver.model()) if answer == "sat" else ""
    return TheoremResult(theorem, _status(theorem, answer), "z3", seconds, model=model)


def as_fraction(value: z3.ExprRef) -> Fraction | None:
    """Return a rational model value as a ``Fraction``, or ``None`` if it is not one."""
    if z3.is_rational_value(value):
        return Fraction(value.numerator_as_long(), value.denominator_as_long())
    if z3.is_int_value(value):
        return Fraction(value.as_long())
    return None


def _show(value: z3.ExprRef, names: dict[str, str]) -> str:
    number = as_fraction(value)
    if number is not None:
        return rational(number)
    text = str(value)
    return names.get(text, text)


def describe_model(model: z3.ModelRef) -> str:
    """Print a model readably, rationals as ``p/q``.

    Each machine of the model is named after the first candidate constant that
    denotes it (``c0``), else ``m0, m1, ...``; then come the other constants
    (``epsilon = 1/2``, ``c3 = c0`` when two candidates coincide) and each
    function's table on the machines (``U: c0 -> 0, c1 -> 2``).
    """
    constants = sorted(
        (d for d in model.decls() if d.arity() == 0), key=lambda d: _natural_key(d.name())
    )
    universe = [element for sort in model.sorts() for element in model.get_universe(sort)]
    names: dict[str, str] = {}
    for declaration in constants:
        value = str(model[declaration])
        if any(value == str(element) for element in universe) and value not in names:
            names[value] = declaration.name()
    for element in universe:
        names.setdefault(str(element), f"m{len([n for n in names.values() if n[0] == 'm'])}")
    universe.sort(key=lambda element: _natural_key(names[str(element)]))
    lines: list[str] = []
    if universe:
        lines.append(f"machines: {', '.join(names[str(e)] for e in universe)}")
    for declaration in constants:
        shown = _show(model[declaration], names)
        if shown != declaration.name():
            lines.append(f"{declaration.name()} = {shown}")
    functions = sorted((d for d in model.decls() if d.arity() == 1), key=lambda d: d.name())
    for declaration in functions:
        domain = declaration.domain(0)
        elements = [e for e in universe if e.sort() == domain]
        cells = [
            f"{names.get(str(e), str(e))} -> "
            f"{_show(model.eval(declaration(e), model_completion=True), names)}"
            for e in elements
        ]
        lines.append(f"{declaration.name()}: {', '.join(cells)}")
    return "\n".join(lines)


def _natural_key(name: str) -> tuple[str, int]:
    digits = name.lstrip("abcdefghijklmnopqrstuvwxyz_ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    prefix = name[: len(name) - len(digits)]
    return (prefix, int(digits)) if digits.isdigit() else (name, -1)
