"""The compiled `mesaform run` and busy-beaver search against their reference twins."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mesaform.model.engine as engine
from mesaform.cli.run import ProgressLine, run_record
from mesaform.model.engine import run_table_sliced
from mesaform.model.search import tree_normal_form_search
from mesaform.model.standard_format import parse_machine
from mesaform.proofs.methods.strategies import programs
from mesaform.spec.interpreter import run
from mesaform.spec.machines import TM
from mesaform.spec.programs import Program, Table, Transition, decode, encode
from tests.cli_helpers import invoke


@settings(max_examples=150, deadline=None)
@given(
    programs(),
    st.text(alphabet="01", max_size=6),
    st.integers(min_value=0, max_value=60),
)
def test_run_record_is_the_same_on_both_interpreters(program: Program, x: str, fuel: int) -> None:
    machine = encode(program)
    assert run_record(machine, TM(x), fuel) == run_record(machine, TM(x), fuel, reference=True)


def test_sliced_run_resumes_exactly() -> None:
    """Slices of one step each give the reference's result; progress sees every slice."""
    table = Table(0)
    assert run_table_sliced(table, TM("01"), 5) == run(table, "01", 5)
    code = parse_machine("1RB1LB_1LA1RZ")
    seen: list[int] = []
    old = engine.SLICE
    engine.SLICE = 1
    try:
        result = run_table_sliced(decode_table(code), TM(""), 100, seen.append)
    finally:
        engine.SLICE = old
    assert result == run(code, "", 100)
    assert seen == [1, 2, 3, 4, 5]  # progress after each slice that did not halt


@st.composite
def sweeping_tables(draw: st.DrawFn) -> Table:
    """Tables of 1 to 3 states in which about half the transitions stay in their state
    (the sweeps the run kernel takes in one go), the others going anywhere or halting."""
    states = draw(st.integers(min_value=1, max_value=3))
    transitions = []
    for index in range(2 * states):
        stays = draw(st.booleans())
        following = index // 2 if stays else draw(st.sampled_from([*range(states), None]))
        transitions.append(
            Transition(draw(st.sampled_from([0, 1])), draw(st.sampled_from([0, 1])), following)
        )
    return Table(states, tuple(transitions))


@settings(max_examples=200, deadline=None)
@given(
    sweeping_tables(),
    st.text(alphabet="01", max_size=12),
    st.integers(min_value=0, max_value=400),
    st.integers(min_value=1, max_value=9),
)
def test_sweeps_across_slices_and_tape_growth_run_as_the_reference(
    table: Table, x: str, fuel: int, slice_steps: int
) -> None:
    """Sweeps stop where a slice ends and where the tape must grow, and resume exactly."""
    old = engine.SLICE
    engine.SLICE = slice_steps
    try:
        assert run_table_sliced(table, TM(x), fuel) == run(table, x, fuel)
    finally:
        engine.SLICE = old
    assert run_table_sliced(table, TM(x), fuel) == run(table, x, fuel)


def decode_table(code: str) -> Table:
    table = decode(code)
    assert isinstance(table, Table)
    return table


def test_run_reference_flag_and_long_out_of_fuel_run(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = invoke(capsys, "run", "1RB1LB_1LA1RZ", "--json", "--reference")
    assert code == 0 and json.loads(out)["steps"] == 6
    # 10^7 steps right on a blank tape: memory is the tape's cells, not a record per step.
    code, out, _ = invoke(capsys, "run", "1RA1RA", "--fuel", "10000000")
    assert code == 0 and "out of fuel after 10000000 steps" in out


@pytest.mark.parametrize(("states", "fuel"), [(1, 5), (2, 10), (2, 30), (3, 40), (3, 60), (3, 200)])
@pytest.mark.parametrize("objective", ["busyness", "productivity"])
def test_compiled_tree_normal_form_search_equals_the_python_one(
    states: int, fuel: int, objective: str
) -> None:
    """Same best machines, tables examined, halting and out-of-fuel tallies: the Python
    enumeration runs every table to its fuel, the kernel proves most never halt."""
    compiled = tree_normal_form_search(states, objective, fuel, top=7, compiled=True)
    python = tree_normal_form_search(states, objective, fuel, top=7, compiled=False)
    assert compiled == python


@pytest.mark.slow
def test_compiled_four_state_search_equals_the_python_one() -> None:
    compiled = tree_normal_form_search(4, "busyness", 107, top=10, compiled=True)
    python = tree_normal_form_search(4, "busyness", 107, top=10, compiled=False)
    assert compiled == python
    assert compiled.counts == {"halting": 249_693, "out_of_fuel": 3_745_312}


def test_progress_line_shows_after_its_delay_on_a_terminal(
    capsys: pytest.CaptureFixture[str],
) -> None:
    line = ProgressLine("1RA1RA", 1000)
    line.enabled = True
    line(10)  # before the delay: nothing
    assert capsys.readouterr().err == ""
    line.DELAY = 0.0
    line(500)
    line.clear()
    err = capsys.readouterr().err
    assert "1RA1RA: 500 of 1,000 steps" in err and err.endswith("\r\x1b[K")
    quiet = ProgressLine("x", 10)
    quiet.enabled = False
    quiet.DELAY = 0.0
    quiet(5)
    assert capsys.readouterr().err == ""


# --- the compiled search's proofs that a table never halts ------------------------------

PackedEntry = tuple[int, int, int] | None


def first_undefined_step(partial: list[PackedEntry], horizon: int) -> tuple[int, int, int] | None:
    """Plain run from blank: (steps, head, state) at the first undefined transition, if any."""
    tape: dict[int, int] = {}
    head = state = steps = 0
    while steps < horizon:
        entry = partial[2 * state + tape.get(head, 0)]
        if entry is None:
            return steps, head, state
        write, right, state = entry
        tape[head] = write
        head += 1 if right else -1
        steps += 1
    return None


def run_search_kernel(partial: list[PackedEntry], fuel: int) -> tuple[int, int, int, int]:
    """The search kernel's run of ``partial`` from blank: (head, state, steps, entry)."""
    import numpy as np

    from mesaform.model.kernels.never_halts import RECORD_FIELDS, RECORDS_KEPT, run_or_prove

    states = len(partial) // 2
    packed = np.array(
        [-1 if e is None else e[0] | e[1] << 1 | e[2] << 2 for e in partial], np.int64
    )
    size = 2 * fuel + 3
    origin = fuel + 1
    kept = 2 * states * RECORDS_KEPT
    head, state, steps, entry, _, _ = run_or_prove(
        packed,
        np.zeros((1, size), np.uint8),
        0,
        origin,
        0,
        0,
        fuel,
        origin,
        origin,
        np.zeros((kept + 1, size), np.uint8),
        np.zeros((kept, RECORD_FIELDS), np.int64),
        np.zeros(fuel + 1, np.int64),
    )
    return int(head) - origin, int(state), int(steps), int(entry)


@st.composite
def partial_tables(draw: st.DrawFn) -> list[PackedEntry]:
    states = draw(st.integers(min_value=1, max_value=4))
    entry = st.tuples(
        st.integers(0, 1), st.integers(0, 1), st.integers(min_value=0, max_value=states - 1)
    )
    return draw(st.lists(st.none() | entry, min_size=2 * states, max_size=2 * states))


@settings(max_examples=400, deadline=None)
@given(partial_tables(), st.integers(min_value=0, max_value=150))
def test_search_kernel_stops_where_a_plain_run_stops_and_its_proofs_hold(
    partial: list[PackedEntry], fuel: int
) -> None:
    """The kernel meets the first undefined transition where a plain run does; when it
    stops early without one (a proof that the table never halts), a plain run of 30
    times the fuel meets none either."""
    head, state, steps, entry = run_search_kernel(partial, fuel)
    plain = first_undefined_step(partial, max(30 * fuel, 500))
    if plain is not None and plain[0] < fuel:
        assert (entry, steps, head, state) == (-1, *plain)
    else:
        assert entry >= 0 or steps == fuel
        if steps < fuel:
            assert plain is None


@pytest.mark.parametrize(
    ("partial", "kind"),
    [
        ([(0, 1, 1), None, (0, 0, 0), None], "cycle: the blank tape, the head between two cells"),
        ([(1, 1, 1), None, (1, 1, 0), None], "translated cycle: ones written rightwards"),
        ([(1, 0, 1), None, (0, 0, 0), None], "translated cycle: leftwards, every other cell"),
    ],
)
def test_search_kernel_proves_simple_cycles_early(partial: list[PackedEntry], kind: str) -> None:
    _, _, steps, entry = run_search_kernel(partial, 200)
    assert entry >= 0 and steps < 20, kind


# --- start-up: `run` and `search` load only what they use -------------------------------

UNUSED_BY_RUN_AND_SEARCH = (
    "z3",
    "mesaform.proofs.theorems.prover",
    "matplotlib",
    "dask",
    "hypothesis",
    "cvc5",
)


@pytest.mark.parametrize(
    "argv",
    [
        ["run", "1RB1LB_1LA1RZ"],
        ["run", "--reference", "1RB1LB_1LA1RZ"],
        ["search", "--objective", "busyness", "--states", "2"],
    ],
)
def test_run_and_search_do_not_import_what_other_commands_need(argv: list[str]) -> None:
    import subprocess
    import sys
    from pathlib import Path

    program = (
        "import sys\n"
        "from mesaform.cli import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit as exit:\n"
        "    assert exit.code == 0, exit.code\n"
        f"print(sorted(m for m in {UNUSED_BY_RUN_AND_SEARCH!r} if m in sys.modules))\n"
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", program],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout
