"""The least counterexample of a solver's refutation: shortest, then lexicographically least.

Formalizes, for the SMT methods, the order of docs/semantics.md#verdicts: a refuted
bounded claim reports the least ``t`` (shortest, then lexicographically least) on which
``U`` and ``U_m`` break the predicate. The lengths are asked shortest first, so a
solver's first model already has the least length ``L``; among the strings of length
``L`` it is whatever the solver's model happened to be. This module turns that model
into the least string of length ``L`` by fixing ``t``'s bits from the first: where the
current witness has a ``1``, one more query asks for a witness with the same prefix and
a ``0`` there (sat: that witness becomes the current one; unsat: the bit is ``1`` in
every witness with that prefix). A ``0`` in the current witness needs no query (the
witness itself has it). So at most one query per ``1`` of the witness, and the result
is the same whichever model the solver gave: a check resumed from a checkpoint, spread
over a cluster, or run by another solver reports the same counterexample as one run.

Where a length is split into several queries (tables of each number of states), the
other queries of that length are asked for a witness lexicographically below the
current one, and minimized in turn.

Main definitions: :func:`lexicographically_below`, :func:`least_of_length`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import z3

from mesaform.proofs.symbolic.tables import SymbolicWord
from mesaform.spec.machines import TM

Decide = Callable[[tuple[z3.BoolRef, ...]], tuple[str, TM | None]]
"""Ask one query under extra assertions: ``("sat", t)``, ``("unsat", None)`` or
``("unknown", None)``."""


@dataclass(frozen=True)
class Least:
    """The least witness found, the queries it took, and whether it is established
    (``False`` when a query answered unknown or the time ran out: then ``machine`` is
    only the least found so far)."""

    machine: TM
    queries: int
    established: bool


def bit(word: SymbolicWord, index: int) -> z3.BitVecRef:
    """Return ``t[index]`` of a word whose character ``i`` is bit ``i`` of its bit-vector."""
    return z3.Extract(index, index, word.bits)


def prefix_is(word: SymbolicWord, prefix: str) -> tuple[z3.BoolRef, ...]:
    """Return "``t`` starts with ``prefix``" as one equation per character."""
    return tuple(bit(word, i) == (1 if c == "1" else 0) for i, c in enumerate(prefix))


def lexicographically_below(word: SymbolicWord, t: TM) -> z3.BoolRef:
    """Return "``word`` is lexicographically below ``t``" for a word of ``t``'s length.

    Character 0 is the most significant: the characters in reading order, concatenated,
    compare as unsigned numbers exactly as the strings compare lexicographically.
    """
    length = len(t)
    if length == 0:
        return z3.BoolVal(False)
    ordered = z3.Concat(*(bit(word, i) for i in range(length))) if length > 1 else bit(word, 0)
    return z3.ULT(ordered, z3.BitVecVal(int(str(t), 2), length))


def minimize(word: SymbolicWord, witness: TM, decide: Decide) -> Least:
    """Return the least witness of one query, starting from the ``witness`` it gave."""
    best = witness
    queries = 0
    for index in range(len(best)):
        if best[index] == "0":
            continue  # the current witness has the least character here
        queries += 1
        answer, machine = decide(prefix_is(word, str(best)[:index] + "0"))
        if answer == "sat":
            assert machine is not None and str(machine)[: index + 1] == str(best)[:index] + "0"
            best = machine
        elif answer != "unsat":
            return Least(best, queries, established=False)
    return Least(best, queries, established=True)


def least_of_length(
    first: tuple[SymbolicWord, Decide],
    witness: TM,
    others: Sequence[tuple[SymbolicWord, Decide]] = (),
) -> Least:
    """Return the least counterexample of ``witness``'s length over the queries of that length.

    ``first`` is the query that gave ``witness``; ``others`` are the other queries of the
    same length (the same ``t`` split by another case), each asked for a witness below
    the current least and minimized in turn.
    """
    word, decide = first
    least = minimize(word, witness, decide)
    queries = least.queries
    if not least.established:
        return least
    best = least.machine
    for word, decide in others:
        queries += 1
        answer, machine = decide((lexicographically_below(word, best),))
        if answer == "sat":
            assert machine is not None
            found = minimize(word, machine, decide)
            queries += found.queries
            best = found.machine
            if not found.established:
                return Least(best, queries, established=False)
        elif answer != "unsat":
            return Least(best, queries, established=False)
    return Least(best, queries, established=True)
