"""Pseudo-alignment emerging from a base optimizer: a deterministic, exact experiment.

Formalizes the paper's pseudo-alignment (§1.3): a mesa-optimizer whose objective
agrees with the base objective "on past training data, but not robustly across
possible future data", and its unidentifiability (§3.2): the base optimizer sees
only behaviour on the training distribution, so it cannot tell a pseudo-aligned
mesa-optimizer from an aligned one. The objects are the post's: a base objective
``U : TM -> Q`` and mesa-optimizers that "simulate some ten other Turing machines,
evaluate which is the best one according to some internally represented function
U_m : TM → ℝ, and act like that one" (the post; docs/semantics.md#mesa-programs).

Main definitions:

- :func:`evaluator_population` -- every Table program with at most ``k`` states,
  in canonical code, simplest (shortest) first: the evaluators ``e`` of the
  mesa-optimizers ``Mesa(|C|, f, e, C)`` the base optimizer chooses among;
- :func:`select_mesa_optimizer` -- the base optimizer: score each evaluator by
  ``sum over C in D_tr of U(ch_m(C))`` (the base objective applied to the
  mesa-optimizer's behaviour), keep the maximum, break ties by simplicity;
- :func:`replay_choice` -- a mesa-optimizer's choice on a candidate set, replayed
  through the reference interpreter, with U and U_m of each candidate;
- :func:`pseudo_alignment_experiment` -- the experiment of docs/search.md: the
  selected mesa-optimizer chooses a U-best candidate on every training set (and
  U_m = U on every training candidate in dom(U_m)), but a worse one on deployment, while an
  aligned mesa-optimizer (U_m = U on its whole domain) tied with it in training.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import product

from mesaform.model.search import Progress
from mesaform.spec.alignment import inner_aligned_up_to
from mesaform.spec.interpreter import choose, evaluate_candidates
from mesaform.spec.interpreter import run as reference_run
from mesaform.spec.library import RunFunction, code_ones, mesa_objective
from mesaform.spec.machines import TM, machines_up_to
from mesaform.spec.objectives import Objective
from mesaform.spec.programs import Mesa, Table, Transition, encode
from mesaform.spec.results import Halted, OutOfFuel
from mesaform.spec.taxonomy import optimizer_behaviour, pseudo_aligned, robustly_aligned

CandidateSet = tuple[TM, ...]
"""A finite candidate set: the machines a mesa-optimizer chooses among, in order."""


def evaluator_population(max_states: int) -> tuple[TM, ...]:
    """Return the canonical code of every Table with at most ``max_states`` states.

    Every list of transitions of every length up to ``2k`` (a shorter list leaves
    the later transitions missing, acting as ``1RZ``) for ``k = 0 .. max_states``;
    sorted by length, then lexicographically: simplest first.
    """
    codes: set[TM] = {encode(Table(0))}
    for states in range(1, max_states + 1):
        choices = [
            Transition(write, move, target)
            for write in (0, 1)
            for move in (0, 1)
            for target in [*range(states), None]
        ]
        for length in range(2 * states + 1):
            for transitions in product(choices, repeat=length):
                codes.add(encode(Table(states, transitions)))
    return tuple(sorted(codes, key=lambda code: (len(code), code)))


def mesa_for(evaluator: TM, fuel: int, candidates: CandidateSet) -> Mesa:
    """Return the mesa-optimizer ``Mesa(|C|, f, e, C)`` that chooses among ``candidates``."""
    return Mesa(len(candidates), fuel, evaluator, candidates)


def _choice_index(
    evaluator: TM,
    fuel: int,
    candidates: CandidateSet,
    run: RunFunction,
    cache: dict[tuple[TM, TM], int | None],
) -> int | None:
    scores: list[int | None] = []
    for candidate in candidates:
        key = (evaluator, candidate)
        if key not in cache:
            result = run(evaluator, candidate, fuel)
            cache[key] = result.ones if isinstance(result, Halted) else None
        scores.append(cache[key])
    return choose(scores)


def behaviour_score(base: Objective, candidates: CandidateSet, chosen: int | None) -> Fraction:
    """Return ``U`` of the chosen candidate; a mesa-optimizer that chooses nothing scores 0."""
    return Fraction(0) if chosen is None else base(candidates[chosen])


@dataclass(frozen=True)
class Selection:
    """The base optimizer's pick among the evaluators, and what tied with it.

    ``score`` is the selected evaluator's training score and ``best_possible``
    the sum over the training sets of U's maximum; ``tied`` are all the
    evaluators whose training score equals ``score``, simplest first.
    """

    evaluator: TM
    score: Fraction
    best_possible: Fraction
    tied: tuple[TM, ...]
    examined: int


def select_mesa_optimizer(
    base: Objective,
    training: Sequence[CandidateSet],
    population: Sequence[TM],
    evaluator_fuel: int,
    *,
    run: RunFunction = reference_run,
    progress: Progress | None = None,
) -> Selection:
    """Return the evaluator whose mesa-optimizers score highest on the training sets.

    The score of ``e`` is ``sum over C in training of U(ch_m(C))`` with
    ``m = Mesa(|C|, f, e, C)``; the base optimizer keeps the highest score and,
    among equals, the first in ``population`` order (shortest code first: a
    simplicity prior). ``run`` evaluates the evaluators (the reference by default).
    """
    if not population:
        raise ValueError("the population of evaluators is empty")
    best_possible = sum((max(base(c) for c in candidates) for candidates in training), Fraction(0))
    cache: dict[tuple[TM, TM], int | None] = {}
    scores: list[Fraction] = []
    for examined, evaluator in enumerate(population, start=1):
        total = Fraction(0)
        for candidates in training:
            chosen = _choice_index(evaluator, evaluator_fuel, candidates, run, cache)
            total += behaviour_score(base, candidates, chosen)
        scores.append(total)
        if progress is not None and examined % 512 == 0:
            progress(examined)
    if progress is not None:
        progress(len(population))
    top = max(scores)
    tied = tuple(e for e, score in zip(population, scores, strict=True) if score == top)
    return Selection(tied[0], top, best_possible, tied, len(population))


@dataclass(frozen=True)
class CandidateValues:
    """A candidate with its base value ``U(t)`` and mesa value ``U_m(t)`` (``None``: undefined)."""

    machine: TM
    base: Fraction
    mesa: Fraction | None


@dataclass(frozen=True)
class ReplayedChoice:
    """A mesa-optimizer's choice on one candidate set, replayed through the interpreter.

    ``chosen`` is the index the Mesa program picks (``None``: no candidate
    scored); ``best`` the indices of U's argmax; ``aligned`` whether the choice
    is among them; ``acts_like_choice`` whether running the Mesa program from
    blank gives the chosen candidate's tape, as docs/semantics.md#mesa-programs says it must.
    """

    mesa: TM
    candidates: tuple[CandidateValues, ...]
    chosen: int | None
    best: tuple[int, ...]
    aligned: bool
    acts_like_choice: bool


def replay_choice(
    base: Objective, evaluator: TM, evaluator_fuel: int, candidates: CandidateSet, fuel: int
) -> ReplayedChoice:
    """Run ``Mesa(|C|, f, e, C)`` through the reference interpreter and read off its choice."""
    mesa = mesa_for(evaluator, evaluator_fuel, candidates)
    mesa_values = mesa_objective(mesa)
    evaluations = evaluate_candidates(mesa)
    assert evaluations is not None  # no budget: every evaluation runs
    chosen = choose([evaluation.score for evaluation in evaluations])
    values = tuple(CandidateValues(c, base(c), mesa_values(c).to_option()) for c in candidates)
    top = max(value.base for value in values)
    best = tuple(i for i, value in enumerate(values) if value.base == top)
    whole = reference_run(mesa, "", fuel)
    if chosen is None:
        acts = isinstance(whole, Halted) and whole.tape == frozenset()
    else:
        spent = sum(evaluation.steps for evaluation in evaluations)
        alone = reference_run(candidates[chosen], "", fuel - spent)
        acts = (isinstance(whole, OutOfFuel) and isinstance(alone, OutOfFuel)) or (
            isinstance(whole, Halted) and isinstance(alone, Halted) and whole.tape == alone.tape
        )
    return ReplayedChoice(encode(mesa), values, chosen, best, chosen in best, acts)


@dataclass(frozen=True)
class PseudoAlignmentReport:
    """The outcome of :func:`pseudo_alignment_experiment`, every value replayed.

    ``training`` and ``deployment`` are the selected mesa-optimizer's replayed
    choices; ``rival`` is the first tied evaluator that is inner aligned (the
    post's ``U = U_m`` on ``dom(U_m)``) for ``|t| <= aligned_up_to`` and
    ``rival_deployment`` its deployment choice; ``disagreements`` are the
    machines ``t``, ``|t| <= disagreement_bound``, with ``t in dom(U_m)`` and
    ``U(t) != U_m(t)`` for the selected evaluator, shortest first;
    ``training_exact`` says whether the post's inner alignment, ``U(t) = U_m(t)``
    for ``t in dom(U_m)``, holds on every training candidate. ``pseudo_aligned``
    and ``rival_robust`` are the taxonomy's predicates
    (:func:`mesaform.spec.taxonomy.pseudo_aligned`, :func:`mesaform.spec.taxonomy.robustly_aligned`)
    applied to the selected and the rival mesa-objectives, with ``D_dep`` the
    single deployment set.
    """

    base: str
    evaluator_fuel: int
    population_size: int
    selection: Selection
    training: tuple[ReplayedChoice, ...]
    deployment: ReplayedChoice
    rival: TM
    rival_deployment: ReplayedChoice
    aligned_up_to: int
    tied_robust: int
    disagreements: tuple[CandidateValues, ...]
    disagreement_bound: int
    training_exact: bool
    pseudo_aligned: bool
    rival_robust: bool


TRAINING_FAMILY: tuple[CandidateSet, ...] = tuple(
    tuple(TM(c) for c in candidates)
    for candidates in (
        ("0", "1"),
        ("000", "01"),
        ("0000", "001"),
        ("00", "0001"),
        ("0000", "1"),
        ("00", "000", "01"),
    )
)
"""Training candidate sets: every candidate has at most one 1, and it comes last."""

DEPLOYMENT_SET: CandidateSet = (TM("011"), TM("1000"))
"""A deployment candidate set outside the training distribution: a 1 before a 0."""

EVALUATOR_FUEL = 16
"""The internal fuel ``f`` of every mesa-optimizer: enough to read any candidate here."""

POPULATION_STATES = 2
"""The population: every Table program with at most this many states."""


def pseudo_alignment_experiment(
    *,
    run: RunFunction = reference_run,
    progress: Progress | None = None,
    population: Sequence[TM] | None = None,
    disagreement_bound: int = 6,
) -> PseudoAlignmentReport:
    """Run the pseudo-alignment experiment of docs/search.md; deterministic and exact.

    The base objective is ``U = code_ones`` (docs/semantics.md#library-objectives: a
    small evaluator can compute it exactly). The base optimizer selects, among the mesa-optimizers
    built from every evaluator with at most two states, the one whose choices
    score best under ``U`` on :data:`TRAINING_FAMILY`, simplest first on ties.
    The result is then replayed through the reference interpreter on the
    training sets and on :data:`DEPLOYMENT_SET`.
    """
    base = code_ones()
    evaluators = evaluator_population(POPULATION_STATES) if population is None else population
    selection = select_mesa_optimizer(
        base, TRAINING_FAMILY, evaluators, EVALUATOR_FUEL, run=run, progress=progress
    )
    fuel = EVALUATOR_FUEL * 8
    chosen = selection.evaluator
    training = tuple(
        replay_choice(base, chosen, EVALUATOR_FUEL, candidates, fuel)
        for candidates in TRAINING_FAMILY
    )
    deployment = replay_choice(base, chosen, EVALUATOR_FUEL, DEPLOYMENT_SET, fuel)
    aligned_up_to = (EVALUATOR_FUEL - 2) // 2
    robust = [
        e
        for e in selection.tied
        if replay_choice(base, e, EVALUATOR_FUEL, DEPLOYMENT_SET, fuel).aligned
    ]
    rivals = [
        e
        for e in robust
        if inner_aligned_up_to(base, mesa_objective(mesa_for(e, EVALUATOR_FUEL, ())), aligned_up_to)
    ]
    if not rivals:
        raise ValueError("no inner-aligned evaluator tied in training: the population lacks one")
    rival = rivals[0]
    mesa_values = mesa_objective(mesa_for(chosen, EVALUATOR_FUEL, ()))
    disagreements = tuple(
        CandidateValues(t, base(t), mesa_values(t).to_option())
        for t in machines_up_to(disagreement_bound)
        if mesa_values.defined(t) and mesa_values.value(t) != base(t)
    )
    training_exact = all(
        value.mesa is None or value.mesa == value.base
        for choice in training
        for value in choice.candidates
    )
    deployment_family = (DEPLOYMENT_SET,)
    rival_values = mesa_objective(mesa_for(rival, EVALUATOR_FUEL, ()))
    return PseudoAlignmentReport(
        base=base.name,
        evaluator_fuel=EVALUATOR_FUEL,
        population_size=len(evaluators),
        selection=selection,
        training=training,
        deployment=deployment,
        rival=rival,
        rival_deployment=replay_choice(base, rival, EVALUATOR_FUEL, DEPLOYMENT_SET, fuel),
        aligned_up_to=aligned_up_to,
        tied_robust=len(robust),
        disagreements=disagreements,
        disagreement_bound=disagreement_bound,
        training_exact=training_exact,
        pseudo_aligned=pseudo_aligned(
            base, optimizer_behaviour(mesa_values), TRAINING_FAMILY, deployment_family
        ),
        rival_robust=robustly_aligned(
            base, optimizer_behaviour(rival_values), [TRAINING_FAMILY, deployment_family]
        ),
    )


ExperimentRunner = Callable[..., PseudoAlignmentReport]
EXPERIMENTS: dict[str, ExperimentRunner] = {"pseudo-alignment": pseudo_alignment_experiment}
"""The experiments ``mesaform search --experiment NAME`` runs."""
