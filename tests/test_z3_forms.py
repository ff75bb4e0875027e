"""Each Z3 form of proofs/symbolic/z3_forms.py says what the Python predicate of spec/ says.

Hypothesis draws random finite models as plain Python data: a few machines, the
values of U, U_m, the model U^, the intended U* and a feature X, the domains, a set
S of machines, epsilon, candidate sequences and training and deployment families, a
search width, beliefs, and a small world (states, Env, M, u, v). The spec/
predicates are evaluated on it directly. The same model is pinned in Z3 (distinct
machine constants, every machine one of them, each function's table), and the Z3
form of every predicate must take the same truth value: its quantifiers are expanded
on the model's machines and world states (and positions -1..3, beyond every length
drawn; :func:`mesaform.proofs.symbolic.z3_typed.finite_universe`), and one quantifier-free query
asserting that some form disagrees must be unsat. Each sequence and family is written out or
symbolic (a length and a function of positions), chosen at random, so both readings
of a form are compared. 1,000 models are drawn, and 100 more with symbolic families
(slow tests); the default suite draws a sample of 100 and 20, sized by mutation
(docs/layout.md), and always checks :data:`WIDTH_DECIDES`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import pytest
import z3
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mesaform.proofs.symbolic import z3_forms as f
from mesaform.proofs.symbolic.z3_forms import Candidates, Family, Partial, WorldMesa
from mesaform.proofs.symbolic.z3_typed import (
    Bool,
    Function,
    Function2,
    Int,
    Machine,
    Real,
    Term,
    World,
    conj,
    finite_universe,
)
from mesaform.spec.alignment import (
    approximately_aligned_on,
    inner_aligned_on,
    order_aligned_on,
)
from mesaform.spec.machines import TM
from mesaform.spec.objectives import Objective, PartialObjective, WorldObjective, WorldState
from mesaform.spec.taxonomy import (
    acts_base_optimally,
    approximately_pseudo_aligned,
    increases_with,
    inner_aligned_on_choices,
    instrumentally_aligned,
    is_behavioral_objective_of,
    mesa_argmax_within_base_argmax,
    mesa_choice,
    optimizer_behaviour,
    outer_aligned_on,
    proxy_aligned,
    pseudo_aligned,
    side_effect_aligned,
)
from mesaform.spec.taxonomy_agents import (
    CorrigibleMesaOptimizer,
    DeceptiveMesaOptimizer,
    corrigibly_aligned,
    deceptively_aligned,
    internally_aligned,
    limited_choice,
    observe,
    suboptimality_aligned,
)
from mesaform.spec.world import (
    Environment,
    PartialWorldObjective,
    WorldMesaOptimizer,
    WorldModel,
    base_objective_through,
    mesa_objective_through,
    model_accurate_on,
    objective_agreement_on,
)

VALUES = st.sampled_from([Fraction(v, 2) for v in range(-4, 5)])


@dataclass(frozen=True)
class Data:
    """A finite model as plain Python data; machines are indices ``0..size-1``."""

    size: int
    base: list[Fraction]
    mesa: list[Fraction]
    dom: list[bool]
    model: list[Fraction]
    model_dom: list[bool]
    intended: list[Fraction]
    feature: list[Fraction]
    feature_dom: list[bool]
    chosen_set: list[bool]
    observed: list[bool]
    epsilon: Fraction
    sequence: tuple[int, ...]
    training: tuple[tuple[int, ...], ...]
    deployment: tuple[tuple[int, ...], ...]
    width: int
    beliefs: dict[tuple[int, ...], bool]
    states: int
    environment: list[int]
    world_model: list[int]
    utility: list[Fraction]
    mesa_utility: list[Fraction]
    mesa_utility_dom: list[bool]
    symbolic: list[bool]


@st.composite
def models(draw: st.DrawFn) -> Data:
    size = draw(st.integers(1, 4))

    def values() -> list[Fraction]:
        return draw(st.lists(VALUES, min_size=size, max_size=size))

    def flags(count: int = size) -> list[bool]:
        return draw(st.lists(st.booleans(), min_size=count, max_size=count))

    sequences = st.lists(st.integers(0, size - 1), max_size=3).map(tuple)
    sequence = draw(sequences)
    training = tuple(draw(st.lists(sequences, max_size=2)))
    deployment = tuple(draw(st.lists(sequences, max_size=2)))
    seen = {sequence, *training, *deployment}
    beliefs = {c: draw(st.booleans()) for c in sorted(seen)}
    states = draw(st.integers(1, 3))
    state_values = st.lists(VALUES, min_size=states, max_size=states)
    return Data(
        size,
        values(),
        values(),
        flags(),
        values(),
        flags(),
        values(),
        values(),
        flags(),
        flags(),
        flags(),
        draw(st.sampled_from([Fraction(0), Fraction(1, 2), Fraction(1), Fraction(2)])),
        sequence,
        training,
        deployment,
        draw(st.integers(0, 3)),
        beliefs,
        states,
        draw(st.lists(st.integers(0, states - 1), min_size=size, max_size=size)),
        draw(st.lists(st.integers(0, states - 1), min_size=size, max_size=size)),
        draw(state_values),
        draw(state_values),
        draw(st.lists(st.booleans(), min_size=states, max_size=states)),
        flags(8),
    )


def machine(index: int) -> TM:
    """Return the machine named by ``index``: distinct bitstrings ``"", "0", "1", ...``."""
    return TM(bin(index + 2)[3:])


class Pinned:
    """The model in Z3: constants, closure axioms and function tables."""

    def __init__(self, data: Data) -> None:
        self.data = data
        self.machines = [Machine.const(f"m{i}") for i in range(data.size)]
        self.states = [World.const(f"w{i}") for i in range(data.states)]
        self.facts: list[Any] = [
            z3.Distinct(*(m.raw for m in self.machines)) if data.size > 1 else z3.BoolVal(True),
            z3.Distinct(*(w.raw for w in self.states)) if data.states > 1 else z3.BoolVal(True),
        ]
        self._symbolic = iter(data.symbolic)
        self.symbolic_families = False
        self._names = iter(range(1000))

    def real(self, name: str, table: list[Fraction]) -> Function[Machine, Real]:
        function = Function(name, Machine, Real)
        for m, value in zip(self.machines, table, strict=True):
            self.facts.append(function(m).eq(value).raw)
        return function

    def predicate(self, name: str, table: list[bool]) -> Function[Machine, Bool]:
        function = Function(name, Machine, Bool)
        for m, value in zip(self.machines, table, strict=True):
            self.facts.append(function(m).eq(Bool.value(value)).raw)
        return function

    def partial(self, name: str, values: list[Fraction], dom: list[bool]) -> Partial:
        return Partial(self.real(name, values), self.predicate(f"dom_{name}", dom))

    def sequence(self, indices: tuple[int, ...]) -> Candidates:
        if not next(self._symbolic, False):
            return Candidates.of(tuple(self.machines[i] for i in indices))
        name = f"seq{next(self._names)}"
        at = Function(name, Int, Machine)
        # the length is a literal, so that positions beyond it are decided while building
        length = Int.value(len(indices))
        for j, i in enumerate(indices):
            self.facts.append(at(Int.value(j)).eq(self.machines[i]).raw)
        return Candidates(length, at.__call__)

    def family(self, sequences: tuple[tuple[int, ...], ...], listed: bool = False) -> Family:
        if listed or not self.symbolic_families or not next(self._symbolic, False):
            return Family.of(tuple(self.sequence(c) for c in sequences))
        name = f"fam{next(self._names)}"
        lengths = Function(f"n_{name}", Int, Int)
        elements = Function2(name, Int, Int, Machine)
        count = Int.value(len(sequences))
        for k, c in enumerate(sequences):
            self.facts.append(lengths(Int.value(k)).eq(len(c)).raw)
            for j, i in enumerate(c):
                self.facts.append(elements(Int.value(k), Int.value(j)).eq(self.machines[i]).raw)
        return Family(count, lambda k: Candidates(lengths(k), lambda j: elements(k, j)))


def objective(name: str, table: list[Fraction]) -> Objective:
    return Objective(name, lambda t: table[int("1" + t, 2) - 2])


def partial_objective(name: str, table: list[Fraction], dom: list[bool]) -> PartialObjective:
    def index(t: TM) -> int:
        return int("1" + t, 2) - 2

    return PartialObjective(name, lambda t: dom[index(t)], lambda t: table[index(t)])


def comparisons(
    data: Data, symbolic_families: bool = False
) -> tuple[list[Any], list[tuple[str, Bool, bool]]]:
    """Return the pinned model's facts and (name, Z3 form, spec value) for each predicate,
    the forms' quantifiers instantiated on the model's elements."""
    z = Pinned(data)
    z.symbolic_families = symbolic_families
    universe: dict[type[Term], Sequence[Term]] = {
        Machine: z.machines,
        World: z.states,
        Int: [Int.value(v) for v in POSITIONS],
    }
    with finite_universe(universe):
        return _comparisons(data, z)


def _comparisons(data: Data, z: Pinned) -> tuple[list[Any], list[tuple[str, Bool, bool]]]:
    everything = tuple(machine(i) for i in range(data.size))
    chosen = tuple(machine(i) for i in range(data.size) if data.chosen_set[i])

    def seq(indices: tuple[int, ...]) -> tuple[TM, ...]:
        return tuple(machine(i) for i in indices)

    base = objective("U", data.base)
    mesa = partial_objective("U_m", data.mesa, data.dom)
    model = partial_objective("U_hat", data.model, data.model_dom)
    intended = objective("U_star", data.intended)
    feature = partial_objective("X", data.feature, data.feature_dom)
    sequence = seq(data.sequence)
    training = tuple(seq(c) for c in data.training)
    deployment = tuple(seq(c) for c in data.deployment)

    zu = z.real("U", data.base)
    zm = z.partial("U_m", data.mesa, data.dom)
    zhat = z.partial("U_hat", data.model, data.model_dom)
    zstar = z.real("U_star", data.intended)
    zx = z.partial("X", data.feature, data.feature_dom)
    zs = z.predicate("S", data.chosen_set)
    zo = z.predicate("O", data.observed)
    eps = Real.value(data.epsilon)
    zc = z.sequence(data.sequence)
    ztr, zdep = z.family(data.training), z.family(data.deployment)

    rows: list[tuple[str, Bool, bool]] = [
        ("inner_aligned_on", f.inner_aligned_on(zu, zm, zs), inner_aligned_on(base, mesa, chosen)),
        (
            "approximately_aligned_on",
            f.approximately_aligned_on(zu, zm, eps, zs),
            approximately_aligned_on(base, mesa, chosen, data.epsilon),
        ),
        ("order_aligned_on", f.order_aligned_on(zu, zm, zs), order_aligned_on(base, mesa, chosen)),
        (
            "internally_aligned",
            f.internally_aligned(zu, zm, zs),
            internally_aligned(base, mesa, chosen),
        ),
        (
            "acts_base_optimally",
            f.acts_base_optimally(zu, f.optimizer(zm), zc),
            acts_base_optimally(base, optimizer_behaviour(mesa), sequence),
        ),
        (
            "chooses_nothing",
            f.chooses_nothing(zm, zc),
            mesa_choice(mesa, sequence) is None,
        ),
        (
            "inner_aligned_on_choices",
            f.inner_aligned_on_choices(zu, zm, (ztr, zdep)),
            inner_aligned_on_choices(base, mesa, [training, deployment]),
        ),
        (
            "mesa_argmax_within_base_argmax",
            f.mesa_argmax_within_base_argmax(zu, zm, (ztr,)),
            mesa_argmax_within_base_argmax(base, mesa, [training]),
        ),
        (
            "outer_aligned_on",
            f.outer_aligned_on(zu, zstar, (zdep,)),
            outer_aligned_on(base, intended, [deployment]),
        ),
        (
            "is_behavioral_objective_of (robustly_aligned)",
            f.robustly_aligned(zstar, f.optimizer(zm), (ztr,)),
            is_behavioral_objective_of(intended, optimizer_behaviour(mesa), [training]),
        ),
        (
            "pseudo_aligned",
            f.pseudo_aligned(zu, f.optimizer(zm), ztr, zdep),
            pseudo_aligned(base, optimizer_behaviour(mesa), training, deployment),
        ),
        ("increases_with", f.increases_with(zx, zm, zs), increases_with(feature, mesa, chosen)),
        (
            "proxy_aligned",
            f.proxy_aligned(zu, zm, zx, ztr, zdep),
            proxy_aligned(base, mesa, feature, training, deployment),
        ),
        (
            "side_effect_aligned",
            f.side_effect_aligned(zu, zm, ztr, zdep),
            side_effect_aligned(base, mesa, training, deployment),
        ),
        (
            "instrumentally_aligned",
            f.instrumentally_aligned(zu, zm, ztr, zdep),
            instrumentally_aligned(base, mesa, training, deployment),
        ),
        (
            "approximately_pseudo_aligned",
            f.approximately_pseudo_aligned(zu, zm, eps, ztr, zdep),
            approximately_pseudo_aligned(base, mesa, data.epsilon, training, deployment),
        ),
        (
            "suboptimality_aligned",
            f.suboptimality_aligned(zu, zm, data.width, ztr),
            suboptimality_aligned(base, mesa, data.width, training),
        ),
        (
            "corrigibly_aligned",
            f.corrigibly_aligned(zu, zhat, (ztr,)),
            corrigibly_aligned(base, CorrigibleMesaOptimizer(model), [training]),
        ),
    ]
    choice = mesa_choice(mesa, sequence)
    limited = limited_choice(mesa, sequence, data.width)
    for i in range(len(sequence) + 1):
        rows.append((f"chooses {i}", f.chooses(zm, zc, Int.value(i)), choice == i))
        rows.append(
            (
                f"limited_chooses {i}",
                f.limited_chooses(zm, zc, data.width, Int.value(i)),
                limited == i,
            )
        )
    # the deceptive optimizer's belief is a function of the sequence seen: written-out
    # families, so that each sequence's term can carry its belief
    dtr = z.family(data.training, listed=True)
    ddep = z.family(data.deployment, listed=True)
    belief_of = {
        id(zseq): data.beliefs[c]
        for zfam, raw in ((dtr, data.training), (ddep, data.deployment))
        for zseq, c in zip(zfam.listed or (), raw, strict=True)
    }
    agent = DeceptiveMesaOptimizer(
        mesa, model, lambda c: data.beliefs[tuple(int("1" + t, 2) - 2 for t in c)]
    )
    rows.append(
        (
            "deceptively_aligned",
            f.deceptively_aligned(zu, zm, zhat, lambda c: Bool.value(belief_of[id(c)]), dtr, ddep),
            deceptively_aligned(base, agent, training, deployment),
        )
    )
    learned = observe(
        model, {machine(i): data.base[i] for i in range(data.size) if data.observed[i]}
    )
    zlearned = f.observe(zhat, zo, zu)
    for i, m in enumerate(z.machines):
        defined = learned.defined(machine(i))
        rows.append((f"observe defined {i}", zlearned.defined(m), defined))
        if defined:
            rows.append(
                (f"observe value {i}", zlearned.value(m).eq(learned.value(machine(i))), True)
            )
    # world states
    states = [State(f"s{k}") for k in range(data.states)]
    utility = WorldObjective[State]("u", lambda s: data.utility[states.index(s)])
    environment = Environment[State]("Env", lambda t: states[data.environment[int("1" + t, 2) - 2]])
    world_model = WorldModel[State]("M", lambda t: states[data.world_model[int("1" + t, 2) - 2]])
    v = PartialWorldObjective[State](
        "v",
        lambda s: data.mesa_utility_dom[states.index(s)],
        lambda s: data.mesa_utility[states.index(s)],
    )
    optimizer = WorldMesaOptimizer(world_model, v)
    zenv, zmodel = Function("Env", Machine, World), Function("M", Machine, World)
    zutil, zv = Function("u", World, Real), Function("v", World, Real)
    zdomv = Function("dom_v", World, Bool)
    for i, m in enumerate(z.machines):
        z.facts.append(zenv(m).eq(z.states[data.environment[i]]).raw)
        z.facts.append(zmodel(m).eq(z.states[data.world_model[i]]).raw)
    for k, s in enumerate(z.states):
        z.facts.append(zutil(s).eq(data.utility[k]).raw)
        z.facts.append(zv(s).eq(data.mesa_utility[k]).raw)
        z.facts.append(zdomv(s).eq(Bool.value(data.mesa_utility_dom[k])).raw)
    zopt = WorldMesa(zmodel, zv, zdomv)
    rows += [
        (
            "objective_agreement_on",
            f.objective_agreement_on(zutil, zopt, zs),
            objective_agreement_on(utility, optimizer, chosen),
        ),
        (
            "model_accurate_on",
            f.model_accurate_on(zenv, zopt, zs),
            model_accurate_on(environment, optimizer, chosen),
        ),
        (
            "inner alignment through world states",
            f.inner_aligned_on(f.base_objective_through(zutil, zenv), zopt.mesa_objective(), zs),
            inner_aligned_on(
                base_objective_through(utility, environment),
                mesa_objective_through(v, world_model),
                chosen,
            ),
        ),
    ]
    del everything
    return z.facts, rows


@dataclass(frozen=True)
class State(WorldState):
    """A world state of a drawn model, named ``s0``, ``s1``, ..."""

    name: str


POSITIONS = range(-1, 4)
"""Integer quantifiers are instantiated on these values: every length drawn is at most 3,
every family has at most 2 sequences."""


def disagreements(facts: list[Any], rows: list[tuple[str, Bool, bool]]) -> list[str]:
    """Return the names of the forms whose value in the pinned model is not the spec's."""
    solver = z3.Solver()
    solver.set("timeout", 20_000)
    solver.add(*facts)
    agree = conj(*(form.eq(Bool.value(expected)) for _name, form, expected in rows))
    solver.add(z3.Not(agree.raw))
    answer = solver.check()
    if answer == z3.unsat:
        return []
    wrong = []
    for name, form, expected in rows:
        single = z3.Solver()
        single.add(*facts)
        single.add(z3.Not(form.eq(Bool.value(expected)).raw))
        if single.check() != z3.unsat:
            wrong.append(f"{name} (spec says {expected})")
    return wrong or [f"the joint query answered {answer}"]


FULL_DRAWS, SAMPLE_DRAWS = 1000, 100
"""Models drawn by the full agreement test (slow) and by its sample in the default suite.

The sample is sized by mutation (docs/layout.md, "Test sizes"): each seeded wrong form
there is caught by it."""

WIDTH_DECIDES = Data(
    size=4,
    base=[Fraction(-2), Fraction(2), Fraction(-2), Fraction(-2)],
    mesa=[Fraction(-2), Fraction(-2), Fraction(3, 2), Fraction(-2)],
    dom=[True, True, True, False],
    model=[Fraction(-2)] * 4,
    model_dom=[True, False, False, False],
    intended=[Fraction(-2)] * 4,
    feature=[Fraction(1), Fraction(-1, 2), Fraction(1, 2), Fraction(0)],
    feature_dom=[False, False, True, True],
    chosen_set=[False, False, False, True],
    observed=[True, False, True, True],
    epsilon=Fraction(1, 2),
    sequence=(0, 0),
    training=((1, 2, 2), (0, 0, 0)),
    deployment=((0, 0, 0), (0, 1)),
    width=1,
    beliefs={(0, 0): False, (0, 0, 0): True, (0, 1): False, (1, 2, 2): True},
    states=3,
    environment=[1, 0, 1, 2],
    world_model=[1, 2, 2, 2],
    utility=[Fraction(-1, 2), Fraction(0), Fraction(3, 2)],
    mesa_utility=[Fraction(3, 2), Fraction(-1), Fraction(1)],
    mesa_utility_dom=[False, False, True],
    symbolic=[True, False, False, False, True, False, True, True],
)
"""A model where suboptimality alignment turns on the search's width (the limited search
over the first candidate picks a U-best one, over two it would not). A search one
candidate wider is caught by the full-size run about once in several hundred draws and
seldom by the sample, so the sample always checks this model (docs/layout.md)."""

FULL_FAMILY_DRAWS, SAMPLE_FAMILY_DRAWS = 100, 20
"""The same for the symbolic families, which cost several times more per draw."""

SETTINGS = settings(
    deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


def forms_agree(data: Data, symbolic_families: bool = False) -> None:
    facts, rows = comparisons(data, symbolic_families=symbolic_families)
    assert disagreements(facts, rows) == []


@pytest.mark.slow
@settings(SETTINGS, max_examples=FULL_DRAWS)
@given(models())
def test_every_z3_form_agrees_with_its_spec_predicate(data: Data) -> None:
    forms_agree(data)


@settings(SETTINGS, max_examples=SAMPLE_DRAWS)
@given(models())
@example(WIDTH_DECIDES)
def test_every_z3_form_agrees_with_its_spec_predicate_on_a_sample(data: Data) -> None:
    forms_agree(data)


@pytest.mark.slow
@settings(SETTINGS, max_examples=FULL_FAMILY_DRAWS)
@given(models())
def test_the_forms_agree_on_symbolic_families_too(data: Data) -> None:
    # families given as a count and functions of positions, as the theorems quantify
    # over them (the draws above write families out; these read them symbolically,
    # which costs several times more per draw)
    forms_agree(data, symbolic_families=True)


@settings(SETTINGS, max_examples=SAMPLE_FAMILY_DRAWS)
@given(models())
def test_the_forms_agree_on_symbolic_families_on_a_sample(data: Data) -> None:
    forms_agree(data, symbolic_families=True)


def test_a_wrong_form_is_caught() -> None:
    # a choice rule that breaks ties towards the higher index disagrees with spec
    data = Data(
        2,
        [Fraction(0), Fraction(1)],
        [Fraction(1), Fraction(1)],
        [True, True],
        [Fraction(0)] * 2,
        [True] * 2,
        [Fraction(0)] * 2,
        [Fraction(0)] * 2,
        [True] * 2,
        [True] * 2,
        [False] * 2,
        Fraction(0),
        (0, 1),
        (),
        (),
        0,
        {},
        1,
        [0, 0],
        [0, 0],
        [Fraction(0)],
        [Fraction(0)],
        [True],
        [False] * 8,
    )
    facts, rows = comparisons(data)
    assert disagreements(facts, rows) == []
    z = Pinned(data)
    zm = z.partial("U_m", data.mesa, data.dom)
    zc = z.sequence(data.sequence)

    def chooses_last(index: int) -> Bool:
        chosen = zc.listed[index] if zc.listed else zc.at(Int.value(index))
        return zc.every(lambda _j, c: zm.value(c) <= zm.value(chosen))

    wrong: Callable[[int], Bool] = chooses_last
    rows = [
        (
            "ties to the last",
            wrong(1),
            mesa_choice(partial_objective("U_m", data.mesa, data.dom), (machine(0), machine(1)))
            == 1,
        )
    ]
    assert disagreements(z.facts, rows) == ["ties to the last (spec says False)"]
