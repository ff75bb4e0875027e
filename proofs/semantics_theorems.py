"""Bounded theorems about the semantics of Table programs, proved with the symbolic interpreter.

Formalizes, for the running of a Table program (docs/semantics.md#running), the two
facts mathlib proves about bounded evaluation of partial recursive functions:
``evaln_mono`` (more fuel never changes a result that was reached) and ``evaln_sound``
(a result reached within fuel ``f`` is the result of the run: it halts after exactly
the steps it reports). Here they are proved by Z3 over :mod:`proofs.symbolic`, for
every transition table of ``k <= 3`` states (every field of every transition is a
free variable: every such table at once), every input word ``|x| <= 3`` written in
pair code, and every fuel up to 10; the statements say so. The symbolic interpreter
is itself tested against the reference interpreter (``tests/test_symbolic.py``).

The statements about whole runs stop at fuel 10: at fuel 30 cvc5 proves monotonicity
in seconds but Z3 does not answer within minutes. The step laws are checked on the
tape of fuel 30, and give monotonicity up to fuel 30 by induction over the steps.

Main definitions: :func:`free_table`, :data:`SEMANTICS_THEOREMS`.
"""

from __future__ import annotations

import z3

from proofs.symbolic import (
    SymbolicPrefix,
    SymbolicTable,
    SymbolicTransition,
    count_width,
    run_symbolic_prefixes,
    symbolic_step,
    symbolic_word,
)
from proofs.theorem import Theorem
from proofs.z3_typed import Bool

MAX_STATES = 3
"""Tables of at most this many states."""

MAX_FUEL = 10
"""Fuel up to this many steps, for the statements about whole runs."""

STEP_FUEL = 30
"""The step laws hold on every configuration of the tape a run of this fuel uses."""

MAX_INPUT = 3
"""Input words of at most this many characters."""

RUNNING = "docs/semantics.md#running"
SCOPE = (
    f"bounded: every table of k <= {MAX_STATES} states (each transition field free), every "
    f"input |x| <= {MAX_INPUT}, every fuel f <= f' <= {MAX_FUEL}; runs as encoded by the "
    f"symbolic interpreter on the cells a run of fuel {MAX_FUEL} can reach"
)
STEP_WIDTH = 2 * STEP_FUEL + 1
STEP_SCOPE = (
    f"bounded: every table of k <= {MAX_STATES} states (each transition field free) and "
    f"every configuration (tape, head, state, step count) on the {STEP_WIDTH} cells a run "
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


def _for_every_table(law: str) -> Bool:
    statements = []
    x, well_formed = symbolic_word("x", MAX_INPUT)
    for states in range(MAX_STATES + 1):
        runs = run_symbolic_prefixes(free_table(states), x, MAX_FUEL)
        for fuel, run in enumerate(runs):
            if law == "monotone":
                if fuel == len(runs) - 1:
                    continue
                after = runs[fuel + 1]
                same = z3.And(after.halted, after.tape == run.tape, after.steps == run.steps)
                statements.append(z3.Implies(run.halted, same))
            else:
                exactly = [
                    z3.Implies(
                        run.steps == steps,
                        z3.And(
                            runs[steps].halted,
                            runs[steps].tape == run.tape,
                            z3.BoolVal(True) if steps == 0 else z3.Not(runs[steps - 1].halted),
                        ),
                    )
                    for steps in range(fuel + 1)
                ]
                bounded = z3.ULE(run.steps, fuel)
                statements.append(z3.Implies(run.halted, z3.And(bounded, *exactly)))
    return Bool(z3.Implies(z3.And(*well_formed), z3.And(*statements)))


SEMANTICS_THEOREMS: list[Theorem] = [
    Theorem(
        "a_step_fixes_a_halted_configuration_and_counts_a_running_one",
        f"For every table of at most {MAX_STATES} states and every configuration on "
        f"{STEP_WIDTH} cells: if it has halted, a step leaves tape, head, state and step "
        "count unchanged; otherwise the step count grows by one. Runs iterate this step, so "
        f"by induction a run that halts within f <= {STEP_FUEL} steps keeps its result for "
        f"every fuel f' with f <= f' <= {STEP_FUEL}.",
        "theorem",
        _step_laws,
        RUNNING,
        STEP_SCOPE,
    ),
    Theorem(
        "table_runs_are_fuel_monotone",
        f"For every table of at most {MAX_STATES} states, every input |x| <= {MAX_INPUT} and "
        f"all fuels f <= f' <= {MAX_FUEL}: if the run halts within f steps, it halts within "
        "f' steps with the same tape and the same step count (after mathlib's evaln_mono).",
        "theorem",
        lambda: _for_every_table("monotone"),
        RUNNING,
        SCOPE,
    ),
    Theorem(
        "table_runs_are_sound",
        f"For every table of at most {MAX_STATES} states, every input |x| <= {MAX_INPUT} and "
        f"every fuel f <= {MAX_FUEL}: if the run halts within f steps reporting s steps, "
        "then s <= f, it halts within exactly s steps with the same tape, and not within "
        "s - 1 (the reported result is the run's first halt; after mathlib's evaln_sound).",
        "theorem",
        lambda: _for_every_table("sound"),
        RUNNING,
        SCOPE,
    ),
]
"""The bounded theorems about running Table programs."""
