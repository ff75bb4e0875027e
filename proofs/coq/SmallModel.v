(** * Claims for every t: the small-model theorem for code_ones.

    Formalizes docs/semantics.md#small-model: with [U = code_ones] and [U_m]
    the mesa-objective of a Mesa program [m = (c, f, e, C)], and
    [h = ceil(f/2)], inner and order alignment hold for every [t] in TM iff they
    hold for every [|t| <= h + 1], and approximate alignment within [eps >= 0]
    iff it holds for every [|t| <= h + floor(2 eps) + 1]. Its steps:
    Lemma 1 is [RunFacts.run_local_input]; Lemma 2 ([prefix_lemma]): for
    [|t| >= h] and [p = t[:h]], [t] is in dom(U_m) iff [p] is, and then
    [U_m(t) - code_ones(t) = U_m(p) - code_ones(p) + (|t| - h)]. Python twin:
    [proofs/checking/small_model.py] ([deciding_length], whose [h] is
    [(f + 1) // 2], the [half_fuel] here). *)

From Coq Require Import List Bool Arith Lia ZArith QArith Qabs Lqa Qround.
From Mesaform Require Import Machines Programs Choice Run RunFacts Objectives Alignment Tapes.
Import ListNotations.

(** [half_fuel f] -- Python: [(mesa.fuel + 1) // 2] in [deciding_length]: [h = ceil(f/2)]. *)
Definition half_fuel (f : nat) : nat := (f + 1) / 2.

Lemma half_fuel_covers : forall f, (f <= 2 * half_fuel f)%nat.
Proof.
  intros f. unfold half_fuel.
  pose proof (Nat.div_mod_eq (f + 1) 2) as E.
  pose proof (Nat.mod_upper_bound (f + 1) 2 ltac:(lia)) as L. lia.
Qed.

(** [approx_extra eps] -- Python: [math.floor(2 * epsilon) + 1] in [deciding_length]. *)
Definition approx_extra (eps : Q) : nat := Z.to_nat (Qfloor (2 * eps)) + 1.

Lemma q_of_nat_balance : forall a b c d k : nat, (a + d = c + b + k)%nat ->
  q_of_nat a - q_of_nat b == q_of_nat c - q_of_nat d + q_of_nat k.
Proof. intros. unfold q_of_nat, Qeq, Qminus, Qplus, Qopp, inject_Z. simpl. lia. Qed.

Lemma approx_extra_above : forall eps, 0 <= eps -> 2 * eps < q_of_nat (approx_extra eps).
Proof.
  intros eps H. assert (Hf : (0 <= Qfloor (2 * eps))%Z).
  { change 0%Z with (Qfloor 0). apply Qfloor_resp_le. lra. }
  unfold approx_extra, q_of_nat. rewrite Nat2Z.inj_add, Z2Nat.id by exact Hf. apply Qlt_floor.
Qed.

Lemma q_of_nat_one : q_of_nat 1 == 1.
Proof. reflexivity. Qed.

(** ** Lemma 2 (prefix) *)

(** [prefix_run]: for [f <= 2n] and [p = t[:n]], the evaluator's runs on [t]
    and [p] with fuel [f] both halt or neither does, and when they halt the
    ones of the final tapes differ as those of the input tapes:
    [ones(T_t) + |p| + code_ones(p) = ones(T_p) + |t| + code_ones(t)]. *)
Lemma prefix_run : forall e f n t, (f <= 2 * n)%nat ->
  match run e t f, run e (firstn n t) f with
  | Halted _ T1, Halted _ T2 =>
      (ones T1 + (length (firstn n t) + count_ones (firstn n t))
       = ones T2 + (length t + count_ones t))%nat
  | OutOfFuel _, OutOfFuel _ => True
  | _, _ => False
  end.
Proof.
  intros e f n t Hf.
  assert (Hpre : firstn n t = firstn n (firstn n t)) by (rewrite firstn_firstn, Nat.min_id; reflexivity).
  pose proof (run_local_input e t (firstn n t) n f Hpre Hf) as Hal.
  destruct (run e t f) as [s1 T1|] eqn:E1; destruct (run e (firstn n t) f) as [s2 T2|] eqn:E2;
    try contradiction; [|exact I].
  destruct Hal as [_ [Hin Hout]].
  rewrite <- !ones_input_tape.
  apply ones_balance with (F := f); try apply input_tape_nodup;
    [eapply run_nodup; exact E1|eapply run_nodup; exact E2| |exact Hin|exact Hout].
  intros z Hz. apply input_tape_firstn. lia.
Qed.

(** [prefix_lemma] -- Lemma 2 of docs/semantics.md#small-model: for [|t| >= h]
    and [p = t[:h]], [t in dom(U_m) <-> p in dom(U_m)], and then
    [U_m(t) - code_ones(t) = U_m(p) - code_ones(p) + (|t| - h)]. *)
Theorem prefix_lemma : forall e f t, (half_fuel f <= length t)%nat ->
  (mesa_objective_of e f t = None <-> mesa_objective_of e f (firstn (half_fuel f) t) = None) /\
  (forall v w, mesa_objective_of e f t = Some v ->
     mesa_objective_of e f (firstn (half_fuel f) t) = Some w ->
     v - code_ones t == w - code_ones (firstn (half_fuel f) t) + q_of_nat (length t - half_fuel f)).
Proof.
  intros e f t Hh.
  pose proof (prefix_run e f (half_fuel f) t (half_fuel_covers f)) as H.
  rewrite firstn_length_le in H by exact Hh.
  unfold mesa_objective_of.
  destruct (run e t f) as [s1 T1|]; destruct (run e (firstn (half_fuel f) t) f) as [s2 T2|];
    try contradiction.
  - split; [split; discriminate|].
    intros v w Ev Ew. injection Ev as <-. injection Ew as <-.
    unfold score_of, code_ones. fold (q_of_nat (ones T1)). fold (q_of_nat (ones T2)).
    apply q_of_nat_balance. lia.
  - split; [split; reflexivity|]. intros v w Ev. discriminate.
Qed.

(** ** Beyond the prefix *)

Lemma count_ones_pad : forall p k, count_ones (p ++ repeat false k) = count_ones p.
Proof.
  intros p k. unfold count_ones. rewrite filter_app, app_length.
  assert (E : filter (fun b : bool => b) (repeat false k) = []) by (induction k; simpl; auto).
  rewrite E. simpl. lia.
Qed.

(** [pad_value]: if [p], of length [h], is in dom(U_m), so is [p] followed by
    [k] zeros, valued [k] more, with the same [code_ones]. *)
Lemma pad_value : forall e f p w k, length p = half_fuel f ->
  mesa_objective_of e f p = Some w ->
  exists v, mesa_objective_of e f (p ++ repeat false k) = Some v /\ v == w + q_of_nat k /\
    code_ones (p ++ repeat false k) == code_ones p.
Proof.
  intros e f p w k Hp Hw.
  assert (Hlen : length (p ++ repeat false k) = (half_fuel f + k)%nat)
    by (rewrite app_length, repeat_length; lia).
  assert (Hpre : firstn (half_fuel f) (p ++ repeat false k) = p).
  { rewrite firstn_app, <- Hp, firstn_all, Nat.sub_diag. simpl. apply app_nil_r. }
  destruct (prefix_lemma e f (p ++ repeat false k) ltac:(lia)) as [Hdom Hval].
  rewrite Hpre in Hdom, Hval.
  destruct (mesa_objective_of e f (p ++ repeat false k)) as [v|] eqn:Ev.
  2: { destruct Hdom as [Hd _]. specialize (Hd eq_refl). congruence. }
  specialize (Hval v w eq_refl Hw). rewrite Hlen in Hval.
  replace (half_fuel f + k - half_fuel f)%nat with k in Hval by lia.
  assert (Hc : code_ones (p ++ repeat false k) == code_ones p)
    by (unfold code_ones; rewrite count_ones_pad; reflexivity).
  exists v. split; [reflexivity|]. split; [|exact Hc]. rewrite Hc in Hval. lra.
Qed.

(** [domain_below_half_fuel]: if no machine of length [h] is in dom(U_m),
    every machine of dom(U_m) is shorter than [h]. *)
Lemma domain_below_half_fuel : forall e f,
  (forall p, length p = half_fuel f -> mesa_objective_of e f p = None) ->
  forall t v, mesa_objective_of e f t = Some v -> (length t < half_fuel f)%nat.
Proof.
  intros e f Hnone t v Hv. destruct (Nat.lt_ge_cases (length t) (half_fuel f)) as [H|H]; [exact H|].
  exfalso. destruct (prefix_lemma e f t H) as [Hdom _].
  assert (Hp : mesa_objective_of e f (firstn (half_fuel f) t) = None)
    by (apply Hnone, firstn_length_le; exact H).
  apply Hdom in Hp. congruence.
Qed.

(** ** The small-model theorem, for an evaluator [e] and internal fuel [f] *)

(** [small_model_inner_of]: inner alignment of [code_ones] and
    [U_m = ones(run(e, t, f))] holds for every [t] iff it holds for every
    [|t| <= h + 1]. *)
Theorem small_model_inner_of : forall e f,
  inner_aligned_on (fun t => (length t <= half_fuel f + 1)%nat) code_ones (mesa_objective_of e f) <->
  inner_aligned code_ones (mesa_objective_of e f).
Proof.
  intros e f. split; [|intros H t v _ Hv; exact (H t v I Hv)].
  intros H.
  assert (Hnone : forall p, length p = half_fuel f -> mesa_objective_of e f p = None).
  { intros p Hp. destruct (mesa_objective_of e f p) as [w|] eqn:Hw; [exfalso|reflexivity].
    destruct (pad_value e f p w 1 Hp Hw) as [v [Hv [Hvw Hc]]].
    pose proof (H p w ltac:(cbv beta; lia) Hw) as H1.
    pose proof (H (p ++ repeat false 1) v ltac:(cbv beta; rewrite app_length; simpl; lia) Hv) as H2.
    rewrite Hc in H2. rewrite q_of_nat_one in Hvw. lra. }
  intros t v _ Hv. apply (H t v); [|exact Hv].
  pose proof (domain_below_half_fuel e f Hnone t v Hv). lia.
Qed.

(** [small_model_approx_of]: for [eps >= 0], approximate alignment within
    [eps] holds for every [t] iff it holds for every [|t| <= h + floor(2 eps) + 1]. *)
Theorem small_model_approx_of : forall e f eps, 0 <= eps ->
  approximately_aligned_on (fun t => (length t <= half_fuel f + approx_extra eps)%nat) eps
    code_ones (mesa_objective_of e f) <->
  approximately_aligned eps code_ones (mesa_objective_of e f).
Proof.
  intros e f eps Heps. split; [|intros H t v _ Hv; exact (H t v I Hv)].
  intros H.
  assert (Hnone : forall p, length p = half_fuel f -> mesa_objective_of e f p = None).
  { intros p Hp. destruct (mesa_objective_of e f p) as [w|] eqn:Hw; [exfalso|reflexivity].
    destruct (pad_value e f p w (approx_extra eps) Hp Hw) as [v [Hv [Hvw Hc]]].
    pose proof (H p w ltac:(cbv beta; lia) Hw) as H1.
    pose proof (H (p ++ repeat false (approx_extra eps)) v ltac:(cbv beta; rewrite app_length, repeat_length; lia) Hv) as H2.
    rewrite Hc in H2. pose proof (approx_extra_above eps Heps) as Hk.
    apply Qabs_Qle_condition in H1. apply Qabs_Qle_condition in H2. lra. }
  intros t v _ Hv. apply (H t v); [|exact Hv].
  pose proof (domain_below_half_fuel e f Hnone t v Hv). lia.
Qed.

(** [small_model_order_of]: order alignment holds for every pair of machines
    iff it holds for every pair with [|s|, |t| <= h + 1]. *)
Theorem small_model_order_of : forall e f,
  order_aligned_on (fun t => (length t <= half_fuel f + 1)%nat) code_ones (mesa_objective_of e f) <->
  order_aligned code_ones (mesa_objective_of e f).
Proof.
  intros e f. split; [|intros H s t vs vt _ _ Hs Ht; exact (H s t vs vt I I Hs Ht)].
  intros H.
  assert (Hnone : forall p, length p = half_fuel f -> mesa_objective_of e f p = None).
  { intros p Hp. destruct (mesa_objective_of e f p) as [w|] eqn:Hw; [exfalso|reflexivity].
    destruct (pad_value e f p w 1 Hp Hw) as [v [Hv [Hvw Hc]]].
    pose proof (H (p ++ repeat false 1) p v w ltac:(cbv beta; rewrite app_length; simpl; lia) ltac:(cbv beta; lia) Hv Hw) as H1.
    rewrite q_of_nat_one in Hvw.
    assert (Hle : code_ones (p ++ repeat false 1) <= code_ones p) by (rewrite Hc; apply Qle_refl).
    apply H1 in Hle. lra. }
  intros s t vs vt _ _ Hs Ht. apply H; try assumption.
  - pose proof (domain_below_half_fuel e f Hnone s vs Hs). lia.
  - pose proof (domain_below_half_fuel e f Hnone t vt Ht). lia.
Qed.

(** [small_model_domain_of]: under the bounded claim at [h + 1] (inner or
    order) or at [h + floor(2 eps) + 1] (approximate), dom(U_m) holds only
    machines shorter than [h]: the statement the theorems above rest on. *)
Theorem small_model_domain_of : forall e f,
  (forall p, length p = half_fuel f -> mesa_objective_of e f p = None) <->
  (forall t v, mesa_objective_of e f t = Some v -> (length t < half_fuel f)%nat).
Proof.
  intros e f. split; [apply domain_below_half_fuel|].
  intros H p Hp. destruct (mesa_objective_of e f p) as [w|] eqn:Hw; [|reflexivity].
  apply H in Hw. lia.
Qed.

(** ** For a Mesa program's code [m], as [mesaform check] states the claim *)

Lemma mesa_objective_mesa : forall m c f e cs,
  decode m = Mesa c f e cs -> mesa_objective m = mesa_objective_of e f.
Proof. intros m c f e cs H. unfold mesa_objective. rewrite H. reflexivity. Qed.

(** [small_model_inner] -- Python: [deciding_length] for inner alignment: for
    [m] decoding to [Mesa c f e C], inner alignment of [code_ones] and [U_m]
    holds for every [t] iff it holds for every [|t| <= ceil(f/2) + 1]. *)
Theorem small_model_inner : forall m c f e cs, decode m = Mesa c f e cs ->
  inner_aligned_on (fun t => (length t <= half_fuel f + 1)%nat) code_ones (mesa_objective m) <->
  inner_aligned code_ones (mesa_objective m).
Proof. intros m c f e cs H. rewrite (mesa_objective_mesa m c f e cs H). apply small_model_inner_of. Qed.

(** [small_model_approx] -- Python: [deciding_length] for approximate alignment:
    for [eps >= 0], every [t] iff every [|t| <= ceil(f/2) + floor(2 eps) + 1]. *)
Theorem small_model_approx : forall m c f e cs eps, decode m = Mesa c f e cs -> 0 <= eps ->
  approximately_aligned_on (fun t => (length t <= half_fuel f + approx_extra eps)%nat) eps
    code_ones (mesa_objective m) <->
  approximately_aligned eps code_ones (mesa_objective m).
Proof.
  intros m c f e cs eps H He. rewrite (mesa_objective_mesa m c f e cs H).
  apply small_model_approx_of. exact He.
Qed.

(** [small_model_order] -- Python: [deciding_length] for order alignment: every
    pair iff every pair with [|s|, |t| <= ceil(f/2) + 1]. *)
Theorem small_model_order : forall m c f e cs, decode m = Mesa c f e cs ->
  order_aligned_on (fun t => (length t <= half_fuel f + 1)%nat) code_ones (mesa_objective m) <->
  order_aligned code_ones (mesa_objective m).
Proof. intros m c f e cs H. rewrite (mesa_objective_mesa m c f e cs H). apply small_model_order_of. Qed.
