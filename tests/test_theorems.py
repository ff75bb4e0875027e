"""The theorems of the formalism hold for every U and U_m; false ones get countermodels."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import z3

import proofs.theorems as theorems_module
from proofs.theorem import Theorem
from proofs.theorems import (
    THEOREM_LISTS,
    all_theorems,
    describe_model,
    find_theorems,
    prove,
    theorem_query,
)
from proofs.theorems_alignment import ALIGNMENT_THEOREMS, Vocabulary, picks
from tests.cli_helpers import invoke

ISSUE_FOUR = [
    "inner_alignment_makes_the_choice_among_ten_candidates_in_dom_U_optimal",
    "inner_alignment_implies_order_alignment",
    "order_alignment_does_not_imply_inner_alignment",
    "order_alignment_gives_the_same_choice_among_ten_candidates_in_dom",
    "order_alignment_gives_the_same_argmax_on_every_candidate_set_in_dom",
    "approximate_alignment_puts_the_choice_within_two_epsilon_of_the_U_optimum",
    "approximate_alignment_bound_two_epsilon_is_tight",
    "inner_alignment_on_dom_says_nothing_about_candidates_outside_dom",
    "inner_alignment_on_a_set_implies_inner_alignment_on_every_subset",
]


def test_the_registry_holds_the_issue_theorems_once_each() -> None:
    names = [theorem.name for theorem in all_theorems()]
    assert len(names) == len(set(names))
    assert set(ISSUE_FOUR) <= set(names)
    assert ALIGNMENT_THEOREMS in THEOREM_LISTS
    for theorem in all_theorems():
        assert theorem.kind in ("valid", "satisfiable")
        assert len(theorem.statement) > 30


@pytest.mark.parametrize("theorem", all_theorems(), ids=lambda theorem: theorem.name)
def test_every_theorem_is_proved_as_stated(theorem: Theorem) -> None:
    result = prove(theorem, timeout_seconds=60)
    assert result.status == "proved", result.reason
    assert result.method == "z3"
    if theorem.kind == "satisfiable":
        # a witness names the functions it interprets: U and U_m, or the world-state u and v
        assert any(f"{name}:" in result.model for name in ("U", "U_m", "u", "v"))


def test_the_order_countermodel_is_order_aligned_and_not_inner_aligned() -> None:
    (theorem,) = find_theorems(["order_alignment_does_not_imply_inner_alignment"])
    query, _ = theorem_query(theorem)
    solver = z3.Solver()
    solver.add(query)
    assert solver.check() == z3.sat
    model = solver.model()
    v = Vocabulary.fresh(0)
    assert z3.is_true(model.eval(v.order_aligned(), model_completion=True))
    assert z3.is_false(model.eval(v.inner_aligned(), model_completion=True))


def _order_implies_inner() -> z3.BoolRef:
    v = Vocabulary.fresh(0)
    return z3.Implies(v.order_aligned(), v.inner_aligned())


def _inner_without_order() -> z3.BoolRef:
    v = Vocabulary.fresh(0)
    return z3.And(v.inner_aligned(), z3.Not(v.order_aligned()))


def test_a_false_validity_is_refuted_as_stated_with_a_countermodel() -> None:
    false = Theorem(
        "order_implies_inner",
        "Order alignment implies inner alignment.",
        "valid",
        _order_implies_inner,
    )
    result = prove(false)
    assert result.status == "refuted"
    assert "U_m:" in result.model and "dom:" in result.model


def test_an_unsatisfiable_witness_is_refuted() -> None:
    impossible = Theorem(
        "inner_without_order",
        "Inner alignment without order alignment.",
        "satisfiable",
        _inner_without_order,
    )
    result = prove(impossible)
    assert result.status == "refuted"
    assert result.model == ""


def test_epsilon_bound_below_two_is_refuted() -> None:
    def within_three_halves() -> z3.BoolRef:
        v = Vocabulary.fresh(2)
        epsilon = z3.Real("epsilon")
        first, second = v.candidates
        chosen = picks(0, v.mesa_values(), v.scored())
        hypothesis = z3.And(epsilon >= 0, v.approximately_aligned(epsilon), v.all_in_dom(), chosen)
        return z3.Implies(hypothesis, v.base(second) <= v.base(first) + 3 * epsilon / 2)

    result = prove(Theorem("within_three_halves", "A smaller bound.", "valid", within_three_halves))
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
    for theorem in all_theorems():
        prove(theorem, smt2_dir=tmp_path)
        text = (tmp_path / f"{theorem.name}.smt2").read_text()
        assert "(set-logic UFLRA)" in text or "(set-logic QF_UFLRA)" in text
        assert "(check-sat)" in text


def test_prove_prints_the_table_and_the_witnesses(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report = tmp_path / "theorems.json"
    code, out, _ = invoke(capsys, "prove", "--json", str(report), "--smt2", str(tmp_path / "q"))
    assert code == 0
    header = out.splitlines()[0].split()
    assert header == ["theorem", "kind", "verdict", "method", "seconds"]
    for theorem in all_theorems():
        assert theorem.name in out
    assert "order_alignment_does_not_imply_inner_alignment (witness):" in out
    written = json.loads(report.read_text())
    assert {k: v for k, v in written.items() if k != "results"} == {
        "mesaform_report": 2,
        "command": "prove",
        "interrupted": False,
        "all_match": True,
    }
    records = written["results"]
    assert [record["name"] for record in records] == [t.name for t in all_theorems()]
    assert all(record["status"] == "proved" and record["method"] == "z3" for record in records)
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
        "valid",
        _order_implies_inner,
    )
    monkeypatch.setattr(theorems_module, "THEOREM_LISTS", (ALIGNMENT_THEOREMS, [false]))
    code, out, _ = invoke(capsys, "prove", "order_implies_inner")
    assert code == 1
    assert "refuted, as stated (countermodel)" in out
    assert "order_implies_inner (countermodel):" in out
