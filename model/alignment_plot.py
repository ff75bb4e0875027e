"""Pictures of alignment: ``U`` against ``U_m`` over the checked part of ``dom(U_m)``.

Each machine ``t`` in the claim's bound with ``t in dom(U_m)`` is a point
``(U(t), U_m(t))``; inner alignment is every point on the diagonal, and the
misalignments off it are drawn in red. Points are grouped by value, the marker
area growing with how many machines share it. Coordinates are drawn as floats:
the picture is an illustration, never a verdict.

Main definitions: :func:`alignment_points`, :func:`draw_alignment`.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from itertools import islice
from pathlib import Path

from model.figures import save_figure_atomically
from spec.claims import Claim
from spec.machines import machines_up_to

PLOT_LIMIT = 2**15
"""At most this many machines (shortest first) are drawn."""


def alignment_points(
    claim: Claim, limit: int = PLOT_LIMIT
) -> tuple[Counter[tuple[Fraction, Fraction]], int]:
    """Return how many machines share each ``(U, U_m)`` value, and how many were examined."""
    base = claim.base_objective()
    mesa = claim.mesa_objective()
    points: Counter[tuple[Fraction, Fraction]] = Counter()
    examined = 0
    for t in islice(machines_up_to(claim.bound.max_length), limit):
        examined += 1
        if not claim.bound.contains(t):
            continue
        value = mesa(t).to_option()
        if value is not None:
            points[(base(t), value)] += 1
    return points, examined


def draw_alignment(claim: Claim, path: Path) -> int:
    """Draw ``U`` against ``U_m`` for ``claim`` as a PNG; return the machines drawn."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    points, examined = alignment_points(claim)
    aligned = [(u, v, n) for (u, v), n in points.items() if u == v]
    misaligned = [(u, v, n) for (u, v), n in points.items() if u != v]
    figure, axes = plt.subplots(figsize=(6, 6))
    for group, colour, label in ((aligned, "tab:blue", "U = U_m"), (misaligned, "red", "U ≠ U_m")):
        if group:
            axes.scatter(
                [float(u) for u, _, _ in group],
                [float(v) for _, v, _ in group],
                s=[12 + 4 * n**0.5 for _, _, n in group],
                c=colour,
                alpha=0.7,
                label=f"{label} ({sum(n for _, _, n in group)} machines)",
            )
    values = [float(x) for (u, v) in points for x in (u, v)] or [0.0, 1.0]
    low, high = min(values), max(values)
    axes.plot([low, high], [low, high], color="grey", linewidth=0.8, linestyle="--")
    axes.set_xlabel("U(t)  (base objective)")
    axes.set_ylabel("U_m(t)  (mesa-objective)")
    covered = sum(points.values())
    axes.set_title(
        f"{claim.name}\n{covered} of {examined} machines in dom(U_m), {claim.bound.describe()}",
        fontsize=9,
    )
    axes.legend(loc="upper left", fontsize=8)
    figure.tight_layout()
    save_figure_atomically(figure, path)
    plt.close(figure)
    return covered
