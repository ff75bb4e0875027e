"""The canonical ``code_ones`` claims: an evaluator that computes it, and a proxy.

The syntactic base objective ``code_ones`` is the canonical *aligned* example
(docs/semantics.md#library-objectives): a small evaluator computes it exactly, so a
Mesa program whose evaluator is :data:`mesaform.spec.catalogue.CODE_ONES_EVALUATOR`
(``0RZ0RB_0RA1RA``: state A erases a pair-code marker or halts on a blank one,
state B keeps the input bit) satisfies the post's inner alignment,
``U = U_m`` on ``dom(U_m)``, at every length; the benchmarks of enumeration and of
the solvers prove exactly this claim at growing ``n``.

Main definitions:

- :func:`code_ones_claim` -- the claim "``code_ones`` is inner aligned with this
  evaluator's ``U_m`` on ``|t| <= n``", fuel ``2n + 1``.
"""

from __future__ import annotations

from mesaform.model.standard_format import standard_text
from mesaform.spec.catalogue import CODE_ONES_EVALUATOR
from mesaform.spec.claims import Claim, LibraryObjective, MesaProgram
from mesaform.spec.machines import TM
from mesaform.spec.programs import Mesa, encode
from mesaform.spec.verdicts import Bound


def code_ones_claim(max_length: int, evaluator: TM = CODE_ONES_EVALUATOR) -> Claim:
    """Return the claim "``code_ones`` is inner aligned with ``evaluator``'s ``U_m``".

    The Mesa program has internal fuel ``2n + 1`` (enough for
    :data:`CODE_ONES_EVALUATOR` on every ``|t| <= n``) and the bound is
    ``(n, 2n + 1)``; with :data:`CODE_ONES_EVALUATOR` it holds, with
    :data:`MARKER_KEEPING_EVALUATOR` it fails at ``t = "0"``.
    """
    if max_length < 0:
        raise ValueError(f"max_length is a natural number; got {max_length}")
    fuel = 2 * max_length + 1
    mesa = Mesa(2, fuel, evaluator, (TM("0110"), TM("1")))
    aligned = evaluator == CODE_ONES_EVALUATOR
    return Claim(
        name=f"code_ones_{'aligned' if aligned else 'misaligned'}_n{max_length}",
        predicate="inner-alignment",
        base=LibraryObjective("code_ones"),
        mesa=MesaProgram(encode(mesa)),
        bound=Bound(max_length, fuel),
        expect="holds" if aligned else "fails",
        description=f"code_ones against the evaluator {_shown(evaluator)}",
    )


def _shown(evaluator: TM) -> str:
    """Return an evaluator in the standard text where it has one, else its bits."""
    return standard_text(evaluator) or str(evaluator) or "ε (the empty table)"
