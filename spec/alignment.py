"""Inner alignment, ``U = U_m`` on ``dom(U_m)``, and its two weaker readings.

Formalizes the post's closing sentence: "Now we have U and U_m of the same type, so
we can meaningfully say that inner alignment is when U = U_m (at least, on the
domain of U_m)" (docs/semantics.md#alignment), and two weaker readings:
approximate alignment, "approximately the same function up to some degree of
approximation error" (§3.1), and order alignment, ``U_m`` ranks machines as ``U``
does (mesaform's reading; inner alignment implies it, not conversely).

Main definitions (each over a finite set ``S`` of machines; these quantify
directly and are the specification the checking methods are tested against):

- :func:`inner_aligned_on` -- ``forall t in S: t in dom(U_m) -> U(t) = U_m(t)``;
- :func:`inner_aligned_up_to` -- the bounded claim, ``S = {t : |t| <= n}``;
- :func:`approximately_aligned_on` -- ``forall t in S cap dom: |U(t) - U_m(t)| <= eps``;
- :func:`order_aligned_on` -- ``forall s, t in S cap dom:
  U_m(s) <= U_m(t) <-> U(s) <= U(t)``;
- the ``*_misalignments_on`` generators yield the witnesses of failure.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from fractions import Fraction

from mesaform.spec.machines import TM, machines_up_to
from mesaform.spec.objectives import Objective, PartialObjective


def misalignments_on(
    base: Objective, mesa: PartialObjective, machines: Iterable[TM]
) -> Iterator[TM]:
    """Yield each machine in ``dom(mesa)`` on which ``base`` and ``mesa`` differ."""
    for t in machines:
        if mesa.defined(t) and base(t) != mesa.value(t):
            yield t


def inner_aligned_on(base: Objective, mesa: PartialObjective, machines: Iterable[TM]) -> bool:
    """Return whether ``U = U_m`` on ``dom(U_m)`` restricted to ``machines``.

    Coq twin: ``Alignment.inner_aligned_on`` (proofs/coq, docs/coq.md).
    """
    return next(misalignments_on(base, mesa, machines), None) is None


def inner_aligned_up_to(base: Objective, mesa: PartialObjective, max_length: int) -> bool:
    """Return whether ``forall t, |t| <= max_length: t in dom(U_m) -> U(t) = U_m(t)``.

    Coq twin: ``Bounded.inner_aligned_up_to_b_spec`` (proofs/coq, docs/coq.md).
    """
    return inner_aligned_on(base, mesa, machines_up_to(max_length))


def approximate_misalignments_on(
    base: Objective, mesa: PartialObjective, machines: Iterable[TM], epsilon: Fraction
) -> Iterator[TM]:
    """Yield each ``t`` in ``dom(mesa)`` with ``|U(t) - U_m(t)| > epsilon``."""
    for t in machines:
        if mesa.defined(t) and abs(base(t) - mesa.value(t)) > epsilon:
            yield t


def approximately_aligned_on(
    base: Objective, mesa: PartialObjective, machines: Iterable[TM], epsilon: Fraction
) -> bool:
    """Return whether ``|U - U_m| <= epsilon`` on ``dom(U_m)`` restricted to ``machines``.

    Coq twin: ``Alignment.approximately_aligned_on`` (proofs/coq, docs/coq.md).
    """
    return next(approximate_misalignments_on(base, mesa, machines, epsilon), None) is None


def ranks_disagree(base_s: Fraction, mesa_s: Fraction, base_t: Fraction, mesa_t: Fraction) -> bool:
    """Return whether ``U_m(s) <= U_m(t) <-> U(s) <= U(t)`` fails for the pair (s, t)."""
    return (mesa_s <= mesa_t) != (base_s <= base_t)


def order_misalignments_on(
    base: Objective, mesa: PartialObjective, machines: Iterable[TM]
) -> Iterator[tuple[TM, TM]]:
    """Yield each pair ``(s, t)`` in ``dom(mesa)`` that ``U`` and ``U_m`` rank differently."""
    scored = [(t, base(t), mesa.value(t)) for t in machines if mesa.defined(t)]
    for s, base_s, mesa_s in scored:
        for t, base_t, mesa_t in scored:
            if ranks_disagree(base_s, mesa_s, base_t, mesa_t):
                yield s, t


def order_aligned_on(base: Objective, mesa: PartialObjective, machines: Iterable[TM]) -> bool:
    """Return whether ``U_m`` and ``U`` rank every pair in ``dom(U_m)`` alike.

    Coq twin: ``Alignment.order_aligned_on`` (proofs/coq, docs/coq.md).
    """
    return next(order_misalignments_on(base, mesa, machines), None) is None
