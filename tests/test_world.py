"""The world-state formalization: the Z3 theorems, their witnesses rebuilt concretely,
the instance over the reference interpreter, and the claims of examples/world_claims.toml."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import z3
from hypothesis import given, settings

from mesaform.claim_files import load_claims
from mesaform.model import world
from mesaform.proofs.methods.strategies import machines
from mesaform.proofs.symbolic.z3_typed import TM_SORT, W_SORT, Machine, World
from mesaform.proofs.theorems import world as wt
from mesaform.proofs.theorems.theorem import Theorem
from mesaform.spec.alignment import (
    approximately_aligned_on,
    inner_aligned_on,
    inner_aligned_up_to,
    misalignments_on,
    order_aligned_on,
)
from mesaform.spec.claims import Claim
from mesaform.spec.interpreter import run
from mesaform.spec.library import productivity
from mesaform.spec.machines import TM, machines_up_to
from mesaform.spec.objectives import WorldObjective, WorldState
from mesaform.spec.results import Halted
from mesaform.spec.world import (
    Environment,
    PartialWorldObjective,
    WorldMesaOptimizer,
    WorldModel,
    base_objective_through,
    model_accurate_on,
    objective_agreement_on,
)
from tests.theorem_helpers import decide

CLAIMS_FILE = Path(__file__).parent.parent / "examples" / "world_claims.toml"
THEOREMS = {theorem.name: theorem for theorem in wt.WORLD_THEOREMS}
SMALL = tuple(machines_up_to(8))


# --- the theorems ---------------------------------------------------------------------------


@pytest.mark.parametrize("theorem", wt.WORLD_THEOREMS, ids=lambda theorem: theorem.name)
def test_world_theorem_is_proved_as_stated(theorem: Theorem) -> None:
    answer, _model = decide(theorem)
    assert answer == (z3.unsat if theorem.obligation == "valid" else z3.sat)


@dataclass(frozen=True)
class Named(WorldState):
    """A world state of a Z3 witness, named by the element's name in the model."""

    name: str


def concrete_optimizer(
    model: Any,
) -> tuple[
    WorldObjective[Named], Environment[Named], WorldMesaOptimizer[Named], tuple[TM, ...], TM
]:
    """Read a Z3 witness as world states named by strings and machines as bitstrings."""
    tm_universe = model.get_universe(TM_SORT) or []
    machine_of = {str(e): TM(bin(i + 2)[3:]) for i, e in enumerate(tm_universe)}
    element_of = {machine: e for e, machine in zip(tm_universe, machine_of.values(), strict=True)}

    def evaluate(term: Any) -> Any:
        return model.eval(getattr(term, "raw", term), model_completion=True)

    def state(term: Any) -> Named:
        return Named(str(evaluate(term)))

    w_universe = {str(e): e for e in model.get_universe(W_SORT) or []}

    def real(term: Any) -> Fraction:
        return Fraction(evaluate(term).as_fraction())

    utility = WorldObjective[Named]("u", lambda w: real(wt.UTILITY(World(w_universe[w.name]))))
    environment = Environment[Named]("Env", lambda t: state(wt.ENVIRONMENT(Machine(element_of[t]))))
    world_model = WorldModel[Named]("M", lambda t: state(wt.WORLD_MODEL(Machine(element_of[t]))))
    objective = PartialWorldObjective[Named](
        "v",
        lambda w: z3.is_true(evaluate(wt.MESA_UTILITY_DEFINED(World(w_universe[w.name])))),
        lambda w: real(wt.MESA_UTILITY(World(w_universe[w.name]))),
    )
    witness = machine_of[state(Machine.const(wt.WITNESS_NAME)).name]
    optimizer = WorldMesaOptimizer(world_model, objective)
    return utility, environment, optimizer, tuple(element_of), witness


@pytest.mark.parametrize(
    ("name", "agreement", "accuracy", "aligned"),
    [
        ("objective_agreement_alone_does_not_imply_inner_alignment", True, None, False),
        ("model_accuracy_alone_does_not_imply_inner_alignment", None, True, False),
        ("model_accuracy_is_not_necessary_for_inner_alignment", True, False, True),
        ("objective_agreement_is_not_necessary_for_inner_alignment", False, None, True),
    ],
)
def test_world_witness_satisfies_the_python_predicates(
    name: str, agreement: bool | None, accuracy: bool | None, aligned: bool
) -> None:
    answer, model = decide(THEOREMS[name])
    assert answer == z3.sat
    utility, environment, optimizer, everything, witness = concrete_optimizer(model)
    base = base_objective_through(utility, environment)
    mesa = optimizer.mesa_objective
    if agreement is not None:
        assert objective_agreement_on(utility, optimizer, everything) is agreement
    if accuracy is not None:
        assert model_accurate_on(environment, optimizer, everything) is accuracy
    assert inner_aligned_on(base, mesa, everything) is aligned
    assert mesa.defined(witness)
    if not aligned:
        assert base(witness) != mesa.value(witness)


# --- the concrete instance over the reference interpreter -------------------------------------


def test_base_utility_through_the_environment_is_productivity() -> None:
    reference = productivity(world.WORLD_FUEL)
    assert all(world.BASE_OBJECTIVE(t) == reference(t) for t in machines_up_to(10))


def test_accurate_model_with_agreeing_objective_is_inner_aligned() -> None:
    optimizer = world.ACCURATE_OPTIMIZER
    assert objective_agreement_on(world.UTILITY, optimizer, SMALL)
    assert model_accurate_on(world.ENVIRONMENT, optimizer, SMALL)
    assert inner_aligned_up_to(world.BASE_OBJECTIVE, optimizer.mesa_objective, 10)


@settings(max_examples=80, deadline=None)
@given(machines(max_length=40))
def test_accurate_model_is_aligned_on_longer_machines(t: TM) -> None:
    mesa = world.ACCURATE_OPTIMIZER.mesa_objective
    result = run(t, "", world.WORLD_FUEL)
    assert mesa.defined(t) == isinstance(result, Halted)
    if mesa.defined(t):
        assert mesa.value(t) == world.BASE_OBJECTIVE(t)


def test_snapshot_model_agrees_on_states_but_is_inaccurate_and_misaligned() -> None:
    optimizer = world.SNAPSHOT_OPTIMIZER
    assert objective_agreement_on(world.UTILITY, optimizer, SMALL)
    assert not model_accurate_on(world.ENVIRONMENT, optimizer, SMALL)
    bad = next(misalignments_on(world.BASE_OBJECTIVE, optimizer.mesa_objective, SMALL))
    assert bad == TM("010100")
    # replay: the one-state machine writes 1 and loops, so it never halts within the fuel,
    # while the snapshot after one step shows a single 1
    assert not isinstance(run(bad, "", world.WORLD_FUEL), Halted)
    assert world.base_utility_of_machine(bad) == 0
    assert world.snapshot_mesa_utility_of_machine(bad) == 1


def test_agreeing_model_with_different_objective_is_misaligned() -> None:
    optimizer = world.DOUBLED_OPTIMIZER
    assert model_accurate_on(world.ENVIRONMENT, optimizer, SMALL)
    assert not objective_agreement_on(world.UTILITY, optimizer, SMALL)
    bad = next(misalignments_on(world.BASE_OBJECTIVE, optimizer.mesa_objective, SMALL))
    assert world.doubled_mesa_utility_of_machine(bad) == 2 * world.base_utility_of_machine(bad)
    assert world.base_utility_of_machine(bad) > 0
    assert order_aligned_on(world.BASE_OBJECTIVE, optimizer.mesa_objective, SMALL)


def test_mirrored_model_is_inaccurate_yet_aligned() -> None:
    optimizer = world.MIRRORED_OPTIMIZER
    assert not model_accurate_on(world.ENVIRONMENT, optimizer, SMALL)
    assert inner_aligned_on(world.BASE_OBJECTIVE, optimizer.mesa_objective, SMALL)


def test_short_horizon_model_has_a_smaller_domain_and_stays_aligned() -> None:
    short = world.SHORT_HORIZON_OPTIMIZER.mesa_objective
    full = world.ACCURATE_OPTIMIZER.mesa_objective
    machines_10 = tuple(machines_up_to(10))
    assert {t for t in machines_10 if short.defined(t)} < {
        t for t in machines_10 if full.defined(t)
    }
    assert model_accurate_on(world.ENVIRONMENT, world.SHORT_HORIZON_OPTIMIZER, machines_10)
    assert inner_aligned_on(world.BASE_OBJECTIVE, short, machines_10)


def test_half_bonus_is_approximately_aligned() -> None:
    mesa = world.HALF_BONUS_OPTIMIZER.mesa_objective
    assert approximately_aligned_on(world.BASE_OBJECTIVE, mesa, SMALL, Fraction(1, 2))
    assert not approximately_aligned_on(world.BASE_OBJECTIVE, mesa, SMALL, Fraction(1, 4))


# --- the claims file ------------------------------------------------------------------------


def load_world_claims() -> list[Claim]:
    """Read the claims with the parser ``mesaform check`` uses."""
    return load_claims(CLAIMS_FILE)


def holds(claim: Claim) -> bool:
    return next(claim.failures_on(machines_up_to(claim.bound.max_length)), None) is None


def test_claims_file_covers_each_predicate_and_both_expectations() -> None:
    claims = load_world_claims()
    assert {c.predicate for c in claims} == {
        "inner-alignment",
        "order-alignment",
        "approximate-alignment",
    }
    assert {c.expect for c in claims} == {"holds", "fails"}
    assert len({c.name for c in claims}) == len(claims)


@pytest.mark.parametrize("claim", load_world_claims(), ids=lambda claim: claim.name)
def test_claim_meets_its_expectation(claim: Claim) -> None:
    assert holds(claim) == (claim.expect == "holds")
