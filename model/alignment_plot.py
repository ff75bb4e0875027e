"""Pictures of a claim: ``U`` against ``U_m`` over ``dom(U_m)``, drawn as its predicate reads.

Each machine ``t`` of the plotted part of the claim's bound with ``t in dom(U_m)`` is a point
``(U(t), U_m(t))``; machines sharing a value share a marker, whose area grows with their
number (``12 + 4 sqrt(n)`` square points for ``n`` machines). Red marks exactly the machines
the claim's predicate counts against it, as ``mesaform check --all`` would list them:

- inner alignment: the points off the diagonal ``U = U_m``;
- approximate alignment: the points outside the band ``|U - U_m| <= epsilon`` (shaded);
- order alignment: the relation itself (order alignment holds iff the points form a strictly
  increasing graph); red marks each machine ranked differently from an earlier machine
  (shortest-then-lexicographic order), with a thin red line to its first such partner.

The plot covers whole lengths only: every string with ``|t| <= L`` for the largest ``L`` (at
most the bound's) with at most :data:`PLOT_LIMIT` strings; the title says which ``L``, how
many strings that is, how many are in ``dom(U_m)``, and how many are red. Coordinates are
drawn as floats: the picture is an illustration, the verdict is the report's.

Main definitions: :class:`AlignmentPlot`, :func:`plotted_length`, :func:`alignment_plot`,
:func:`plot_title`, :func:`alignment_figure`,
:func:`draw_alignment` (PNG, PDF or SVG).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import Any

from mesaform.model.figures import save_figure_atomically
from mesaform.spec.alignment import ranks_disagree
from mesaform.spec.claims import Claim, MesaProgram
from mesaform.spec.machines import TM, count_machines_up_to, machines_of_length
from mesaform.spec.programs import Mesa, Table, decode
from mesaform.spec.words import plural

PLOT_LIMIT = 2**15
"""At most this many strings are examined: whole lengths, shortest first."""

Point = tuple[Fraction, Fraction]
"""``(U(t), U_m(t))``."""


@dataclass(frozen=True)
class AlignmentPlot:
    """What a claim's plot shows: points of ``dom(U_m)``, by value, and the red ones.

    ``agreeing`` and ``red`` count machines per point; ``partners`` counts, for order
    alignment, each red machine's line from its point to its first partner's point.
    """

    claim: Claim
    max_length: int
    examined: int
    in_bound: int
    agreeing: Counter[Point]
    red: Counter[Point]
    partners: Counter[tuple[Point, Point]]

    @property
    def in_domain(self) -> int:
        """Return the number of plotted machines in ``dom(U_m)``."""
        return self.agreeing.total() + self.red.total()

    @property
    def counterexamples(self) -> int:
        """Return the number of red machines (counterexamples of the plotted part)."""
        return self.red.total()


def plotted_length(max_length: int, limit: int = PLOT_LIMIT) -> int:
    """Return the largest ``L <= max_length`` with at most ``limit`` strings ``|t| <= L``."""
    length = max_length
    while length > 0 and count_machines_up_to(length) > limit:
        length -= 1
    return length


def _values(claim: Claim, max_length: int) -> Iterator[tuple[TM, Fraction, Fraction | None]]:
    """Yield ``(t, U(t), U_m(t))`` for every ``t`` in the bound with ``|t| <= max_length``.

    A mesa-optimizer whose evaluator is a table is evaluated by the compiled engine (the
    engine's tests check it against the reference interpreter); anything else runs in the
    reference interpreter.
    """
    base = claim.base_objective()
    mesa = claim.mesa_objective()
    program = decode(claim.mesa.code) if isinstance(claim.mesa, MesaProgram) else None
    table = decode(program.evaluator) if isinstance(program, Mesa) else None
    for length in range(max_length + 1):
        if isinstance(program, Mesa) and isinstance(table, Table):
            from mesaform.model.engine import evaluator_outcomes

            outcomes = evaluator_outcomes(table, program.fuel, length)
            for t, ones in zip(machines_of_length(length), outcomes, strict=True):
                if claim.bound.contains(t):
                    yield t, Fraction(base(t)), None if ones is None else Fraction(ones)
        else:
            for t in machines_of_length(length):
                if claim.bound.contains(t):
                    value = mesa(t).to_option()
                    yield t, Fraction(base(t)), None if value is None else Fraction(value)


def alignment_plot(claim: Claim, limit: int = PLOT_LIMIT) -> AlignmentPlot:
    """Evaluate the plotted part of ``claim`` and sort its machines into agreeing and red."""
    length = plotted_length(claim.bound.max_length, limit)
    agreeing: Counter[Point] = Counter()
    red: Counter[Point] = Counter()
    partners: Counter[tuple[Point, Point]] = Counter()
    distinct: list[Point] = []  # order alignment: distinct points, in order of first machine
    first_partner: dict[Point, tuple[int, Point | None]] = {}  # checked prefix, partner
    in_bound = 0
    for _, base, mesa in _values(claim, length):
        in_bound += 1
        if mesa is None:
            continue
        point = (base, mesa)
        if claim.predicate == "inner-alignment":
            bad = base != mesa
        elif claim.predicate == "approximate-alignment":
            assert claim.epsilon is not None
            bad = abs(base - mesa) > claim.epsilon
        else:
            checked, partner = first_partner.get(point, (0, None))
            while partner is None and checked < len(distinct):
                other = distinct[checked]
                if ranks_disagree(*other, base, mesa) or ranks_disagree(base, mesa, *other):
                    partner = other
                checked += 1
            first_partner[point] = (checked, partner)
            if point not in agreeing and point not in red:
                distinct.append(point)
            bad = partner is not None
            if partner is not None:
                partners[(point, partner)] += 1
        (red if bad else agreeing)[point] += 1
    return AlignmentPlot(
        claim, length, count_machines_up_to(length), in_bound, agreeing, red, partners
    )


RED_MEANING = {
    "inner-alignment": "where U ≠ U_m",
    "approximate-alignment": "where |U − U_m| > ε",
    "order-alignment": "ranked unlike an earlier machine (line to the first)",
}

PREDICATE_WORDS = {
    "inner-alignment": "inner alignment: U = U_m on dom(U_m)",
    "approximate-alignment": "approximate alignment: |U − U_m| ≤ ε on dom(U_m)",
    "order-alignment": "order alignment: U_m(s) ≤ U_m(t) ⟺ U(s) ≤ U(t) on dom(U_m)",
}


def plot_title(plot: AlignmentPlot) -> str:
    """Return the title: the claim, its predicate, exactly what is plotted, and what is red."""
    claim = plot.claim
    predicate = PREDICATE_WORDS[claim.predicate]
    if claim.epsilon is not None:
        predicate += f", ε = {claim.epsilon}"
    bound = replace(claim.bound, max_length=plot.max_length).describe()
    if plot.max_length < claim.bound.max_length:
        scope = (
            f"plotted: {bound} ({plural(plot.examined, 'string')}; the claim's bound goes to "
            f"|t| <= {claim.bound.max_length})"
        )
    else:
        scope = f"plotted: the claim's whole bound, {bound} ({plural(plot.examined, 'string')})"
    if plot.in_bound != plot.examined:
        scope += f", {plot.in_bound} in the bound"
    counts = (
        f"{plural(plot.in_domain, 'machine')} in dom(U_m); "
        f"red: {plural(plot.counterexamples, 'machine')} {RED_MEANING[claim.predicate]}"
    )
    return f"{claim.name}\n{predicate}\n{scope}\n{counts}"


def _span(values: list[float]) -> tuple[float, float]:
    """Return an axis' limits fitted to ``values``: their range and 5% of it each side."""
    low, high = min(values), max(values)
    margin = (high - low) * 0.05 if high > low else 0.5
    return low - margin, high + margin


MARKER_NOTE = "One marker per value (U, U_m); its area is 12 + 4√n pt² for n machines."


def alignment_figure(claim: Claim, limit: int = PLOT_LIMIT) -> tuple[Any, AlignmentPlot]:
    """Return ``claim``'s figure (matplotlib) and what it shows.

    Each axis is fitted to the data (``U`` on x, ``U_m`` on y, 5% margins); the
    legend and the note on marker sizes sit below the axes, never over a point.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plot = alignment_plot(claim, limit)
    figure, axes = plt.subplots(figsize=(7, 8), layout="constrained")
    points = (*plot.agreeing, *plot.red)
    x_span = _span([float(u) for u, _ in points] or [0.0])
    y_span = _span([float(v) for _, v in points] or [0.0])
    both = (min(x_span[0], y_span[0]), max(x_span[1], y_span[1]))
    if claim.predicate == "approximate-alignment":
        assert claim.epsilon is not None
        epsilon = float(claim.epsilon)
        axes.fill_between(
            both,
            [both[0] - epsilon, both[1] - epsilon],
            [both[0] + epsilon, both[1] + epsilon],
            color="tab:blue",
            alpha=0.12,
            linewidth=0,
            label=f"band |U − U_m| ≤ ε = {claim.epsilon}",
        )
    if claim.predicate != "order-alignment":
        axes.plot(both, both, color="grey", linewidth=0.8, linestyle="--", label="U = U_m")
    for (point, partner), _ in plot.partners.items():
        axes.plot(
            [float(point[0]), float(partner[0])],
            [float(point[1]), float(partner[1])],
            color="red",
            linewidth=0.6,
            alpha=0.5,
        )
    groups = (
        (plot.agreeing, "tab:blue", "in dom(U_m), no counterexample"),
        (plot.red, "red", RED_MEANING[claim.predicate]),
    )
    for group, colour, label in groups:
        if group:
            axes.scatter(
                [float(u) for u, _ in group],
                [float(v) for _, v in group],
                s=[12 + 4 * n**0.5 for n in group.values()],
                c=colour,
                alpha=0.7,
                label=f"{plural(group.total(), 'machine')} {label}",
            )
    axes.set_xlim(*x_span)
    axes.set_ylim(*y_span)
    axes.set_xlabel("U(t)  (base objective)")
    axes.set_ylabel("U_m(t)  (mesa-objective)")
    axes.set_title(plot_title(plot), fontsize=8)
    handles, labels = axes.get_legend_handles_labels()
    figure.legend(
        handles,
        labels,
        loc="outside lower center",
        fontsize=8,
        frameon=False,
        title=MARKER_NOTE,
        title_fontsize=7,
    )
    return figure, plot


def draw_alignment(claim: Claim, path: Path, limit: int = PLOT_LIMIT) -> AlignmentPlot:
    """Draw ``claim``'s plot to ``path``, PNG, PDF or SVG by its extension (atomically);
    return what it shows."""
    import matplotlib.pyplot as plt

    figure, plot = alignment_figure(claim, limit)
    save_figure_atomically(figure, path)
    plt.close(figure)
    return plot
