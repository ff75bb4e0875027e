"""Which of mesaform's theorems are also machine-checked in Coq, and under which name.

``mesaform prove`` proves its theorems with Z3 over uninterpreted ``U``, ``U_m`` and
domain, some for a fixed number of candidates. The Coq development in ``proofs/coq/``
(docs/coq.md) proves, for every size and with no assumption, a statement that implies
each theorem listed here. This is the one place that ties the two sets of names;
``tests/test_coq.py`` checks that every key is a registered theorem and every value a
theorem whose assumptions ``proofs/coq/Assumptions.v`` prints.

Main definitions: :data:`COQ_NAMES`, :func:`coq_name`, :data:`COQ_SMALL_MODEL` (the small-model
theorems behind verdicts for every t), :data:`COQ_CHOICE` (the choice rule and its Z3 forms).
"""

from __future__ import annotations

COQ_NAMES: dict[str, str] = {
    # proofs/theorems/alignment.py
    "inner_alignment_makes_every_choice_U_optimal_among_candidates_in_dom": (
        "Alignment.inner_choice_base_best"
    ),
    "inner_alignment_implies_order_alignment": "Alignment.inner_implies_order",
    "order_alignment_does_not_imply_inner_alignment": "Alignment.order_does_not_imply_inner",
    "order_alignment_gives_the_same_choice_on_every_candidate_sequence_in_dom": (
        "Alignment.order_alignment_gives_the_same_choice"
    ),
    "order_alignment_gives_the_same_argmax_on_every_candidate_set_in_dom": (
        "Alignment.order_alignment_gives_the_same_argmax"
    ),
    "approximate_alignment_puts_the_choice_within_two_epsilon_of_the_U_optimum": (
        "Alignment.approximate_choice_within_two_epsilon"
    ),
    "approximate_alignment_bound_two_epsilon_is_tight": "Alignment.two_epsilon_attained",
    "approximate_alignment_gap_two_epsilon_is_attained_for_every_epsilon": (
        "Alignment.two_epsilon_attained"
    ),
    "a_candidate_outside_dom_is_never_chosen": "Alignment.outside_dom_never_chosen",
    "a_choice_exists_when_a_candidate_is_in_dom": "Chooses.mesa_choice_nothing",
    "inner_alignment_on_a_set_implies_inner_alignment_on_every_subset": (
        "Alignment.inner_aligned_on_subset"
    ),
    "order_alignment_on_a_set_implies_order_alignment_on_every_subset": (
        "Alignment.order_aligned_on_subset"
    ),
    "approximate_alignment_on_a_set_implies_approximate_alignment_on_every_subset": (
        "Alignment.approximately_aligned_on_subset"
    ),
    # proofs/theorems/taxonomy.py
    "mesa_objective_is_a_behavioral_objective": "Chooses.mesa_choice_chooses",
    "internal_alignment_implies_inner_alignment": (
        "Alignment.internal_alignment_implies_inner_alignment"
    ),
    "internal_alignment_implies_robust_alignment": (
        "Alignment.internal_alignment_implies_robust_alignment"
    ),
    "inner_alignment_implies_base_best_choice_within_domain": "Alignment.inner_choice_optimal",
    "inner_alignment_does_not_imply_the_choice_reading": ("Alignment.inner_without_choice_reading"),
    "approximate_alignment_below_half_the_top_gap_keeps_the_choice": (
        "Alignment.approximate_alignment_below_half_the_top_gap_keeps_the_choice"
    ),
    "argmax_inclusion_implies_base_best_choice": (
        "Alignment.argmax_inclusion_implies_base_best_choice"
    ),
    "the_choice_reading_does_not_imply_argmax_inclusion": (
        "Alignment.base_best_choice_does_not_imply_argmax_inclusion"
    ),
    "doubled_base_objective_makes_the_same_choices": (
        "Alignment.doubled_base_objective_makes_the_same_choices"
    ),
    "the_choice_reading_does_not_imply_inner_alignment": (
        "Alignment.identical_choices_do_not_imply_inner_alignment"
    ),
    # proofs/theorems/world.py
    "agreement_and_accuracy_imply_inner_alignment": (
        "World.agreement_and_accuracy_imply_inner_alignment"
    ),
    "objective_agreement_alone_does_not_imply_inner_alignment": (
        "World.objective_agreement_alone_does_not_imply_inner_alignment"
    ),
    "model_accuracy_alone_does_not_imply_inner_alignment": (
        "World.model_accuracy_alone_does_not_imply_inner_alignment"
    ),
    "model_accuracy_is_not_necessary_for_inner_alignment": (
        "World.model_accuracy_is_not_necessary_for_inner_alignment"
    ),
    "objective_agreement_is_not_necessary_for_inner_alignment": (
        "World.objective_agreement_is_not_necessary_for_inner_alignment"
    ),
}
"""Python theorem name (``mesaform prove``) -> the Coq theorem that implies it."""


COQ_SMALL_MODEL: dict[str, str] = {
    "inner-alignment": "SmallModel.small_model_inner",
    "approximate-alignment": "SmallModel.small_model_approx",
    "order-alignment": "SmallModel.small_model_order",
}
"""Claim predicate -> the Coq theorem behind its verdicts for every t
(``mesaform.proofs.checking.small_model``, docs/semantics.md#small-model): the claim
with ``U = code_ones`` and a Mesa program's ``U_m`` holds for every ``t`` iff it holds
for every ``|t| <= deciding_length``."""

COQ_CHOICE: dict[str, str] = {
    "mesaform.proofs.symbolic.z3_forms.chooses": "Chooses.mesa_choice_chooses",
    "mesaform.proofs.symbolic.z3_forms.chooses_nothing": "Chooses.mesa_choice_nothing",
}
"""The Z3 forms of the choice -> the Coq theorem proving the computed choice
(``Objectives.mesa_choice``, lowest index on ties) equal to the relation they encode."""


def coq_name(theorem_name: str) -> str | None:
    """Return the Coq theorem that machine-checks ``theorem_name``, or ``None``."""
    return COQ_NAMES.get(theorem_name)


COQ_DEFINITIONS: dict[str, str] = {
    "mesaform.spec.machines.TM": "Machines.TM",
    "mesaform.spec.machines.encode_natural": "Machines.encode_natural",
    "mesaform.spec.machines.read_natural": "Machines.read_natural",
    "mesaform.spec.machines.machines_of_length": "Bounded.machines_of_length",
    "mesaform.spec.machines.machines_up_to": "Bounded.machines_up_to",
    "mesaform.spec.programs.Transition": "Programs.transition",
    "mesaform.spec.programs.Table": "Programs.program",
    "mesaform.spec.programs.Mesa": "Programs.program",
    "mesaform.spec.programs.decode": "Programs.decode",
    "mesaform.spec.programs.encode": "Programs.encode",
    "mesaform.spec.programs.effective_transition": "Programs.effective_transition",
    "mesaform.spec.results.input_tape": "Run.input_tape",
    "mesaform.spec.results.read_output": "Run.read_output",
    "mesaform.spec.results.Halted": "Run.result",
    "mesaform.spec.results.OutOfFuel": "Run.result",
    "mesaform.spec.interpreter.run": "Run.run",
    "mesaform.spec.interpreter.run_table": "Run.run_table",
    "mesaform.spec.interpreter.evaluate_candidates": "Run.evaluate",
    "mesaform.spec.interpreter.argmax_lowest_index": "Choice.argmax_lowest_index",
    "mesaform.spec.interpreter.run_mesa": "Run.run_g",
    "mesaform.spec.library.code_ones": "Objectives.code_ones",
    "mesaform.spec.library.productivity": "Objectives.productivity",
    "mesaform.spec.library.busyness": "Objectives.busyness",
    "mesaform.spec.library.replication_score": "Objectives.replication_score",
    "mesaform.spec.library.self_replication": "Objectives.self_replication",
    "mesaform.spec.library.mesa_objective": "Objectives.mesa_objective",
    "mesaform.spec.objectives.Objective": "Objectives.objective",
    "mesaform.spec.objectives.PartialObjective": "Objectives.partial_objective",
    "mesaform.spec.alignment.inner_aligned_on": "Alignment.inner_aligned_on",
    "mesaform.spec.alignment.inner_aligned_up_to": "Bounded.inner_aligned_up_to_b_spec",
    "mesaform.spec.alignment.approximately_aligned_on": "Alignment.approximately_aligned_on",
    "mesaform.spec.alignment.order_aligned_on": "Alignment.order_aligned_on",
    "mesaform.spec.taxonomy.mesa_choice": "Objectives.mesa_choice",
    "mesaform.spec.taxonomy.base_best_indices": "Alignment.base_best",
    "mesaform.spec.taxonomy.inner_aligned_on_choices": "Alignment.inner_aligned_on_choices",
    "mesaform.spec.taxonomy.mesa_argmax_within_base_argmax": (
        "Alignment.mesa_argmax_within_base_argmax"
    ),
    "mesaform.spec.world.base_objective_through": "World.base_objective_through",
    "mesaform.spec.world.mesa_objective_through": "World.mesa_objective_through",
    "mesaform.spec.world.objective_agreement_on": "World.objective_agreement",
    "mesaform.spec.world.model_accurate_on": "World.model_accurate",
    "mesaform.proofs.symbolic.z3_forms.chooses": "Chooses.chooses",
    "mesaform.proofs.symbolic.z3_forms.chooses_nothing": "Chooses.chooses_nothing",
}
"""Python definition in ``spec/`` (and the Z3 forms of the choice) -> its Coq twin; each
docstring names the twin."""


def coq_twin_line(coq: str) -> str:
    """Return the docstring line that names a Coq twin."""
    return f"Coq twin: ``{coq}`` (proofs/coq, docs/coq.md)."
