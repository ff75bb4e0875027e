(** * Decoding inverts encoding.

    Python: "[decode(encode(p)) == p]" for every valid program
    ([tests/test_programs.py]); docs/semantics.md#programs. A table is valid
    when it lists at most [2k] transitions whose next states are below [k]
    ([mesaform.spec.programs.Table]'s checks); a Mesa program when it has at most [c]
    candidates ([mesaform.spec.programs.Mesa]'s). *)

From Coq Require Import List Bool Arith Lia.
From Mesaform Require Import Machines Programs.
Import ListNotations.

Lemma encode_natural_not_nil : forall n rest, encode_natural n ++ rest <> [].
Proof.
  intros n rest. unfold encode_natural. rewrite <- app_assoc. simpl.
  destruct (flat_map _ _); discriminate.
Qed.

Lemma read_field_field : forall b rest, read_field (field b ++ rest) = (b, rest).
Proof.
  intros b rest. unfold read_field, field. rewrite <- app_assoc, read_natural_encode_natural.
  rewrite firstn_app, skipn_app, firstn_all, skipn_all, Nat.sub_diag. simpl.
  rewrite app_nil_r. reflexivity.
Qed.

Lemma read_candidates_fields : forall cs c, length cs <= c ->
  read_candidates c (flat_map field cs) = cs.
Proof.
  induction cs as [|b cs IH]; intros c Hc.
  - destruct c; reflexivity.
  - destruct c as [|c]; simpl in Hc; [lia|].
    cbn [flat_map read_candidates].
    destruct (field b ++ flat_map field cs) as [|x xs] eqn:E.
    + exfalso. unfold field in E. rewrite <- app_assoc in E. exact (encode_natural_not_nil _ _ E).
    + rewrite <- E, read_field_field, IH by lia. reflexivity.
Qed.

(** [decode_encode_mesa]: a Mesa program with at most [c] candidates. *)
Theorem decode_encode_mesa : forall c f e cs, length cs <= c ->
  decode (encode (Mesa c f e cs)) = Mesa c f e cs.
Proof.
  intros c f e cs Hc. cbn [encode encode_mesa app decode]. unfold decode_mesa.
  rewrite read_natural_encode_natural, read_natural_encode_natural, read_field_field.
  rewrite read_candidates_fields by exact Hc. reflexivity.
Qed.

Lemma count_header_repeat : forall k rest, count_header (repeat true k ++ false :: rest) = (k, rest).
Proof. induction k as [|k IH]; intros rest; simpl; [reflexivity|]. rewrite IH. reflexivity. Qed.

Lemma bits_of_width_length : forall w n, length (bits_of_width w n) = w.
Proof.
  induction w as [|w IH]; intros n; simpl; [reflexivity|].
  rewrite app_length, IH. simpl. lia.
Qed.

Lemma bits_value_app_bit : forall l b, bits_value (l ++ [b]) = 2 * bits_value l + b2n b.
Proof. intros l b. unfold bits_value. rewrite fold_left_app. reflexivity. Qed.

Lemma bits_value_bits_of_width : forall w n, n < 2 ^ w -> bits_value (bits_of_width w n) = n.
Proof.
  induction w as [|w IH]; intros n Hn.
  - simpl in Hn. unfold bits_value. simpl. lia.
  - cbn [bits_of_width]. rewrite bits_value_app_bit.
    rewrite IH.
    + pose proof (Nat.div2_odd n) as E. destruct (Nat.odd n); simpl in *; lia.
    + rewrite Nat.pow_succ_r' in Hn. pose proof (Nat.div2_odd n) as E.
      destruct (Nat.odd n); simpl in E; lia.
Qed.

(** The next-state field of a table with [k > 0] states holds every value up to [k]. *)
Lemma width_holds_states : forall k, 0 < k -> k < 2 ^ next_state_width k.
Proof.
  intros k Hk. unfold next_state_width, bit_length.
  destruct k as [|k']; [lia|].
  pose proof (Nat.log2_spec (S k') Hk) as [_ H].
  apply Nat.lt_le_trans with (2 ^ S (Nat.log2 (S k'))); [exact H|].
  apply Nat.pow_le_mono_r; lia.
Qed.

(** A transition of a table with [k] states is valid when its next state is below [k]. *)
Definition valid_transition (k : nat) (tr : transition) : Prop :=
  match tr_next tr with Some q => q < k | None => True end.

Definition encode_transition (k : nat) (tr : transition) : TM :=
  [tr_write tr; tr_move tr] ++
  bits_of_width (next_state_width k) (match tr_next tr with Some q => q | None => k end).

Lemma decode_transitions_encoded : forall k trs n, 0 < k -> length trs <= n ->
  Forall (valid_transition k) trs ->
  decode_transitions n k (next_state_width k) (flat_map (encode_transition k) trs) = trs.
Proof.
  intros k trs. induction trs as [|tr trs IH]; intros n Hk Hlen Hval.
  - destruct n; reflexivity.
  - destruct n as [|n]; simpl in Hlen; [lia|].
    inversion Hval as [|tr' trs' Htr Hrest]; subst.
    cbn [flat_map decode_transitions].
    set (w := next_state_width k).
    set (target := match tr_next tr with Some q => q | None => k end).
    assert (Ht : target < 2 ^ w).
    { pose proof (width_holds_states k Hk) as Hw. fold w in Hw.
      unfold target. unfold valid_transition in Htr. revert Htr.
      destruct (tr_next tr); intros; lia. }
    assert (Hl : length (encode_transition k tr) = 2 + w)
      by (unfold encode_transition; rewrite app_length, bits_of_width_length; reflexivity).
    rewrite app_length, Hl.
    replace (2 + w + length (flat_map (encode_transition k) trs) <? 2 + w) with false
      by (symmetry; apply Nat.ltb_ge; lia).
    unfold encode_transition at 1. fold w. fold target. cbn [app].
    rewrite firstn_app, skipn_app, bits_of_width_length, Nat.sub_diag.
    rewrite firstn_all2 by (rewrite bits_of_width_length; lia).
    rewrite skipn_all2 by (rewrite bits_of_width_length; lia).
    cbn [firstn skipn app]. rewrite app_nil_r, bits_value_bits_of_width by exact Ht.
    rewrite IH by (assumption || lia).
    destruct tr as [wr mv nx]. unfold target, valid_transition in *. cbn [tr_next tr_write tr_move] in *.
    destruct nx as [q|].
    + apply Nat.ltb_lt in Htr. rewrite Htr. reflexivity.
    + rewrite Nat.ltb_irrefl. reflexivity.
Qed.

(** [decode_encode_table]: a table with at most [2k] transitions, each going
    to a state below [k] or halting. *)
Theorem decode_encode_table : forall k trs,
  length trs <= 2 * k -> Forall (valid_transition k) trs ->
  decode (encode (Table k trs)) = Table k trs.
Proof.
  intros k trs Hlen Hval.
  destruct k as [|k'].
  - destruct trs; [reflexivity|simpl in Hlen; lia].
  - set (k := S k'). cbn [encode]. unfold encode_table.
    replace (match k with 0 => [] | S _ => _ end) with
      ([false] ++ repeat true k ++ [false] ++ flat_map (encode_transition k) trs) by reflexivity.
    cbn [app decode]. unfold decode_table.
    rewrite count_header_repeat.
    rewrite decode_transitions_encoded by (unfold k; lia || assumption). reflexivity.
Qed.

(** [valid] -- the checks of Python's [Table] and [Mesa] constructors. *)
Definition valid (p : program) : Prop :=
  match p with
  | Table k trs => length trs <= 2 * k /\ Forall (valid_transition k) trs
  | Mesa c _ _ cs => length cs <= c
  end.

(** [decode_encode] -- Python: [decode(encode(p)) == p] for every valid program. *)
Theorem decode_encode : forall p, valid p -> decode (encode p) = p.
Proof.
  intros [k trs|c f e cs] H; simpl in H.
  - destruct H as [H1 H2]. apply decode_encode_table; assumption.
  - apply decode_encode_mesa. exact H.
Qed.
