(** * The choice rule: the highest defined value, the lowest index on ties.

    Formalizes "m picks the scored candidate with the highest score, the lowest
    index on ties" (docs/semantics.md#choice-rule). Python twin:
    [mesaform.spec.interpreter.argmax_lowest_index]. *)

From Coq Require Import List Bool Arith Lia QArith.
Import ListNotations.

(** The running best (index, value) after scanning values from index [i]. *)
Fixpoint argmax_from (i : nat) (best : option (nat * Q)) (values : list (option Q))
  : option (nat * Q) :=
  match values with
  | [] => best
  | None :: rest => argmax_from (S i) best rest
  | Some v :: rest =>
      match best with
      | None => argmax_from (S i) (Some (i, v)) rest
      | Some (_, bv) =>
          if Qle_bool v bv then argmax_from (S i) best rest
          else argmax_from (S i) (Some (i, v)) rest
      end
  end.

(** [argmax_lowest_index] -- Python: [mesaform.spec.interpreter.argmax_lowest_index]: the
    index of the highest defined value, the lowest on ties; [None] if no value
    is defined ([None] marks a candidate outside dom(U_m)). *)
Definition argmax_lowest_index (values : list (option Q)) : option nat :=
  option_map fst (argmax_from 0 None values).

(** ** Laws of the choice rule. *)


(** The chosen index points at a defined value that is at least every defined
    value (that every earlier defined value is strictly lower is
    [argmax_from_lowest] below). *)
Lemma argmax_from_sound : forall values i best j v,
  argmax_from i best values = Some (j, v) ->
  (best = Some (j, v) \/ (exists k : nat, j = (i + k)%nat /\ nth_error values k = Some (Some v)))
  /\ (forall w, In (Some w) values -> w <= v)
  /\ (forall j' bv, best = Some (j', bv) -> bv <= v).
Proof.
  induction values as [|[w|] rest IH]; intros i best j v H; simpl in H.
  - subst best. split; [left; reflexivity|]. split; [intros w []|].
    intros j' bv E. injection E as _ <-. apply Qle_refl.
  - destruct best as [[bj bv]|].
    + destruct (Qle_bool w bv) eqn:Ewb.
      * apply Qle_bool_iff in Ewb.
        destruct (IH _ _ _ _ H) as [H1 [H2 H3]].
        split; [destruct H1 as [H1|[k [Hk Hn]]]; [left; exact H1| right; exists (S k); split; [lia|exact Hn]]|].
        split; [|exact H3].
        intros u [E|Hin]; [injection E as <-; apply Qle_trans with bv; [exact Ewb| exact (H3 _ _ eq_refl)]|].
        apply H2; exact Hin.
      * destruct (IH _ _ _ _ H) as [H1 [H2 H3]].
        assert (Hlt : bv < w).
        { apply Qnot_le_lt. intros C. apply Qle_bool_iff in C. congruence. }
        specialize (H3 _ _ eq_refl).
        split.
        { destruct H1 as [H1|[k [Hk Hn]]].
          - injection H1 as <- <-. right. exists 0%nat. split; [lia|reflexivity].
          - right. exists (S k). split; [lia|exact Hn]. }
        split.
        { intros u [E|Hin]; [injection E as <-; exact H3|]. apply H2; exact Hin. }
        intros j' bv' E. injection E as _ <-. apply Qle_trans with w; [apply Qlt_le_weak; exact Hlt|exact H3].
    + destruct (IH _ _ _ _ H) as [H1 [H2 H3]].
      specialize (H3 _ _ eq_refl).
      split.
      { destruct H1 as [H1|[k [Hk Hn]]].
        - injection H1 as <- <-. right. exists 0%nat. split; [lia|reflexivity].
        - right. exists (S k). split; [lia|exact Hn]. }
      split; [|intros j' bv' E; discriminate].
      intros u [E|Hin]; [injection E as <-; exact H3|]. apply H2; exact Hin.
  - destruct (IH _ _ _ _ H) as [H1 [H2 H3]].
    split; [destruct H1 as [H1|[k [Hk Hn]]]; [left; exact H1| right; exists (S k); split; [lia|exact Hn]]|].
    split; [|exact H3].
    intros u [E|Hin]; [discriminate|]. apply H2; exact Hin.
Qed.

Lemma argmax_from_none : forall values i best,
  argmax_from i best values = None -> best = None /\ forall v, ~ In (Some v) values.
Proof.
  induction values as [|[w|] rest IH]; intros i best H; simpl in H.
  - split; [exact H| intros v []].
  - destruct best as [[bj bv]|].
    + destruct (Qle_bool w bv); apply IH in H; destruct H; discriminate.
    + apply IH in H. destruct H; discriminate.
  - apply IH in H. destruct H as [H1 H2]. split; [exact H1|].
    intros v [E|Hin]; [discriminate|]. exact (H2 v Hin).
Qed.

(** [argmax_lowest_index_sound]: a chosen index holds a defined value that is
    at least every defined value. *)
Theorem argmax_lowest_index_sound : forall values j,
  argmax_lowest_index values = Some j ->
  exists v, nth_error values j = Some (Some v) /\ (forall w, In (Some w) values -> w <= v).
Proof.
  intros values j H. unfold argmax_lowest_index in H.
  destruct (argmax_from 0 None values) as [[j' v]|] eqn:E; [|discriminate].
  simpl in H. injection H as <-.
  destruct (argmax_from_sound _ _ _ _ _ E) as [[C|[k [Hk Hn]]] [H2 _]]; [discriminate|].
  simpl in Hk. subst k. exists v. split; [exact Hn|exact H2].
Qed.

(** [argmax_lowest_index_none]: no index is chosen exactly when no value is defined. *)
Theorem argmax_lowest_index_none : forall values,
  argmax_lowest_index values = None <-> forall v, ~ In (Some v) values.
Proof.
  intros values. unfold argmax_lowest_index. split.
  - intros H. destruct (argmax_from 0 None values) as [[j v]|] eqn:E; [discriminate|].
    apply argmax_from_none in E. apply E.
  - intros H. destruct (argmax_from 0 None values) as [[j v]|] eqn:E; [|reflexivity].
    destruct (argmax_from_sound _ _ _ _ _ E) as [[C|[k [Hk Hn]]] _]; [discriminate|].
    exfalso. apply (H v). apply nth_error_In with k. exact Hn.
Qed.

(** ** The lowest index on ties *)

(** After scanning from index [i] with a running best whose index is below
    [i], every defined value before the result's index is strictly lower than
    the result's value, and so is the running best unless it is kept. *)
Lemma argmax_from_lowest : forall values i best j v,
  (forall bj bv, best = Some (bj, bv) -> (bj < i)%nat) ->
  argmax_from i best values = Some (j, v) ->
  (forall k w, nth_error values k = Some (Some w) -> (i + k < j)%nat -> w < v)
  /\ (forall bj bv, best = Some (bj, bv) -> (bj < j)%nat -> bv < v).
Proof.
  induction values as [|[w|] rest IH]; intros i best j v Hb H; simpl in H.
  - subst best. split; [intros [|k] w E; discriminate|].
    intros bj bv E Hlt. injection E as -> ->. lia.
  - destruct best as [[bj bv]|].
    + specialize (Hb bj bv eq_refl).
      destruct (Qle_bool w bv) eqn:Ewb.
      * apply Qle_bool_iff in Ewb.
        destruct (IH (S i) (Some (bj, bv)) j v ltac:(intros ? ? E; injection E as <- _; lia) H)
          as [HA HB].
        split; [|exact HB].
        intros [|k] u E Hk; simpl in E.
        -- injection E as Eu. rewrite <- Eu. apply Qle_lt_trans with bv; [exact Ewb|]. apply (HB bj bv eq_refl). lia.
        -- apply (HA k u E). lia.
      * assert (Hlt : bv < w).
        { apply Qnot_le_lt. intros C. apply Qle_bool_iff in C. congruence. }
        destruct (IH (S i) (Some (i, w)) j v ltac:(intros ? ? E; injection E as <- _; lia) H)
          as [HA HB].
        pose proof (proj2 (proj2 (argmax_from_sound _ _ _ _ _ H)) i w eq_refl) as Hwv.
        split.
        -- intros [|k] u E Hk; simpl in E.
           ++ injection E as Eu. rewrite <- Eu. apply (HB i w eq_refl). lia.
           ++ apply (HA k u E). lia.
        -- intros bj' bv' E _. injection E as <- <-. apply Qlt_le_trans with w; assumption.
    + destruct (IH (S i) (Some (i, w)) j v ltac:(intros ? ? E; injection E as <- _; lia) H)
        as [HA HB].
      split; [|intros ? ? E; discriminate].
      intros [|k] u E Hk; simpl in E.
      * injection E as Eu. rewrite <- Eu. apply (HB i w eq_refl). lia.
      * apply (HA k u E). lia.
  - destruct (IH (S i) best j v ltac:(intros bj bv E; specialize (Hb bj bv E); lia) H) as [HA HB].
    split; [|exact HB].
    intros [|k] u E Hk; simpl in E; [discriminate|]. apply (HA k u E). lia.
Qed.

(** [argmax_lowest_index_lowest]: every defined value before the chosen index
    is strictly lower than the chosen value, so the choice is the lowest index
    among the highest values. *)
Theorem argmax_lowest_index_lowest : forall values j v,
  argmax_lowest_index values = Some j -> nth_error values j = Some (Some v) ->
  forall k w, (k < j)%nat -> nth_error values k = Some (Some w) -> w < v.
Proof.
  intros values j v H Hj k w Hk Hw. unfold argmax_lowest_index in H.
  destruct (argmax_from 0 None values) as [[j' v']|] eqn:E; [|discriminate].
  simpl in H. injection H as <-.
  destruct (argmax_from_sound _ _ _ _ _ E) as [[C|[k' [Hk' Hn]]] _]; [discriminate|].
  simpl in Hk'. subst k'. rewrite Hj in Hn. injection Hn as <-.
  destruct (argmax_from_lowest values 0 None j' v ltac:(intros ? ? C; discriminate) E) as [HA _].
  exact (HA k w Hw Hk).
Qed.

(** [argmax_lowest_index_spec]: the choice rule as a relation. The choice is
    [j] exactly when [j] holds a defined value [v], every defined value is at
    most [v], and every defined value before [j] is strictly below [v]. *)
Theorem argmax_lowest_index_spec : forall values j,
  argmax_lowest_index values = Some j <->
  exists v, nth_error values j = Some (Some v) /\
    (forall k w, nth_error values k = Some (Some w) -> w <= v) /\
    (forall k w, (k < j)%nat -> nth_error values k = Some (Some w) -> w < v).
Proof.
  intros values j. split.
  - intros H. destruct (argmax_lowest_index_sound _ _ H) as [v [Hj Hmax]].
    exists v. split; [exact Hj|]. split.
    + intros k w Hk. apply Hmax. apply nth_error_In with k. exact Hk.
    + exact (argmax_lowest_index_lowest values j v H Hj).
  - intros [v [Hj [Hmax Hlow]]].
    destruct (argmax_lowest_index values) as [j'|] eqn:E.
    + destruct (argmax_lowest_index_sound _ _ E) as [v' [Hj' Hmax']].
      pose proof (argmax_lowest_index_lowest values j' v' E Hj') as Hlow'.
      destruct (Nat.lt_trichotomy j j') as [Hlt|[Heq|Hlt]]; [exfalso| subst; reflexivity|exfalso].
      * pose proof (Hlow' j v Hlt Hj). pose proof (Hmax j' v' Hj'). 
        apply (Qlt_not_le v v'); assumption.
      * pose proof (Hlow j' v' Hlt Hj'). pose proof (Hmax' v (nth_error_In _ _ Hj)).
        apply (Qlt_not_le v' v); assumption.
    + exfalso. apply (proj1 (argmax_lowest_index_none values) E v). apply nth_error_In with j. exact Hj.
Qed.
