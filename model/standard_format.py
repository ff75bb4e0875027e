"""The bbchallenge standard text format for Table programs, in and out.

Formalizes the busy-beaver community's notation (docs/semantics.md#programs), e.g. the
2-state champion ``1RB1LB_1LA1RZ``: one ``_``-separated group per state, two
transitions per group (read 0, read 1), each ``write move next`` or ``---``.

Main definitions:

- :func:`parse_standard` -- text to :class:`~mesaform.spec.programs.Table`;
- :func:`format_standard` -- a table back to text;
- :func:`parse_machine` -- a bitstring or standard text, detected automatically,
  to the machine's bitstring.

Choices (docs/semantics.md): a next-state letter whose index is at least the
number of states (``Z``, or ``H`` in tables of fewer than 8 states) means HALT and
is written back as ``Z``. A run of ``---`` at the end of the table is *missing*;
a ``---`` before a defined transition cannot be missing in a code (missing
transitions are a suffix) and is read as its behaviour, ``1RZ``. Tables of more
than 25 states have no standard text (``Z`` would be a state).
"""

from __future__ import annotations

import re

from mesaform.spec.machines import TM, is_bitstring
from mesaform.spec.programs import (
    LEFT,
    MISSING_BEHAVIOUR,
    RIGHT,
    Move,
    Program,
    Symbol,
    Table,
    Transition,
    decode,
    encode,
)

_TRANSITION = re.compile(r"([01])([LR])([A-Z])|---")
MAX_STANDARD_STATES = 25


def parse_standard(text: str) -> Table:
    """Parse standard text such as ``1RB1LB_1LA1RZ`` into a table.

    Raise ``ValueError`` naming the first malformed group and what is expected.
    """
    if text == "":
        return Table(0)
    groups = text.split("_")
    states = len(groups)
    if states > MAX_STANDARD_STATES:
        raise ValueError(f"standard format has at most {MAX_STANDARD_STATES} states; got {states}")
    parsed: list[Transition | None] = []
    for index, group in enumerate(groups):
        if len(group) != 6:
            raise ValueError(
                f"state {chr(ord('A') + index)} is {group!r}: each state is 6 characters, "
                "two transitions like 1RB or ---"
            )
        for half in (group[:3], group[3:]):
            match = _TRANSITION.fullmatch(half)
            if match is None:
                raise ValueError(
                    f"transition {half!r} of state {chr(ord('A') + index)}: expected write "
                    "0/1, move L/R, next state A-Z (Z halts), or --- for undefined"
                )
            if half == "---":
                parsed.append(None)
                continue
            write: Symbol = 1 if match.group(1) == "1" else 0
            move: Move = RIGHT if match.group(2) == "R" else LEFT
            target = ord(match.group(3)) - ord("A")
            parsed.append(Transition(write, move, target if target < states else None))
    while parsed and parsed[-1] is None:
        parsed.pop()
    transitions = tuple(MISSING_BEHAVIOUR if t is None else t for t in parsed)
    return Table(states, transitions)


def format_transition(transition: Transition | None) -> str:
    """Write one transition as ``1RB``-style text, ``---`` when missing."""
    if transition is None:
        return "---"
    target = "Z" if transition.next_state is None else chr(ord("A") + transition.next_state)
    return f"{transition.write}{'R' if transition.move == RIGHT else 'L'}{target}"


def format_standard(table: Table) -> str:
    """Write a table in standard text; missing transitions are ``---``."""
    if table.states > MAX_STANDARD_STATES:
        raise ValueError(
            f"standard format has at most {MAX_STANDARD_STATES} states; this table has "
            f"{table.states}"
        )
    groups = []
    for state in range(table.states):
        groups.append(
            format_transition(table.transition(state, 0))
            + format_transition(table.transition(state, 1))
        )
    return "_".join(groups)


def standard_text(machine: str | Program) -> str | None:
    """Return the standard text of a table (a code or a decoded program), else ``None``.

    ``None`` for a Mesa program and for a table of more than
    :data:`MAX_STANDARD_STATES` states; the table with no states is ``""``.
    """
    program = decode(machine) if isinstance(machine, str) else machine
    if isinstance(program, Table) and program.states <= MAX_STANDARD_STATES:
        return format_standard(program)
    return None


def parse_machine(text: str) -> TM:
    """Return the bitstring of ``text``: a bitstring itself, or standard text encoded.

    Raise ``ValueError`` with what is expected when ``text`` is neither (white space
    alone included: the empty machine is the empty string).
    """
    stripped = text.strip()
    if text and not stripped:
        raise ValueError(
            f"{text!r} is only white space; the empty machine is written '' (an empty argument)"
        )
    if is_bitstring(stripped):
        return TM(stripped)
    try:
        return encode(parse_standard(stripped))
    except ValueError as error:
        raise ValueError(
            f"{text!r} is neither a bitstring of 0/1 nor standard format like "
            f"1RB1LB_1LA1RZ ({error})"
        ) from None
