"""A bounded claim's negation as SMT queries, one per length (and number of states).

Formalizes the bounded claims of docs/semantics.md#claims as satisfiability: some ``t``
with ``|t| = l`` in the bound and in ``dom(U_m)`` with ``U(t) != U_m(t)`` (approximate
alignment: ``|U(t) - U_m(t)| > epsilon``); the claim holds in the bound iff every query
is unsat. Built on the run encoding of :mod:`mesaform.proofs.symbolic.tables`.

Main definitions:

- :class:`SolverQuery`, :class:`QueryCase`, :func:`query_cases`, :func:`claim_queries`;
- :func:`encoded_sides` -- the encoding's ``(U(t), U_m(t))`` at one concrete ``t``
  (the differential tests compare it with the reference objectives).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, replace

import z3

from mesaform.proofs.methods.solver_scope import check_base, mesa_evaluator
from mesaform.proofs.symbolic.tables import (
    SymbolicWord,
    concrete_table,
    count_width,
    decodes_to_states,
    run_symbolic,
    table_of_code,
    word_of_length,
)
from mesaform.spec.claims import Claim
from mesaform.spec.library import RUN_READINGS
from mesaform.spec.machines import TM
from mesaform.spec.verdicts import Bound


@dataclass(frozen=True)
class SolverQuery:
    """One SMT query: its ``assertions`` are satisfiable iff a counterexample is in its case.

    ``words`` are the symbolic machines (``(t,)``, or ``(s, t)`` for order
    alignment), ``case`` says which part of the bound the query covers, and
    ``covers`` counts the strings of that part. ``domain`` asserts only "``t`` in the
    case and in ``dom(U_m)``" (satisfiable iff ``dom(U_m)`` meets the case), and
    ``length`` is ``|t|``.
    """

    name: str
    assertions: tuple[z3.BoolRef, ...]
    words: tuple[SymbolicWord, ...]
    case: str
    covers: int
    base_values: tuple[z3.BitVecRef, ...]
    mesa_values: tuple[z3.BitVecRef, ...]
    domain: tuple[z3.BoolRef, ...] = ()
    length: int = 0


def _strings_with_states(length: int, states: int | None, bound: Bound) -> int:
    """Return how many strings of exactly ``length`` in the bound decode to ``states`` states."""
    of_states = bound if states is None else replace(bound, states=states)
    return of_states.count_of_length(length)


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

    def __init__(self, claim: Claim, *, step_changes: bool = True) -> None:
        self.claim = claim
        self.step_changes = step_changes
        self.objective = check_base(claim)
        self.evaluator, self.mesa_fuel = mesa_evaluator(claim)
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
        if self.objective == "code_ones" and self.step_changes:
            # U_m = ones of the input tape (|t| + code_ones(t)) + Σ (write - read): the
            # solver compares |t| + change with 0 instead of two population counts.
            change = z3.SignExt(self.width - evaluation.change.size(), evaluation.change)
            mesa = base + self.widen(word.length) + change
            return _Side(base, mesa, tuple(constraints))
        return _Side(base, self.widen(evaluation.ones), tuple(constraints))

    def cases(self, length: int) -> list[int | None]:
        bound = self.claim.bound
        if self.objective in RUN_READINGS or bound.states is not None:
            return list(_state_counts(bound, length))
        return [None]


@dataclass(frozen=True)
class QueryCase:
    """One query's place in the bound, known without building it: ``|t| = length``
    (and ``states``-state tables), its ``name``, ``case`` in words, and the strings it
    ``covers``."""

    length: int
    states: int | None
    name: str
    case: str
    covers: int


def query_cases(claim: Claim) -> list[QueryCase]:
    """Return the claim's query cases, in the order :func:`claim_queries` builds them."""
    return _cases(_Encoder(claim))


def _cases(encoder: _Encoder) -> list[QueryCase]:
    bound = encoder.claim.bound
    cases = []
    for length in range(bound.max_length + 1):
        for states in encoder.cases(length):
            suffix = "" if states is None else f"_k{states}"
            cases.append(
                QueryCase(
                    length,
                    states,
                    f"len{length:03d}{suffix}",
                    f"|t| = {length}" + ("" if states is None else f", {states}-state tables"),
                    _strings_with_states(length, states, bound),
                )
            )
    return cases


def claim_queries(claim: Claim, *, step_changes: bool = True) -> Iterator[SolverQuery]:
    """Yield the claim's one-machine queries, one per length ``|t| = l`` (and state count).

    For inner alignment "``t`` in the bound and in ``dom(U_m)`` and ``U(t) != U_m(t)``",
    for approximate alignment "... and ``|U(t) - U_m(t)| > epsilon``": the claim
    holds in its bound iff every query is unsat. For order alignment the query
    says only "``t`` in the bound and in ``dom(U_m)``"; :func:`check_with_solver`
    strengthens it step by step (see :func:`_check_order`). Raise
    :class:`UnsupportedClaim` when the claim cannot be encoded.
    """
    encoder = _Encoder(claim, step_changes=step_changes)
    for case in _cases(encoder):
        yield _build_query(encoder, case)


def _build_query(encoder: _Encoder, case: QueryCase) -> SolverQuery:
    claim = encoder.claim
    word = word_of_length("t", case.length, claim.bound.max_length)
    side = encoder.side(word, case.states)
    conditions = _differs(encoder, side)
    return SolverQuery(
        name=case.name,
        assertions=(*side.constraints, *conditions),
        words=(word,),
        case=case.case,
        covers=case.covers,
        base_values=(side.base,),
        mesa_values=(side.mesa,),
        domain=side.constraints,
        length=case.length,
    )


def _differs(encoder: _Encoder, side: _Side) -> tuple[z3.BoolRef, ...]:
    """Return "``U(t)`` and ``U_m(t)`` break the predicate" (nothing for order alignment)."""
    claim = encoder.claim
    if claim.predicate == "inner-alignment":
        return (side.base != side.mesa,)
    if claim.predicate == "approximate-alignment":
        assert claim.epsilon is not None
        slack = z3.BitVecVal(math.floor(claim.epsilon), encoder.width)
        return (z3.Or(z3.UGT(side.base, side.mesa + slack), z3.UGT(side.mesa, side.base + slack)),)
    return ()


def _word_from_bits(word: SymbolicWord, binary: str | None) -> TM:
    """Return the word whose bit-vector value is ``binary`` (most significant bit first)."""
    if binary is None:
        return TM("0" * word.max_length)
    characters = binary[::-1]
    return TM(characters[: word.max_length].ljust(word.max_length, "0"))


def _order_pair(
    machines: tuple[TM, TM], base: tuple[int, int], mesa: tuple[int, int]
) -> tuple[TM, TM]:
    """Return the ordered pair ``(s, t)`` whose ranks disagree (one order of it does)."""
    s, t = machines
    disagree = (mesa[0] <= mesa[1]) != (base[0] <= base[1])
    return (s, t) if disagree else (t, s)


def _values(query: SolverQuery, machine: TM) -> tuple[int, int]:
    """Return the encoded ``(U, U_m)`` of ``machine`` in a one-machine query."""
    (word,) = query.words
    value = sum(1 << index for index, bit in enumerate(machine) if bit == "1")
    substitution = (word.bits, z3.BitVecVal(value, word.bits.size()))
    (base,), (mesa,) = query.base_values, query.mesa_values
    evaluate = [z3.simplify(z3.substitute(term, substitution)) for term in (base, mesa)]
    return int(evaluate[0].as_long()), int(evaluate[1].as_long())


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
