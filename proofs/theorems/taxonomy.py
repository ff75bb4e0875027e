"""Relations between the concepts of "Risks from Learned Optimization", proved with Z3.

Each statement is built from the Z3 forms of :mod:`mesaform.proofs.symbolic.z3_forms`, the
encodings of
the predicates of :mod:`mesaform.spec.taxonomy` and :mod:`mesaform.spec.taxonomy_agents` (checked
against
them on random finite models by ``tests/test_z3_forms.py``). Machines are an
uninterpreted sort and ``U``, ``U_m``, ``dom(U_m)``, the model ``U^`` and the intended
``U*`` uninterpreted functions. In a ``theorem`` or an ``unfolding`` the candidate
sequence is symbolic (every finite sequence, of any length) and a family is symbolic
(every finite family of finite sequences). A ``countermodel`` is one witness, with the
sizes its ``scope`` names (3 candidates, 2 training sequences).

Main definitions: :func:`choices_agree`; :data:`TAXONOMY_THEOREMS`, each named for its
result, with the section of the paper it formalizes (docs/semantics.md#taxonomy).

Main results: the list itself. The post's inner alignment and each of the paper's
behavioural readings (the choice reading, argmax inclusion) are incomparable: a
witness in each direction (docs/semantics.md#choice-reading, #argmax-inclusion).
``tests/test_taxonomy_theorems.py`` rebuilds every witness with :mod:`mesaform.spec.taxonomy`.
"""

from __future__ import annotations

from mesaform.proofs.symbolic import z3_forms as f
from mesaform.proofs.symbolic.z3_forms import Candidates, Family, Partial
from mesaform.proofs.symbolic.z3_typed import (
    Bool,
    Int,
    Machine,
    Real,
    conj,
    disj,
    forall,
    iff,
    implies,
    neg,
)
from mesaform.proofs.theorems.theorem import EVERY_FINITE, EVERY_FUNCTION, Theorem, witness_scope

PAPER = "Risks from Learned Optimization"
SEMANTICS = "docs/semantics.md"

SET_SIZE = 3
"""The size of each candidate sequence of a witness."""

TRAINING_SETS = 2
"""The number of training sequences of a witness."""

EVERY_FAMILY = (
    f"{EVERY_FUNCTION}, every finite family of finite candidate sequences (training and deployment)"
)
WITNESS = witness_scope(f"{SET_SIZE} candidates")
FAMILY_WITNESS = witness_scope(
    f"{TRAINING_SETS} training sequences and 1 deployment sequence of {SET_SIZE} candidates"
)

U = f.real_function("U")
MESA = Partial.named("U_m")
OTHER_MESA = Partial.named("U_m2")
MODEL = Partial.named("U_hat")
INTENDED = f.real_function("U_star")


def symbolic() -> Candidates:
    """Return an arbitrary finite candidate sequence."""
    return Candidates.symbolic("C")


def listed(name: str = "C") -> Candidates:
    """Return a witness's sequence of :data:`SET_SIZE` candidates."""
    return Candidates.constants(name, SET_SIZE)


def training_family() -> Family:
    """Return a witness's training family of :data:`TRAINING_SETS` sequences."""
    return Family.of(tuple(listed(f"train{k}") for k in range(TRAINING_SETS)))


def deployment_family() -> Family:
    """Return a witness's deployment family of one sequence."""
    return Family.of((listed("D"),))


def single(candidates: Candidates) -> tuple[Family, ...]:
    """Return the families ``({C})``."""
    return (Family.of((candidates,)),)


def covered(mesa: Partial, candidates: Candidates) -> Bool:
    """Return ``C subset dom(U_m)``."""
    return candidates.every(lambda _j, c: mesa.defined(c))


def every_choice(mesa: Partial, candidates: Candidates, then: f.MachineSet) -> Bool:
    """Return that whatever ``m`` chooses on ``C`` satisfies ``then``."""
    return forall(
        Int,
        "i",
        lambda i: implies(f.chooses(mesa, candidates, i), then(candidates.element(i))),
    )


def u_best(candidates: Candidates) -> f.MachineSet:
    """Return the set of ``U``-best candidates of ``C``."""
    return lambda c: f.is_best(U, candidates, c)


def choices_agree(first: Partial, second: Partial, candidates: Candidates) -> Bool:
    """Return ``ch_first(C) = ch_second(C)``, both ``None`` included."""
    return disj(
        conj(f.chooses_nothing(first, candidates), f.chooses_nothing(second, candidates)),
        candidates.some(
            lambda i, _c: conj(f.chooses(first, candidates, i), f.chooses(second, candidates, i))
        ),
    )


def accurate_on(model: Partial, candidates: Candidates) -> Bool:
    """Return that ``U^`` is defined and equal to ``U`` on every candidate of ``C``."""
    return candidates.every(lambda _j, c: conj(model.defined(c), model.value(c).eq(U(c))))


# --- pseudo-alignment (§1.3) -----------------------------------------------------------


def robust_alignment_excludes_pseudo_alignment() -> Bool:
    training, deployment = Family.symbolic("train"), Family.symbolic("deploy")
    behaviour = f.optimizer(MESA)
    return implies(
        f.robustly_aligned(U, behaviour, (training, deployment)),
        neg(f.pseudo_aligned(U, behaviour, training, deployment)),
    )


def pseudo_alignment_exists_and_is_unidentifiable_from_training() -> Bool:
    training, deployment = training_family(), deployment_family()
    assert training.listed is not None
    return conj(
        f.internally_aligned(U, OTHER_MESA),
        *(choices_agree(MESA, OTHER_MESA, c) for c in training.listed),
        f.pseudo_aligned(U, f.optimizer(MESA), training, deployment),
        f.robustly_aligned(U, f.optimizer(OTHER_MESA), (training, deployment)),
    )


# --- inner alignment and its behavioural readings (§1.2) --------------------------------


def internal_alignment_implies_inner_alignment() -> Bool:
    return implies(f.internally_aligned(U, MESA), f.inner_aligned_on(U, MESA))


def inner_alignment_implies_base_best_choice_within_domain() -> Bool:
    candidates = symbolic()

    def best_in_domain(chosen: Machine) -> Bool:
        return candidates.every(lambda _j, c: implies(MESA.defined(c), U(c) <= U(chosen)))

    return implies(f.inner_aligned_on(U, MESA), every_choice(MESA, candidates, best_in_domain))


def inner_without_choice_reading() -> Bool:
    return conj(
        f.inner_aligned_on(U, MESA), neg(f.inner_aligned_on_choices(U, MESA, single(listed())))
    )


def choice_reading_without_inner() -> Bool:
    return conj(
        f.inner_aligned_on_choices(U, MESA, single(listed())), neg(f.inner_aligned_on(U, MESA))
    )


def inner_without_argmax_inclusion() -> Bool:
    return conj(
        f.inner_aligned_on(U, MESA),
        neg(f.mesa_argmax_within_base_argmax(U, MESA, single(listed()))),
    )


def argmax_inclusion_without_inner() -> Bool:
    return conj(
        f.mesa_argmax_within_base_argmax(U, MESA, single(listed())),
        neg(f.inner_aligned_on(U, MESA)),
    )


def argmax_inclusion_implies_base_best_choice() -> Bool:
    candidates = symbolic()
    return implies(
        f.mesa_argmax_within_base_argmax(U, MESA, single(candidates)),
        every_choice(MESA, candidates, u_best(candidates)),
    )


def choice_reading_without_argmax_inclusion() -> Bool:
    candidates = listed()
    return conj(
        f.inner_aligned_on_choices(U, MESA, single(candidates)),
        neg(f.mesa_argmax_within_base_argmax(U, MESA, single(candidates))),
    )


def internal_alignment_implies_robust_alignment() -> Bool:
    candidates = symbolic()
    return implies(
        f.internally_aligned(U, MESA), every_choice(MESA, candidates, u_best(candidates))
    )


def _doubled() -> Bool:
    return forall(Machine, "t", lambda t: conj(MESA.defined(t), MESA.value(t).eq(2 * U(t))))


def doubled_base_objective_makes_the_same_choices() -> Bool:
    candidates = symbolic()
    same = forall(
        Int,
        "i",
        lambda i: iff(f.chooses(MESA, candidates, i), f.chooses(Partial.total(U), candidates, i)),
    )
    return implies(_doubled(), same)


# --- approximate, proxy alignment (§3.1) -------------------------------------------------


def approximate_alignment_below_half_the_top_gap_keeps_the_choice() -> Bool:
    candidates, epsilon = symbolic(), Real.const("epsilon")

    def top_by_more_than_twice_epsilon(i: Int, chosen: Machine) -> Bool:
        return candidates.every(lambda j, c: implies(neg(j.eq(i)), U(chosen) - U(c) > 2 * epsilon))

    hypotheses = conj(
        covered(MESA, candidates),
        f.approximately_aligned_on(U, MESA, epsilon, candidates.contains),
    )
    return implies(
        hypotheses,
        candidates.every(
            lambda i, c: implies(
                top_by_more_than_twice_epsilon(i, c), f.chooses(MESA, candidates, i)
            )
        ),
    )


def approximate_alignment_at_half_the_top_gap_can_flip_the_choice() -> Bool:
    candidates, epsilon = listed(), Real.const("epsilon")
    assert candidates.listed is not None
    first, second, third = candidates.listed
    return conj(
        epsilon > 0,
        covered(MESA, candidates),
        f.approximately_aligned_on(U, MESA, epsilon, candidates.contains),
        (U(second) - U(first)).eq(2 * epsilon),
        U(second) - U(third) >= 2 * epsilon,
        neg(f.acts_base_optimally(U, f.optimizer(MESA), candidates)),
    )


def side_effect_monotonicity_makes_choices_base_best() -> Bool:
    candidates = symbolic()
    return implies(
        conj(
            covered(MESA, candidates),
            f.increases_with(MESA, Partial.total(U), candidates.contains),
        ),
        every_choice(MESA, candidates, u_best(candidates)),
    )


def instrumental_monotonicity_does_not_make_choices_base_best() -> Bool:
    candidates = listed()
    return conj(
        covered(MESA, candidates),
        f.increases_with(Partial.total(U), MESA, candidates.contains),
        neg(f.acts_base_optimally(U, f.optimizer(MESA), candidates)),
    )


def suboptimality_alignment_exists() -> Bool:
    return f.suboptimality_aligned(U, MESA, 2, Family.of((listed(),)))


# --- deceptive and corrigible alignment (§4) ---------------------------------------------


def believes_training(name: str) -> Bool:
    """Return the deceptive optimizer's belief, on seeing the sequence ``name``, that it is
    being trained."""
    return Bool.const(f"believes_training_{name}")


def deceptive_alignment_is_indistinguishable_from_robust_alignment_in_training() -> Bool:
    candidates = symbolic()
    belief = believes_training("C")
    behaviour = f.deceptive_picks(MESA, MODEL, lambda _c: belief)
    same = forall(
        Int,
        "i",
        lambda i: iff(behaviour(candidates, i), f.chooses(Partial.total(U), candidates, i)),
    )
    return implies(conj(belief, accurate_on(MODEL, candidates)), same)


def deceptive_alignment_exists() -> Bool:
    training, deployment = training_family(), deployment_family()
    assert training.listed is not None and deployment.listed is not None
    sequences = (*training.listed, *deployment.listed)
    names = [*(f"train{k}" for k in range(TRAINING_SETS)), "D"]
    beliefs = dict(zip(sequences, (believes_training(n) for n in names), strict=True))

    def believes(candidates: Candidates) -> Bool:
        return beliefs[candidates]

    # the belief is a function of the sequence seen: the deployment one differs from each
    (deployed,) = deployment.listed
    assert deployed.listed is not None
    told_apart = [
        disj(*(d.ne(c) for d, c in zip(deployed.listed, seen.listed or (), strict=True)))
        for seen in training.listed
    ]
    return conj(*told_apart, f.deceptively_aligned(U, MESA, MODEL, believes, training, deployment))


def corrigible_alignment_is_robust_where_its_model_is_accurate() -> Bool:
    candidates = symbolic()
    return implies(
        accurate_on(MODEL, candidates),
        every_choice(MODEL, candidates, u_best(candidates)),
    )


def corrigible_alignment_becomes_robust_on_what_it_observes() -> Bool:
    candidates = symbolic()
    observed = f.machine_set("O")
    learned = f.observe(MODEL, observed, U)
    return implies(
        candidates.every(lambda _j, c: observed(c)),
        conj(
            accurate_on(learned, candidates),
            every_choice(learned, candidates, u_best(candidates)),
        ),
    )


def corrigible_alignment_with_an_inaccurate_model_can_be_pseudo_aligned() -> Bool:
    training, deployment = training_family(), deployment_family()
    inaccurate = deployment.some_set(lambda c: neg(accurate_on(MODEL, c)))
    return conj(
        f.pseudo_aligned(U, f.optimizer(MODEL), training, deployment),
        f.corrigibly_aligned(U, MODEL, (training,)),
        inaccurate,
    )


def corrigible_robustness_without_an_accurate_model() -> Bool:
    candidates = listed()
    return conj(
        f.corrigibly_aligned(U, MODEL, single(candidates)), neg(accurate_on(MODEL, candidates))
    )


# --- outer alignment and the three objectives (§1.1, §1.2) -------------------------------


def inner_and_outer_alignment_give_intended_choices() -> Bool:
    candidates = symbolic()
    behaviour = f.optimizer(MESA)
    return implies(
        conj(
            f.acts_base_optimally(U, behaviour, candidates),
            f.outer_aligned_on(U, INTENDED, single(candidates)),
        ),
        f.acts_base_optimally(INTENDED, behaviour, candidates),
    )


def inner_alignment_without_outer_alignment_misses_intended_choices() -> Bool:
    candidates = listed()
    return conj(
        f.internally_aligned(U, MESA),
        neg(f.acts_base_optimally(INTENDED, f.optimizer(MESA), candidates)),
    )


def mesa_objective_is_a_behavioral_objective() -> Bool:
    candidates = symbolic()
    return implies(
        covered(MESA, candidates),
        every_choice(MESA, candidates, lambda c: f.is_best(MESA.value, candidates, c)),
    )


def behavioral_objectives_are_not_unique() -> Bool:
    first_objective, second_objective = f.real_function("O_1"), f.real_function("O_2")
    candidates = listed()
    assert candidates.listed is not None
    a, b, _ = candidates.listed
    behaviour = f.optimizer(MESA)
    return conj(
        f.acts_base_optimally(first_objective, behaviour, candidates),
        f.acts_base_optimally(second_objective, behaviour, candidates),
        first_objective(a) < first_objective(b),
        second_objective(a) > second_objective(b),
    )


INCOMPARABLE = (
    "the post's inner alignment and this reading are incomparable: neither implies the other"
)

TAXONOMY_THEOREMS: list[Theorem] = [
    Theorem(
        "robust_alignment_excludes_pseudo_alignment",
        "A mesa-optimizer whose choices are U-best on every sequence of a training and a "
        "deployment family is not pseudo-aligned on those families.",
        "unfolding",
        robust_alignment_excludes_pseudo_alignment,
        f"{PAPER} §1.3",
        EVERY_FAMILY,
    ),
    Theorem(
        "pseudo_alignment_exists_and_is_unidentifiable_from_training",
        "Some U_m makes the same choice as the internally aligned U_m2 = U on every "
        "training sequence, yet is not U-best on a deployment sequence: training choices "
        "cannot tell a pseudo-aligned from a robustly aligned mesa-optimizer.",
        "countermodel",
        pseudo_alignment_exists_and_is_unidentifiable_from_training,
        f"{PAPER} §1.3, §3.2 (unidentifiability)",
        FAMILY_WITNESS,
    ),
    Theorem(
        "internal_alignment_implies_inner_alignment",
        "If U_m is defined everywhere and equals U, then U = U_m on dom(U_m).",
        "unfolding",
        internal_alignment_implies_inner_alignment,
        f"{PAPER} §4.4; the post",
        EVERY_FUNCTION,
    ),
    Theorem(
        "inner_alignment_implies_base_best_choice_within_domain",
        "If U = U_m on dom(U_m), then on every finite candidate sequence C the candidate m "
        "chooses is U-best among C ∩ dom(U_m).",
        "theorem",
        inner_alignment_implies_base_best_choice_within_domain,
        f"the post; {PAPER} §1.2; {SEMANTICS}#choice-rule",
        EVERY_FINITE,
    ),
    Theorem(
        "inner_alignment_does_not_imply_the_choice_reading",
        "Some U_m equal to U on dom(U_m) chooses a candidate that is not U-best in C, "
        f"because the U-best candidate lies outside dom(U_m); {INCOMPARABLE} (this is one "
        "direction).",
        "countermodel",
        inner_without_choice_reading,
        f"the post ('at least, on the domain of U_m'); {SEMANTICS}#choice-reading",
        WITNESS,
    ),
    Theorem(
        "the_choice_reading_does_not_imply_inner_alignment",
        "Some U_m chooses a U-best candidate of C while U != U_m somewhere on dom(U_m); "
        f"{INCOMPARABLE} (this is the other direction).",
        "countermodel",
        choice_reading_without_inner,
        f"{PAPER} §1.2; {SEMANTICS}#choice-reading",
        WITNESS,
    ),
    Theorem(
        "inner_alignment_does_not_imply_argmax_inclusion",
        "Some U_m equal to U on dom(U_m) ranks on top of C ∩ dom(U_m) a candidate that is "
        f"not U-best in C; {INCOMPARABLE} (this is one direction).",
        "countermodel",
        inner_without_argmax_inclusion,
        f"the post; {SEMANTICS}#argmax-inclusion",
        WITNESS,
    ),
    Theorem(
        "argmax_inclusion_does_not_imply_inner_alignment",
        "Some U_m whose top candidates of C ∩ dom(U_m) are all U-best differs from U "
        f"somewhere on dom(U_m); {INCOMPARABLE} (this is the other direction).",
        "countermodel",
        argmax_inclusion_without_inner,
        f"{PAPER} §1.2; {SEMANTICS}#argmax-inclusion",
        WITNESS,
    ),
    Theorem(
        "argmax_inclusion_implies_base_best_choice",
        "On every finite candidate sequence C: if every U_m-top candidate of C ∩ dom(U_m) "
        "is U-best in C, the candidate m chooses is U-best.",
        "theorem",
        argmax_inclusion_implies_base_best_choice,
        f"{SEMANTICS}#argmax-inclusion; {SEMANTICS}#choice-reading",
        EVERY_FINITE,
    ),
    Theorem(
        "the_choice_reading_does_not_imply_argmax_inclusion",
        "ch_m(C) can be U-best while another U_m-top candidate, tied and behind it, is "
        "not: the choice reading does not imply argmax inclusion.",
        "countermodel",
        choice_reading_without_argmax_inclusion,
        f"{SEMANTICS}#choice-reading; {SEMANTICS}#argmax-inclusion",
        WITNESS,
    ),
    Theorem(
        "internal_alignment_implies_robust_alignment",
        "If U_m = U on every machine, then on every finite candidate sequence C the "
        "candidate m chooses is U-best.",
        "theorem",
        internal_alignment_implies_robust_alignment,
        f"{PAPER} §4.4, §7",
        EVERY_FINITE,
    ),
    Theorem(
        "doubled_base_objective_makes_the_same_choices",
        "If U_m = 2U on every machine, then on every finite candidate sequence C m chooses "
        "what an optimizer of U itself chooses.",
        "theorem",
        doubled_base_objective_makes_the_same_choices,
        f"{PAPER} §1.3 (robust alignment is about choices)",
        EVERY_FINITE,
    ),
    Theorem(
        "approximate_alignment_below_half_the_top_gap_keeps_the_choice",
        "On every finite candidate sequence C ⊆ dom(U_m) with |U_m − U| ≤ ε on C: a "
        "candidate whose U beats every other position's by more than 2ε is the one m "
        "chooses.",
        "theorem",
        approximate_alignment_below_half_the_top_gap_keeps_the_choice,
        f"{PAPER} §3.1 (approximate alignment)",
        f"{EVERY_FINITE}; every epsilon",
    ),
    Theorem(
        "approximate_alignment_at_half_the_top_gap_can_flip_the_choice",
        "With U's top gap exactly 2ε, some U_m within ε of U chooses a candidate that "
        "is not U-best.",
        "countermodel",
        approximate_alignment_at_half_the_top_gap_can_flip_the_choice,
        f"{PAPER} §3.1 (approximate alignment)",
        WITNESS,
    ),
    Theorem(
        "side_effect_monotonicity_makes_choices_base_best",
        "On every finite candidate sequence C ⊆ dom(U_m) on which U increases with U_m "
        "(X = U_m), the candidate m chooses is U-best.",
        "theorem",
        side_effect_monotonicity_makes_choices_base_best,
        f"{PAPER} §3.1 (side-effect alignment)",
        EVERY_FINITE,
    ),
    Theorem(
        "instrumental_monotonicity_does_not_make_choices_base_best",
        "U_m may increase with U on C (X = U) and still choose a candidate that is not "
        "U-best: a tie in U_m between unequal U values goes to the lower index.",
        "countermodel",
        instrumental_monotonicity_does_not_make_choices_base_best,
        f"{PAPER} §3.1 (instrumental alignment)",
        WITNESS,
    ),
    Theorem(
        "suboptimality_alignment_exists",
        "A search limited to the first two candidates can choose a U-best candidate of C "
        "while U_m differs from U on C and the full search over C chooses one that is not "
        "U-best.",
        "countermodel",
        suboptimality_alignment_exists,
        f"{PAPER} §3.1 (suboptimality alignment)",
        WITNESS,
    ),
    Theorem(
        "deceptive_alignment_is_indistinguishable_from_robust_alignment_in_training",
        "On every finite candidate sequence C: a deceptive mesa-optimizer that believes it "
        "is in training and whose model of U is accurate on C chooses what an optimizer of "
        "U chooses.",
        "unfolding",
        deceptive_alignment_is_indistinguishable_from_robust_alignment_in_training,
        f"{PAPER} §4",
        EVERY_FINITE,
    ),
    Theorem(
        "deceptive_alignment_exists",
        "A mesa-optimizer can act U-best on every training sequence through its model of U "
        "and, believing it is deployed, choose by U_m a candidate that is not U-best.",
        "countermodel",
        deceptive_alignment_exists,
        f"{PAPER} §4, §7",
        FAMILY_WITNESS,
    ),
    Theorem(
        "corrigible_alignment_is_robust_where_its_model_is_accurate",
        "A corrigible mesa-optimizer's objective is a pointer to its model U^ of U: on "
        "every finite candidate sequence C on which U^ is defined and equal to U, the "
        "candidate it chooses is U-best.",
        "theorem",
        corrigible_alignment_is_robust_where_its_model_is_accurate,
        f"{PAPER} §4.4 (the mesa-objective 'points to' its model of the base objective)",
        f"{EVERY_FINITE}; every model U^",
    ),
    Theorem(
        "corrigible_alignment_becomes_robust_on_what_it_observes",
        "Whatever its model U^ was, after a corrigible mesa-optimizer observes U on a set O "
        "its model is accurate on O and, on every finite candidate sequence inside O, the "
        "candidate it chooses is U-best: its objective moves with its model.",
        "unfolding",
        corrigible_alignment_becomes_robust_on_what_it_observes,
        f"{PAPER} §4.4",
        f"{EVERY_FINITE}; every model U^ and every set O (a predicate)",
    ),
    Theorem(
        "corrigible_alignment_with_an_inaccurate_model_can_be_pseudo_aligned",
        "A corrigible mesa-optimizer whose model of U is inaccurate on a deployment "
        "sequence can be U-best on the training sequences and not on the deployment one.",
        "countermodel",
        corrigible_alignment_with_an_inaccurate_model_can_be_pseudo_aligned,
        f"{PAPER} §4.4",
        FAMILY_WITNESS,
    ),
    Theorem(
        "corrigible_robustness_does_not_need_an_accurate_model",
        "A corrigible mesa-optimizer can choose U-best on C while its model U^ differs from "
        "U on C: accuracy is sufficient for robustness, not necessary (a model that ranks "
        "like U is enough).",
        "countermodel",
        corrigible_robustness_without_an_accurate_model,
        f"{PAPER} §4.4",
        WITNESS,
    ),
    Theorem(
        "inner_and_outer_alignment_give_intended_choices",
        "On every finite candidate sequence C: if ch_m(C) is U-best and every U-best "
        "candidate is U*-best, ch_m(C) is U*-best.",
        "unfolding",
        inner_and_outer_alignment_give_intended_choices,
        f"{PAPER} §1.2; {SEMANTICS}#outer-alignment",
        f"{EVERY_FINITE}; every intended U*",
    ),
    Theorem(
        "inner_alignment_without_outer_alignment_misses_intended_choices",
        "An internally aligned mesa-optimizer can choose a candidate that is not "
        "U*-best: inner alignment does not close the outer gap.",
        "countermodel",
        inner_alignment_without_outer_alignment_misses_intended_choices,
        f"{PAPER} §1.2; {SEMANTICS}#outer-alignment",
        WITNESS,
    ),
    Theorem(
        "mesa_objective_is_a_behavioral_objective",
        "On every finite candidate sequence C ⊆ dom(U_m), the candidate m chooses is in "
        "argmax_C U_m: the mesa-objective is one of the behavioral objectives.",
        "unfolding",
        mesa_objective_is_a_behavioral_objective,
        f"{PAPER} §1.1",
        EVERY_FINITE,
    ),
    Theorem(
        "behavioral_objectives_are_not_unique",
        "Two objectives that rank two candidates oppositely can both be behavioral "
        "objectives of the same mesa-optimizer on C.",
        "countermodel",
        behavioral_objectives_are_not_unique,
        f"{PAPER} §1.1",
        WITNESS,
    ),
]
"""The taxonomy theorems, in the order the paper introduces their concepts."""
