"""Theorems about inner, order and approximate alignment and the choice rule.

Formalizes the facts a reader of the post checks first about "inner alignment is when
U = U_m (at least, on the domain of U_m)" and the mesa-optimizer that "simulate[s]
some ten other Turing machines, evaluate[s] which is the best one according to some
internally represented function U_m ... and act[s] like that one"
(docs/semantics.md#alignment, #choice-rule; the paper's approximate alignment, §3.1).

Every formula is built from :mod:`mesaform.proofs.symbolic.z3_forms`. Machines are an uninterpreted
sort, ``U``, ``U_m`` and ``dom(U_m)`` uninterpreted functions, and a candidate
sequence is symbolic (a length ``n`` and ``C : Int -> TM``): a ``theorem`` holds for
every objective and every finite sequence, of any length. A countermodel is one
witness; its sizes are in its ``scope``.

Main definitions: :data:`ALIGNMENT_THEOREMS`.
"""

from __future__ import annotations

from mesaform.proofs.symbolic import z3_forms as f
from mesaform.proofs.symbolic.z3_forms import Candidates, Partial
from mesaform.proofs.symbolic.z3_typed import (
    Bool,
    Int,
    Machine,
    Real,
    conj,
    forall,
    iff,
    implies,
    ite,
    neg,
)
from mesaform.proofs.theorems.theorem import EVERY_FINITE, EVERY_FUNCTION, Theorem, witness_scope

SEMANTICS = "docs/semantics.md"


def _vocabulary() -> tuple[f.Objective, Partial, Candidates]:
    return f.real_function("U"), Partial.named("U_m"), Candidates.symbolic("C")


def _covered(mesa: Partial, candidates: Candidates) -> Bool:
    return candidates.every(lambda _j, c: mesa.defined(c))


def _every_choice(mesa: Partial, candidates: Candidates, then: f.MachineSet) -> Bool:
    """Whatever ``m`` chooses on ``C`` satisfies ``then``."""
    return forall(
        Int,
        "i",
        lambda i: implies(f.chooses(mesa, candidates, i), then(candidates.element(i))),
    )


def choice_exists() -> Bool:
    # induction on the length: P(m) = "if one of the first m candidates is scored, m
    # chooses among the first m"; the solver checks P(0) and P(m) -> P(m + 1)
    _base, mesa, candidates = _vocabulary()

    def prefix(length: Int) -> Candidates:
        return Candidates(length, candidates.at)

    def claim(length: Int) -> Bool:
        first = prefix(length)
        return implies(
            first.some(lambda _i, c: mesa.defined(c)),
            first.some(lambda i, _c: f.chooses(mesa, first, i)),
        )

    step = forall(Int, "m", lambda m: implies(conj(Int.value(0) <= m, claim(m)), claim(m + 1)))
    return conj(claim(Int.value(0)), step)


def choice_is_u_optimal() -> Bool:
    base, mesa, candidates = _vocabulary()
    return implies(
        conj(f.inner_aligned_on(base, mesa), _covered(mesa, candidates)),
        _every_choice(mesa, candidates, lambda c: f.is_best(base, candidates, c)),
    )


def inner_implies_order() -> Bool:
    base, mesa, _ = _vocabulary()
    return implies(f.inner_aligned_on(base, mesa), f.order_aligned_on(base, mesa))


def order_without_inner() -> Bool:
    base, mesa, _ = _vocabulary()
    doubled = forall(Machine, "t", lambda t: mesa.value(t).eq(2 * base(t)))
    return conj(doubled, f.order_aligned_on(base, mesa), neg(f.inner_aligned_on(base, mesa)))


def order_same_choice() -> Bool:
    base, mesa, candidates = _vocabulary()
    by_base = Partial.total(base)
    same = forall(
        Int,
        "i",
        lambda i: iff(f.chooses(mesa, candidates, i), f.chooses(by_base, candidates, i)),
    )
    return implies(conj(f.order_aligned_on(base, mesa), _covered(mesa, candidates)), same)


def order_same_argmax_on_every_set() -> Bool:
    base, mesa, _ = _vocabulary()
    chosen_from = f.machine_set("S")
    inside_dom = forall(Machine, "y", lambda y: implies(chosen_from(y), mesa.defined(y)))

    def best(objective: f.Objective, x: Machine) -> Bool:
        return conj(
            chosen_from(x),
            forall(Machine, "y", lambda y: implies(chosen_from(y), objective(y) <= objective(x))),
        )

    agree = forall(Machine, "x", lambda x: iff(best(mesa.value, x), best(base, x)))
    return implies(conj(f.order_aligned_on(base, mesa), inside_dom), agree)


EPSILON = "epsilon"


def approximate_within_two_epsilon() -> Bool:
    base, mesa, candidates = _vocabulary()
    epsilon = Real.const(EPSILON)

    def close_to_best(chosen: Machine) -> Bool:
        return candidates.every(lambda _j, c: base(c) <= base(chosen) + 2 * epsilon)

    hypothesis = conj(
        epsilon >= 0, f.approximately_aligned_on(base, mesa, epsilon), _covered(mesa, candidates)
    )
    return implies(hypothesis, _every_choice(mesa, candidates, close_to_best))


def two_epsilon_is_tight() -> Bool:
    base, mesa, _ = _vocabulary()
    epsilon, delta = Real.const(EPSILON), Real.const("delta")
    pair = Candidates.constants("c", 2)
    assert pair.listed is not None
    first, second = pair.listed
    loses = conj(f.chooses(mesa, pair, Int.value(0)), base(second) - base(first) > delta)
    return conj(
        epsilon > 0,
        delta.eq(2 * epsilon - epsilon / 10),
        f.approximately_aligned_on(base, mesa, epsilon),
        _covered(mesa, pair),
        loses,
    )


def two_epsilon_attained() -> Bool:
    # U and U_m are defined here, on every machine: U = 2 epsilon at c_1 and 0
    # elsewhere, U_m = epsilon everywhere, dom(U_m) = every machine
    base, mesa, _ = _vocabulary()
    epsilon = Real.const(EPSILON)
    pair = Candidates.constants("c", 2)
    assert pair.listed is not None
    first, second = pair.listed
    defined = forall(
        Machine,
        "t",
        lambda t: conj(
            base(t).eq(ite(t.eq(second), 2 * epsilon, Real.value(0))),
            mesa.value(t).eq(epsilon),
            mesa.defined(t),
        ),
    )
    conclusion = conj(
        f.approximately_aligned_on(base, mesa, epsilon),
        f.chooses(mesa, pair, Int.value(0)),
        (base(second) - base(first)).eq(2 * epsilon),
    )
    return implies(conj(epsilon >= 0, first.ne(second), defined), conclusion)


def outside_dom_never_chosen() -> Bool:
    _base, mesa, candidates = _vocabulary()
    return _every_choice(mesa, candidates, mesa.defined)


def _subset_law(kind: str) -> Bool:
    base, mesa, _ = _vocabulary()
    larger, smaller = f.machine_set("S"), f.machine_set("T")
    epsilon = Real.const(EPSILON)

    def holds(on: f.MachineSet) -> Bool:
        if kind == "inner":
            return f.inner_aligned_on(base, mesa, on)
        if kind == "order":
            return f.order_aligned_on(base, mesa, on)
        return f.approximately_aligned_on(base, mesa, epsilon, on)

    contained = forall(Machine, "t", lambda t: implies(smaller(t), larger(t)))
    return implies(conj(contained, holds(larger)), holds(smaller))


ALIGNMENT_THEOREMS: list[Theorem] = [
    Theorem(
        "a_choice_exists_when_a_candidate_is_in_dom",
        "For every finite candidate sequence C: if some candidate of C lies in dom(U_m), "
        "the mesa-optimizer chooses one (proved by induction on the length of C: the "
        "solver checks the empty sequence and the step from n to n + 1 candidates).",
        "theorem",
        choice_exists,
        f"{SEMANTICS}#choice-rule",
        f"{EVERY_FINITE}; induction on the length, base case and step checked by the solver",
    ),
    Theorem(
        "inner_alignment_makes_every_choice_U_optimal_among_candidates_in_dom",
        "If U = U_m on dom(U_m) and every candidate of a finite sequence C lies in "
        "dom(U_m), the candidate the mesa-optimizer chooses (highest U_m, lowest index on "
        "ties) has the highest U in C.",
        "theorem",
        choice_is_u_optimal,
        "post: 'simulate some ten other Turing machines, evaluate which is the best one "
        f"according to U_m'; {SEMANTICS}#choice-rule",
        EVERY_FINITE,
    ),
    Theorem(
        "inner_alignment_implies_order_alignment",
        "If U = U_m on dom(U_m), then U_m ranks every pair in dom(U_m) as U does.",
        "unfolding",
        inner_implies_order,
        f"{SEMANTICS}#alignment",
        EVERY_FUNCTION,
    ),
    Theorem(
        "order_alignment_does_not_imply_inner_alignment",
        "Some U and U_m = 2U rank every pair in dom(U_m) alike, yet U != U_m somewhere on "
        "dom(U_m): order alignment does not imply inner alignment.",
        "countermodel",
        order_without_inner,
        f"{SEMANTICS}#alignment",
        witness_scope("U_m = 2U on every machine of a finite model"),
    ),
    Theorem(
        "order_alignment_gives_the_same_choice_on_every_candidate_sequence_in_dom",
        "If U_m ranks dom(U_m) as U does and every candidate of a finite sequence C lies in "
        "dom(U_m), the mesa-optimizer chooses the same candidate by U_m as it would by U "
        "(ties included).",
        "theorem",
        order_same_choice,
        f"{SEMANTICS}#choice-rule; {SEMANTICS}#alignment",
        EVERY_FINITE,
    ),
    Theorem(
        "order_alignment_gives_the_same_argmax_on_every_candidate_set_in_dom",
        "If U_m ranks dom(U_m) as U does, then on every set S of candidates inside "
        "dom(U_m) (of any size) the U_m-best elements of S are exactly the U-best ones.",
        "theorem",
        order_same_argmax_on_every_set,
        f"{SEMANTICS}#argmax-inclusion",
        f"{EVERY_FUNCTION}; every set S of machines (a predicate)",
    ),
    Theorem(
        "approximate_alignment_puts_the_choice_within_two_epsilon_of_the_U_optimum",
        "If |U - U_m| <= epsilon on dom(U_m) and every candidate of a finite sequence C "
        "lies in dom(U_m), the chosen candidate's U is at most 2 epsilon below the best U "
        "in C.",
        "theorem",
        approximate_within_two_epsilon,
        "paper §3.1 (approximate alignment)",
        f"{EVERY_FINITE}; every epsilon >= 0",
    ),
    Theorem(
        "approximate_alignment_bound_two_epsilon_is_tight",
        "The bound 19/10 epsilon fails: for some epsilon > 0 there are U, U_m with "
        "|U - U_m| <= epsilon on dom(U_m) and two candidates in dom(U_m) of which U_m "
        "chooses one more than 19/10 epsilon below the other by U (a countermodel to that "
        "one bound, 2 epsilon - epsilon/10; that no bound below 2 epsilon holds, for every "
        "epsilon > 0, is approximate_alignment_gap_two_epsilon_is_attained_for_every_epsilon).",
        "countermodel",
        two_epsilon_is_tight,
        "paper §3.1",
        witness_scope("2 candidates"),
    ),
    Theorem(
        "approximate_alignment_gap_two_epsilon_is_attained_for_every_epsilon",
        "For every epsilon >= 0 and distinct machines c_0, c_1: with U = 2 epsilon at c_1 "
        "and 0 elsewhere, and U_m = epsilon on every machine (all in dom(U_m)), "
        "|U - U_m| <= epsilon holds on all of dom(U_m), the mesa-optimizer chooses c_0 from "
        "(c_0, c_1), and c_0 is exactly 2 epsilon below c_1 by U.",
        "unfolding",
        two_epsilon_attained,
        "paper §3.1",
        "every epsilon >= 0 and every set of machines; U and U_m are the functions named "
        "in the statement; the candidate sequence is (c_0, c_1)",
    ),
    Theorem(
        "a_candidate_outside_dom_is_never_chosen",
        "Whatever U_m is, on every finite candidate sequence the mesa-optimizer never "
        "chooses a candidate outside dom(U_m): it has no score.",
        "unfolding",
        outside_dom_never_chosen,
        f"{SEMANTICS}#choice-rule",
        EVERY_FINITE,
    ),
    Theorem(
        "inner_alignment_on_a_set_implies_inner_alignment_on_every_subset",
        "If U = U_m on S ∩ dom(U_m) and T ⊆ S, then U = U_m on T ∩ dom(U_m).",
        "unfolding",
        lambda: _subset_law("inner"),
        f"{SEMANTICS}#alignment",
        f"{EVERY_FUNCTION}; every pair of sets T ⊆ S (predicates)",
    ),
    Theorem(
        "order_alignment_on_a_set_implies_order_alignment_on_every_subset",
        "If U_m ranks S ∩ dom(U_m) as U does and T ⊆ S, it ranks T ∩ dom(U_m) as U does.",
        "unfolding",
        lambda: _subset_law("order"),
        f"{SEMANTICS}#alignment",
        f"{EVERY_FUNCTION}; every pair of sets T ⊆ S (predicates)",
    ),
    Theorem(
        "approximate_alignment_on_a_set_implies_approximate_alignment_on_every_subset",
        "If |U - U_m| <= epsilon on S ∩ dom(U_m) and T ⊆ S, the same holds on T ∩ dom(U_m).",
        "unfolding",
        lambda: _subset_law("approximate"),
        "paper §3.1",
        f"{EVERY_FUNCTION}; every epsilon and every pair of sets T ⊆ S (predicates)",
    ),
]
"""The alignment theorems."""
