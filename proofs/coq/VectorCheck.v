(** * What the generated [Vectors.v] checks, by computation inside Coq.

    Each record of [vectors/mesaform-vectors.json] (produced by the Python
    reference interpreter) becomes one [vm_compute] check of these boolean
    functions, so a disagreement between the Python reference and these
    definitions fails the build. *)

From Coq Require Import List Bool Arith ZArith QArith String Ascii.
From Mesaform Require Import Machines Programs Choice Run Objectives.
Import ListNotations.

(** A bitstring written as text of [0] and [1]. *)
Definition tm (s : string) : TM := map (fun c => Ascii.eqb c "1"%char) (list_ascii_of_string s).

(** The two sets of 1 cells are equal: [expected] is duplicate-free (the
    Python tape is a set), as long as the run's tape, and contained in it. *)
Definition same_tape (tp expected : tape) : bool :=
  Nat.eqb (List.length tp) (List.length expected) && forallb (cell tp) expected.

Fixpoint same_bits (a b : TM) : bool :=
  match a, b with
  | [], [] => true
  | x :: a', y :: b' => Bool.eqb x y && same_bits a' b'
  | _, _ => false
  end.

(** [kind]: [true] for a Mesa code, [false] for a table. *)
Definition is_mesa (t : TM) : bool := match decode t with Mesa _ _ _ _ => true | _ => false end.

(** A run's record: whether [t] is a Mesa code, its canonical code, and
    [Some (steps, ones, output, tape)] when it halted. *)
Definition check_run (t x : TM) (fuel : nat) (mesa : bool) (canonical : TM)
    (expected : option (nat * nat * TM * list Z)) : bool :=
  Bool.eqb (is_mesa t) mesa && same_bits (encode (decode t)) canonical &&
  match run t x fuel, expected with
  | Halted s tp, Some (s', n, o, cells) =>
      Nat.eqb s s' && Nat.eqb (ones tp) n && same_bits (read_output tp) o && same_tape tp cells
  | OutOfFuel f, None => Nat.eqb f fuel
  | _, _ => false
  end.

Definition same_value (a : option Q) (b : option Q) : bool :=
  match a, b with
  | Some x, Some y => Qeq_bool x y
  | None, None => true
  | _, _ => false
  end.

(** A [U_m] record: the Mesa code's evaluator and internal fuel, and the value. *)
Definition check_mesa_objective (m e : TM) (f : nat) (t : TM) (expected : option Q) : bool :=
  match decode m with
  | Mesa _ f' e' _ => same_bits e e' && Nat.eqb f f' && same_value (mesa_objective m t) expected
  | Table _ _ => false
  end.

(** A library objective by name -- Python: [library_objective(name, fuel)]. *)
Definition library_objective (name : string) (F : nat) : option objective :=
  if String.eqb name "code_ones" then Some code_ones
  else if String.eqb name "productivity" then Some (productivity F)
  else if String.eqb name "busyness" then Some (busyness F)
  else if String.eqb name "self_replication" then Some (self_replication F)
  else None.

(** A library objective by name, [0] everywhere for an unknown name. *)
Definition base_objective (name : string) (F : nat) : objective :=
  match library_objective name F with Some U => U | None => fun _ => 0 end.

Definition check_base_objective (name : string) (F : nat) (t : TM) (expected : Q) : bool :=
  match library_objective name F with
  | Some U => Qeq_bool (U t) expected
  | None => false
  end.

(** ** Exhaustive checks ([Exhaustive.v]) *)

(** One machine: its run from blank ([Some (steps, tape)] if it halted) and
    its [code_ones], [productivity], [busyness] and [self_replication]. *)
Definition entry : Type := (string * string * option (nat * list Z) * Q * Q * Q * Q)%type.

Definition mk_entry (t canonical : string) (r : option (nat * list Z)) (a b c d : Q) : entry :=
  (t, canonical, r, a, b, c, d).

Definition check_entry (F : nat) (e : entry) : bool :=
  let '(s, canonical, expected, ones_, prod, busy, self) := e in
  let t := tm s in
  same_bits (encode (decode t)) (tm canonical) &&
  match run t [] F, expected with
  | Halted k tp, Some (k', cells) => Nat.eqb k k' && same_tape tp cells
  | OutOfFuel f, None => Nat.eqb f F
  | _, _ => false
  end
  && Qeq_bool (code_ones t) ones_ && Qeq_bool (productivity F t) prod
  && Qeq_bool (busyness F t) busy && Qeq_bool (self_replication F t) self.

(** One U_m value: the index of the Mesa program, the machine, the value. *)
Definition check_mesa_value (programs : list TM) (e : nat * string * option Q) : bool :=
  let '(i, s, expected) := e in
  same_value (mesa_objective (nth i programs []) (tm s)) expected.
