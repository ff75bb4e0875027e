"""SMT-LIB2 export of every solver query, and the second solver (cvc5) that reads it.

``--smt2 DIR`` writes every query (bounded claims and theorems) as an SMT-LIB2
file with the logic set; a second solver, cvc5 (the PyPI package), reads the same
query text instead of Z3 and must get the same sat/unsat answer.

Main definitions:

- :func:`smt2_text` -- the SMT-LIB2 benchmark of a list of Z3 assertions, opening
  with ``(set-logic ...)`` and closing with ``(check-sat)``;
- :func:`write_smt2` -- write one such file into a directory (atomically);
- :func:`run_z3` -- run Z3 on SMT-LIB2 text;
- :class:`SolverAnswer`, :func:`run_cvc5` -- run cvc5 on SMT-LIB2 text, with the
  values of the declared constants when the answer is ``sat``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import z3

from model.files import write_text_atomically

Answer = Literal["sat", "unsat", "unknown"]


def smt2_text(assertions: Sequence[z3.BoolRef], logic: str, comment: str = "") -> str:
    """Return the SMT-LIB2 benchmark asserting ``assertions``, with ``(set-logic logic)``."""
    solver = z3.Solver()
    solver.add(*assertions)
    body = solver.to_smt2()
    lines = [f"; {line}" for line in comment.splitlines() if line.strip()]
    lines.append(f"(set-logic {logic})")
    lines.extend(line for line in body.splitlines() if not line.startswith("; benchmark generated"))
    return "\n".join(lines) + "\n"


def safe_file_name(name: str) -> str:
    """Return ``name`` with every character outside ``[A-Za-z0-9_.-]`` replaced by ``_``."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name)


def write_smt2(directory: Path, name: str, text: str) -> Path:
    """Write ``text`` to ``directory/name.smt2`` (temp file then rename); return the path."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"{safe_file_name(name)}.smt2"
    write_text_atomically(target, text)
    return target


@dataclass(frozen=True)
class SolverAnswer:
    """A solver's answer; ``values`` maps declared constants to their model values.

    Bit-vector values are binary strings, most significant bit first; other values
    are the solver's printed term. ``reason`` says why an answer is ``unknown``.
    """

    answer: Answer
    values: Mapping[str, str] = field(default_factory=dict)
    reason: str = ""


def run_cvc5(
    text: str, timeout_seconds: float, options: Mapping[str, str] | None = None
) -> SolverAnswer:
    """Run cvc5 on the SMT-LIB2 ``text``; return its answer to the (last) ``check-sat``."""
    import cvc5

    manager = cvc5.TermManager()
    solver = cvc5.Solver(manager)
    solver.setOption("produce-models", "true")
    solver.setOption("tlimit-per", str(max(1, int(timeout_seconds * 1000))))
    for option, value in (options or {}).items():
        solver.setOption(option, value)
    symbols = cvc5.SymbolManager(manager)
    parser = cvc5.InputParser(solver, symbols)
    parser.setStringInput(cvc5.InputLanguage.SMT_LIB_2_6, text, "query")
    answer: Answer = "unknown"
    reason = "no check-sat in the query"
    while True:
        command = parser.nextCommand()
        if command.isNull():
            break
        printed = str(command.invoke(solver, symbols)).strip()
        if printed in ("sat", "unsat"):
            answer = "sat" if printed == "sat" else "unsat"
            reason = ""
        elif printed.startswith("unknown"):
            answer = "unknown"
            reason = f"cvc5 answered unknown ({solver.getInfo('reason-unknown')})"
    values: dict[str, str] = {}
    if answer == "sat":
        for term in symbols.getDeclaredTerms():
            if term.getSort().isFunction():
                continue
            value = solver.getValue(term)
            if value.getSort().isBitVector():
                values[term.getSymbol()] = value.getBitVectorValue(2)
            else:
                values[term.getSymbol()] = str(value)
    return SolverAnswer(answer, values, reason)


def run_z3(text: str, timeout_seconds: float) -> SolverAnswer:
    """Run Z3 on the SMT-LIB2 ``text`` (its assertions), as cvc5 runs it."""
    solver = z3.Solver()
    solver.set("timeout", max(1, int(timeout_seconds * 1000)))
    solver.from_string(text)
    result = solver.check()
    if result == z3.sat:
        return SolverAnswer("sat")
    if result == z3.unsat:
        return SolverAnswer("unsat")
    return SolverAnswer("unknown", reason=f"z3 answered unknown ({solver.reason_unknown()})")
