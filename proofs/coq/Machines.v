(** * Machines: TM = {0,1}*, and the pair code for natural numbers.

    Formalizes the post's "changing everything into Turing machines ...
    considered as strings over TM = {0, 1}*" (docs/semantics.md#machines,
    docs/semantics.md#pair-code). Python twin: [spec/machines.py]. *)

From Coq Require Import List Bool Arith Lia.
Import ListNotations.

(** [TM] -- Python: [mesaform.spec.machines.TM]. A machine is a finite bitstring;
    [true] is the character [1], [false] is [0]. *)
Definition TM := list bool.

(** [b2n] -- a bit as the digit 0 or 1. *)
Definition b2n (b : bool) : nat := if b then 1 else 0.

(** [encode_natural] -- Python: [mesaform.spec.machines.encode_natural]: each binary
    digit [d] of [n], most significant first (none for 0), written [1 d], then
    a closing [0]. [digits n] are the binary digits, most significant first. *)
Fixpoint digits_rev (fuel n : nat) : list bool :=
  match fuel with
  | 0 => []
  | S fuel' =>
      match n with
      | 0 => []
      | _ => Nat.odd n :: digits_rev fuel' (Nat.div2 n)
      end
  end.

Definition digits (n : nat) : list bool := rev (digits_rev n n).

Definition encode_natural (n : nat) : TM :=
  flat_map (fun d => [true; d]) (digits n) ++ [false].

(** [read_natural] -- Python: [mesaform.spec.machines.read_natural]: read a pair-coded
    natural from the front of [bits]; total. Returns the value and the rest of
    the string (Python returns the position after it; here the suffix from it).
    Reading stops at the closing [0] or at the end; a final [1] whose digit the
    string ends before adds nothing. *)
Fixpoint read_natural_from (acc : nat) (bits : TM) : nat * TM :=
  match bits with
  | [] => (acc, [])
  | false :: rest => (acc, rest)
  | [true] => (acc, [])
  | true :: d :: rest => read_natural_from (2 * acc + b2n d) rest
  end.

Definition read_natural (bits : TM) : nat * TM := read_natural_from 0 bits.

(** What [read_natural] leaves is a suffix of its input, no longer than it. *)
Lemma read_natural_from_length : forall bits acc,
  length (snd (read_natural_from acc bits)) <= length bits.
Proof.
  fix IH 1. intros bits acc.
  destruct bits as [|b rest]; [simpl; lia|].
  destruct b; [|simpl; lia].
  destruct rest as [|d rest']; [simpl; lia|].
  simpl. specialize (IH rest' (acc + (acc + 0) + b2n d)). lia.
Qed.

Lemma read_natural_length : forall bits,
  length (snd (read_natural bits)) <= length bits.
Proof. intros. apply read_natural_from_length. Qed.

(** [code_ones_count] -- the number of [1] characters of a string. *)
Definition count_ones (t : TM) : nat := length (filter (fun b => b) t).

(** ** The pair code is read back exactly *)

(** The value of binary digits listed least significant first. *)
Fixpoint value_lsb (ds : list bool) : nat :=
  match ds with [] => 0 | d :: rest => b2n d + 2 * value_lsb rest end.

Lemma value_lsb_digits_rev : forall fuel n, n <= fuel -> value_lsb (digits_rev fuel n) = n.
Proof.
  induction fuel as [|fuel IH]; intros n Hn.
  - destruct n; [reflexivity|lia].
  - destruct n as [|n']; [reflexivity|].
    remember (S n') as n eqn:En.
    assert (Hd : Nat.div2 n < n) by (apply Nat.lt_div2; lia).
    assert (Hdig : digits_rev (S fuel) n = Nat.odd n :: digits_rev fuel (Nat.div2 n))
      by (rewrite En; reflexivity).
    rewrite Hdig. cbn [value_lsb]. rewrite IH by lia.
    pose proof (Nat.div2_odd n) as E.
    destruct (Nat.odd n); simpl in *; lia.
Qed.

Lemma fold_left_rev_value : forall ds,
  fold_left (fun acc d => 2 * acc + b2n d) (rev ds) 0 = value_lsb ds.
Proof.
  induction ds as [|d ds IH]; [reflexivity|].
  cbn [rev]. rewrite fold_left_app, IH. cbn [fold_left value_lsb]. lia.
Qed.

Lemma read_natural_from_pairs : forall ds acc rest,
  read_natural_from acc (flat_map (fun d => [true; d]) ds ++ false :: rest) =
  (fold_left (fun a d => 2 * a + b2n d) ds acc, rest).
Proof.
  induction ds as [|d ds IH]; intros acc rest; [reflexivity|].
  simpl. rewrite IH. f_equal.
Qed.

(** [read_natural_encode_natural] -- Python: "[read_natural] inverts
    [encode_natural]" ([tests/test_machines.py]): reading the pair code of
    [n] from the front of any string gives [n] and the rest of the string. *)
Theorem read_natural_encode_natural : forall n rest,
  read_natural (encode_natural n ++ rest) = (n, rest).
Proof.
  intros n rest. unfold read_natural, encode_natural, digits.
  rewrite <- app_assoc. simpl. rewrite read_natural_from_pairs.
  rewrite fold_left_rev_value, value_lsb_digits_rev by lia. reflexivity.
Qed.

(** The example of docs/semantics.md#pair-code: 5 = [101] is [11 10 11 0]. *)
Example encode_natural_5 : encode_natural 5 = [true; true; true; false; true; true; false].
Proof. reflexivity. Qed.
