"""Figures for papers: PNG, PDF or SVG by the file's extension, anything else refused;
rasters at 200 dpi or more; legends never over the data; axes fitted to the data."""

from __future__ import annotations

import struct
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from mesaform.claim_files import parse_claims
from mesaform.model.alignment_plot import alignment_figure, draw_alignment
from mesaform.model.diagram import draw_space_time, space_time_figure
from mesaform.model.figures import RASTER_DPI, figure_format
from mesaform.model.standard_format import parse_machine
from mesaform.spec.claims import Claim
from mesaform.spec.verdicts import Bound
from tests.cli_helpers import invoke

BB3 = "1RB1RZ_1LB0RC_1LC1LA"
BB3_CODE = parse_machine(BB3)
SMALL = (
    'name = "proxy"\npredicate = "inner-alignment"\nbase = "code_ones"\nmax_length = 6\n'
    'fuel = 25\nexpect = "fails"\n[mesa]\nevaluator = "1RZ1RZ"\nfuel = 3\n'
)


def bundled(name: str) -> Claim:
    text = resources.files("mesaform.claims").joinpath("default.toml").read_text()
    (claim,) = [c for c in parse_claims(text) if c.name == name]
    return replace(claim, bound=Bound(8, claim.bound.fuel))


def png_size_and_dpi(data: bytes) -> tuple[int, int, float]:
    """Return a PNG's width, height (IHDR) and dots per inch (pHYs)."""
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    at = data.index(b"pHYs")
    per_metre_x, per_metre_y, unit = struct.unpack(">IIB", data[at + 4 : at + 13])
    assert unit == 1 and per_metre_x == per_metre_y
    return width, height, per_metre_x * 0.0254


def opened(path: Path, kind: str) -> None:
    """Open the file as its format: a PDF's and an SVG's header, a PNG's size and dpi."""
    data = path.read_bytes()
    if kind == "pdf":
        assert data.startswith(b"%PDF-1.") and data.rstrip().endswith(b"%%EOF")
    elif kind == "svg":
        assert data.startswith(b"<?xml") and b"<svg" in data[:1000]
        assert data.rstrip().endswith(b"</svg>")
    else:
        width, height, dpi = png_size_and_dpi(data)
        assert dpi >= RASTER_DPI - 0.5
        assert width >= 5 * RASTER_DPI and height >= 4 * RASTER_DPI, (width, height)


@pytest.mark.parametrize("kind", ["png", "pdf", "svg"])
def test_each_format_by_extension(tmp_path: Path, kind: str) -> None:
    plot = tmp_path / f"plot.{kind}"
    draw_alignment(bundled("code_ones_length_proxy"), plot)
    opened(plot, kind)
    diagram = tmp_path / f"bb3.{kind.upper()}"  # the extension's case does not matter
    draw_space_time(BB3_CODE, diagram, fuel=100)
    opened(diagram, kind)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([plot.name, diagram.name])


@pytest.mark.parametrize("kind", ["pdf", "svg", "png"])
def test_command_line_writes_each_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    plot = tmp_path / f"p.{kind}"
    claims = tmp_path / "c.toml"
    claims.write_text(SMALL)
    code, _, _ = invoke(capsys, "check", str(claims), "--plot", str(plot))
    assert code == 0
    opened(plot, kind)
    diagram = tmp_path / f"d.{kind}"
    code, _, _ = invoke(capsys, "run", BB3, "--diagram", str(diagram))
    assert code == 0
    opened(diagram, kind)


@pytest.mark.parametrize("name", ["p.jpg", "p", "p.png.txt", "p.eps"])
def test_other_extensions_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    path = tmp_path / name
    with pytest.raises(ValueError, match=r"\.png, \.pdf or \.svg"):
        figure_format(path)
    claims = tmp_path / "c.toml"
    claims.write_text(SMALL)
    for argv, option in (
        (["check", str(claims), "--plot", str(path)], "--plot"),
        (["run", BB3, "--diagram", str(path)], "--diagram"),
    ):
        code, out, err = invoke(capsys, *argv)
        assert code == 2 and out == "" and err.count("\n") == 1, err
        assert option in err and ".png, .pdf or .svg" in err
    assert not path.exists()


def overlaps(first: Any, second: Any) -> bool:
    return bool(
        first.x0 < second.x1
        and second.x0 < first.x1
        and first.y0 < second.y1
        and second.y0 < first.y1
    )


def legend_of(figure: Any) -> Any:
    legends = list(figure.legends) + [a.get_legend() for a in figure.axes if a.get_legend()]
    assert len(legends) == 1
    return legends[0]


@pytest.mark.parametrize(
    "name",
    ["code_ones_length_proxy", "code_ones_doubling_evaluator_order", "code_ones_exact_evaluator"],
)
def test_alignment_legend_is_off_the_axes_and_axes_fit_the_data(name: str) -> None:
    import matplotlib.pyplot as plt

    figure, plot = alignment_figure(bundled(name))
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    (axes,) = figure.axes
    legend = legend_of(figure)
    assert not overlaps(legend.get_window_extent(renderer), axes.get_window_extent(renderer))
    points = [*plot.agreeing, *plot.red]
    for values, limits in (
        ([float(u) for u, _ in points], axes.get_xlim()),
        ([float(v) for _, v in points], axes.get_ylim()),
    ):
        low, high = min(values), max(values)
        assert limits[0] < low and high < limits[1]  # every point inside
        if high > low:  # and the data fill the axis but for a 5% margin each side
            assert (high - low) / (limits[1] - limits[0]) >= 0.9
    plt.close(figure)


def test_the_order_plot_fills_its_x_axis() -> None:
    """U_m = 2U: x spans U's values and y U_m's, each fitted separately."""
    import matplotlib.pyplot as plt

    figure, plot = alignment_figure(bundled("code_ones_doubling_evaluator_order"))
    (axes,) = figure.axes
    highest_u = max(float(u) for u, _ in [*plot.agreeing, *plot.red])
    assert axes.get_xlim()[1] < highest_u * 1.1 < axes.get_ylim()[1]
    plt.close(figure)


def test_diagram_legend_is_off_the_axes() -> None:
    import matplotlib.pyplot as plt

    figure, picture = space_time_figure(BB3_CODE, fuel=100)
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    (axes,) = figure.axes
    legend = legend_of(figure)
    assert not overlaps(legend.get_window_extent(renderer), axes.get_window_extent(renderer))
    left, right = axes.get_xlim()
    assert (left, right) == (picture.left - 0.5, picture.left + picture.width - 0.5)
    plt.close(figure)


def test_the_plot_of_a_claim_for_every_t_shows_the_bound_it_was_checked_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A claim for every t has max_length 0; its plot is of the small-model bound."""
    from mesaform.proofs.checking.small_model import deciding_length

    path, plot = tmp_path / "all.toml", tmp_path / "all.png"
    path.write_text(
        '[[claim]]\nname = "all"\npredicate = "inner-alignment"\nbase = "code_ones"\n'
        'max_length = "all"\nfuel = 25\n[claim.mesa]\nevaluator = "0RZ0RB_0RA1RA"\nfuel = 9\n'
    )
    (claim,) = parse_claims(path.read_text())
    n = deciding_length(claim)
    assert n > 0
    code, out, err = invoke(
        capsys, "check", str(path), "--method", "enumerate", "--plot", str(plot)
    )
    assert code == 0, err
    assert f"with |t| <= {n} " in out and plot.stat().st_size > 0
