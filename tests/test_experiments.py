"""The pseudo-alignment experiment: its claims, replayed through the reference interpreter."""

import json
from pathlib import Path

import pytest

from mesaform.cli import main
from mesaform.model.experiments import (
    DEPLOYMENT_SET,
    EVALUATOR_FUEL,
    EXPERIMENTS,
    TRAINING_FAMILY,
    PseudoAlignmentReport,
    evaluator_population,
    mesa_for,
    pseudo_alignment_experiment,
    replay_choice,
    select_mesa_optimizer,
)
from mesaform.provenance import provenance
from mesaform.spec.alignment import inner_aligned_on
from mesaform.spec.catalogue import MARKER_KEEPING_EVALUATOR
from mesaform.spec.interpreter import run
from mesaform.spec.library import code_ones, mesa_objective
from mesaform.spec.machines import TM
from mesaform.spec.programs import Mesa, Table, decode
from mesaform.spec.results import Halted
from mesaform.spec.taxonomy import mesa_choice


@pytest.fixture(scope="module")
def report() -> PseudoAlignmentReport:
    return pseudo_alignment_experiment()


def test_the_selected_mesa_optimizer_is_pseudo_aligned(report: PseudoAlignmentReport) -> None:
    assert all(choice.aligned for choice in report.training)
    assert not report.deployment.aligned
    assert report.selection.score == report.selection.best_possible


def test_the_taxonomy_predicates_agree_with_the_replayed_choices(
    report: PseudoAlignmentReport,
) -> None:
    assert report.pseudo_aligned
    assert report.rival_robust
    selected_values = mesa_objective(mesa_for(report.selection.evaluator, EVALUATOR_FUEL, ()))
    for choice, candidates in zip(
        (*report.training, report.deployment), (*TRAINING_FAMILY, DEPLOYMENT_SET), strict=True
    ):
        assert mesa_choice(selected_values, candidates) == choice.chosen


def test_it_ties_in_training_with_an_aligned_rival_that_is_right_in_deployment(
    report: PseudoAlignmentReport,
) -> None:
    assert report.rival in report.selection.tied
    assert report.rival != report.selection.evaluator
    assert report.rival_deployment.aligned
    base = code_ones()
    rival_values = mesa_objective(mesa_for(report.rival, EVALUATOR_FUEL, ()))
    training_candidates = {t for candidates in TRAINING_FAMILY for t in candidates}
    assert inner_aligned_on(base, rival_values, training_candidates | set(DEPLOYMENT_SET))


def test_the_base_optimizer_prefers_the_simpler_evaluator(report: PseudoAlignmentReport) -> None:
    selected = report.selection.evaluator
    assert len(selected) < len(report.rival)
    assert report.selection.tied[0] == selected
    assert report.population_size == len(evaluator_population(2))


def test_the_selected_evaluator_is_inner_aligned_on_training_candidates_only(
    report: PseudoAlignmentReport,
) -> None:
    base = code_ones()
    selected_values = mesa_objective(mesa_for(report.selection.evaluator, EVALUATOR_FUEL, ()))
    training_candidates = [t for candidates in TRAINING_FAMILY for t in candidates]
    assert report.training_exact
    assert inner_aligned_on(base, selected_values, training_candidates)
    assert not inner_aligned_on(base, selected_values, DEPLOYMENT_SET)


def test_the_deployment_choice_is_worse_under_u(report: PseudoAlignmentReport) -> None:
    deployment = report.deployment
    assert deployment.chosen is not None
    chosen = deployment.candidates[deployment.chosen]
    best = deployment.candidates[deployment.best[0]]
    assert chosen.base < best.base
    assert chosen.mesa is not None and best.mesa is not None
    assert chosen.mesa > best.mesa  # U_m ranks them the other way


def test_every_reported_value_replays(report: PseudoAlignmentReport) -> None:
    evaluator = report.selection.evaluator
    for choice in (*report.training, report.deployment, report.rival_deployment):
        assert choice.acts_like_choice
        mesa = decode(choice.mesa)
        assert isinstance(mesa, Mesa)
        for value in choice.candidates:
            assert value.base == value.machine.count("1")
            result = run(mesa.evaluator, value.machine, mesa.fuel)
            expected = result.ones if isinstance(result, Halted) else None
            assert value.mesa == expected
    assert report.disagreements
    for value in report.disagreements:
        result = run(evaluator, value.machine, EVALUATOR_FUEL)
        assert isinstance(result, Halted)
        assert value.mesa == result.ones != value.base == value.machine.count("1")


def test_the_deployment_mesa_optimizer_acts_like_its_choice(
    report: PseudoAlignmentReport,
) -> None:
    deployment = report.deployment
    assert deployment.chosen is not None
    whole = run(deployment.mesa, "", 1000)
    alone = run(DEPLOYMENT_SET[deployment.chosen], "", 1000)
    assert isinstance(whole, Halted) and isinstance(alone, Halted)
    assert whole.tape == alone.tape


def test_selection_breaks_ties_by_population_order() -> None:
    base = code_ones()
    aligned = TM("01100010010101001100")  # 0LZ0RB_0RA1RA counts the ones of its input
    training = [(TM("0"), TM("1"))]
    assert select_mesa_optimizer(base, training, [MARKER_KEEPING_EVALUATOR, aligned], 16).tied == (
        MARKER_KEEPING_EVALUATOR,
        aligned,
    )
    assert (
        select_mesa_optimizer(base, training, [aligned, MARKER_KEEPING_EVALUATOR], 16).evaluator
        == aligned
    )
    harder = [(TM("000"), TM("01"))]
    chosen = select_mesa_optimizer(base, harder, [MARKER_KEEPING_EVALUATOR, aligned], 16)
    assert chosen.evaluator == aligned
    assert chosen.tied == (aligned,)


def test_replay_choice_of_an_evaluator_that_scores_nothing() -> None:
    looping = TM("0100000000")  # 0LA0LA: moves left forever
    choice = replay_choice(code_ones(), looping, 5, (TM("1"), TM("0")), 100)
    assert choice.chosen is None
    assert not choice.aligned
    assert all(value.mesa is None for value in choice.candidates)
    assert choice.acts_like_choice


def test_evaluator_population_is_every_small_table_simplest_first() -> None:
    population = evaluator_population(1)
    assert len(population) == 1 + 1 + 8 + 64
    assert population[0] == ""
    assert [len(code) for code in population] == sorted(len(code) for code in population)
    assert all(isinstance(decode(code), Table) for code in population)
    assert len(set(population)) == len(population)


def test_cli_experiment_text_and_json(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    report: PseudoAlignmentReport,
) -> None:
    monkeypatch.setitem(EXPERIMENTS, "pseudo-alignment", lambda **_: report)
    path = tmp_path / "experiment.json"
    with pytest.raises(SystemExit) as exit_info:
        main(["search", "--experiment", "pseudo-alignment", "--json", str(path)])
    out = capsys.readouterr().out
    assert exit_info.value.code == 0
    assert "MISALIGNED choice" in out
    assert "selected evaluator e = 0LA0RB_0RA---" in out
    record = json.loads(path.read_text())
    assert record["deployment"]["aligned"] is False
    assert all(choice["aligned"] for choice in record["training"])
    assert record["aligned_rival"]["deployment"]["aligned"] is True
    assert record["selected"]["training_score"] == record["selected"]["best_possible"] == "6/1"
    assert record["mesaform"] == provenance().record()  # the exact code that ran


@pytest.mark.slow
def test_cli_experiment_end_to_end(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["search", "--experiment", "pseudo-alignment"])
    assert exit_info.value.code == 0
    assert "MISALIGNED choice" in capsys.readouterr().out
