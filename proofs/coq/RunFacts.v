(** * Facts about [run]: fuel, gas, soundness and locality.

    After mathlib's [Nat.Partrec.Code.evaln_mono] and [evaln_sound]: a run
    that halts within some fuel halts identically with any fuel at least its
    steps ([run_fuel_irrelevant], hence [run_mono]); its steps never exceed
    its fuel ([run_steps_le_fuel]); the gas of the recursion on codes is always
    enough ([run_gas_enough]); [run] is sound for a relational specification
    written from the text of docs/semantics.md#running ([run_sound]); and a run
    of at most [f] steps reads and writes only cells [z] with [|z| < f]
    ([run_local]). Python twin: the laws tested in [tests/test_interpreter.py]
    and [tests/test_mesa.py]. *)

From Coq Require Import List Bool Arith Lia ZArith QArith.
From Mesaform Require Import Machines Programs Choice Run.
Import ListNotations.
Local Open Scope nat_scope.

(** ** Cells *)

Lemma cell_write : forall tp h b z,
  cell (write_cell tp h b) z = if Z.eqb z h then b else cell tp z.
Proof.
  intros tp h b z. unfold write_cell, cell.
  destruct b.
  - destruct (Z.eqb_spec z h) as [Hzh|Hzh].
    + subst z. destruct (existsb (Z.eqb h) tp) eqn:E; [exact E|]. simpl. rewrite Z.eqb_refl. reflexivity.
    + destruct (existsb (Z.eqb h) tp); [reflexivity|]. simpl.
      apply Z.eqb_neq in Hzh. rewrite Hzh. reflexivity.
  - induction tp as [|a tp IH]; simpl.
    + destruct (Z.eqb z h); reflexivity.
    + destruct (Z.eqb_spec h a) as [E1|E1]; simpl; rewrite IH;
        destruct (Z.eqb_spec z h) as [E2|E2]; destruct (Z.eqb_spec z a) as [E3|E3];
        simpl; try reflexivity; subst; try contradiction; try congruence.
Qed.

(** ** Tables: the small-step semantics, and [exec] *)

(** A configuration: the state ([None] once halted), the head, the tape. *)
Definition config : Type := (option nat * Z * tape)%type.

(** One step of a table -- docs/semantics.md#running: read the symbol under
    the head, write, move, go to the next state (HALT: [None]). *)
Inductive step (trs : list transition) : config -> config -> Prop :=
| step_run : forall s h tp,
    step trs (Some s, h, tp)
      (tr_next (effective_transition trs s (cell tp h)),
       (if tr_move (effective_transition trs s (cell tp h)) then h + 1 else h - 1)%Z,
       write_cell tp h (tr_write (effective_transition trs s (cell tp h)))).

(** Exactly [n] steps. *)
Inductive steps (trs : list transition) : nat -> config -> config -> Prop :=
| steps_refl : forall c, steps trs 0 c c
| steps_step : forall n c c' c'', step trs c c' -> steps trs n c' c'' -> steps trs (S n) c c''.

Lemma exec_steps_le : forall trs n q h tp k tp',
  exec trs n q h tp = Some (k, tp') -> k <= n.
Proof.
  induction n as [|n IH]; intros q h tp k tp' H; destruct q as [s|]; simpl in H;
    try (injection H as <- <-; lia); try discriminate.
  destruct (exec trs n _ _ _) as [[k1 tp1]|] eqn:E; [|discriminate].
  injection H as <- <-. apply IH in E. lia.
Qed.

(** [exec_fuel_irrelevant]: a halted [exec] halts identically with any fuel
    at least its steps. *)
Lemma exec_fuel_irrelevant : forall trs n q h tp k tp',
  exec trs n q h tp = Some (k, tp') -> forall n', k <= n' -> exec trs n' q h tp = Some (k, tp').
Proof.
  induction n as [|n IH]; intros q h tp k tp' H n' Hle; destruct q as [s|]; simpl in H;
    try discriminate; try (injection H as <- <-; destruct n'; reflexivity).
  destruct (exec trs n _ _ _) as [[k1 tp1]|] eqn:E; [|discriminate].
  injection H as <- <-. destruct n' as [|n']; [lia|].
  simpl. rewrite (IH _ _ _ _ _ E n' ltac:(lia)). reflexivity.
Qed.

Lemma exec_sound_halted : forall trs n q h tp k tp',
  exec trs n q h tp = Some (k, tp') -> exists h', steps trs k (q, h, tp) (None, h', tp').
Proof.
  induction n as [|n IH]; intros q h tp k tp' H; destruct q as [s|]; simpl in H;
    try discriminate; try (injection H as <- <-; exists h; constructor).
  destruct (exec trs n _ _ _) as [[k1 tp1]|] eqn:E; [|discriminate].
  injection H as <- <-. destruct (IH _ _ _ _ _ E) as [h' Hs].
  exists h'. econstructor; [constructor|exact Hs].
Qed.

Lemma exec_sound_out_of_fuel : forall trs n q h tp,
  exec trs n q h tp = None -> exists s h' tp', steps trs n (q, h, tp) (Some s, h', tp').
Proof.
  induction n as [|n IH]; intros q h tp H; destruct q as [s|]; simpl in H; try discriminate.
  - exists s, h, tp. constructor.
  - destruct (exec trs n _ _ _) as [[k1 tp1]|] eqn:E; [discriminate|].
    destruct (IH _ _ _ E) as [s' [h' [tp' Hs]]].
    exists s', h', tp'. econstructor; [constructor|exact Hs].
Qed.

(** Two tapes agree on the cells within distance [n] of [h]. *)
Definition agree_near (n : nat) (h : Z) (tp1 tp2 : tape) : Prop :=
  forall z, (Z.abs (z - h) < Z.of_nat n)%Z -> cell tp1 z = cell tp2 z.

(** [exec_local]: [n] steps from head [h] read and write only cells within
    distance [n] of [h]. *)
Lemma exec_local : forall trs n q h tp1 tp2,
  agree_near n h tp1 tp2 ->
  match exec trs n q h tp1, exec trs n q h tp2 with
  | Some (k1, tp1'), Some (k2, tp2') =>
      k1 = k2 /\ agree_near n h tp1' tp2' /\
      (forall z, (Z.of_nat n <= Z.abs (z - h))%Z -> cell tp1' z = cell tp1 z /\ cell tp2' z = cell tp2 z)
  | None, None => True
  | _, _ => False
  end.
Proof.
  induction n as [|n IH]; intros q h tp1 tp2 Hag; destruct q as [s|]; simpl;
    try exact I;
    try (split; [reflexivity|]; split; [exact Hag|]; intros; split; reflexivity).
  assert (Hh : cell tp1 h = cell tp2 h) by (apply Hag; rewrite Z.sub_diag; simpl; lia).
    rewrite <- Hh.
    set (tr := effective_transition trs s (cell tp1 h)).
    set (h' := (if tr_move tr then h + 1 else h - 1)%Z).
    assert (Hmove : (Z.abs (h' - h) = 1)%Z) by (unfold h'; destruct (tr_move tr); lia).
    assert (Hag' : agree_near n h' (write_cell tp1 h (tr_write tr)) (write_cell tp2 h (tr_write tr))).
    { intros z Hz. rewrite !cell_write. destruct (Z.eqb z h); [reflexivity|].
      apply Hag. lia. }
    specialize (IH (tr_next tr) h' _ _ Hag').
    destruct (exec trs n (tr_next tr) h' (write_cell tp1 h (tr_write tr))) as [[k1 t1]|];
    destruct (exec trs n (tr_next tr) h' (write_cell tp2 h (tr_write tr))) as [[k2 t2]|];
    try contradiction; [|exact I].
    destruct IH as [-> [Hin Hout]]. split; [reflexivity|]. split.
    + intros z Hz. destruct (Z_lt_le_dec (Z.abs (z - h')) (Z.of_nat n)) as [Hc|Hc].
      * apply Hin. exact Hc.
      * destruct (Hout z Hc) as [E1 E2]. rewrite E1, E2, !cell_write.
        destruct (Z.eqb z h); [reflexivity|]. apply Hag. exact Hz.
    + intros z Hz. destruct (Hout z ltac:(lia)) as [E1 E2]. rewrite E1, E2, !cell_write.
      destruct (Z.eqb_spec z h) as [->|]; [rewrite Z.sub_diag in Hz; simpl in Hz; lia|].
      split; reflexivity.
Qed.

(** ** Tables: [run_table] *)

Definition start (states : nat) : option nat := if 0 <? states then Some 0 else None.

Lemma run_table_steps_le : forall k trs tp F s tp',
  run_table k trs tp F = Halted s tp' -> s <= F.
Proof.
  intros k trs tp F s tp' H. unfold run_table in H.
  destruct (exec trs F _ 0%Z tp) as [[k1 t1]|] eqn:E; [|discriminate].
  injection H as <- <-. apply exec_steps_le in E. exact E.
Qed.

Lemma run_table_fuel_irrelevant : forall k trs tp F s tp',
  run_table k trs tp F = Halted s tp' -> forall F', s <= F' -> run_table k trs tp F' = Halted s tp'.
Proof.
  intros k trs tp F s tp' H F' Hle. unfold run_table in *.
  destruct (exec trs F _ 0%Z tp) as [[k1 t1]|] eqn:E; [|discriminate].
  injection H as <- <-. rewrite (exec_fuel_irrelevant _ _ _ _ _ _ _ E F' Hle). reflexivity.
Qed.

(** ** Step 1 of a mesa-optimizer: [evaluate] *)

Section Evaluate.
Variable ev : TM -> nat -> result.
Hypothesis ev_steps_le : forall c F s tp, ev c F = Halted s tp -> s <= F.
Hypothesis ev_fuel_irrelevant : forall c F s tp,
  ev c F = Halted s tp -> forall F', s <= F' -> ev c F' = Halted s tp.

Lemma evaluate_spent_le : forall f cs left spent scores,
  evaluate ev f cs left = Some (spent, scores) -> spent <= left.
Proof.
  intros f. induction cs as [|c cs IH]; intros left spent scores H; simpl in H.
  - injection H as <- <-. lia.
  - destruct (ev c (Nat.min f left)) as [s tp|r] eqn:Ec.
    + destruct (evaluate ev f cs (left - s)) as [[sp sc]|] eqn:Er; [|discriminate].
      injection H as <- <-. apply IH in Er. apply ev_steps_le in Ec. lia.
    + destruct (f <=? left) eqn:Ef; [|discriminate].
      destruct (evaluate ev f cs (left - f)) as [[sp sc]|] eqn:Er; [|discriminate].
      injection H as <- <-. apply IH in Er. apply Nat.leb_le in Ef. lia.
Qed.

(** [evaluate_fuel_irrelevant]: step 1 under any budget at least what it spent
    gives the same steps and scores. *)
Lemma evaluate_fuel_irrelevant : forall f cs left spent scores,
  evaluate ev f cs left = Some (spent, scores) ->
  forall left', spent <= left' -> evaluate ev f cs left' = Some (spent, scores).
Proof.
  intros f. induction cs as [|c cs IH]; intros left spent scores H left' Hle; simpl in *.
  - exact H.
  - destruct (ev c (Nat.min f left)) as [s tp|r] eqn:Ec.
    + destruct (evaluate ev f cs (left - s)) as [[sp sc]|] eqn:Er; [|discriminate].
      injection H as <- <-. pose proof (ev_steps_le _ _ _ _ Ec) as Hs.
      rewrite (ev_fuel_irrelevant _ _ _ _ Ec (Nat.min f left') ltac:(lia)).
      rewrite (IH _ _ _ Er (left' - s) ltac:(lia)). reflexivity.
    + destruct (f <=? left) eqn:Ef; [|discriminate].
      destruct (evaluate ev f cs (left - f)) as [[sp sc]|] eqn:Er; [|discriminate].
      injection H as <- <-. apply Nat.leb_le in Ef.
      rewrite Nat.min_l in Ec by lia. rewrite Nat.min_l by lia. rewrite Ec.
      assert (Ef' : f <=? left' = true) by (apply Nat.leb_le; lia). rewrite Ef'.
      rewrite (IH _ _ _ Er (left' - f) ltac:(lia)). reflexivity.
Qed.
End Evaluate.

Lemma evaluate_ext : forall ev1 ev2 f cs left,
  (forall c F, ev1 c F = ev2 c F) -> evaluate ev1 f cs left = evaluate ev2 f cs left.
Proof.
  intros ev1 ev2 f cs. induction cs as [|c cs IH]; intros left Hext; simpl; [reflexivity|].
  rewrite Hext. destruct (ev2 c (Nat.min f left)); rewrite !IH by exact Hext; reflexivity.
Qed.

(** ** [run]: steps, fuel and gas *)

(** [run_g_steps_le]: a halted run's steps never exceed its fuel. *)
Lemma run_g_steps_le : forall g t x F s tp, run_g g t x F = Halted s tp -> s <= F.
Proof.
  induction g as [|g IH]; intros t x F s tp H; simpl in H; [discriminate|].
  destruct (decode t) as [k trs|c f e cs].
  - apply run_table_steps_le in H. exact H.
  - destruct (evaluate (run_g g e) f cs F) as [[spent scores]|] eqn:Ee; [|discriminate].
    pose proof (evaluate_spent_le (run_g g e) (IH e) f cs F spent scores Ee) as Hsp.
    destruct (argmax_lowest_index scores) as [i|].
    + destruct (run_g g (nth i cs []) x (F - spent)) as [s1 tp1|] eqn:Ea; [|discriminate].
      injection H as <- <-. apply IH in Ea. lia.
    + injection H as <- <-. exact Hsp.
Qed.

(** [run_g_fuel_irrelevant]: a run that halts within some fuel halts
    identically with any fuel at least its steps. *)
Lemma run_g_fuel_irrelevant : forall g t x F s tp,
  run_g g t x F = Halted s tp -> forall F', s <= F' -> run_g g t x F' = Halted s tp.
Proof.
  induction g as [|g IH]; intros t x F s tp H F' Hle; simpl in *; [discriminate|].
  destruct (decode t) as [k trs|c f e cs].
  - exact (run_table_fuel_irrelevant _ _ _ _ _ _ H F' Hle).
  - destruct (evaluate (run_g g e) f cs F) as [[spent scores]|] eqn:Ee; [|discriminate].
    assert (Hev : forall F'', spent <= F'' -> evaluate (run_g g e) f cs F'' = Some (spent, scores)).
    { intros F'' HF. exact (evaluate_fuel_irrelevant (run_g g e) (run_g_steps_le g e) (IH e)
                              f cs F spent scores Ee F'' HF). }
    destruct (argmax_lowest_index scores) as [i|] eqn:Ei.
    + destruct (run_g g (nth i cs []) x (F - spent)) as [s1 tp1|] eqn:Ea; [|discriminate].
      injection H as <- <-. rewrite (Hev F' ltac:(lia)), Ei.
      rewrite (IH _ _ _ _ _ Ea (F' - spent) ltac:(lia)). reflexivity.
    + injection H as <- <-. rewrite (Hev F' Hle), Ei. reflexivity.
Qed.

(** [run_g_gas]: any gas beyond the code's length gives the same run. *)
Lemma run_g_gas : forall g1 g2 t x F,
  length t < g1 -> length t < g2 -> run_g g1 t x F = run_g g2 t x F.
Proof.
  induction g1 as [|g1 IH]; intros g2 t x F H1 H2; [lia|].
  destruct g2 as [|g2]; [lia|]. simpl.
  destruct (decode t) as [k trs|c f e cs] eqn:Ed; [reflexivity|].
  destruct (decode_shorter t c f e cs Ed) as [He Hcs].
  rewrite (evaluate_ext (run_g g1 e) (run_g g2 e)) by (intros; apply IH; lia).
  destruct (evaluate (run_g g2 e) f cs F) as [[spent scores]|]; [|reflexivity].
  destruct (argmax_lowest_index scores) as [i|]; [|reflexivity].
  assert (Hc : length (nth i cs []) < length t).
  { destruct (Nat.lt_ge_cases i (length cs)) as [Hi|Hi].
    - apply Hcs. apply nth_In. exact Hi.
    - rewrite nth_overflow by exact Hi. simpl. lia. }
  rewrite (IH g2 (nth i cs [])) by lia. reflexivity.
Qed.

(** [run_gas_enough]: [run] is [run_g] with any gas beyond the code's length. *)
Theorem run_gas_enough : forall g t x F, length t < g -> run_g g t x F = run t x F.
Proof. intros g t x F H. apply run_g_gas; [exact H| simpl; lia]. Qed.

(** [run_steps_le_fuel]: [Halted(steps <= F, tape)]. *)
Theorem run_steps_le_fuel : forall t x F s tp, run t x F = Halted s tp -> s <= F.
Proof. intros t x F s tp. apply run_g_steps_le. Qed.

(** [run_fuel_irrelevant]: a halted run halts identically with any fuel at
    least its steps. *)
Theorem run_fuel_irrelevant : forall t x F s tp,
  run t x F = Halted s tp -> forall F', s <= F' -> run t x F' = Halted s tp.
Proof. intros t x F s tp. apply run_g_fuel_irrelevant. Qed.

(** [run_mono] -- after mathlib's [evaln_mono]: more fuel never changes a
    halted run. *)
Theorem run_mono : forall t x F F' s tp,
  F <= F' -> run t x F = Halted s tp -> run t x F' = Halted s tp.
Proof.
  intros t x F F' s tp Hle H. apply (run_fuel_irrelevant t x F s tp H).
  apply run_steps_le_fuel in H. lia.
Qed.

(** ** Locality: a run of at most [F] steps reads and writes only cells [|z| < F] *)

(** Two tapes agree on every cell [z] with [|z| < F]. *)
Definition agree_below (F : nat) (tp1 tp2 : tape) : Prop :=
  forall z, (Z.abs z < Z.of_nat F)%Z -> cell tp1 z = cell tp2 z.

(** Two runs with fuel [F] from tapes [tp1], [tp2] are alike: both out of
    fuel, or both halted after the same steps with tapes that agree below
    [F] and equal their initial tapes everywhere else. *)
Definition alike (F : nat) (tp1 tp2 : tape) (r1 r2 : result) : Prop :=
  match r1, r2 with
  | Halted s1 t1, Halted s2 t2 =>
      s1 = s2 /\ agree_below F t1 t2 /\
      (forall z, (Z.of_nat F <= Z.abs z)%Z -> cell t1 z = cell tp1 z /\ cell t2 z = cell tp2 z)
  | OutOfFuel _, OutOfFuel _ => True
  | _, _ => False
  end.

Lemma run_table_local : forall k trs tp1 tp2 F,
  agree_below F tp1 tp2 -> alike F tp1 tp2 (run_table k trs tp1 F) (run_table k trs tp2 F).
Proof.
  intros k trs tp1 tp2 F Hag. unfold run_table.
  assert (Hn : agree_near F 0 tp1 tp2).
  { intros z Hz. apply Hag. rewrite Z.sub_0_r in Hz. exact Hz. }
  pose proof (exec_local trs F (if 0 <? k then Some 0 else None) 0%Z tp1 tp2 Hn) as H.
  destruct (exec trs F _ 0%Z tp1) as [[k1 t1]|]; destruct (exec trs F _ 0%Z tp2) as [[k2 t2]|];
    try contradiction; simpl; [|exact I].
  destruct H as [-> [Hin Hout]]. split; [reflexivity|]. split.
  - intros z Hz. apply Hin. rewrite Z.sub_0_r. exact Hz.
  - intros z Hz. apply Hout. rewrite Z.sub_0_r. exact Hz.
Qed.

Lemma run_g_local : forall g t x y F,
  agree_below F (input_tape x) (input_tape y) ->
  alike F (input_tape x) (input_tape y) (run_g g t x F) (run_g g t y F).
Proof.
  induction g as [|g IH]; intros t x y F Hag; simpl; [exact I|].
  destruct (decode t) as [k trs|c f e cs]; [apply run_table_local; exact Hag|].
  destruct (evaluate (run_g g e) f cs F) as [[spent scores]|]; [|exact I].
  destruct (argmax_lowest_index scores) as [i|].
  - assert (Hag' : agree_below (F - spent) (input_tape x) (input_tape y)).
    { intros z Hz. apply Hag. lia. }
    specialize (IH (nth i cs []) x y (F - spent) Hag').
    destruct (run_g g (nth i cs []) x (F - spent)) as [s1 t1|];
    destruct (run_g g (nth i cs []) y (F - spent)) as [s2 t2|]; try contradiction; simpl; [|exact I].
    destruct IH as [-> [Hin Hout]]. split; [reflexivity|]. split.
    + intros z Hz. destruct (Z_lt_le_dec (Z.abs z) (Z.of_nat (F - spent))) as [Hc|Hc].
      * apply Hin. exact Hc.
      * destruct (Hout z Hc) as [E1 E2]. rewrite E1, E2. apply Hag. exact Hz.
    + intros z Hz. apply Hout. lia.
  - simpl. split; [reflexivity|]. split; [exact Hag|]. intros; split; reflexivity.
Qed.

(** [run_local] -- the locality lemma: for every program [t] and inputs [x],
    [y] whose pair-coded tapes agree on the cells [|z| < F], the runs with
    fuel [F] are alike: both out of fuel, or both halted after the same steps,
    with final tapes that agree on the cells [|z| < F] and equal the input
    tape on every other cell. So a run of at most [F] steps reads only cells
    [|z| < F] (its result depends on no other) and writes only there. For a
    Mesa program this covers the evaluations (which read the candidates'
    codes, never [x]) and the acting candidate, nested to any depth. *)
Theorem run_local : forall t x y F,
  agree_below F (input_tape x) (input_tape y) ->
  alike F (input_tape x) (input_tape y) (run t x F) (run t y F).
Proof. intros t x y F. apply run_g_local. Qed.

(** *** For pair-coded input *)

Lemma input_from_app : forall a b i,
  input_from i (a ++ b) = input_from i a ++ input_from (i + Z.of_nat (length a))%Z b.
Proof.
  induction a as [|bit a IH]; intros b i; simpl.
  - rewrite Z.add_0_r. reflexivity.
  - rewrite IH. replace (i + 1 + Z.of_nat (length a))%Z with (i + Z.pos (Pos.of_succ_nat (length a)))%Z
      by lia. destruct bit; reflexivity.
Qed.

Lemma input_from_ge : forall b j z, In z (input_from j b) -> (2 * j <= z)%Z.
Proof.
  induction b as [|bit b IH]; intros j z Hin; [contradiction|].
  cbn [input_from] in Hin. destruct Hin as [<-|Hin]; [lia|].
  apply in_app_or in Hin. destruct Hin as [Hin|Hin].
  - destruct bit; cbn [In] in Hin; [destruct Hin as [<-|[]]; lia|contradiction].
  - apply IH in Hin. lia.
Qed.

Lemma cell_app : forall l1 l2 z, cell (l1 ++ l2) z = cell l1 z || cell l2 z.
Proof. intros. unfold cell. apply existsb_app. Qed.

Lemma cell_not_in : forall l z, ~ In z l -> cell l z = false.
Proof.
  intros l z H. unfold cell. apply Bool.not_true_is_false. intros E.
  apply existsb_exists in E. destruct E as [y [Hy Ey]]. apply Z.eqb_eq in Ey. subst. contradiction.
Qed.

(** The cells [|z| < 2n] of [x]'s input tape are those of its first [n] bits. *)
Lemma input_tape_firstn : forall n x,
  agree_below (2 * n) (input_tape x) (input_tape (firstn n x)).
Proof.
  intros n x z Hz. unfold input_tape.
  rewrite <- (firstn_skipn n x) at 1. rewrite input_from_app, cell_app.
  destruct (skipn n x) as [|b rest] eqn:Es; [simpl; rewrite Bool.orb_false_r; reflexivity|].
  assert (Hlen : length (firstn n x) = n).
  { apply firstn_length_le. destruct (Nat.le_gt_cases n (length x)) as [H|H]; [exact H|].
    rewrite skipn_all2 in Es by lia. discriminate. }
  rewrite Hlen, (cell_not_in (input_from _ (b :: rest)) z); [apply Bool.orb_false_r|].
  intros Hin. apply input_from_ge in Hin. lia.
Qed.

(** [run_local_input]: a run with fuel [F <= 2n] depends only on the first
    [n] bits of its input: runs on inputs with the same first [n] bits are
    alike. *)
Corollary run_local_input : forall t x y n F,
  firstn n x = firstn n y -> F <= 2 * n ->
  alike F (input_tape x) (input_tape y) (run t x F) (run t y F).
Proof.
  intros t x y n F Hxy HF. apply run_local.
  intros z Hz. rewrite (input_tape_firstn n x z ltac:(lia)), (input_tape_firstn n y z ltac:(lia)).
  rewrite Hxy. reflexivity.
Qed.

(** ** Soundness: [run] against a relational specification

    [Runs t x F r] restates docs/semantics.md#running without budgets or gas:
    a table takes [steps]; a Mesa program runs its evaluator on every
    candidate with its full internal fuel [f] ([Scores]), is out of fuel when
    step 1 alone costs more than [F], else acts like the candidate the choice
    rule picks with the fuel left. [run] caps each evaluation by what is left
    of [F]; [run_sound] shows this changes nothing (after mathlib's
    [evaln_sound]). *)

Inductive Runs : TM -> TM -> nat -> result -> Prop :=
| runs_table_halted : forall t x F k trs s h tp,
    decode t = Table k trs -> steps trs s (start k, 0%Z, input_tape x) (None, h, tp) -> s <= F ->
    Runs t x F (Halted s tp)
| runs_table_out_of_fuel : forall t x F k trs q h tp,
    decode t = Table k trs -> steps trs F (start k, 0%Z, input_tape x) (Some q, h, tp) ->
    Runs t x F (OutOfFuel F)
| runs_mesa_over_budget : forall t x F c f e cs spent scores,
    decode t = Mesa c f e cs -> Scores e f cs spent scores -> F < spent ->
    Runs t x F (OutOfFuel F)
| runs_mesa_no_choice : forall t x F c f e cs spent scores,
    decode t = Mesa c f e cs -> Scores e f cs spent scores -> spent <= F ->
    argmax_lowest_index scores = None ->
    Runs t x F (Halted spent (input_tape x))
| runs_mesa_acts_halted : forall t x F c f e cs spent scores i s tp,
    decode t = Mesa c f e cs -> Scores e f cs spent scores -> spent <= F ->
    argmax_lowest_index scores = Some i ->
    Runs (nth i cs []) x (F - spent) (Halted s tp) ->
    Runs t x F (Halted (spent + s) tp)
| runs_mesa_acts_out_of_fuel : forall t x F c f e cs spent scores i r,
    decode t = Mesa c f e cs -> Scores e f cs spent scores -> spent <= F ->
    argmax_lowest_index scores = Some i ->
    Runs (nth i cs []) x (F - spent) (OutOfFuel r) ->
    Runs t x F (OutOfFuel F)
with Scores : TM -> nat -> list TM -> nat -> list (option Q) -> Prop :=
| scores_nil : forall e f, Scores e f [] 0 []
| scores_halted : forall e f c cs s tp spent scores,
    Runs e c f (Halted s tp) -> Scores e f cs spent scores ->
    Scores e f (c :: cs) (s + spent) (Some (score_of tp) :: scores)
| scores_out_of_fuel : forall e f c cs r spent scores,
    Runs e c f (OutOfFuel r) -> Scores e f cs spent scores ->
    Scores e f (c :: cs) (f + spent) (None :: scores).

Lemma run_table_sound : forall t x F k trs,
  decode t = Table k trs -> Runs t x F (run_table k trs (input_tape x) F).
Proof.
  intros t x F k trs Hd. unfold run_table.
  destruct (exec trs F (if 0 <? k then Some 0 else None) 0%Z (input_tape x)) as [[s tp]|] eqn:E.
  - destruct (exec_sound_halted _ _ _ _ _ _ _ E) as [h Hs].
    apply (runs_table_halted t x F k trs s h tp Hd Hs). apply exec_steps_le in E. exact E.
  - destruct (exec_sound_out_of_fuel _ _ _ _ _ E) as [q [h [tp Hs]]].
    exact (runs_table_out_of_fuel t x F k trs q h tp Hd Hs).
Qed.

Section EvaluateSound.
Variable e : TM.
Variable f : nat.
Variable ev : TM -> nat -> result.
Hypothesis ev_sound : forall c F, Runs e c F (ev c F).
Hypothesis ev_steps_le : forall c F s tp, ev c F = Halted s tp -> s <= F.
Hypothesis ev_fuel_irrelevant : forall c F s tp,
  ev c F = Halted s tp -> forall F', s <= F' -> ev c F' = Halted s tp.

Lemma scores_total : forall cs, exists spent scores, Scores e f cs spent scores.
Proof.
  induction cs as [|c cs [spent [scores IH]]]; [exists 0, []; constructor|].
  pose proof (ev_sound c f) as H. destruct (ev c f) as [s tp|r].
  - exists (s + spent), (Some (score_of tp) :: scores). constructor; assumption.
  - exists (f + spent), (None :: scores). econstructor; eassumption.
Qed.

Lemma evaluate_sound : forall cs left,
  match evaluate ev f cs left with
  | Some (spent, scores) => Scores e f cs spent scores
  | None => exists spent scores, Scores e f cs spent scores /\ left < spent
  end.
Proof.
  induction cs as [|c cs IH]; intros left; simpl; [constructor|].
  destruct (ev c (Nat.min f left)) as [s tp|r] eqn:Ec.
  - pose proof (ev_steps_le _ _ _ _ Ec) as Hs.
    assert (Hfull : Runs e c f (Halted s tp)).
    { rewrite <- (ev_fuel_irrelevant _ _ _ _ Ec f ltac:(lia)). apply ev_sound. }
    specialize (IH (left - s)).
    destruct (evaluate ev f cs (left - s)) as [[sp sc]|].
    + constructor; assumption.
    + destruct IH as [sp [sc [Hsc Hlt]]]. exists (s + sp), (Some (score_of tp) :: sc).
      split; [constructor; assumption|lia].
  - destruct (f <=? left) eqn:Ef.
    + apply Nat.leb_le in Ef. rewrite Nat.min_l in Ec by exact Ef.
      assert (Hfull : Runs e c f (OutOfFuel r)) by (rewrite <- Ec; apply ev_sound).
      specialize (IH (left - f)).
      destruct (evaluate ev f cs (left - f)) as [[sp sc]|].
      * econstructor; eassumption.
      * destruct IH as [sp [sc [Hsc Hlt]]]. exists (f + sp), (None :: sc).
        split; [econstructor; eassumption|lia].
    + apply Nat.leb_gt in Ef. destruct (scores_total cs) as [sp [sc Hsc]].
      pose proof (ev_sound c f) as Hfull.
      destruct (ev c f) as [s tp|r'] eqn:Ef'.
      * assert (Hgt : left < s).
        { destruct (Nat.lt_ge_cases left s) as [H|H]; [exact H|].
          pose proof (ev_steps_le _ _ _ _ Ef').
          rewrite (ev_fuel_irrelevant _ _ _ _ Ef' (Nat.min f left) ltac:(lia)) in Ec. discriminate. }
        exists (s + sp), (Some (score_of tp) :: sc). split; [constructor; assumption|lia].
      * exists (f + sp), (None :: sc). split; [econstructor; eassumption|lia].
Qed.
End EvaluateSound.

Lemma run_g_sound : forall g t x F, length t < g -> Runs t x F (run_g g t x F).
Proof.
  induction g as [|g IH]; intros t x F Hg; [lia|]. simpl.
  destruct (decode t) as [k trs|c f e cs] eqn:Ed; [apply run_table_sound; exact Ed|].
  destruct (decode_shorter t c f e cs Ed) as [He Hcs].
  pose proof (evaluate_sound e f (run_g g e) (fun c' F' => IH e c' F' ltac:(lia))
                (run_g_steps_le g e) (run_g_fuel_irrelevant g e) cs F) as Hev.
  destruct (evaluate (run_g g e) f cs F) as [[spent scores]|] eqn:Ee.
  - pose proof (evaluate_spent_le (run_g g e) (run_g_steps_le g e) f cs F spent scores Ee) as Hsp.
    destruct (argmax_lowest_index scores) as [i|] eqn:Ei.
    + assert (Hc : length (nth i cs []) < g).
      { destruct (Nat.lt_ge_cases i (length cs)) as [Hi|Hi].
        - specialize (Hcs _ (nth_In cs [] Hi)). lia.
        - rewrite nth_overflow by exact Hi. simpl. lia. }
      pose proof (IH (nth i cs []) x (F - spent) Hc) as Ha.
      destruct (run_g g (nth i cs []) x (F - spent)) as [s tp|r].
      * exact (runs_mesa_acts_halted t x F c f e cs spent scores i s tp Ed Hev Hsp Ei Ha).
      * exact (runs_mesa_acts_out_of_fuel t x F c f e cs spent scores i r Ed Hev Hsp Ei Ha).
    + exact (runs_mesa_no_choice t x F c f e cs spent scores Ed Hev Hsp Ei).
  - destruct Hev as [spent [scores [Hsc Hlt]]].
    exact (runs_mesa_over_budget t x F c f e cs spent scores Ed Hsc Hlt).
Qed.

(** [run_sound] -- after mathlib's [evaln_sound]: what [run] returns is a
    result of the relational specification. *)
Theorem run_sound : forall t x F, Runs t x F (run t x F).
Proof. intros t x F. apply run_g_sound. lia. Qed.
