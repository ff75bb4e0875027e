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

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import z3

from mesaform.model.files import write_text_atomically
from mesaform.model.signals import on_stop

Answer = Literal["sat", "unsat", "unknown"]


def smt2_text(assertions: Sequence[z3.BoolRef], logic: str, comment: str = "") -> str:
    """Return the SMT-LIB2 benchmark asserting ``assertions``, with ``(set-logic logic)``.

    The text is printed straight from the terms (``Z3_benchmark_to_smtlib_string``, as
    ``z3.Solver.to_smt2`` does), never by adding them to a solver first: Z3's default
    solver simplifies each term as it is added, inside C code that neither Ctrl-C nor
    a deadline reaches, and once any real-sorted constant exists in Z3's context (the
    theorems of ``mesaform.proofs.theorems.prover`` create one when imported) that took minutes on
    the
    query of a claim whose evaluator runs 100 steps (measured; under 1 s without it).
    """
    terms = [term.as_ast() for term in assertions]
    context = assertions[0].ctx if assertions else z3.main_ctx()
    *others, last = terms or [z3.BoolVal(True).as_ast()]
    array = (z3.Ast * len(others))(*others)
    body = z3.Z3_benchmark_to_smtlib_string(
        context.ref(),
        "benchmark generated from python API",
        "",
        "unknown",
        "",
        len(others),
        array,
        last,
    )
    lines = [f"; {line}" for line in comment.splitlines() if line.strip()]
    lines.append(f"(set-logic {logic})")
    lines.extend(line for line in body.splitlines() if not line.startswith("; benchmark generated"))
    return "\n".join(lines) + "\n"


MAX_FILE_STEM = 100
"""File names stay well below the usual 255-byte limit, with room for a suffix."""


def safe_file_name(name: str) -> str:
    """Return a short file name for ``name``, distinct for distinct names.

    A name of at most :data:`MAX_FILE_STEM` characters of ``[A-Za-z0-9_.-]`` (not
    starting with ``.``) is kept; any other is cut to its first 80 characters, each
    character outside that set (and a leading ``.``) replaced by ``_``, and followed by
    ``-`` and 16 hex
    digits of its SHA-256, so ``a/b`` and ``a_b`` never share a file.
    """
    if len(name) <= MAX_FILE_STEM and re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9_.-]*", name):
        return name
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    stem = re.sub(r"[^A-Za-z0-9_.-]", "_", name[:80])
    return f"{'_' + stem[1:] if stem.startswith('.') else stem}-{digest}"


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


CVC5_GRACE_SECONDS = 1.0
"""cvc5 polls its own time limits only at some points (measured: eager bit-blasting
overran a 5 s budget by up to 10 s); it runs in a child process, stopped this long
after its budget."""


def run_cvc5(
    text: str, timeout_seconds: float, options: Mapping[str, str] | None = None
) -> SolverAnswer:
    """Run cvc5 on the SMT-LIB2 ``text``; return its answer to the (last) ``check-sat``.

    cvc5 runs in a forked child process, killed :data:`CVC5_GRACE_SECONDS` after
    ``timeout_seconds`` (the answer is then ``unknown``), or at once on Ctrl-C: the
    budget holds even where cvc5 does not look at its clock. Where ``fork`` is not
    available it runs in this process.
    """
    import multiprocessing

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:
        return _run_cvc5_here(text, timeout_seconds, options)
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_cvc5_child, args=(sender, text, timeout_seconds, dict(options or {}))
    )
    child.start()
    sender.close()
    try:
        if receiver.poll(timeout_seconds + CVC5_GRACE_SECONDS):
            try:
                answer: SolverAnswer = receiver.recv()
                return answer
            except EOFError:
                return SolverAnswer("unknown", reason="cvc5 stopped without an answer")
        return SolverAnswer(
            "unknown",
            reason=f"timeout (cvc5 stopped after its limit of {timeout_seconds:.3g} s)",
        )
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()


def _cvc5_child(sender: Any, text: str, timeout_seconds: float, options: dict[str, str]) -> None:
    try:
        answer = _run_cvc5_here(text, timeout_seconds, options)
    except Exception as error:  # reported to the parent as an unknown, not lost
        answer = SolverAnswer("unknown", reason=f"cvc5 failed: {type(error).__name__}: {error}")
    sender.send(answer)
    sender.close()


def _run_cvc5_here(
    text: str, timeout_seconds: float, options: Mapping[str, str] | None = None
) -> SolverAnswer:
    """Run cvc5 in this process (see :func:`run_cvc5`)."""
    import cvc5

    manager = cvc5.TermManager()
    solver = cvc5.Solver(manager)
    solver.setOption("produce-models", "true")
    limit = str(max(1, int(timeout_seconds * 1000)))
    solver.setOption("tlimit", limit)  # wall clock for the whole instance, preprocessing too
    solver.setOption("tlimit-per", limit)
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


Z3_KEYBOARD_INTERRUPT = "interrupted from keyboard"

# On the command line a Ctrl-C, SIGTERM or time limit during a Z3 check stops the check,
# and its handler runs as the check returns (mesaform.model.signals). Z3's own Ctrl-C
# handling is off meanwhile: a Ctrl-C it caught as a check ended was lost.
on_stop(
    lambda: z3.main_ctx().interrupt(),
    entered=lambda: z3.set_param("ctrl_c", False),
    left=lambda: z3.set_param("ctrl_c", True),
    reset=lambda: z3.Solver().check(),  # a check clears the context's sticky interrupt
)
"""Z3's reason for unknown when it caught Ctrl-C during a check itself."""


def z3_unknown_reason(solver: z3.Solver) -> str:
    """Return why Z3 answered unknown; raise ``KeyboardInterrupt`` when it was Ctrl-C.

    Z3 catches Ctrl-C during a check and answers unknown ("interrupted from keyboard"):
    that is an interrupt, not an unknown verdict, so every reader of Z3's unknown (the
    claims, the theorems, this module) raises it again. (Z3 does not catch SIGTERM: it
    runs on to its own limit, then SIGTERM's exception is raised as the check returns.)
    """
    reason = str(solver.reason_unknown())
    if reason == Z3_KEYBOARD_INTERRUPT:
        raise KeyboardInterrupt(f"z3 {reason}")
    return reason


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
    return SolverAnswer("unknown", reason=f"z3 answered unknown ({z3_unknown_reason(solver)})")
