"""Bounded theorems about a Mesa program's first two steps, proved with the symbolic interpreter.

Formalizes, for steps 1 and 2 of a Mesa program ``m = (c, f, e, C)`` run on ``x`` with
outer fuel ``F`` (docs/semantics.md#mesa-programs, #choice-rule), what a reader of the
post's "What m does when run is simulate some ten other Turing machines, evaluate which
is the best one according to some internally represented function U_m : TM → ℝ, and act
like that one" would ask of mesaform's reading: that choosing does not look at the input,
that the scores are ``U_m`` (which does not mention the input), that the outer fuel only
cuts the evaluations short and never changes a score, and that the choice is the argmax
of ``U_m`` over the candidates in ``dom(U_m)``, the lowest index on ties.

Each is one Z3 query over :mod:`mesaform.proofs.symbolic.mesa`, for every evaluator table of at
most :data:`MAX_STATES` states (:data:`CHOICE_MAX_STATES` for the choice rule; every
transition field free), every list of at most
:data:`MAX_CANDIDATES` candidates of at most :data:`MAX_LENGTH` characters, every internal
fuel ``f <= MAX_FUEL``, every outer fuel representable in the step's counters and every
input of at most :data:`MAX_INPUT` characters; the statements say so. The symbolic Mesa
step is itself tested against the reference interpreter (``tests/test_symbolic_mesa.py``).

Main definitions: :data:`MESA_THEOREMS`, the bounds and :func:`scope`.
"""

from __future__ import annotations

from collections.abc import Callable

import z3

from mesaform.proofs.symbolic.mesa import (
    SymbolicMesa,
    SymbolicMesaStep,
    free_mesa,
    mesa_counter_width,
    mesa_step,
)
from mesaform.proofs.symbolic.tables import SymbolicWord, symbolic_word
from mesaform.proofs.symbolic.z3_typed import Bool
from mesaform.proofs.theorems.semantics import free_table
from mesaform.proofs.theorems.theorem import Theorem

MAX_STATES = 3
"""Evaluator tables of at most this many states."""

MAX_CANDIDATES = 3
"""At most this many candidates present."""

MAX_LENGTH = 3
"""Candidates of at most this many characters."""

MAX_FUEL = 6
"""Internal fuel ``f`` up to this many steps."""

MAX_INPUT = 3
"""Inputs ``x`` of the Mesa program of at most this many characters."""

WIDTH = mesa_counter_width(MAX_CANDIDATES, MAX_FUEL, MAX_LENGTH)
"""The width of the step's counters; the outer fuel ``F`` is every value below ``2**WIDTH``."""

MAX_OUTER_FUEL = 2**WIDTH - 1
"""The largest outer fuel covered; at least ``MAX_CANDIDATES * MAX_FUEL``, beyond which
the budget never cuts an evaluation short."""

MESA_PROGRAMS = "docs/semantics.md#mesa-programs"
CHOICE_RULE = "docs/semantics.md#choice-rule"

CHOICE_MAX_STATES = 2
"""The choice theorem's evaluators have at most this many states (at 3 states Z3 needed
2.7 to 13.4 s of CPU time depending on its random seed)."""


def scope(max_states: int) -> str:
    """Return the scope of a theorem over evaluators of at most ``max_states`` states."""
    return (
        f"bounded: every Mesa program whose evaluator is a table of k <= {max_states} states "
        f"(each transition field free; a Mesa evaluator is not covered), with at most "
        f"{MAX_CANDIDATES} candidates present, each |c_i| <= {MAX_LENGTH}, and internal fuel "
        f"f <= {MAX_FUEL}; every outer fuel F <= {MAX_OUTER_FUEL} and every input "
        f"|x| <= {MAX_INPUT}; steps 1 and 2 as encoded by the symbolic Mesa step"
    )


Statement = Callable[[SymbolicMesa, SymbolicWord, z3.BitVecRef], z3.BoolRef]
"""A statement about one Mesa program, one input and one outer fuel (all symbolic)."""


def _for_every_mesa(statement: Statement, max_states: int = MAX_STATES) -> Bool:
    """Return "for every evaluator of k <= ``max_states`` states, every candidate list, f,
    x and F: ``statement``" as one closed formula (free variables read universally)."""
    x, x_well_formed = symbolic_word("x", MAX_INPUT)
    outer_fuel = z3.BitVec("F", WIDTH)
    cases = []
    for states in range(max_states + 1):
        mesa, well_formed = free_mesa(free_table(states), MAX_CANDIDATES, MAX_LENGTH, MAX_FUEL)
        assumptions = z3.And(*well_formed, *x_well_formed)
        cases.append(z3.Implies(assumptions, statement(mesa, x, outer_fuel)))
    return Bool(z3.And(*cases))


def _same_outcome(one: SymbolicMesaStep, other: SymbolicMesaStep) -> z3.BoolRef:
    """Return "the two steps give the same out-of-fuel, scores, steps spent and choice"."""
    scores = [
        z3.And(a.scored == b.scored, z3.Implies(a.scored, a.score == b.score))
        for a, b in zip(one.evaluations, other.evaluations, strict=True)
    ]
    finished = z3.And(
        *scores,
        one.spent == other.spent,
        one.fuel_left == other.fuel_left,
        one.none_chosen == other.none_chosen,
        z3.Implies(z3.Not(one.none_chosen), one.chosen == other.chosen),
    )
    same_end = z3.Implies(z3.Not(one.out_of_fuel), finished)
    return z3.And(one.out_of_fuel == other.out_of_fuel, same_end)


def _pair_code(tape: z3.BitVecRef, x: SymbolicWord) -> z3.BoolRef:
    """Return "cell 2i of ``tape`` is 1 exactly for i < |x|, cell 2i+1 holds x_i"."""
    cells = []
    for cell in range(tape.size()):
        holds = z3.Extract(cell, cell, tape) == 1
        index = z3.BitVecVal(cell // 2, x.length.size())
        inside = z3.ULT(index, x.length)
        if cell % 2 == 0:
            cells.append(holds == inside)
        else:
            bit = z3.Extract(cell // 2, cell // 2, x.bits) == 1
            cells.append(holds == z3.And(inside, bit))
    return z3.And(*cells)


def _does_not_read_its_input(
    mesa: SymbolicMesa, x: SymbolicWord, outer_fuel: z3.BitVecRef
) -> z3.BoolRef:
    other, other_well_formed = symbolic_word("x_other", MAX_INPUT)
    step, step_other = mesa_step(mesa, x, outer_fuel), mesa_step(mesa, other, outer_fuel)
    untouched = z3.And(_pair_code(step.tape, x), _pair_code(step_other.tape, other))
    return z3.Implies(
        z3.And(*other_well_formed), z3.And(_same_outcome(step, step_other), untouched)
    )


def _scores_are_U_m(mesa: SymbolicMesa, x: SymbolicWord, outer_fuel: z3.BitVecRef) -> z3.BoolRef:
    step = mesa_step(mesa, x, outer_fuel)
    scores = [
        z3.Implies(
            evaluation.present,
            z3.And(
                evaluation.halted == evaluation.in_domain,
                z3.Implies(evaluation.in_domain, evaluation.score == evaluation.value),
            ),
        )
        for evaluation in step.evaluations
    ]
    return z3.Implies(z3.Not(step.out_of_fuel), z3.And(*scores))


def _full_cost(step: SymbolicMesaStep) -> z3.BitVecRef:
    """Return the sum of the costs of the present candidates' evaluations with fuel f."""
    total = z3.BitVecVal(0, WIDTH)
    for evaluation in step.evaluations:
        total = total + z3.If(evaluation.present, evaluation.full_cost, z3.BitVecVal(0, WIDTH))
    return total


def _out_of_fuel_exactly(
    mesa: SymbolicMesa, x: SymbolicWord, outer_fuel: z3.BitVecRef
) -> z3.BoolRef:
    step = mesa_step(mesa, x, outer_fuel)
    needed = _full_cost(step)
    return z3.And(
        step.out_of_fuel == z3.UGT(needed, outer_fuel),
        z3.Implies(z3.Not(step.out_of_fuel), step.spent == needed),
    )


def _enough_fuel(mesa: SymbolicMesa, x: SymbolicWord, outer_fuel: z3.BitVecRef) -> z3.BoolRef:
    step = mesa_step(mesa, x, outer_fuel)
    zero = z3.BitVecVal(0, WIDTH)
    enough = zero
    for evaluation in step.evaluations:
        enough = enough + z3.If(evaluation.present, mesa.fuel, zero)
    return z3.Implies(z3.UGE(outer_fuel, enough), z3.Not(step.out_of_fuel))


def _chooses_the_first_argmax(
    mesa: SymbolicMesa, x: SymbolicWord, outer_fuel: z3.BitVecRef
) -> z3.BoolRef:
    step = mesa_step(mesa, x, outer_fuel)
    evaluations = step.evaluations
    in_dom = [z3.And(e.present, e.in_domain) for e in evaluations]
    index_width = step.chosen.size()
    picks = []
    for j, chosen in enumerate(evaluations):
        best = [
            z3.Implies(in_dom[i], z3.UGE(chosen.value, other.value))
            if i >= j
            else z3.Implies(in_dom[i], z3.UGT(chosen.value, other.value))
            for i, other in enumerate(evaluations)
        ]
        is_j = step.chosen == z3.BitVecVal(j, index_width)
        picks.append(z3.And(is_j, in_dom[j], *best))
    rule = z3.And(step.none_chosen == z3.Not(z3.Or(*in_dom)), z3.Or(step.none_chosen, *picks))
    return z3.Implies(z3.Not(step.out_of_fuel), rule)


def _scores_and_choice(mesa: SymbolicMesa, x: SymbolicWord, outer_fuel: z3.BitVecRef) -> z3.BoolRef:
    """Return "the scores are U_m's values, and the choice is the first argmax of U_m".

    Written ``A and (A implies B)``, which is ``A and B``: the solver refutes ``not B``
    with ``A`` at hand (measured in docs/proved.md: Z3 and cvc5 need 5 to 20 times less
    time than on ``B`` alone).
    """
    scores = _scores_are_U_m(mesa, x, outer_fuel)
    return z3.And(scores, z3.Implies(scores, _chooses_the_first_argmax(mesa, x, outer_fuel)))


def _bounds(max_states: int) -> str:
    return (
        f"every Mesa program whose evaluator is a table of at most {max_states} states, with "
        f"at most {MAX_CANDIDATES} candidates of at most {MAX_LENGTH} characters and "
        f"internal fuel f <= {MAX_FUEL}, every outer fuel F <= {MAX_OUTER_FUEL}"
    )


BOUNDS = _bounds(MAX_STATES)
SCOPE = scope(MAX_STATES)
U_M = "U_m(c_i) is the ones of the run of e on c_i with fuel f where it halts (c_i ∈ dom(U_m))"

MESA_THEOREMS: list[Theorem] = [
    Theorem(
        "a_mesa_programs_first_step_does_not_read_its_input",
        f"For {BOUNDS} and any two inputs x, x' of at most {MAX_INPUT} characters: step 1 "
        "runs out of fuel on x exactly when it does on x'; otherwise the scores, the steps "
        "spent, the fuel left and the choice (none, or the same index) are the same, and the "
        "tape m leaves after step 1 (its result when no candidate is scored) is x in pair "
        "code, untouched. This holds by construction, in the encoding as in the reference "
        "interpreter (mesaform.spec.interpreter.evaluate_candidates is not given x): x "
        "enters step 1 only as m's tape, which step 1 passes on; the solver checks the "
        "consequence.",
        "unfolding",
        lambda: _for_every_mesa(_does_not_read_its_input),
        MESA_PROGRAMS,
        SCOPE,
    ),
    Theorem(
        "a_candidates_score_is_U_m_of_it_whatever_the_input",
        f"For {BOUNDS} and every input x of at most {MAX_INPUT} characters: if step 1 does "
        "not run out of fuel, each present candidate c_i is scored exactly when c_i ∈ "
        f"dom(U_m), and its score is then U_m(c_i); {U_M}, which does not mention x.",
        "theorem",
        lambda: _for_every_mesa(_scores_are_U_m),
        MESA_PROGRAMS,
        SCOPE,
    ),
    Theorem(
        "a_mesa_programs_first_step_is_out_of_fuel_exactly_when_its_evaluations_need_more_than_F",
        f"For {BOUNDS} and every input x of at most {MAX_INPUT} characters: step 1 runs out "
        "of fuel exactly when the evaluations of the present candidates with fuel f cost "
        "more than F steps in all (a halting evaluation its steps, another f), and otherwise "
        "spends exactly that many (each evaluation runs with fuel min(f, F - spent); that "
        "the scores are then U_m's values is a_candidates_score_is_U_m_of_it_whatever_the_input).",
        "theorem",
        lambda: _for_every_mesa(_out_of_fuel_exactly),
        MESA_PROGRAMS,
        SCOPE,
    ),
    Theorem(
        "a_mesa_programs_first_step_finishes_with_f_steps_of_fuel_per_candidate",
        f"For {BOUNDS} and every input x of at most {MAX_INPUT} characters: if F is at "
        "least the number of candidates present times f, step 1 does not run out of fuel.",
        "theorem",
        lambda: _for_every_mesa(_enough_fuel),
        MESA_PROGRAMS,
        SCOPE,
    ),
    Theorem(
        "a_mesa_program_chooses_the_first_argmax_of_U_m_over_its_candidates_in_dom",
        f"For {_bounds(CHOICE_MAX_STATES)} and every input x of at most {MAX_INPUT} "
        "characters: if step 1 does not run out of fuel, the present candidates scored are "
        "those in dom(U_m), each "
        "with score U_m(c_i); no candidate is chosen exactly when none of them is in "
        "dom(U_m); otherwise the chosen c_j is present and in dom(U_m), U_m(c_j) >= U_m(c_i) "
        "for every present c_i in dom(U_m), and U_m(c_j) > U_m(c_i) for every such i < j "
        f"(the argmax of U_m over C ∩ dom(U_m), the lowest index on ties); {U_M}.",
        "theorem",
        lambda: _for_every_mesa(_scores_and_choice, CHOICE_MAX_STATES),
        CHOICE_RULE,
        scope(CHOICE_MAX_STATES),
    ),
]
"""The bounded theorems about a Mesa program's first two steps."""
