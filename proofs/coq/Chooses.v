(** * The choice [ch_m(C)] as the relation the Z3 encodings use.

    Formalizes "m picks the scored candidate with the highest score, the lowest
    index on ties" (docs/semantics.md#choice-rule) as a relation, [chooses],
    written clause by clause after [proofs/symbolic/z3_forms.py]'s [chooses]:
    the index is in range, its candidate is in dom(U_m), every candidate in
    dom(U_m) before it scores strictly less and every one after it at most as
    much; and [chooses_nothing] after [chooses_nothing] there: no candidate is
    in dom(U_m). [mesa_choice_chooses] and [mesa_choice_nothing] prove that the
    computed choice [mesa_choice] (Python: [mesaform.spec.taxonomy.mesa_choice])
    is exactly that relation, for every candidate list. *)

From Coq Require Import List Bool Arith Lia QArith.
From Mesaform Require Import Machines Choice Objectives.
Import ListNotations.

(** [chooses] -- Python: [mesaform.proofs.symbolic.z3_forms.chooses]:
    [ch_m(C) = i]. *)
Definition chooses (Um : partial_objective) (C : list TM) (i : nat) : Prop :=
  (i < length C)%nat /\
  exists v, Um (nth i C []) = Some v /\
    (forall j c w, nth_error C j = Some c -> Um c = Some w ->
       ((j < i)%nat -> w < v) /\ ((i < j)%nat -> w <= v)).

(** [chooses_nothing] -- Python: [mesaform.proofs.symbolic.z3_forms.chooses_nothing]:
    [ch_m(C) = None], no candidate in dom(U_m). *)
Definition chooses_nothing (Um : partial_objective) (C : list TM) : Prop :=
  forall c, In c C -> Um c = None.

(** [mesa_choice_chooses]: the computed choice is [i] exactly when [chooses Um C i]. *)
Theorem mesa_choice_chooses : forall Um C i, mesa_choice Um C = Some i <-> chooses Um C i.
Proof.
  intros Um C i. unfold mesa_choice. rewrite argmax_lowest_index_spec. split.
  - intros [v [Hi [Hmax Hlow]]].
    rewrite nth_error_map in Hi.
    destruct (nth_error C i) as [ci|] eqn:Ec; [|discriminate]. simpl in Hi. injection Hi as Hi.
    split; [apply nth_error_Some; congruence|].
    exists v. split; [rewrite (nth_error_nth C i [] Ec); exact Hi|].
    intros j c w Hj Hw.
    assert (Hjm : nth_error (map Um C) j = Some (Some w)) by (rewrite nth_error_map, Hj; simpl; congruence).
    split; [intros Hlt; exact (Hlow j w Hlt Hjm)|intros _; exact (Hmax j w Hjm)].
  - intros [Hi [v [Hv Hall]]].
    exists v. split; [|split].
    + rewrite nth_error_map, (nth_error_nth' C [] Hi). simpl. congruence.
    + intros k w Hk. rewrite nth_error_map in Hk.
      destruct (nth_error C k) as [ck|] eqn:Ek; [|discriminate]. simpl in Hk. injection Hk as Hk.
      destruct (Nat.lt_trichotomy k i) as [Hlt|[->|Hlt]].
      * apply Qlt_le_weak. exact (proj1 (Hall k ck w Ek Hk) Hlt).
      * rewrite (nth_error_nth C i [] Ek) in Hv. rewrite Hv in Hk. injection Hk as <-. apply Qle_refl.
      * exact (proj2 (Hall k ck w Ek Hk) Hlt).
    + intros k w Hlt Hk. rewrite nth_error_map in Hk.
      destruct (nth_error C k) as [ck|] eqn:Ek; [|discriminate]. simpl in Hk. injection Hk as Hk.
      exact (proj1 (Hall k ck w Ek Hk) Hlt).
Qed.

(** [mesa_choice_nothing]: the computed choice is [None] exactly when no
    candidate is in dom(U_m). *)
Theorem mesa_choice_nothing : forall Um C, mesa_choice Um C = None <-> chooses_nothing Um C.
Proof.
  intros Um C. unfold mesa_choice, chooses_nothing. rewrite argmax_lowest_index_none. split.
  - intros H c Hc. destruct (Um c) as [v|] eqn:Ev; [|reflexivity].
    exfalso. apply (H v). rewrite <- Ev. apply in_map. exact Hc.
  - intros H v Hin. apply in_map_iff in Hin. destruct Hin as [c [Ec Hc]].
    rewrite (H c Hc) in Ec. discriminate.
Qed.
