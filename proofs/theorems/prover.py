"""The registry of theorems and their prover (``mesaform prove``).

Decides each :class:`~mesaform.proofs.theorems.theorem.Theorem` with Z3, or with cvc5 on the
exported
SMT-LIB2 text. A ``theorem`` or ``unfolding`` is proved when its negation is unsat; a
``countermodel`` when its formula is sat (the model is printed as the witness). A
model of a valid statement's negation is a countermodel: the verdict is "refuted, as
stated". See docs/proved.md for what is trusted and how to reproduce a verdict.

Main definitions:

- :func:`all_theorems` -- every registered theorem (the lists in :data:`THEOREM_LISTS`);
- :func:`find_theorems` -- theorems by name;
- :func:`theorem_query` -- the query a theorem is decided by, with its SMT-LIB2 logic;
- :func:`cvc5_options` -- the options cvc5 needs for a query (finite-model finding
  when every quantifier ranges over an uninterpreted sort, eager bit-blasting on a
  bit-vector query), :func:`shown_options` -- the same on cvc5's command line;
- :func:`z3_solver` -- the Z3 solver of a theorem's query (its tactic, else Z3's default);
- :func:`prove` -- decide one theorem and return a
:class:`~mesaform.proofs.theorems.theorem.TheoremResult`;
- :func:`describe_model` -- a model printed with rationals as ``p/q``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Literal

import z3

from mesaform.proofs.methods.solver_claims import CVC5_BIT_VECTOR_OPTIONS
from mesaform.proofs.symbolic.smt2 import Answer, run_cvc5, smt2_text, write_smt2, z3_unknown_reason
from mesaform.proofs.theorems.alignment import ALIGNMENT_THEOREMS
from mesaform.proofs.theorems.mesa import MESA_THEOREMS
from mesaform.proofs.theorems.semantics import SEMANTICS_THEOREMS
from mesaform.proofs.theorems.taxonomy import TAXONOMY_THEOREMS
from mesaform.proofs.theorems.theorem import Theorem, TheoremResult, TheoremStatus
from mesaform.proofs.theorems.world import WORLD_THEOREMS
from mesaform.spec.objectives import rational

THEOREM_LISTS: tuple[list[Theorem], ...] = (
    ALIGNMENT_THEOREMS,
    TAXONOMY_THEOREMS,
    WORLD_THEOREMS,
    SEMANTICS_THEOREMS,
    MESA_THEOREMS,
)
"""The registered lists of theorems; append a module's list here to register it."""

CVC5_OPTIONS = {"finite-model-find": "true"}
"""cvc5's options for a query whose quantifiers all range over uninterpreted sorts
(machines, world states): it looks for finite models of those sorts."""


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


@dataclass(frozen=True)
class QueryFeatures:
    """What a query uses: quantifiers, integer positions, bit-vectors, and whether every
    bound variable ranges over an uninterpreted sort."""

    quantified: bool
    integers: bool
    bit_vectors: bool
    bound_only_uninterpreted: bool


def query_features(term: z3.ExprRef) -> QueryFeatures:
    """Return the features of ``term`` (a walk over its DAG)."""
    seen: set[int] = set()
    stack = [term]
    quantified = integers = bit_vectors = False
    uninterpreted_only = True
    while stack:
        current = stack.pop()
        identity = current.get_id()
        if identity in seen:
            continue
        seen.add(identity)
        if z3.is_quantifier(current):
            quantified = True
            for index in range(current.num_vars()):
                sort = current.var_sort(index)
                if sort.kind() != z3.Z3_UNINTERPRETED_SORT:
                    uninterpreted_only = False
                if sort.kind() == z3.Z3_INT_SORT:
                    integers = True
            stack.append(current.body())
            continue
        if z3.is_int(current):
            integers = True
        if z3.is_bv(current):
            bit_vectors = True
        stack.extend(current.children())
    return QueryFeatures(quantified, integers, bit_vectors, uninterpreted_only)


def query_logic(features: QueryFeatures) -> str:
    """Return the SMT-LIB2 logic of a query with these features."""
    if features.bit_vectors:
        return "BV" if features.quantified else "QF_BV"
    arithmetic = "LIRA" if features.integers else "LRA"
    return f"{'' if features.quantified else 'QF_'}UF{arithmetic}"


def cvc5_options(features: QueryFeatures) -> dict[str, str]:
    """Return cvc5's options for a query: :data:`CVC5_OPTIONS` when every quantifier ranges
    over an uninterpreted sort; eager bit-blasting on a quantifier-free bit-vector query
    (the symbolic interpreter's; measured in docs/proved.md: cvc5's default lazy strategy
    needs minutes where eager needs seconds); none otherwise (finite-model finding would
    answer unknown on a quantifier over the integers)."""
    if features.quantified and features.bound_only_uninterpreted:
        return dict(CVC5_OPTIONS)
    if features.bit_vectors and not features.quantified:
        return dict(CVC5_BIT_VECTOR_OPTIONS)
    return {}


def shown_options(options: dict[str, str]) -> str:
    """Return cvc5's options as on its command line (``--name`` for ``true``)."""
    shown = [
        f"--{name}" if value == "true" else f"--{name}={value}" for name, value in options.items()
    ]
    return " ".join(shown) or "no options"


def z3_solver(theorem: Theorem, timeout_seconds: float) -> z3.Solver:
    """Return the Z3 solver for ``theorem``'s query: its tactics in sequence, else Z3's
    default solver; with the time limit set."""
    tactic = theorem.z3_tactic
    if not tactic:
        solver = z3.Solver()
    elif len(tactic) == 1:
        solver = z3.Tactic(tactic[0]).solver()
    else:
        solver = z3.Then(*tactic).solver()
    solver.set("timeout", max(1, int(timeout_seconds * 1000)))
    return solver


def theorem_query(theorem: Theorem) -> tuple[z3.BoolRef, str]:
    """Return the formula whose satisfiability decides ``theorem``, and its logic.

    A ``theorem`` or ``unfolding``: the negation (unsat = proved, a model = a
    countermodel to the statement); a ``countermodel``: the formula itself (a model =
    the witness, unsat = refuted).
    """
    formula = theorem.formula().raw
    query = z3.Not(formula) if theorem.obligation == "valid" else formula
    return query, query_logic(query_features(query))


def _status(theorem: Theorem, answer: Answer) -> TheoremStatus:
    if answer == "unknown":
        return "unknown"
    if theorem.obligation == "valid":
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
        what = "negation of" if theorem.obligation == "valid" else "witness for"
        shown = shown_options(cvc5_options(query_features(query)))
        tactic = f"(then {' '.join(theorem.z3_tactic)})" if theorem.z3_tactic else "default"
        comment = (
            f"mesaform theorem ({what}) {theorem.name}\n"
            f"kind: {theorem.kind}; scope: {theorem.scope}\n"
            f"{'unsat' if theorem.obligation == 'valid' else 'sat'} proves it; cvc5: {shown}; "
            f"z3 tactic: {tactic}"
        )
        text = smt2_text([query], logic, comment)
        if smt2_dir is not None:
            write_smt2(smt2_dir, theorem.name, text)
    if solver == "cvc5":
        assert text is not None
        cvc5_answer = run_cvc5(text, timeout_seconds, cvc5_options(query_features(query)))
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
    session = z3_solver(theorem, timeout_seconds)
    session.add(query)
    result = session.check()
    seconds = time.monotonic() - started
    if result == z3.unknown:
        return TheoremResult(
            theorem,
            "unknown",
            "z3",
            seconds,
            reason=f"z3 answered unknown ({z3_unknown_reason(session)})",
        )
    answer: Answer = "sat" if result == z3.sat else "unsat"
    model = describe_model(session.model()) if answer == "sat" else ""
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
    functions = sorted((d for d in model.decls() if d.arity() >= 1), key=lambda d: d.name())
    for declaration in functions:
        domain = declaration.domain(0)
        if declaration.arity() > 1 or domain.kind() != z3.Z3_UNINTERPRETED_SORT:
            lines.append(f"{declaration.name()}: {_rename(str(model[declaration]), names)}")
            continue
        elements = [e for e in universe if e.sort() == domain]
        cells = [
            f"{names.get(str(e), str(e))} -> "
            f"{_show(model.eval(declaration(e), model_completion=True), names)}"
            for e in elements
        ]
        lines.append(f"{declaration.name()}: {', '.join(cells)}")
    return "\n".join(lines)


def _rename(text: str, names: dict[str, str]) -> str:
    for element in sorted(names, key=len, reverse=True):
        text = text.replace(element, names[element])
    return text


def _natural_key(name: str) -> tuple[str, int]:
    digits = name.lstrip("abcdefghijklmnopqrstuvwxyz_ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    prefix = name[: len(name) - len(digits)]
    return (prefix, int(digits)) if digits.isdigit() else (name, -1)
