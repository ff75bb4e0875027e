"""Readable and machine-readable descriptions of decoded programs.

Main definitions:

- :func:`describe` -- a JSON-ready dictionary of a program, recursing into a
  mesa-optimizer's evaluator and candidates;
- :func:`render` -- the same as indented text.
"""

from __future__ import annotations

from typing import Any

from model.standard_format import standard_text
from spec.machines import TM
from spec.programs import Mesa, Table, decode, encode
from spec.words import plural


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


def render(machine: str, indent: str = "") -> str:
    """Render the program ``machine`` denotes as indented text."""
    return "\n".join(_render_lines(TM(machine), indent))


def _render_lines(machine: TM, indent: str) -> list[str]:
    program = decode(machine)
    shown = machine if machine else "ε"
    if isinstance(program, Table):
        if program.states == 0:
            return [f"{indent}{shown}: Table with no states (halts at once)"]
        text = standard_text(program) or "(too many states for standard format)"
        return [f"{indent}{shown}: Table, {plural(program.states, 'state')}: {text}"]
    return _render_mesa(shown, program, indent)


def _render_mesa(shown: str, mesa: Mesa, indent: str) -> list[str]:
    lines = [
        f"{indent}{shown}: Mesa, {plural(mesa.count, 'candidate')} declared, "
        f"{len(mesa.candidates)} present, internal fuel {mesa.fuel}",
        f"{indent}  evaluator:",
        *_render_lines(mesa.evaluator, indent + "    "),
    ]
    for index, candidate in enumerate(mesa.candidates):
        lines.append(f"{indent}  candidate {index}:")
        lines.extend(_render_lines(candidate, indent + "    "))
    return lines
