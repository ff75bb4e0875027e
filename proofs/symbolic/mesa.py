"""A Z3 bit-vector encoding of a Mesa program's first two steps (docs/semantics.md#mesa-programs).

Formalizes steps 1 and 2 of running a Mesa program ``m = (c, f, e, C)`` on an input
``x`` with outer fuel ``F`` (docs/semantics.md#mesa-programs, #choice-rule): "For each
candidate ``c_i`` in order, run the evaluator ``e`` on input ``c_i`` with fuel ``f`` ...
A halting evaluation costs its steps, one that runs out of ``f`` costs ``f`` steps";
under a budget each evaluation runs with fuel ``min(f, F - spent)`` and ``m`` is out
of fuel as soon as the evaluations need more than ``F`` steps; then ``m`` picks "the
scored candidate with the highest score, the lowest index on ties, and none if no
candidate is scored". What step 1 leaves is ``m``'s tape (its input ``x`` in pair
code), the steps spent, and, when no candidate is scored, the result
``Halted(spent, x's tape)``.

The evaluator is a :class:`~mesaform.proofs.symbolic.tables.SymbolicTable` (a concrete table lifted,
or one whose every field is free), so the encoding covers Mesa programs whose
evaluator is a Table program; the candidates are symbolic words of bounded length,
their number present is symbolic (up to a fixed maximum), and the internal fuel
``f``, the outer fuel ``F`` and the input ``x`` are symbolic. Step 3 (acting like the
chosen candidate) is not encoded.

Main definitions:

- :class:`SymbolicMesa` -- ``(f, e, C)`` as terms; :func:`free_mesa` (every part
  free) and :func:`concrete_mesa` (a :class:`~mesaform.spec.programs.Mesa` lifted);
- :class:`SymbolicEvaluation` -- one evaluation of step 1: under the budget (what
  ``m`` does) and with the full fuel ``f`` (what defines ``U_m(c_i)``,
  ``mesaform.spec.library.mesa_objective``);
- :class:`SymbolicMesaStep`, :func:`mesa_step` -- steps 1 and 2 of ``m`` on ``x``
  with fuel ``F``.

Main result (``tests/test_symbolic_mesa.py``): on concrete evaluators, candidates,
fuels and inputs the readings equal those of :func:`mesaform.spec.interpreter.evaluate_candidates`,
:func:`mesaform.spec.interpreter.choose`, :func:`mesaform.spec.interpreter.run_mesa` and
:func:`mesaform.spec.library.mesa_objective`; the theorems built on it are in
:mod:`mesaform.proofs.theorems.mesa`.
"""

from __future__ import annotations

from dataclasses import dataclass

import z3

from mesaform.proofs.symbolic.tables import (
    SymbolicPrefix,
    SymbolicTable,
    SymbolicWord,
    _geometry,
    _input_tape,
    concrete_table,
    concrete_word,
    count_width,
    run_symbolic_prefixes,
    symbolic_word,
)
from mesaform.spec.programs import Mesa, Table, decode


def mesa_counter_width(max_candidates: int, max_fuel: int, max_length: int) -> int:
    """Return the width of the counters of a Mesa step (steps, fuels, scores).

    It holds ``max_candidates * max_fuel`` (every evaluation's cost) and the ones of an
    evaluation's tape, with one bit to spare; the outer fuel ``F`` ranges over every
    value of this width.
    """
    _lowest, _highest, width, _counter = _geometry(concrete_word("", max_length), max_fuel)
    return count_width(max(max_candidates * max_fuel, width))


@dataclass(frozen=True)
class SymbolicMesa:
    """A Mesa program's ``(f, e, C)`` as terms, for steps 1 and 2.

    ``candidates`` holds room for ``len(candidates)`` candidates, of which the first
    ``present`` are present (a Mesa code may end before ``c`` candidates; ``c`` itself
    does not enter steps 1 and 2). ``fuel`` is ``f``, of width ``width``, at most
    ``max_fuel``.
    """

    evaluator: SymbolicTable
    candidates: tuple[SymbolicWord, ...]
    present: z3.BitVecRef
    fuel: z3.BitVecRef
    max_fuel: int
    width: int

    def is_present(self, index: int) -> z3.BoolRef:
        """Return "candidate ``index`` is present": ``index < present``."""
        return z3.ULT(z3.BitVecVal(index, self.present.size()), self.present)


def free_mesa(
    evaluator: SymbolicTable, max_candidates: int, max_length: int, max_fuel: int
) -> tuple[SymbolicMesa, list[z3.BoolRef]]:
    """Return a Mesa program with the given evaluator and everything else free.

    Up to ``max_candidates`` candidates of length ``<= max_length`` each, every internal
    fuel ``f <= max_fuel``; the constraints say so.
    """
    width = mesa_counter_width(max_candidates, max_fuel, max_length)
    constraints: list[z3.BoolRef] = []
    candidates = []
    for index in range(max_candidates):
        word, well_formed = symbolic_word(f"c{index}", max_length)
        candidates.append(word)
        constraints += well_formed
    present = z3.BitVec("present", count_width(max_candidates))
    fuel = z3.BitVec("f", width)
    constraints += [z3.ULE(present, max_candidates), z3.ULE(fuel, max_fuel)]
    return SymbolicMesa(evaluator, tuple(candidates), present, fuel, max_fuel, width), constraints


def concrete_mesa(mesa: Mesa, max_candidates: int, max_length: int, max_fuel: int) -> SymbolicMesa:
    """Lift a Mesa program whose evaluator is a Table program, with the given room.

    ``ValueError`` if the evaluator decodes to a Mesa program or a part exceeds its room.
    """
    evaluator = decode(mesa.evaluator)
    if not isinstance(evaluator, Table):
        raise ValueError("the symbolic Mesa step covers evaluators that are Table programs")
    if len(mesa.candidates) > max_candidates or mesa.fuel > max_fuel:
        raise ValueError(
            f"{len(mesa.candidates)} candidates and fuel {mesa.fuel} exceed the room "
            f"({max_candidates} candidates, fuel {max_fuel})"
        )
    width = mesa_counter_width(max_candidates, max_fuel, max_length)
    candidates = [concrete_word(c, max_length) for c in mesa.candidates]
    candidates += [concrete_word("", max_length)] * (max_candidates - len(candidates))
    return SymbolicMesa(
        concrete_table(evaluator),
        tuple(candidates),
        z3.BitVecVal(len(mesa.candidates), count_width(max_candidates)),
        z3.BitVecVal(mesa.fuel, width),
        max_fuel,
        width,
    )


@dataclass(frozen=True)
class SymbolicEvaluation:
    """The evaluator's run on one candidate, as ``m`` runs it and as ``U_m`` reads it.

    Under the budget: ``fuel`` is ``min(f, F - spent so far)``; ``halted``, ``score``
    (its ones) and ``cost`` (its steps, or ``fuel`` when out of fuel) are that run's;
    ``exhausts`` says that it ran out of a fuel below ``f`` (then ``m`` is out of fuel).
    With the full fuel ``f``: ``in_domain`` (the run halts: ``c_i ∈ dom(U_m)``),
    ``value`` (its ones: ``U_m(c_i)``) and ``full_cost``. All counters have the
    Mesa step's width.
    """

    present: z3.BoolRef
    fuel: z3.BitVecRef
    halted: z3.BoolRef
    score: z3.BitVecRef
    cost: z3.BitVecRef
    exhausts: z3.BoolRef
    in_domain: z3.BoolRef
    value: z3.BitVecRef
    full_cost: z3.BitVecRef

    @property
    def scored(self) -> z3.BoolRef:
        """Return "this candidate is present and has a score"."""
        return z3.And(self.present, self.halted)


@dataclass(frozen=True)
class SymbolicMesaStep:
    """What steps 1 and 2 of ``m`` on ``x`` with fuel ``F`` give, as terms.

    ``out_of_fuel``: the evaluations need more than ``F`` steps (``m``'s result is
    ``OutOfFuel(F)``); otherwise ``spent`` steps were spent, ``none_chosen`` says no
    candidate has a score (``m`` halts with ``Halted(spent, tape)``), else ``chosen``
    is the index picked, which step 3 runs on ``tape`` with ``fuel_left``. ``tape``
    is ``m``'s own tape after step 1, cells ``0 .. tape.size() - 1``.
    """

    evaluations: tuple[SymbolicEvaluation, ...]
    out_of_fuel: z3.BoolRef
    spent: z3.BitVecRef
    fuel_left: z3.BitVecRef
    none_chosen: z3.BoolRef
    chosen: z3.BitVecRef
    tape: z3.BitVecRef


@dataclass(frozen=True)
class _Reached:
    """A run's readings at a symbolic fuel: halted yet, steps, ones (of ``width`` bits)."""

    halted: z3.BoolRef
    steps: z3.BitVecRef
    ones: z3.BitVecRef


def _at_fuel(prefixes: list[SymbolicPrefix], word: SymbolicWord, fuel: z3.BitVecRef) -> _Reached:
    """Return the readings of the run on ``word`` with fuel ``fuel`` (``<= len(prefixes) - 1``).

    The run with fuel ``g`` is the configuration after ``g`` steps of the step loop
    (:func:`mesaform.proofs.symbolic.tables.run_symbolic_prefixes`), read by cases on ``fuel``. Its
    ones
    are the input tape's (``|word|`` markers and ``word``'s ones) plus the change the
    steps made (:attr:`mesaform.proofs.symbolic.tables.SymbolicPrefix.change`): no tape is compared.
    """
    width = fuel.size()
    last = prefixes[-1]
    halted, steps, change = last.halted, last.steps, last.change
    for index in range(len(prefixes) - 2, -1, -1):
        prefix = prefixes[index]
        matches = fuel == z3.BitVecVal(index, width)
        halted = z3.If(matches, prefix.halted, halted)
        steps = z3.If(matches, prefix.steps, steps)
        change = z3.If(matches, prefix.change, change)
    length = z3.ZeroExt(width - word.length.size(), word.length)
    written = length + word.ones(width) + _resize(change, width)
    return _Reached(halted, z3.ZeroExt(width - steps.size(), steps), written)


def _resize(change: z3.BitVecRef, width: int) -> z3.BitVecRef:
    """Return the two's-complement ``change`` at ``width`` bits (sign-extended or cut)."""
    if change.size() <= width:
        return z3.SignExt(width - change.size(), change)
    return z3.Extract(width - 1, 0, change)


def _minimum(a: z3.BitVecRef, b: z3.BitVecRef) -> z3.BitVecRef:
    return z3.If(z3.ULE(a, b), a, b)


def mesa_step(mesa: SymbolicMesa, x: SymbolicWord, outer_fuel: z3.BitVecRef) -> SymbolicMesaStep:
    """Return steps 1 and 2 of ``m`` run on ``x`` with fuel ``outer_fuel`` (``F``).

    Mirrors :func:`mesaform.spec.interpreter.run_mesa` up to its choice: each present candidate
    in order is evaluated with fuel ``min(f, F - evaluated)``; an evaluation out of a
    fuel below ``f``, or a total above ``F``, makes ``m`` out of fuel; the scores of the
    halting evaluations are their ones; the choice is :func:`mesaform.spec.interpreter.choose`'s.
    ``m``'s tape is its input tape and is passed on untouched (the evaluations run on
    tapes of their own). ``outer_fuel`` has the width of ``mesa.width``.
    """
    width = mesa.width
    zero = z3.BitVecVal(0, width)
    evaluated: z3.BitVecRef = zero
    out_of_fuel: z3.BoolRef = z3.BoolVal(False)
    evaluations = []
    for index, candidate in enumerate(mesa.candidates):
        present = mesa.is_present(index)
        prefixes = run_symbolic_prefixes(mesa.evaluator, candidate, mesa.max_fuel)
        capped = _minimum(mesa.fuel, outer_fuel - evaluated)
        reached = _at_fuel(prefixes, candidate, capped)
        cost = z3.If(reached.halted, reached.steps, capped)
        exhausts = z3.And(present, z3.Not(reached.halted), z3.ULT(capped, mesa.fuel))
        full = _at_fuel(prefixes, candidate, mesa.fuel)
        evaluations.append(
            SymbolicEvaluation(
                present,
                capped,
                reached.halted,
                reached.ones,
                cost,
                exhausts,
                full.halted,
                full.ones,
                z3.If(full.halted, full.steps, mesa.fuel),
            )
        )
        evaluated = evaluated + z3.If(present, cost, zero)
        out_of_fuel = z3.Or(out_of_fuel, exhausts, z3.UGT(evaluated, outer_fuel))
    none_chosen, chosen = _choose(evaluations)
    tape = _input_tape(x, 0, max(1, 2 * x.max_length))
    return SymbolicMesaStep(
        tuple(evaluations),
        out_of_fuel,
        evaluated,
        outer_fuel - evaluated,
        none_chosen,
        chosen,
        tape,
    )


def _choose(evaluations: list[SymbolicEvaluation]) -> tuple[z3.BoolRef, z3.BitVecRef]:
    """Return (no candidate scored, the chosen index): :func:`mesaform.spec.interpreter.choose`."""
    index_width = count_width(len(evaluations))
    none: z3.BoolRef = z3.BoolVal(True)
    best: z3.BitVecRef = z3.BitVecVal(0, index_width)
    best_score: z3.BitVecRef | None = None
    for index, evaluation in enumerate(evaluations):
        if best_score is None:
            takes = evaluation.scored
            best_score = evaluation.score
        else:
            takes = z3.And(evaluation.scored, z3.Or(none, z3.UGT(evaluation.score, best_score)))
            best_score = z3.If(takes, evaluation.score, best_score)
        best = z3.If(takes, z3.BitVecVal(index, index_width), best)
        none = z3.And(none, z3.Not(takes))
    return none, best
