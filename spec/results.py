"""Tapes and the results of a run (docs/semantics.md#running).

Formalizes "Tape: cells indexed by Z over {0,1}, blank 0", the pair-coded input
("bit i of x puts 1 in cell 2i and x_i in cell 2i+1") and output, and
"``run(t, x, F)``: at most F steps. The result is ``Halted(steps <= F, tape)`` or
``OutOfFuel`` after F steps."

Main definitions:

- :data:`Tape` -- the set of cells that hold ``1`` (every other cell is blank);
- :func:`input_tape`, :func:`read_output`;
- :class:`Halted`, :class:`OutOfFuel`, :data:`RunResult`;
- :class:`Configuration` -- one line of a trace.
"""

from __future__ import annotations

from dataclasses import dataclass

Tape = frozenset[int]
"""A tape: the cells holding ``1``; all others hold the blank ``0``."""

BLANK_TAPE: Tape = frozenset()


def input_tape(x: str) -> Tape:
    """Write ``x`` in pair code from cell 0: ``1`` in cell ``2i``, ``x_i`` in ``2i+1``.

    Coq twin: ``Run.input_tape`` (proofs/coq, docs/coq.md).
    """
    cells = {2 * i for i in range(len(x))}
    cells.update(2 * i + 1 for i, bit in enumerate(x) if bit == "1")
    return frozenset(cells)


def read_output(tape: Tape) -> str:
    """Read the tape back in pair code: while cell ``2i`` is 1, bit ``i`` is cell ``2i+1``.

    Coq twin: ``Run.read_output`` (proofs/coq, docs/coq.md).
    """
    bits = []
    i = 0
    while 2 * i in tape:
        bits.append("1" if 2 * i + 1 in tape else "0")
        i += 1
    return "".join(bits)


@dataclass(frozen=True)
class Halted:
    """The run halted after ``steps`` steps, leaving ``tape``.

    Coq twin: ``Run.result`` (proofs/coq, docs/coq.md).
    """

    steps: int
    tape: Tape

    @property
    def halted(self) -> bool:
        """Return ``True``: this run halted."""
        return True

    @property
    def ones(self) -> int:
        """Return the number of ``1`` cells: the busy-beaver Sigma."""
        return len(self.tape)

    @property
    def output(self) -> str:
        """Return the tape read back in pair code from cell 0."""
        return read_output(self.tape)


@dataclass(frozen=True)
class OutOfFuel:
    """The run had not halted after ``fuel`` steps. A result, not an error.

    Coq twin: ``Run.result`` (proofs/coq, docs/coq.md).
    """

    fuel: int

    @property
    def halted(self) -> bool:
        """Return ``False``: this run did not halt within its fuel."""
        return False


RunResult = Halted | OutOfFuel
"""What ``run(t, x, F)`` returns: :class:`Halted` or :class:`OutOfFuel`."""


@dataclass(frozen=True)
class Configuration:
    """One configuration of a table's run: before step ``step + 1``, or final.

    ``state`` is ``None`` once the machine has halted.
    """

    step: int
    state: int | None
    head: int
    tape: Tape
