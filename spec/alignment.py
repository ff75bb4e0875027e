"""Inner alignment: ``U = U_m`` on ``dom(U_m)``.

Formalizes the post's closing sentence: "Now we have U and U_m of the same type, so
we can meaningfully say that inner alignment is when U = U_m (at least, on the
domain of U_m)" (DESIGN.md §4).

Main definitions:

- :func:`misalignments_on` -- the ``t`` in a finite set with ``t in dom(U_m)`` and
  ``U(t) != U_m(t)``;
- :func:`inner_aligned_on` -- ``forall t in S: t in dom(U_m) -> U(t) = U_m(t)``;
- :func:`inner_aligned_up_to` -- the bounded claim, ``S = {t : |t| <= n}``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spec.machines import TM, machines_up_to
from spec.objectives import Objective, PartialObjective


def misalignments_on(
    base: Objective, mesa: PartialObjective, machines: Iterable[TM]
) -> Iterator[TM]:
    """Yield each machine in ``dom(mesa)`` on which ``base`` and ``mesa`` differ."""
    for t in machines:
        if mesa.defined(t) and base(t) != mesa.value(t):
            yield t


def inner_aligned_on(base: Objective, mesa: PartialObjective, machines: Iterable[TM]) -> bool:
    """Return whether ``U = U_m`` on ``dom(U_m)`` restricted to ``machines``."""
    return next(misalignments_on(base, mesa, machines), None) is None


def inner_aligned_up_to(base: Objective, mesa: PartialObjective, max_length: int) -> bool:
    """Return whether ``forall t, |t| <= max_length: t in dom(U_m) -> U(t) = U_m(t)``."""
    return inner_aligned_on(base, mesa, machines_up_to(max_length))
