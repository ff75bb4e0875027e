"""Space-time diagrams of a table's run, the picture busy-beaver tools draw.

Main definitions:

- :class:`SpaceTime` -- a run sampled for its picture: the configurations at steps
  ``0, k, 2k, ...`` and the last, each a row of bins over the cells the run touches;
- :func:`space_time` -- sample a run with memory bounded by the picture (at most
  ``max_rows`` rows of at most ``max_columns`` bins), compiled, so that the 5-state
  champion's 47,176,870 steps are drawable;
- :func:`space_time_rows` -- the same rows from the reference interpreter's trace
  (small runs; the tests compare the two);
- :func:`space_time_figure`, :func:`draw_space_time` -- the diagram, written as PNG, PDF
  or SVG by the file's extension: time flows down and the y axis
  counts steps; a ``1`` is black, a ``0`` white (gray: the share of 1s when a pixel
  column bins several cells); the head is red; the title names the machine in the
  standard format and the outcome, and says when the run was cut short by its fuel.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from mesaform.model.engine import bits_array, diagram_kernels, table_delta
from mesaform.model.figures import save_figure_atomically
from mesaform.model.standard_format import MAX_STANDARD_STATES, format_standard
from mesaform.spec.machines import TM
from mesaform.spec.programs import Table, decode
from mesaform.spec.results import Configuration

MAX_ROWS = 1000
"""Rows of a diagram at most: longer runs are sampled every ``k``-th step."""

MAX_COLUMNS = 2000
"""Bins across a diagram at most: wider runs put several cells in one bin."""

HEAD_LINE_ROWS = 300
"""The head is drawn as a line only when every step is a row and there are at most this many;
otherwise as one small dot per row (a line between samples would smear over the tape)."""


@dataclass(frozen=True)
class SpaceTime:
    """A table's run sampled for its picture.

    ``rows[i][j]`` counts the 1s among the cells of bin ``j`` in configuration ``steps_of[i]``
    (a bin holds ``cells_per_bin`` cells, the last possibly fewer); ``heads[i]`` is the head's
    cell then. ``halted`` is ``False`` when the run was cut short after ``steps`` = fuel steps.
    """

    table: Table
    halted: bool
    steps: int
    stride: int
    left: int
    width: int
    rows: npt.NDArray[np.uint16]
    heads: npt.NDArray[np.int64]

    @property
    def steps_of(self) -> list[int]:
        """Return the step of each row: ``0, k, 2k, ...`` and the last."""
        return [*(i * self.stride for i in range(len(self.rows) - 1)), self.steps]

    @property
    def cells_per_bin(self) -> int:
        """Return how many cells one bin (one column of the picture) holds at most."""
        return -(-self.width // int(self.rows.shape[1]))


def space_time(
    machine: str | Table,
    x: str = "",
    fuel: int = 0,
    max_rows: int = MAX_ROWS,
    max_columns: int = MAX_COLUMNS,
) -> SpaceTime:
    """Run a table for at most ``fuel`` steps and sample it for its diagram (compiled).

    Two passes: the first finds the steps and the cells the run touches, the second keeps
    the configurations at steps ``0, k, 2k, ...`` (``k`` chosen so that at most
    ``max_rows`` rows are kept, the final configuration among them) binned into at most
    ``max_columns`` columns. Memory: the picture plus the tape the machine writes.
    """
    if max_rows < 2 or max_columns < 1:
        raise ValueError("a diagram needs at least two rows and one column")
    program = decode(machine) if isinstance(machine, str) else machine
    if not isinstance(program, Table):
        raise ValueError("a space-time diagram shows a Table program; this is a Mesa program")
    compiled = diagram_kernels()
    delta, bits = table_delta(program), bits_array(TM(x))
    halted, steps, lo, hi = compiled.table_extent(delta, program.states, bits, fuel)
    steps, lo, hi = int(steps), int(lo), int(hi)
    stride = max(1, -(-steps // (max_rows - 1)))
    width = hi - lo + 1
    columns = min(width, max_columns)
    count = -(-steps // stride) + 1
    rows = np.zeros((count, columns), dtype=np.uint16)
    heads = np.zeros(count, dtype=np.int64)
    filled = compiled.table_samples(
        delta, program.states, bits, steps, stride, lo, width, columns, rows, heads
    )
    assert filled == count, (filled, count)
    return SpaceTime(program, bool(halted), steps, stride, lo, width, rows, heads)


def space_time_rows(
    configurations: list[Configuration], max_rows: int = MAX_ROWS
) -> tuple[list[list[int]], list[int], int]:
    """Return rows of cells, the head cell of each row, and the leftmost cell shown.

    The reference's version of :func:`space_time` (one cell per column): of a trace,
    configurations ``0, k, 2k, ...`` and the last are kept, ``k`` as there.
    """
    if not configurations:
        raise ValueError("a diagram needs at least one configuration")
    steps = len(configurations) - 1
    stride = max(1, -(-steps // (max_rows - 1)))
    kept = [*configurations[:-1:stride], configurations[-1]] if steps else configurations
    cells = [c.head for c in configurations] + [cell for c in configurations for cell in c.tape]
    left, right = min(cells), max(cells)
    rows = [[1 if cell in c.tape else 0 for cell in range(left, right + 1)] for c in kept]
    return rows, [c.head for c in kept], left


def machine_name(table: Table) -> str:
    """Return the table in the standard format (``-`` for the table with no states)."""
    if table.states > MAX_STANDARD_STATES:
        return f"a table of {table.states} states"
    return format_standard(table) or "-"


def diagram_title(picture: SpaceTime, fuel: int) -> str:
    """Return the diagram's title: machine, outcome, and what the rows and columns are."""
    name = machine_name(picture.table)
    if picture.halted:
        ones = int(picture.rows[-1].sum())
        outcome = f"halted after {picture.steps:,} steps, {ones:,} ones"
    else:
        outcome = f"CUT SHORT by the fuel after {fuel:,} steps: not halted yet, may still halt"
    rows = (
        f"every step is a row ({len(picture.rows):,} rows)"
        if picture.stride == 1
        else f"a row every {picture.stride:,} steps ({len(picture.rows):,} rows, the last final)"
    )
    columns = (
        f"cells {picture.left:,}..{picture.left + picture.width - 1:,}"
        if picture.cells_per_bin == 1
        else f"{picture.width:,} cells, up to {picture.cells_per_bin:,} per column"
    )
    return f"{name}: {outcome}\n{rows}; {columns}"


def draw_space_time(
    machine: str | Table, path: Path, x: str = "", fuel: int = 0, title: str | None = None
) -> SpaceTime:
    """Run a table and write its space-time diagram to ``path`` atomically: PNG, PDF or
    SVG by its extension.

    Return the sampled run (``halted`` and ``steps`` say how it ended).
    """
    import matplotlib.pyplot as plt

    figure, picture = space_time_figure(machine, x, fuel, title)
    save_figure_atomically(figure, path)
    plt.close(figure)
    return picture


def space_time_figure(
    machine: str | Table, x: str = "", fuel: int = 0, title: str | None = None
) -> tuple[Any, SpaceTime]:
    """Return the space-time diagram's figure (matplotlib) and the sampled run.

    The axes are the cells and steps of the run; the legend sits right of them.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    picture = space_time(machine, x, fuel)
    rows, columns = picture.rows.shape
    share = picture.rows.astype(np.float64) / picture.cells_per_bin
    last_step = picture.steps_of[-1]
    figure, axes = plt.subplots(
        figsize=(max(5.0, min(12.0, columns / 8)), max(4.0, min(12.0, rows / 12)))
    )
    right = picture.left + picture.width - 0.5
    top = last_step + picture.stride / 2 if picture.stride > 1 else last_step + 0.5
    bottom = -picture.stride / 2 if picture.stride > 1 else -0.5
    axes.imshow(
        share,
        cmap="Greys",
        interpolation="nearest",
        aspect="auto",
        vmin=0,
        vmax=1,
        extent=(picture.left - 0.5, right, top, bottom),
    )
    steps_of = picture.steps_of
    if picture.stride == 1 and rows <= HEAD_LINE_ROWS:
        axes.plot(picture.heads, steps_of, color="red", linewidth=0.8, marker=".", markersize=3)
    else:
        axes.scatter(picture.heads, steps_of, color="red", s=1.5, linewidths=0)
    axes.set_xlim(picture.left - 0.5, right)
    axes.set_ylim(top, bottom)
    axes.set_xlabel("tape cell")
    axes.set_ylabel("step (time flows down)")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{int(value):,}"))
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_title(title or diagram_title(picture, fuel), fontsize=9)
    gray = " (gray: share of 1s)" if picture.cells_per_bin > 1 else ""
    axes.legend(
        handles=[
            Patch(facecolor="black", edgecolor="black", label=f"1{gray}"),
            Patch(facecolor="white", edgecolor="black", label="0"),
            Line2D([], [], color="red", marker=".", linewidth=0.8, label="head"),
        ],
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        fontsize=8,
        frameon=False,
    )
    figure.tight_layout()
    return figure, picture
