"""``check --plot`` draws what the claim's predicate says, and its red points are the report's
counterexamples: every picture is looked at (size, not blank, red exactly when there are
counterexamples), and the red machines are counted against ``check --all --json``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mesaform.claim_files import load_claims
from mesaform.cli.check import bundled_claims
from mesaform.model.alignment_plot import alignment_plot, plot_title, plotted_length
from tests.cli_helpers import invoke
from tests.picture_helpers import looked_at, red_pixels

PROXY = "1110111010101011001110111010001101101100110001110"
DOUBLING = (
    "1110111010101010110111011111110001111001100110010001011000111000101101000010001110"
    "111010001101101100110001110"
)
CLAIMS = f"""
[[claim]]
name = "inner_proxy"
predicate = "inner-alignment"
base = "code_ones"
mesa = "{PROXY}"
max_length = 6
fuel = 33

[[claim]]
name = "order_proxy"
predicate = "order-alignment"
base = "code_ones"
mesa = "{PROXY}"
max_length = 6
fuel = 33

[[claim]]
name = "approx_proxy"
predicate = "approximate-alignment"
base = "code_ones"
mesa = "{PROXY}"
epsilon = "3"
max_length = 6
fuel = 33

[[claim]]
name = "order_doubling"
predicate = "order-alignment"
base = "code_ones"
mesa = "{DOUBLING}"
max_length = 7
fuel = 65

[[claim]]
name = "approx_doubling_tables"
predicate = "approximate-alignment"
base = "code_ones"
mesa = "{DOUBLING}"
epsilon = "5/2"
max_length = 9
fuel = 65
tables_only = true
"""


@pytest.fixture(scope="module")
def claim_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("claims") / "plots.toml"
    path.write_text(CLAIMS, encoding="utf-8")
    return path


def report_counterexamples(report: Path) -> int:
    record = json.loads(report.read_text(encoding="utf-8"))["results"][0]
    if record["verdict"] != "refuted":
        return 0
    return 1 + len(record.get("more_counterexamples", []))


@pytest.mark.parametrize(
    "name",
    ["inner_proxy", "order_proxy", "approx_proxy", "order_doubling", "approx_doubling_tables"],
)
def test_red_points_are_the_reports_counterexamples(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, claim_file: Path, name: str
) -> None:
    picture, report = tmp_path / "plot.png", tmp_path / "report.json"
    arguments = ["check", str(claim_file), "--claim", name, "--all"]
    code, out, _ = invoke(capsys, *arguments, "--plot", str(picture), "--json", str(report))
    assert code in (0, 1)
    expected = report_counterexamples(report)
    claim = next(c for c in load_claims(claim_file) if c.name == name)
    plot = alignment_plot(claim)
    assert plot.max_length == claim.bound.max_length  # the whole bound is plotted
    assert plot.counterexamples == expected
    assert f"({expected} counterexample" in out
    image = looked_at(picture)
    assert (red_pixels(image) > 20) == (expected > 0), (name, red_pixels(image), expected)


def test_each_predicate_is_drawn_as_it_reads(claim_file: Path) -> None:
    claims = {c.name: c for c in load_claims(claim_file)}
    inner = alignment_plot(claims["inner_proxy"])
    order = alignment_plot(claims["order_doubling"])
    approx = alignment_plot(claims["approx_proxy"])
    # U_m = |t| + code_ones(t): off the diagonal except at the empty string.
    assert inner.counterexamples == inner.in_domain - 1 == 126
    # U_m = 2 U ranks every pair as U does: nothing is red, though no point is on U = U_m.
    assert order.counterexamples == 0 and order.in_domain == 255
    assert all(u != v for u, v in order.agreeing if u)
    # |U - U_m| = |t| <= 3 inside the band: 1 + 2 + 4 + 8 strings.
    assert approx.in_domain - approx.counterexamples == 15
    assert "ε = 3" in plot_title(approx)


def test_a_proved_order_claim_has_no_red_points(tmp_path: Path) -> None:
    claim = next(c for c in bundled_claims() if c.name == "code_ones_doubling_evaluator_order")
    plot = alignment_plot(claim)
    assert plot.counterexamples == 0 and plot.in_domain == 2**15 - 1


def test_the_title_states_exactly_what_is_plotted() -> None:
    claim = next(c for c in bundled_claims() if c.name == "code_ones_length_proxy")
    assert claim.bound.max_length == 16
    assert plotted_length(16) == 14 and plotted_length(3) == 3 and plotted_length(0) == 0
    plot = alignment_plot(claim)
    assert (plot.max_length, plot.examined) == (14, 2**15 - 1)
    title = plot_title(plot)
    assert (
        "plotted: |t| <= 14, fuel 33 (32767 strings; the claim's bound goes to |t| <= 16)" in title
    )
    assert "32767 machines in dom(U_m); red: 32766 machines where U ≠ U_m" in title


def test_a_bound_of_tables_only_says_how_many_strings_it_holds(claim_file: Path) -> None:
    claim = next(c for c in load_claims(claim_file) if c.name == "approx_doubling_tables")
    plot = alignment_plot(claim)
    assert plot.in_bound < plot.examined == 2**10 - 1
    assert f", {plot.in_bound} in the bound" in plot_title(plot)
