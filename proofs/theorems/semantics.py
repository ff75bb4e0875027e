"""Bounded theorems about the semantics of Table programs, proved with the symbolic interpreter.

Formalizes, for the running of a Table program (docs/semantics.md#running), the two
facts mathlib proves about bounded evaluation of partial recursive functions:
``evaln_mono`` (more fuel never changes a result that was reached) and ``evaln_sound``
(a result reached within fuel ``f`` is the result of the run: it halts after exactly
the steps it reports). Here they are proved by Z3 and by cvc5 over
:mod:`mesaform.proofs.symbolic.tables`, for every transition table of ``k <= 3`` states (every field
of every transition is a free variable: every such table at once), every input word
``|x| <= 3`` written in pair code, and every fuel up to 30, on the 61 cells a run of
fuel 30 can reach; the statements say so. The symbolic interpreter is itself tested
against the reference interpreter (``tests/test_symbolic.py``).

Each statement is the form the solvers decide quickly (measured, docs/solvers.md):
monotonicity compares consecutive fuels (any two fuels follow by induction, which the
statement says); soundness starts from the run's first halt (a premise that fixes
which steps ran), and chains step count and tape from each fuel to the next. Z3 decides both with
the tactic :data:`Z3_TACTIC` (its default QF_BV strategy does not answer within a
minute at fuel 30), cvc5 with its defaults. A step law
is also checked on every configuration of those 61 cells.

Main definitions: :func:`free_table`, :data:`SEMANTICS_THEOREMS`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import z3

from mesaform.proofs.symbolic.tables import (
    SymbolicPrefix,
    SymbolicTable,
    SymbolicTransition,
    count_width,
    run_symbolic_prefixes,
    symbolic_step,
    symbolic_word,
)
from mesaform.proofs.symbolic.z3_typed import Bool
from mesaform.proofs.theorems.theorem import Theorem

MAX_STATES = 3
"""Tables of at most this many states."""

MAX_FUEL = 30
"""Fuel up to this many steps, for the statements about whole runs."""

STEP_FUEL = MAX_FUEL
"""The step laws hold on every configuration of the tape a run of this fuel uses."""

MAX_INPUT = 3
"""Input words of at most this many characters."""

Z3_TACTIC = ("simplify", "solve-eqs", "smt")
"""Z3 simplifies, then decides with its SMT core: both statements about whole runs at
fuel 30 in under ~10 s of CPU, where Z3's default QF_BV strategy (bit-blasting to its
SAT solver) does not answer within a minute (measured, docs/solvers.md)."""

RUNNING = "docs/semantics.md#running"
SCOPE = (
    f"bounded: every table of k <= {MAX_STATES} states (each transition field free), every "
    f"input |x| <= {MAX_INPUT}, every fuel up to {MAX_FUEL}; runs as encoded by the "
    f"symbolic interpreter on the {2 * MAX_FUEL + 1} cells a run of fuel {MAX_FUEL} can reach"
)
STEP_WIDTH = 2 * STEP_FUEL + 1
STEP_SCOPE = (
    f"bounded: every table of 1 <= k <= {MAX_STATES} states (each transition field free) "
    f"and every configuration (tape, head, state, step count) on the {STEP_WIDTH} cells a run "
    f"of fuel {STEP_FUEL} can reach; extending it to runs is an induction on the steps, "
    "by the definition of run_symbolic_prefixes (the solver checks the step only)"
)


def _free_configuration(states: int) -> SymbolicPrefix:
    return SymbolicPrefix(
        z3.Bool("halted"),
        z3.BitVec("steps", count_width(STEP_WIDTH)),
        z3.BitVec("tape", STEP_WIDTH),
        z3.BitVec("head", STEP_WIDTH),
        z3.BitVec(f"state_{states}", max(1, states.bit_length())),
        z3.BitVec("change", count_width(STEP_WIDTH) + 1),
    )


def _step_laws() -> Bool:
    laws = []
    for states in range(1, MAX_STATES + 1):
        before = _free_configuration(states)
        after = symbolic_step(free_table(states), before)
        fixed = z3.And(
            after.halted,
            after.steps == before.steps,
            after.tape == before.tape,
            after.head == before.head,
            after.state == before.state,
        )
        counted = after.steps == before.steps + 1
        laws.append(z3.If(before.halted, fixed, counted))
    return Bool(z3.And(*laws))


def free_table(states: int) -> SymbolicTable:
    """Return the table of ``states`` states whose every transition field is a free variable."""
    width = max(1, states.bit_length())
    return SymbolicTable(
        states,
        tuple(
            SymbolicTransition(
                z3.Bool(f"k{states}_write_{i}"),
                z3.Bool(f"k{states}_right_{i}"),
                z3.Bool(f"k{states}_halts_{i}"),
                z3.BitVec(f"k{states}_next_{i}", width),
            )
            for i in range(2 * states)
        ),
    )


def _first_halt(runs: list[SymbolicPrefix], steps: int) -> z3.BoolRef:
    """Return "the run has halted within ``steps`` steps and within no fewer"."""
    return z3.And(runs[steps].halted, *[z3.Not(run.halted) for run in runs[:steps]])


def _monotone(runs: list[SymbolicPrefix]) -> list[z3.BoolRef]:
    """For each fuel f < F: halted within f => halted within f + 1, same tape and step count."""
    return [
        z3.Implies(
            before.halted,
            z3.And(after.halted, after.tape == before.tape, after.steps == before.steps),
        )
        for before, after in itertools.pairwise(runs)
    ]


def _sound(runs: list[SymbolicPrefix]) -> list[z3.BoolRef]:
    """For each s <= F: a first halt at s => s steps reported, and at every fuel f in
    s + 1..F halted with the step count and the tape of fuel f - 1."""
    statements = []
    for steps in range(len(runs)):
        kept = [
            z3.And(after.halted, after.steps == before.steps, after.tape == before.tape)
            for before, after in itertools.pairwise(runs[steps:])
        ]
        counted = runs[steps].steps == steps
        statements.append(z3.Implies(_first_halt(runs, steps), z3.And(counted, *kept)))
    return statements


def _for_every_table(law: Callable[[list[SymbolicPrefix]], list[z3.BoolRef]]) -> Bool:
    statements = []
    x, well_formed = symbolic_word("x", MAX_INPUT)
    for states in range(MAX_STATES + 1):
        statements += law(run_symbolic_prefixes(free_table(states), x, MAX_FUEL))
    return Bool(z3.Implies(z3.And(*well_formed), z3.And(*statements)))


SEMANTICS_THEOREMS: list[Theorem] = [
    Theorem(
        "a_step_fixes_a_halted_configuration_and_counts_a_running_one",
        f"For every table of 1 to {MAX_STATES} states (a table of no states halts at once "
        "and takes no step) and every configuration on "
        f"{STEP_WIDTH} cells: if it has halted, a step leaves tape, head, state and step "
        "count unchanged; otherwise the step count grows by one. Runs iterate this step, so "
        f"by induction a run that halts within f <= {STEP_FUEL} steps keeps its result for "
        f"every fuel f' with f <= f' <= {STEP_FUEL}.",
        "unfolding",
        _step_laws,
        RUNNING,
        STEP_SCOPE,
    ),
    Theorem(
        "table_runs_are_fuel_monotone",
        f"For every table of at most {MAX_STATES} states, every input |x| <= {MAX_INPUT} and "
        f"every fuel f < {MAX_FUEL}: if the run halts within f steps, it halts within f + 1 "
        "steps with the same tape and the same step count; so, by induction on f', within "
        f"every f' with f <= f' <= {MAX_FUEL} (after mathlib's evaln_mono).",
        "unfolding",
        lambda: _for_every_table(_monotone),
        RUNNING,
        SCOPE,
        z3_tactic=Z3_TACTIC,
    ),
    Theorem(
        "table_runs_are_sound",
        f"For every table of at most {MAX_STATES} states, every input |x| <= {MAX_INPUT} and "
        f"every s <= {MAX_FUEL}: if the run halts first at step s (within s steps and within "
        "no fewer), it reports exactly s steps, and at every fuel f with s < f <= "
        f"{MAX_FUEL} it has halted with the step count and the tape of fuel f - 1. So a run "
        f"that halts within f <= {MAX_FUEL} steps reports the step s <= f of its first halt, "
        "with the tape it had then (after mathlib's evaln_sound).",
        "theorem",
        lambda: _for_every_table(_sound),
        RUNNING,
        SCOPE,
        z3_tactic=Z3_TACTIC,
    ),
]
"""The bounded theorems about running Table programs."""
