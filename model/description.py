"""Readable and machine-readable descriptions of decoded programs.

Main definitions:

- :func:`describe` -- a JSON-ready dictionary of a program, recursing into a
  mesa-optimizer's evaluator and candidates;
- :func:`render` -- the same as indented text.
"""

from __future__ import annotations

from typing import Any

from mesaform.model.standard_format import standard_text
from mesaform.spec.machines import TM
from mesaform.spec.programs import Span, Table, decode, decode_span, encode
from mesaform.spec.words import plural


def describe(machine: str, depth: int = 8) -> dict[str, Any]:
    """Describe the program ``machine`` denotes; nested codes down to ``depth`` levels."""
    program = decode(machine)
    description: dict[str, Any] = {"machine": str(machine), "canonical": str(encode(program))}
    if isinstance(program, Table):
        description.update(
            kind="table",
            states=program.states,
            standard=standard_text(program),
            missing_transitions=2 * program.states - len(program.transitions),
        )
        return description
    description.update(kind="mesa", count=program.count, fuel=program.fuel)
    if depth <= 0:
        description["truncated"] = True
        return description
    description["evaluator"] = describe(program.evaluator, depth - 1)
    description["candidates"] = [describe(c, depth - 1) for c in program.candidates]
    return description


SHOWN_BITS = 160
"""A code longer than this is shown by its first bits and its length (a code nested
thousands of levels deep would otherwise be printed again at every level)."""


MAX_INDENT_LEVELS = 24
"""Levels nested deeper than this are printed at the same indentation."""


def render(machine: str, indent: str = "") -> str:
    """Render the program ``machine`` denotes as indented text.

    Iterative, not recursive: a code nested thousands of levels deep renders (one
    block per level, indented up to :data:`MAX_INDENT_LEVELS` levels), and each code
    is shown abbreviated beyond :data:`SHOWN_BITS`, so the text grows linearly; the
    levels are decoded in place (:func:`mesaform.spec.programs.decode_span`), not copied.
    """
    lines: list[str] = []
    pending: list[tuple[Span, str] | str] = [(Span.whole(TM(machine)), indent)]
    deepest = indent + "    " * MAX_INDENT_LEVELS
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            lines.append(item)
            continue
        code, at = item
        program = decode_span(code)
        shown = _shown(code)
        if isinstance(program, Table):
            lines.append(_table_line(shown, program, at))
            continue
        lines.append(
            f"{at}{shown}: Mesa, {plural(program.count, 'candidate')} declared, "
            f"{len(program.candidates)} present, internal fuel {program.fuel}"
        )
        inner = at + "    " if len(at) < len(deepest) else at  # deeper levels stop indenting
        later: list[tuple[Span, str] | str] = [f"{at}  evaluator:", (program.evaluator, inner)]
        for index, candidate in enumerate(program.candidates):
            later.extend([f"{at}  candidate {index}:", (candidate, inner)])
        pending.extend(reversed(later))
    return "\n".join(lines)


def _shown(code: Span) -> str:
    if not len(code):
        return "ε"
    if len(code) <= SHOWN_BITS:
        return str(code.bits())
    return f"{code.code[code.start : code.start + SHOWN_BITS // 2]}... ({len(code)} bits)"


def _table_line(shown: str, table: Table, indent: str) -> str:
    if table.states == 0:
        return f"{indent}{shown}: Table with no states (halts at once)"
    text = standard_text(table) or "(too many states for standard format)"
    return f"{indent}{shown}: Table, {plural(table.states, 'state')}: {text}"
