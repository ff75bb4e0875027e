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
- :func:`decode` -- total, ``TM -> Program``;
- :class:`Span`, :class:`MesaSpans`, :func:`decode_span` -- the same decoding read in
  place: a mesa-optimizer's fields are spans of its code, not copies, so decoding
  every level of a code nested ``n`` levels deep is linear in its length.
- :func:`encode` -- the canonical code of a program.

Main results (``tests/test_programs.py``): ``decode`` is total;
``decode(encode(p)) == p``; ``encode(decode(t))`` is a code of the same program.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mesaform.spec.machines import TM, encode_natural, read_natural
from mesaform.spec.validation import check_natural, check_tm, check_type, machine_argument
from mesaform.spec.words import plural

Symbol = Literal[0, 1]
"""A tape symbol: the blank ``0`` or ``1``."""

LEFT: Literal[0] = 0
RIGHT: Literal[1] = 1
Move = Literal[0, 1]
"""A head move: ``0`` = left, ``1`` = right (docs/semantics.md#programs)."""


@dataclass(frozen=True, slots=True)
class Transition:
    """Represent ``delta(q, s) = (write, move, next)``; ``next is None`` means HALT.

    Coq twin: ``Programs.transition`` (proofs/coq, docs/coq.md).
    """

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

    Coq twin: ``Programs.program`` (proofs/coq, docs/coq.md).
    """

    states: int
    transitions: tuple[Transition, ...] = ()

    def __post_init__(self) -> None:
        if self.states < 0:
            raise ValueError(f"states is a natural number; got {self.states}")
        if len(self.transitions) > 2 * self.states:
            raise ValueError(
                f"a table with {plural(self.states, 'state')} has at most {2 * self.states} "
                f"transitions; got {len(self.transitions)}"
            )
        for index, transition in enumerate(self.transitions):
            if transition.next_state is not None and transition.next_state >= self.states:
                raise ValueError(
                    f"transition {index} goes to state {transition.next_state}, but the "
                    f"table has {plural(self.states, 'state')}; use None for HALT"
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

    Coq twin: ``Programs.program`` (proofs/coq, docs/coq.md).
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
                f"a Mesa with count {self.count} has at most {plural(self.count, 'candidate')}; "
                f"got {len(self.candidates)}"
            )
        object.__setattr__(self, "evaluator", TM(self.evaluator))
        object.__setattr__(self, "candidates", tuple(TM(c) for c in self.candidates))


Program = Table | Mesa
"""``Program = Table | Mesa``, chosen by the first bit of a machine."""


@dataclass(frozen=True, slots=True)
class Span:
    """The part ``code[start:stop]`` of a checked machine, read in place, not copied.

    A mesa-optimizer's fields are spans of its code: decoding a code nested ``n``
    levels deep level by level (:func:`decode_span`) reads each bit a bounded number
    of times instead of copying each level's evaluator out of the level above.
    """

    code: TM
    start: int
    stop: int

    def __post_init__(self) -> None:
        check_tm(self.code, "code")
        check_natural(self.start, "start")
        check_natural(self.stop, "stop")
        if not self.start <= self.stop <= len(self.code):
            raise ValueError(
                f"a span needs 0 <= start <= stop <= len(code) = {len(self.code)}; "
                f"got start {self.start}, stop {self.stop}"
            )

    @classmethod
    def whole(cls, code: TM) -> Span:
        """Return the span of all of ``code``."""
        return cls(code, 0, len(code))

    def __len__(self) -> int:
        return self.stop - self.start

    def bits(self) -> TM:
        """Return the part as a machine of its own (a copy, unless it is all of ``code``)."""
        if self.start == 0 and self.stop == len(self.code):
            return self.code
        return self.code.part(self.start, self.stop)


@dataclass(frozen=True, slots=True)
class MesaSpans:
    """A decoded :class:`Mesa` whose evaluator and candidates are :class:`Span` s of its code."""

    count: int
    fuel: int
    evaluator: Span
    candidates: tuple[Span, ...] = ()

    @classmethod
    def of(cls, mesa: Mesa) -> MesaSpans:
        """Return ``mesa`` with its fields as spans (each the whole of its machine)."""
        return cls(
            mesa.count,
            mesa.fuel,
            Span.whole(mesa.evaluator),
            tuple(Span.whole(candidate) for candidate in mesa.candidates),
        )

    def mesa(self) -> Mesa:
        """Return the :class:`Mesa` these spans denote (its fields copied out)."""
        return Mesa(
            self.count,
            self.fuel,
            self.evaluator.bits(),
            tuple(candidate.bits() for candidate in self.candidates),
        )


def decode(t: str) -> Program:
    """Decode a machine into the program it denotes; total on every bitstring.

    ``""`` and codes starting with ``0`` are tables; codes starting with ``1`` are
    mesa-optimizers. Trailing bits are ignored. Linear in ``len(t)``.

    Coq twin: ``Programs.decode`` (proofs/coq, docs/coq.md).
    """
    bits = machine_argument(t, "t")
    program = decode_span(Span.whole(bits))
    return program if isinstance(program, Table) else program.mesa()


def decode_span(span: Span) -> Table | MesaSpans:
    """Decode the machine ``span.code[span.start:span.stop]`` in place: :func:`decode`
    without copying a mesa-optimizer's fields (they are spans of the same code).

    Time is linear in the bits read (a table's, or a mesa-optimizer's headers),
    not in the length of its fields, so running or showing a code nested ``n``
    levels deep decodes all its levels in time linear in its length.
    """
    check_type(Span, span, "span")
    code, start, stop = span.code, span.start, span.stop
    if start < stop and code[start] == "1":
        return _decode_mesa(code, start, stop)
    return _decode_table(code, start, stop)


def _decode_table(bits: str, start: int, stop: int) -> Table:
    zero = bits.find("0", start + 1, stop)  # the header's closing 0, when the string has it
    header_end = stop if zero < 0 else zero
    states = max(0, header_end - (start + 1))
    position = header_end + 1
    width = max(1, states.bit_length())
    transitions: list[Transition] = []
    for _ in range(2 * states):
        end = position + 2 + width
        if end > stop:
            break  # this transition and every later one are missing
        write: Symbol = 1 if bits[position] == "1" else 0
        move: Move = RIGHT if bits[position + 1] == "1" else LEFT
        target = int(bits[position + 2 : end], 2)
        transitions.append(Transition(write, move, target if target < states else None))
        position = end
    return Table(states, tuple(transitions))


def _read_field(bits: TM, position: int, stop: int) -> tuple[Span, int]:
    length, position = read_natural(bits, position, stop)
    end = min(position + length, stop)
    return Span(bits, position, end), end


def _decode_mesa(bits: TM, start: int, stop: int) -> MesaSpans:
    count, position = read_natural(bits, start + 1, stop)
    fuel, position = read_natural(bits, position, stop)
    evaluator, position = _read_field(bits, position, stop)
    candidates: list[Span] = []
    while len(candidates) < count and position < stop:
        candidate, position = _read_field(bits, position, stop)
        candidates.append(candidate)
    return MesaSpans(count, fuel, evaluator, tuple(candidates))


def encode(program: Program) -> TM:
    """Return the canonical code of ``program``; ``decode(encode(p)) == p``.

    The table with no states and no transitions is ``""``; other tables are
    ``0``, ``1`` per state, ``0``, then the listed transitions, a halting
    ``next`` written as the value ``k``. A Mesa is ``1``, ``c``, ``f``, then the
    evaluator and candidate fields.

    Coq twin: ``Programs.encode`` (proofs/coq, docs/coq.md).
    """
    if isinstance(program, Table):
        return _encode_table(program)
    if not isinstance(program, Mesa):
        raise TypeError(
            "program must be a decoded Table or Mesa (a machine's bits are already its "
            f"code); got {type(program).__name__} {str(program)[:40]!r}"
        )
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
    """Return delta(state, symbol), with a missing transition read as ``1RZ``.

    Coq twin: ``Programs.effective_transition`` (proofs/coq, docs/coq.md).
    """
    transition = table.transition(state, symbol)
    return MISSING_BEHAVIOUR if transition is None else transition
