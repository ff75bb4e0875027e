"""Claims for every t: the small-model theorem for ``code_ones``.

Formalizes, for every ``t ∈ TM`` rather than a bound, the post's "inner alignment is
when U = U_m (at least, on the domain of U_m)" with ``U = code_ones`` and ``U_m`` a
Mesa program's, and its weaker readings. A Mesa program's internal fuel ``f`` bounds
what its evaluator reads: a run of at most ``f`` steps touches only cells ``-f ..
f - 1``, and ``t``'s pair code puts its first ``h = ⌈f/2⌉`` bits in cells ``0 ..
2h - 1``. So for ``|t| ≥ h``, with ``p = t[:h]``: ``t ∈ dom(U_m)`` iff ``p ∈ dom(U_m)``,
and ``U_m(t) - U(t) = U_m(p) - U(p) + (|t| - h)`` (the untouched cells keep the
markers of ``t[h:]``). Proved in docs/semantics.md, "Claims for every t", and in Coq
(proofs/coq/SmallModel.v: ``small_model_inner``, ``small_model_approx``,
``small_model_order``, whose bounds are :func:`deciding_length`'s; docs/coq.md).

Main definitions:

- :data:`THEOREM` -- the theorem's name, as verdicts cite it;
- :func:`small_model_applies` -- why no theorem covers a claim, or ``None``;
- :func:`deciding_length` -- the ``N`` such that the claim holds for every ``t`` iff
  it holds for ``|t| ≤ N``: ``h + 1`` for inner and order alignment,
  ``h + ⌊2ε⌋ + 1`` for approximate alignment;
- :func:`bounded_claim` -- that bounded claim.
"""

from __future__ import annotations

import math
from dataclasses import replace

from mesaform.spec.claims import Claim, LibraryObjective, MesaProgram
from mesaform.spec.programs import Mesa, decode
from mesaform.spec.verdicts import Bound

THEOREM = "the small-model theorem for code_ones (docs/semantics.md#small-model)"


def small_model_applies(claim: Claim) -> str | None:
    """Return why no small-model theorem covers ``claim`` for every ``t``, or ``None``.

    Covered: base objective ``code_ones``; ``U_m`` a Mesa program's (any evaluator,
    any internal fuel); inner, approximate and order alignment; the whole of TM
    (no ``tables_only`` or ``states``).
    """
    if not isinstance(claim.base, LibraryObjective) or claim.base.name != "code_ones":
        base = claim.base.name if isinstance(claim.base, LibraryObjective) else "a user function"
        return (
            f"the base objective is {base}; the small-model theorem covers only code_ones "
            "(docs/semantics.md#small-model)"
        )
    if not isinstance(claim.mesa, MesaProgram):
        return "U_m is a user function; the small-model theorem needs a Mesa program's fuel"
    if not isinstance(decode(claim.mesa.code), Mesa):
        return "the mesa side decodes to a Table, not a Mesa program"
    if claim.bound.tables_only or claim.bound.states is not None:
        return "the small-model theorem covers all of TM, not tables_only or states"
    return None


def deciding_length(claim: Claim) -> int:
    """Return ``N``: ``claim`` holds for every ``t`` iff it holds for every ``|t| ≤ N``.

    ``h = ⌈f/2⌉`` for the Mesa program's internal fuel ``f``; ``N = h + 1`` for inner
    and order alignment, ``h + ⌊2ε⌋ + 1`` for approximate alignment within ``ε``.
    """
    assert small_model_applies(claim) is None
    assert isinstance(claim.mesa, MesaProgram)
    mesa = decode(claim.mesa.code)
    assert isinstance(mesa, Mesa)
    h = (mesa.fuel + 1) // 2
    if claim.predicate == "approximate-alignment":
        assert claim.epsilon is not None
        return h + math.floor(2 * claim.epsilon) + 1
    return h + 1


def bounded_claim(claim: Claim) -> Claim:
    """Return the claim on ``|t| ≤ N`` that decides ``claim`` for every ``t``."""
    bound = Bound(deciding_length(claim), claim.bound.fuel)
    return replace(claim, bound=bound)


def every_length_detail(claim: Claim, bounded: Claim) -> str:
    """Return the words a verdict for every ``t`` carries: the theorem and the bound it used."""
    assert isinstance(claim.mesa, MesaProgram)
    mesa = decode(claim.mesa.code)
    assert isinstance(mesa, Mesa)
    return (
        f"by {THEOREM}: U_m's fuel {mesa.fuel} reads at most "
        f"{(mesa.fuel + 1) // 2} bits of t, so |t| <= {bounded.bound.max_length} decides it"
    )
