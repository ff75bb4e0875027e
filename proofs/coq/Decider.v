(** * A decider for code_ones claims, proved correct.

    Formalizes the bounded claims of docs/semantics.md#claims with base objective
    [code_ones] and [U_m] a Mesa program's -- "forall t, |t| <= n: t in dom(U_m) ->
    U(t) = U_m(t)" and its two weaker readings, approximate alignment within a
    rational [eps] and order alignment -- and their decision by enumeration, as
    mesaform's [enumerate] method does: every machine up to length [n], shortest
    first, then lexicographically. [decide] returns [None] exactly when the claim
    holds ([decide_spec]) and otherwise the least counterexample: the least string
    in shortlex order ([decide_least]), or for order alignment the least pair,
    compared by its later string, then its earlier one ([decide_order_least]).
    [decide_every] decides the claim for every [t] at the deciding length of the
    small-model theorem (docs/semantics.md#small-model). Python twins:
    [mesaform.proofs.methods.enumeration.enumerate_claim],
    [mesaform.proofs.checking.small_model.deciding_length]. *)

From Coq Require Import List Bool Arith Lia ZArith QArith Qabs Qround Sorting.Sorted.
From Mesaform Require Import Machines Programs Run Objectives Alignment Bounded SmallModel.
Import ListNotations.

(** ** Claims *)

(** [reading] -- Python: a claim's [predicate] (with its [epsilon]). *)
Inductive reading := Inner | Approximate (eps : Q) | Order.

(** The claim on a set [S] of machines, base objective [code_ones]. *)
Definition holds_on (r : reading) (S : TM -> Prop) (Um : partial_objective) : Prop :=
  match r with
  | Inner => inner_aligned_on S code_ones Um
  | Approximate eps => approximately_aligned_on S eps code_ones Um
  | Order => order_aligned_on S code_ones Um
  end.

(** The bound: every machine of length at most [n]. *)
Definition within (n : nat) : TM -> Prop := fun t => (length t <= n)%nat.

(** ** The shortlex order *)

(** [lex_lt a b]: [a] before [b] lexicographically ([0] before [1]), same length. *)
Fixpoint lex_lt (a b : TM) : Prop :=
  match a, b with
  | x :: a', y :: b' => (x = false /\ y = true) \/ (x = y /\ lex_lt a' b')
  | _, _ => False
  end.

(** [shortlex_lt a b]: shorter first, then lexicographically (Python: [(len(a), a) <
    (len(b), b)] on strings of [0] and [1]). *)
Definition shortlex_lt (a b : TM) : Prop :=
  (length a < length b)%nat \/ (length a = length b /\ lex_lt a b).

Lemma lex_lt_irrefl : forall a, ~ lex_lt a a.
Proof. induction a as [|x a IH]; simpl; [tauto|]. intros [[E1 E2]|[_ H]]; [congruence|exact (IH H)]. Qed.

Lemma lex_lt_asym : forall a b, lex_lt a b -> ~ lex_lt b a.
Proof.
  induction a as [|x a IH]; intros [|y b]; simpl; try tauto.
  destruct x, y; intros [[E1 E2]|[E1 H1]] [[E3 E4]|[E3 H2]]; try discriminate; exact (IH _ H1 H2).
Qed.

Lemma shortlex_lt_irrefl : forall a, ~ shortlex_lt a a.
Proof. intros a [H|[_ H]]; [lia|exact (lex_lt_irrefl a H)]. Qed.

Lemma shortlex_lt_asym : forall a b, shortlex_lt a b -> ~ shortlex_lt b a.
Proof.
  intros a b [H|[E H]] [H'|[E' H']]; try lia. exact (lex_lt_asym _ _ H H').
Qed.

(** [shortlex_total]: two different strings are ordered one way or the other. *)
Lemma lex_lt_total : forall a b, length a = length b -> a = b \/ lex_lt a b \/ lex_lt b a.
Proof.
  induction a as [|x a IH]; intros [|y b] E; simpl in E; try discriminate; [left; reflexivity|].
  injection E as E. destruct (IH b E) as [->|[H|H]].
  - destruct x, y; simpl; tauto.
  - destruct x, y; simpl; tauto.
  - destruct x, y; simpl; tauto.
Qed.

Lemma shortlex_total : forall a b, a = b \/ shortlex_lt a b \/ shortlex_lt b a.
Proof.
  intros a b. unfold shortlex_lt.
  destruct (Nat.lt_trichotomy (length a) (length b)) as [H|[H|H]]; [tauto| |tauto].
  destruct (lex_lt_total a b H) as [->|[H'|H']]; [left; reflexivity|tauto|].
  right; right. right. split; [symmetry; exact H|exact H'].
Qed.

(** ** The enumeration is sorted *)

Lemma StronglySorted_app : forall A (R : A -> A -> Prop) l1 l2,
  StronglySorted R l1 -> StronglySorted R l2 -> (forall a b, In a l1 -> In b l2 -> R a b) ->
  StronglySorted R (l1 ++ l2).
Proof.
  intros A R l1 l2 H1 H2 H. induction H1 as [|a l1 H1 IH Ha]; simpl; [exact H2|].
  constructor.
  - apply IH. intros x y Hx Hy. apply H; [right; exact Hx|exact Hy].
  - apply Forall_app. split; [exact Ha|]. apply Forall_forall. intros y Hy. apply H; [left; reflexivity|exact Hy].
Qed.

Lemma StronglySorted_map : forall A B (R : A -> A -> Prop) (S : B -> B -> Prop) (f : A -> B) l,
  (forall a b, R a b -> S (f a) (f b)) -> StronglySorted R l -> StronglySorted S (map f l).
Proof.
  intros A B R S f l Hf H. induction H as [|a l H IH Ha]; simpl; constructor; [exact IH|].
  apply Forall_forall. intros y Hy. apply in_map_iff in Hy. destruct Hy as [x [<- Hx]].
  apply Hf. rewrite Forall_forall in Ha. apply Ha. exact Hx.
Qed.

Lemma shortlex_lt_cons : forall x a b, shortlex_lt a b -> shortlex_lt (x :: a) (x :: b).
Proof. intros x a b [H|[E H]]; [left; simpl; lia|right; simpl; split; [lia|right; tauto]]. Qed.

Lemma machines_of_length_sorted : forall n, StronglySorted shortlex_lt (machines_of_length n).
Proof.
  induction n as [|n IH]; simpl; [repeat constructor|].
  apply StronglySorted_app.
  - apply StronglySorted_map with (R := shortlex_lt); [apply shortlex_lt_cons|exact IH].
  - apply StronglySorted_map with (R := shortlex_lt); [apply shortlex_lt_cons|exact IH].
  - intros a b Ha Hb. apply in_map_iff in Ha, Hb.
    destruct Ha as [a' [<- Ha]]. destruct Hb as [b' [<- Hb]].
    apply machines_of_length_length in Ha, Hb.
    right. simpl. split; [lia|left; tauto].
Qed.

Lemma seq_flat_map_sorted : forall n k,
  StronglySorted shortlex_lt (flat_map machines_of_length (seq k n)).
Proof.
  induction n as [|n IH]; intros k; simpl; [constructor|].
  apply StronglySorted_app; [apply machines_of_length_sorted|apply IH|].
  intros a b Ha Hb. apply in_flat_map in Hb. destruct Hb as [j [Hj Hb]].
  apply in_seq in Hj. apply machines_of_length_length in Ha, Hb. left. lia.
Qed.

(** [machines_up_to_sorted]: the enumeration is strictly increasing in shortlex order. *)
Theorem machines_up_to_sorted : forall n, StronglySorted shortlex_lt (machines_up_to n).
Proof. intros n. apply seq_flat_map_sorted. Qed.

Lemma shortlex_lt_length : forall a b, shortlex_lt a b -> (length a <= length b)%nat.
Proof. intros a b [H|[E _]]; lia. Qed.

Lemma StronglySorted_suffix : forall A (R : A -> A -> Prop) l1 l2,
  StronglySorted R (l1 ++ l2) -> StronglySorted R l2.
Proof.
  intros A R l1 l2. induction l1 as [|a l1 IH]; simpl; [tauto|].
  intros H. apply StronglySorted_inv in H. apply IH, H.
Qed.

(** In a strictly sorted list, what is below an element comes before it. *)
Lemma sorted_before : forall A (R : A -> A -> Prop) pre x post y,
  (forall a, ~ R a a) -> (forall a b, R a b -> ~ R b a) ->
  StronglySorted R (pre ++ x :: post) -> In y (pre ++ x :: post) -> R y x -> In y pre.
Proof.
  intros A R pre x post y Hirr Hasym H Hy Hyx.
  apply in_app_or in Hy. destruct Hy as [Hy|[<-|Hy]]; [exact Hy| exfalso; exact (Hirr _ Hyx)|].
  exfalso. apply StronglySorted_suffix in H. apply StronglySorted_inv in H. destruct H as [_ Hx].
  rewrite Forall_forall in Hx. exact (Hasym _ _ Hyx (Hx y Hy)).
Qed.

(** [find] returns the first element that satisfies its test. *)
Lemma find_first : forall A (f : A -> bool) l x,
  find f l = Some x -> exists l1 l2, l = l1 ++ x :: l2 /\ f x = true /\ forall y, In y l1 -> f y = false.
Proof.
  intros A f l x. induction l as [|a l IH]; simpl; [discriminate|].
  destruct (f a) eqn:E.
  - intros H. injection H as <-. exists [], l. simpl. split; [reflexivity|]. split; [exact E|tauto].
  - intros H. destruct (IH H) as [l1 [l2 [-> [Hx Hl1]]]]. exists (a :: l1), l2. split; [reflexivity|].
    split; [exact Hx|]. intros y [<-|Hy]; [exact E|exact (Hl1 y Hy)].
Qed.

(** ** Inner and approximate alignment: one string at a time *)

(** Does [t] witness a failure of the claim? (Never, alone, for order alignment.) *)
Definition fails_at (r : reading) (Um : partial_objective) (t : TM) : bool :=
  match Um t with
  | None => false
  | Some v =>
      match r with
      | Inner => negb (Qeq_bool (code_ones t) v)
      | Approximate eps => negb (Qle_bool (Qabs (code_ones t - v)) eps)
      | Order => false
      end
  end.

Lemma holds_on_fails_at : forall r S Um, r <> Order ->
  (holds_on r S Um <-> forall t, S t -> fails_at r Um t = false).
Proof.
  intros r S Um Hr. unfold fails_at.
  destruct r as [|eps|]; [| |congruence]; cbn [holds_on]; split.
  - intros H t Ht. destruct (Um t) as [v|] eqn:Hv; [|reflexivity].
    rewrite (proj2 (Qeq_bool_iff _ _) (H t v Ht Hv)). reflexivity.
  - intros H t v Ht Hv. specialize (H t Ht). rewrite Hv in H.
    apply Qeq_bool_iff. destruct (Qeq_bool (code_ones t) v); [reflexivity|discriminate].
  - intros H t Ht. destruct (Um t) as [v|] eqn:Hv; [|reflexivity].
    rewrite (proj2 (Qle_bool_iff _ _) (H t v Ht Hv)). reflexivity.
  - intros H t v Ht Hv. specialize (H t Ht). rewrite Hv in H.
    apply Qle_bool_iff. destruct (Qle_bool (Qabs (code_ones t - v)) eps); [reflexivity|discriminate].
Qed.

(** ** Order alignment: pairs, without a quadratic pass *)

(** A scored string: [t], [U_m(t)], [code_ones(t)]. *)
Definition item : Type := (TM * Q * Q)%type.
Definition item_tm (a : item) : TM := fst (fst a).
Definition item_mesa (a : item) : Q := snd (fst a).
Definition item_base (a : item) : Q := snd a.

(** [ranks_disagree] -- Python: [mesaform.spec.alignment.ranks_disagree]: [U_m(s) <= U_m(t)
    <-> U(s) <= U(t)] fails for the pair [(s, t)]. *)
Definition disagree (a b : item) : bool :=
  negb (Bool.eqb (Qle_bool (item_mesa a) (item_mesa b)) (Qle_bool (item_base a) (item_base b))).

(** [U] and [U_m] rank [a] and [b] differently (one orientation or the other). *)
Definition conflict (a b : item) : bool := disagree a b || disagree b a.

(** The two strings have the same values (a string kept per pair of values suffices). *)
Definition same_key (a b : item) : bool :=
  Qeq_bool (item_mesa a) (item_mesa b) && Qeq_bool (item_base a) (item_base b).

Definition add_key (x : item) (W : list item) : list item :=
  if existsb (same_key x) W then W else W ++ [x].

(** [order_scan Um W ts]: the first [t] of [ts] in dom(U_m) ranked differently from a
    string before it, with the first such string; [W] keeps the first string of each
    pair of values seen (Python: [OrderTracker]). *)
Fixpoint order_scan (Um : partial_objective) (W : list item) (ts : list TM)
  : option (item * item) :=
  match ts with
  | [] => None
  | t :: rest =>
      match Um t with
      | None => order_scan Um W rest
      | Some v =>
          let x := (t, v, code_ones t) in
          match find (conflict x) W with
          | Some w => Some (w, x)
          | None => order_scan Um (add_key x W) rest
          end
      end
  end.

(** The strings of [ts] in dom(U_m), scored. *)
Definition scored (Um : partial_objective) (ts : list TM) : list item :=
  flat_map (fun t => match Um t with Some v => [(t, v, code_ones t)] | None => [] end) ts.

(** The quadratic specification: every earlier string kept. *)
Fixpoint naive_scan (P : list item) (xs : list item) : option (item * item) :=
  match xs with
  | [] => None
  | x :: rest =>
      match find (conflict x) P with
      | Some w => Some (w, x)
      | None => naive_scan (P ++ [x]) rest
      end
  end.

Lemma Qle_bool_refl : forall a, Qle_bool a a = true.
Proof. intros a. apply Qle_bool_iff, Qle_refl. Qed.

Lemma Qle_bool_compat : forall a a' b b', a == a' -> b == b' -> Qle_bool a b = Qle_bool a' b'.
Proof.
  intros a a' b b' Ha Hb.
  destruct (Qle_bool a b) eqn:E1; destruct (Qle_bool a' b') eqn:E2; try reflexivity.
  - apply Qle_bool_iff in E1. rewrite Ha, Hb in E1. apply Qle_bool_iff in E1. congruence.
  - apply Qle_bool_iff in E2. rewrite <- Ha, <- Hb in E2. apply Qle_bool_iff in E2. congruence.
Qed.

Lemma conflict_same_key : forall x a b, same_key a b = true -> conflict x a = conflict x b.
Proof.
  intros x a b H. unfold same_key in H. apply andb_prop in H. destruct H as [H1 H2].
  apply Qeq_bool_iff in H1, H2. unfold conflict, disagree.
  rewrite (Qle_bool_compat (item_mesa x) (item_mesa x) (item_mesa a) (item_mesa b)) by
    (reflexivity || exact H1).
  rewrite (Qle_bool_compat (item_base x) (item_base x) (item_base a) (item_base b)) by
    (reflexivity || exact H2).
  rewrite (Qle_bool_compat (item_mesa a) (item_mesa b) (item_mesa x) (item_mesa x)) by
    (reflexivity || exact H1).
  rewrite (Qle_bool_compat (item_base a) (item_base b) (item_base x) (item_base x)) by
    (reflexivity || exact H2).
  reflexivity.
Qed.

Lemma find_app_some : forall A (f : A -> bool) l1 l2 w,
  find f l1 = Some w -> find f (l1 ++ l2) = Some w.
Proof. intros A f l1 l2 w. induction l1 as [|a l1 IH]; simpl; [discriminate|]. destruct (f a); auto. Qed.

Lemma find_app_none : forall A (f : A -> bool) l1 l2,
  find f l1 = None -> find f (l1 ++ l2) = find f l2.
Proof. intros A f l1 l2. induction l1 as [|a l1 IH]; simpl; [auto|]. destruct (f a); [discriminate|auto]. Qed.

Lemma find_none_in : forall A (f : A -> bool) l y, find f l = None -> In y l -> f y = false.
Proof.
  intros A f l y. induction l as [|a l IH]; simpl; [tauto|].
  destruct (f a) eqn:E; [discriminate|]. intros H [<-|Hy]; [exact E|exact (IH H Hy)].
Qed.

(** Keeping one string per pair of values finds the same first conflict. *)
Lemma find_dedup : forall x P W,
  find (conflict x) (fold_left (fun W' p => add_key p W') P W) =
  match find (conflict x) W with Some w => Some w | None => find (conflict x) P end.
Proof.
  intros x P. induction P as [|p P IH]; intros W; simpl.
  - destruct (find (conflict x) W); reflexivity.
  - rewrite IH. unfold add_key.
    destruct (find (conflict x) W) as [w|] eqn:Ew.
    + destruct (existsb (same_key p) W); [rewrite Ew; reflexivity|].
      rewrite (find_app_some _ _ _ _ _ Ew). reflexivity.
    + destruct (existsb (same_key p) W) eqn:Ex.
      * rewrite Ew. apply existsb_exists in Ex. destruct Ex as [w [Hw Hk]].
        rewrite (conflict_same_key x p w Hk), (find_none_in _ _ _ _ Ew Hw). reflexivity.
      * rewrite (find_app_none _ _ _ _ Ew). simpl. destruct (conflict x p); reflexivity.
Qed.

Lemma pairs_naive : forall Um xs P ts, xs = scored Um ts ->
  order_scan Um (fold_left (fun W' p => add_key p W') P []) ts = naive_scan P xs.
Proof.
  intros Um xs P ts ->. revert P. induction ts as [|t ts IH]; intros P; [reflexivity|].
  simpl. destruct (Um t) as [v|] eqn:Hv; [|apply IH].
  simpl. rewrite find_dedup. simpl.
  destruct (find (conflict (t, v, code_ones t)) P); [reflexivity|].
  rewrite <- IH, fold_left_app. reflexivity.
Qed.

Lemma order_scan_naive : forall Um ts, order_scan Um [] ts = naive_scan [] (scored Um ts).
Proof. intros Um ts. apply (pairs_naive Um _ [] ts eq_refl). Qed.

Lemma naive_scan_none : forall xs P, naive_scan P xs = None ->
  forall pre x post, xs = pre ++ x :: post -> forall p, In p (P ++ pre) -> conflict x p = false.
Proof.
  induction xs as [|x0 xs IH]; intros P H pre x post E p Hp.
  - destruct pre; discriminate.
  - simpl in H. destruct (find (conflict x0) P) eqn:Ef; [discriminate|].
    destruct pre as [|y pre].
    + injection E as <- <-. rewrite app_nil_r in Hp. exact (find_none_in _ _ _ _ Ef Hp).
    + injection E as <- E. apply (IH _ H pre x post E p). rewrite <- app_assoc. exact Hp.
Qed.

Lemma naive_scan_none_intro : forall xs P,
  (forall pre x post, xs = pre ++ x :: post -> forall p, In p (P ++ pre) -> conflict x p = false) ->
  naive_scan P xs = None.
Proof.
  induction xs as [|x0 xs IH]; intros P H; [reflexivity|]. simpl.
  destruct (find (conflict x0) P) as [w|] eqn:Ef.
  - apply find_first in Ef. destruct Ef as [l1 [l2 [El [Hw _]]]].
    rewrite (H [] x0 xs eq_refl w) in Hw; [discriminate|]. rewrite app_nil_r, El.
    apply in_or_app. right. left. reflexivity.
  - apply IH. intros pre x post E p Hp. apply (H (x0 :: pre) x post); [rewrite E; reflexivity|].
    rewrite <- app_assoc in Hp. exact Hp.
Qed.

Lemma naive_scan_some : forall xs P w x, naive_scan P xs = Some (w, x) ->
  exists pre post, xs = pre ++ x :: post /\ naive_scan P pre = None /\
    find (conflict x) (P ++ pre) = Some w.
Proof.
  induction xs as [|x0 xs IH]; intros P w x H; [discriminate|]. simpl in H.
  destruct (find (conflict x0) P) as [w0|] eqn:Ef.
  - injection H as <- <-. exists [], xs. rewrite app_nil_r. repeat split; assumption.
  - destruct (IH _ _ _ H) as [pre [post [E [Hn Hf]]]]. exists (x0 :: pre), post.
    split; [rewrite E; reflexivity|]. split; [simpl; rewrite Ef; exact Hn|].
    rewrite <- app_assoc in Hf. exact Hf.
Qed.

Lemma in_scored : forall Um ts a,
  In a (scored Um ts) <-> In (item_tm a) ts /\ Um (item_tm a) = Some (item_mesa a) /\
    item_base a = code_ones (item_tm a).
Proof.
  intros Um ts [[t v] u]. unfold scored, item_tm, item_mesa, item_base. simpl.
  rewrite in_flat_map. split.
  - intros [t' [Ht' Hin]]. destruct (Um t') as [v'|] eqn:Hv; [|destruct Hin].
    destruct Hin as [E|[]]. injection E as <- <- <-. tauto.
  - intros [Ht [Hv ->]]. exists t. split; [exact Ht|]. rewrite Hv. left. reflexivity.
Qed.

Lemma scored_sorted : forall Um ts, StronglySorted shortlex_lt ts ->
  StronglySorted (fun a b => shortlex_lt (item_tm a) (item_tm b)) (scored Um ts).
Proof.
  intros Um ts H. induction H as [|t ts H IH Ht]; [constructor|].
  unfold scored. simpl. fold (scored Um ts).
  destruct (Um t) as [v|]; [|exact IH]. simpl. constructor; [exact IH|].
  apply Forall_forall. intros b Hb. apply in_scored in Hb. destruct Hb as [Hb _].
  rewrite Forall_forall in Ht. exact (Ht _ Hb).
Qed.

(** Order alignment on [ts] as a property of its scored strings. *)
Lemma order_aligned_items : forall Um ts,
  order_aligned_on (fun t => In t ts) code_ones Um <->
  forall a b, In a (scored Um ts) -> In b (scored Um ts) -> disagree a b = false.
Proof.
  intros Um ts. split.
  - intros H a b Ha Hb. apply in_scored in Ha, Hb.
    destruct Ha as [Ha [Hva Hua]]. destruct Hb as [Hb [Hvb Hub]].
    specialize (H _ _ _ _ Ha Hb Hva Hvb). unfold disagree. rewrite Hua, Hub.
    destruct (Qle_bool (item_mesa a) (item_mesa b)) eqn:E1;
      destruct (Qle_bool (code_ones (item_tm a)) (code_ones (item_tm b))) eqn:E2; try reflexivity.
    + apply Qle_bool_iff in E1. apply H, Qle_bool_iff in E1. congruence.
    + apply Qle_bool_iff in E2. apply H, Qle_bool_iff in E2. congruence.
  - intros H s t vs vt Hs Ht Hvs Hvt.
    assert (Ha : In (s, vs, code_ones s) (scored Um ts)) by (apply in_scored; tauto).
    assert (Hb : In (t, vt, code_ones t) (scored Um ts)) by (apply in_scored; tauto).
    specialize (H _ _ Ha Hb). unfold disagree, item_mesa, item_base in H. cbn [fst snd] in H.
    split; intros E; apply Qle_bool_iff in E; apply Qle_bool_iff; revert H E;
      destruct (Qle_bool vs vt), (Qle_bool (code_ones s) (code_ones t)); simpl; congruence.
Qed.

Lemma in_split_order : forall A (l : list A) a b, In a l -> In b l ->
  a = b \/ (exists pre post, l = pre ++ b :: post /\ In a pre) \/
  (exists pre post, l = pre ++ a :: post /\ In b pre).
Proof.
  intros A l a b. induction l as [|x l IH]; [intros []|].
  intros [Ea|Ha] [Eb|Hb].
  - left. congruence.
  - subst x. right; left. apply in_split in Hb. destruct Hb as [l1 [l2 ->]].
    exists (a :: l1), l2. split; [reflexivity|left; reflexivity].
  - subst x. right; right. apply in_split in Ha. destruct Ha as [l1 [l2 ->]].
    exists (b :: l1), l2. split; [reflexivity|left; reflexivity].
  - destruct (IH Ha Hb) as [E|[[pre [post [E H]]]|[pre [post [E H]]]]]; [tauto| |].
    + right; left. exists (x :: pre), post. rewrite E. split; [reflexivity|right; exact H].
    + right; right. exists (x :: pre), post. rewrite E. split; [reflexivity|right; exact H].
Qed.

Lemma naive_scan_none_iff : forall xs,
  naive_scan [] xs = None <-> forall a b, In a xs -> In b xs -> disagree a b = false.
Proof.
  intros xs. split.
  - intros H a b Ha Hb.
    destruct (in_split_order _ _ _ _ Ha Hb) as [E|[[pre [post [E Hin]]]|[pre [post [E Hin]]]]].
    + subst b. unfold disagree. rewrite !Qle_bool_refl. reflexivity.
    + pose proof (naive_scan_none _ _ H _ _ _ E _ Hin) as Hc.
      unfold conflict in Hc. apply orb_false_iff in Hc. apply Hc.
    + pose proof (naive_scan_none _ _ H _ _ _ E _ Hin) as Hc.
      unfold conflict in Hc. apply orb_false_iff in Hc. apply Hc.
  - intros H. apply naive_scan_none_intro. intros pre x post E p Hp.
    assert (Hx : In x xs) by (rewrite E; apply in_or_app; right; left; reflexivity).
    assert (Hp' : In p xs) by (rewrite E; apply in_or_app; left; exact Hp).
    unfold conflict. rewrite (H _ _ Hx Hp'), (H _ _ Hp' Hx). reflexivity.
Qed.

(** ** The decider *)

(** [counterexample] -- Python: a [Found]'s machines: one string, or a pair. *)
Inductive counterexample := One (t : TM) | Two (s t : TM).

(** The pair oriented so that its ranks disagree (Python: [OrderTracker.first_partner]). *)
Definition orient (w x : item) : counterexample :=
  if disagree w x then Two (item_tm w) (item_tm x) else Two (item_tm x) (item_tm w).

(** [decide_on r Um ts]: [None] when the claim holds on [ts], else the first counterexample. *)
Definition decide_on (r : reading) (Um : partial_objective) (ts : list TM) : option counterexample :=
  match r with
  | Order => match order_scan Um [] ts with Some (w, x) => Some (orient w x) | None => None end
  | _ => match find (fails_at r Um) ts with Some t => Some (One t) | None => None end
  end.

(** [decide r m n] -- Python: [enumerate_claim] on the claim with base [code_ones], the
    mesa side [m], the predicate [r], and the bound [|t| <= n]. *)
Definition decide (r : reading) (m : TM) (n : nat) : option counterexample :=
  decide_on r (mesa_objective m) (machines_up_to n).

(** [deciding_length] -- Python: [mesaform.proofs.checking.small_model.deciding_length]:
    [h + 1], or [h + floor(2 eps) + 1] for approximate alignment, for [h = ceil(f/2)]
    and [f] the Mesa program's internal fuel (0 for a table, whose [U_m] is nowhere
    defined). *)
Definition deciding_length (r : reading) (m : TM) : nat :=
  match decode m with
  | Mesa _ f _ _ =>
      let h := Nat.div2 (S f) in
      match r with
      | Approximate eps => h + Z.to_nat (Qfloor (2 * eps)) + 1
      | _ => h + 1
      end
  | Table _ _ => 0
  end.

(** [decide_every r m]: the claim for every [t], decided at the deciding length. *)
Definition decide_every (r : reading) (m : TM) : option counterexample :=
  decide r m (deciding_length r m).

(** ** Correctness *)

Lemma holds_on_ext : forall r S S' Um, (forall t, S t <-> S' t) ->
  (holds_on r S Um <-> holds_on r S' Um).
Proof.
  intros [|eps|] S S' Um H; simpl;
    unfold inner_aligned_on, approximately_aligned_on, order_aligned_on; split; intros K.
  all: first [intros t v Ht; apply K; apply H; exact Ht
             | intros t v Ht; apply K; apply H; exact Ht
             | intros s t vs vt Hs Ht; apply K; apply H; assumption].
Qed.

Lemma holds_on_subset : forall r (S S' : TM -> Prop) Um, (forall t, S t -> S' t) ->
  holds_on r S' Um -> holds_on r S Um.
Proof.
  intros [|eps|] S S' Um H; simpl;
    unfold inner_aligned_on, approximately_aligned_on, order_aligned_on; intros K.
  - intros t v Ht. apply K, H, Ht.
  - intros t v Ht. apply K, H, Ht.
  - intros s t vs vt Hs Ht. apply K; apply H; assumption.
Qed.

Lemma within_machines : forall n t, within n t <-> In t (machines_up_to n).
Proof. intros n t. unfold within. rewrite in_machines_up_to. reflexivity. Qed.

Lemma find_none_iff : forall A (f : A -> bool) l, find f l = None <-> forall x, In x l -> f x = false.
Proof.
  intros A f l. split; [intros H x Hx; exact (find_none_in _ _ _ _ H Hx)|].
  induction l as [|a l IH]; intros H; [reflexivity|]. simpl.
  rewrite (H a (or_introl eq_refl)). apply IH. intros x Hx. apply H. right. exact Hx.
Qed.

(** [decide_on_spec]: [None] exactly when the claim holds on the machines listed. *)
Theorem decide_on_spec : forall r Um ts,
  decide_on r Um ts = None <-> holds_on r (fun t => In t ts) Um.
Proof.
  intros r Um ts. destruct r as [|eps|].
  1, 2: (unfold decide_on; rewrite holds_on_fails_at by discriminate;
         destruct (find _ ts) as [t|] eqn:E; split; intros H; try discriminate;
         [ exfalso; apply find_some in E; destruct E as [Ht Hf]; rewrite (H t Ht) in Hf; discriminate
         | rewrite find_none_iff in E; exact E
         | reflexivity ]).
  unfold decide_on. cbn [holds_on]. rewrite order_aligned_items, order_scan_naive, <- naive_scan_none_iff.
  destruct (naive_scan [] (scored Um ts)) as [[w x]|]; split; intros H; congruence.
Qed.

(** [decide_spec]: the decider returns [None] (the claim holds) exactly when the bounded
    claim holds: [decide r m n = None <-> forall t, |t| <= n -> ...]. *)
Theorem decide_spec : forall r m n,
  decide r m n = None <-> holds_on r (within n) (mesa_objective m).
Proof.
  intros r m n. unfold decide. rewrite decide_on_spec. apply holds_on_ext.
  intros t. rewrite within_machines. reflexivity.
Qed.

(** The claim fails at [t] alone. *)
Definition fails_alone (r : reading) (Um : partial_objective) (t : TM) : Prop :=
  ~ holds_on r (fun u => u = t) Um.

Lemma fails_alone_iff : forall r Um t, r <> Order -> (fails_alone r Um t <-> fails_at r Um t = true).
Proof.
  intros r Um t Hr. unfold fails_alone. rewrite holds_on_fails_at by exact Hr. split.
  - intros H. destruct (fails_at r Um t) eqn:E; [reflexivity|]. exfalso. apply H. intros u ->. exact E.
  - intros H K. rewrite (K t eq_refl) in H. discriminate.
Qed.

(** [decide_least]: for inner and approximate alignment, a counterexample is one string
    [t] within the bound at which the claim fails, and the claim holds at every string
    before [t] in shortlex order (of every length: so [t] is the least of all TM). *)
Theorem decide_least : forall r m n c, r <> Order -> decide r m n = Some c ->
  exists t, c = One t /\ within n t /\ fails_alone r (mesa_objective m) t /\
    forall t', shortlex_lt t' t -> ~ fails_alone r (mesa_objective m) t'.
Proof.
  intros r m n c Hr H. unfold decide, decide_on in H.
  destruct r as [|eps|]; [| |congruence];
    (destruct (find _ (machines_up_to n)) as [t|] eqn:E; [|discriminate]);
    injection H as <-; exists t; split; try reflexivity;
    apply find_first in E; destruct E as [l1 [l2 [El [Ht Hl1]]]];
    (assert (Hin : In t (machines_up_to n)) by (rewrite El; apply in_or_app; right; left; reflexivity));
    (split; [apply within_machines; exact Hin|]);
    (split; [apply fails_alone_iff; [discriminate|exact Ht]|]);
    intros t' Hlt; rewrite fails_alone_iff by discriminate;
    (assert (Hin' : In t' (machines_up_to n)) by
      (apply within_machines; apply within_machines in Hin; unfold within in *;
       apply shortlex_lt_length in Hlt; lia));
    pose proof (machines_up_to_sorted n) as Hs; rewrite El in Hs, Hin';
    (assert (Hpre : In t' l1) by
      (exact (sorted_before _ _ _ _ _ _ shortlex_lt_irrefl shortlex_lt_asym Hs Hin' Hlt)));
    rewrite (Hl1 t' Hpre); discriminate.
Qed.

(** The ranks of [s] and [t] under [U_m] and [code_ones] disagree (both in dom(U_m)). *)
Definition ranked_differently (Um : partial_objective) (s t : TM) : Prop :=
  exists vs vt, Um s = Some vs /\ Um t = Some vt /\ ~ (vs <= vt <-> code_ones s <= code_ones t).

Lemma disagree_ranked : forall Um ts a b, In a (scored Um ts) -> In b (scored Um ts) ->
  disagree a b = true -> ranked_differently Um (item_tm a) (item_tm b).
Proof.
  intros Um ts a b Ha Hb H. apply in_scored in Ha, Hb.
  destruct Ha as [_ [Ha Ea]]. destruct Hb as [_ [Hb Eb]].
  exists (item_mesa a), (item_mesa b). split; [exact Ha|]. split; [exact Hb|].
  unfold disagree in H. rewrite Ea, Eb in H. intros [K1 K2].
  destruct (Qle_bool (item_mesa a) (item_mesa b)) eqn:E1;
    destruct (Qle_bool (code_ones (item_tm a)) (code_ones (item_tm b))) eqn:E2; try discriminate.
  - apply Qle_bool_iff in E1. apply K1, Qle_bool_iff in E1. congruence.
  - apply Qle_bool_iff in E2. apply K2, Qle_bool_iff in E2. congruence.
Qed.

Lemma ranked_conflict : forall Um ts s t, In s ts -> In t ts -> ranked_differently Um s t ->
  exists a b, In a (scored Um ts) /\ In b (scored Um ts) /\ item_tm a = s /\ item_tm b = t /\
    conflict a b = true.
Proof.
  intros Um ts s t Hs Ht [vs [vt [Hvs [Hvt K]]]].
  exists (s, vs, code_ones s), (t, vt, code_ones t).
  split; [apply in_scored; simpl; tauto|]. split; [apply in_scored; simpl; tauto|].
  split; [reflexivity|]. split; [reflexivity|].
  unfold conflict, disagree. cbn [item_mesa item_base fst snd].
  destruct (Qle_bool vs vt) eqn:E1; destruct (Qle_bool (code_ones s) (code_ones t)) eqn:E2;
    try reflexivity; exfalso; apply K; split; intros Q.
  all: first [ apply Qle_bool_iff in Q; congruence | apply Qle_bool_iff; exact E2
             | apply Qle_bool_iff; exact E1 | idtac ].
Qed.

Lemma sorted_prefix : forall A (R : A -> A -> Prop) l1 x l2 y,
  StronglySorted R (l1 ++ x :: l2) -> In y l1 -> R y x.
Proof.
  intros A R l1 x l2 y. induction l1 as [|a l1 IH]; [intros _ []|].
  intros H [<-|Hy]; apply StronglySorted_inv in H; destruct H as [H1 H2].
  - rewrite Forall_forall in H2. apply H2. apply in_or_app. right. left. reflexivity.
  - exact (IH H1 Hy).
Qed.

Lemma conflict_sym : forall a b, conflict a b = conflict b a.
Proof. intros a b. unfold conflict. apply orb_comm. Qed.

(** The pair [(s, t)] fails order alignment, in one orientation or the other. *)
Definition pair_fails (Um : partial_objective) (s t : TM) : Prop :=
  ranked_differently Um s t \/ ranked_differently Um t s.

Lemma pair_conflict : forall Um ts s t, In s ts -> In t ts -> pair_fails Um s t ->
  exists a b, In a (scored Um ts) /\ In b (scored Um ts) /\ item_tm a = s /\ item_tm b = t /\
    conflict a b = true.
Proof.
  intros Um ts s t Hs Ht [H|H].
  - exact (ranked_conflict _ _ _ _ Hs Ht H).
  - destruct (ranked_conflict _ _ _ _ Ht Hs H) as [a [b [Ha [Hb [Ea [Eb Hc]]]]]].
    exists b, a. rewrite conflict_sym. tauto.
Qed.

Lemma scored_unique : forall Um ts a b, In a (scored Um ts) -> In b (scored Um ts) ->
  item_tm a = item_tm b -> a = b.
Proof.
  intros Um ts a b Ha Hb E. apply in_scored in Ha, Hb.
  destruct Ha as [_ [Ha Ea]]. destruct Hb as [_ [Hb Eb]]. rewrite E in Ha. rewrite Ha in Hb.
  injection Hb as Hv. destruct a as [[ta va] ua], b as [[tb vb] ub].
  unfold item_tm, item_mesa, item_base in *. simpl in *. congruence.
Qed.

(** [decide_order_least]: for order alignment, a counterexample is a pair [s < t]
    (shortlex) within the bound, in dom(U_m), ranked differently by [U_m] and
    [code_ones] in the orientation returned; and it is the least such pair of all TM,
    compared by its later string [t], then its earlier one [s]. *)
Theorem decide_order_least : forall m n c, decide Order m n = Some c ->
  exists s t, shortlex_lt s t /\ within n t /\
    ((c = Two s t /\ ranked_differently (mesa_objective m) s t) \/
     (c = Two t s /\ ranked_differently (mesa_objective m) t s)) /\
    forall s' t', shortlex_lt s' t' -> pair_fails (mesa_objective m) s' t' ->
      shortlex_lt t t' \/ (t' = t /\ ~ shortlex_lt s' s).
Proof.
  intros m n c H. unfold decide, decide_on in H. rewrite order_scan_naive in H.
  set (Um := mesa_objective m) in *. set (L := machines_up_to n) in *.
  set (xs := scored Um L) in *.
  destruct (naive_scan [] xs) as [[w x]|] eqn:E; [|discriminate]. injection H as <-.
  apply naive_scan_some in E. destruct E as [pre [post [Ex [Hn Hf]]]]. simpl in Hf.
  apply find_first in Hf. destruct Hf as [l1 [l2 [Epre [Hwx Hl1]]]].
  set (R := fun a b : item => shortlex_lt (item_tm a) (item_tm b)).
  assert (Hirr : forall a, ~ R a a) by (intros a; apply shortlex_lt_irrefl).
  assert (Hasym : forall a b, R a b -> ~ R b a) by (intros a b; apply shortlex_lt_asym).
  assert (Hs : StronglySorted R xs) by (apply scored_sorted, machines_up_to_sorted).
  assert (Hxs : In x xs) by (rewrite Ex; apply in_or_app; right; left; reflexivity).
  assert (Hws : In w xs) by (rewrite Ex, Epre; apply in_or_app; left; apply in_or_app; right; left; reflexivity).
  assert (Hwx' : R w x).
  { rewrite Ex in Hs. apply (sorted_prefix _ _ _ _ _ _ Hs). rewrite Epre. apply in_or_app. right. left. reflexivity. }
  assert (Hxn : within n (item_tm x)).
  { apply within_machines. apply in_scored in Hxs. apply Hxs. }
  exists (item_tm w), (item_tm x). split; [exact Hwx'|]. split; [exact Hxn|]. split.
  - unfold orient. destruct (disagree w x) eqn:D.
    + left. split; [reflexivity|]. exact (disagree_ranked _ _ _ _ Hws Hxs D).
    + right. split; [reflexivity|]. unfold conflict in Hwx. rewrite D, orb_false_r in Hwx.
      exact (disagree_ranked _ _ _ _ Hxs Hws Hwx).
  - intros s' t' Hlt Hpf.
    assert (Hin : forall u, (length u <= length (item_tm x))%nat -> In u L).
    { intros u Hu. apply within_machines. unfold within in *. lia. }
    pose proof (shortlex_lt_length _ _ Hlt) as Hlen.
    destruct (shortlex_total (item_tm x) t') as [E0|[L0|G0]].
    + right. split; [symmetry; exact E0|]. intros Hs's.
      destruct (pair_conflict Um L s' t') as [a [b [Ha [Hb [Ea [Eb Hc]]]]]];
        [apply Hin; rewrite E0; exact Hlen|apply Hin; rewrite E0; lia|exact Hpf|].
      fold xs in Ha, Hb.
      assert (Ebx : b = x) by (apply (scored_unique Um L); [exact Hb|exact Hxs|congruence]).
      subst b. assert (Hal1 : In a l1).
      { assert (Hs2 := Hs). rewrite Ex, Epre, <- app_assoc in Hs2. simpl in Hs2.
        rewrite Ex, Epre, <- app_assoc in Ha. simpl in Ha.
        apply (sorted_before _ _ l1 w (l2 ++ x :: post) a Hirr Hasym Hs2 Ha).
        unfold R. rewrite Ea. exact Hs's. }
      rewrite conflict_sym, (Hl1 a Hal1) in Hc. discriminate.
    + left. exact L0.
    + exfalso. pose proof (shortlex_lt_length _ _ G0) as Hlen'.
      destruct (pair_conflict Um L s' t') as [a [b [Ha [Hb [Ea [Eb Hc]]]]]];
        [apply Hin; lia|apply Hin; lia|exact Hpf|].
      fold xs in Ha, Hb.
      assert (Hbpre : In b pre).
      { assert (Hs2 := Hs). rewrite Ex in Hs2. rewrite Ex in Hb.
        apply (sorted_before _ _ pre x post b Hirr Hasym Hs2 Hb). unfold R. rewrite Eb. exact G0. }
      apply in_split in Hbpre. destruct Hbpre as [p1 [p2 Ep]].
      assert (Hapre : In a p1).
      { assert (Hs2 := Hs). rewrite Ex, Ep, <- app_assoc in Hs2. simpl in Hs2.
        rewrite Ex, Ep, <- app_assoc in Ha. simpl in Ha.
        apply (sorted_before _ _ p1 b (p2 ++ x :: post) a Hirr Hasym Hs2 Ha).
        unfold R. rewrite Ea, Eb. exact Hlt. }
      rewrite naive_scan_none_iff in Hn.
      assert (Ha' : In a pre) by (rewrite Ep; apply in_or_app; left; exact Hapre).
      assert (Hb' : In b pre) by (rewrite Ep; apply in_or_app; right; left; reflexivity).
      unfold conflict in Hc. rewrite (Hn _ _ Ha' Hb'), (Hn _ _ Hb' Ha') in Hc. discriminate.
Qed.

(** [claim_holds r m n]: the decision as a boolean. [claim_holds_spec]: [true] exactly
    when the bounded claim holds. *)
Definition claim_holds (r : reading) (m : TM) (n : nat) : bool :=
  match decide r m n with None => true | Some _ => false end.

Theorem claim_holds_spec : forall r m n,
  claim_holds r m n = true <-> holds_on r (within n) (mesa_objective m).
Proof.
  intros r m n. unfold claim_holds. rewrite <- decide_spec.
  destruct (decide r m n); split; congruence.
Qed.

(** ** Claims for every t *)

(** The small-model theorem for the reading [r] (docs/semantics.md#small-model), in the
    form the decider uses: the claim at the deciding length implies it for every [t]. *)
Definition small_model (r : reading) : Prop :=
  forall m, holds_on r (within (deciding_length r m)) (mesa_objective m) ->
    holds_on r everywhere (mesa_objective m).

(** [decide_every_refutes]: a counterexample at the deciding length refutes the claim
    for every [t] (with no theorem needed: it is one of TM); [decide_least] and
    [decide_order_least] make it the least of all TM. *)
Theorem decide_every_refutes : forall r m c, decide_every r m = Some c ->
  ~ holds_on r everywhere (mesa_objective m).
Proof.
  intros r m c H Hall. unfold decide_every in H.
  apply (holds_on_subset r (within (deciding_length r m))) in Hall; [|intros; exact I].
  apply decide_spec in Hall. congruence.
Qed.

(** [decide_every_spec]: given the small-model theorem for [r], [decide_every] returns
    [None] exactly when the claim holds for every [t]. *)
Theorem decide_every_spec : forall r, small_model r -> forall m,
  decide_every r m = None <-> holds_on r everywhere (mesa_objective m).
Proof.
  intros r Hsm m. split.
  - intros H. apply Hsm. apply decide_spec. exact H.
  - intros H. apply decide_spec. apply (holds_on_subset r _ everywhere); [intros; exact I|exact H].
Qed.

(** ** The same decisions, one length at a time *)

(** [order_pass Um W ts]: the first conflict of [order_scan], or the strings kept
    after [ts] when there is none. *)
Fixpoint order_pass (Um : partial_objective) (W : list item) (ts : list TM)
  : (item * item) + list item :=
  match ts with
  | [] => inr W
  | t :: rest =>
      match Um t with
      | None => order_pass Um W rest
      | Some v =>
          let x := (t, v, code_ones t) in
          match find (conflict x) W with
          | Some w => inl (w, x)
          | None => order_pass Um (add_key x W) rest
          end
      end
  end.

Lemma order_pass_scan : forall Um ts W,
  order_scan Um W ts = match order_pass Um W ts with inl p => Some p | inr _ => None end.
Proof.
  intros Um ts. induction ts as [|t ts IH]; intros W; [reflexivity|]. simpl.
  destruct (Um t) as [v|]; [|apply IH].
  destruct (find _ W); [reflexivity|apply IH].
Qed.

Lemma order_pass_app : forall Um l1 l2 W,
  order_pass Um W (l1 ++ l2) =
  match order_pass Um W l1 with inl p => inl p | inr W' => order_pass Um W' l2 end.
Proof.
  intros Um l1. induction l1 as [|t l1 IH]; intros l2 W; [reflexivity|]. simpl.
  destruct (Um t) as [v|]; [|apply IH].
  destruct (find _ W); [reflexivity|apply IH].
Qed.

(** Inner and approximate alignment, the lengths [k, k + 1, ...] in turn. *)
Fixpoint first_failure (r : reading) (Um : partial_objective) (ks : list nat) : option TM :=
  match ks with
  | [] => None
  | k :: rest =>
      match find (fails_at r Um) (machines_of_length k) with
      | Some t => Some t
      | None => first_failure r Um rest
      end
  end.

(** Order alignment, the lengths in turn, keeping the strings of each pair of values. *)
Fixpoint first_conflict (Um : partial_objective) (W : list item) (ks : list nat)
  : (item * item) + list item :=
  match ks with
  | [] => inr W
  | k :: rest =>
      match order_pass Um W (machines_of_length k) with
      | inl p => inl p
      | inr W' => first_conflict Um W' rest
      end
  end.

Lemma first_failure_find : forall r Um ks,
  first_failure r Um ks = find (fails_at r Um) (flat_map machines_of_length ks).
Proof.
  intros r Um ks. induction ks as [|k ks IH]; [reflexivity|]. simpl.
  destruct (find (fails_at r Um) (machines_of_length k)) as [t|] eqn:E.
  - symmetry. apply find_app_some. exact E.
  - rewrite find_app_none by exact E. exact IH.
Qed.

Lemma first_conflict_pass : forall Um ks W,
  first_conflict Um W ks = order_pass Um W (flat_map machines_of_length ks).
Proof.
  intros Um ks. induction ks as [|k ks IH]; intros W; [reflexivity|]. simpl.
  rewrite order_pass_app. destruct (order_pass Um W (machines_of_length k)); [reflexivity|apply IH].
Qed.

(** [decide_by_length] -- what the extracted checker runs: [decide], with one length's
    machines in memory at a time; [decide_by_length_eq] proves it equal to [decide]. *)
Definition decide_by_length (r : reading) (m : TM) (n : nat) : option counterexample :=
  let Um := mesa_objective m in
  match r with
  | Order =>
      match first_conflict Um [] (seq 0 (S n)) with inl (w, x) => Some (orient w x) | inr _ => None end
  | _ => match first_failure r Um (seq 0 (S n)) with Some t => Some (One t) | None => None end
  end.

Theorem decide_by_length_eq : forall r m n, decide_by_length r m n = decide r m n.
Proof.
  intros r m n. unfold decide_by_length, decide, decide_on, machines_up_to.
  destruct r as [|eps|].
  1, 2: rewrite first_failure_find; reflexivity.
  rewrite first_conflict_pass, order_pass_scan.
  destruct (order_pass _ [] _) as [[w x]|]; reflexivity.
Qed.

(** ** The small-model theorem discharged ([SmallModel.v]) *)

Lemma deciding_length_mesa : forall r m c f e cs, decode m = Mesa c f e cs ->
  deciding_length r m =
  match r with Approximate eps => (half_fuel f + approx_extra eps)%nat | _ => (half_fuel f + 1)%nat end.
Proof.
  intros r m c f e cs H. unfold deciding_length. rewrite H. unfold half_fuel, approx_extra.
  rewrite Nat.div2_div. replace (S f) with (f + 1)%nat by lia. destruct r; lia.
Qed.

(** [small_model_holds]: the small-model theorem in the decider's form, for every reading
    with [eps >= 0] (a table's [U_m] is nowhere defined: every claim holds of it). *)
Theorem small_model_holds : forall r, (forall eps, r = Approximate eps -> 0 <= eps) ->
  small_model r.
Proof.
  intros r Hr m Hb. destruct (decode m) as [k trs|c f e cs] eqn:Hd.
  - unfold mesa_objective. rewrite Hd.
    destruct r; simpl; unfold inner_aligned_on, approximately_aligned_on, order_aligned_on;
      intros; discriminate.
  - rewrite (deciding_length_mesa r m c f e cs Hd) in Hb. destruct r as [|eps|]; cbn [holds_on] in *.
    + apply (small_model_inner m c f e cs Hd). exact Hb.
    + apply (small_model_approx m c f e cs eps Hd (Hr eps eq_refl)). exact Hb.
    + apply (small_model_order m c f e cs Hd). exact Hb.
Qed.

(** [decide_every_correct]: [decide_every r m] returns [None] exactly when the claim holds
    for every [t] in TM (for approximate alignment, [eps >= 0]); otherwise its
    counterexample is one of TM and the least ([decide_least], [decide_order_least]). *)
Theorem decide_every_correct : forall r m, (forall eps, r = Approximate eps -> 0 <= eps) ->
  decide_every r m = None <-> holds_on r everywhere (mesa_objective m).
Proof. intros r m Hr. apply decide_every_spec, small_model_holds, Hr. Qed.
