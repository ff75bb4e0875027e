"""Theorems of the formalism: named statements, what kind of result each is, and its scope.

A :class:`Theorem` is a closed formula over the Z3 forms of
:mod:`mesaform.proofs.symbolic.z3_forms`. Its
``kind`` says what the result is:

- ``theorem``: a non-trivial consequence; holds in every model (its negation is unsat);
- ``unfolding``: a sanity check that a definition says what it should (also valid, but
  it follows by unfolding the definitions: it is listed, not counted as a theorem);
- ``countermodel``: a satisfiable witness that an implication fails (a model is printed).

``scope`` says exactly what the encoding covers: "every U, U_m and finite candidate
sequence" where machines are an uninterpreted sort and sequences have a symbolic length,
or the sizes fixed by the encoding (a witness with 3 candidates; tables of at most 3
states up to fuel 30). See docs/proved.md for what "proved" means.

Main definitions: :class:`Theorem`, :class:`TheoremResult`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from mesaform.proofs.symbolic.z3_typed import Bool

TheoremKind = Literal["theorem", "unfolding", "countermodel"]
Obligation = Literal["valid", "satisfiable"]
TheoremStatus = Literal["proved", "refuted", "unknown"]

KINDS: tuple[TheoremKind, ...] = ("theorem", "unfolding", "countermodel")

EVERY_FINITE = (
    "every U, U_m and dom(U_m) (machines: an uninterpreted sort) and every finite "
    "candidate sequence, of any length"
)
"""The scope of a theorem stated over symbolic candidate sequences."""

EVERY_FUNCTION = "every U, U_m and dom(U_m) (machines: an uninterpreted sort)"
"""The scope of a theorem about objectives alone."""


def witness_scope(detail: str) -> str:
    """Return the scope of a countermodel: one witness exists; ``detail`` gives its sizes."""
    return f"one witness ({detail}); an existence statement needs no bound"


@dataclass(frozen=True)
class Theorem:
    """A named statement; ``formula()`` builds it as a closed Boolean term.

    ``name`` states the result; ``statement`` says it in words, exactly as encoded;
    ``source`` cites docs/semantics.md (with its anchor), the post or the paper (with
    its section); ``scope`` says what the encoding quantifies over, with every size it
    fixes; ``z3_tactic`` says how Z3 runs its query, where Z3's default is measured too
    slow (docs/solvers.md). The Coq twin of a result,
    if any, is named in proofs/coq/names.py.
    """

    name: str
    statement: str
    kind: TheoremKind
    formula: Callable[[], Bool]
    source: str
    scope: str
    z3_tactic: tuple[str, ...] = ()
    """The Z3 tactics (names, applied in sequence) whose solver decides the query; empty:
    Z3's default solver."""

    @property
    def obligation(self) -> Obligation:
        """Return what the solver must show: ``valid`` (negation unsat) or ``satisfiable``."""
        return "satisfiable" if self.kind == "countermodel" else "valid"


@dataclass(frozen=True)
class TheoremResult:
    """The verdict on a theorem: ``proved``/``refuted``/``unknown`` with the method.

    ``model`` is the countermodel (a valid statement refuted) or the witness (a
    countermodel found), printed readably; ``reason`` explains ``unknown``.
    """

    theorem: Theorem
    status: TheoremStatus
    method: str
    seconds: float
    model: str = ""
    reason: str = ""
