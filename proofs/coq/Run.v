(** * Running a program: tables and mesa-optimizers, with fuel.

    Formalizes "run(t, x, F): at most F steps. The result is Halted(steps <= F,
    tape) or OutOfFuel after F steps" and the post's "simulate some ten other
    Turing machines, evaluate which is the best one according to some
    internally represented function U_m, and act like that one"
    (docs/semantics.md#running). Python twins: [spec/results.py] and
    [spec/interpreter.py].

    Recursion: a table's run is structural in its fuel. A Mesa program's run
    calls [run] on its evaluator and on its chosen candidate, whose codes are
    strictly shorter than its own ([Programs.decode_shorter]), with fuel at most
    its own; [run_g] is structural in a gas [g], and [run] gives it
    [S (length t)], which [run_gas_enough] shows is always enough. *)

From Coq Require Import List Bool Arith Lia ZArith QArith.
From Mesaform Require Import Machines Programs Choice.
Local Open Scope nat_scope.
Import ListNotations.

(** ** Tapes ([spec/results.py]) *)

(** [Tape] -- Python: [mesaform.spec.results.Tape]: the cells holding [1]. *)
Definition tape := list Z.

(** The symbol in cell [z]. *)
Definition cell (tp : tape) (z : Z) : bool := existsb (Z.eqb z) tp.

(** Write symbol [b] into cell [z]. *)
Definition write_cell (tp : tape) (z : Z) (b : bool) : tape :=
  if b then (if cell tp z then tp else z :: tp)
  else filter (fun y => negb (Z.eqb z y)) tp.

(** [input_tape] -- Python: [mesaform.spec.results.input_tape]: bit [i] of [x] puts
    [1] in cell [2i] and [x_i] in cell [2i+1]. *)
Fixpoint input_from (i : Z) (x : TM) : tape :=
  match x with
  | [] => []
  | b :: rest => (2 * i)%Z :: (if b then [(2 * i + 1)%Z] else []) ++ input_from (i + 1)%Z rest
  end.

Definition input_tape (x : TM) : tape := input_from 0 x.

(** [read_output] -- Python: [mesaform.spec.results.read_output]: while cell [2i] is
    1, output bit [i] is cell [2i+1] (at most as many bits as 1 cells). *)
Fixpoint read_output_from (n : nat) (i : Z) (tp : tape) : TM :=
  match n with
  | 0 => []
  | S n' =>
      if cell tp (2 * i) then cell tp (2 * i + 1) :: read_output_from n' (i + 1)%Z tp
      else []
  end.

Definition read_output (tp : tape) : TM := read_output_from (S (length tp)) 0 tp.

(** [ones] -- Python: [mesaform.spec.results.Halted.ones], the busy-beaver Sigma. *)
Definition ones (tp : tape) : nat := length tp.

(** [RunResult] -- Python: [mesaform.spec.results.Halted | mesaform.spec.results.OutOfFuel]. *)
Inductive result :=
| Halted (steps : nat) (tp : tape)
| OutOfFuel (fuel : nat).

(** ** Tables ([mesaform.spec.interpreter.run_table]) *)

(** [exec trs n q h tp]: run from state [q] ([None] = halted) with the head on
    [h] for at most [n] more steps; [Some (steps, tape)] if it halts. A step
    reads, writes, moves, then halts if the transition's next state is HALT;
    every halting transition is a step; a missing transition acts as [1RZ]. *)
Fixpoint exec (trs : list transition) (n : nat) (q : option nat) (h : Z) (tp : tape)
  : option (nat * tape) :=
  match q with
  | None => Some (0, tp)
  | Some s =>
      match n with
      | 0 => None
      | S n' =>
          let tr := effective_transition trs s (cell tp h) in
          match exec trs n' (tr_next tr) (if tr_move tr then h + 1 else h - 1)%Z
                  (write_cell tp h (tr_write tr)) with
          | Some (k, tp') => Some (S k, tp')
          | None => None
          end
      end
  end.

(** [run_table] -- Python: [mesaform.spec.interpreter.run_table]: from state A with
    the head on cell 0; a table with no states halts at once. *)
Definition run_table (states : nat) (trs : list transition) (tp : tape) (fuel : nat) : result :=
  match exec trs fuel (if 0 <? states then Some 0 else None) 0%Z tp with
  | Some (k, tp') => Halted k tp'
  | None => OutOfFuel fuel
  end.

(** ** Mesa-optimizers ([mesaform.spec.interpreter.evaluate_candidates], [choose], [run_mesa]) *)

(** The score of a halted evaluation, as a value of U_m. *)
Definition score_of (tp : tape) : Q := inject_Z (Z.of_nat (ones tp)).

(** [evaluate_candidates] -- Python: [mesaform.spec.interpreter.evaluate_candidates]
    with a budget [left]: run the evaluator ([ev c fuel]) on each candidate
    with fuel [min(f, left)]; a halted run scores its [ones] and costs its
    steps, a run out of its internal fuel [f] has no score and costs [f]; when
    the evaluations need more than the budget, [None] (out of fuel). Returns
    the steps spent and the scores. *)
Fixpoint evaluate (ev : TM -> nat -> result) (f : nat) (cs : list TM) (left : nat)
  : option (nat * list (option Q)) :=
  match cs with
  | [] => Some (0, [])
  | c :: rest =>
      match ev c (Nat.min f left) with
      | Halted s tp =>
          match evaluate ev f rest (left - s) with
          | Some (spent, scores) => Some (s + spent, Some (score_of tp) :: scores)
          | None => None
          end
      | OutOfFuel _ =>
          if f <=? left then
            match evaluate ev f rest (left - f) with
            | Some (spent, scores) => Some (f + spent, None :: scores)
            | None => None
            end
          else None
      end
  end.

(** [run_g g t x fuel] -- Python: [mesaform.spec.interpreter.run] (with [run_mesa]):
    score the candidates, pick the highest score (lowest index on ties, the
    choice rule [argmax_lowest_index]), act like the pick on [x] with the fuel
    left; with no scored candidate, halt with [x]'s tape untouched. [g] is the
    gas of the recursion on codes; [run] below gives it enough. *)
Fixpoint run_g (g : nat) (t x : TM) (fuel : nat) : result :=
  match g with
  | 0 => OutOfFuel fuel
  | S g' =>
      match decode t with
      | Table k trs => run_table k trs (input_tape x) fuel
      | Mesa _ f e cs =>
          match evaluate (run_g g' e) f cs fuel with
          | None => OutOfFuel fuel
          | Some (spent, scores) =>
              match argmax_lowest_index scores with
              | None => Halted spent (input_tape x)
              | Some i =>
                  match run_g g' (nth i cs []) x (fuel - spent) with
                  | Halted s tp => Halted (spent + s) tp
                  | OutOfFuel _ => OutOfFuel fuel
                  end
              end
          end
      end
  end.

(** [run] -- Python: [mesaform.spec.interpreter.run]: run machine [t] on input [x]
    (pair-coded from cell 0) for at most [fuel] steps. *)
Definition run (t x : TM) (fuel : nat) : result := run_g (S (length t)) t x fuel.
