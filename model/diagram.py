"""Space-time diagrams of a table's run, the picture busy-beaver tools draw.

Main definitions:

- :func:`space_time_rows` -- the tape of each configuration as a row of 0/1 cells
  over the visited window, with the head's cell;
- :func:`draw_space_time` -- write the diagram as a PNG with matplotlib (time flows
  down, a ``1`` is black, the head is marked red).
"""

from __future__ import annotations

from pathlib import Path

from model.figures import save_figure_atomically
from spec.interpreter import trace
from spec.programs import Table
from spec.results import Configuration, Halted, RunResult


def space_time_rows(
    configurations: list[Configuration], max_rows: int = 2000
) -> tuple[list[list[int]], list[int], int]:
    """Return rows of cells, the head column of each row, and the leftmost cell shown.

    With more than ``max_rows`` configurations every k-th is kept, and the last.
    """
    if not configurations:
        raise ValueError("a diagram needs at least one configuration")
    stride = max(1, -(-len(configurations) // max_rows))
    kept = configurations[::stride]
    if kept[-1] is not configurations[-1]:
        kept.append(configurations[-1])
    cells = [c.head for c in kept] + [cell for c in kept for cell in c.tape]
    left, right = min(cells), max(cells)
    rows = [[1 if cell in c.tape else 0 for cell in range(left, right + 1)] for c in kept]
    heads = [c.head - left for c in kept]
    return rows, heads, left


def draw_space_time(
    machine: str | Table, path: Path, x: str = "", fuel: int = 0, title: str | None = None
) -> RunResult:
    """Run a table and write its space-time diagram to ``path`` (PNG), atomically."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    result, configurations = trace(machine, x, fuel)
    rows, heads, left = space_time_rows(configurations)
    width = len(rows[0])
    figure, axes = plt.subplots(
        figsize=(max(4.0, min(12.0, width / 8)), max(3.0, min(12.0, len(rows) / 12)))
    )
    axes.imshow(
        rows,
        cmap="Greys",
        interpolation="nearest",
        aspect="auto",
        vmin=0,
        vmax=1,
        extent=(left - 0.5, left + width - 0.5, len(rows) - 0.5, -0.5),
    )
    axes.plot(
        [h + left for h in heads],
        range(len(rows)),
        color="red",
        linewidth=0.8,
        marker=".",
        markersize=2,
    )
    axes.set_xlabel("cell")
    axes.set_ylabel("configuration (time flows down)")
    status = (
        f"halted after {result.steps} steps"
        if isinstance(result, Halted)
        else f"out of fuel after {fuel} steps"
    )
    axes.set_title(title or status)
    figure.tight_layout()
    save_figure_atomically(figure, path)
    plt.close(figure)
    return result
