(** * The specification of runs is deterministic, so [run] is also complete.

    With [RunFacts.run_sound], [Runs t x F r] holds exactly when
    [run t x F = r] ([run_spec]): the relational specification written from
    docs/semantics.md#running has one result for each machine, input and fuel,
    and it is the one [run] computes (after mathlib's [evaln_complete]). *)

From Coq Require Import List Bool Arith Lia ZArith QArith.
From Mesaform Require Import Machines Programs Choice Run RunFacts.
Import ListNotations.
Local Open Scope nat_scope.

Lemma step_det : forall trs c c1 c2, step trs c c1 -> step trs c c2 -> c1 = c2.
Proof. intros trs c c1 c2 H1 H2. inversion H1; subst. inversion H2; subst. reflexivity. Qed.

Lemma steps_det : forall trs n c c1 c2, steps trs n c c1 -> steps trs n c c2 -> c1 = c2.
Proof.
  intros trs n c c1 c2 H1. revert c2.
  induction H1 as [c|n c c' c'' Hs Hn IH]; intros c2 H2;
    inversion H2 as [|n2 c2a c2' c2'' Hs2 Hn2]; subst; [reflexivity|].
  apply IH. rewrite (step_det _ _ _ _ Hs Hs2). exact Hn2.
Qed.

Lemma steps_split : forall trs a b c c'',
  steps trs (a + b) c c'' -> exists c', steps trs a c c' /\ steps trs b c' c''.
Proof.
  induction a as [|a IH]; intros b c c'' H; simpl in H.
  - exists c. split; [constructor|exact H].
  - inversion H as [|n0 c0a c0' c0'' Hs0 Hn0]; subst. destruct (IH _ _ _ Hn0) as [c0 [H3 H4]].
    exists c0. split; [econstructor; eassumption|exact H4].
Qed.

Lemma steps_from_halted : forall trs n h tp c,
  steps trs n (None, h, tp) c -> n = 0 /\ c = (None, h, tp).
Proof.
  intros trs n h tp c H. inversion H as [|n0 c0a c0' c0'' Hs0 Hn0]; subst; [split; reflexivity|].
  inversion Hs0.
Qed.

Lemma table_halted_det : forall trs c0 s1 s2 h1 h2 tp1 tp2,
  steps trs s1 c0 (None, h1, tp1) -> steps trs s2 c0 (None, h2, tp2) -> s1 = s2 /\ tp1 = tp2.
Proof.
  assert (Half : forall trs c0 s1 s2 h1 h2 tp1 tp2, s1 <= s2 ->
    steps trs s1 c0 (None, h1, tp1) -> steps trs s2 c0 (None, h2, tp2) -> s1 = s2 /\ tp1 = tp2).
  { intros trs c0 s1 s2 h1 h2 tp1 tp2 Hle H1 H2.
    replace s2 with (s1 + (s2 - s1)) in H2 by lia.
    destruct (steps_split _ _ _ _ _ H2) as [c' [Ha Hb]].
    rewrite <- (steps_det _ _ _ _ _ H1 Ha) in Hb.
    destruct (steps_from_halted _ _ _ _ _ Hb) as [Hd Hc]. injection Hc as _ ->. split; [lia|reflexivity]. }
  intros trs c0 s1 s2 h1 h2 tp1 tp2 H1 H2. destruct (Nat.le_ge_cases s1 s2) as [Hle|Hge].
  - exact (Half _ _ _ _ _ _ _ _ Hle H1 H2).
  - destruct (Half _ _ _ _ _ _ _ _ Hge H2 H1). split; symmetry; assumption.
Qed.

Lemma table_halted_not_running : forall trs c0 s F h tp q h' tp',
  s <= F -> steps trs s c0 (None, h, tp) -> steps trs F c0 (Some q, h', tp') -> False.
Proof.
  intros trs c0 s F h tp q h' tp' Hle H1 H2.
  replace F with (s + (F - s)) in H2 by lia.
  destruct (steps_split _ _ _ _ _ H2) as [c' [Ha Hb]].
  rewrite <- (steps_det _ _ _ _ _ H1 Ha) in Hb.
  destruct (steps_from_halted _ _ _ _ _ Hb) as [_ Hc]. discriminate Hc.
Qed.

Scheme Runs_mut := Induction for Runs Sort Prop
  with Scores_mut := Induction for Scores Sort Prop.

Ltac same_decode :=
  match goal with
  | [ H1 : decode ?t = ?a, H2 : decode ?t = ?b |- _ ] =>
      rewrite H1 in H2; first [discriminate H2 | injection H2; intros; subst; clear H2]
  end.

Ltac finish_det :=
  match goal with
  | [ Ha : steps ?trs ?s1 ?c0 (None, _, _), Hb : steps ?trs ?s2 ?c0 (None, _, _) |- _ ] =>
      destruct (table_halted_det _ _ _ _ _ _ _ _ Ha Hb); subst; reflexivity
  | [ Ha : steps ?trs ?s ?c0 (None, _, _), Hb : steps ?trs ?F ?c0 (Some _, _, _), Hle : ?s <= ?F |- _ ] =>
      exfalso; exact (table_halted_not_running _ _ _ _ _ _ _ _ _ Hle Ha Hb)
  end.

Ltac use_scores :=
  match goal with
  | [ IH : forall spent' scores', Scores ?e ?f ?cs spent' scores' -> _, Hs : Scores ?e ?f ?cs _ _ |- _ ] =>
      destruct (IH _ _ Hs); subst; clear IH
  end.

Ltac use_choice :=
  match goal with
  | [ E1 : argmax_lowest_index ?sc = _, E2 : argmax_lowest_index ?sc = _ |- _ ] =>
      rewrite E1 in E2; first [discriminate E2 | injection E2; intros; subst; clear E2]
  end.

Ltac use_runs :=
  match goal with
  | [ IH : forall r2, Runs ?t ?x ?F r2 -> _ = r2, Hr : Runs ?t ?x ?F _ |- _ ] =>
      pose proof (IH _ Hr); clear IH
  end.

(** [runs_det]: the specification has at most one result. *)
Theorem runs_det : forall t x F r1 r2, Runs t x F r1 -> Runs t x F r2 -> r1 = r2.
Proof.
  intros t x F r1 r2 H1. revert r2.
  induction H1 using Runs_mut with
    (P0 := fun e f cs spent scores _ => forall spent' scores',
       Scores e f cs spent' scores' -> spent = spent' /\ scores = scores').
  all: intros * H'; inversion H'; subst; repeat same_decode; try reflexivity; try finish_det.
  all: try use_scores; try use_choice; try lia; try reflexivity.
  all: try use_runs; try discriminate.
  all: try (match goal with [ H : Halted _ _ = Halted _ _ |- _ ] => injection H; intros; subst end).
  all: split; reflexivity || reflexivity.
Qed.

(** [run_spec] -- [run] and the specification agree: [Runs t x F r] exactly
    when [run t x F = r] (soundness and completeness, after mathlib's
    [evaln_sound] and [evaln_complete]). *)
Theorem run_spec : forall t x F r, Runs t x F r <-> run t x F = r.
Proof.
  intros t x F r. split.
  - intros H. exact (runs_det _ _ _ _ _ (run_sound t x F) H).
  - intros <-. apply run_sound.
Qed.
