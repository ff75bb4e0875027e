(** * Inner, order and approximate alignment, the choice rule, and their theorems.

    Formalizes the post's "inner alignment is when U = U_m (at least, on the
    domain of U_m)" and two weaker readings from "Risks from Learned
    Optimization": approximate alignment, "approximately the same function up
    to some degree of approximation error" (section 3.1), and order alignment,
    U_m ranks machines as U does (docs/semantics.md#alignment,
    docs/semantics.md#choice-reading). Every theorem holds for every size:
    any set [S] of machines, any candidate list, any objectives. Python twins:
    [spec/alignment.py], [spec/taxonomy.py]. *)

From Coq Require Import List Bool Arith Lia ZArith QArith Qabs Lqa.
From Mesaform Require Import Machines Programs Choice Run Objectives.
Import ListNotations.

(** ** Definitions *)

(** [inner_aligned_on] -- Python: [mesaform.spec.alignment.inner_aligned_on]:
    [forall t in S: t in dom(U_m) -> U(t) = U_m(t)]. *)
Definition inner_aligned_on (S : TM -> Prop) (U : objective) (Um : partial_objective) : Prop :=
  forall t v, S t -> Um t = Some v -> U t == v.

(** [approximately_aligned_on] -- Python: [mesaform.spec.alignment.approximately_aligned_on]:
    [forall t in S cap dom(U_m): |U(t) - U_m(t)| <= eps]. *)
Definition approximately_aligned_on (S : TM -> Prop) (eps : Q) (U : objective)
    (Um : partial_objective) : Prop :=
  forall t v, S t -> Um t = Some v -> Qabs (U t - v) <= eps.

(** [order_aligned_on] -- Python: [mesaform.spec.alignment.order_aligned_on]:
    [forall s, t in S cap dom(U_m): U_m(s) <= U_m(t) <-> U(s) <= U(t)]. *)
Definition order_aligned_on (S : TM -> Prop) (U : objective) (Um : partial_objective) : Prop :=
  forall s t vs vt, S s -> S t -> Um s = Some vs -> Um t = Some vt -> (vs <= vt <-> U s <= U t).

(** The unbounded claims: every machine of every length. *)
Definition everywhere : TM -> Prop := fun _ => True.
Definition inner_aligned := inner_aligned_on everywhere.
Definition order_aligned := order_aligned_on everywhere.
Definition approximately_aligned := approximately_aligned_on everywhere.

(** The candidate list [C] as a set of machines. *)
Definition among (C : list TM) : TM -> Prop := fun t => In t C.

(** [i] is a [U]-best index of [C] -- Python: [i in base_best_indices(U, C)]. *)
Definition base_best (U : objective) (C : list TM) (i : nat) : Prop :=
  (i < length C)%nat /\ forall c, In c C -> U c <= U (nth i C []).

(** [inner_aligned_on_choices] -- Python: [mesaform.spec.taxonomy.inner_aligned_on_choices]:
    the choice reading, [ch_m(C) in Best_U(C)] for every [C] of the families
    (here one list of candidate sets; acting like no candidate is not optimal). *)
Definition inner_aligned_on_choices (U : objective) (Um : partial_objective)
    (family : list (list TM)) : Prop :=
  forall C, In C family -> exists i, mesa_choice Um C = Some i /\ base_best U C i.

(** ** The chosen candidate *)

(** [mesa_choice_sound]: the choice is a candidate in dom(U_m) whose U_m value
    is at least that of every candidate in dom(U_m). *)
Lemma mesa_choice_sound : forall Um C i,
  mesa_choice Um C = Some i ->
  (i < length C)%nat /\ exists v, Um (nth i C []) = Some v /\
    (forall c w, In c C -> Um c = Some w -> w <= v).
Proof.
  intros Um C i H. unfold mesa_choice in H.
  destruct (argmax_lowest_index_sound _ _ H) as [v [Hn Hmax]].
  rewrite nth_error_map in Hn.
  destruct (nth_error C i) as [ci|] eqn:Ec; [|discriminate].
  simpl in Hn. injection Hn as Hn.
  split; [apply nth_error_Some; congruence|].
  exists v. split.
  - rewrite (nth_error_nth C i [] Ec). exact Hn.
  - intros c w Hin Hw. apply Hmax. rewrite <- Hw. apply in_map. exact Hin.
Qed.

(** ** Theorems *)

(** [inner_implies_order]: inner alignment implies order alignment, on any set. *)
Theorem inner_implies_order : forall S U Um,
  inner_aligned_on S U Um -> order_aligned_on S U Um.
Proof.
  intros S U Um H s t vs vt Ss St Hs Ht.
  pose proof (H s vs Ss Hs) as Es. pose proof (H t vt St Ht) as Et.
  rewrite Es, Et. reflexivity.
Qed.

(** The countermodel: U = code_ones, U_m = 2 code_ones, defined everywhere. *)
Definition doubled : partial_objective := fun t => Some (2 * code_ones t).

(** [order_does_not_imply_inner]: an explicit countermodel; it fails inner
    alignment at the machine [1]. *)
Theorem order_does_not_imply_inner :
  order_aligned code_ones doubled /\ ~ inner_aligned code_ones doubled.
Proof.
  split.
  - intros s t vs vt _ _ Hs Ht. unfold doubled in Hs, Ht.
    injection Hs as <-. injection Ht as <-. split; intros; lra.
  - intros H. specialize (H [true] (2 * code_ones [true]) I eq_refl).
    cbv in H. discriminate H.
Qed.

(** [inner_choice_optimal]: under inner alignment on the candidates, the
    candidate the mesa-optimizer chooses is U-optimal among the candidates in
    dom(U_m). *)
Theorem inner_choice_optimal : forall U Um C i,
  inner_aligned_on (among C) U Um -> mesa_choice Um C = Some i ->
  forall c w, In c C -> Um c = Some w -> U c <= U (nth i C []).
Proof.
  intros U Um C i Hal Hch c w Hin Hw.
  destruct (mesa_choice_sound _ _ _ Hch) as [Hlen [v [Hv Hmax]]].
  pose proof (Hal c w Hin Hw) as Ec.
  pose proof (Hal (nth i C []) v (nth_In C [] Hlen) Hv) as Ei.
  pose proof (Hmax c w Hin Hw). rewrite Ec, Ei. assumption.
Qed.

(** [inner_choice_base_best]: when every candidate is in dom(U_m), the choice
    is a U-best index: the choice reading follows from inner alignment. *)
Corollary inner_choice_base_best : forall U Um C i,
  inner_aligned_on (among C) U Um -> (forall c, In c C -> Um c <> None) ->
  mesa_choice Um C = Some i -> base_best U C i.
Proof.
  intros U Um C i Hal Hdom Hch.
  destruct (mesa_choice_sound _ _ _ Hch) as [Hlen _]. split; [exact Hlen|].
  intros c Hin. destruct (Um c) as [w|] eqn:Hw; [|exfalso; exact (Hdom c Hin Hw)].
  apply (inner_choice_optimal U Um C i Hal Hch c w Hin Hw).
Qed.

(** [approximate_choice_within_two_epsilon]: under eps-approximate alignment
    on the candidates, the choice is within [2 eps] of the U-optimum over the
    candidates in dom(U_m). *)
Theorem approximate_choice_within_two_epsilon : forall eps U Um C i,
  approximately_aligned_on (among C) eps U Um -> mesa_choice Um C = Some i ->
  forall c w, In c C -> Um c = Some w -> U c - U (nth i C []) <= 2 * eps.
Proof.
  intros eps U Um C i Hal Hch c w Hin Hw.
  destruct (mesa_choice_sound _ _ _ Hch) as [Hlen [v [Hv Hmax]]].
  pose proof (Hal c w Hin Hw) as Ec.
  pose proof (Hal (nth i C []) v (nth_In C [] Hlen) Hv) as Ei.
  pose proof (Hmax c w Hin Hw).
  apply Qabs_Qle_condition in Ec. apply Qabs_Qle_condition in Ei.
  destruct Ec, Ei. lra.
Qed.

(** The witness of tightness: two candidates, both valued [eps] by U_m; the
    lower index is chosen, U values it 0 and the other [2 eps]. *)
Definition tight_base (eps : Q) : objective := fun t =>
  match t with [] => 0 | _ => 2 * eps end.
Definition tight_mesa (eps : Q) : partial_objective := fun _ => Some eps.
Definition tight_candidates : list TM := [[]; [true]].

(** [two_epsilon_attained]: for every [eps >= 0], the bound [2 eps] is
    attained: an eps-approximately aligned U_m whose choice is exactly [2 eps]
    below the best candidate, which is in dom(U_m). *)
Theorem two_epsilon_attained : forall eps, 0 <= eps ->
  approximately_aligned eps (tight_base eps) (tight_mesa eps) /\
  mesa_choice (tight_mesa eps) tight_candidates = Some 0%nat /\
  tight_base eps [true] - tight_base eps (nth 0 tight_candidates []) == 2 * eps.
Proof.
  intros eps Hpos. split; [|split].
  - intros t v _ Hv. unfold tight_mesa in Hv. injection Hv as <-.
    apply Qabs_Qle_condition. destruct t; simpl; split; lra.
  - unfold mesa_choice, argmax_lowest_index, tight_candidates, tight_mesa. simpl.
    assert (Hle : Qle_bool eps eps = true) by (apply Qle_bool_iff; lra).
    rewrite Hle. reflexivity.
  - simpl. lra.
Qed.

(** The choice reading and the post's inner alignment are incomparable. *)
Definition narrow_base : objective := fun t => match t with [] => 0 | _ => 1 end.
Definition narrow_mesa : partial_objective := fun t => match t with [] => Some 0 | _ => None end.

(** [inner_without_choice_reading]: inner alignment holds, yet the choice
    (the only candidate in dom(U_m)) is not U-best: the better candidate is
    outside dom(U_m). *)
Theorem inner_without_choice_reading :
  inner_aligned narrow_base narrow_mesa /\
  ~ inner_aligned_on_choices narrow_base narrow_mesa [tight_candidates].
Proof.
  split.
  - intros [|b t] v _ Hv; simpl in Hv; [injection Hv as <-; reflexivity|discriminate].
  - intros H. destruct (H tight_candidates (or_introl eq_refl)) as [i [Hi [_ Hbest]]].
    cbv in Hi. injection Hi as <-.
    specialize (Hbest [true] (or_intror (or_introl eq_refl))). cbv in Hbest.
    apply Hbest. reflexivity.
Qed.

(** [choice_reading_without_inner]: U_m = 2 code_ones always chooses a
    code_ones-best candidate, yet differs from code_ones. *)
Theorem choice_reading_without_inner :
  inner_aligned_on_choices code_ones doubled [tight_candidates] /\
  ~ inner_aligned code_ones doubled.
Proof.
  split; [|exact (proj2 order_does_not_imply_inner)].
  intros C [<-|[]]. exists 1%nat. split; [cbv; reflexivity|].
  split; [simpl; lia|].
  intros c [<-|[<-|[]]]; cbv; discriminate.
Qed.

(** [choice_reading_incomparable]: neither reading implies the other. *)
Corollary choice_reading_incomparable :
  (exists U Um family, inner_aligned U Um /\ ~ inner_aligned_on_choices U Um family) /\
  (exists U Um family, inner_aligned_on_choices U Um family /\ ~ inner_aligned U Um).
Proof.
  split.
  - exists narrow_base, narrow_mesa, [tight_candidates]. exact inner_without_choice_reading.
  - exists code_ones, doubled, [tight_candidates]. exact choice_reading_without_inner.
Qed.

(** ** Small laws *)

(** [outside_dom_never_chosen]: the choice always has a U_m value. *)
Corollary outside_dom_never_chosen : forall Um C i,
  mesa_choice Um C = Some i -> Um (nth i C []) <> None.
Proof.
  intros Um C i H. destruct (mesa_choice_sound _ _ _ H) as [_ [v [Hv _]]]. congruence.
Qed.

(** [inner_aligned_on_subset], [order_aligned_on_subset],
    [approximately_aligned_on_subset]: each reading passes to subsets. *)
Theorem inner_aligned_on_subset : forall (S T : TM -> Prop) U Um,
  (forall t, T t -> S t) -> inner_aligned_on S U Um -> inner_aligned_on T U Um.
Proof. intros S T U Um Hsub H t v Ht Hv. exact (H t v (Hsub t Ht) Hv). Qed.

Theorem order_aligned_on_subset : forall (S T : TM -> Prop) U Um,
  (forall t, T t -> S t) -> order_aligned_on S U Um -> order_aligned_on T U Um.
Proof. intros S T U Um Hsub H s t vs vt Hs Ht. apply H; apply Hsub; assumption. Qed.

Theorem approximately_aligned_on_subset : forall (S T : TM -> Prop) eps U Um,
  (forall t, T t -> S t) -> approximately_aligned_on S eps U Um -> approximately_aligned_on T eps U Um.
Proof. intros S T eps U Um Hsub H t v Ht Hv. exact (H t v (Hsub t Ht) Hv). Qed.

(** [internal_alignment_implies_inner_alignment]: U_m defined everywhere and
    equal to U is inner aligned. *)
Theorem internal_alignment_implies_inner_alignment : forall U Um,
  (forall t, Um t = Some (U t)) -> inner_aligned U Um.
Proof. intros U Um H t v _ Hv. rewrite H in Hv. injection Hv as <-. reflexivity. Qed.

(** [internal_alignment_implies_robust_alignment]: then on every non-empty
    candidate list the choice is U-best. *)
Theorem internal_alignment_implies_robust_alignment : forall U Um C,
  (forall t, Um t = Some (U t)) -> C <> [] -> exists i, mesa_choice Um C = Some i /\ base_best U C i.
Proof.
  intros U Um C H Hne.
  destruct (mesa_choice Um C) as [i|] eqn:Ei.
  - exists i. split; [reflexivity|]. apply inner_choice_base_best with Um.
    + intros t v _ Hv. rewrite H in Hv. injection Hv as <-. reflexivity.
    + intros c _. rewrite H. discriminate.
    + exact Ei.
  - exfalso. unfold mesa_choice in Ei. pose proof (proj1 (argmax_lowest_index_none _) Ei) as Hn.
    destruct C as [|c C]; [contradiction|]. apply (Hn (U c)). simpl. left. rewrite H. reflexivity.
Qed.

(** ** Choices under a monotone change of values *)

Lemma argmax_from_monotone : forall (g : Q -> Q), (forall a b, a <= b <-> g a <= g b) ->
  forall values i best,
  argmax_from i (option_map (fun p => (fst p, g (snd p))) best) (map (option_map g) values) =
  option_map (fun p => (fst p, g (snd p))) (argmax_from i best values).
Proof.
  intros g Hg. induction values as [|[v|] rest IH]; intros i best; simpl; [reflexivity| |apply IH].
  destruct best as [[bj bv]|]; simpl.
  - assert (E : Qle_bool (g v) (g bv) = Qle_bool v bv).
    { destruct (Qle_bool v bv) eqn:E1.
      - apply Qle_bool_iff. apply (proj1 (Hg v bv)). apply Qle_bool_iff. exact E1.
      - apply Bool.not_true_is_false. intros C. apply Qle_bool_iff in C.
        apply (proj2 (Hg v bv)) in C.
        apply Qle_bool_iff in C. congruence. }
    rewrite E. destruct (Qle_bool v bv).
    + exact (IH (S i) (Some (bj, bv))).
    + exact (IH (S i) (Some (i, v))).
  - exact (IH (S i) (Some (i, v))).
Qed.

(** [choice_invariant_under_monotone_map]: composing U_m with an
    order-preserving and order-reflecting [g] changes no choice. *)
Theorem choice_invariant_under_monotone_map : forall (g : Q -> Q) Um C,
  (forall a b, a <= b <-> g a <= g b) ->
  mesa_choice (fun t => option_map g (Um t)) C = mesa_choice Um C.
Proof.
  intros g Um C Hg. unfold mesa_choice, argmax_lowest_index.
  rewrite <- map_map. pose proof (argmax_from_monotone g Hg (map Um C) 0 None) as E.
  simpl in E. rewrite E. destruct (argmax_from 0 None (map Um C)) as [[j v]|]; reflexivity.
Qed.

(** [doubled_base_objective_makes_the_same_choices]: U_m = 2U chooses as an
    optimizer of U itself, on every candidate list. *)
Corollary doubled_base_objective_makes_the_same_choices : forall (U : objective) C,
  mesa_choice (fun t => Some (2 * U t)) C = mesa_choice (fun t => Some (U t)) C.
Proof.
  intros U C.
  apply (choice_invariant_under_monotone_map (fun q => 2 * q) (fun t => Some (U t)) C).
  intros a b. split; intros; lra.
Qed.

(** [identical_choices_do_not_imply_inner_alignment]: U_m = 2 code_ones
    makes code_ones' choices on every candidate list, yet is not inner aligned. *)
Theorem identical_choices_do_not_imply_inner_alignment :
  (forall C, mesa_choice doubled C = mesa_choice (fun t => Some (code_ones t)) C) /\
  ~ inner_aligned code_ones doubled.
Proof.
  split; [intros C; apply doubled_base_objective_makes_the_same_choices|].
  exact (proj2 order_does_not_imply_inner).
Qed.

(** ** Order alignment keeps every choice *)

Lemma argmax_from_related : forall (P : Q -> Q -> Prop),
  (forall a b c d, P a b -> P c d -> (a <= c <-> b <= d)) ->
  forall vs ws,
  Forall2 (fun v w => match v, w with
                      | Some a, Some b => P a b | None, None => True | _, _ => False end) vs ws ->
  forall i b1 b2,
  match b1, b2 with
  | Some (j, a), Some (j', b) => j = j' /\ P a b | None, None => True | _, _ => False
  end ->
  match argmax_from i b1 vs, argmax_from i b2 ws with
  | Some (j, a), Some (j', b) => j = j' /\ P a b | None, None => True | _, _ => False
  end.
Proof.
  intros P HP vs ws H. induction H as [|v w vs ws Hvw Hrest IH]; intros i b1 b2 Hb.
  { simpl. destruct b1 as [[j1 a1]|], b2 as [[j2 a2]|]; exact Hb. }
  destruct v as [a|], w as [b|]; try contradiction; simpl; [|apply IH; exact Hb].
  destruct b1 as [[j1 a1]|], b2 as [[j2 a2]|]; try contradiction.
  - destruct Hb as [<- Hp].
    assert (E : Qle_bool a a1 = Qle_bool b a2).
    { destruct (Qle_bool a a1) eqn:E1, (Qle_bool b a2) eqn:E2; try reflexivity; exfalso.
      - apply Qle_bool_iff in E1. apply (proj1 (HP _ _ _ _ Hvw Hp)) in E1.
        apply Qle_bool_iff in E1. congruence.
      - apply Qle_bool_iff in E2. apply (proj2 (HP _ _ _ _ Hvw Hp)) in E2.
        apply Qle_bool_iff in E2. congruence. }
    rewrite E. destruct (Qle_bool b a2); apply IH; split; auto.
  - apply IH. split; auto.
Qed.

(** [order_alignment_gives_the_same_choice]: when U_m ranks the candidates as
    U does and every candidate is in dom(U_m), the mesa-optimizer makes the
    choice an optimizer of U makes (ties included), on every candidate list. *)
Theorem order_alignment_gives_the_same_choice : forall U Um C,
  order_aligned_on (among C) U Um -> (forall c, In c C -> Um c <> None) ->
  mesa_choice Um C = mesa_choice (fun t => Some (U t)) C.
Proof.
  intros U Um C Hord Hdom. unfold mesa_choice, argmax_lowest_index.
  set (P := fun a b => exists c, In c C /\ Um c = Some a /\ b = U c).
  assert (HP : forall a b c d, P a b -> P c d -> (a <= c <-> b <= d)).
  { intros a b c d [s [Hs [Es ->]]] [t [Ht [Et ->]]]. exact (Hord s t a c Hs Ht Es Et). }
  assert (Hall : forall C', (forall c, In c C' -> In c C) ->
    Forall2 (fun v w => match v, w with
                        | Some a, Some b => P a b | None, None => True | _, _ => False end)
            (map Um C') (map (fun t => Some (U t)) C')).
  { induction C' as [|c C' IH']; intros Hsub; simpl; constructor.
    - assert (Hc : In c C) by (apply Hsub; left; reflexivity).
      destruct (Um c) as [a|] eqn:Ea.
      + exists c. split; [exact Hc|]. split; [exact Ea|reflexivity].
      + exact (Hdom c Hc Ea).
    - apply IH'. intros y Hy. apply Hsub. right. exact Hy. }
  pose proof (argmax_from_related P HP _ _ (Hall C (fun c H => H)) 0 None None I) as R.
  destruct (argmax_from 0 None (map Um C)) as [[j a]|];
    destruct (argmax_from 0 None (map (fun t => Some (U t)) C)) as [[j' b]|];
    try contradiction; simpl; [destruct R as [-> _]|]; reflexivity.
Qed.

(** [order_alignment_gives_the_same_argmax]: when U_m ranks the candidates as
    U does and every candidate is in dom(U_m), the U_m-best candidates are
    exactly the U-best ones. *)
Theorem order_alignment_gives_the_same_argmax : forall U Um C,
  order_aligned_on (among C) U Um -> (forall c, In c C -> Um c <> None) ->
  forall c, In c C ->
  ((forall c' a a', In c' C -> Um c' = Some a' -> Um c = Some a -> a' <= a) <->
   (forall c', In c' C -> U c' <= U c)).
Proof.
  intros U Um C Hord Hdom c Hc. split.
  - intros H c' Hc'.
    destruct (Um c) as [a|] eqn:Ea; [|exfalso; exact (Hdom c Hc Ea)].
    destruct (Um c') as [a'|] eqn:Ea'; [|exfalso; exact (Hdom c' Hc' Ea')].
    apply (proj1 (Hord c' c a' a Hc' Hc Ea' Ea)). exact (H c' a a' Hc' Ea' eq_refl).
  - intros H c' a a' Hc' Ea' Ea. apply (proj2 (Hord c' c a' a Hc' Hc Ea' Ea)). exact (H c' Hc').
Qed.

(** [approximate_alignment_below_half_the_top_gap_keeps_the_choice]: if every
    candidate is in dom(U_m), U_m is within [eps] of U on them, and the
    candidate at index [k] beats the candidate at every other index by more
    than [2 eps] in U, the mesa-optimizer chooses index [k]. *)
Theorem approximate_alignment_below_half_the_top_gap_keeps_the_choice : forall eps U Um C k,
  approximately_aligned_on (among C) eps U Um -> (forall c, In c C -> Um c <> None) ->
  (k < length C)%nat ->
  (forall j, (j < length C)%nat -> j <> k -> U (nth j C []) + 2 * eps < U (nth k C [])) ->
  mesa_choice Um C = Some k.
Proof.
  intros eps U Um C k Hal Hdom Hk Hgap.
  destruct (mesa_choice Um C) as [i|] eqn:Ei.
  - destruct (Nat.eq_dec i k) as [->|Hne]; [reflexivity|exfalso].
    destruct (mesa_choice_sound _ _ _ Ei) as [Hi _].
    pose proof (nth_In C [] Hk) as Hck.
    destruct (Um (nth k C [])) as [w|] eqn:Ew; [|exact (Hdom _ Hck Ew)].
    pose proof (approximate_choice_within_two_epsilon eps U Um C i Hal Ei _ w Hck Ew).
    pose proof (Hgap i Hi Hne). lra.
  - exfalso. unfold mesa_choice in Ei. pose proof (proj1 (argmax_lowest_index_none _) Ei) as Hn.
    pose proof (nth_In C [] Hk) as Hck.
    destruct (Um (nth k C [])) as [w|] eqn:Ew; [|exact (Hdom _ Hck Ew)].
    apply (Hn w). rewrite <- Ew. apply in_map. exact Hck.
Qed.

(** ** Argmax inclusion (docs/semantics.md#argmax-inclusion) *)

(** [mesa_argmax_within_base_argmax] -- Python:
    [mesaform.spec.taxonomy.mesa_argmax_within_base_argmax] on one candidate list: every
    candidate whose U_m value is the highest over [C cap dom(U_m)] is U-best. *)
Definition mesa_argmax_within_base_argmax (U : objective) (Um : partial_objective)
    (C : list TM) : Prop :=
  forall i v, (i < length C)%nat -> Um (nth i C []) = Some v ->
  (forall c w, In c C -> Um c = Some w -> w <= v) -> base_best U C i.

(** [argmax_inclusion_implies_base_best_choice]. *)
Theorem argmax_inclusion_implies_base_best_choice : forall U Um C i,
  mesa_argmax_within_base_argmax U Um C -> mesa_choice Um C = Some i -> base_best U C i.
Proof.
  intros U Um C i H Hch. destruct (mesa_choice_sound _ _ _ Hch) as [Hi [v [Hv Hmax]]].
  exact (H i v Hi Hv Hmax).
Qed.

(** [base_best_choice_does_not_imply_argmax_inclusion]: two candidates tied in
    U_m; the first is chosen and U-best, the second is U_m-top and not U-best. *)
Theorem base_best_choice_does_not_imply_argmax_inclusion :
  exists U Um C, (exists i, mesa_choice Um C = Some i /\ base_best U C i) /\
    ~ mesa_argmax_within_base_argmax U Um C.
Proof.
  exists (fun t => match t with [] => 1 | _ => 0 end), (fun _ => Some 1), tight_candidates.
  split.
  - exists 0%nat. split; [cbv; reflexivity|]. split; [simpl; lia|].
    intros c [<-|[<-|[]]]; cbv; discriminate.
  - intros H. destruct (H 1%nat 1 ltac:(simpl; lia) eq_refl) as [_ Hbest].
    + intros c w _ Hw. injection Hw as <-. apply Qle_refl.
    + specialize (Hbest [] (or_introl eq_refl)). cbv in Hbest. apply Hbest. reflexivity.
Qed.
