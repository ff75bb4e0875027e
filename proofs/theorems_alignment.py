"""Theorems about inner, order and approximate alignment, for *every* ``U`` and ``U_m``.

Formalizes the facts issue 4 lists about the post's "inner alignment is when U = U_m
(at least, on the domain of U_m)" and the mesa-optimizer that "simulate[s] some ten
other Turing machines, evaluate[s] which is the best one according to some
internally represented function U_m ... and act[s] like that one" (DESIGN.md §3-§5;
the paper's approximate alignment, §3.1; the order-based reading of TAXONOMY.md).

The machines are an uninterpreted Z3 sort ``TM``; ``U : TM -> Real``,
``U_m : TM -> Real`` and ``dom : TM -> Bool`` are uninterpreted functions, so a
``valid`` theorem holds for every choice of them (and of the candidates), not up to a
bound. Values are Z3 ``Real``s, exact rationals.

Main definitions:

- :class:`Vocabulary` -- the sort, the functions and the predicates built on them:
  :meth:`Vocabulary.inner_aligned`, :meth:`Vocabulary.order_aligned`,
  :meth:`Vocabulary.approximately_aligned`, :func:`picks` (the mesa-optimizer's
  choice: the highest-scored candidate in ``dom``, the lowest index on ties);
- :data:`ALIGNMENT_THEOREMS` -- the theorems, each a :class:`~proofs.theorem.Theorem`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import z3

from proofs.theorem import Theorem

CANDIDATES = 10
"""The post's "some ten other Turing machines"."""


@dataclass(frozen=True)
class Vocabulary:
    """``TM`` (a sort), ``U``, ``U_m``, ``dom`` and ten candidate machines ``c0..c9``."""

    machine: z3.SortRef
    base: z3.FuncDeclRef
    mesa: z3.FuncDeclRef
    dom: z3.FuncDeclRef
    candidates: tuple[z3.ExprRef, ...]

    @staticmethod
    def fresh(candidates: int = CANDIDATES) -> Vocabulary:
        """Return the vocabulary, with ``candidates`` candidate constants."""
        machine = z3.DeclareSort("TM")
        return Vocabulary(
            machine,
            z3.Function("U", machine, z3.RealSort()),
            z3.Function("U_m", machine, z3.RealSort()),
            z3.Function("dom", machine, z3.BoolSort()),
            tuple(z3.Const(f"c{index}", machine) for index in range(candidates)),
        )

    def variable(self, name: str) -> z3.ExprRef:
        """Return a machine variable for a quantifier."""
        return z3.Const(name, self.machine)

    def subset(self, name: str) -> z3.FuncDeclRef:
        """Return an uninterpreted set of machines (its characteristic predicate)."""
        return z3.Function(name, self.machine, z3.BoolSort())

    def inner_aligned(self, on: z3.FuncDeclRef | None = None) -> z3.BoolRef:
        """``forall t in S: dom(t) -> U(t) = U_m(t)`` (``S`` = every machine by default)."""
        t = self.variable("t")
        inside = self.dom(t) if on is None else z3.And(on(t), self.dom(t))
        return z3.ForAll([t], z3.Implies(inside, self.base(t) == self.mesa(t)))

    def order_aligned(self, on: z3.FuncDeclRef | None = None) -> z3.BoolRef:
        """``forall s, t in S cap dom: U_m(s) <= U_m(t) <-> U(s) <= U(t)``."""
        s, t = self.variable("s"), self.variable("t")
        inside = z3.And(self.dom(s), self.dom(t))
        if on is not None:
            inside = z3.And(on(s), on(t), inside)
        same_rank = (self.mesa(s) <= self.mesa(t)) == (self.base(s) <= self.base(t))
        return z3.ForAll([s, t], z3.Implies(inside, same_rank))

    def approximately_aligned(
        self, epsilon: z3.ArithRef, on: z3.FuncDeclRef | None = None
    ) -> z3.BoolRef:
        """``forall t in S cap dom: |U(t) - U_m(t)| <= epsilon``."""
        t = self.variable("t")
        inside = self.dom(t) if on is None else z3.And(on(t), self.dom(t))
        close = z3.And(
            self.base(t) - self.mesa(t) <= epsilon, self.mesa(t) - self.base(t) <= epsilon
        )
        return z3.ForAll([t], z3.Implies(inside, close))

    def all_in_dom(self) -> z3.BoolRef:
        """Every candidate lies in ``dom(U_m)``."""
        return z3.And(*(self.dom(c) for c in self.candidates))

    def mesa_values(self) -> list[z3.ArithRef]:
        """Return ``U_m(c_i)`` for each candidate."""
        return [self.mesa(c) for c in self.candidates]

    def base_values(self) -> list[z3.ArithRef]:
        """Return ``U(c_i)`` for each candidate."""
        return [self.base(c) for c in self.candidates]

    def scored(self) -> list[z3.BoolRef]:
        """Return ``c_i in dom(U_m)`` for each candidate: whether it gets a score."""
        return [self.dom(c) for c in self.candidates]


def picks(index: int, values: Sequence[z3.ArithRef], scored: Sequence[z3.BoolRef]) -> z3.BoolRef:
    """The choice of DESIGN.md §3 is ``index``: it is scored, strictly above every scored
    candidate before it and at least every scored candidate after it."""
    before = [z3.Or(z3.Not(scored[j]), values[j] < values[index]) for j in range(index)]
    after = [
        z3.Or(z3.Not(scored[j]), values[j] <= values[index]) for j in range(index + 1, len(values))
    ]
    return z3.And(scored[index], *before, *after)


def _choice_is_u_optimal() -> z3.BoolRef:
    v = Vocabulary.fresh()
    base = v.base_values()
    optimal = [
        z3.Implies(
            picks(i, v.mesa_values(), v.scored()), z3.And(*(base[j] <= base[i] for j in range(10)))
        )
        for i in range(CANDIDATES)
    ]
    return z3.Implies(z3.And(v.inner_aligned(), v.all_in_dom()), z3.And(*optimal))


def _inner_implies_order() -> z3.BoolRef:
    v = Vocabulary.fresh()
    return z3.Implies(v.inner_aligned(), v.order_aligned())


def _order_without_inner() -> z3.BoolRef:
    v = Vocabulary.fresh(0)
    t = v.variable("t")
    doubled = z3.ForAll([t], v.mesa(t) == 2 * v.base(t))
    return z3.And(doubled, v.order_aligned(), z3.Not(v.inner_aligned()))


def _order_same_choice_on_ten() -> z3.BoolRef:
    v = Vocabulary.fresh()
    same = [
        picks(i, v.mesa_values(), v.scored()) == picks(i, v.base_values(), v.scored())
        for i in range(CANDIDATES)
    ]
    return z3.Implies(z3.And(v.order_aligned(), v.all_in_dom()), z3.And(*same))


def _order_same_argmax_on_every_set() -> z3.BoolRef:
    v = Vocabulary.fresh(0)
    chosen_from = v.subset("S")
    x, y = v.variable("x"), v.variable("y")
    inside_dom = z3.ForAll([y], z3.Implies(chosen_from(y), v.dom(y)))

    def best(objective: z3.FuncDeclRef) -> z3.BoolRef:
        return z3.And(
            chosen_from(x),
            z3.ForAll([y], z3.Implies(chosen_from(y), objective(y) <= objective(x))),
        )

    agree = z3.ForAll([x], best(v.mesa) == best(v.base))
    return z3.Implies(z3.And(v.order_aligned(), inside_dom), agree)


def _approximate_within_two_epsilon() -> z3.BoolRef:
    v = Vocabulary.fresh()
    epsilon = z3.Real("epsilon")
    base = v.base_values()
    close = [
        z3.Implies(
            picks(i, v.mesa_values(), v.scored()),
            z3.And(*(base[j] <= base[i] + 2 * epsilon for j in range(CANDIDATES))),
        )
        for i in range(CANDIDATES)
    ]
    hypothesis = z3.And(epsilon >= 0, v.approximately_aligned(epsilon), v.all_in_dom())
    return z3.Implies(hypothesis, z3.And(*close))


def _two_epsilon_is_tight() -> z3.BoolRef:
    v = Vocabulary.fresh(2)
    epsilon, delta = z3.Real("epsilon"), z3.Real("delta")
    first, second = v.candidates
    loses = z3.And(picks(0, v.mesa_values(), v.scored()), v.base(second) - v.base(first) > delta)
    return z3.And(
        epsilon > 0,
        delta == 2 * epsilon - epsilon / 10,
        v.approximately_aligned(epsilon),
        v.all_in_dom(),
        loses,
    )


def _two_epsilon_attained_for_every_epsilon() -> z3.BoolRef:
    v = Vocabulary.fresh(2)
    epsilon = z3.Real("epsilon")
    first, second = v.candidates
    construction = z3.And(
        first != second,
        v.dom(first),
        v.dom(second),
        v.base(first) == 0,
        v.base(second) == 2 * epsilon,
        v.mesa(first) == epsilon,
        v.mesa(second) == epsilon,
    )
    on_pair = v.subset("pair")
    t = v.variable("t")
    pair_is = z3.ForAll([t], on_pair(t) == z3.Or(t == first, t == second))
    conclusion = z3.And(
        v.approximately_aligned(epsilon, on_pair),
        picks(0, v.mesa_values(), v.scored()),
        v.base(second) - v.base(first) == 2 * epsilon,
    )
    return z3.Implies(z3.And(epsilon >= 0, construction, pair_is), conclusion)


def _nothing_outside_dom() -> z3.BoolRef:
    v = Vocabulary.fresh()
    base = v.base_values()
    best_outside = z3.And(
        z3.Not(v.dom(v.candidates[0])),
        *(base[0] > base[j] for j in range(1, CANDIDATES)),
        *(v.dom(c) for c in v.candidates[1:]),
    )
    chosen_below = z3.And(
        *(
            z3.Implies(picks(i, v.mesa_values(), v.scored()), base[i] < base[0])
            for i in range(CANDIDATES)
        )
    )
    return z3.And(v.inner_aligned(), best_outside, chosen_below)


def _outside_dom_never_chosen() -> z3.BoolRef:
    v = Vocabulary.fresh()
    never = [
        z3.Implies(z3.Not(v.dom(c)), z3.Not(picks(i, v.mesa_values(), v.scored())))
        for i, c in enumerate(v.candidates)
    ]
    return z3.And(*never)


def _subset(
    predicate: Callable[[Vocabulary, z3.FuncDeclRef], z3.BoolRef],
) -> Callable[[], z3.BoolRef]:
    def formula() -> z3.BoolRef:
        v = Vocabulary.fresh(0)
        larger, smaller = v.subset("S"), v.subset("T")
        t = v.variable("t")
        contained = z3.ForAll([t], z3.Implies(smaller(t), larger(t)))
        return z3.Implies(z3.And(contained, predicate(v, larger)), predicate(v, smaller))

    return formula


_EPSILON = z3.Real("epsilon")

ALIGNMENT_THEOREMS: list[Theorem] = [
    Theorem(
        "inner_alignment_makes_the_choice_among_ten_candidates_in_dom_U_optimal",
        "If U = U_m on dom(U_m) and all ten candidates lie in dom(U_m), the candidate the "
        "mesa-optimizer picks (highest U_m, lowest index on ties) has the highest U among them.",
        "valid",
        _choice_is_u_optimal,
        "post: 'simulate some ten other Turing machines, evaluate which is the best one "
        "according to U_m'; DESIGN.md §3-§4",
    ),
    Theorem(
        "inner_alignment_implies_order_alignment",
        "If U = U_m on dom(U_m), then U_m ranks every pair in dom(U_m) as U does.",
        "valid",
        _inner_implies_order,
        "DESIGN.md §4-§5; TAXONOMY.md (order-based variant)",
    ),
    Theorem(
        "order_alignment_does_not_imply_inner_alignment",
        "Some U and U_m = 2U rank every pair in dom(U_m) alike, yet U != U_m somewhere on "
        "dom(U_m): order alignment does not imply inner alignment (the witness is a "
        "countermodel to the implication).",
        "satisfiable",
        _order_without_inner,
        "DESIGN.md §5; TAXONOMY.md",
    ),
    Theorem(
        "order_alignment_gives_the_same_choice_among_ten_candidates_in_dom",
        "If U_m ranks dom(U_m) as U does and the ten candidates lie in dom(U_m), the "
        "mesa-optimizer picks the same candidate by U_m as it would by U (ties included).",
        "valid",
        _order_same_choice_on_ten,
        "DESIGN.md §3, §5",
    ),
    Theorem(
        "order_alignment_gives_the_same_argmax_on_every_candidate_set_in_dom",
        "If U_m ranks dom(U_m) as U does, then on every set S of candidates inside "
        "dom(U_m) (of any size) the U_m-best elements of S are exactly the U-best ones.",
        "valid",
        _order_same_argmax_on_every_set,
        "DESIGN.md §5 (argmax U_m ⊆ argmax U on every candidate set)",
    ),
    Theorem(
        "approximate_alignment_puts_the_choice_within_two_epsilon_of_the_U_optimum",
        "If |U - U_m| <= epsilon on dom(U_m) and the ten candidates lie in dom(U_m), the "
        "picked candidate's U is at most 2 epsilon below the best U among them.",
        "valid",
        _approximate_within_two_epsilon,
        "paper §3.1 (approximate alignment)",
    ),
    Theorem(
        "approximate_alignment_bound_two_epsilon_is_tight",
        "The 2 epsilon bound cannot be lowered: for some epsilon > 0 there are U, U_m "
        "with |U - U_m| <= epsilon on dom(U_m) whose pick is more than 19/10 epsilon below "
        "the U-optimum (a countermodel to any bound 2 epsilon - epsilon/10).",
        "satisfiable",
        _two_epsilon_is_tight,
        "paper §3.1",
    ),
    Theorem(
        "approximate_alignment_gap_two_epsilon_is_attained_for_every_epsilon",
        "For every epsilon >= 0: U = (0, 2 epsilon) and U_m = (epsilon, epsilon) on two "
        "candidates are epsilon-close, the mesa-optimizer picks the first, and it is "
        "exactly 2 epsilon below the second: no bound below 2 epsilon holds.",
        "valid",
        _two_epsilon_attained_for_every_epsilon,
        "paper §3.1",
    ),
    Theorem(
        "inner_alignment_on_dom_says_nothing_about_candidates_outside_dom",
        "U = U_m on dom(U_m) is compatible with the U-best of ten candidates lying outside "
        "dom(U_m), so that the mesa-optimizer picks a candidate strictly worse by U.",
        "satisfiable",
        _nothing_outside_dom,
        "post: 'the domain of U_m may be only a subset of the domain of U'",
    ),
    Theorem(
        "a_candidate_outside_dom_is_never_chosen",
        "Whatever U_m is, the mesa-optimizer never picks a candidate outside dom(U_m): it "
        "has no score.",
        "valid",
        _outside_dom_never_chosen,
        "DESIGN.md §3 (a candidate whose evaluation does not halt has no score)",
    ),
    Theorem(
        "inner_alignment_on_a_set_implies_inner_alignment_on_every_subset",
        "If U = U_m on S ∩ dom(U_m) and T ⊆ S, then U = U_m on T ∩ dom(U_m).",
        "valid",
        _subset(lambda v, on: v.inner_aligned(on)),
        "DESIGN.md §4",
    ),
    Theorem(
        "order_alignment_on_a_set_implies_order_alignment_on_every_subset",
        "If U_m ranks S ∩ dom(U_m) as U does and T ⊆ S, it ranks T ∩ dom(U_m) as U does.",
        "valid",
        _subset(lambda v, on: v.order_aligned(on)),
        "DESIGN.md §5",
    ),
    Theorem(
        "approximate_alignment_on_a_set_implies_approximate_alignment_on_every_subset",
        "If |U - U_m| <= epsilon on S ∩ dom(U_m) and T ⊆ S, the same holds on T ∩ dom(U_m).",
        "valid",
        _subset(lambda v, on: v.approximately_aligned(_EPSILON, on)),
        "paper §3.1",
    ),
]
"""The alignment theorems of issue 4."""
