(** * The assumptions of every main theorem.

    [make coq] compiles this file; each [Print Assumptions] must answer
    "Closed under the global context" (no axiom at all, not even one of the
    standard library's). [tests/test_coq.py] reads the output and fails on
    anything else. *)

From Mesaform Require Import Machines Programs Codes Choice Run RunFacts Determinism Objectives MesaFacts Alignment World Bounded Tapes Chooses SmallModel Decider.

Print Assumptions Machines.read_natural_length.
Print Assumptions Machines.read_natural_encode_natural.
Print Assumptions Programs.decode_shorter.
Print Assumptions Codes.decode_encode_mesa.
Print Assumptions Codes.decode_encode_table.
Print Assumptions Codes.decode_encode.
Print Assumptions Choice.argmax_lowest_index_sound.
Print Assumptions Choice.argmax_lowest_index_none.
Print Assumptions Choice.argmax_lowest_index_lowest.
Print Assumptions Choice.argmax_lowest_index_spec.
Print Assumptions Chooses.mesa_choice_chooses.
Print Assumptions Chooses.mesa_choice_nothing.
Print Assumptions RunFacts.run_steps_le_fuel.
Print Assumptions RunFacts.run_fuel_irrelevant.
Print Assumptions RunFacts.run_mono.
Print Assumptions RunFacts.run_gas_enough.
Print Assumptions RunFacts.run_sound.
Print Assumptions Determinism.runs_det.
Print Assumptions Determinism.run_spec.
Print Assumptions RunFacts.run_local.
Print Assumptions RunFacts.run_local_input.
Print Assumptions MesaFacts.mesa_acts_like_its_choice.
Print Assumptions Alignment.inner_implies_order.
Print Assumptions Alignment.order_does_not_imply_inner.
Print Assumptions Alignment.inner_choice_optimal.
Print Assumptions Alignment.inner_choice_base_best.
Print Assumptions Alignment.approximate_choice_within_two_epsilon.
Print Assumptions Alignment.two_epsilon_attained.
Print Assumptions Alignment.inner_without_choice_reading.
Print Assumptions Alignment.choice_reading_without_inner.
Print Assumptions Alignment.choice_reading_incomparable.
Print Assumptions Alignment.outside_dom_never_chosen.
Print Assumptions Alignment.inner_aligned_on_subset.
Print Assumptions Alignment.order_aligned_on_subset.
Print Assumptions Alignment.approximately_aligned_on_subset.
Print Assumptions Alignment.internal_alignment_implies_inner_alignment.
Print Assumptions Alignment.internal_alignment_implies_robust_alignment.
Print Assumptions Alignment.choice_invariant_under_monotone_map.
Print Assumptions Alignment.doubled_base_objective_makes_the_same_choices.
Print Assumptions Alignment.identical_choices_do_not_imply_inner_alignment.
Print Assumptions Alignment.order_alignment_gives_the_same_choice.
Print Assumptions Alignment.order_alignment_gives_the_same_argmax.
Print Assumptions Alignment.approximate_alignment_below_half_the_top_gap_keeps_the_choice.
Print Assumptions Alignment.argmax_inclusion_implies_base_best_choice.
Print Assumptions Alignment.base_best_choice_does_not_imply_argmax_inclusion.
Print Assumptions Bounded.in_machines_up_to.
Print Assumptions Bounded.inner_aligned_up_to_b_spec.
Print Assumptions Bounded.first_misalignment_refutes.
Print Assumptions World.agreement_and_accuracy_imply_inner_alignment.
Print Assumptions World.objective_agreement_alone_does_not_imply_inner_alignment.
Print Assumptions World.model_accuracy_alone_does_not_imply_inner_alignment.
Print Assumptions World.model_accuracy_is_not_necessary_for_inner_alignment.
Print Assumptions World.objective_agreement_is_not_necessary_for_inner_alignment.
Print Assumptions Tapes.input_tape_nodup.
Print Assumptions Tapes.ones_input_tape.
Print Assumptions Tapes.run_nodup.
Print Assumptions Tapes.ones_split.
Print Assumptions Tapes.ones_balance.
Print Assumptions SmallModel.prefix_lemma.
Print Assumptions SmallModel.small_model_domain_of.
Print Assumptions SmallModel.small_model_inner_of.
Print Assumptions SmallModel.small_model_approx_of.
Print Assumptions SmallModel.small_model_order_of.
Print Assumptions SmallModel.small_model_inner.
Print Assumptions SmallModel.small_model_approx.
Print Assumptions SmallModel.small_model_order.
Print Assumptions Decider.machines_up_to_sorted.
Print Assumptions Decider.decide_on_spec.
Print Assumptions Decider.decide_spec.
Print Assumptions Decider.claim_holds_spec.
Print Assumptions Decider.decide_least.
Print Assumptions Decider.decide_order_least.
Print Assumptions Decider.decide_every_refutes.
Print Assumptions Decider.decide_every_spec.
Print Assumptions Decider.decide_by_length_eq.
Print Assumptions Decider.small_model_holds.
Print Assumptions Decider.decide_every_correct.
