(** * Objectives valued in Q: the library objectives and the partial U_m.

    Formalizes "We have a function U : TM -> R which scores our machines", "the
    domain of U_m may be only a subset of the domain of U; that is, U_m may be a
    partial function", and the library of base objectives
    (docs/semantics.md#objectives, docs/semantics.md#library-objectives,
    docs/semantics.md#self-replication). R is implemented as Q. Python twins:
    [spec/objectives.py] and [spec/library.py]. *)

From Coq Require Import List Bool Arith Lia ZArith QArith.
From Mesaform Require Import Machines Programs Choice Run.
Import ListNotations.

(** [Objective] -- Python: [mesaform.spec.objectives.Objective], a total [U : TM -> Q]. *)
Definition objective := TM -> Q.

(** [PartialObjective] -- Python: [mesaform.spec.objectives.PartialObjective]: a
    partial [U_m : TM -/-> Q]; Python's [Lookup] ([Defined v] or [Undefined])
    is [option Q] ([Some v] or [None]). *)
Definition partial_objective := TM -> option Q.

(** [q_of_nat] -- a natural number as a rational. *)
Definition q_of_nat (n : nat) : Q := inject_Z (Z.of_nat n).

(** [code_ones] -- Python: [code_ones]: the number of 1s in the string [t]. *)
Definition code_ones : objective := fun t => q_of_nat (count_ones t).

(** [productivity] -- Python: [productivity(fuel)]: [ones] of [t]'s run from
    blank if it halts within [F], else 0. *)
Definition productivity (F : nat) : objective := fun t =>
  match run t [] F with Halted _ tp => q_of_nat (ones tp) | OutOfFuel _ => 0 end.

(** [busyness] -- Python: [busyness(fuel)]: [steps] of that run, else 0. *)
Definition busyness (F : nat) : objective := fun t =>
  match run t [] F with Halted s _ => q_of_nat s | OutOfFuel _ => 0 end.

(** The number of positions [i < min(|o|, |t|)] where [o_i = t_i]. *)
Fixpoint agreeing (o t : TM) : nat :=
  match o, t with
  | a :: o', b :: t' => (if Bool.eqb a b then 1 else 0) + agreeing o' t'
  | _, _ => 0
  end.

(** [replication_score] -- Python: [replication_score(output, t)]:
    [a^2 / max(|o|, |t|)] for [a] the agreeing positions, and [0] when both
    are empty (docs/semantics.md#self-replication). *)
Definition replication_score (o t : TM) : Q :=
  match Nat.max (length o) (length t) with
  | O => 0
  | longest => Z.of_nat (agreeing o t * agreeing o t) # Pos.of_nat longest
  end.

(** [self_replication] -- Python: [self_replication(fuel)]: how well [t]'s
    output (run from blank within [F]) reproduces [t]; 0 if it does not halt. *)
Definition self_replication (F : nat) : objective := fun t =>
  match run t [] F with
  | Halted _ tp => replication_score (read_output tp) t
  | OutOfFuel _ => 0
  end.

(** [mesa_objective] -- Python: [mesa_objective(m)], taken from the evaluator
    [e] and internal fuel [f]: [U_m(t) = ones(run(e, t, f))] where that run
    halts, undefined elsewhere. *)
Definition mesa_objective_of (e : TM) (f : nat) : partial_objective := fun t =>
  match run e t f with Halted _ tp => Some (score_of tp) | OutOfFuel _ => None end.

(** [mesa_objective] of a machine: [None] everywhere for a code that decodes
    to a Table (the Python raises [ValueError] there). *)
Definition mesa_objective (m : TM) : partial_objective :=
  match decode m with
  | Mesa _ f e _ => mesa_objective_of e f
  | Table _ _ => fun _ => None
  end.

(** [mesa_choice] -- Python: [mesaform.spec.taxonomy.mesa_choice]: [ch_m(C)], the
    argmax of [U_m] over [C cap dom(U_m)], the lowest index on ties. *)
Definition mesa_choice (Um : partial_objective) (C : list TM) : option nat :=
  argmax_lowest_index (map Um C).
