"""A Z3 bit-vector encoding of running a Table program (docs/semantics.md#running).

Formalizes docs/semantics.md#running (a step reads the symbol s under the head in
state q and applies delta(q, s): write, move, then halt if next is HALT; a missing
transition behaves exactly as 1RZ; every halting transition counts as a step)
for a *symbolic* input word -- the candidate string ``t`` with ``|t| <= n``, written
in pair code from cell 0 -- and for a concrete or a symbolic transition table, so
that "for every t with |t| <= n" becomes one solver query.

Main definitions:

- :class:`SymbolicWord` -- a word of symbolic length ``<= max_length``: bits as a
  bit-vector (bit ``i`` is the word's ``i``-th character), length as a bit-vector;
  :func:`symbolic_word`, :func:`concrete_word`, :func:`word_value` (decode a model);
- :class:`SymbolicTransition`, :class:`SymbolicTable` -- a transition table whose
  fields are Z3 terms: :func:`concrete_table` lifts a :class:`~mesaform.spec.programs.Table`;
  :func:`table_of_code` reads the ``k``-state table *denoted by* a symbolic code
  (the layout ``0 1^k 0`` then ``2k`` fields of ``2 + w`` bits is fixed once ``k`` is);
- :func:`decodes_to_states` -- the constraint "this word decodes to a ``k``-state table";
- :class:`SymbolicRun`, :func:`run_symbolic` -- the readings ``halted``, ``steps``,
  ``ones``, ``output`` of the run for ``F`` steps, as Z3 terms.

The encoding (measured, see docs/solvers.md): the tape is one bit-vector over the
cells the run can reach (``-F .. max(F, 2n)``); the head is a *one-hot* bit-vector
of the same width, so reading is ``tape & head != 0``, writing is ``tape | head`` or
``tape & ~head`` and moving is a shift by the constant 1 -- no symbolic shift. The
state is a bit-vector, and the run freezes once it has halted. ``ones`` is the
population count of the final tape.

Main result (``tests/test_symbolic.py``): on concrete tables, words and fuels the
symbolic readings evaluate to exactly what :func:`mesaform.spec.interpreter.run` returns.
"""

from __future__ import annotations

from dataclasses import dataclass

import z3

from mesaform.spec.programs import Table, effective_transition


def count_width(largest: int) -> int:
    """Return a bit-vector width that holds every natural up to ``largest`` and one more bit."""
    return max(2, largest.bit_length() + 1)


@dataclass(frozen=True)
class SymbolicWord:
    """A word ``x`` with ``|x| <= max_length``.

    ``bits`` has width ``max(1, max_length)``; bit ``i`` is ``x_i``; the words built
    here keep bits at ``i >= |x|`` zero, so each word has one representation.
    ``length`` is a bit-vector of width :func:`length_width`.
    """

    bits: z3.BitVecRef
    length: z3.BitVecRef
    max_length: int

    def bit(self, index: int) -> z3.BoolRef:
        """Return ``index < |x|`` and ``x_index = 1``."""
        inside = self.present(index)
        if z3.is_false(inside):
            return inside
        character = z3.Extract(index, index, self.bits) == 1
        return character if z3.is_true(inside) else z3.And(inside, character)

    def present(self, index: int) -> z3.BoolRef:
        """Return ``index < |x|`` (a constant when the length is one)."""
        if index >= self.max_length:
            return z3.BoolVal(False)
        if z3.is_bv_value(self.length):
            return z3.BoolVal(index < self.length.as_long())
        return z3.ULT(z3.BitVecVal(index, self.length.size()), self.length)

    def ones(self, width: int) -> z3.BitVecRef:
        """Return the number of ``1`` characters in ``x`` as a bit-vector of ``width``."""
        total: z3.BitVecRef = z3.BitVecVal(0, width)
        for index in range(self.max_length):
            total = total + z3.If(self.bit(index), z3.BitVecVal(1, width), z3.BitVecVal(0, width))
        return total


def length_width(max_length: int) -> int:
    """Return the width of a word's length bit-vector."""
    return count_width(max_length)


def symbolic_word(name: str, max_length: int) -> tuple[SymbolicWord, list[z3.BoolRef]]:
    """Return a fresh word ``name`` with ``|x| <= max_length`` and its well-formedness constraints.

    The constraints say ``|x| <= max_length`` and that the bits past ``|x|`` are zero.
    """
    width = max(1, max_length)
    bits = z3.BitVec(f"{name}_bits", width)
    length = z3.BitVec(f"{name}_length", length_width(max_length))
    constraints: list[z3.BoolRef] = [z3.ULE(length, max_length)]
    for index in range(width):
        outside = z3.UGE(z3.BitVecVal(index, length.size()), length)
        constraints.append(z3.Implies(outside, z3.Extract(index, index, bits) == 0))
    return SymbolicWord(bits, length, max_length), constraints


def concrete_word(x: str, max_length: int | None = None) -> SymbolicWord:
    """Return the word ``x`` as constants, with room for ``max_length`` characters."""
    room = len(x) if max_length is None else max_length
    if len(x) > room:
        raise ValueError(f"word of length {len(x)} does not fit max_length {room}")
    value = sum(1 << index for index, bit in enumerate(x) if bit == "1")
    return SymbolicWord(
        z3.BitVecVal(value, max(1, room)), z3.BitVecVal(len(x), length_width(room)), room
    )


def word_of_length(name: str, length: int, max_length: int | None = None) -> SymbolicWord:
    """Return a word of the fixed ``length`` whose ``length`` bits are the constant ``name_bits``.

    Splitting "|t| <= n" into the ``n + 1`` cases ``|t| = l`` keeps the pair-code
    markers, and so usually the head's path, concrete: the queries are far easier.
    """
    room = length if max_length is None else max_length
    if length > room:
        raise ValueError(f"length {length} exceeds max_length {room}")
    return SymbolicWord(
        z3.BitVec(f"{name}_bits", max(1, length)), z3.BitVecVal(length, length_width(room)), length
    )


def word_value(model: z3.ModelRef, word: SymbolicWord) -> str:
    """Return the concrete word a model assigns to ``word``."""
    length = model.eval(word.length, model_completion=True).as_long()
    bits = model.eval(word.bits, model_completion=True).as_long()
    return "".join("1" if (bits >> index) & 1 else "0" for index in range(length))


@dataclass(frozen=True)
class SymbolicTransition:
    """delta(q, s) as terms: ``write``/``move_right`` bits, ``halts``, ``next_state``."""

    write: z3.BoolRef
    move_right: z3.BoolRef
    halts: z3.BoolRef
    next_state: z3.BitVecRef


@dataclass(frozen=True)
class SymbolicTable:
    """A table of ``states`` states; ``transitions[2q + s]`` is delta(q, s), missing ones as 1RZ."""

    states: int
    transitions: tuple[SymbolicTransition, ...]

    @property
    def state_width(self) -> int:
        """Return the width of the state bit-vector."""
        return max(1, self.states.bit_length())


def concrete_table(table: Table) -> SymbolicTable:
    """Lift a concrete table: every transition a constant, missing ones read as ``1RZ``."""
    width = max(1, table.states.bit_length())
    transitions = []
    for index in range(2 * table.states):
        transition = effective_transition(table, index // 2, 1 if index % 2 else 0)
        transitions.append(
            SymbolicTransition(
                z3.BoolVal(transition.write == 1),
                z3.BoolVal(transition.move == 1),
                z3.BoolVal(transition.next_state is None),
                z3.BitVecVal(transition.next_state or 0, width),
            )
        )
    return SymbolicTable(table.states, tuple(transitions))


def decodes_to_states(word: SymbolicWord, states: int) -> z3.BoolRef:
    """Return "``word`` decodes to a Table program with exactly ``states`` states".

    That is ``0 1^k`` ending the string or followed by ``0``; for ``k = 0`` also
    the empty string (docs/semantics.md#programs: the header ends at its ``0`` or at the end).
    """
    header = [word.present(0), z3.Not(word.bit(0))]
    header += [word.bit(1 + index) for index in range(states)]
    header.append(z3.Not(word.bit(states + 1)))
    decoded = z3.And(*header)
    if states == 0:
        return z3.Or(word.length == 0, decoded)
    return decoded


def table_of_code(word: SymbolicWord, states: int) -> SymbolicTable:
    """Return the ``states``-state table a symbolic code denotes (assuming its header says so).

    Transition ``j`` starts at bit ``k + 2 + j (2 + w)``; it is missing (``1RZ``) when
    the word ends before its last bit; a next-state field ``>= k`` means HALT.
    """
    width = max(1, states.bit_length())
    transitions = []
    position = states + 2
    for _ in range(2 * states):
        end = position + 2 + width
        present = word.present(end - 1)
        field: z3.BitVecRef = z3.BitVecVal(0, width)
        for offset in range(width):
            digit = z3.If(word.bit(position + 2 + offset), z3.BitVecVal(1, width), 0)
            field = field | (digit << (width - 1 - offset))
        transitions.append(
            SymbolicTransition(
                z3.Or(z3.Not(present), word.bit(position)),
                z3.Or(z3.Not(present), word.bit(position + 1)),
                z3.Or(z3.Not(present), z3.UGE(field, states)),
                field,
            )
        )
        position = end
    return SymbolicTable(states, tuple(transitions))


@dataclass(frozen=True)
class SymbolicRun:
    """The readings of a run as terms (docs/semantics.md#running).

    ``steps``, ``ones`` and ``output`` mean something where ``halted`` holds; the
    output is ``output_length`` bits of ``output_bits`` (bit ``i`` is output bit ``i``).
    """

    halted: z3.BoolRef
    steps: z3.BitVecRef
    ones: z3.BitVecRef
    output_bits: z3.BitVecRef
    output_length: z3.BitVecRef
    tape: z3.BitVecRef
    lowest_cell: int
    change: z3.BitVecRef
    """The change in ones, ``Σ (write - read)`` over the steps taken, two's complement of
    width ``counter + 1``: ``ones = ones of the input tape + change``."""


def _select(
    table: SymbolicTable, state: z3.BitVecRef, symbol: z3.BoolRef
) -> tuple[z3.BoolRef, z3.BoolRef, z3.BoolRef, z3.BitVecRef]:
    """Return delta(state, symbol) by cases on the state and the symbol read."""
    last = table.transitions[-1]
    write, move, halts, target = last.write, last.move_right, last.halts, last.next_state
    for index in range(len(table.transitions) - 2, -1, -1):
        transition = table.transitions[index]
        matches = z3.And(state == index // 2, symbol if index % 2 else z3.Not(symbol))
        write = z3.If(matches, transition.write, write)
        move = z3.If(matches, transition.move_right, move)
        halts = z3.If(matches, transition.halts, halts)
        target = z3.If(matches, transition.next_state, target)
    return write, move, halts, target


def _input_tape(x: SymbolicWord | None, lowest: int, width: int) -> z3.BitVecRef:
    """Return the tape holding ``x`` in pair code: cell ``2i`` is 1, cell ``2i+1`` is ``x_i``."""
    if x is None:
        return z3.BitVecVal(0, width)
    cells: list[z3.BitVecRef] = []
    for position in range(width - 1, -1, -1):  # Concat takes the most significant first
        cell = position + lowest
        if cell < 0:
            bit: z3.BoolRef = z3.BoolVal(False)
        elif cell % 2 == 0:
            bit = x.present(cell // 2)
        else:
            bit = x.bit(cell // 2)
        cells.append(z3.If(bit, z3.BitVecVal(1, 1), z3.BitVecVal(0, 1)))
    return cells[0] if width == 1 else z3.Concat(*cells)


@dataclass(frozen=True)
class SymbolicPrefix:
    """A configuration of a run: halted yet, steps taken, the tape, the head (one-hot over
    the tape's cells) and the state."""

    halted: z3.BoolRef
    steps: z3.BitVecRef
    tape: z3.BitVecRef
    head: z3.BitVecRef
    state: z3.BitVecRef
    change: z3.BitVecRef
    """The change in the number of ones so far: each step adds write - read (one bit wider
    than the step counter, two's complement)."""


def _geometry(x: SymbolicWord | None, fuel: int) -> tuple[int, int, int, int]:
    """Return the lowest and highest cells a run of ``fuel`` can reach, the tape width and
    the counter width."""
    input_cells = 2 * x.max_length if x is not None else 0
    lowest = -fuel
    highest = max(fuel, input_cells)
    width = highest - lowest + 1
    return lowest, highest, width, count_width(max(width, fuel))


def symbolic_step(table: SymbolicTable, configuration: SymbolicPrefix) -> SymbolicPrefix:
    """Return the configuration after one step: unless halted, read, write, move, and halt
    or change state, counting the step (docs/semantics.md#running)."""
    tape, head, halted = configuration.tape, configuration.head, configuration.halted
    symbol = (tape & head) != z3.BitVecVal(0, tape.size())
    write, move, halts, target = _select(table, configuration.state, symbol)
    active = z3.Not(halted)
    written = z3.If(write, tape | head, tape & ~head)
    moved = z3.If(move, head << 1, z3.LShR(head, 1))
    counter = configuration.steps.size()
    plus, minus, none = (z3.BitVecVal(v, counter + 1) for v in (1, -1, 0))
    differs = z3.Xor(write, symbol)
    change = z3.If(z3.And(active, differs), z3.If(write, plus, minus), none)
    return SymbolicPrefix(
        z3.Or(halted, z3.And(active, halts)),
        configuration.steps + z3.If(active, z3.BitVecVal(1, counter), 0),
        z3.If(active, written, tape),
        z3.If(active, moved, head),
        z3.If(active, target, configuration.state),
        configuration.change + change,
    )


def run_symbolic_prefixes(
    table: SymbolicTable, x: SymbolicWord | None, fuel: int
) -> list[SymbolicPrefix]:
    """Return the configuration after each of ``0, 1, ..., fuel`` steps of one run.

    All on the tape of a run of ``fuel`` steps; the last is what :func:`run_symbolic`
    reads. Mirrors :func:`mesaform.spec.interpreter.run_table`: a table with no states halts
    at once; otherwise the run iterates :func:`symbolic_step` from state 0, the head
    on cell 0.
    """
    lowest, _highest, width, counter = _geometry(x, fuel)
    configuration = SymbolicPrefix(
        z3.BoolVal(table.states == 0),
        z3.BitVecVal(0, counter),
        _input_tape(x, lowest, width),
        z3.BitVecVal(1 << (0 - lowest), width),
        z3.BitVecVal(0, table.state_width),
        z3.BitVecVal(0, counter + 1),
    )
    prefixes = [configuration]
    for _ in range(fuel):
        if table.states > 0:
            configuration = symbolic_step(table, configuration)
        prefixes.append(configuration)
    return prefixes


def run_symbolic(table: SymbolicTable, x: SymbolicWord | None, fuel: int) -> SymbolicRun:
    """Run ``table`` on input ``x`` (``None``: the blank tape) for at most ``fuel`` steps.

    The readings of the last of :func:`run_symbolic_prefixes`.
    """
    lowest, highest, width, counter = _geometry(x, fuel)
    last = run_symbolic_prefixes(table, x, fuel)[-1]
    tape = last.tape
    ones: z3.BitVecRef = z3.BitVecVal(0, counter)
    for position in range(width):
        ones = ones + z3.ZeroExt(counter - 1, z3.Extract(position, position, tape))
    output_length, output_bits = _read_output(tape, lowest, highest, counter)
    return SymbolicRun(
        last.halted, last.steps, ones, output_bits, output_length, tape, lowest, last.change
    )


def _read_output(
    tape: z3.BitVecRef, lowest: int, highest: int, counter: int
) -> tuple[z3.BitVecRef, z3.BitVecRef]:
    """Read the tape back in pair code: while cell ``2i`` is 1, bit ``i`` is cell ``2i+1``."""

    def cell(index: int) -> z3.BoolRef:
        if index > highest:
            return z3.BoolVal(False)
        position = index - lowest
        return z3.Extract(position, position, tape) == 1

    room = highest // 2 + 1
    length: z3.BitVecRef = z3.BitVecVal(0, counter)
    bits: z3.BitVecRef = z3.BitVecVal(0, room)
    still_reading: z3.BoolRef = z3.BoolVal(True)
    for index in range(room):
        still_reading = z3.And(still_reading, cell(2 * index))
        length = length + z3.If(still_reading, z3.BitVecVal(1, counter), 0)
        bit = z3.If(z3.And(still_reading, cell(2 * index + 1)), z3.BitVecVal(1 << index, room), 0)
        bits = bits | bit
    return length, bits


def output_value(model: z3.ModelRef, run: SymbolicRun) -> str:
    """Return the output word a model gives ``run``."""
    length = model.eval(run.output_length, model_completion=True).as_long()
    bits = model.eval(run.output_bits, model_completion=True).as_long()
    return "".join("1" if (bits >> index) & 1 else "0" for index in range(length))
