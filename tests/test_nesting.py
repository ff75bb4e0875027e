"""Deeply nested mesa-optimizers: the explicit stack agrees with the recursive definition.

The contract is docs/reliability.md: codes nested thousands of levels deep run, show and
check without exhausting Python's stack, as the recursive definition would evaluate them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mesaform.proofs.methods.strategies import mesa_programs
from mesaform.spec.machines import TM
from mesaform.spec.programs import Mesa, encode
from tests.cli_helpers import invoke

# -- nesting ----------------------------------------------------------------------------------


def _recursive_run(machine: str, x: str, fuel: int) -> object:
    """The interpreter as it was written first, recursively: the oracle of the loop."""
    from mesaform.spec.interpreter import choose, run_table
    from mesaform.spec.programs import Table, decode
    from mesaform.spec.results import Halted, OutOfFuel, input_tape

    program = decode(machine)
    if isinstance(program, Table):
        return run_table(program, input_tape(TM(x)), fuel)
    spent = 0
    acting: Table | Mesa = program
    while not isinstance(acting, Table):
        budget, used, scores = fuel - spent, 0, []
        for candidate in acting.candidates:
            capped = min(acting.fuel, budget - used)
            result = _recursive_run(acting.evaluator, candidate, capped)
            if isinstance(result, OutOfFuel) and capped < acting.fuel:
                return OutOfFuel(fuel)
            assert isinstance(result, Halted | OutOfFuel)
            used += result.steps if isinstance(result, Halted) else result.fuel
            if used > budget:
                return OutOfFuel(fuel)
            scores.append(result.ones if isinstance(result, Halted) else None)
        spent += used
        chosen = choose(scores)
        if chosen is None:
            return Halted(spent, input_tape(TM(x)))
        acting = decode(acting.candidates[chosen])
    result = run_table(acting, input_tape(TM(x)), fuel - spent)
    if isinstance(result, OutOfFuel):
        return OutOfFuel(fuel)
    return Halted(spent + result.steps, result.tape)


@settings(max_examples=300, deadline=None)
@given(mesa_programs(nested=True), st.text("01", max_size=6), st.integers(0, 80))
def test_the_interpreters_explicit_stack_agrees_with_the_recursive_definition(
    mesa: object, x: str, fuel: int
) -> None:
    from mesaform.model.engine import run_fast
    from mesaform.spec.interpreter import run

    assert isinstance(mesa, Mesa)
    code = encode(mesa)
    expected = _recursive_run(code, x, fuel)
    assert run(code, x, fuel) == expected
    assert run_fast(code, x, fuel) == expected


def nested_through_evaluators(depth: int) -> TM:
    """A code nested ``depth`` levels deep through evaluators, one candidate per level."""
    from mesaform.model.standard_format import parse_machine

    code = parse_machine("1RZ1RZ")
    for _ in range(depth):
        code = encode(Mesa(1, 50, code, (parse_machine("1RZ1RZ"),)))
    return code


def test_a_code_nested_2000_levels_runs_shows_and_checks(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code = nested_through_evaluators(2000)
    exit_code, out, err = invoke(capsys, "run", code, "--json")
    assert exit_code == 0, err
    assert json.loads(out)["halted"] is True
    exit_code, out, err = invoke(capsys, "show", code)
    assert exit_code == 0, err
    lines = out.splitlines()
    assert sum("Mesa," in line for line in lines) == 2000
    assert max(len(line) for line in lines) < 400  # shown codes are abbreviated
    claims = tmp_path / "deep.toml"
    claims.write_text(
        f'[[claim]]\nname = "deep"\npredicate = "inner-alignment"\nbase = "code_ones"\n'
        f'mesa = "{code}"\nmax_length = 2\nfuel = 5\nexpect = "fails"\n'
    )
    exit_code, out, err = invoke(capsys, "check", str(claims), "--json", "-")
    assert exit_code == 0, err
    assert json.loads(out)["results"][0]["verdict"] == "refuted"


def nested_through_candidates(depth: int) -> TM:
    """A code nested ``depth`` levels deep through candidates: each level's only candidate
    is the level below."""
    from mesaform.model.standard_format import parse_machine

    code = parse_machine("1RZ1RZ")
    for _ in range(depth):
        code = encode(Mesa(1, 50, parse_machine("1RZ1RZ"), (code,)))
    return code


def test_a_code_too_long_for_one_argument_is_read_from_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    deep = nested_through_evaluators(2000)  # 136,023 bits: Linux refuses such an argument
    path = tmp_path / "deep.txt"
    path.write_text(deep + "\n")
    exit_code, from_file, err = invoke(capsys, "run", f"@{path}", "--json")
    assert exit_code == 0, err
    exit_code, direct, err = invoke(capsys, "run", deep, "--json")
    assert exit_code == 0, err
    assert json.loads(from_file) == json.loads(direct)
    exit_code, shown, err = invoke(capsys, "show", f"@{path}")
    assert exit_code == 0, err
    assert shown.splitlines()[0].endswith(
        "(136023 bits): Mesa, 1 candidate declared, 1 present, internal fuel 50"
    )


def test_a_code_nested_2000_levels_through_candidates_shows_and_checks(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code = nested_through_candidates(2000)
    exit_code, out, err = invoke(capsys, "show", code)
    assert exit_code == 0, err
    assert sum("Mesa," in line for line in out.splitlines()) == 2000
    claims = tmp_path / "deep.toml"
    claims.write_text(
        f'[[claim]]\nname = "deep"\npredicate = "inner-alignment"\nbase = "code_ones"\n'
        f'mesa = "{code}"\nmax_length = 2\nfuel = 5\nexpect = "fails"\n'
    )
    exit_code, out, err = invoke(capsys, "check", str(claims), "--json", "-")
    assert exit_code == 0, err
    assert json.loads(out)["results"][0]["verdict"] == "refuted"


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 12), st.integers(0, 40), st.data())
def test_wide_bounds_of_k_state_tables_are_drawn_without_filtering(
    states: int, extra: int, data: st.DataObject
) -> None:
    # Drawing any table and keeping those of k states wasted most draws: Hypothesis took
    # 56 s of CPU on states = 8, tables_only, |t| <= 30. Every draw now fits the bound.
    from mesaform.proofs.methods.hypothesis_method import _tables_that_fit
    from mesaform.spec.programs import Table, decode
    from mesaform.spec.verdicts import Bound

    max_length = states + 2 + extra
    code = data.draw(_tables_that_fit(states, max_length))
    table = decode(code)
    assert isinstance(table, Table) and table.states == states
    assert Bound(max_length, 1, tables_only=True, states=states).contains(code)
