"""Counts in words: singular exactly for 1, and the CLI says "1 step", "1 candidate", "1 state"."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mesaform.model.standard_format import parse_machine
from mesaform.spec.programs import Mesa, encode
from mesaform.spec.words import plural
from tests.cli_helpers import invoke


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(["string", "state", "query"]))
def test_singular_exactly_for_one(count: int, word: str) -> None:
    said = plural(count, word)
    assert said.startswith(f"{count} ")
    assert (said == f"1 {word}") == (count == 1)
    if count != 1:
        assert said == f"{count} {'queries' if word == 'query' else word + 's'}"


def test_run_says_one_step_and_one_one(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = invoke(capsys, "run", "1RZ---")
    assert code == 0
    assert "halted after 1 step, 1 one," in out


def test_show_says_one_candidate_and_one_state(capsys: pytest.CaptureFixture[str]) -> None:
    one_state = parse_machine("1RZ---")
    code, out, _ = invoke(capsys, "show", encode(Mesa(1, 2, one_state, (one_state,))))
    assert code == 0, out
    assert "1 candidate declared" in out
    assert "Table, 1 state:" in out
    assert "1 candidates" not in out and "1 states" not in out
