"""Bitwuzla, a third SMT solver, on the exported SMT-LIB2 text of a query.

Bitwuzla (the PyPI package ``bitwuzla``) is a bit-vector solver; it reads the same
SMT-LIB2 text that :func:`mesaform.proofs.symbolic.smt2.smt2_text` exports for Z3 and cvc5 and must
give
the same sat/unsat answer. A sat answer gives the values of the declared constants,
from which the caller decodes ``t``; the checker replays it like any solver's model.

Main definitions:

- :class:`BitwuzlaQuery` -- the parsed text, kept in one solver instance: each
  :meth:`~BitwuzlaQuery.check` is one ``check-sat`` under *assumptions* (declared
  constants equal to given values, declared Booleans true), so one query built once
  is asked at every length (:mod:`mesaform.proofs.methods.solver_claims`, incremental mode);
- :func:`run_bitwuzla` -- parse and check once: the answer to the text's assertions.

Time: a check stops at its deadline (a terminator Bitwuzla polls) and the answer is
then ``unknown`` with the reason; an unknown is never read as unsat.

Signals: Python runs a signal's handler when Bitwuzla next calls the terminator, and
Bitwuzla prints and discards what the handler raises (Ctrl-C, SIGTERM, the alarm of
:func:`mesaform.proofs.checking.outcome.time_limit`). So during a check (main thread) the handlers
of
:data:`KEPT_SIGNALS` only record the signal, the terminator stops the check, and once
``check_sat`` returns each recorded signal is handed to its own handler, which raises
as it would have. Reading the text
is not interrupted (measured: 2.3 s for the ``|t| = 25`` query of a 50-state
evaluator), so a budget can be overrun by that much.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from types import FrameType

import bitwuzla

from mesaform.proofs.symbolic.smt2 import SolverAnswer


class BitwuzlaQuery:
    """SMT-LIB2 ``text`` parsed into one Bitwuzla instance, checked under assumptions."""

    def __init__(self, text: str) -> None:
        self.manager = bitwuzla.TermManager()
        options = bitwuzla.Options()
        options.set(bitwuzla.Option.PRODUCE_MODELS, True)
        self.parser = bitwuzla.Parser(self.manager, options, "smt2", 2)
        self.deadline = float("inf")
        self.signals: list[tuple[int, FrameType | None]] = []
        self.parser.parse(text, True, False)  # parse only: no check-sat runs here
        self.solver = self.parser.bitwuzla()
        self.solver.configure_terminator(self._stop)
        self.declared = {term.symbol(): term for term in self.parser.get_declared_funs()}

    def _stop(self) -> bool:
        return bool(self.signals) or time.monotonic() > self.deadline

    def check(
        self,
        timeout_seconds: float,
        equal: Mapping[str, int] | None = None,
        true: Sequence[str] = (),
    ) -> SolverAnswer:
        """Check the assertions, assuming ``name = value`` for ``equal`` and ``name`` for ``true``.

        Return sat (with every declared bit-vector constant's value, binary, most
        significant bit first), unsat, or unknown (the deadline passed, or Bitwuzla
        answered unknown) with the reason.
        """
        assumptions = []
        for name, value in (equal or {}).items():
            constant = self.declared[name]
            literal = self.manager.mk_bv_value(constant.sort(), value)
            assumptions.append(self.manager.mk_term(bitwuzla.Kind.EQUAL, [constant, literal]))
        assumptions.extend(self.declared[name] for name in true)
        self.deadline = time.monotonic() + timeout_seconds
        try:
            with signals_kept(self.signals):
                result = self.solver.check_sat(*assumptions)
        finally:
            self.deadline = float("inf")
        if result == bitwuzla.Result.UNSAT:
            return SolverAnswer("unsat")
        if result != bitwuzla.Result.SAT:
            return SolverAnswer(
                "unknown",
                reason=f"timeout (bitwuzla stopped at its limit of {timeout_seconds:.3g} s)",
            )
        values = {}
        for name, constant in self.declared.items():
            if constant.sort().is_bv():
                values[name] = str(self.solver.get_value(constant).value(2))
        return SolverAnswer("sat", values)


KEPT_SIGNALS = (
    signal.SIGTERM,
    *((signal.SIGHUP,) if hasattr(signal, "SIGHUP") else ()),
    signal.SIGINT,
    signal.SIGALRM,
)
"""The signals held during a check, in the order their handlers are run after it."""


@contextmanager
def signals_kept(kept: list[tuple[int, FrameType | None]]) -> Iterator[None]:
    """Within this block, a signal of :data:`KEPT_SIGNALS` is only appended to ``kept``.

    At the end the handlers are restored and the first kept signal (in the order of
    :data:`KEPT_SIGNALS`) is handed to its handler, which raises (``KeyboardInterrupt``,
    :class:`mesaform.exits.Terminated`, :class:`mesaform.proofs.checking.outcome.MethodTimedOut`).
    Only
    Python handlers are replaced, and only in the main thread (where Python runs them).
    """
    kept.clear()

    def keep(signum: int, frame: FrameType | None) -> None:
        kept.append((signum, frame))

    handlers: dict[signal.Signals, Callable[[int, FrameType | None], object]] = {}
    try:
        if threading.current_thread() is threading.main_thread():
            for signum in KEPT_SIGNALS:
                handler = signal.getsignal(signum)
                if callable(handler):
                    handlers[signum] = handler
                    signal.signal(signum, keep)
        yield
    finally:
        late: BaseException | None = None
        for signum, handler in handlers.items():
            while True:  # ``signal.signal`` first runs the handlers of signals pending now
                try:
                    signal.signal(signum, handler)
                    break
                except BaseException as error:  # a handler restored already raised
                    late = late or error
        if late is not None:
            raise late
        arrived = dict(kept)
        kept.clear()
        for signum in KEPT_SIGNALS:
            if signum in arrived:
                handlers[signum](signum, arrived[signum])


def run_bitwuzla(text: str, timeout_seconds: float) -> SolverAnswer:
    """Run Bitwuzla on the SMT-LIB2 ``text`` (its assertions) within ``timeout_seconds``."""
    started = time.monotonic()
    try:
        query = BitwuzlaQuery(text)
    except bitwuzla.BitwuzlaException as error:
        return SolverAnswer("unknown", reason=f"bitwuzla could not read the query: {error}")
    left = timeout_seconds - (time.monotonic() - started)
    if left <= 0:
        return SolverAnswer(
            "unknown",
            reason=f"timeout (reading the query took its limit of {timeout_seconds:.3g} s)",
        )
    return query.check(left)
