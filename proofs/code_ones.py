"""The canonical ``code_ones`` claims: an evaluator that computes it, and a proxy.

The syntactic base objective ``code_ones`` is the canonical *aligned* example
(docs/semantics.md#library-objectives): a small evaluator computes it exactly, so a
Mesa program whose evaluator is :data:`CODE_ONES_EVALUATOR` satisfies the post's
inner alignment,
``U = U_m`` on ``dom(U_m)``, at every length; the benchmarks of enumeration and of
the solvers prove exactly this claim at growing ``n``.

Main definitions:

- :data:`CODE_ONES_EVALUATOR` -- ``0RZ0RB_0RA1RA``: state A erases a pair-code marker
  (or halts on a blank one), state B keeps the input bit; on input ``t`` it halts
  after ``2|t| + 1`` steps with ``code_ones(t)`` ones;
- :data:`MARKER_KEEPING_EVALUATOR` -- the empty table, which keeps the input tape:
  ``U_m(t) = |t| + code_ones(t)``, a length-biased proxy;
- :func:`code_ones_claim` -- the claim "``code_ones`` is inner aligned with this
  evaluator's ``U_m`` on ``|t| <= n``", fuel ``2n + 1``.
"""

from __future__ import annotations

from model.standard_format import parse_machine
from spec.claims import Claim, LibraryObjective, MesaProgram
from spec.machines import TM
from spec.programs import Mesa, encode
from spec.verdicts import Bound

CODE_ONES_EVALUATOR = "0RZ0RB_0RA1RA"
"""An evaluator that erases the pair-code markers of its input and halts after
``2|t| + 1`` steps with exactly ``code_ones(t)`` ones: its mesa-objective is
``code_ones``."""

MARKER_KEEPING_EVALUATOR = ""
"""The empty table: halts at once, keeping the input, so it scores ``|t| + code_ones(t)``."""


def code_ones_claim(max_length: int, evaluator: str = CODE_ONES_EVALUATOR) -> Claim:
    """Return the claim "``code_ones`` is inner aligned with ``evaluator``'s ``U_m``".

    The Mesa program has internal fuel ``2n + 1`` (enough for
    :data:`CODE_ONES_EVALUATOR` on every ``|t| <= n``) and the bound is
    ``(n, 2n + 1)``; with :data:`CODE_ONES_EVALUATOR` it holds, with
    :data:`MARKER_KEEPING_EVALUATOR` it fails at ``t = "0"``.
    """
    if max_length < 0:
        raise ValueError(f"max_length is a natural number; got {max_length}")
    fuel = 2 * max_length + 1
    evaluator_code = parse_machine(evaluator) if evaluator else TM("")
    mesa = Mesa(2, fuel, evaluator_code, (TM("0110"), TM("1")))
    aligned = evaluator == CODE_ONES_EVALUATOR
    return Claim(
        name=f"code_ones_{'aligned' if aligned else 'misaligned'}_n{max_length}",
        predicate="inner-alignment",
        base=LibraryObjective("code_ones"),
        mesa=MesaProgram(encode(mesa)),
        bound=Bound(max_length, fuel),
        expect="holds" if aligned else "fails",
        description=f"code_ones against the evaluator {evaluator or 'ε (the empty table)'}",
    )
