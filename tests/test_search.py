"""The base optimizer: busy-beaver values, exhaustive and local search, the CLI."""

import itertools
import json
import random
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mesaform.model.search as search_module
from mesaform.model.engine import run_fast
from mesaform.model.search import (
    BestMachines,
    BitstringSpace,
    PartialTable,
    ReplayDisagreement,
    TableSpace,
    completed_table,
    exhaustive_search,
    local_search,
    tree_normal_form_leaves,
    tree_normal_form_search,
)
from mesaform.model.standard_format import format_standard, parse_standard
from mesaform.proofs.methods.strategies import programs
from mesaform.provenance import provenance
from mesaform.spec.interpreter import run
from mesaform.spec.library import LIBRARY_OBJECTIVES, library_objective
from mesaform.spec.machines import TM, machines_up_to
from mesaform.spec.objectives import Objective
from mesaform.spec.programs import Program, Table, Transition, decode, encode
from mesaform.spec.results import Halted
from tests.cli_helpers import invoke


def standard(machine: str) -> str:
    program = decode(machine)
    assert isinstance(program, Table)
    return format_standard(program)


# --- tree normal form: the published busy-beaver values ------------------------------


@pytest.mark.parametrize(("states", "steps"), [(1, 1), (2, 6), (3, 21)])
def test_tree_normal_form_reproduces_busy_beaver_steps(states: int, steps: int) -> None:
    report = tree_normal_form_search(states, "busyness", 100)
    assert report.complete
    assert report.best[0].value == steps
    result = run(report.best[0].machine, "", 100)
    assert isinstance(result, Halted)
    assert result.steps == steps


@pytest.mark.parametrize(("states", "ones"), [(1, 1), (2, 4), (3, 6)])
def test_tree_normal_form_reproduces_busy_beaver_productivity(states: int, ones: int) -> None:
    report = tree_normal_form_search(states, "productivity", 100)
    assert report.best[0].value == ones
    result = run(report.best[0].machine, "", 100)
    assert isinstance(result, Halted)
    assert result.ones == ones


@pytest.mark.slow
def test_tree_normal_form_reproduces_bb4() -> None:
    report = tree_normal_form_search(4, "busyness", 107, top=1)
    assert report.best[0].value == 107
    assert standard(report.best[0].machine) == "1RB1LB_1LA0LC_1RZ1LD_1RD0RA"


def test_two_state_champion_is_found_in_both_formats() -> None:
    report = tree_normal_form_search(2, "productivity", 100, top=1)
    champion = report.best[0].machine
    assert standard(champion) == "1RB1LB_1LA1RZ"
    assert champion == "01101101100110001110"  # the example code of docs/semantics.md#programs


def test_three_state_busy_beaver_is_the_published_champion() -> None:
    report = tree_normal_form_search(3, "busyness", 50, top=1)
    assert standard(report.best[0].machine) == "1RB1RZ_1LB0RC_1LC1LA"


def test_too_little_fuel_lowers_the_maximum_to_what_halts_in_time() -> None:
    assert tree_normal_form_search(3, "busyness", 20).best[0].value == 20
    nothing_halts = tree_normal_form_search(2, "busyness", 0)
    assert [s.value for s in nothing_halts.best] == [0]


def all_two_state_tables() -> Iterator[TM]:
    choices = [Transition(w, m, n) for w in (0, 1) for m in (0, 1) for n in (0, 1, None)]
    for transitions in itertools.product(choices, repeat=4):
        yield encode(Table(2, transitions))


@pytest.mark.parametrize("fuel", [5, 30])
def test_tree_normal_form_maximum_equals_brute_force_over_all_two_state_tables(
    fuel: int,
) -> None:
    """The pruning loses nothing: symmetry, unreached transitions and halting choices."""
    best_steps = 0
    best_ones = 0
    for t in all_two_state_tables():
        result = run(t, "", fuel)
        if isinstance(result, Halted):
            best_steps = max(best_steps, result.steps)
            best_ones = max(best_ones, result.ones)
    assert tree_normal_form_search(2, "busyness", fuel).best[0].value == best_steps
    assert tree_normal_form_search(2, "productivity", fuel).best[0].value == best_ones


@pytest.mark.parametrize(("states", "fuel"), [(2, 40), (3, 25)])
def test_every_tree_normal_form_leaf_runs_as_the_reference_says(states: int, fuel: int) -> None:
    for partial, outcome in tree_normal_form_leaves(states, fuel):
        result = run(completed_table(states, partial), "", fuel)
        expected = (result.steps, result.ones) if isinstance(result, Halted) else None
        assert outcome == expected


def first_appearances(partial: PartialTable) -> list[int]:
    return [entry[2] for entry in partial if entry is not None]


def test_tree_normal_form_skips_mirror_images_and_renamings() -> None:
    seen: set[PartialTable] = set()
    for partial, _ in tree_normal_form_leaves(3, 30):
        assert partial not in seen
        seen.add(partial)
        first = partial[0]
        assert first is None or first[1] == 1  # the first move is right
        # States are introduced in order along the run: the states a table uses
        # are A, B, ... with no gap.
        used = {0, *first_appearances(partial)}
        assert used == set(range(len(used)))


def symmetric_variants(states: int, partial: PartialTable) -> Iterator[PartialTable]:
    """Every mirror image and renaming of the non-start states of ``partial``."""
    for order in itertools.permutations(range(1, states)):
        rename = (0, *order)
        for mirror in (1, -1):
            variant: list[tuple[int, int, int] | None] = [None] * (2 * states)
            for index, entry in enumerate(partial):
                if entry is not None:
                    write, step, target = entry
                    entry = (write, mirror * step, rename[target])
                state, symbol = divmod(index, 2)
                variant[2 * rename[state] + symbol] = entry
            yield tuple(variant)


def test_no_two_tree_normal_form_tables_are_symmetric_variants() -> None:
    canonical = [
        min(symmetric_variants(3, partial), key=repr)
        for partial, _ in tree_normal_form_leaves(3, 30)
    ]
    assert len(set(canonical)) == len(canonical)


def test_tree_normal_form_refuses_code_dependent_objectives() -> None:
    with pytest.raises(ValueError, match="depends on the code"):
        tree_normal_form_search(2, "code_ones", 10)
    with pytest.raises(ValueError, match="at least one state"):
        tree_normal_form_search(0, "busyness", 10)


def test_completed_table_writes_undefined_transitions_as_1rz() -> None:
    partial: PartialTable = ((1, 1, 1), None, (1, -1, 0), None)
    assert format_standard(completed_table(2, partial)) == "1RB1RZ_1LA1RZ"
    assert completed_table(2, partial) == parse_standard("1RB1RZ_1LA1RZ")


# --- objectives through a swappable run function ---------------------------------------


@settings(max_examples=60, deadline=None)
@given(program=programs(max_states=3), name=st.sampled_from(LIBRARY_OBJECTIVES))
def test_library_objectives_through_the_engine_agree_with_the_reference(
    program: Program, name: str
) -> None:
    t = encode(program)
    assert library_objective(name, 40, run_fast)(t) == library_objective(name, 40)(t)


# --- exhaustive search over bitstrings -------------------------------------------------


@pytest.mark.parametrize("name", LIBRARY_OBJECTIVES)
def test_exhaustive_search_agrees_with_brute_force(name: str) -> None:
    objective = library_objective(name, 30)
    report = exhaustive_search(objective, 8, top=3, fuel=30)
    values = sorted((objective(t) for t in machines_up_to(8)), reverse=True)
    assert [scored.value for scored in report.best] == values[:3]
    assert report.examined == 2**9 - 1
    assert report.complete


def test_exhaustive_search_population_includes_mesa_programs() -> None:
    objective = library_objective("code_ones", 0)
    report = exhaustive_search(objective, 6, top=1)
    assert report.best[0].machine == "111111"  # decodes to a Mesa program
    assert report.best[0].value == 6


def test_ties_go_to_the_first_machine_examined() -> None:
    report = exhaustive_search(library_objective("code_ones", 0), 3, top=4)
    assert [s.machine for s in report.best] == ["111", "11", "011", "101"]


def test_a_value_that_does_not_replay_is_a_bug() -> None:
    truthful = library_objective("code_ones", 0)
    lying = Objective("lying", lambda t: t.count("1") + (1 if t == "11" else 0))
    with pytest.raises(ReplayDisagreement, match="'11'"):
        exhaustive_search(lying, 2, top=1, reference=truthful)


def test_an_interrupted_search_reports_the_best_so_far() -> None:
    seen: list[TM] = []

    def stop_after_ten(t: TM) -> int:
        if len(seen) == 10:
            raise KeyboardInterrupt
        seen.append(t)
        return t.count("1")

    objective = Objective("interrupted code_ones", stop_after_ten)
    truthful = library_objective("code_ones", 0)
    report = exhaustive_search(objective, 6, top=2, interruptible=True, reference=truthful)
    assert not report.complete
    assert report.examined == 10
    assert [s.machine for s in report.best] == ["11", "1"]  # of "", "0", ..., "010"
    seen.clear()
    with pytest.raises(KeyboardInterrupt):
        exhaustive_search(objective, 6, reference=truthful)


@settings(max_examples=50)
@given(st.lists(st.tuples(st.sampled_from(["0", "1", "00", "01", "10", "11"]), st.integers(0, 5))))
def test_best_machines_keeps_the_top_distinct_machines(offers: list[tuple[str, int]]) -> None:
    best = BestMachines(3)
    first: dict[str, tuple[int, int]] = {}
    for order, (machine, value) in enumerate(offers):
        best.offer(TM(machine), Fraction(value))
        first.setdefault(machine, (value, order))
    ranked = best.ranked()
    values = [s.value for s in ranked]
    assert values == sorted(values, reverse=True)
    assert len({s.machine for s in ranked}) == len(ranked) == min(3, len(first))
    # Nothing left out beats what was kept.
    kept = {s.machine for s in ranked}
    if ranked:
        assert all(first[m][0] <= ranked[-1].value for m in first if m not in kept)


# --- local search ----------------------------------------------------------------------


@settings(max_examples=8, deadline=None)
@given(st.integers(min_value=0, max_value=10**6))
def test_local_search_is_deterministic_and_replays_its_values(seed: int) -> None:
    objective = library_objective("busyness", 30)
    first = local_search(objective, TableSpace(2), iterations=150, seed=seed, fuel=30)
    second = local_search(objective, TableSpace(2), iterations=150, seed=seed, fuel=30)
    assert first == second
    for scored in first.best:
        assert library_objective("busyness", 30)(scored.machine) == scored.value
        program = decode(scored.machine)
        assert isinstance(program, Table) and program.states == 2


def test_local_search_over_bitstrings_stays_within_the_bound() -> None:
    objective = library_objective("code_ones", 0)
    report = local_search(objective, BitstringSpace(7), iterations=400, seed=3, top=3)
    assert all(len(s.machine) <= 7 for s in report.best)
    assert report.best[0].value == 7  # hill climbing on code_ones reaches 1111111


def test_local_search_finds_the_two_state_busy_beaver() -> None:
    objective = library_objective("busyness", 30)
    report = local_search(objective, TableSpace(2), iterations=3000, seed=0, fuel=30)
    assert report.best[0].value == 6


def test_bitstring_neighbours_differ_by_one_edit() -> None:
    space = BitstringSpace(4)
    rng = random.Random(0)
    t = TM("0110")
    for _ in range(50):
        u = space.neighbour(t, rng)
        assert len(u) <= 4
        assert abs(len(u) - len(t)) <= 1
        assert u != t or len(t) == 0


# --- the command line ------------------------------------------------------------------


def test_cli_busy_beaver_three_states_reports_21(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = invoke(capsys, "search", "--objective", "busyness", "--states", "3")
    assert code == 0
    assert "best U = 21/1" in out
    assert "1RB1RZ_1LB0RC_1LC1LA" in out
    assert "examined: 21257 machines" in out


def test_cli_json_is_written_atomically(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "best.json"
    code, _, _ = invoke(
        capsys,
        *("search", "--objective", "productivity", "--states", "2", "--top", "2"),
        *("--json", str(path)),
    )
    assert code == 0
    record = json.loads(path.read_text())
    assert record["best"][0] == {
        "machine": "01101101100110001110",
        "standard": "1RB1LB_1LA1RZ",
        "kind": "table",
        "value": "4/1",
    }
    assert record["interrupted"] is False
    assert len(record["best"]) == 2
    assert record["mesaform"] == provenance().record()  # the exact code that ran
    assert [p.name for p in tmp_path.iterdir()] == ["best.json"]


def test_cli_exhaustive_bitstrings(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    code, out, _ = invoke(
        capsys,
        *("search", "--objective", "self_replication", "--max-length", "5"),
        *("--fuel", "20", "--json", str(path)),
    )
    assert code == 0
    assert "examined: 63 machines" in out
    record = json.loads(path.read_text())
    assert record["examined"] == 63
    objective = library_objective("self_replication", 20)
    best = max(objective(t) for t in machines_up_to(5))
    assert record["best"][0]["value"] == f"{best.numerator}/{best.denominator}"


def test_cli_local_search_is_reproducible(capsys: pytest.CaptureFixture[str]) -> None:
    argv = [*("search", "--objective", "busyness", "--states", "2", "--local")]
    argv += ["--iterations", "200", "--seed", "7", "--fuel", "30"]
    first = invoke(capsys, *argv)
    second = invoke(capsys, *argv)
    assert first == second
    assert first[0] == 0
    assert "seed: 7" in first[1]


def test_cli_interrupt_reports_the_best_so_far(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C between two slices of the compiled search keeps the tables examined so far."""
    import mesaform.model.engine as engine

    real = engine.kernels()

    class InterruptedAfterOneSlice:
        calls = 0

        def tree_normal_form_slice(self, *arguments: object) -> object:
            if self.calls:
                raise KeyboardInterrupt
            self.calls += 1
            return real.tree_normal_form_slice(*arguments)

    monkeypatch.setattr(search_module, "TREE_NORMAL_FORM_SLICE", 100)
    monkeypatch.setattr(engine, "kernels", InterruptedAfterOneSlice)
    code, out, _ = invoke(capsys, "search", "--objective", "busyness", "--states", "3")
    assert code == 130
    assert "INTERRUPTED" in out
    assert "examined: 100 machines" in out


def test_python_search_interrupt_keeps_the_best_so_far(monkeypatch: pytest.MonkeyPatch) -> None:
    real_leaves = tree_normal_form_leaves

    def interrupted_leaves(
        states: int, fuel: int, progress: object = None, share_progress: object = None
    ) -> Iterator[tuple[PartialTable, tuple[int, int] | None]]:
        yield from itertools.islice(real_leaves(states, fuel), 100)
        raise KeyboardInterrupt

    monkeypatch.setattr(search_module, "tree_normal_form_leaves", interrupted_leaves)
    report = search_module.tree_normal_form_search(
        3, "busyness", 50, interruptible=True, compiled=False
    )
    assert not report.complete and report.examined == 100


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "--objective", "happiness", "--states", "2"],
        ["search", "--objective", "busyness", "--states", "2", "--max-length", "4"],
        ["search", "--objective", "busyness", "--states", "-1"],
        ["search", "--objective", "busyness", "--states", "0"],
        ["search", "--objective", "busyness", "--max-length", "-2"],
        ["search", "--objective", "busyness", "--states", "2", "--fuel", "-5"],
        ["search", "--objective", "busyness", "--states", "2", "--local", "--seed", "-1"],
        ["search", "--objective", "busyness", "--states", "2", "--top", "0"],
        ["search", "--objective", "busyness"],
        ["search", "--states", "2"],
        ["search", "--objective", "code_ones", "--states", "2"],
        ["search", "--experiment", "pseudo-alignment", "--objective", "busyness"],
        ["search", "--experiment", "unknown"],
        ["search", "--experiment", "pseudo-alignment", "--fuel", "10"],
        ["search", "--objective", "busyness", "--states", "2", "--seed", "3"],
        ["search", "--objective", "busyness", "--states", "2", "--json", "/no/such/dir/x.json"],
    ],
)
def test_cli_bad_flags_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = invoke(capsys, *argv)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
