"""Bounded claims decided by an SMT solver: Z3, or cvc5 or Bitwuzla on the exported SMT-LIB2.

A bounded claim at (n, F) becomes one query: some t with |t| <= n is in dom(U_m)
and U(t) != U_m(t). unsat -> proved (method z3, with the bound); sat -> the model's
t is decoded and replayed through the reference interpreter; unknown or timeout ->
unknown with the reason. This holds for the predicates of :mod:`mesaform.spec.claims`
(docs/semantics.md#claims, #verdicts).

Main definitions:

- :func:`check_with_solver` -- run the queries with Z3, cvc5 or Bitwuzla and return a
  :class:`~mesaform.proofs.checking.outcome.MethodOutcome`: ``Proved`` (bound, method, strings
  covered), ``Found`` (the decoded machines, for the checker to replay), or
  ``Unknown`` (with the reason); the one place where a solver's answers become an
  outcome, whichever solver and mode gave them;
- :class:`QueryAnswer`, :func:`decide_case` -- one query's answer (a cluster's task).

Which claims are encoded, and when the lengths are asked of one solver, is
:mod:`mesaform.proofs.methods.solver_scope`; the queries are
:mod:`mesaform.proofs.methods.solver_queries`.

What is encoded (docs/solvers.md): base objectives ``code_ones`` (any bound),
``productivity`` and ``busyness`` (``t`` runs as a program, so the bound must keep
tables: ``states=k``, or ``tables_only``, split by the number of states);
mesa side a :class:`~mesaform.spec.claims.MesaProgram` whose evaluator is a Table;
predicates inner, approximate and order alignment.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import z3

from mesaform.proofs.checking.outcome import Found, MethodOutcome
from mesaform.proofs.methods.solver_queries import QueryCase as QueryCase
from mesaform.proofs.methods.solver_queries import (
    SolverQuery,
    _build_query,
    _cases,
    _differs,
    _Encoder,
    _order_pair,
    _values,
    _word_from_bits,
)
from mesaform.proofs.methods.solver_queries import claim_queries as claim_queries
from mesaform.proofs.methods.solver_queries import encoded_sides as encoded_sides
from mesaform.proofs.methods.solver_queries import query_cases as query_cases
from mesaform.proofs.methods.solver_scope import (
    ENCODED_BASE_OBJECTIVES as ENCODED_BASE_OBJECTIVES,
)
from mesaform.proofs.methods.solver_scope import (
    INCREMENTAL_SOLVERS as INCREMENTAL_SOLVERS,
)
from mesaform.proofs.methods.solver_scope import MAX_ENCODED_FUEL as MAX_ENCODED_FUEL
from mesaform.proofs.methods.solver_scope import SOLVERS as SOLVERS
from mesaform.proofs.methods.solver_scope import SolverName as SolverName
from mesaform.proofs.methods.solver_scope import UnsupportedClaim as UnsupportedClaim
from mesaform.proofs.methods.solver_scope import incremental_applies as incremental_applies
from mesaform.proofs.methods.solver_scope import never_moves_left as never_moves_left
from mesaform.proofs.methods.solver_scope import solver_supports as solver_supports
from mesaform.proofs.symbolic.smt2 import (
    SolverAnswer,
    run_cvc5,
    smt2_text,
    write_smt2,
    z3_unknown_reason,
)
from mesaform.proofs.symbolic.tables import SymbolicWord, symbolic_word
from mesaform.spec.claims import Claim
from mesaform.spec.machines import TM
from mesaform.spec.verdicts import DomainAtLength, Proved, Unknown
from mesaform.spec.words import plural

if TYPE_CHECKING:
    from mesaform.proofs.symbolic.bitwuzla_solver import BitwuzlaQuery


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
