(** * Tapes hold no cell twice, so [ones] counts cells; the count split at a range.

    Formalizes "a tape is the set of cells holding 1" and "ones, the number of 1
    cells (the busy-beaver Sigma)" (docs/semantics.md#running) for the list
    representation of [Run.tape]: every tape a run produces is free of
    duplicates ([run_nodup]), so [ones tp = length tp] is the number of cells
    holding 1; and the ones of two such tapes split into the cells inside a
    range and those outside it ([ones_split], [ones_balance]), the counting step
    of Lemma 2 of docs/semantics.md#small-model. Python twin:
    [mesaform.spec.results.Tape] (a frozenset, duplicate-free by construction). *)

From Coq Require Import List Bool Arith Lia ZArith.
From Mesaform Require Import Machines Programs Choice Run RunFacts.
Import ListNotations.
Local Open Scope nat_scope.

(** ** Cells and membership *)

Lemma cell_in : forall tp z, cell tp z = true <-> In z tp.
Proof.
  intros tp z. unfold cell. rewrite existsb_exists. split.
  - intros [y [Hy E]]. apply Z.eqb_eq in E. subst. exact Hy.
  - intros H. exists z. split; [exact H|apply Z.eqb_refl].
Qed.

(** ** The invariant: no cell twice *)

Lemma write_cell_nodup : forall tp z b, NoDup tp -> NoDup (write_cell tp z b).
Proof.
  intros tp z b H. unfold write_cell. destruct b.
  - destruct (cell tp z) eqn:E; [exact H|].
    constructor; [|exact H]. intros Hin. apply cell_in in Hin. congruence.
  - apply NoDup_filter. exact H.
Qed.

Lemma exec_nodup : forall trs n q h tp k tp',
  NoDup tp -> exec trs n q h tp = Some (k, tp') -> NoDup tp'.
Proof.
  induction n as [|n IH]; intros q h tp k tp' Hnd H; destruct q as [s|]; simpl in H;
    try discriminate; try (injection H as <- <-; exact Hnd).
  destruct (exec trs n _ _ _) as [[k1 tp1]|] eqn:E; [|discriminate].
  injection H as <- <-. eapply IH; [|exact E]. apply write_cell_nodup. exact Hnd.
Qed.

Lemma input_from_nodup : forall x i, NoDup (input_from i x).
Proof.
  induction x as [|b x IH]; intros i; cbn [input_from]; [constructor|].
  constructor.
  - intros Hin. apply in_app_or in Hin. destruct Hin as [Hin|Hin].
    + destruct b; cbn [app In] in Hin; [destruct Hin as [E|[]]; lia|contradiction].
    + apply input_from_ge in Hin. lia.
  - destruct b; cbn [app]; [|apply IH].
    constructor; [|apply IH]. intros Hin. apply input_from_ge in Hin. lia.
Qed.

(** [input_tape_nodup]: a pair-coded input tape holds no cell twice. *)
Theorem input_tape_nodup : forall x, NoDup (input_tape x).
Proof. intros x. apply input_from_nodup. Qed.

(** [ones_input_tape]: the pair code of [x] has [|x| + code_ones(x)] ones, a
    marker for every bit and a [1] for every [1] bit. *)
Theorem ones_input_tape : forall x, ones (input_tape x) = length x + count_ones x.
Proof.
  unfold ones, input_tape, count_ones. intros x. generalize 0%Z.
  induction x as [|b x IH]; intros i; simpl; [reflexivity|].
  destruct b; simpl; rewrite IH; simpl; lia.
Qed.

Lemma run_g_nodup : forall g t x F s tp, run_g g t x F = Halted s tp -> NoDup tp.
Proof.
  induction g as [|g IH]; intros t x F s tp H; simpl in H; [discriminate|].
  destruct (decode t) as [k trs|c f e cs].
  - unfold run_table in H.
    destruct (exec _ _ _ _ _) as [[k1 tp1]|] eqn:E; [|discriminate].
    injection H as <- <-. eapply exec_nodup; [apply input_tape_nodup|exact E].
  - destruct (evaluate _ _ _ _) as [[spent scores]|]; [|discriminate].
    destruct (argmax_lowest_index scores) as [i|].
    + destruct (run_g g (nth i cs []) x (F - spent)) as [s1 t1|] eqn:E; [|discriminate].
      injection H as <- <-. exact (IH _ _ _ _ _ E).
    + injection H as <- <-. apply input_tape_nodup.
Qed.

(** [run_nodup]: the final tape of every halted run, of a table or of a Mesa
    program nested to any depth, holds no cell twice; so its [ones], its
    length, is its number of [1] cells. *)
Theorem run_nodup : forall t x F s tp, run t x F = Halted s tp -> NoDup tp.
Proof. intros t x F. apply run_g_nodup. Qed.

(** ** Counting cells inside and outside a range *)

(** [ones_split]: the ones of a tape are those in the cells where [P] holds
    plus those where it does not. *)
Theorem ones_split : forall (P : Z -> bool) (tp : tape),
  ones tp = length (filter P tp) + length (filter (fun z => negb (P z)) tp).
Proof.
  intros P tp. unfold ones. induction tp as [|a tp IH]; simpl; [reflexivity|].
  destruct (P a); simpl; lia.
Qed.

(** Two duplicate-free tapes with the same [1] cells where [P] holds have as
    many ones there. *)
Lemma filter_same_cells : forall (P : Z -> bool) tp1 tp2,
  NoDup tp1 -> NoDup tp2 -> (forall z, P z = true -> cell tp1 z = cell tp2 z) ->
  length (filter P tp1) = length (filter P tp2).
Proof.
  intros P tp1 tp2 N1 N2 Hc.
  assert (Hin : forall z, In z (filter P tp1) <-> In z (filter P tp2)).
  { intros z. rewrite !filter_In. split; intros [Hz Hp]; split; try exact Hp;
      apply cell_in; [rewrite <- (Hc z Hp)|rewrite (Hc z Hp)]; apply cell_in; exact Hz. }
  apply Nat.le_antisymm; apply NoDup_incl_length; try (apply NoDup_filter; assumption);
    intros z; apply Hin.
Qed.

(** [ones_balance]: let [a'] and [b'] be the final tapes of two runs from
    [a] and [b], all four duplicate-free. If the initial tapes agree on the
    cells [|z| < F], the final tapes agree there too, and each final tape equals
    its initial tape on every other cell, then the final ones differ as the
    initial ones do: [ones a' + ones b = ones b' + ones a]. *)
Theorem ones_balance : forall F a b a' b',
  NoDup a -> NoDup b -> NoDup a' -> NoDup b' ->
  agree_below F a b -> agree_below F a' b' ->
  (forall z, (Z.of_nat F <= Z.abs z)%Z -> cell a' z = cell a z /\ cell b' z = cell b z) ->
  ones a' + ones b = ones b' + ones a.
Proof.
  intros F a b a' b' Na Nb Na' Nb' Hab Hab' Hout.
  set (P := fun z => (Z.abs z <? Z.of_nat F)%Z).
  rewrite (ones_split P a), (ones_split P b), (ones_split P a'), (ones_split P b').
  assert (E1 : length (filter P a') = length (filter P b')).
  { apply filter_same_cells; try assumption. intros z Hz. apply Hab'. apply Z.ltb_lt. exact Hz. }
  assert (E2 : length (filter P a) = length (filter P b)).
  { apply filter_same_cells; try assumption. intros z Hz. apply Hab. apply Z.ltb_lt. exact Hz. }
  assert (Hfar : forall z, negb (P z) = true -> (Z.of_nat F <= Z.abs z)%Z).
  { intros z Hz. unfold P in Hz. apply negb_true_iff, Z.ltb_ge in Hz. exact Hz. }
  assert (E3 : length (filter (fun z => negb (P z)) a') = length (filter (fun z => negb (P z)) a)).
  { apply filter_same_cells; try assumption. intros z Hz. apply (Hout z (Hfar z Hz)). }
  assert (E4 : length (filter (fun z => negb (P z)) b') = length (filter (fun z => negb (P z)) b)).
  { apply filter_same_cells; try assumption. intros z Hz. apply (Hout z (Hfar z Hz)). }
  lia.
Qed.
