"""The theorems of the formalism: each proved as stated, with its kind and scope; false
statements get countermodels; ``mesaform prove`` groups and counts the results by kind."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import pytest
import z3

import mesaform.proofs.theorems.prover as theorems_module
from mesaform.proofs.checking.report import REPORT_VERSION
from mesaform.proofs.coq.names import coq_name
from mesaform.proofs.symbolic import z3_forms as f
from mesaform.proofs.symbolic.z3_forms import Candidates, Partial
from mesaform.proofs.symbolic.z3_typed import Bool, Int, Real, conj, implies, neg
from mesaform.proofs.theorems.alignment import ALIGNMENT_THEOREMS
from mesaform.proofs.theorems.prover import (
    THEOREM_LISTS,
    all_theorems,
    describe_model,
    find_theorems,
    prove,
    theorem_query,
)
from mesaform.proofs.theorems.theorem import KINDS, Theorem
from tests.cli_helpers import invoke

EXPECTED = [
    "inner_alignment_makes_every_choice_U_optimal_among_candidates_in_dom",
    "inner_alignment_implies_order_alignment",
    "order_alignment_does_not_imply_inner_alignment",
    "order_alignment_gives_the_same_choice_on_every_candidate_sequence_in_dom",
    "order_alignment_gives_the_same_argmax_on_every_candidate_set_in_dom",
    "approximate_alignment_puts_the_choice_within_two_epsilon_of_the_U_optimum",
    "approximate_alignment_bound_two_epsilon_is_tight",
    "inner_alignment_does_not_imply_the_choice_reading",
    "the_choice_reading_does_not_imply_inner_alignment",
    "inner_alignment_does_not_imply_argmax_inclusion",
    "argmax_inclusion_does_not_imply_inner_alignment",
    "inner_alignment_on_a_set_implies_inner_alignment_on_every_subset",
    "table_runs_are_fuel_monotone",
    "table_runs_are_sound",
]


def test_the_registry_holds_each_result_once_with_kind_scope_and_source() -> None:
    names = [theorem.name for theorem in all_theorems()]
    assert len(names) == len(set(names))
    assert set(EXPECTED) <= set(names)
    assert ALIGNMENT_THEOREMS in THEOREM_LISTS
    for theorem in all_theorems():
        assert theorem.kind in ("theorem", "unfolding", "countermodel")
        assert len(theorem.statement) > 30
        assert theorem.scope and theorem.source
        cited = ("docs/semantics.md#", "the post", "paper", "Risks from Learned Optimization")
        assert any(place in theorem.source for place in cited), theorem.source
        assert "weaker" not in theorem.statement
        if theorem.kind == "countermodel":
            assert theorem.scope.startswith("one witness")
        bounded = theorem.scope.startswith("bounded")
        if bounded:
            # a bounded statement names its bounds instead of saying "every ..." alone
            assert "at most" in theorem.statement or "<=" in theorem.statement


UNFOLDINGS = [
    # each follows by unfolding definitions: inner -> order is `U = U_m` substituted into
    # `<=`; the 2 epsilon gap is arithmetic on named functions; the two run laws are the
    # `If(active, ...)` of the step encoding; the three taxonomy results substitute
    # `U^ = U` (or the observed values, or outer alignment) into the choice
    "inner_alignment_implies_order_alignment",
    "approximate_alignment_gap_two_epsilon_is_attained_for_every_epsilon",
    "a_step_fixes_a_halted_configuration_and_counts_a_running_one",
    "table_runs_are_fuel_monotone",
    "deceptive_alignment_is_indistinguishable_from_robust_alignment_in_training",
    "corrigible_alignment_becomes_robust_on_what_it_observes",
    "inner_and_outer_alignment_give_intended_choices",
]


@pytest.mark.parametrize("name", UNFOLDINGS)
def test_a_result_that_follows_by_unfolding_is_labelled_an_unfolding(name: str) -> None:
    (theorem,) = find_theorems([name])
    assert theorem.kind == "unfolding"
    assert theorem.obligation == "valid"


def test_the_tightness_countermodel_says_which_single_bound_it_refutes() -> None:
    (theorem,) = find_theorems(["approximate_alignment_bound_two_epsilon_is_tight"])
    assert theorem.kind == "countermodel"
    assert "cannot be lowered" not in theorem.statement
    assert "19/10 epsilon" in theorem.statement and "that one bound" in theorem.statement
    # the encoding's delta is exactly the bound the statement names
    assert "delta.eq(2 * epsilon - epsilon / 10)" in inspect.getsource(theorem.formula)
    # and the 2 epsilon bound itself is never beaten: the same query with delta = 2 epsilon
    # is unsat (approximate_alignment_puts_the_choice_within_two_epsilon_of_the_U_optimum)
    (within,) = find_theorems(
        ["approximate_alignment_puts_the_choice_within_two_epsilon_of_the_U_optimum"]
    )
    assert prove(within).status == "proved"


def test_each_kind_is_represented() -> None:
    kinds = [theorem.kind for theorem in all_theorems()]
    assert kinds.count("theorem") >= 15
    assert kinds.count("unfolding") >= 12
    assert kinds.count("countermodel") >= 15


def test_incomparability_has_a_witness_in_each_direction() -> None:
    # the choice reading and argmax inclusion vs the post's inner alignment: each pair
    # of countermodels, and neither is described as "weaker"
    for reading in ("the_choice_reading", "argmax_inclusion"):
        forward = f"inner_alignment_does_not_imply_{reading.removeprefix('the_')}"
        forward = forward.replace("imply_choice_reading", "imply_the_choice_reading")
        backward = f"{reading}_does_not_imply_inner_alignment"
        for name in (forward, backward):
            (theorem,) = find_theorems([name])
            assert theorem.kind == "countermodel"
            assert "incomparable" in theorem.statement
            assert prove(theorem).status == "proved"


LONG_THEOREMS = ("table_runs_are_sound", "table_runs_are_fuel_monotone")
"""Whole runs at fuel 30: tens of CPU seconds each, proved in the slow suite."""


@pytest.mark.parametrize(
    "theorem",
    [
        pytest.param(t, marks=pytest.mark.slow) if t.name in LONG_THEOREMS else t
        for t in all_theorems()
    ],
    ids=lambda theorem: theorem.name,
)
def test_every_theorem_is_proved_as_stated(theorem: Theorem) -> None:
    # a generous limit: under load an answer must not turn into unknown (speed: bench)
    result = prove(theorem, timeout_seconds=300)
    assert result.status == "proved", result.reason
    assert result.method == "z3"
    if theorem.kind == "countermodel":
        # a witness names the functions it interprets: U and U_m, or the world-state u and v
        assert any(f"{name}:" in result.model for name in ("U", "U_m", "u", "v"))


def test_the_order_countermodel_is_order_aligned_and_not_inner_aligned() -> None:
    (theorem,) = find_theorems(["order_alignment_does_not_imply_inner_alignment"])
    query, _ = theorem_query(theorem)
    solver = z3.Solver()
    solver.add(query)
    assert solver.check() == z3.sat
    # the witness satisfies the formula; its U_m is twice its U and the two differ
    assert "U_m:" in describe_model(solver.model())


U = f.real_function("U")
MESA = Partial.named("U_m")


def _order_implies_inner() -> Bool:
    return implies(f.order_aligned_on(U, MESA), f.inner_aligned_on(U, MESA))


def _inner_without_order() -> Bool:
    return conj(f.inner_aligned_on(U, MESA), neg(f.order_aligned_on(U, MESA)))


def test_a_false_validity_is_refuted_as_stated_with_a_countermodel() -> None:
    false = Theorem(
        "order_implies_inner",
        "Order alignment implies inner alignment.",
        "theorem",
        _order_implies_inner,
        "test",
        "test",
    )
    result = prove(false)
    assert result.status == "refuted"
    assert "U_m:" in result.model and "dom_U_m:" in result.model


def test_an_unsatisfiable_witness_is_refuted() -> None:
    impossible = Theorem(
        "inner_without_order",
        "Inner alignment without order alignment.",
        "countermodel",
        _inner_without_order,
        "test",
        "test",
    )
    result = prove(impossible)
    assert result.status == "refuted"
    assert result.model == ""


def test_epsilon_bound_below_two_is_refuted() -> None:
    def within_three_halves() -> Bool:
        epsilon = Real.const("epsilon")
        pair = Candidates.constants("c", 2)
        assert pair.listed is not None
        first, second = pair.listed
        chosen = f.chooses(MESA, pair, Int.value(0))
        covered = conj(MESA.defined(first), MESA.defined(second))
        hypothesis = conj(
            epsilon >= 0, f.approximately_aligned_on(U, MESA, epsilon), covered, chosen
        )
        return implies(hypothesis, U(second) <= U(first) + 3 * epsilon / 2)

    smaller = Theorem(
        "within_three_halves", "A smaller bound.", "theorem", within_three_halves, "test", "test"
    )
    result = prove(smaller)
    assert result.status == "refuted"
    assert "epsilon = " in result.model


def test_a_model_prints_rationals_as_p_over_q() -> None:
    x = z3.Real("x")
    solver = z3.Solver()
    solver.add(3 * x == 1)
    assert solver.check() == z3.sat
    assert "x = 1/3" in describe_model(solver.model())


def test_unknown_names_raise_and_no_names_mean_all() -> None:
    with pytest.raises(KeyError):
        find_theorems(["no_such_theorem"])
    assert find_theorems([]) == all_theorems()


def test_every_theorem_is_written_as_smt2_with_its_logic(tmp_path: Path) -> None:
    # a limit of 1 ms exports each query without deciding it (each is decided above)
    for theorem in all_theorems():
        prove(theorem, smt2_dir=tmp_path, timeout_seconds=0.001)
        text = (tmp_path / f"{theorem.name}.smt2").read_text()
        logics = ("UFLRA", "QF_UFLRA", "UFLIRA", "QF_UFLIRA", "QF_BV")
        assert any(f"(set-logic {logic})" in text for logic in logics)
        assert "(check-sat)" in text
        assert f"scope: {theorem.scope}" in text


SELECTION = tuple(
    next(theorem.name for theorem in ALIGNMENT_THEOREMS if theorem.kind == kind) for kind in KINDS
)
"""The first alignment result of each kind: every part of ``mesaform prove``'s report, each
decided in milliseconds."""


def test_prove_prints_the_table_and_the_witnesses_of_a_selection(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # the same report as the full run below (slow: it decides every theorem again, as
    # test_every_theorem_is_proved_as_stated does), on one result of each kind
    assert SELECTION[2] == "order_alignment_does_not_imply_inner_alignment"  # has a witness
    report = tmp_path / "theorems.json"
    code, out, _ = invoke(
        capsys, "prove", *SELECTION, "--json", str(report), "--smt2", str(tmp_path / "q")
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "theorem (1 of 1 proved)"
    assert lines[1].split() == ["name", "verdict", "method", "seconds", "coq"]
    assert "unfolding (1 of 1 proved)" in lines
    assert "countermodel (1 of 1 proved)" in lines
    assert "3 results: 1 theorem, 1 unfolding, 1 countermodel" in out
    selected = find_theorems(list(SELECTION))
    for theorem in selected:
        assert theorem.name in out
        assert f"    scope: {theorem.scope}" in lines
    assert "order_alignment_does_not_imply_inner_alignment (witness):" in out
    written = json.loads(report.read_text())
    assert {k: v for k, v in written.items() if k not in ("results", "mesaform")} == {
        "mesaform_report": REPORT_VERSION,
        "command": "prove",
        "interrupted": False,
        "stopped": None,
        "all_match": True,
    }
    records = written["results"]
    assert [record["name"] for record in records] == [t.name for t in selected]
    assert all(record["status"] == "proved" and record["method"] == "z3" for record in records)
    for record, theorem in zip(records, selected, strict=True):
        assert (record["kind"], record["scope"]) == (theorem.kind, theorem.scope)
        assert record["coq"] == coq_name(theorem.name)
    assert sorted(p.name for p in (tmp_path / "q").glob("*.smt2")) == sorted(
        f"{name}.smt2" for name in SELECTION
    )
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.slow
def test_prove_prints_the_table_and_the_witnesses(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report = tmp_path / "theorems.json"
    code, out, _ = invoke(capsys, "prove", "--json", str(report), "--smt2", str(tmp_path / "q"))
    assert code == 0
    lines = out.splitlines()
    counts = {kind: sum(t.kind == kind for t in all_theorems()) for kind in KINDS}
    assert lines[0] == f"theorem ({counts['theorem']} of {counts['theorem']} proved)"
    assert lines[1].split() == ["name", "verdict", "method", "seconds", "coq"]
    assert f"unfolding ({counts['unfolding']} of {counts['unfolding']} proved)" in lines
    assert f"countermodel ({counts['countermodel']} of {counts['countermodel']} proved)" in lines
    total = (
        f"{len(all_theorems())} results: {counts['theorem']} theorems, "
        f"{counts['unfolding']} unfoldings, {counts['countermodel']} countermodels"
    )
    assert total in out
    for theorem in all_theorems():
        assert theorem.name in out
        assert f"    scope: {theorem.scope}" in lines
    assert "order_alignment_does_not_imply_inner_alignment (witness):" in out
    written = json.loads(report.read_text())
    assert {k: v for k, v in written.items() if k not in ("results", "mesaform")} == {
        "mesaform_report": REPORT_VERSION,
        "command": "prove",
        "interrupted": False,
        "stopped": None,
        "all_match": True,
    }
    records = written["results"]
    assert [record["name"] for record in records] == [t.name for t in all_theorems()]
    assert all(record["status"] == "proved" and record["method"] == "z3" for record in records)
    by_name = {t.name: t for t in all_theorems()}
    for record in records:
        assert record["kind"] == by_name[record["name"]].kind
        assert record["scope"] == by_name[record["name"]].scope
    coq = {record["name"]: record["coq"] for record in records}
    assert coq["inner_alignment_implies_order_alignment"] == "Alignment.inner_implies_order"
    assert sum(1 for name in coq.values() if name is not None) >= 20
    assert None in coq.values()
    assert len(list((tmp_path / "q").glob("*.smt2"))) == len(all_theorems())
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_prove_selected_names(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = invoke(capsys, "prove", "inner_alignment_implies_order_alignment")
    assert code == 0
    assert "inner_alignment_implies_order_alignment" in out
    assert "order_alignment_does_not_imply" not in out


def test_prove_an_unknown_name_exits_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = invoke(capsys, "prove", "no_such_theorem")
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and "no_such_theorem" in err


def test_prove_exits_1_when_a_theorem_is_refuted(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    false = Theorem(
        "order_implies_inner",
        "Order alignment implies inner alignment.",
        "theorem",
        _order_implies_inner,
        "test",
        "test",
    )
    monkeypatch.setattr(theorems_module, "THEOREM_LISTS", (ALIGNMENT_THEOREMS, [false]))
    code, out, _ = invoke(capsys, "prove", "order_implies_inner")
    assert code == 1
    assert "refuted, as stated (countermodel)" in out
    assert "order_implies_inner (countermodel):" in out


def test_a_named_coq_twin_appears_in_the_json_record() -> None:
    from mesaform.cli.prove import result_record
    from mesaform.proofs.coq.names import coq_name

    (theorem,) = find_theorems(["inner_alignment_implies_order_alignment"])
    record = result_record(prove(theorem))
    assert record["coq"] == coq_name(theorem.name) == "Alignment.inner_implies_order"
    assert record["kind"] == "unfolding" and record["scope"] == theorem.scope
