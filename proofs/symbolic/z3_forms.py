"""The Z3 form of each predicate of spec/: one encoding per predicate, used by every theorem.

Each function here is the first-order reading of one Python predicate users call, named
like it: :func:`inner_aligned_on` is :func:`mesaform.spec.alignment.inner_aligned_on`,
:func:`chooses` is the choice rule ``ch_m(C)`` of :func:`mesaform.spec.taxonomy.mesa_choice`
(docs/semantics.md#choice-rule), and so on. ``tests/test_z3_forms.py`` draws random
finite models (objective values, domains, candidate sequences as plain Python data),
evaluates each form on them with Z3 and compares it with the Python predicate: a
valid theorem built from these forms is a statement about the predicates of spec/.

Objects and their Z3 forms:

- an objective ``U : TM -> Q`` is a function from
:class:`~mesaform.proofs.symbolic.z3_typed.Machine` to
  :class:`~mesaform.proofs.symbolic.z3_typed.Real`; a partial one ``U_m`` is a :class:`Partial` (a
  value
  function and a domain predicate);
- a finite set of machines (``machines`` in spec/) is a predicate ``MachineSet``;
- a candidate sequence ``C`` (spec's ``CandidateSet``, a tuple: its order breaks ties)
  is a :class:`Candidates`: either listed (a tuple of machine terms) or symbolic, a
  length ``n`` and a function from positions ``0 <= j < n`` to machines -- a theorem
  over a symbolic sequence holds for every finite sequence, of every length;
- a family of candidate sequences (``Family``) is a :class:`Family`, listed or symbolic;
- a behaviour is a relation ``picks(C, i)``: "on ``C`` it acts like candidate ``i``".

Main definitions: :class:`Partial`, :class:`Candidates`, :class:`Family`; the forms
:func:`inner_aligned_on`, :func:`approximately_aligned_on`, :func:`order_aligned_on`,
:func:`chooses`, :func:`chooses_nothing`, :func:`is_best`, :func:`acts_base_optimally`,
:func:`mesa_argmax_within_base_argmax`, :func:`inner_aligned_on_choices`,
:func:`outer_aligned_on`, :func:`robustly_aligned`, :func:`pseudo_aligned`,
:func:`increases_with`, :func:`proxy_aligned`, :func:`side_effect_aligned`,
:func:`instrumentally_aligned`, :func:`approximately_pseudo_aligned`,
:func:`limited_chooses`, :func:`suboptimality_aligned`, :func:`deceptive_picks`,
:func:`deceptively_aligned`, :func:`observe`, :func:`corrigibly_aligned`,
:func:`internally_aligned`, :func:`objective_agreement_on`, :func:`model_accurate_on`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mesaform.proofs.symbolic.z3_typed import (
    Bool,
    Function,
    Function2,
    Int,
    Machine,
    Real,
    World,
    conj,
    disj,
    exists,
    forall,
    iff,
    implies,
    is_false,
    ite,
    neg,
)

Objective = Callable[[Machine], Real]
"""``U : TM -> Q`` as a Z3 function of a machine."""

MachineSet = Callable[[Machine], Bool]
"""A set of machines, by its membership predicate."""

Behaviour = Callable[["Candidates", Int], Bool]
"""``picks(C, i)``: the behaviour acts like candidate ``i`` of ``C``."""


def everything(_t: Machine) -> Bool:
    """The set of every machine."""
    return Bool.value(True)


@dataclass(frozen=True)
class Partial:
    """A partial objective ``U_m : TM -/-> Q``: its value where ``defined``."""

    value: Objective
    defined: MachineSet

    @staticmethod
    def named(name: str) -> Partial:
        """Return the uninterpreted partial objective ``name`` with domain ``dom_name``."""
        return Partial(
            Function(name, Machine, Real), Function(f"dom_{name}", Machine, Bool).__call__
        )

    @staticmethod
    def total(objective: Objective) -> Partial:
        """View a total objective as a partial one defined on every machine."""
        return Partial(objective, everything)


def real_function(name: str) -> Function[Machine, Real]:
    """Return the uninterpreted objective ``name : TM -> Real``."""
    return Function(name, Machine, Real)


def machine_set(name: str) -> Function[Machine, Bool]:
    """Return an uninterpreted set of machines."""
    return Function(name, Machine, Bool)


# --- alignment between U and U_m on a set of machines (mesaform.spec.alignment) ----------------


def inner_aligned_on(base: Objective, mesa: Partial, on: MachineSet = everything) -> Bool:
    """``forall t in S: t in dom(U_m) -> U(t) = U_m(t)`` (docs/semantics.md#alignment)."""
    return forall(
        Machine, "t", lambda t: implies(conj(on(t), mesa.defined(t)), base(t).eq(mesa.value(t)))
    )


def approximately_aligned_on(
    base: Objective, mesa: Partial, epsilon: Real, on: MachineSet = everything
) -> Bool:
    """``forall t in S cap dom(U_m): |U(t) - U_m(t)| <= epsilon``."""

    def close(t: Machine) -> Bool:
        return conj(base(t) - mesa.value(t) <= epsilon, mesa.value(t) - base(t) <= epsilon)

    return forall(Machine, "t", lambda t: implies(conj(on(t), mesa.defined(t)), close(t)))


def order_aligned_on(base: Objective, mesa: Partial, on: MachineSet = everything) -> Bool:
    """``forall s, t in S cap dom(U_m): U_m(s) <= U_m(t) <-> U(s) <= U(t)``."""

    def from_s(s: Machine) -> Bool:
        inside_s = conj(on(s), mesa.defined(s))

        def pair(t: Machine) -> Bool:
            inside = conj(inside_s, on(t), mesa.defined(t))
            return implies(inside, iff(mesa.value(s) <= mesa.value(t), base(s) <= base(t)))

        return forall(Machine, "t", pair)

    return forall(Machine, "s", from_s)


def internally_aligned(base: Objective, mesa: Partial, on: MachineSet = everything) -> Bool:
    """``forall t in S: t in dom(U_m) and U_m(t) = U(t)`` (paper §4.4)."""
    return forall(
        Machine, "t", lambda t: implies(on(t), conj(mesa.defined(t), mesa.value(t).eq(base(t))))
    )


# --- candidate sequences and the choice rule (docs/semantics.md#choice-rule) ----------


@dataclass(frozen=True)
class Candidates:
    """A finite candidate sequence ``C = (c_0, ..., c_{n-1})``.

    ``listed`` holds its machines when it is written out; otherwise ``length`` and
    ``at`` describe it symbolically and :meth:`every` quantifies over its positions.
    """

    length: Int
    at: Callable[[Int], Machine]
    listed: tuple[Machine, ...] | None = None

    @staticmethod
    def of(machines: tuple[Machine, ...]) -> Candidates:
        """Return the sequence of the given machine terms."""

        def at(index: Int) -> Machine:
            raise AssertionError("a listed sequence is read through every/some")

        return Candidates(Int.value(len(machines)), at, machines)

    @staticmethod
    def constants(name: str, size: int) -> Candidates:
        """Return the listed sequence of fresh constants ``name_0 .. name_{size-1}``."""
        return Candidates.of(tuple(Machine.const(f"{name}_{i}") for i in range(size)))

    @staticmethod
    def symbolic(name: str) -> Candidates:
        """Return an arbitrary finite sequence: length ``n_name`` and ``name : Int -> TM``."""
        return Candidates(Int.const(f"n_{name}"), Function(name, Int, Machine).__call__)

    def element(self, index: Int) -> Machine:
        """Return ``c_index`` (for a listed sequence, ``index`` must be a constant)."""
        if self.listed is None:
            return self.at(index)
        return self.listed[index.literal()]

    def positions(self) -> list[tuple[Int, Machine]]:
        """Return the positions and machines of a listed sequence."""
        assert self.listed is not None
        return [(Int.value(i), c) for i, c in enumerate(self.listed)]

    def holds_at(self, index: Int) -> Bool:
        """Return ``0 <= index < n``."""
        return conj(Int.value(0) <= index, index < self.length)

    def every(self, body: Callable[[Int, Machine], Bool]) -> Bool:
        """Return ``forall 0 <= j < n: body(j, c_j)``."""
        if self.listed is not None:
            return conj(*(body(j, c) for j, c in self.positions()))
        return forall(Int, "j", lambda j: self._guarded(j, body, implies))

    def some(self, body: Callable[[Int, Machine], Bool]) -> Bool:
        """Return ``exists 0 <= i < n: body(i, c_i)``."""
        if self.listed is not None:
            return disj(*(body(i, c) for i, c in self.positions()))
        return exists(Int, "i", lambda i: self._guarded(i, body, conj))

    def _guarded(
        self,
        index: Int,
        body: Callable[[Int, Machine], Bool],
        join: Callable[[Bool, Bool], Bool],
    ) -> Bool:
        """Return ``join(0 <= index < n, body)``; the body is not built outside the range
        when that is decided already (positions and length both literals)."""
        inside = self.holds_at(index)
        if is_false(inside):
            return join(inside, Bool.value(True))
        return join(inside, body(index, self.at(index)))

    def contains(self, t: Machine) -> Bool:
        """Return ``t in C``."""
        return self.some(lambda _i, c: c.eq(t))

    def prefix(self, width: int) -> Candidates:
        """Return the first ``width`` candidates (all of them when there are fewer)."""
        if self.listed is not None:
            return Candidates.of(self.listed[:width])
        shorter = ite(self.length <= width, self.length, Int.value(width))
        return Candidates(shorter, self.at)


def _better_placed(values: Partial, candidates: Candidates, index: Int) -> Bool:
    """Every scored candidate before ``index`` scores less, every one after at most as much."""
    chosen = values.value(candidates.element(index))

    def beaten(j: Int, c: Machine) -> Bool:
        if candidates.listed is not None:
            before, after = j.literal() < index.literal(), j.literal() > index.literal()
            if before:
                return implies(values.defined(c), values.value(c) < chosen)
            if after:
                return implies(values.defined(c), values.value(c) <= chosen)
            return Bool.value(True)
        return implies(
            values.defined(c),
            conj(
                implies(j < index, values.value(c) < chosen),
                implies(index < j, values.value(c) <= chosen),
            ),
        )

    return candidates.every(beaten)


def chooses(mesa: Partial, candidates: Candidates, index: Int) -> Bool:
    """Return ``ch_m(C) = index``: the highest ``U_m`` on ``C cap dom(U_m)``, lowest index first.

    ``c_index`` is scored, every scored candidate before it scores strictly less and
    every scored candidate after it at most as much (:func:`mesaform.spec.taxonomy.mesa_choice`).
    Coq twin: ``Chooses.chooses`` (proofs/coq, docs/coq.md).
    """
    if candidates.listed is not None and not 0 <= index.literal() < len(candidates.listed):
        return Bool.value(False)
    return conj(
        candidates.holds_at(index),
        mesa.defined(candidates.element(index)),
        _better_placed(mesa, candidates, index),
    )


def chooses_nothing(mesa: Partial, candidates: Candidates) -> Bool:
    """Return ``ch_m(C) = None``: no candidate is in ``dom(U_m)``.

    Coq twin: ``Chooses.chooses_nothing`` (proofs/coq, docs/coq.md).
    """
    return candidates.every(lambda _j, c: neg(mesa.defined(c)))


def optimizer(mesa: Partial) -> Behaviour:
    """Return the behaviour of an optimizer of ``mesa``: ``picks(C, i) = (ch_m(C) = i)``."""
    return lambda candidates, index: chooses(mesa, candidates, index)


def is_best(objective: Objective, candidates: Candidates, chosen: Machine) -> Bool:
    """Return ``chosen in argmax_C objective``: no candidate scores more."""
    return candidates.every(lambda _j, c: objective(c) <= objective(chosen))


def acts_base_optimally(base: Objective, behaviour: Behaviour, candidates: Candidates) -> Bool:
    """Return ``ch(C) in Best_U(C)``: the behaviour picks a candidate and it is ``U``-best."""
    return candidates.some(
        lambda i, c: conj(behaviour(candidates, i), is_best(base, candidates, c))
    )


def mesa_top(mesa: Partial, candidates: Candidates, chosen: Machine) -> Bool:
    """Return ``chosen in argmax_{C cap dom(U_m)} U_m``."""
    return conj(
        mesa.defined(chosen),
        candidates.every(
            lambda _j, c: implies(mesa.defined(c), mesa.value(c) <= mesa.value(chosen))
        ),
    )


# --- families of candidate sequences ---------------------------------------------------


@dataclass(frozen=True)
class Family:
    """A finite family of candidate sequences: listed, or ``K`` sequences given symbolically."""

    count: Int
    member: Callable[[Int], Candidates]
    listed: tuple[Candidates, ...] | None = None

    @staticmethod
    def of(sequences: tuple[Candidates, ...]) -> Family:
        """Return the family of the given sequences."""

        def member(index: Int) -> Candidates:
            return sequences[index.literal()]

        return Family(Int.value(len(sequences)), member, sequences)

    @staticmethod
    def symbolic(name: str) -> Family:
        """Return an arbitrary finite family of finite sequences: ``K_name`` sequences,
        the ``k``-th of length ``n_name(k)`` with elements ``name(k, j)``."""
        lengths = Function(f"n_{name}", Int, Int)
        elements = Function2(name, Int, Int, Machine)

        def member(k: Int) -> Candidates:
            return Candidates(lengths(k), lambda j: elements(k, j))

        return Family(Int.const(f"K_{name}"), member)

    def every_set(self, body: Callable[[Candidates], Bool]) -> Bool:
        """Return ``forall C in family: body(C)``."""
        if self.listed is not None:
            return conj(*(body(c) for c in self.listed))

        def guarded(k: Int) -> Bool:
            inside = conj(Int.value(0) <= k, k < self.count)
            return Bool.value(True) if is_false(inside) else implies(inside, body(self.member(k)))

        return forall(Int, "k", guarded)

    def some_set(self, body: Callable[[Candidates], Bool]) -> Bool:
        """Return ``exists C in family: body(C)``."""
        return neg(self.every_set(lambda c: neg(body(c))))

    def contains(self, t: Machine) -> Bool:
        """Return whether ``t`` is a candidate of some sequence of the family."""
        return self.some_set(lambda c: c.contains(t))


def mesa_argmax_within_base_argmax(
    base: Objective, mesa: Partial, families: tuple[Family, ...]
) -> Bool:
    """Return argmax inclusion: ``argmax_{C cap dom} U_m subset argmax_C U`` for every ``C``."""

    def included(candidates: Candidates) -> Bool:
        return candidates.every(
            lambda _i, c: implies(mesa_top(mesa, candidates, c), is_best(base, candidates, c))
        )

    return conj(*(family.every_set(included) for family in families))


def robustly_aligned(base: Objective, behaviour: Behaviour, families: tuple[Family, ...]) -> Bool:
    """Return ``ch(C) in Best_U(C)`` for every ``C`` of every family (paper §1.3)."""
    return conj(
        *(
            family.every_set(lambda c: acts_base_optimally(base, behaviour, c))
            for family in families
        )
    )


def inner_aligned_on_choices(base: Objective, mesa: Partial, families: tuple[Family, ...]) -> Bool:
    """Return the choice reading of inner alignment: ``ch_m(C) in Best_U(C)`` for every ``C``."""
    return robustly_aligned(base, optimizer(mesa), families)


def outer_aligned_on(base: Objective, intended: Objective, families: tuple[Family, ...]) -> Bool:
    """Return ``Best_U(C) subset Best_{U*}(C)`` for every ``C`` (paper §1.2)."""

    def included(candidates: Candidates) -> Bool:
        return candidates.every(
            lambda _i, c: implies(is_best(base, candidates, c), is_best(intended, candidates, c))
        )

    return conj(*(family.every_set(included) for family in families))


def pseudo_aligned(
    base: Objective, behaviour: Behaviour, training: Family, deployment: Family
) -> Bool:
    """Return ``U``-best choices on all of ``D_tr`` but not on all of ``D_dep`` (paper §1.3)."""
    return conj(
        robustly_aligned(base, behaviour, (training,)),
        neg(robustly_aligned(base, behaviour, (deployment,))),
    )


def increases_with(feature: Partial, objective: Partial, on: MachineSet) -> Bool:
    """Return ``X(s) <= X(t) -> O(s) <= O(t)`` for ``s, t`` in ``S`` where both are defined."""

    def from_s(s: Machine) -> Bool:
        inside_s = conj(on(s), feature.defined(s), objective.defined(s))

        def pair(t: Machine) -> Bool:
            inside = conj(inside_s, on(t), feature.defined(t), objective.defined(t))
            return implies(
                conj(inside, feature.value(s) <= feature.value(t)),
                objective.value(s) <= objective.value(t),
            )

        return forall(Machine, "t", pair)

    return forall(Machine, "s", from_s)


def _either(training: Family, deployment: Family) -> MachineSet:
    return lambda t: disj(training.contains(t), deployment.contains(t))


def proxy_aligned(
    base: Objective, mesa: Partial, feature: Partial, training: Family, deployment: Family
) -> Bool:
    """Return proxy alignment through ``X``: both objectives increase with ``X`` on the
    training candidates, and the optimizer of ``U_m`` is pseudo-aligned (paper §3.1)."""
    return conj(
        increases_with(feature, Partial.total(base), training.contains),
        increases_with(feature, mesa, training.contains),
        pseudo_aligned(base, optimizer(mesa), training, deployment),
    )


def side_effect_aligned(
    base: Objective, mesa: Partial, training: Family, deployment: Family
) -> Bool:
    """Return proxy alignment with ``X = U_m`` (paper §3.1)."""
    return proxy_aligned(base, mesa, mesa, training, deployment)


def instrumentally_aligned(
    base: Objective, mesa: Partial, training: Family, deployment: Family
) -> Bool:
    """Return proxy alignment with ``X = U`` (paper §3.1)."""
    return proxy_aligned(base, mesa, Partial.total(base), training, deployment)


def approximately_pseudo_aligned(
    base: Objective, mesa: Partial, epsilon: Real, training: Family, deployment: Family
) -> Bool:
    """Return ``|U - U_m| <= epsilon`` on the candidates' domain and pseudo-alignment."""
    return conj(
        approximately_aligned_on(base, mesa, epsilon, _either(training, deployment)),
        pseudo_aligned(base, optimizer(mesa), training, deployment),
    )


# --- the agent-shaped concepts (mesaform.spec.taxonomy_agents) ----------------------------------


def limited_chooses(mesa: Partial, candidates: Candidates, width: int, index: Int) -> Bool:
    """Return that ``ch_m`` over the first ``width`` candidates is ``index``."""
    return chooses(mesa, candidates.prefix(width), index)


def suboptimality_aligned(base: Objective, mesa: Partial, width: int, training: Family) -> Bool:
    """Return suboptimality alignment on ``D_tr`` (paper §3.1): ``U_m != U`` on some training
    candidate in ``dom``; the search over the first ``width`` candidates picks a ``U``-best
    candidate of every ``C``; the full search does not, on some ``C``."""

    def limited_ok(candidates: Candidates) -> Bool:
        shorter = candidates.prefix(width)
        return shorter.some(
            lambda i, c: conj(chooses(mesa, shorter, i), is_best(base, candidates, c))
        )

    return conj(
        neg(inner_aligned_on(base, mesa, training.contains)),
        training.every_set(limited_ok),
        training.some_set(lambda c: neg(acts_base_optimally(base, optimizer(mesa), c))),
    )


def deceptive_picks(
    mesa: Partial, base_model: Partial, believes_training: Callable[[Candidates], Bool]
) -> Behaviour:
    """Return the deceptive optimizer's behaviour: ``ch_{U^}(C)`` when it believes it is in
    training, ``ch_{U_m}(C)`` otherwise."""
    return lambda candidates, index: ite(
        believes_training(candidates),
        chooses(base_model, candidates, index),
        chooses(mesa, candidates, index),
    )


def deceptively_aligned(
    base: Objective,
    mesa: Partial,
    base_model: Partial,
    believes_training: Callable[[Candidates], Bool],
    training: Family,
    deployment: Family,
) -> Bool:
    """Return deceptive alignment on ``D_tr`` and ``D_dep`` (paper §4)."""
    behaviour = deceptive_picks(mesa, base_model, believes_training)
    return conj(
        training.every_set(believes_training),
        robustly_aligned(base, behaviour, (training,)),
        deployment.some_set(
            lambda c: conj(
                neg(believes_training(c)), neg(acts_base_optimally(base, optimizer(mesa), c))
            )
        ),
        pseudo_aligned(base, behaviour, training, deployment),
    )


def observe(model: Partial, observed: MachineSet, base: Objective) -> Partial:
    """Return the epistemic model after observing ``U`` on ``observed`` (it believes what it
    sees): there it is defined and equal to ``U``; elsewhere unchanged."""
    return Partial(
        lambda t: ite(observed(t), base(t), model.value(t)),
        lambda t: disj(observed(t), model.defined(t)),
    )


def corrigibly_aligned(base: Objective, base_model: Partial, families: tuple[Family, ...]) -> Bool:
    """Return that the corrigible optimizer, whose ``U_m`` is its model ``U^``, is robust."""
    return robustly_aligned(base, optimizer(base_model), families)


# --- world states (mesaform's own second formalization, mesaform.spec.world) --------------------


@dataclass(frozen=True)
class WorldMesa:
    """A world mesa-optimizer: a model ``M : TM -> W`` and ``v : W -/-> Q``."""

    model: Callable[[Machine], World]
    value: Callable[[World], Real]
    defined: Callable[[World], Bool]

    def mesa_objective(self) -> Partial:
        """Return ``U_m = v ∘ M`` with ``dom(U_m) = {t : M(t) in dom(v)}``."""
        return Partial(lambda t: self.value(self.model(t)), lambda t: self.defined(self.model(t)))


def base_objective_through(
    utility: Callable[[World], Real], environment: Callable[[Machine], World]
) -> Objective:
    """Return ``U = u ∘ Env``."""
    return lambda t: utility(environment(t))


def objective_agreement_on(
    utility: Callable[[World], Real], optimizer_: WorldMesa, on: MachineSet = everything
) -> Bool:
    """Return ``v = u`` on ``M(dom(U_m))`` over ``S``."""

    def agrees(t: Machine) -> Bool:
        state = optimizer_.model(t)
        return implies(
            conj(on(t), optimizer_.defined(state)), optimizer_.value(state).eq(utility(state))
        )

    return forall(Machine, "t", agrees)


def model_accurate_on(
    environment: Callable[[Machine], World], optimizer_: WorldMesa, on: MachineSet = everything
) -> Bool:
    """Return ``M = Env`` on ``dom(U_m)`` over ``S``."""

    def accurate(t: Machine) -> Bool:
        state = optimizer_.model(t)
        return implies(conj(on(t), optimizer_.defined(state)), state.eq(environment(t)))

    return forall(Machine, "t", accurate)
