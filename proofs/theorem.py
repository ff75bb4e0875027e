"""Theorems of the formalism, stated over uninterpreted functions.

A :class:`Theorem` holds for *every* ``U``, ``U_m`` and domain (Z3 sorts and
uninterpreted functions), not up to a bound. Two kinds:

- ``valid``: the formula holds in every model; proved when its negation is unsat;
  a model of the negation is a countermodel and the theorem is "refuted, as stated".
- ``satisfiable``: a countermodel or witness exists (e.g. "order alignment does not
  imply inner alignment": some ``U, U_m`` are order aligned and not inner aligned);
  proved when the formula is sat, with the model printed as the witness.

Main definitions: :class:`Theorem`, :class:`TheoremResult`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

TheoremKind = Literal["valid", "satisfiable"]
TheoremStatus = Literal["proved", "refuted", "unknown"]


@dataclass(frozen=True)
class Theorem:
    """A named statement; ``formula()`` builds it as a closed Z3 Boolean term.

    ``name`` states the result (``inner_alignment_implies_order_alignment``);
    ``statement`` says it in words; ``source`` cites the post, the paper's section
    or docs/semantics.md.
    """

    name: str
    statement: str
    kind: TheoremKind
    formula: Callable[[], Any]
    source: str = ""


@dataclass(frozen=True)
class TheoremResult:
    """The verdict on a theorem: ``proved``/``refuted``/``unknown`` with the method.

    ``model`` is the countermodel (``valid`` refuted) or witness (``satisfiable``
    proved), printed readably; ``reason`` explains ``unknown``.
    """

    theorem: Theorem
    status: TheoremStatus
    method: str
    seconds: float
    model: str = ""
    reason: str = ""
