"""Bounded claims decided by an SMT solver: Z3, or cvc5 on the exported SMT-LIB2.

Formalizes issue 4's "A bounded claim at (n, F) becomes one query: some t with
|t| <= n is in dom(U_m) and U(t) != U_m(t). unsat -> proved (method z3, with the
bound); sat -> the model's t is decoded and replayed ...; unknown or timeout ->
unknown with the reason", for the predicates of :mod:`spec.claims` (DESIGN.md §4,
§6).

Main definitions:

- :func:`solver_supports` -- ``None`` when a claim can be encoded, else why not;
- :func:`claim_queries` -- the claim's negation as SMT queries, one per length
  ``|t| = l`` (``l = 0..n``; for order alignment one per pair of lengths), each a
  :class:`SolverQuery`; the claim holds in the bound iff every query is unsat;
- :func:`check_with_solver` -- run the queries with Z3 or cvc5 and return a
  :class:`~proofs.outcome.MethodOutcome`: ``Proved`` (bound, method, strings
  covered), ``Found`` (the decoded machines, for the checker to replay), or
  ``Unknown`` (with the reason).

What is encoded (docs/solvers.md): base objectives ``code_ones`` (any bound),
``productivity`` and ``busyness`` (``t`` runs as a program, so the bound must keep
tables: ``states=k``, or ``tables_only``, split by the number of states);
mesa side a :class:`~spec.claims.MesaProgram` whose evaluator is a Table;
predicates inner, approximate and order alignment.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import z3

from proofs.outcome import Found, MethodOutcome
from proofs.smt2 import run_cvc5, smt2_text, write_smt2
from proofs.symbolic import (
    SymbolicWord,
    concrete_table,
    count_width,
    decodes_to_states,
    run_symbolic,
    table_of_code,
    word_of_length,
)
from spec.claims import Claim, LibraryObjective, MesaProgram
from spec.machines import TM
from spec.programs import Mesa, Table, decode, encode
from spec.verdicts import Bound, Proved, Unknown

SolverName = Literal["z3", "cvc5"]
ENCODED_BASE_OBJECTIVES = ("code_ones", "productivity", "busyness")
RUNS_THE_CANDIDATE = ("productivity", "busyness")


class UnsupportedClaim(ValueError):
    """The claim has a side or bound the SMT encoding does not cover."""


@dataclass(frozen=True)
class SolverQuery:
    """One SMT query: its ``assertions`` are satisfiable iff a counterexample is in its case.

    ``words`` are the symbolic machines (``(t,)``, or ``(s, t)`` for order
    alignment), ``case`` says which part of the bound the query covers, and
    ``covers`` counts the strings of that part.
    """

    name: str
    assertions: tuple[z3.BoolRef, ...]
    words: tuple[SymbolicWord, ...]
    case: str
    covers: int
    base_values: tuple[z3.BitVecRef, ...]
    mesa_values: tuple[z3.BitVecRef, ...]


def solver_supports(claim: Claim) -> str | None:
    """Return ``None`` if the SMT encoding covers ``claim``, else the reason it does not."""
    try:
        _mesa_evaluator(claim)
        _check_base(claim)
    except UnsupportedClaim as error:
        return str(error)
    return None


def _check_base(claim: Claim) -> str:
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
    if name in RUNS_THE_CANDIDATE and bound.states is None and not bound.tables_only:
        raise UnsupportedClaim(
            f"{name} runs t as a program, and a t starting with 1 is a Mesa program, whose "
            "run is not encoded: restrict the bound to tables (states=k or tables_only)"
        )
    return name


def _mesa_evaluator(claim: Claim) -> tuple[Table, int]:
    if not isinstance(claim.mesa, MesaProgram):
        raise UnsupportedClaim(
            "the mesa side is a user's Python function; the SMT encoding covers a Mesa "
            "program's code"
        )
    program = decode(claim.mesa.code)
    if not isinstance(program, Mesa):
        raise UnsupportedClaim("the mesa side's code decodes to a Table, not a Mesa program")
    evaluator = decode(program.evaluator)
    if not isinstance(evaluator, Table):
        raise UnsupportedClaim(
            "the mesa program's evaluator is itself a Mesa program; the SMT encoding runs "
            "Table evaluators only"
        )
    return evaluator, program.fuel


def strings_in_bound(bound: Bound) -> int:
    """Return how many machines ``t`` the bound covers (as enumeration would count them)."""
    n = bound.max_length
    if bound.states is not None:
        k = bound.states
        with_header = 1 << (n - k - 1) if n >= k + 1 else 0
        return with_header + (1 if k == 0 else 0)
    if bound.tables_only:
        return 1 << n
    return (1 << (n + 1)) - 1


def _strings_of_length(bound: Bound, length: int) -> int:
    if length == 0:
        return 1 if bound.states in (None, 0) else 0
    below = Bound(length - 1, 0, bound.tables_only, bound.states)
    here = Bound(length, 0, bound.tables_only, bound.states)
    return strings_in_bound(here) - strings_in_bound(below)


def _strings_with_states(length: int, states: int | None, bound: Bound) -> int:
    """Return how many strings of exactly ``length`` in the bound decode to ``states`` states."""
    if states is None:
        return _strings_of_length(bound, length)
    if length == 0:
        return 1 if states == 0 else 0
    if length == states + 1:
        return 1
    return 1 << (length - states - 2) if length >= states + 2 else 0


def _state_counts(bound: Bound, length: int) -> list[int]:
    """Return the numbers of states a table code of ``length`` in the bound can have."""
    if bound.states is not None:
        k = bound.states
        fits = length >= k + 1 or (k == 0 and length == 0)
        return [k] if fits else []
    return list(range(max(1, length)))


@dataclass(frozen=True)
class _Side:
    base: z3.BitVecRef
    mesa: z3.BitVecRef
    constraints: tuple[z3.BoolRef, ...]


class _Encoder:
    """Builds the terms of both sides for machines of fixed lengths."""

    def __init__(self, claim: Claim) -> None:
        self.claim = claim
        self.objective = _check_base(claim)
        self.evaluator, self.mesa_fuel = _mesa_evaluator(claim)
        self.table = concrete_table(self.evaluator)
        bound = claim.bound
        largest = 4 * (max(bound.fuel, self.mesa_fuel) + bound.max_length) + 8
        slack = math.floor(claim.epsilon) if claim.epsilon is not None else 0
        self.width = count_width(max(largest, slack)) + 1

    def widen(self, term: z3.BitVecRef) -> z3.BitVecRef:
        extra = self.width - term.size()
        return z3.ZeroExt(extra, term) if extra > 0 else term

    def side(self, word: SymbolicWord, states: int | None) -> _Side:
        """Return U(t), U_m(t) and the constraints "t in the bound and in dom(U_m)"."""
        bound = self.claim.bound
        constraints: list[z3.BoolRef] = []
        if states is not None:
            constraints.append(decodes_to_states(word, states))
        elif bound.tables_only:
            constraints.append(z3.Or(word.length == 0, z3.Not(word.bit(0))))
        if self.objective == "code_ones":
            base = word.ones(self.width)
        else:
            assert states is not None
            own = run_symbolic(table_of_code(word, states), None, bound.fuel)
            reading = own.ones if self.objective == "productivity" else own.steps
            base = z3.If(own.halted, self.widen(reading), z3.BitVecVal(0, self.width))
        evaluation = run_symbolic(self.table, word, self.mesa_fuel)
        constraints.append(evaluation.halted)
        return _Side(base, self.widen(evaluation.ones), tuple(constraints))

    def cases(self, length: int) -> list[int | None]:
        bound = self.claim.bound
        if self.objective in RUNS_THE_CANDIDATE or bound.states is not None:
            return list(_state_counts(bound, length))
        return [None]


def claim_queries(claim: Claim) -> Iterator[SolverQuery]:
    """Yield the claim's negation as queries; the claim holds in its bound iff all are unsat.

    Raise :class:`UnsupportedClaim` when the claim cannot be encoded.
    """
    encoder = _Encoder(claim)
    n = claim.bound.max_length
    if claim.predicate == "order-alignment":
        yield from _order_queries(claim, encoder)
        return
    for length in range(n + 1):
        for states in encoder.cases(length):
            word = word_of_length("t", length, n)
            side = encoder.side(word, states)
            if claim.predicate == "inner-alignment":
                differs = side.base != side.mesa
            else:
                assert claim.epsilon is not None
                slack = z3.BitVecVal(math.floor(claim.epsilon), encoder.width)
                differs = z3.Or(
                    z3.UGT(side.base, side.mesa + slack), z3.UGT(side.mesa, side.base + slack)
                )
            suffix = "" if states is None else f"_k{states}"
            yield SolverQuery(
                name=f"len{length:03d}{suffix}",
                assertions=(*side.constraints, differs),
                words=(word,),
                case=f"|t| = {length}" + ("" if states is None else f", {states}-state tables"),
                covers=_strings_with_states(length, states, claim.bound),
                base_values=(side.base,),
                mesa_values=(side.mesa,),
            )


def _order_queries(claim: Claim, encoder: _Encoder) -> Iterator[SolverQuery]:
    n = claim.bound.max_length
    for length_s in range(n + 1):
        for length_t in range(length_s, n + 1):
            for states_s in encoder.cases(length_s):
                for states_t in encoder.cases(length_t):
                    s = word_of_length("s", length_s, n)
                    t = word_of_length("t", length_t, n)
                    side_s = encoder.side(s, states_s)
                    side_t = encoder.side(t, states_t)
                    same_ranks = z3.And(
                        z3.ULE(side_s.mesa, side_t.mesa) == z3.ULE(side_s.base, side_t.base),
                        z3.ULE(side_t.mesa, side_s.mesa) == z3.ULE(side_t.base, side_s.base),
                    )
                    yield SolverQuery(
                        name=f"len{length_s:03d}_{length_t:03d}_k{states_s}_{states_t}",
                        assertions=(*side_s.constraints, *side_t.constraints, z3.Not(same_ranks)),
                        words=(s, t),
                        case=f"|s| = {length_s}, |t| = {length_t}",
                        covers=0,
                        base_values=(side_s.base, side_t.base),
                        mesa_values=(side_s.mesa, side_t.mesa),
                    )


def _word_from_bits(word: SymbolicWord, binary: str | None) -> TM:
    """Return the word whose bit-vector value is ``binary`` (most significant bit first)."""
    if binary is None:
        return TM("0" * word.max_length)
    characters = binary[::-1]
    return TM(characters[: word.max_length].ljust(word.max_length, "0"))


def _order_pair(machines: tuple[TM, ...], base: list[int], mesa: list[int]) -> tuple[TM, ...]:
    """Return the ordered pair ``(s, t)`` whose ranks disagree (the query is symmetric)."""
    s, t = machines
    disagree = (mesa[0] <= mesa[1]) != (base[0] <= base[1])
    return (s, t) if disagree else (t, s)


def check_with_solver(
    claim: Claim,
    solver: Literal["z3", "cvc5"] = "z3",
    *,
    timeout_seconds: float = 120.0,
    smt2_dir: Path | None = None,
) -> MethodOutcome:
    """Decide ``claim`` in its bound with an SMT solver (issue 4).

    Every query unsat: :class:`~spec.verdicts.Proved` with the bound, the method and
    the strings covered. A query sat: :class:`~proofs.outcome.Found` with the
    machines decoded from the model (the checker replays them). A query unknown, or
    the time used up: :class:`~spec.verdicts.Unknown` with the reason. With
    ``smt2_dir`` every query is also written there as ``<claim>.<case>.smt2``.
    """
    reason = solver_supports(claim)
    if reason is not None:
        return Unknown(claim.bound, solver, f"not encoded for SMT: {reason}")
    started = time.monotonic()
    deadline = started + timeout_seconds
    queries = 0
    covered = 0
    for query in claim_queries(claim):
        left = deadline - time.monotonic()
        if left <= 0:
            return Unknown(
                claim.bound,
                solver,
                f"timeout after {timeout_seconds:g} s ({queries} queries unsat; "
                f"stopped before {query.case})",
            )
        text = None
        if smt2_dir is not None or solver == "cvc5":
            text = smt2_text(
                query.assertions, "QF_BV", f"mesaform claim {claim.name}: {query.case}"
            )
            if smt2_dir is not None:
                write_smt2(smt2_dir, f"{claim.name}.{query.name}", text)
        if solver == "z3":
            outcome = _z3_query(claim, query, left, covered)
        else:
            assert text is not None
            outcome = _cvc5_query(claim, query, text, left, covered)
        if outcome is not None:
            return outcome
        queries += 1
        covered += query.covers
    seconds = time.monotonic() - started
    return Proved(
        claim.bound,
        solver,
        checked=strings_in_bound(claim.bound),
        detail=(
            f"{solver}: {queries} queries unsat (one per length of t"
            f"{' pair' if claim.predicate == 'order-alignment' else ''}), {seconds:.2f} s"
        ),
    )


def _z3_query(
    claim: Claim, query: SolverQuery, seconds_left: float, done: int
) -> MethodOutcome | None:
    solver = z3.SolverFor("QF_BV")
    solver.set("timeout", max(1, int(seconds_left * 1000)))
    solver.add(*query.assertions)
    answer = solver.check()
    if answer == z3.unsat:
        return None
    if answer == z3.sat:
        model = solver.model()
        values = {
            str(declaration): format(model[declaration].as_long(), "b")
            for declaration in model.decls()
        }
        return _found(claim, query, values, "z3", done)
    return Unknown(
        claim.bound,
        "z3",
        f"z3 answered unknown on {query.case} ({solver.reason_unknown()}) after {done} "
        "strings covered",
    )


def _cvc5_query(
    claim: Claim, query: SolverQuery, text: str, seconds_left: float, done: int
) -> MethodOutcome | None:
    answer = run_cvc5(text, seconds_left)
    if answer.answer == "unsat":
        return None
    if answer.answer == "sat":
        return _found(claim, query, dict(answer.values), "cvc5", done)
    return Unknown(
        claim.bound, "cvc5", f"{answer.reason or 'cvc5 answered unknown'} on {query.case}"
    )


def _found(
    claim: Claim,
    query: SolverQuery,
    values: dict[str, str],
    method: Literal["z3", "cvc5"],
    done: int,
) -> Found:
    machines = tuple(_word_from_bits(word, values.get(str(word.bits))) for word in query.words)
    base = [_evaluate(term, query, machines) for term in query.base_values]
    mesa = [_evaluate(term, query, machines) for term in query.mesa_values]
    if len(machines) == 2:
        ordered = _order_pair(machines, base, mesa)
        if ordered != machines:
            base.reverse()
            mesa.reverse()
        machines = ordered
    shown = ", ".join(repr(str(machine)) for machine in machines)
    return Found(
        machines,
        method,
        checked=done,
        detail=(
            f"{method} model on {query.case}: machines {shown}, solver's U = {base}, "
            f"U_m = {mesa} (not yet replayed)"
        ),
    )


def _evaluate(term: z3.BitVecRef, query: SolverQuery, machines: tuple[TM, ...]) -> int:
    """Evaluate ``term`` with the query's words set to ``machines``."""
    substitutions = []
    for word, machine in zip(query.words, machines, strict=True):
        value = sum(1 << index for index, bit in enumerate(machine) if bit == "1")
        substitutions.append((word.bits, z3.BitVecVal(value, word.bits.size())))
    result = z3.simplify(z3.substitute(term, *substitutions))
    return int(result.as_long())


CODE_ONES_EVALUATOR = "0RZ0RB_0RA1RA"
"""An evaluator that erases the pair-code markers and halts after ``2|t|+1`` steps
with ``code_ones(t)`` ones: its mesa-objective is exactly ``code_ones``."""

MARKER_KEEPING_EVALUATOR = ""
"""The empty table: halts at once, keeping the input, so it scores ``|t| + code_ones(t)``."""


def code_ones_claim(max_length: int, evaluator: str = CODE_ONES_EVALUATOR) -> Claim:
    """Return the bundled claim "code_ones is inner aligned with this evaluator's U_m".

    The Mesa program has internal fuel ``2n + 1`` (enough for the evaluator on every
    ``|t| <= n``) and the bound is ``(n, 2n + 1)``; with :data:`CODE_ONES_EVALUATOR` it
    holds, with :data:`MARKER_KEEPING_EVALUATOR` it fails at ``t = "0"``.
    """
    from model.standard_format import parse_machine

    fuel = 2 * max_length + 1
    evaluator_code = parse_machine(evaluator) if evaluator else TM("")
    mesa = Mesa(2, fuel, evaluator_code, (TM("0110"), TM("1")))
    aligned = evaluator == CODE_ONES_EVALUATOR
    return Claim(
        name=f"code_ones_{'aligned' if aligned else 'misaligned'}_n{max_length}",
        predicate="inner-alignment",
        base=LibraryObjective("code_ones"),
        mesa=MesaProgram(encode(mesa)),
        bound=Bound(max_length, fuel),
        expect="holds" if aligned else "fails",
        description=f"code_ones against the evaluator {evaluator or 'ε (the empty table)'}",
    )


def encoded_sides(claim: Claim, t: str) -> tuple[int, int | None] | None:
    """Return the encoding's ``(U(t), U_m(t))`` at a concrete ``t`` (``U_m`` None outside dom).

    ``None`` when the encoding puts ``t`` outside the bound. The differential tests
    compare this with the reference objectives: it is the solver's view of one machine.
    """
    encoder = _Encoder(claim)
    machine = TM(t)
    if len(machine) > claim.bound.max_length:
        return None
    word = word_of_length("t", len(machine), claim.bound.max_length)
    value = sum(1 << index for index, bit in enumerate(machine) if bit == "1")
    substitution = (word.bits, z3.BitVecVal(value, word.bits.size()))
    for states in encoder.cases(len(machine)):
        side = encoder.side(word, states)
        *bound_constraints, defined = (
            z3.simplify(z3.substitute(c, substitution)) for c in side.constraints
        )
        if not all(z3.is_true(constraint) for constraint in bound_constraints):
            continue
        base = int(z3.simplify(z3.substitute(side.base, substitution)).as_long())
        mesa = int(z3.simplify(z3.substitute(side.mesa, substitution)).as_long())
        return base, mesa if z3.is_true(defined) else None
    return None
