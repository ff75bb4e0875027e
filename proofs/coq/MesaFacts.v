(** * A mesa-optimizer acts like the candidate its mesa-objective chooses.

    Ties the interpreter to the choice rule: when a Mesa program's run halts,
    the scores its step 1 computed are exactly the values of its U_m on the
    candidates, so it acted like [ch_m(C) = mesa_choice U_m C] (or, when no
    candidate is in dom(U_m), left the input untouched) --
    docs/semantics.md#mesa-programs, docs/semantics.md#choice-rule. Python
    twin: [tests/test_taxonomy.py] checks [mesa_choice] against [run_mesa]. *)

From Coq Require Import List Bool Arith Lia ZArith QArith.
From Mesaform Require Import Machines Programs Choice Run RunFacts Objectives.
Import ListNotations.
Local Open Scope nat_scope.

Section Scores.
Variable ev : TM -> nat -> result.
Hypothesis ev_steps_le : forall c F s tp, ev c F = Halted s tp -> s <= F.
Hypothesis ev_fuel_irrelevant : forall c F s tp,
  ev c F = Halted s tp -> forall F', s <= F' -> ev c F' = Halted s tp.

(** Step 1's scores are the evaluator's full-fuel values, whatever the budget. *)
Lemma evaluate_scores : forall f cs left spent scores,
  evaluate ev f cs left = Some (spent, scores) ->
  scores = map (fun c => match ev c f with Halted _ tp => Some (score_of tp) | OutOfFuel _ => None end) cs.
Proof.
  intros f. induction cs as [|c cs IH]; intros left spent scores H; simpl in H.
  - injection H as _ <-. reflexivity.
  - destruct (ev c (Nat.min f left)) as [s tp|r] eqn:Ec.
    + destruct (evaluate ev f cs (left - s)) as [[sp sc]|] eqn:Er; [|discriminate].
      injection H as _ <-. simpl.
      rewrite (ev_fuel_irrelevant _ _ _ _ Ec f ltac:(pose proof (ev_steps_le _ _ _ _ Ec); lia)).
      rewrite (IH _ _ _ Er). reflexivity.
    + destruct (f <=? left) eqn:Ef; [|discriminate].
      destruct (evaluate ev f cs (left - f)) as [[sp sc]|] eqn:Er; [|discriminate].
      injection H as _ <-. simpl. apply Nat.leb_le in Ef. rewrite Nat.min_l in Ec by exact Ef.
      rewrite Ec, (IH _ _ _ Er). reflexivity.
Qed.
End Scores.

(** [mesa_acts_like_its_choice]: a halted run of a Mesa program [m] spent
    some steps on step 1, then either no candidate was in dom(U_m) and the
    input tape is left as it was, or it ran the candidate [ch_m(C)] chosen by
    its mesa-objective on the same input with the fuel left. *)
Theorem mesa_acts_like_its_choice : forall m c f e cs x F s tp,
  decode m = Mesa c f e cs -> run m x F = Halted s tp ->
  exists spent, spent <= s /\
    match mesa_choice (mesa_objective m) cs with
    | None => s = spent /\ tp = input_tape x
    | Some i => run (nth i cs []) x (F - spent) = Halted (s - spent) tp
    end.
Proof.
  intros m c f e cs x F s tp Hd H.
  destruct (decode_shorter m c f e cs Hd) as [He Hcs].
  unfold run in H. simpl in H. rewrite Hd in H.
  destruct (evaluate (run_g (length m) e) f cs F) as [[spent scores]|] eqn:Ee; [|discriminate].
  pose proof (evaluate_scores (run_g (length m) e) (run_g_steps_le _ e)
                (run_g_fuel_irrelevant _ e) f cs F spent scores Ee) as Hsc.
  assert (Hmap : scores = map (mesa_objective m) cs).
  { rewrite Hsc. apply map_ext. intros t. unfold mesa_objective. rewrite Hd.
    unfold mesa_objective_of. rewrite run_gas_enough by exact He. reflexivity. }
  unfold mesa_choice. rewrite <- Hmap.
  destruct (argmax_lowest_index scores) as [i|].
  - destruct (run_g (length m) (nth i cs []) x (F - spent)) as [s1 tp1|] eqn:Ea; [|discriminate].
    injection H as <- <-. exists spent. split; [lia|].
    rewrite <- run_gas_enough with (g := length m).
    + rewrite Ea. f_equal. lia.
    + destruct (Nat.lt_ge_cases i (length cs)) as [Hi|Hi].
      * apply Hcs. apply nth_In. exact Hi.
      * rewrite nth_overflow by exact Hi. simpl.
        destruct m; [discriminate|simpl; lia].
  - injection H as <- <-. exists spent. split; [lia|]. split; reflexivity.
Qed.
