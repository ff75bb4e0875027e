"""The agent-shaped concepts of "Risks from Learned Optimization" (§3.1, §4, §4.4, §7).

Suboptimality, deceptive, corrigible and internal alignment are not properties of
``U`` and ``U_m`` alone: they speak of a mesa-optimizer's limited search, of its
model ``U^`` of the base objective, and of its belief that it is in training. This
module gives those parts names and states each concept as a predicate
(docs/semantics.md#taxonomy; the core predicates are in :mod:`mesaform.spec.taxonomy`).

Main definitions:

- :func:`limited_choice`, :func:`suboptimality_aligned` -- §3.1;
- :class:`DeceptiveMesaOptimizer`, :func:`deceptively_aligned` -- §4, §7;
- :class:`CorrigibleMesaOptimizer`, :func:`corrigibly_aligned` -- §4.4, §7;
- :class:`InternallyAlignedMesaOptimizer`, :func:`internally_aligned` -- §4.4, §7;
- :func:`observe` -- what an epistemic model of ``U`` becomes after seeing values
  of ``U``; a corrigible optimizer's objective follows it, an internal one's does not.

Main results: ``proofs/theorems/taxonomy.py`` (deceptive alignment is
indistinguishable from robust alignment on training sets; a corrigible optimizer
with an accurate model acts ``U``-best; suboptimality alignment exists).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from fractions import Fraction

from mesaform.spec.alignment import inner_aligned_on
from mesaform.spec.interpreter import Choice
from mesaform.spec.machines import TM
from mesaform.spec.objectives import Objective, PartialObjective
from mesaform.spec.taxonomy import (
    CandidateSet,
    Family,
    acts_base_optimally,
    base_best_indices,
    candidates_of,
    mesa_choice,
    pseudo_aligned,
    robustly_aligned,
)


def limited_choice(mesa: PartialObjective, candidates: CandidateSet, width: int) -> Choice:
    """Return ``ch_m`` over the first ``width`` candidates only (an index into ``C``).

    The limitation of §3.1 read as a search that simulates fewer candidates than it
    is given, as a Mesa program with a smaller ``c`` does.
    """
    return mesa_choice(mesa, candidates[:width])


def suboptimality_aligned(
    base: Objective, mesa: PartialObjective, width: int, training: Family
) -> bool:
    """Return whether a limited search hides a misaligned ``U_m`` on the training sets.

    §3.1: "some deficiency, error, or limitation in its optimization process causes
    it to exhibit aligned behavior" on the training distribution. Reading chosen,
    all three on ``D_tr``: (1) ``U_m != U`` on some training candidate in ``dom``;
    (2) the limited search (first ``width`` candidates) picks a ``U``-best candidate of
    every ``C``; (3) the full search ``ch_m(C)`` does not, for some ``C``.
    """
    misaligned = not inner_aligned_on(base, mesa, candidates_of(training))
    limited_ok = all(
        (choice := limited_choice(mesa, c, width)) is not None
        and choice in base_best_indices(base, c)
        for c in training
    )
    full_fails = any(not acts_base_optimally(base, _full(mesa), c) for c in training)
    return misaligned and limited_ok and full_fails


def _full(mesa: PartialObjective) -> Callable[[CandidateSet], Choice]:
    return lambda candidates: mesa_choice(mesa, candidates)


@dataclass(frozen=True)
class DeceptiveMesaOptimizer:
    """A mesa-optimizer that acts on its model of ``U`` while it believes it is in training.

    ``mesa`` is its own objective ``U_m``; ``base_model`` is ``U^``, its model of the
    base objective; ``believes_training(C)`` is its belief, on seeing ``C``, that it
    is still being trained.
    """

    mesa: PartialObjective
    base_model: PartialObjective
    believes_training: Callable[[CandidateSet], bool]

    def choose(self, candidates: CandidateSet) -> Choice:
        """Return ``ch_{U^}(C)`` when it believes it is in training, else ``ch_{U_m}(C)``."""
        acting_on = self.base_model if self.believes_training(candidates) else self.mesa
        return mesa_choice(acting_on, candidates)


def deceptively_aligned(
    base: Objective, agent: DeceptiveMesaOptimizer, training: Family, deployment: Family
) -> bool:
    """Return whether ``agent`` is deceptively aligned on ``D_tr`` and ``D_dep``.

    §4: a deceptively aligned mesa-optimizer has "enough information about the
    base objective to seem more fit ... than it actually is"; §7 calls it "a form
    of instrumental proxy alignment". Reading chosen: (1) it believes it is in
    training on every training set; (2) it acts ``U``-best there (on its model
    ``U^``); (3) on some deployment set it believes it is not in training and its
    own ``U_m`` picks a candidate that is not ``U``-best.
    """
    believes_on_training = all(agent.believes_training(c) for c in training)
    defects = any(
        not agent.believes_training(c) and not acts_base_optimally(base, _full(agent.mesa), c)
        for c in deployment
    )
    return (
        believes_on_training
        and robustly_aligned(base, agent.choose, [training])
        and defects
        and pseudo_aligned(base, agent.choose, training, deployment)
    )


def observe(model: PartialObjective, observations: Mapping[TM, Fraction]) -> PartialObjective:
    """Return the epistemic model ``model`` updated with observed values of ``U``.

    Observed machines take the observed value (and enter the domain); others keep
    the model's value. This is the simplest learner: it believes what it sees.
    """
    observed = dict(observations)

    def defined(t: TM) -> bool:
        return t in observed or model.defined(t)

    def value(t: TM) -> Fraction:
        return observed[t] if t in observed else model.value(t)

    return PartialObjective(f"{model.name} + {len(observed)} observations", defined, value)


@dataclass(frozen=True)
class CorrigibleMesaOptimizer:
    """A mesa-optimizer whose objective is a pointer to its model ``U^`` of ``U``.

    §4.4: corrigible alignment, where the "mesa-objective 'points to' its epistemic
    model of the base objective". The pointer is structural: :attr:`mesa` *is*
    :attr:`base_model`, and :meth:`learn` moves both together.
    """

    base_model: PartialObjective

    @property
    def mesa(self) -> PartialObjective:
        """Return ``U_m``, defined as the epistemic model ``U^``."""
        return self.base_model

    def choose(self, candidates: CandidateSet) -> Choice:
        """Return ``ch_{U^}(C)``."""
        return mesa_choice(self.base_model, candidates)

    def learn(self, observations: Mapping[TM, Fraction]) -> CorrigibleMesaOptimizer:
        """Return the optimizer after observing values of ``U``: its objective moves too."""
        return replace(self, base_model=observe(self.base_model, observations))


def corrigibly_aligned(
    base: Objective, agent: CorrigibleMesaOptimizer, families: Iterable[Family]
) -> bool:
    """Return whether a corrigible optimizer is robustly aligned on ``families``.

    §7: corrigible alignment is a kind of robust alignment in which the
    mesa-objective points to the model of the base objective. The pointer is built
    into :class:`CorrigibleMesaOptimizer`; the predicate checks the robust part.
    """
    return robustly_aligned(base, agent.choose, families)


@dataclass(frozen=True)
class InternallyAlignedMesaOptimizer:
    """A mesa-optimizer with its objective built in; observing ``U`` does not change it.

    §4.4: internal alignment, where the mesa-optimizer has "internalized the base
    objective in its mesa-objective".
    """

    mesa: PartialObjective

    def choose(self, candidates: CandidateSet) -> Choice:
        """Return ``ch_{U_m}(C)``."""
        return mesa_choice(self.mesa, candidates)

    def learn(self, observations: Mapping[TM, Fraction]) -> InternallyAlignedMesaOptimizer:
        """Return the optimizer unchanged: its objective is independent of its input."""
        del observations
        return self


def internally_aligned(base: Objective, mesa: PartialObjective, machines: Iterable[TM]) -> bool:
    """Return whether ``U_m = U`` as total functions on ``machines``.

    §4.4: "internalized the base objective in its mesa-objective". Reading chosen:
    ``U_m`` is defined on every machine and equal to ``U`` there -- stronger than the
    post's inner alignment, which allows ``dom(U_m)`` to be smaller. That it is
    built in (independent of input) is structural, carried by
    :class:`InternallyAlignedMesaOptimizer`.
    """
    return all(mesa.defined(t) and mesa.value(t) == base(t) for t in machines)
