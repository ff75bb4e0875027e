"""The tree search reports the share of its tree explored, so a terminal can show a total
and the time left: the shares of the leaves sum to 1, grow monotonically, and the estimated
total is exact once the search ends.
"""

from __future__ import annotations

import pytest

from mesaform.cli.search import estimated_total
from mesaform.model.search import tree_normal_form_leaves, tree_normal_form_search


@pytest.mark.parametrize(("states", "fuel"), [(1, 20), (2, 50), (3, 100)])
def test_the_explored_share_grows_to_one(states: int, fuel: int) -> None:
    seen: list[tuple[int, float]] = []
    count = sum(
        1 for _ in tree_normal_form_leaves(states, fuel, None, lambda e, s: seen.append((e, s)))
    )
    assert seen[-1][0] == count
    assert seen[-1][1] == pytest.approx(1.0, abs=1e-9)
    shares = [share for _, share in seen]
    assert shares == sorted(shares) and all(0 <= share <= 1 + 1e-9 for share in shares)


def test_the_search_passes_the_share_on() -> None:
    seen: list[tuple[int, float]] = []
    report = tree_normal_form_search(
        2, "busyness", 50, share_progress=lambda e, s: seen.append((e, s))
    )
    assert seen[-1][0] == report.examined and seen[-1][1] == pytest.approx(1.0)


def test_estimated_total() -> None:
    assert estimated_total(0, 0.0) == "0 machines"
    assert estimated_total(250, 0.25) == "250 of ~1,000 machines"
    assert estimated_total(21257, 1.0) == "21,257 of ~21,257 machines"
