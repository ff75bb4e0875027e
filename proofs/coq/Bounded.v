(** * Bounded claims, decided by enumeration inside Coq.

    Formalizes the bounded claim "forall t, |t| <= n: t in dom(U_m) ->
    U(t) = U_m(t)" (docs/semantics.md#claims) and its decision by enumerating
    every machine up to length [n], shortest first, then lexicographically,
    as mesaform's [enumerate] method does. [inner_aligned_up_to_b_spec] makes
    a [vm_compute] of the enumeration a proof of the claim. Python twins:
    [mesaform.spec.machines.machines_up_to], [mesaform.spec.alignment.inner_aligned_up_to],
    [mesaform.spec.alignment.misalignments_on]. *)

From Coq Require Import List Bool Arith Lia QArith.
From Mesaform Require Import Machines Objectives Alignment.
Import ListNotations.

(** [machines_of_length] -- Python: [mesaform.spec.machines.machines_of_length], in
    lexicographic order ([0] before [1]). *)
Fixpoint machines_of_length (n : nat) : list TM :=
  match n with
  | O => [[]]
  | S k => map (cons false) (machines_of_length k) ++ map (cons true) (machines_of_length k)
  end.

(** [machines_up_to] -- Python: [mesaform.spec.machines.machines_up_to], shortest first. *)
Definition machines_up_to (n : nat) : list TM := flat_map machines_of_length (seq O (S n)).

Lemma machines_of_length_complete : forall t, In t (machines_of_length (length t)).
Proof.
  induction t as [|b t IH]; simpl; [left; reflexivity|].
  apply in_or_app. destruct b; [right|left]; apply in_map; exact IH.
Qed.

Lemma machines_of_length_length : forall n t, In t (machines_of_length n) -> length t = n.
Proof.
  induction n as [|n IH]; intros t H; simpl in H.
  - destruct H as [<-|[]]. reflexivity.
  - apply in_app_or in H. destruct H as [H|H]; apply in_map_iff in H;
      destruct H as [u [<- Hu]]; simpl; rewrite (IH u Hu); reflexivity.
Qed.

(** [in_machines_up_to]: the enumeration holds exactly the machines of
    length at most [n]. *)
Theorem in_machines_up_to : forall n t, In t (machines_up_to n) <-> (length t <= n)%nat.
Proof.
  intros n t. unfold machines_up_to. rewrite in_flat_map. split.
  - intros [k [Hk Ht]]. apply in_seq in Hk. apply machines_of_length_length in Ht. lia.
  - intros H. exists (length t). split; [apply in_seq; lia|apply machines_of_length_complete].
Qed.

(** Does [t] witness a failure of inner alignment? *)
Definition misaligned_at (U : objective) (Um : partial_objective) (t : TM) : bool :=
  match Um t with Some v => negb (Qeq_bool (U t) v) | None => false end.

(** [inner_aligned_on_b]: the decision over a list of machines. *)
Definition inner_aligned_on_b (U : objective) (Um : partial_objective) (ts : list TM) : bool :=
  forallb (fun t => negb (misaligned_at U Um t)) ts.

(** [first_misalignment] -- Python: the first of [mesaform.spec.alignment.misalignments_on],
    with its index in the enumeration (0-based). *)
Fixpoint first_misalignment_from (i : nat) (U : objective) (Um : partial_objective)
    (ts : list TM) : option (nat * TM) :=
  match ts with
  | [] => None
  | t :: rest => if misaligned_at U Um t then Some (i, t) else first_misalignment_from (S i) U Um rest
  end.

Definition first_misalignment := first_misalignment_from O.

Lemma inner_aligned_on_b_spec : forall U Um ts,
  inner_aligned_on_b U Um ts = true <-> inner_aligned_on (fun t => In t ts) U Um.
Proof.
  intros U Um ts. unfold inner_aligned_on_b. rewrite forallb_forall. split.
  - intros H t v Hin Hv. specialize (H t Hin). unfold misaligned_at in H. rewrite Hv in H.
    apply Qeq_bool_iff. destruct (Qeq_bool (U t) v); [reflexivity|discriminate].
  - intros H t Hin. unfold misaligned_at. destruct (Um t) as [v|] eqn:Hv; [|reflexivity].
    rewrite (proj2 (Qeq_bool_iff _ _) (H t v Hin Hv)). reflexivity.
Qed.

(** [inner_aligned_up_to_b_spec] -- Python: [mesaform.spec.alignment.inner_aligned_up_to]:
    the enumeration decides the bounded claim at length [n]. *)
Theorem inner_aligned_up_to_b_spec : forall U Um n,
  inner_aligned_on_b U Um (machines_up_to n) = true <->
  inner_aligned_on (fun t => (length t <= n)%nat) U Um.
Proof.
  intros U Um n. rewrite inner_aligned_on_b_spec. split.
  - intros H t v Ht Hv. apply (H t v); [apply in_machines_up_to; exact Ht|exact Hv].
  - intros H t v Ht Hv. apply (H t v); [apply in_machines_up_to; exact Ht|exact Hv].
Qed.

(** [first_misalignment_refutes]: a misalignment found by the enumeration
    refutes the bounded claim. *)
Theorem first_misalignment_refutes : forall U Um n i t,
  first_misalignment U Um (machines_up_to n) = Some (i, t) ->
  ~ inner_aligned_on (fun t => (length t <= n)%nat) U Um.
Proof.
  intros U Um n i t H Hal. apply inner_aligned_up_to_b_spec in Hal.
  unfold inner_aligned_on_b in Hal. unfold first_misalignment in H.
  generalize dependent 0%nat. induction (machines_up_to n) as [|u us IH]; intros j H;
    simpl in *; [discriminate|].
  apply andb_prop in Hal. destruct Hal as [H1 H2].
  destruct (misaligned_at U Um u); [discriminate|]. exact (IH H2 _ H).
Qed.
