(** * Programs, and the total decoding of machines into programs.

    Formalizes "[decode : TM -> Program] is total: every bitstring, the empty
    one included, denotes exactly one program", with [Program = Table | Mesa]
    chosen by the first bit, and the post's mesa-optimizer, "a machine that
    simulates some ten other Turing machines" (docs/semantics.md#programs,
    docs/semantics.md#mesa-programs). Python twin: [spec/programs.py]. *)

From Coq Require Import List Bool Arith Lia.
From Mesaform Require Import Machines.
Import ListNotations.

(** [transition] -- Python: [mesaform.spec.programs.Transition]: write, move
    ([true] = right), next state ([None] = HALT). *)
Record transition := Tr { tr_write : bool; tr_move : bool; tr_next : option nat }.

(** [missing_behaviour] -- Python: [mesaform.spec.programs.MISSING_BEHAVIOUR], [1RZ]. *)
Definition missing_behaviour : transition := Tr true true None.

(** [program] -- Python: [mesaform.spec.programs.Program = Table | Mesa].
    [Table k trs]: [k] states, the transitions (A,0), (A,1), (B,0), ... that
    the code lists ([mesaform.spec.programs.Table]); [Mesa c f e cs]: candidate count,
    internal fuel, evaluator, candidates ([mesaform.spec.programs.Mesa]). *)
Inductive program :=
| Table (states : nat) (transitions : list transition)
| Mesa (count fuel : nat) (evaluator : TM) (candidates : list TM).

(** [bit_length] -- Python's [int.bit_length]. *)
Definition bit_length (n : nat) : nat :=
  match n with 0 => 0 | _ => S (Nat.log2 n) end.

(** [next_state_width] -- Python: [Table.next_state_width], [max(1, bit_length k)]. *)
Definition next_state_width (states : nat) : nat := Nat.max 1 (bit_length states).

(** [bits_value] -- Python's [int(bits, 2)], most significant bit first. *)
Definition bits_value (bits : TM) : nat := fold_left (fun acc b => 2 * acc + b2n b) bits 0.

(** The unary state count of a table header and the rest after it. *)
Fixpoint count_header (bits : TM) : nat * TM :=
  match bits with
  | true :: rest => let (k, r) := count_header rest in (S k, r)
  | false :: rest => (0, rest)   (* the header's closing 0 *)
  | [] => (0, [])
  end.

(** Up to [n] transitions of [2 + width] bits each; a transition the string
    ends before is missing, and so is every later one. *)
Fixpoint decode_transitions (n states width : nat) (bits : TM) : list transition :=
  match n with
  | 0 => []
  | S n' =>
      if length bits <? 2 + width then []
      else
        match bits with
        | w :: m :: rest =>
            let target := bits_value (firstn width rest) in
            Tr w m (if target <? states then Some target else None)
              :: decode_transitions n' states width (skipn width rest)
        | _ => []
        end
  end.

(** [_decode_table] -- Python: [mesaform.spec.programs._decode_table]; [bits] is the
    code after its first bit (absent for the empty string). *)
Definition decode_table (bits : TM) : program :=
  let (states, rest) := count_header bits in
  Table states (decode_transitions (2 * states) states (next_state_width states) rest).

(** [_read_field] -- Python: [mesaform.spec.programs._read_field]: a pair-coded length
    [L], then [L] bits, cut short by the end of the string. *)
Definition read_field (bits : TM) : TM * TM :=
  let (len, rest) := read_natural bits in (firstn len rest, skipn len rest).

(** The candidate fields: at most [c], none starting at the end of the string. *)
Fixpoint read_candidates (c : nat) (bits : TM) : list TM :=
  match c with
  | 0 => []
  | S c' =>
      match bits with
      | [] => []
      | _ :: _ => let (cand, rest) := read_field bits in cand :: read_candidates c' rest
      end
  end.

(** [_decode_mesa] -- Python: [mesaform.spec.programs._decode_mesa]; [bits] is the code
    after its tag bit [1]. *)
Definition decode_mesa (bits : TM) : program :=
  let (count, r1) := read_natural bits in
  let (fuel, r2) := read_natural r1 in
  let (evaluator, r3) := read_field r2 in
  Mesa count fuel evaluator (read_candidates count r3).

(** [decode] -- Python: [mesaform.spec.programs.decode]; total: [""] and codes starting
    with [0] are tables, codes starting with [1] mesa-optimizers. *)
Definition decode (t : TM) : program :=
  match t with
  | true :: bits => decode_mesa bits
  | false :: bits => decode_table bits
  | [] => Table 0 []
  end.

(** [effective_transition] -- Python: [mesaform.spec.programs.effective_transition]:
    delta(state, symbol), with a missing transition read as [1RZ]. *)
Definition effective_transition (trs : list transition) (state : nat) (symbol : bool)
  : transition :=
  nth (2 * state + b2n symbol) trs missing_behaviour.

(** ** The parts of a Mesa code are shorter than the code. *)

Lemma read_field_length : forall bits,
  length (fst (read_field bits)) <= length bits /\
  length (fst (read_field bits)) + length (snd (read_field bits)) <= length bits.
Proof.
  intros bits. unfold read_field.
  pose proof (read_natural_length bits) as H.
  destruct (read_natural bits) as [len rest]. simpl in *.
  rewrite firstn_length, skipn_length. lia.
Qed.

Lemma read_candidates_shorter : forall c bits t,
  In t (read_candidates c bits) -> length t <= length bits.
Proof.
  induction c as [|c IH]; intros bits t Hin; simpl in Hin; [contradiction|].
  destruct bits as [|b bs]; [contradiction|].
  pose proof (read_field_length (b :: bs)) as [H1 H2].
  destruct (read_field (b :: bs)) as [cand rest] eqn:E. simpl in *.
  destruct Hin as [<- | Hin]; [lia|].
  specialize (IH rest t Hin). lia.
Qed.

(** [decode_mesa_shorter]: the evaluator and every candidate of a Mesa code
    [true :: bits] are strictly shorter than the code. *)
Lemma decode_mesa_shorter : forall bits c f e cs,
  decode (true :: bits) = Mesa c f e cs ->
  length e < length (true :: bits) /\ (forall t, In t cs -> length t < length (true :: bits)).
Proof.
  intros bits c f e cs H. simpl in H. unfold decode_mesa in H.
  pose proof (read_natural_length bits) as L1.
  destruct (read_natural bits) as [count r1]. simpl in L1.
  pose proof (read_natural_length r1) as L2.
  destruct (read_natural r1) as [fuel r2]. simpl in L2.
  pose proof (read_field_length r2) as [L3 L4].
  destruct (read_field r2) as [ev r3]. simpl in L3, L4.
  injection H as <- <- <- <-. simpl. split; [lia|].
  intros t Hin. apply read_candidates_shorter in Hin. lia.
Qed.

Lemma decode_shorter : forall t c f e cs,
  decode t = Mesa c f e cs ->
  length e < length t /\ (forall u, In u cs -> length u < length t).
Proof.
  intros [|[|] bits] c f e cs H; try discriminate.
  - apply decode_mesa_shorter with (c := c) (f := f); exact H.
  - simpl in H. unfold decode_table in H. destruct (count_header bits). discriminate.
Qed.

(** ** Canonical codes *)

(** [w] bits of [n], most significant first (Python's [f"{n:0{w}b}"] for
    [n < 2^w]). *)
Fixpoint bits_of_width (w n : nat) : TM :=
  match w with
  | 0 => []
  | S w' => bits_of_width w' (Nat.div2 n) ++ [Nat.odd n]
  end.

(** [_encode_table] -- Python: [mesaform.spec.programs._encode_table]. *)
Definition encode_table (states : nat) (trs : list transition) : TM :=
  match states with
  | 0 => []
  | _ =>
      [false] ++ repeat true states ++ [false] ++
      flat_map (fun tr =>
                  [tr_write tr; tr_move tr] ++
                  bits_of_width (next_state_width states)
                    (match tr_next tr with Some q => q | None => states end)) trs
  end.

(** [_field] -- Python: [mesaform.spec.programs._field]: the pair-coded length, then the bits. *)
Definition field (bits : TM) : TM := encode_natural (length bits) ++ bits.

(** [_encode_mesa] -- Python: [mesaform.spec.programs._encode_mesa]. *)
Definition encode_mesa (count fuel : nat) (evaluator : TM) (candidates : list TM) : TM :=
  [true] ++ encode_natural count ++ encode_natural fuel ++ field evaluator ++
  flat_map field candidates.

(** [encode] -- Python: [mesaform.spec.programs.encode]: the canonical code of a program. *)
Definition encode (p : program) : TM :=
  match p with
  | Table k trs => encode_table k trs
  | Mesa c f e cs => encode_mesa c f e cs
  end.
