"""Programs, and the total decoding of machines into programs.

Formalizes docs/semantics.md#programs: ``decode : TM -> Program`` is total (every
bitstring, the empty one included, denotes exactly one program), with
``Program = Table | Mesa`` chosen by the first bit, and the post's mesa-optimizer:
"What m does when run is simulate some ten other Turing machines, evaluate which is
the best one according to some internally represented function U_m : TM → ℝ, and
act like that one."

Main definitions:

- :class:`Transition`, :class:`Table` -- an ordinary 2-symbol Turing machine;
  a transition a code ends before is *missing* and behaves as ``1RZ``.
- :class:`Mesa` -- a mesa-optimizer ``(c, f, e, candidates)``: candidate count,
  internal fuel, evaluator machine and candidate machines.
- :func:`decode` -- total, ``TM -> Program``.
- :func:`encode` -- the canonical code of a program.

Main results (``tests/test_programs.py``): ``decode`` is total;
``decode(encode(p)) == p``; ``encode(decode(t))`` is a code of the same program.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from spec.machines import TM, encode_natural, read_natural

Symbol = Literal[0, 1]
"""A tape symbol: the blank ``0`` or ``1``."""

LEFT: Literal[0] = 0
RIGHT: Literal[1] = 1
Move = Literal[0, 1]
"""A head move: ``0`` = left, ``1`` = right (docs/semantics.md#programs)."""


@dataclass(frozen=True, slots=True)
class Transition:
    """Represent ``delta(q, s) = (write, move, next)``; ``next is None`` means HALT."""

    write: Symbol
    move: Move
    next_state: int | None

    def __post_init__(self) -> None:
        if self.write not in (0, 1):
            raise ValueError(f"write is a symbol 0 or 1; got {self.write!r}")
        if self.move not in (LEFT, RIGHT):
            raise ValueError(f"move is 0 (left) or 1 (right); got {self.move!r}")
        if self.next_state is not None and self.next_state < 0:
            raise ValueError(f"next_state is a state index >= 0 or None; got {self.next_state}")


MISSING_BEHAVIOUR = Transition(write=1, move=RIGHT, next_state=None)
"""What a missing transition does: exactly ``1RZ`` (docs/semantics.md#running)."""


@dataclass(frozen=True, slots=True)
class Table:
    """Represent a 2-symbol Turing machine with ``states`` states A, B, ...

    ``transitions`` lists delta in the order (A,0), (A,1), (B,0), (B,1), ...; the
    transitions after the listed ones are *missing* (their code was cut short).
    """

    states: int
    transitions: tuple[Transition, ...] = ()

    def __post_init__(self) -> None:
        if self.states < 0:
            raise ValueError(f"states is a natural number; got {self.states}")
        if len(self.transitions) > 2 * self.states:
            raise ValueError(
                f"a table with {self.states} states has at most {2 * self.states} "
                f"transitions; got {len(self.transitions)}"
            )
        for index, transition in enumerate(self.transitions):
            if transition.next_state is not None and transition.next_state >= self.states:
                raise ValueError(
                    f"transition {index} goes to state {transition.next_state}, but the "
                    f"table has {self.states} states; use None for HALT"
                )

    def transition(self, state: int, symbol: Symbol) -> Transition | None:
        """Return delta(state, symbol), or ``None`` when that transition is missing."""
        index = 2 * state + symbol
        return self.transitions[index] if index < len(self.transitions) else None

    def next_state_width(self) -> int:
        """Return ``w = max(1, bit_length(k))``, the bits of each next-state field."""
        return max(1, self.states.bit_length())


@dataclass(frozen=True, slots=True)
class Mesa:
    """Represent a mesa-optimizer ``m = (c, f, e, candidates)`` (docs/semantics.md#mesa-programs).

    ``count`` is the ``c`` of the code ("some ten"); at most ``count`` candidates
    are present, fewer when the code ends first. ``fuel`` is the internal budget
    ``f`` for each evaluation; ``evaluator`` is ``e``, whose ``ones`` on input
    ``c_i`` is the mesa-objective ``U_m(c_i)``.
    """

    count: int
    fuel: int
    evaluator: TM
    candidates: tuple[TM, ...] = ()

    def __post_init__(self) -> None:
        if self.count < 0 or self.fuel < 0:
            raise ValueError(f"count and fuel are natural numbers; got {self.count}, {self.fuel}")
        if len(self.candidates) > self.count:
            raise ValueError(
                f"a Mesa with count {self.count} has at most {self.count} candidates; "
                f"got {len(self.candidates)}"
            )
        object.__setattr__(self, "evaluator", TM(self.evaluator))
        object.__setattr__(self, "candidates", tuple(TM(c) for c in self.candidates))


Program = Table | Mesa
"""``Program = Table | Mesa``, chosen by the first bit of a machine."""


def decode(t: str) -> Program:
    """Decode a machine into the program it denotes; total on every bitstring.

    ``""`` and codes starting with ``0`` are tables; codes starting with ``1`` are
    mesa-optimizers. Trailing bits are ignored.
    """
    bits = TM(t)
    if bits.startswith("1"):
        return _decode_mesa(bits)
    return _decode_table(bits)


def _decode_table(bits: str) -> Table:
    position = 1
    states = 0
    while position < len(bits) and bits[position] == "1":
        states += 1
        position += 1
    position += 1  # the header's closing 0, when the string has it
    width = max(1, states.bit_length())
    transitions: list[Transition] = []
    for _ in range(2 * states):
        end = position + 2 + width
        if end > len(bits):
            break  # this transition and every later one are missing
        write: Symbol = 1 if bits[position] == "1" else 0
        move: Move = RIGHT if bits[position + 1] == "1" else LEFT
        target = int(bits[position + 2 : end], 2)
        transitions.append(Transition(write, move, target if target < states else None))
        position = end
    return Table(states, tuple(transitions))


def _read_field(bits: str, position: int) -> tuple[TM, int]:
    length, position = read_natural(bits, position)
    end = min(position + length, len(bits))
    return TM(bits[position:end]), end


def _decode_mesa(bits: str) -> Mesa:
    count, position = read_natural(bits, 1)
    fuel, position = read_natural(bits, position)
    evaluator, position = _read_field(bits, position)
    candidates: list[TM] = []
    while len(candidates) < count and position < len(bits):
        candidate, position = _read_field(bits, position)
        candidates.append(candidate)
    return Mesa(count, fuel, evaluator, tuple(candidates))


def encode(program: Program) -> TM:
    """Return the canonical code of ``program``; ``decode(encode(p)) == p``.

    The table with no states and no transitions is ``""``; other tables are
    ``0``, ``1`` per state, ``0``, then the listed transitions, a halting
    ``next`` written as the value ``k``. A Mesa is ``1``, ``c``, ``f``, then the
    evaluator and candidate fields.
    """
    if isinstance(program, Table):
        return _encode_table(program)
    return _encode_mesa(program)


def _encode_table(table: Table) -> TM:
    if table.states == 0:
        return TM("")
    width = table.next_state_width()
    parts = ["0", "1" * table.states, "0"]
    for transition in table.transitions:
        target = table.states if transition.next_state is None else transition.next_state
        parts.append(f"{transition.write}{transition.move}{target:0{width}b}")
    return TM("".join(parts))


def _field(bits: str) -> str:
    return encode_natural(len(bits)) + bits


def _encode_mesa(mesa: Mesa) -> TM:
    parts = ["1", encode_natural(mesa.count), encode_natural(mesa.fuel), _field(mesa.evaluator)]
    parts.extend(_field(candidate) for candidate in mesa.candidates)
    return TM("".join(parts))


def effective_transition(table: Table, state: int, symbol: Symbol) -> Transition:
    """Return delta(state, symbol), with a missing transition read as ``1RZ``."""
    transition = table.transition(state, symbol)
    return MISSING_BEHAVIOUR if transition is None else transition
