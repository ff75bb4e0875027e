"""Space-time diagrams: the sampled rows agree with the reference trace, and the pictures are
looked at (size, not blank, the head drawn), including the 5-state champion to its halt.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings

from mesaform.model.diagram import MAX_COLUMNS, MAX_ROWS, diagram_title, space_time, space_time_rows
from mesaform.model.diagram import draw_space_time as draw
from mesaform.model.standard_format import parse_standard
from mesaform.proofs.methods.strategies import tables
from mesaform.spec.interpreter import trace
from mesaform.spec.programs import Table, encode
from tests.cli_helpers import invoke
from tests.picture_helpers import looked_at, red_pixels

BB3 = "1RB1RZ_1LB0RC_1LC1LA"
CHAMPION = "1RB1LC_1RC1RB_1RD0LE_1LA1LD_1RZ0LA"


def reference_rows(
    table: Table, fuel: int, max_rows: int = MAX_ROWS
) -> tuple[list[list[int]], list[int], int]:
    _, configurations = trace(table, "", fuel)
    return space_time_rows(configurations, max_rows)


@settings(max_examples=60, deadline=None)
@given(tables(max_states=4))
def test_sampled_rows_agree_with_the_reference_trace(table: Table) -> None:
    for fuel, max_rows in ((40, MAX_ROWS), (200, 7)):
        rows, heads, left = reference_rows(table, fuel, max_rows)
        picture = space_time(table, "", fuel, max_rows=max_rows, max_columns=10_000)
        assert picture.left == left
        assert picture.rows.tolist() == rows
        assert picture.heads.tolist() == heads
        _, configurations = trace(table, "", fuel)
        assert picture.steps == configurations[-1].step
        assert picture.steps_of == [
            configurations[i].step for i in range(0, len(configurations) - 1, picture.stride)
        ] + [picture.steps]


def test_bins_count_the_ones_of_their_cells() -> None:
    table = parse_standard(BB3)
    narrow = space_time(table, "", 100, max_columns=2)
    rows, _, _ = reference_rows(table, 100)
    assert narrow.width == len(rows[0]) == 5 and narrow.cells_per_bin == 3
    assert narrow.rows.tolist() == [[sum(row[:3]), sum(row[3:])] for row in rows]


def test_a_run_with_input_shows_the_input_cells() -> None:
    table = parse_standard("1RZ1RZ")
    picture = space_time(table, "11", 10)
    assert (picture.left, picture.width) == (0, 4)  # 1 1 1 1: pair code of "11"
    assert picture.rows[0].tolist() == [1, 1, 1, 1]


def test_bb3_diagram_is_every_step_with_the_head_as_a_line(tmp_path: Path) -> None:
    path = tmp_path / "bb3.png"
    picture = draw(parse_standard(BB3), path, "", 1000)
    assert (picture.halted, picture.steps, picture.stride) == (True, 21, 1)
    image = looked_at(path)
    assert red_pixels(image) > 200  # the head's trace
    title = diagram_title(picture, 1000)
    assert title.startswith(f"{BB3}: halted after 21 steps, 5 ones")
    assert "every step is a row (22 rows)" in title


def test_a_cut_short_run_says_so_in_its_title(tmp_path: Path) -> None:
    path = tmp_path / "bb5.png"
    picture = draw(parse_standard(CHAMPION), path, "", 10_000)
    assert not picture.halted and picture.steps == 10_000
    assert picture.stride == 11 and len(picture.rows) == 911
    looked_at(path)
    title = diagram_title(picture, 10_000)
    assert "CUT SHORT by the fuel after 10,000 steps" in title
    assert "a row every 11 steps (911 rows, the last final)" in title


def test_the_five_state_champion_is_drawable_to_its_halt(tmp_path: Path) -> None:
    path = tmp_path / "champion.png"
    picture = draw(parse_standard(CHAMPION), path, "", 50_000_000)
    assert (picture.halted, picture.steps) == (True, 47_176_870)
    assert int(picture.rows[-1].sum()) == 4098  # BB(5)'s ones
    assert picture.rows.shape[0] <= MAX_ROWS and picture.rows.shape[1] <= MAX_COLUMNS
    assert picture.width == 12_289
    looked_at(path, 1000, 1000)
    assert "halted after 47,176,870 steps, 4,098 ones" in diagram_title(picture, 50_000_000)


def test_cli_warns_on_stderr_when_the_diagram_is_cut_short(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "cut.png"
    code, out, err = invoke(capsys, "run", CHAMPION, "--fuel", "5000", "--diagram", str(path))
    assert code == 0
    assert "out of fuel after 5000 steps" in out
    assert "cut short" in err and "--fuel 5000" in err
    looked_at(path)
    code, _, err = invoke(capsys, "run", BB3, "--diagram", str(tmp_path / "bb3.png"))
    assert code == 0 and err == ""


def test_bitstring_machines_are_drawn_too() -> None:
    code = encode(parse_standard(BB3))
    assert space_time(code, "", 100).steps == 21
