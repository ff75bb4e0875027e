"""mesaform's own formalization of objectives on world states, seen through world models.

The post promises "two formalizations where it's clearer what we mean when we
discuss equality between these two functions"; its copy keeps only the first, in
which "U_m is not a utility function that takes in states of the world", so the
post's second formalization is lost. This module is mesaform's own formalization,
not the post's (docs/semantics.md#world-states); it makes that type point explicit:
world states ``W``; an environment ``Env : TM -> W``, what running a machine does to
the world; a base utility ``u : W -> Q`` with ``U = u ∘ Env``; and a mesa-optimizer
that scores a machine by its own world model ``M_m : TM -> W`` and its own objective
``v : W -/-> Q``, so ``U_m = v ∘ M_m``. ``u`` and ``v`` have a different type from ``U``
and ``U_m``: mypy only lets them meet through :func:`base_objective_through` and
:func:`mesa_objective_through`, and only when the state types agree.

Main definitions:

- :class:`Environment`, :class:`WorldModel` -- ``TM -> W`` (a model may map a machine
  to a state that stands for "no state", such as a run that does not halt);
- :class:`PartialWorldObjective` -- ``v : W -/-> Q``;
- :class:`WorldMesaOptimizer` -- a pair ``(M_m, v)``;
- :func:`base_objective_through` -- ``U = u ∘ Env``; :func:`mesa_objective_through` --
  ``U_m = v ∘ M_m``, with ``dom(U_m) = {t : M_m(t) in dom(v)}``;
- :func:`objective_agreement_on` -- ``v = u`` on ``M_m(dom(U_m))``;
- :func:`model_accurate_on` -- ``M_m = Env`` on ``dom(U_m)``.

Main results (``proofs/theorems/world.py``): agreement and accuracy together imply
the post's inner alignment; neither alone does; neither is necessary.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Generic, final

from mesaform.spec.machines import TM
from mesaform.spec.objectives import (
    UNDEFINED,
    Defined,
    Lookup,
    Objective,
    PartialObjective,
    W,
    WorldObjective,
    exact,
)


@final
@dataclass(frozen=True, eq=False)
class Environment(Generic[W]):
    """Represent ``Env : TM -> W``: the state of the world after running a machine."""

    name: str
    function: Callable[[TM], W]

    def __call__(self, t: TM) -> W:
        """Return ``Env(t)``."""
        return self.function(t)


@final
@dataclass(frozen=True, eq=False)
class WorldModel(Generic[W]):
    """Represent ``M_m : TM -> W``: what the mesa-optimizer believes running ``t`` does."""

    name: str
    function: Callable[[TM], W]

    def __call__(self, t: TM) -> W:
        """Return ``M_m(t)``."""
        return self.function(t)


@final
@dataclass(frozen=True, eq=False)
class PartialWorldObjective(Generic[W]):
    """Represent ``v : W -/-> Q``, the mesa-optimizer's objective on world states.

    ``defined(w)`` decides ``w in dom(v)``; ``function(w)`` is read only inside it.
    """

    name: str
    defined: Callable[[W], bool]
    function: Callable[[W], int | Fraction]

    def value(self, state: W) -> Fraction:
        """Return ``v(state)`` inside the domain; raise ``ValueError`` outside it."""
        if not self.defined(state):
            raise ValueError(f"{self.name} is undefined at the state {state!r}")
        return exact(self.function(state))

    def __call__(self, state: W) -> Lookup:
        """Return ``Defined(v(state))`` inside ``dom(v)``, ``UNDEFINED`` outside."""
        return Defined(exact(self.function(state))) if self.defined(state) else UNDEFINED

    @staticmethod
    def total(objective: WorldObjective[W]) -> PartialWorldObjective[W]:
        """View a total ``u : W -> Q`` as a partial objective defined on every state."""
        return PartialWorldObjective(objective.name, lambda _w: True, objective.function)


@final
@dataclass(frozen=True, eq=False)
class WorldMesaOptimizer(Generic[W]):
    """A mesa-optimizer of the second formalization: a world model and an objective on it."""

    model: WorldModel[W]
    objective: PartialWorldObjective[W]

    @property
    def mesa_objective(self) -> PartialObjective:
        """Return ``U_m = v ∘ M_m``."""
        return mesa_objective_through(self.objective, self.model)


def base_objective_through(utility: WorldObjective[W], environment: Environment[W]) -> Objective:
    """Return ``U = u ∘ Env``: a machine scores what the world it leaves behind is worth.

    Coq twin: ``World.base_objective_through`` (proofs/coq, docs/coq.md).
    """

    def score(t: TM) -> Fraction:
        return utility(environment(t))

    return Objective(f"{utility.name} ∘ {environment.name}", score)


def mesa_objective_through(
    objective: PartialWorldObjective[W], model: WorldModel[W]
) -> PartialObjective:
    """Return ``U_m = v ∘ M_m`` with ``dom(U_m) = {t : M_m(t) in dom(v)}``.

    Coq twin: ``World.mesa_objective_through`` (proofs/coq, docs/coq.md).
    """

    def defined(t: TM) -> bool:
        return objective.defined(model(t))

    def value(t: TM) -> Fraction:
        return objective.value(model(t))

    return PartialObjective(f"{objective.name} ∘ {model.name}", defined, value)


def objective_disagreements_on(
    utility: WorldObjective[W],
    optimizer: WorldMesaOptimizer[W],
    machines: Iterable[TM],
) -> Iterator[TM]:
    """Yield each ``t`` in ``dom(U_m)`` with ``v(M_m(t)) != u(M_m(t))``."""
    for t in machines:
        state = optimizer.model(t)
        if optimizer.objective.defined(state) and optimizer.objective.value(state) != utility(
            state
        ):
            yield t


def objective_agreement_on(
    utility: WorldObjective[W], optimizer: WorldMesaOptimizer[W], machines: Iterable[TM]
) -> bool:
    """Return whether ``v = u`` on ``M_m(dom(U_m))``, over ``machines``: objective agreement.

    Coq twin: ``World.objective_agreement`` (proofs/coq, docs/coq.md).
    """
    return next(objective_disagreements_on(utility, optimizer, machines), None) is None


def model_errors_on(
    environment: Environment[W], optimizer: WorldMesaOptimizer[W], machines: Iterable[TM]
) -> Iterator[TM]:
    """Yield each ``t`` in ``dom(U_m)`` with ``M_m(t) != Env(t)``."""
    for t in machines:
        state = optimizer.model(t)
        if optimizer.objective.defined(state) and state != environment(t):
            yield t


def model_accurate_on(
    environment: Environment[W], optimizer: WorldMesaOptimizer[W], machines: Iterable[TM]
) -> bool:
    """Return whether ``M_m = Env`` on ``dom(U_m)``, over ``machines``: model accuracy.

    Coq twin: ``World.model_accurate`` (proofs/coq, docs/coq.md).
    """
    return next(model_errors_on(environment, optimizer, machines), None) is None
