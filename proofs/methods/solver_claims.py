"""Bounded claims decided by an SMT solver: Z3, or cvc5 or Bitwuzla on the exported SMT-LIB2.

A bounded claim at (n, F) becomes one query: some t with |t| <= n is in dom(U_m)
and U(t) != U_m(t). unsat -> proved (method z3, with the bound); sat -> the model's
t is decoded and replayed through the reference interpreter; unknown or timeout ->
unknown with the reason. This holds for the predicates of :mod:`mesaform.spec.claims`
(docs/semantics.md#claims, #verdicts).

Main definitions:

- :func:`solver_supports` -- ``None`` when a claim can be encoded, else why not;
- :func:`claim_queries` -- the claim's negation as SMT queries, one per length
  ``|t| = l`` (``l = 0..n``; for order alignment one per pair of lengths), each a
  :class:`SolverQuery`; the claim holds in the bound iff every query is unsat;
- :func:`check_with_solver` -- run the queries with Z3, cvc5 or Bitwuzla and return a
  :class:`~mesaform.proofs.checking.outcome.MethodOutcome`: ``Proved`` (bound, method, strings
  covered), ``Found`` (the decoded machines, for the checker to replay), or
  ``Unknown`` (with the reason); the one place where a solver's answers become an
  outcome, whichever solver and mode gave them;
- :func:`incremental_applies` -- whether the lengths are asked of *one* solver
  instance holding one query built once (a word of up to ``n`` bits whose length is
  a constant the solver assumes ``= l`` at each length; Bitwuzla, or Z3 for an
  evaluator that never moves left, :func:`never_moves_left`), instead of
  a fresh query and solver per length: same answers, same first (shortest)
  counterexample, measured faster (docs/solvers.md).

What is encoded (docs/solvers.md): base objectives ``code_ones`` (any bound),
``productivity`` and ``busyness`` (``t`` runs as a program, so the bound must keep
tables: ``states=k``, or ``tables_only``, split by the number of states);
mesa side a :class:`~mesaform.spec.claims.MesaProgram` whose evaluator is a Table;
predicates inner, approximate and order alignment.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import z3

from mesaform.proofs.checking.outcome import Found, MethodOutcome
from mesaform.proofs.symbolic.smt2 import (
    SolverAnswer,
    run_cvc5,
    smt2_text,
    write_smt2,
    z3_unknown_reason,
)
from mesaform.proofs.symbolic.tables import (
    SymbolicWord,
    concrete_table,
    count_width,
    decodes_to_states,
    run_symbolic,
    symbolic_word,
    table_of_code,
    word_of_length,
)
from mesaform.spec.claims import Claim, LibraryObjective, MesaProgram
from mesaform.spec.library import RUN_READINGS
from mesaform.spec.machines import TM
from mesaform.spec.programs import RIGHT, Mesa, Table, decode
from mesaform.spec.verdicts import Bound, DomainAtLength, Proved, Unknown
from mesaform.spec.words import plural

if TYPE_CHECKING:
    from mesaform.proofs.symbolic.bitwuzla_solver import BitwuzlaQuery

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


def _mesa_evaluator(claim: Claim) -> tuple[Table, int]:
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


@dataclass(frozen=True)
class QueryAnswer:
    """One solver call: ``sat``/``unsat``/``unknown``, the machine of a model, the reason."""

    answer: Literal["sat", "unsat", "unknown"]
    machine: TM | None = None
    reason: str = ""


class _Session:
    """Runs queries with one solver under one deadline, exporting each as SMT-LIB2."""

    def __init__(
        self, claim: Claim, solver: SolverName, deadline: float, smt2_dir: Path | None
    ) -> None:
        self.claim = claim
        self.solver = solver
        self.deadline = deadline
        self.smt2_dir = smt2_dir
        self.calls = 0

    def seconds_left(self) -> float:
        return self.deadline - time.monotonic()

    def decide(
        self, query: SolverQuery, extra: tuple[z3.BoolRef, ...] = (), label: str = ""
    ) -> QueryAnswer:
        left = self.seconds_left()
        if left <= 0:
            return QueryAnswer("unknown", reason=f"timeout before {query.case}")
        assertions = (*query.assertions, *extra)
        self.calls += 1
        text = None
        if self.smt2_dir is not None or self.solver in ("cvc5", "bitwuzla"):
            text = smt2_text(assertions, "QF_BV", f"mesaform claim {self.claim.name}: {query.case}")
            if self.smt2_dir is not None:
                write_smt2(self.smt2_dir, f"{self.claim.name}.{query.name}{label}", text)
        (word,) = query.words
        if self.solver in ("cvc5", "bitwuzla"):
            assert text is not None
            if self.solver == "cvc5":
                answer = run_cvc5(text, left, CVC5_BIT_VECTOR_OPTIONS)
            else:
                from mesaform.proofs.symbolic.bitwuzla_solver import run_bitwuzla

                answer = run_bitwuzla(text, left)
            if answer.answer == "sat":
                return QueryAnswer("sat", _word_from_bits(word, answer.values.get(str(word.bits))))
            reason = answer.reason or f"{self.solver} answered unknown"
            return QueryAnswer(answer.answer, reason=reason)
        solver = z3_bit_vector_solver()
        solver.set("timeout", max(1, int(left * 1000)))
        solver.add(*assertions)
        result = solver.check()
        if result == z3.sat:
            value = solver.model().eval(word.bits, model_completion=True).as_long()
            return QueryAnswer("sat", _word_from_bits(word, format(value, "b")))
        if result == z3.unsat:
            return QueryAnswer("unsat")
        return _z3_unknown(solver)


CVC5_BIT_VECTOR_OPTIONS = {"bitblast": "eager"}
"""cvc5 bit-blasts the whole query first (measured: its default lazy strategy times out
on the |t| = 16 query of the aligned code_ones claim, eager answers in ~4 s)."""


def _z3_unknown(solver: z3.Solver) -> QueryAnswer:
    """Return Z3's unknown answer with its reason (Ctrl-C raises: :func:`z3_unknown_reason`)."""
    return QueryAnswer("unknown", reason=f"z3 answered unknown ({z3_unknown_reason(solver)})")


"""Z3's reason for unknown when Ctrl-C stopped the check (a timeout gives ``timeout``)."""


def z3_bit_vector_solver() -> z3.Solver:
    """Return the Z3 solver used for bit-vector queries: simplify, bit-blast, SAT.

    Measured (docs/solvers.md): Z3's default QF_BV strategy times out on runs whose
    head path depends on the input, where this pipeline answers in a fraction of a second.
    """
    return z3.Then("simplify", "bit-blast", "sat").solver()


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
            evaluator, _ = _mesa_evaluator(claim)
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


class _Incremental:
    """Every length of a claim asked of one solver holding the query built once.

    The word ``t`` has ``n`` bits (zero past its length) and a length constant
    ``t_length``; ``t_differs`` implies that ``U`` and ``U_m`` break the predicate.
    Length ``l`` is asked under the assumptions ``t_length = l`` and ``t_differs``;
    its domain question under ``t_length = l`` alone.
    """

    LENGTH = "t_length"
    DIFFERS = "t_differs"

    def __init__(self, encoder: _Encoder, session: _Session) -> None:
        self.session = session
        self.word, wellformed = symbolic_word("t", encoder.claim.bound.max_length)
        side = encoder.side(self.word, None)
        self.differs = z3.Bool(self.DIFFERS)
        (differs,) = _differs(encoder, side)  # no unary "and": Bitwuzla refuses it
        assertions = (*wellformed, *side.constraints, z3.Implies(self.differs, differs))
        self.z3: z3.Solver | None = None
        self.bitwuzla: BitwuzlaQuery | None = None
        if session.solver == "bitwuzla":
            from mesaform.proofs.symbolic.bitwuzla_solver import BitwuzlaQuery

            claim = encoder.claim
            text = smt2_text(assertions, "QF_BV", f"mesaform claim {claim.name}: every length")
            self.bitwuzla = BitwuzlaQuery(text)
        else:
            self.z3 = z3.SolverFor("QF_BV")
            self.z3.add(*assertions)

    def decide(self, length: int, differs: bool = True) -> QueryAnswer:
        """Ask for a ``t`` of ``length`` in the bound and ``dom(U_m)`` (and differing)."""
        left = self.session.seconds_left()
        if left <= 0:
            return QueryAnswer("unknown", reason=f"timeout before |t| = {length}")
        self.session.calls += 1
        if self.bitwuzla is not None:
            flags = (self.DIFFERS,) if differs else ()
            answer = self.bitwuzla.check(left, {self.LENGTH: length}, flags)
            return _length_answer(answer, "bitwuzla", self.word, length)
        assert self.z3 is not None
        self.z3.set("timeout", max(1, int(left * 1000)))
        assumptions = [self.word.length == length, *([self.differs] if differs else [])]
        result = self.z3.check(*assumptions)
        if result == z3.sat:
            value = self.z3.model().eval(self.word.bits, model_completion=True).as_long()
            binary = format(value, "b")
            return _length_answer(SolverAnswer("sat", {"t_bits": binary}), "z3", self.word, length)
        if result == z3.unsat:
            return QueryAnswer("unsat")
        return _z3_unknown(self.z3)

    def domain(self, nonempty: set[int]) -> tuple[DomainAtLength, ...]:
        """Return, per length, whether ``dom(U_m)`` meets the bound (:func:`domain_by_length`)."""
        statuses: list[DomainAtLength] = []
        for length in range(self.word.max_length + 1):
            answer = QueryAnswer("sat") if length in nonempty else self.decide(length, False)
            statuses.append(_DOMAIN_STATUS[answer.answer])
        return tuple(statuses)


_DOMAIN_STATUS: dict[str, DomainAtLength] = {
    "sat": "nonempty",
    "unsat": "empty",
    "unknown": "unknown",
}


def _length_answer(
    answer: SolverAnswer, solver: str, word: SymbolicWord, length: int
) -> QueryAnswer:
    """Return the answer at ``|t| = length``: on sat, ``t`` is the model's first ``length`` bits."""
    if answer.answer == "sat":
        bits = answer.values.get(str(word.bits))
        return QueryAnswer("sat", TM(str(_word_from_bits(word, bits))[:length]))
    return QueryAnswer(answer.answer, reason=answer.reason or f"{solver} answered unknown")


def check_with_solver(
    claim: Claim,
    solver: SolverName = "z3",
    *,
    timeout_seconds: float = 120.0,
    smt2_dir: Path | None = None,
    known: Mapping[str, QueryAnswer] | None = None,
    record: Callable[[str, QueryAnswer], None] | None = None,
    incremental: bool = True,
) -> MethodOutcome:
    """Decide ``claim`` in its bound with an SMT solver.

    Every query unsat: :class:`~mesaform.spec.verdicts.Proved` with the bound, the method and
    the strings covered. A query sat: :class:`~mesaform.proofs.checking.outcome.Found` with the
    machines decoded from the model (the checker replays them). A query unknown, or
    ``timeout_seconds`` (the budget for the whole claim) used up:
    :class:`~mesaform.spec.verdicts.Unknown` with the reason. With ``smt2_dir`` every query is
    also written there as ``<claim>.<case>.smt2``.

    ``known`` holds answers already decided (by a checkpoint, or a cluster's tasks),
    by query name: those queries are not run again. ``record(name, answer)`` is
    called with every sat or unsat answer decided here (order alignment, decided
    step by step, neither reads nor records them).

    With ``incremental`` (the default) and where :func:`incremental_applies`, the
    lengths are asked of one solver holding the query built once; with ``smt2_dir``,
    ``known`` or ``record`` the check runs one query per length, as it exports and
    records them.
    """
    reason = solver_supports(claim)
    if reason is not None:
        return Unknown(claim.bound, solver, f"not encoded for SMT: {reason}")
    started = time.monotonic()
    session = _Session(claim, solver, started + timeout_seconds, smt2_dir)
    if claim.predicate == "order-alignment":
        return _check_order(claim, session, started)
    covered = 0
    encoder = _Encoder(claim)
    cases = _cases(encoder)
    queries: list[SolverQuery] = []
    shared = None
    if (
        incremental
        and smt2_dir is None
        and known is None
        and record is None
        and incremental_applies(claim, solver) is None
    ):
        shared = _Incremental(encoder, session)
    for case in cases:
        answer = known.get(case.name) if known is not None else None
        query = None
        if answer is None and shared is not None:
            answer = shared.decide(case.length)
        elif answer is None:
            query = _build_query(encoder, case)
            answer = session.decide(query)
            if record is not None and answer.answer != "unknown":
                record(case.name, answer)
        if shared is None:
            queries.append(query or _build_query(encoder, case))
        if answer.answer == "sat":
            assert answer.machine is not None
            base, mesa = _values(query or _build_query(encoder, case), answer.machine)
            return Found(
                (answer.machine,),
                solver,
                checked=covered,
                detail=(
                    f"{solver} model on {case.case}: t = {str(answer.machine)!r}, "
                    f"encoded U = {base}, U_m = {mesa} (replay pending)"
                ),
            )
        if answer.answer == "unknown":
            return Unknown(
                claim.bound,
                solver,
                f"{answer.reason} on {case.case}, after {plural(covered, 'string')} covered "
                f"({time.monotonic() - started:.1f} s of {timeout_seconds:g} s)",
            )
        covered += case.covers
    mode = "one per length of t"
    if shared is not None:
        domain = shared.domain(set())
        mode += " (asked of one solver holding the query built once)"
    else:
        domain = domain_by_length(session, queries, set())
    return Proved(
        claim.bound,
        solver,
        checked=claim.bound.size(),
        detail=(
            f"{solver}: {plural(len(cases), 'query')} unsat, {mode}, "
            f"{time.monotonic() - started:.2f} s; {domain_summary(domain)}"
        ),
        domain_by_length=domain,
    )


def domain_by_length(
    session: _Session, queries: list[SolverQuery], nonempty: set[int]
) -> tuple[DomainAtLength, ...]:
    """Return, per length, whether ``dom(U_m)`` meets the bound there.

    One satisfiable query per length finds a witness ``t`` in ``dom(U_m)``; a length all of
    whose queries are unsat holds no string of ``dom(U_m)``, so a proof says nothing there.
    Lengths in ``nonempty`` are known to hold one already (a model was found there). A
    query the solver cannot answer in what is left of the claim's time makes its length
    unknown; the proof itself stands.
    """
    found: dict[int, DomainAtLength] = {length: "nonempty" for length in nonempty}
    for query in queries:
        if found.get(query.length) == "nonempty":
            continue
        answer = session.decide(replace(query, assertions=query.domain), label="_domain")
        if answer.answer == "unsat":
            found.setdefault(query.length, "empty")
        else:
            found[query.length] = _DOMAIN_STATUS[answer.answer]
    lengths = range(session.claim.bound.max_length + 1)
    return tuple(found.get(length, "empty") for length in lengths)


def domain_summary(domain: tuple[DomainAtLength, ...]) -> str:
    """Say in words at which lengths ``dom(U_m)`` is empty, nonempty or unknown."""
    if domain and all(status == "nonempty" for status in domain):
        return f"dom(U_m) nonempty at every length 0..{len(domain) - 1} (a witness at each)"
    parts = []
    for status, words in (
        ("empty", "dom(U_m) empty (the proof says nothing there)"),
        ("nonempty", "nonempty"),
        ("unknown", "not known"),
    ):
        lengths = [str(length) for length, seen in enumerate(domain) if seen == status]
        if lengths:
            parts.append(f"{words} at |t| = {', '.join(lengths)}")
    return "; ".join(parts) if parts else "dom(U_m) not asked"


def decide_case(
    claim: Claim,
    solver: SolverName,
    name: str,
    *,
    timeout_seconds: float = 120.0,
    smt2_dir: Path | None = None,
) -> QueryAnswer:
    """Decide the one query of ``claim`` named ``name`` (a cluster runs one per task)."""
    encoder = _Encoder(claim)
    (case,) = [case for case in _cases(encoder) if case.name == name]
    session = _Session(claim, solver, time.monotonic() + timeout_seconds, smt2_dir)
    return session.decide(_build_query(encoder, case))


def _check_order(claim: Claim, session: _Session, started: float) -> MethodOutcome:
    """Decide order alignment through the values ``U`` takes on ``dom(U_m)``.

    ``U_m`` ranks ``dom(U_m)`` as ``U`` does iff ``U_m = g(U)`` there for a strictly
    increasing ``g``. For each length, the query asks for a ``t`` in the bound and
    in ``dom(U_m)`` whose ``U(t)`` is new, or whose ``U_m(t)`` differs from the
    ``g(U(t))`` seen so far (with the machine that showed it). A new value extends
    ``g`` (and a non-increasing ``g`` gives a counterexample pair); a different
    ``U_m`` gives the pair ``(t, witness)``; unsat closes the length. Both cases are
    one condition, ``U_m(t) != G(U(t))`` with ``G`` the table of ``g`` and, off it,
    ``U_m(t) + 1`` (measured twice as fast as the disjunction of the two cases).
    """
    solver = session.solver
    witnesses: dict[int, tuple[int, TM]] = {}
    covered = 0
    queries: list[SolverQuery] = []
    nonempty: set[int] = set()
    for query in claim_queries(claim):
        queries.append(query)
        ((base_term,), (mesa_term,)) = query.base_values, query.mesa_values
        step = 0
        while True:
            expected: z3.BitVecRef = mesa_term + 1  # any value other than U_m(t)
            for u, (v, _) in sorted(witnesses.items()):
                expected = z3.If(base_term == u, z3.BitVecVal(v, mesa_term.size()), expected)
            extra = (mesa_term != expected,)
            answer = session.decide(query, extra, label=f"_step{step:03d}")
            step += 1
            if answer.answer == "unsat":
                break
            if answer.answer == "unknown":
                return Unknown(
                    claim.bound,
                    solver,
                    f"{answer.reason} on {query.case}, after {plural(covered, 'string')} covered",
                )
            assert answer.machine is not None
            nonempty.add(query.length)
            u, v = _values(query, answer.machine)
            pair = _disagreeing_pair(answer.machine, u, v, witnesses)
            if pair is not None:
                return Found(
                    pair,
                    solver,
                    checked=covered,
                    detail=(
                        f"{solver} model on {query.case}: {str(answer.machine)!r} has U = {u}, "
                        f"U_m = {v}; ranked differently from a machine found before "
                        "(replay pending)"
                    ),
                )
            witnesses[u] = (v, answer.machine)
        covered += query.covers
    increasing = ", ".join(f"{u} -> {v}" for u, (v, _) in sorted(witnesses.items()))
    calls = session.calls
    domain = domain_by_length(session, queries, nonempty)
    return Proved(
        claim.bound,
        solver,
        checked=claim.bound.size(),
        detail=(
            f"{solver}: U_m = g(U) on dom(U_m), g strictly increasing "
            f"({increasing or 'dom(U_m) is empty'}); "
            f"{plural(calls, 'query')}, {time.monotonic() - started:.2f} s; "
            f"{domain_summary(domain)}"
        ),
        domain_by_length=domain,
    )


def _disagreeing_pair(
    t: TM, u: int, v: int, witnesses: dict[int, tuple[int, TM]]
) -> tuple[TM, TM] | None:
    """Return a pair ranked differently by ``U`` and ``U_m``, if ``t`` makes one."""
    for other_u, (other_v, other) in sorted(witnesses.items()):
        same_order = (u < other_u and v < other_v) or (u > other_u and v > other_v)
        if (u == other_u and v == other_v) or same_order:
            continue
        return _order_pair((t, other), (u, other_u), (v, other_v))
    return None


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
