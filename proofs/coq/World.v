(** * The second formalization: objectives on world states, through world models.

    Formalizes the type point of the post, "U_m is not a utility function that
    takes in states of the world": world states [W], an environment
    [Env : TM -> W], a base utility [u : W -> Q] with [U = u o Env], and a
    mesa-optimizer scoring a machine by its own world model [M : TM -> W] and
    its own objective [v : W -/-> Q], so [U_m = v o M]
    (docs/semantics.md#world-states). Python twin: [spec/world.py]. *)

From Coq Require Import List Bool QArith Lqa.
From Mesaform Require Import Machines Objectives Alignment.
Import ListNotations.

Section World.
Variable W : Type.

(** [base_objective_through] -- Python: [mesaform.spec.world.base_objective_through]:
    [U = u o Env]. *)
Definition base_objective_through (u : W -> Q) (env : TM -> W) : objective :=
  fun t => u (env t).

(** [mesa_objective_through] -- Python: [mesaform.spec.world.mesa_objective_through]:
    [U_m = v o M], with [dom(U_m) = {t : M(t) in dom(v)}]. *)
Definition mesa_objective_through (v : W -> option Q) (model : TM -> W) : partial_objective :=
  fun t => v (model t).

(** [objective_agreement_on] -- Python: [mesaform.spec.world.objective_agreement_on]:
    [v = u] on [M(dom(U_m))]. *)
Definition objective_agreement (u : W -> Q) (v : W -> option Q) (model : TM -> W) : Prop :=
  forall t w, v (model t) = Some w -> w == u (model t).

(** [model_accurate_on] -- Python: [mesaform.spec.world.model_accurate_on]:
    [M = Env] on [dom(U_m)]. *)
Definition model_accurate (env : TM -> W) (v : W -> option Q) (model : TM -> W) : Prop :=
  forall t, v (model t) <> None -> model t = env t.

(** [agreement_and_accuracy_imply_inner_alignment]. *)
Theorem agreement_and_accuracy_imply_inner_alignment : forall u env v model,
  objective_agreement u v model -> model_accurate env v model ->
  inner_aligned (base_objective_through u env) (mesa_objective_through v model).
Proof.
  intros u env v model Hag Hacc t w _ Hw. unfold mesa_objective_through in Hw.
  unfold base_objective_through.
  assert (E : model t = env t) by (apply Hacc; congruence).
  rewrite <- E. symmetry. exact (Hag t w Hw).
Qed.
End World.

Arguments base_objective_through {W}.
Arguments mesa_objective_through {W}.
Arguments objective_agreement {W}.
Arguments model_accurate {W}.

(** Countermodels over [W = bool]: [true] is the world the machines make. *)
Definition indicator (b : bool) : Q := if b then 1 else 0.

(** [objective_agreement_alone_does_not_imply_inner_alignment]: the model
    says [false] while the world is [true]; [v = u] yet U_m differs from U. *)
Theorem objective_agreement_alone_does_not_imply_inner_alignment :
  exists (env model : TM -> bool) (u : bool -> Q) (v : bool -> option Q),
    objective_agreement u v model /\
    ~ inner_aligned (base_objective_through u env) (mesa_objective_through v model).
Proof.
  exists (fun _ => true), (fun _ => false), indicator, (fun b => Some (indicator b)).
  split.
  - intros t w Hw. injection Hw as <-. reflexivity.
  - intros H. specialize (H [] 0 I eq_refl). cbv in H. discriminate H.
Qed.

(** [model_accuracy_alone_does_not_imply_inner_alignment]: the model is the
    environment, but [v] values every state 1 while [u] values it 0. *)
Theorem model_accuracy_alone_does_not_imply_inner_alignment :
  exists (env model : TM -> bool) (u : bool -> Q) (v : bool -> option Q),
    model_accurate env v model /\
    ~ inner_aligned (base_objective_through u env) (mesa_objective_through v model).
Proof.
  exists (fun _ => true), (fun _ => true), (fun _ => 0), (fun _ => Some 1).
  split.
  - intros t _. reflexivity.
  - intros H. specialize (H [] 1 I eq_refl). cbv in H. discriminate H.
Qed.

(** [model_accuracy_is_not_necessary_for_inner_alignment]. *)
Theorem model_accuracy_is_not_necessary_for_inner_alignment :
  exists (env model : TM -> bool) (u : bool -> Q) (v : bool -> option Q),
    inner_aligned (base_objective_through u env) (mesa_objective_through v model) /\
    ~ model_accurate env v model.
Proof.
  exists (fun _ => true), (fun _ => false), (fun _ => 0), (fun _ => Some 0).
  split.
  - intros t w _ Hw. injection Hw as <-. reflexivity.
  - intros H. specialize (H [] ltac:(discriminate)). discriminate H.
Qed.

(** [objective_agreement_is_not_necessary_for_inner_alignment]. *)
Theorem objective_agreement_is_not_necessary_for_inner_alignment :
  exists (env model : TM -> bool) (u : bool -> Q) (v : bool -> option Q),
    inner_aligned (base_objective_through u env) (mesa_objective_through v model) /\
    ~ objective_agreement u v model.
Proof.
  exists (fun _ => true), (fun _ => false), indicator, (fun _ => Some 1).
  split.
  - intros t w _ Hw. injection Hw as <-. reflexivity.
  - intros H. specialize (H [] 1 eq_refl). cbv in H. discriminate H.
Qed.
