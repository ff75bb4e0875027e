"""mesaform.spec.taxonomy_agents: the agent-shaped concepts of the paper (3.1, 4), on examples."""

from fractions import Fraction

from hypothesis import given

from mesaform.spec.alignment import inner_aligned_on
from mesaform.spec.machines import TM
from mesaform.spec.objectives import PartialObjective
from mesaform.spec.taxonomy import (
    CandidateSet,
    mesa_choice,
    robustly_aligned,
)
from mesaform.spec.taxonomy_agents import (
    CorrigibleMesaOptimizer,
    DeceptiveMesaOptimizer,
    InternallyAlignedMesaOptimizer,
    corrigibly_aligned,
    deceptively_aligned,
    internally_aligned,
    limited_choice,
    suboptimality_aligned,
)
from tests.test_taxonomy import A, B, C, candidate_sets, table_objective, table_partial, tables


def test_suboptimality_alignment() -> None:
    base = table_objective({A: 1, B: 2, C: 0})
    mesa = table_partial({A: 1, B: 2, C: 9})
    assert limited_choice(mesa, (A, B, C), 2) == 1
    assert suboptimality_aligned(base, mesa, 2, ((A, B, C),))
    assert not suboptimality_aligned(base, mesa, 3, ((A, B, C),))


def test_deceptive_alignment_defects_only_when_it_believes_it_is_deployed() -> None:
    base = table_objective({A: 1, B: 2, C: 3})
    mesa = table_partial({A: 5, B: 0, C: 0})
    training, deployment = ((A, B), (B, C)), ((A, C),)
    agent = DeceptiveMesaOptimizer(mesa, PartialObjective.total(base), lambda c: c in training)
    assert deceptively_aligned(base, agent, training, deployment)
    assert robustly_aligned(base, agent.choose, [training])
    always_believes = DeceptiveMesaOptimizer(mesa, PartialObjective.total(base), lambda c: True)
    assert not deceptively_aligned(base, always_believes, training, deployment)


def test_corrigible_objective_follows_its_model_and_internal_does_not() -> None:
    base = table_objective({A: 1, B: 2, C: 3})
    wrong = table_partial({A: 3, B: 2, C: 1})
    corrigible = CorrigibleMesaOptimizer(wrong)
    assert corrigible.mesa is corrigible.base_model
    assert not corrigibly_aligned(base, corrigible, [((A, B, C),)])
    learned = corrigible.learn({t: base(t) for t in (A, B, C)})
    assert corrigibly_aligned(base, learned, [((A, B, C),)])
    internal = InternallyAlignedMesaOptimizer(wrong)
    assert internal.learn({t: base(t) for t in (A, B, C)}) is internal


def test_internal_alignment_is_total_equality_inner_is_on_the_domain() -> None:
    base = table_objective({A: 1, B: 2, C: 3})
    restricted = table_partial({A: 1, B: 2})
    assert inner_aligned_on(base, restricted, (A, B, C))
    assert not internally_aligned(base, restricted, (A, B, C))
    assert internally_aligned(base, PartialObjective.total(base), (A, B, C))


@given(tables(), tables(), candidate_sets)
def test_deceptive_agent_in_training_with_an_accurate_model_acts_like_an_optimizer_of_u(
    base_table: dict[TM, Fraction], mesa_table: dict[TM, Fraction], c: CandidateSet
) -> None:
    base = table_objective(base_table)
    agent = DeceptiveMesaOptimizer(
        table_partial(mesa_table), table_partial(base_table), lambda _c: True
    )
    assert agent.choose(c) == mesa_choice(PartialObjective.total(base), c)
    assert robustly_aligned(base, agent.choose, [(c,)])
