(** * Machines: TM = {0,1}*, and the pair code for natural numbers.

    Formalizes the post's "changing everything into Turing machines ...
    considered as strings over TM = {0, 1}*" (docs/semantics.md#machines,
    docs/semantics.md#pair-code). Python twin: [spec/machines.py]. *)

From Coq Require Import List Bool Arith Lia.
Import ListNotations.

(** [TM] -- Python: [spec.machines.TM]. A machine is a finite bitstring;
    [true] is the character [1], [false] is [0]. *)
Definition TM := list bool.

(** [b2n] -- a bit as the digit 0 or 1. *)
Definition b2n (b : bool) : nat := if b then 1 else 0.

(** [encode_natural] -- Python: [spec.machines.encode_natural]: each binary
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

(** [read_natural] -- Python: [spec.machines.read_natural]: read a pair-coded
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
