"""Relations between the concepts of "Risks from Learned Optimization", proved with Z3.

Each theorem is stated over uninterpreted functions: machines are elements of an
uninterpreted sort ``TM``; ``U``, ``U_m`` and the models of ``U`` are uninterpreted
functions ``TM -> Real``; a domain is an uninterpreted ``TM -> Bool``; a candidate
set is a tuple of :data:`SET_SIZE` constants of sort ``TM`` (its members need not be
distinct); a training family is :data:`TRAINING_SETS` such sets. The choice
``ch_m(C)`` is encoded as in :mod:`spec.taxonomy` (argmax of ``U_m`` over
``C cap dom(U_m)``, the lowest index on ties), so a theorem holds for *every*
objective and candidate set of that size, not up to a bound on machines.

Main definitions:

- the Z3 vocabulary -- :data:`TM_SORT`, :class:`PartialTerms`, :func:`base_terms`,
  :func:`candidate_set`, :func:`chooses`, :func:`acts_base_optimally`,
  :func:`choices_agree` (reused by :mod:`proofs.world_theorems` and the tests);
- :data:`TAXONOMY_THEOREMS` -- the theorems, each named for its result, with the
  section of the paper it formalizes.

Main results: the list itself; ``tests/test_taxonomy_theorems.py`` decides each one
and rebuilds every witness as concrete objectives checked by :mod:`spec.taxonomy`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import z3

from proofs.theorem import Theorem

TM_SORT = z3.DeclareSort("TM")
"""The machines, as an uninterpreted sort: nothing is assumed about them."""

SET_SIZE = 3
"""The size of every candidate set in the theorems."""

TRAINING_SETS = 2
"""The number of candidate sets in a training family."""

Term = Any
"""A Z3 term (the z3 package is untyped)."""


@dataclass(frozen=True)
class PartialTerms:
    """A partial objective in Z3: a value function and a domain predicate on ``TM``."""

    value: Any
    defined: Any

    def at(self, t: Term) -> Term:
        """Return the value term at ``t`` (meaningful only where ``defined(t)``)."""
        return self.value(t)


def real_function(name: str) -> Any:
    """Return the uninterpreted function ``name : TM -> Real``."""
    return z3.Function(name, TM_SORT, z3.RealSort())


def domain_predicate(name: str) -> Any:
    """Return the uninterpreted predicate ``name : TM -> Bool``."""
    return z3.Function(name, TM_SORT, z3.BoolSort())


def base_terms() -> Any:
    """Return ``U : TM -> Real``, the base objective."""
    return real_function("U")


def partial_terms(name: str) -> PartialTerms:
    """Return the partial objective ``name`` with domain ``dom_name``."""
    return PartialTerms(real_function(name), domain_predicate(f"dom_{name}"))


def total_terms(function: Any) -> PartialTerms:
    """View a total function ``TM -> Real`` as a partial objective defined everywhere."""
    return PartialTerms(function, z3.Function("everywhere", TM_SORT, z3.BoolSort()))


def everywhere_axiom() -> Term:
    """Return ``forall t. everywhere(t)``: the domain of a total objective."""
    t = z3.Const("t_everywhere", TM_SORT)
    return z3.ForAll([t], z3.Function("everywhere", TM_SORT, z3.BoolSort())(t))


def candidate_set(name: str, size: int = SET_SIZE) -> tuple[Term, ...]:
    """Return the candidate set ``name`` as constants ``name_0, ..., name_{size-1}``."""
    return tuple(z3.Const(f"{name}_{i}", TM_SORT) for i in range(size))


def training_family(name: str = "train") -> tuple[tuple[Term, ...], ...]:
    """Return a training family of :data:`TRAINING_SETS` candidate sets."""
    return tuple(candidate_set(f"{name}{k}") for k in range(TRAINING_SETS))


def chooses(mesa: PartialTerms, candidates: tuple[Term, ...], index: int) -> Term:
    """Return ``ch_m(C) = index``: defined there, strictly above earlier, at least later ones."""
    chosen = candidates[index]
    earlier = [
        z3.Or(z3.Not(mesa.defined(c)), mesa.at(c) < mesa.at(chosen)) for c in candidates[:index]
    ]
    later = [
        z3.Or(z3.Not(mesa.defined(c)), mesa.at(c) <= mesa.at(chosen))
        for c in candidates[index + 1 :]
    ]
    return z3.And(mesa.defined(chosen), *earlier, *later)


def chooses_nothing(mesa: PartialTerms, candidates: tuple[Term, ...]) -> Term:
    """Return ``ch_m(C) = None``: no candidate is in the domain."""
    return z3.And(*[z3.Not(mesa.defined(c)) for c in candidates])


def is_best(objective: Any, candidates: tuple[Term, ...], index: int) -> Term:
    """Return ``index in argmax_C objective`` for a total ``objective``."""
    return z3.And(*[objective(c) <= objective(candidates[index]) for c in candidates])


def acts_base_optimally(base: Any, mesa: PartialTerms, candidates: tuple[Term, ...]) -> Term:
    """Return ``ch_m(C) in Best_U(C)``."""
    return z3.Or(
        *[
            z3.And(chooses(mesa, candidates, i), is_best(base, candidates, i))
            for i in range(len(candidates))
        ]
    )


def choices_agree(first: PartialTerms, second: PartialTerms, candidates: tuple[Term, ...]) -> Term:
    """Return ``ch_{first}(C) = ch_{second}(C)``, both ``None`` included."""
    return z3.Or(
        z3.And(chooses_nothing(first, candidates), chooses_nothing(second, candidates)),
        *[
            z3.And(chooses(first, candidates, i), chooses(second, candidates, i))
            for i in range(len(candidates))
        ],
    )


def inner_aligned(base: Any, mesa: PartialTerms) -> Term:
    """Return the post's inner alignment: ``forall t. dom(t) -> U(t) = U_m(t)``."""
    t = z3.Const("t_inner", TM_SORT)
    return z3.ForAll([t], z3.Implies(mesa.defined(t), base(t) == mesa.at(t)))


def internally_aligned(base: Any, mesa: PartialTerms) -> Term:
    """Return internal alignment: ``forall t. dom(t) and U_m(t) = U(t)``."""
    t = z3.Const("t_internal", TM_SORT)
    return z3.ForAll([t], z3.And(mesa.defined(t), mesa.at(t) == base(t)))


def covered(mesa: PartialTerms, candidates: tuple[Term, ...]) -> Term:
    """Return ``C subset dom(U_m)``."""
    return z3.And(*[mesa.defined(c) for c in candidates])


def monotone_in(feature: Any, objective: Any, candidates: tuple[Term, ...]) -> Term:
    """Return ``X(s) <= X(t) -> O(s) <= O(t)`` on ``C`` (``spec.taxonomy.increases_with``)."""
    return z3.And(
        *[
            z3.Implies(feature(s) <= feature(t), objective(s) <= objective(t))
            for s in candidates
            for t in candidates
        ]
    )


# --- the vocabulary of the theorems ---------------------------------------------------

U = base_terms()
MESA = partial_terms("U_m")
OTHER_MESA = partial_terms("U_m2")
MODEL = partial_terms("U_hat")
INTENDED = real_function("U_star")
EPSILON = z3.Real("epsilon")
CANDIDATES = candidate_set("C")
DEPLOYMENT = candidate_set("D")
TRAINING = training_family()


def robust_on(mesa: PartialTerms, family: tuple[tuple[Term, ...], ...]) -> Term:
    """Return ``forall C in family: ch_m(C) in Best_U(C)``."""
    return z3.And(*[acts_base_optimally(U, mesa, c) for c in family])


def pseudo(mesa: PartialTerms, training: tuple[tuple[Term, ...], ...], deployment: Any) -> Term:
    """Return pseudo-alignment on ``training`` and the deployment family ``(deployment,)``."""
    return z3.And(robust_on(mesa, training), z3.Not(acts_base_optimally(U, mesa, deployment)))


def robust_alignment_excludes_pseudo_alignment() -> Term:
    everything = (*TRAINING, DEPLOYMENT)
    return z3.Implies(robust_on(MESA, everything), z3.Not(pseudo(MESA, TRAINING, DEPLOYMENT)))


def pseudo_alignment_exists_and_is_unidentifiable_from_training() -> Term:
    return z3.And(
        everywhere_axiom(),
        internally_aligned(U, OTHER_MESA),
        *[choices_agree(MESA, OTHER_MESA, c) for c in TRAINING],
        pseudo(MESA, TRAINING, DEPLOYMENT),
        robust_on(OTHER_MESA, (*TRAINING, DEPLOYMENT)),
    )


def internal_alignment_implies_inner_alignment() -> Term:
    return z3.Implies(internally_aligned(U, MESA), inner_aligned(U, MESA))


def inner_alignment_implies_base_best_choice_within_domain() -> Term:
    def best_in_domain(i: int) -> Term:
        chosen = CANDIDATES[i]
        return z3.And(*[z3.Implies(MESA.defined(c), U(c) <= U(chosen)) for c in CANDIDATES])

    return z3.Implies(
        inner_aligned(U, MESA),
        z3.And(
            *[z3.Implies(chooses(MESA, CANDIDATES, i), best_in_domain(i)) for i in range(SET_SIZE)]
        ),
    )


def inner_alignment_misses_base_best_candidate_outside_domain() -> Term:
    return z3.And(inner_aligned(U, MESA), z3.Not(acts_base_optimally(U, MESA, CANDIDATES)))


def mesa_argmax_within_base_argmax(mesa: PartialTerms, candidates: tuple[Term, ...]) -> Term:
    """Return ``argmax_{C cap dom} U_m subset Best_U(C)``."""

    def mesa_top(i: int) -> Term:
        chosen = candidates[i]
        return z3.And(
            mesa.defined(chosen),
            *[z3.Implies(mesa.defined(c), mesa.at(c) <= mesa.at(chosen)) for c in candidates],
        )

    return z3.And(
        *[z3.Implies(mesa_top(i), is_best(U, candidates, i)) for i in range(len(candidates))]
    )


def argmax_inclusion_implies_base_best_choice() -> Term:
    meets_domain = z3.Or(*[MESA.defined(c) for c in CANDIDATES])
    return z3.Implies(
        z3.And(meets_domain, mesa_argmax_within_base_argmax(MESA, CANDIDATES)),
        acts_base_optimally(U, MESA, CANDIDATES),
    )


def base_best_choice_does_not_imply_argmax_inclusion() -> Term:
    return z3.And(
        acts_base_optimally(U, MESA, CANDIDATES),
        z3.Not(mesa_argmax_within_base_argmax(MESA, CANDIDATES)),
    )


def inner_alignment_with_covered_candidates_implies_robust_choice() -> Term:
    return z3.Implies(
        z3.And(inner_aligned(U, MESA), covered(MESA, CANDIDATES)),
        acts_base_optimally(U, MESA, CANDIDATES),
    )


def internal_alignment_implies_robust_alignment() -> Term:
    return z3.Implies(internally_aligned(U, MESA), acts_base_optimally(U, MESA, CANDIDATES))


def doubled_base_objective_makes_the_same_choices() -> Term:
    t = z3.Const("t_doubled", TM_SORT)
    doubled = z3.ForAll([t], z3.And(MESA.defined(t), MESA.at(t) == 2 * U(t)))
    return z3.Implies(
        z3.And(everywhere_axiom(), doubled), choices_agree(MESA, total_terms(U), CANDIDATES)
    )


def identical_choices_do_not_imply_inner_alignment() -> Term:
    t = z3.Const("t_doubled", TM_SORT)
    doubled = z3.ForAll([t], z3.And(MESA.defined(t), MESA.at(t) == 2 * U(t)))
    return z3.And(
        everywhere_axiom(),
        doubled,
        choices_agree(MESA, total_terms(U), CANDIDATES),
        z3.Not(inner_aligned(U, MESA)),
    )


def within_epsilon(candidates: tuple[Term, ...]) -> Term:
    """Return ``|U_m - U| <= epsilon`` on ``C`` (which is covered by the domain)."""
    return z3.And(
        *[z3.And(MESA.at(c) - U(c) <= EPSILON, U(c) - MESA.at(c) <= EPSILON) for c in candidates]
    )


def approximate_alignment_below_half_the_top_gap_keeps_the_choice() -> Term:
    def top_by_more_than_twice_epsilon(i: int) -> Term:
        return z3.And(
            *[U(CANDIDATES[i]) - U(c) > 2 * EPSILON for j, c in enumerate(CANDIDATES) if j != i]
        )

    hypotheses = z3.And(covered(MESA, CANDIDATES), within_epsilon(CANDIDATES))
    return z3.And(
        *[
            z3.Implies(
                z3.And(hypotheses, top_by_more_than_twice_epsilon(i)),
                chooses(MESA, CANDIDATES, i),
            )
            for i in range(SET_SIZE)
        ]
    )


def approximate_alignment_at_half_the_top_gap_can_flip_the_choice() -> Term:
    first, second, third = CANDIDATES
    return z3.And(
        EPSILON > 0,
        covered(MESA, CANDIDATES),
        within_epsilon(CANDIDATES),
        U(second) - U(first) == 2 * EPSILON,
        U(second) - U(third) >= 2 * EPSILON,
        z3.Not(acts_base_optimally(U, MESA, CANDIDATES)),
    )


def side_effect_monotonicity_makes_choices_base_best() -> Term:
    return z3.Implies(
        z3.And(covered(MESA, CANDIDATES), monotone_in(MESA.value, U, CANDIDATES)),
        acts_base_optimally(U, MESA, CANDIDATES),
    )


def instrumental_monotonicity_does_not_make_choices_base_best() -> Term:
    return z3.And(
        covered(MESA, CANDIDATES),
        monotone_in(U, MESA.value, CANDIDATES),
        z3.Not(acts_base_optimally(U, MESA, CANDIDATES)),
    )


def believes_training(name: str) -> Term:
    """Return the deceptive optimizer's belief, on seeing the set ``name``, that it is trained."""
    return z3.Bool(f"believes_training_{name}")


def deceptive_chooses(belief: Term, candidates: tuple[Term, ...], index: int) -> Term:
    """Return that the deceptive optimizer picks ``index``: on ``U_hat`` if it believes it
    is in training, on ``U_m`` otherwise (``spec.taxonomy_agents.DeceptiveMesaOptimizer``)."""
    return z3.If(belief, chooses(MODEL, candidates, index), chooses(MESA, candidates, index))


def deceptive_acts_base_optimally(belief: Term, candidates: tuple[Term, ...]) -> Term:
    """Return that the deceptive optimizer's choice on ``C`` is ``U``-best."""
    return z3.Or(
        *[
            z3.And(deceptive_chooses(belief, candidates, i), is_best(U, candidates, i))
            for i in range(len(candidates))
        ]
    )


def deceptive_alignment_is_indistinguishable_from_robust_alignment_in_training() -> Term:
    belief = believes_training("C")
    accurate = z3.And(*[z3.And(MODEL.defined(c), MODEL.at(c) == U(c)) for c in CANDIDATES])
    optimizer_of_u = total_terms(U)
    same_choice = z3.Or(
        *[
            z3.And(deceptive_chooses(belief, CANDIDATES, i), chooses(optimizer_of_u, CANDIDATES, i))
            for i in range(SET_SIZE)
        ]
    )
    return z3.Implies(z3.And(everywhere_axiom(), belief, accurate), same_choice)


def deceptive_alignment_exists() -> Term:
    beliefs = [believes_training(f"train{k}") for k in range(TRAINING_SETS)]
    on_deployment = believes_training("D")
    # the belief is a function of the set seen, so the deployment set is another set
    told_apart = [
        z3.Or(*[d != c for d, c in zip(DEPLOYMENT, family, strict=True)]) for family in TRAINING
    ]
    return z3.And(
        *told_apart,
        *beliefs,
        *[deceptive_acts_base_optimally(b, c) for b, c in zip(beliefs, TRAINING, strict=True)],
        z3.Not(on_deployment),
        z3.Not(deceptive_acts_base_optimally(on_deployment, DEPLOYMENT)),
    )


def corrigible_alignment_with_accurate_model_is_robust() -> Term:
    # corrigible: the mesa-objective *is* the model U_hat (the pointer)
    accurate = z3.And(*[z3.And(MODEL.defined(c), MODEL.at(c) == U(c)) for c in CANDIDATES])
    return z3.Implies(accurate, acts_base_optimally(U, MODEL, CANDIDATES))


def corrigible_alignment_with_inaccurate_model_can_be_pseudo_aligned() -> Term:
    return pseudo(MODEL, TRAINING, DEPLOYMENT)


def inner_and_outer_alignment_give_intended_choices() -> Term:
    outer = z3.And(
        *[
            z3.Implies(is_best(U, CANDIDATES, i), is_best(INTENDED, CANDIDATES, i))
            for i in range(SET_SIZE)
        ]
    )
    intended_choice = z3.Or(
        *[
            z3.And(chooses(MESA, CANDIDATES, i), is_best(INTENDED, CANDIDATES, i))
            for i in range(SET_SIZE)
        ]
    )
    return z3.Implies(z3.And(acts_base_optimally(U, MESA, CANDIDATES), outer), intended_choice)


def inner_alignment_without_outer_alignment_misses_intended_choices() -> Term:
    intended_choice = z3.Or(
        *[
            z3.And(chooses(MESA, CANDIDATES, i), is_best(INTENDED, CANDIDATES, i))
            for i in range(SET_SIZE)
        ]
    )
    return z3.And(
        everywhere_axiom(),
        internally_aligned(U, MESA),
        z3.Not(intended_choice),
    )


def mesa_objective_is_a_behavioral_objective() -> Term:
    return z3.Implies(
        covered(MESA, CANDIDATES),
        z3.Or(
            *[
                z3.And(chooses(MESA, CANDIDATES, i), is_best(MESA.value, CANDIDATES, i))
                for i in range(SET_SIZE)
            ]
        ),
    )


def behavioral_objectives_are_not_unique() -> Term:
    first_objective = real_function("O_1")
    second_objective = real_function("O_2")
    a, b, _ = CANDIDATES

    def behavioral(objective: Any) -> Term:
        return z3.Or(
            *[
                z3.And(chooses(MESA, CANDIDATES, i), is_best(objective, CANDIDATES, i))
                for i in range(SET_SIZE)
            ]
        )

    return z3.And(
        behavioral(first_objective),
        behavioral(second_objective),
        first_objective(a) < first_objective(b),
        second_objective(a) > second_objective(b),
    )


def suboptimality_alignment_exists() -> Term:
    limited = CANDIDATES[:2]
    limited_best = z3.Or(
        *[z3.And(chooses(MESA, limited, i), is_best(U, CANDIDATES, i)) for i in range(len(limited))]
    )
    misaligned = z3.Or(*[z3.And(MESA.defined(c), MESA.at(c) != U(c)) for c in CANDIDATES])
    return z3.And(misaligned, limited_best, z3.Not(acts_base_optimally(U, MESA, CANDIDATES)))


TAXONOMY_THEOREMS: list[Theorem] = [
    Theorem(
        "robust_alignment_excludes_pseudo_alignment",
        "A mesa-optimizer whose choices are U-best on every training and deployment "
        "set is not pseudo-aligned on those sets.",
        "valid",
        robust_alignment_excludes_pseudo_alignment,
        "Risks from Learned Optimization §1.3",
    ),
    Theorem(
        "pseudo_alignment_exists_and_is_unidentifiable_from_training",
        "Some U_m makes the same choice as the internally aligned U_m2 = U on every "
        "training set, yet is not U-best on a deployment set: training choices cannot "
        "tell a pseudo-aligned from a robustly aligned mesa-optimizer.",
        "satisfiable",
        pseudo_alignment_exists_and_is_unidentifiable_from_training,
        "Risks from Learned Optimization §1.3, §3.2 (unidentifiability)",
    ),
    Theorem(
        "internal_alignment_implies_inner_alignment",
        "If U_m is defined everywhere and equals U, then U = U_m on dom(U_m).",
        "valid",
        internal_alignment_implies_inner_alignment,
        "Risks from Learned Optimization §4.4; the post's definition",
    ),
    Theorem(
        "inner_alignment_implies_base_best_choice_within_domain",
        "If U = U_m on dom(U_m), the candidate m chooses is U-best among C ∩ dom(U_m).",
        "valid",
        inner_alignment_implies_base_best_choice_within_domain,
        "the post; Risks from Learned Optimization §1.2",
    ),
    Theorem(
        "inner_alignment_misses_base_best_candidate_outside_domain",
        "Some inner aligned U_m chooses a candidate that is not U-best in C, because "
        "the U-best candidate lies outside dom(U_m).",
        "satisfiable",
        inner_alignment_misses_base_best_candidate_outside_domain,
        "the post ('at least, on the domain of U_m')",
    ),
    Theorem(
        "inner_alignment_with_covered_candidates_implies_robust_choice",
        "If U = U_m on dom(U_m) and C ⊆ dom(U_m), then ch_m(C) is U-best in C.",
        "valid",
        inner_alignment_with_covered_candidates_implies_robust_choice,
        "the post; Risks from Learned Optimization §1.3",
    ),
    Theorem(
        "argmax_inclusion_implies_base_best_choice",
        "If C meets dom(U_m) and every U_m-top candidate of C ∩ dom(U_m) is U-best in "
        "C, then ch_m(C) is U-best.",
        "valid",
        argmax_inclusion_implies_base_best_choice,
        "Risks from Learned Optimization §1.2 (a weaker reading of inner alignment)",
    ),
    Theorem(
        "base_best_choice_does_not_imply_argmax_inclusion",
        "ch_m(C) can be U-best while another U_m-top candidate, tied and behind it, is "
        "not: the choice reading is weaker than argmax inclusion.",
        "satisfiable",
        base_best_choice_does_not_imply_argmax_inclusion,
        "Risks from Learned Optimization §1.2 (a weaker reading of inner alignment)",
    ),
    Theorem(
        "internal_alignment_implies_robust_alignment",
        "If U_m = U everywhere, then ch_m(C) is U-best on every candidate set C.",
        "valid",
        internal_alignment_implies_robust_alignment,
        "Risks from Learned Optimization §4.4, §7",
    ),
    Theorem(
        "doubled_base_objective_makes_the_same_choices",
        "If U_m = 2U everywhere, ch_m(C) is the choice of an optimizer of U itself.",
        "valid",
        doubled_base_objective_makes_the_same_choices,
        "Risks from Learned Optimization §1.3 (robust alignment is about choices)",
    ),
    Theorem(
        "identical_choices_do_not_imply_inner_alignment",
        "U_m = 2U makes U's choices and yet U ≠ U_m somewhere on dom(U_m): the post's "
        "equality is sufficient, not necessary, for identical choices.",
        "satisfiable",
        identical_choices_do_not_imply_inner_alignment,
        "the post; Risks from Learned Optimization §1.2",
    ),
    Theorem(
        "approximate_alignment_below_half_the_top_gap_keeps_the_choice",
        "If C ⊆ dom(U_m), |U_m − U| ≤ ε on C and U's best candidate beats every other "
        "by more than 2ε, then m chooses that candidate.",
        "valid",
        approximate_alignment_below_half_the_top_gap_keeps_the_choice,
        "Risks from Learned Optimization §3.1 (approximate alignment)",
    ),
    Theorem(
        "approximate_alignment_at_half_the_top_gap_can_flip_the_choice",
        "With U's top gap exactly 2ε, some U_m within ε of U chooses a candidate that "
        "is not U-best.",
        "satisfiable",
        approximate_alignment_at_half_the_top_gap_can_flip_the_choice,
        "Risks from Learned Optimization §3.1 (approximate alignment)",
    ),
    Theorem(
        "side_effect_monotonicity_makes_choices_base_best",
        "If C ⊆ dom(U_m) and U increases with U_m on C (X = U_m), then ch_m(C) is U-best.",
        "valid",
        side_effect_monotonicity_makes_choices_base_best,
        "Risks from Learned Optimization §3.1 (side-effect alignment)",
    ),
    Theorem(
        "instrumental_monotonicity_does_not_make_choices_base_best",
        "U_m may increase with U on C (X = U) and still choose a candidate that is not "
        "U-best: a tie in U_m between unequal U values goes to the lower index.",
        "satisfiable",
        instrumental_monotonicity_does_not_make_choices_base_best,
        "Risks from Learned Optimization §3.1 (instrumental alignment)",
    ),
    Theorem(
        "deceptive_alignment_is_indistinguishable_from_robust_alignment_in_training",
        "A deceptive mesa-optimizer that believes it is in training and whose model "
        "of U is accurate on C makes the same choice as an optimizer of U.",
        "valid",
        deceptive_alignment_is_indistinguishable_from_robust_alignment_in_training,
        "Risks from Learned Optimization §4",
    ),
    Theorem(
        "deceptive_alignment_exists",
        "A mesa-optimizer can act U-best on every training set through its model of U "
        "and, believing it is deployed, choose by U_m a candidate that is not U-best.",
        "satisfiable",
        deceptive_alignment_exists,
        "Risks from Learned Optimization §4, §7",
    ),
    Theorem(
        "corrigible_alignment_with_accurate_model_is_robust",
        "A mesa-optimizer whose objective is its model of U, accurate and defined on "
        "C, chooses a U-best candidate of C.",
        "valid",
        corrigible_alignment_with_accurate_model_is_robust,
        "Risks from Learned Optimization §4.4, §7",
    ),
    Theorem(
        "corrigible_alignment_with_inaccurate_model_can_be_pseudo_aligned",
        "A mesa-optimizer whose objective points to an inaccurate model of U can be "
        "U-best on the training sets and not on a deployment set.",
        "satisfiable",
        corrigible_alignment_with_inaccurate_model_can_be_pseudo_aligned,
        "Risks from Learned Optimization §4.4",
    ),
    Theorem(
        "inner_and_outer_alignment_give_intended_choices",
        "If ch_m(C) is U-best and every U-best candidate is U*-best, ch_m(C) is U*-best.",
        "valid",
        inner_and_outer_alignment_give_intended_choices,
        "Risks from Learned Optimization §1.2",
    ),
    Theorem(
        "inner_alignment_without_outer_alignment_misses_intended_choices",
        "An internally aligned mesa-optimizer can choose a candidate that is not "
        "U*-best: inner alignment does not close the outer gap.",
        "satisfiable",
        inner_alignment_without_outer_alignment_misses_intended_choices,
        "Risks from Learned Optimization §1.2",
    ),
    Theorem(
        "mesa_objective_is_a_behavioral_objective",
        "If C ⊆ dom(U_m), ch_m(C) is in argmax_C U_m: the mesa-objective is one of "
        "the behavioral objectives.",
        "valid",
        mesa_objective_is_a_behavioral_objective,
        "Risks from Learned Optimization §1.1",
    ),
    Theorem(
        "behavioral_objectives_are_not_unique",
        "Two objectives that rank two candidates oppositely can both be behavioral "
        "objectives of the same mesa-optimizer on C.",
        "satisfiable",
        behavioral_objectives_are_not_unique,
        "Risks from Learned Optimization §1.1",
    ),
    Theorem(
        "suboptimality_alignment_exists",
        "A search limited to the first two candidates can pick a U-best candidate of C "
        "while the full search over C picks one that is not U-best.",
        "satisfiable",
        suboptimality_alignment_exists,
        "Risks from Learned Optimization §3.1 (suboptimality alignment)",
    ),
]
"""The taxonomy theorems, in the order the paper introduces their concepts."""
