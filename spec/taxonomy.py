"""The taxonomy of "Risks from Learned Optimization" (§1.1-§3.2) as predicates.

Formalizes the paper's vocabulary of objectives and of alignment between them
(Hubinger et al. 2019, arXiv 1906.01820, cited by section; docs/semantics.md#taxonomy) over the
project's objects: ``U`` (:class:`~mesaform.spec.objectives.Objective`), ``U_m``
(:class:`~mesaform.spec.objectives.PartialObjective`) with its domain, finite candidate sets
(tuples of machines, what a mesa-optimizer simulates), and training and deployment
families of candidate sets. The agent-shaped concepts of §3.1 and §4 (suboptimality,
deceptive, corrigible and internal alignment) are in :mod:`mesaform.spec.taxonomy_agents`.

Main definitions:

- :func:`mesa_choice` -- ``ch_m(C)``: the index of the highest ``U_m`` value over
  ``C cap dom(U_m)``, the lowest index on ties, by the interpreter's choice rule
  :func:`mesaform.spec.interpreter.argmax_lowest_index` (``tests/test_taxonomy.py`` checks it
  agrees with ``run_mesa``);
- :func:`base_best_indices` -- ``Best_U(C)``, the indices of ``argmax_C U``;
- :func:`is_base_objective_of`, :func:`is_mesa_objective_of`,
  :func:`is_behavioral_objective_of` -- the three objectives of §1.1;
- :func:`inner_aligned_on_choices`, :func:`mesa_argmax_within_base_argmax` -- two
  readings of inner alignment (§1.2), each *incomparable* with the post's
  :func:`mesaform.spec.alignment.inner_aligned_on` (neither implies the other;
  docs/semantics.md#argmax-inclusion);
- :func:`outer_aligned_on` -- §1.2's other gap, between ``U`` and the intended ``U*``;
- :func:`robustly_aligned`, :func:`pseudo_aligned` -- §1.3;
- :func:`proxy_aligned`, :func:`side_effect_aligned`, :func:`instrumentally_aligned`,
  :func:`approximately_pseudo_aligned` -- the kinds of pseudo-alignment of §3.1.

Main results: ``proofs/theorems/taxonomy.py`` states the relations between these
predicates over uninterpreted functions and proves or refutes them with Z3;
``tests/test_taxonomy_theorems.py`` rebuilds every witness with these functions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from fractions import Fraction

from mesaform.spec.alignment import approximately_aligned_on
from mesaform.spec.interpreter import Choice, argmax_lowest_index
from mesaform.spec.machines import TM
from mesaform.spec.objectives import Objective, PartialObjective

CandidateSet = tuple[TM, ...]
"""A finite candidate set ``C``: the machines a mesa-optimizer simulates, in order."""

Family = tuple[CandidateSet, ...]
"""A family of candidate sets: a training distribution ``D_tr`` or deployment ``D_dep``."""

Behaviour = Callable[[CandidateSet], Choice]
"""What a mesa-optimizer does on a candidate set: the index of the candidate it acts like."""


def mesa_choice(mesa: PartialObjective, candidates: CandidateSet) -> Choice:
    """Return ``ch_m(C)``: the argmax of ``U_m`` over ``C cap dom(U_m)``, lowest index on ties.

    The post: m will "simulate some ten other Turing machines, evaluate which is the
    best one according to some internally represented function U_m, and act like
    that one".

    Coq twin: ``Objectives.mesa_choice`` (proofs/coq, docs/coq.md).
    """
    return argmax_lowest_index([mesa(t).to_option() for t in candidates])


def optimizer_behaviour(mesa: PartialObjective) -> Behaviour:
    """Return the behaviour of an optimizer whose objective is ``mesa``: ``C -> ch_m(C)``."""
    return lambda candidates: mesa_choice(mesa, candidates)


def base_best_indices(base: Objective, candidates: CandidateSet) -> frozenset[int]:
    """Return ``Best_U(C)``: the indices of the candidates with the highest ``U``.

    Coq twin: ``Alignment.base_best`` (proofs/coq, docs/coq.md).
    """
    if not candidates:
        return frozenset()
    values = [base(t) for t in candidates]
    top = max(values)
    return frozenset(index for index, value in enumerate(values) if value == top)


def acts_base_optimally(base: Objective, behaviour: Behaviour, candidates: CandidateSet) -> bool:
    """Return whether ``ch(C) in Best_U(C)``; acting like no candidate is not optimal."""
    choice = behaviour(candidates)
    return choice is not None and choice in base_best_indices(base, candidates)


def is_base_objective_of(base: Objective, hypotheses: CandidateSet, selected: TM) -> bool:
    """Return whether ``base`` is a criterion by which a base optimizer selected ``selected``.

    §1.1: the base objective is the "criterion the base optimizer was using to
    select between different possible systems". Reading chosen: the selection is in
    ``argmax_H U`` over the hypotheses ``H`` searched (an optimal search; a base
    optimizer that merely raises ``U`` is outside this predicate, and the paper's
    argument needs only the optimal case).
    """
    return selected in hypotheses and any(
        hypotheses[index] == selected for index in base_best_indices(base, hypotheses)
    )


def is_mesa_objective_of(
    mesa: PartialObjective, behaviour: Behaviour, families: Iterable[Family]
) -> bool:
    """Return whether ``behaviour`` is exactly optimizing ``mesa`` on every candidate set.

    §1.1: the mesa-objective is the "criterion the mesa-optimizer is using to select
    between different possible outputs". The paper means an *internally
    represented* criterion; in mesaform that is the evaluator of a Mesa program
    (``mesaform.spec.library.mesa_objective``). Seen from outside, the predicate chosen is
    the strongest behavioural consequence: ``ch(C) = ch_{U_m}(C)`` for every ``C``,
    ties and undefined candidates included.
    """
    return all(behaviour(c) == mesa_choice(mesa, c) for family in families for c in family)


def is_behavioral_objective_of(
    objective: Objective, behaviour: Behaviour, families: Iterable[Family]
) -> bool:
    """Return whether ``objective`` is a behavioral objective of ``behaviour``.

    §1.1: the behavioral objective is what the optimizer appears to be optimizing,
    the objective "recovered from perfect inverse reinforcement learning". Reading
    chosen: every choice lies in ``argmax_C O`` (ties allowed, so that IRL need not
    recover the tie-breaking rule). Such ``O`` is never unique: the indicator of the
    machines the behaviour chooses always qualifies.
    """
    return all(acts_base_optimally(objective, behaviour, c) for family in families for c in family)


def inner_aligned_on_choices(
    base: Objective, mesa: PartialObjective, families: Iterable[Family]
) -> bool:
    """Return the choice reading of inner alignment: ``ch_m(C) in Best_U(C)`` for every ``C``.

    §1.2: inner alignment is "the problem of eliminating the base-mesa objective
    gap". The post reads the gap as a difference of functions (``U = U_m`` on
    ``dom(U_m)``, :func:`mesaform.spec.alignment.inner_aligned_on`); this reading asks
    instead that what ``U_m`` picks is ``U``-best. The two are incomparable
    (docs/semantics.md#choice-reading): the post's equality says nothing about a
    ``U``-best candidate outside ``dom(U_m)``, which this reading requires to be
    chosen, and ``U_m = 2U`` makes ``U``'s choices without being equal to ``U``.
    For an optimizer it coincides with :func:`robustly_aligned` over the same
    families.

    Coq twin: ``Alignment.inner_aligned_on_choices`` (proofs/coq, docs/coq.md).
    """
    return robustly_aligned(base, optimizer_behaviour(mesa), families)


def mesa_argmax_indices(mesa: PartialObjective, candidates: CandidateSet) -> frozenset[int]:
    """Return the indices of ``argmax U_m`` over ``C cap dom(U_m)``."""
    scored = [(i, v) for i, t in enumerate(candidates) if (v := mesa(t).to_option()) is not None]
    if not scored:
        return frozenset()
    top = max(v for _i, v in scored)
    return frozenset(i for i, v in scored if v == top)


def mesa_argmax_within_base_argmax(
    base: Objective, mesa: PartialObjective, families: Iterable[Family]
) -> bool:
    """Return whether ``argmax_{C cap dom} U_m subset argmax_C U`` for every ``C``.

    Argmax inclusion (docs/semantics.md#argmax-inclusion): every candidate ``U_m``
    ranks top is ``U``-best, whatever the tie-breaking. It implies the choice reading
    :func:`inner_aligned_on_choices` wherever ``C`` meets ``dom(U_m)``, and not
    conversely (a tie in ``U_m`` may hide a candidate that is not ``U``-best behind
    a lower index).

    Coq twin: ``Alignment.mesa_argmax_within_base_argmax`` (proofs/coq, docs/coq.md).
    """
    return all(
        mesa_argmax_indices(mesa, c) <= base_best_indices(base, c)
        for family in families
        for c in family
    )


def outer_aligned_on(base: Objective, intended: Objective, families: Iterable[Family]) -> bool:
    """Return whether ``Best_U(C) subset Best_{U*}(C)`` for every candidate set ``C``.

    §1.2: outer alignment is eliminating the gap "between the base objective and
    the intended goal of the programmers". Reading chosen: every ``U``-best candidate
    is ``U*``-best, so whatever a ``U``-optimal search returns is what was intended;
    ``U = U*`` is sufficient and not necessary.
    """
    return all(
        base_best_indices(base, c) <= base_best_indices(intended, c)
        for family in families
        for c in family
    )


def robustly_aligned(base: Objective, behaviour: Behaviour, families: Iterable[Family]) -> bool:
    """Return whether ``ch(C) in Best_U(C)`` for every ``C`` of every family.

    §1.3: robustly aligned mesa-optimizers have mesa-objectives that "robustly
    agree with the base objective across distributions". Reading chosen: a
    distribution is a finite family of candidate sets, and agreeing is choosing a
    ``U``-best candidate, so the predicate is about behaviour, not about equality of
    functions (``U_m = 2U`` is robustly aligned).
    """
    return all(acts_base_optimally(base, behaviour, c) for family in families for c in family)


def pseudo_aligned(
    base: Objective, behaviour: Behaviour, training: Family, deployment: Family
) -> bool:
    """Return whether the behaviour is ``U``-best on all of ``D_tr`` but not on all of ``D_dep``.

    §1.3: pseudo-aligned mesa-optimizers agree with the base objective "on past
    training data, but not robustly across possible future data".
    """
    return robustly_aligned(base, behaviour, [training]) and not robustly_aligned(
        base, behaviour, [deployment]
    )


def increases_with(
    feature: PartialObjective, objective: PartialObjective, machines: Iterable[TM]
) -> bool:
    """Return whether ``objective`` increases with ``feature`` on ``machines``.

    For ``s, t`` where both are defined: ``X(s) <= X(t) -> O(s) <= O(t)``, i.e. on these
    machines ``O = g(X)`` for a non-decreasing ``g``. (The strict reading
    ``X(s) < X(t) -> O(s) < O(t)`` lets ties in ``X`` hide any order of ``O``.)
    """
    points = [
        (x, o)
        for t in machines
        if (x := feature(t).to_option()) is not None and (o := objective(t).to_option()) is not None
    ]
    return all(o_s <= o_t for x_s, o_s in points for x_t, o_t in points if x_s <= x_t)


def candidates_of(family: Family) -> tuple[TM, ...]:
    """Return every machine of every candidate set of ``family``, in order."""
    return tuple(t for c in family for t in c)


def proxy_aligned(
    base: Objective,
    mesa: PartialObjective,
    feature: PartialObjective,
    training: Family,
    deployment: Family,
) -> bool:
    """Return whether ``U_m`` is proxy aligned with ``U`` through the feature ``X``.

    §3.1: in proxy alignment some node X is an ancestor of both objectives in the
    training distribution and both increase with X. Reading chosen: the causal
    graph is not part of mesaform's objects, so "ancestor" is read as a feature
    ``X : TM -/-> Q`` that both ``U`` and ``U_m`` increase with on the
    training candidates (:func:`increases_with`), and the mesa-optimizer is
    pseudo-aligned.
    """
    on_training = candidates_of(training)
    return (
        increases_with(feature, PartialObjective.total(base), on_training)
        and increases_with(feature, mesa, on_training)
        and pseudo_aligned(base, optimizer_behaviour(mesa), training, deployment)
    )


def side_effect_aligned(
    base: Objective, mesa: PartialObjective, training: Family, deployment: Family
) -> bool:
    """Return proxy alignment with ``X = U_m``.

    §3.1: in side-effect alignment, optimizing the mesa-objective "has the direct
    causal result of increasing" the base objective on the training distribution:
    the mesa-objective itself is the common cause.
    """
    return proxy_aligned(base, mesa, mesa, training, deployment)


def instrumentally_aligned(
    base: Objective, mesa: PartialObjective, training: Family, deployment: Family
) -> bool:
    """Return proxy alignment with ``X = U``.

    §3.1: in instrumental alignment, optimizing the base objective increases the
    mesa-objective on the training distribution, so the mesa-optimizer pursues the
    base objective "as an instrumental goal".
    """
    return proxy_aligned(base, mesa, PartialObjective.total(base), training, deployment)


def approximately_pseudo_aligned(
    base: Objective,
    mesa: PartialObjective,
    epsilon: Fraction,
    training: Family,
    deployment: Family,
) -> bool:
    """Return whether ``|U - U_m| <= epsilon`` on every candidate's ``dom`` and ``m`` is pseudo.

    §3.1: approximate alignment, where the mesa-objective and the base objective are
    "approximately the same function up to some degree of approximation error".
    The paper lists it as a kind of pseudo-alignment, so the predicate asks both;
    the bare closeness is :func:`mesaform.spec.alignment.approximately_aligned_on`.
    """
    machines = candidates_of(training) + candidates_of(deployment)
    return approximately_aligned_on(base, mesa, machines, epsilon) and pseudo_aligned(
        base, optimizer_behaviour(mesa), training, deployment
    )
