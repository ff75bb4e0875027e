"""A concrete instance of the world-state formalization over the reference interpreter.

Instantiates :mod:`mesaform.spec.world`, mesaform's own world-state formalization
(docs/semantics.md#world-states): a world state is what a machine
leaves behind, its halted tape, or :data:`NO_HALT`; the environment runs the
machine from the blank tape with fuel :data:`WORLD_FUEL`; the base utility is the
number of ones, so ``U = u ∘ Env`` is ``productivity_F``. Mesa-optimizers differ in
their world model (the same run, a shorter run, a snapshot of an unfinished run, a
mirror image of the tape) and in their objective ``v`` on states.

Main definitions:

- :class:`HaltedTape`, :class:`NoHalt`, :data:`NO_HALT`, :data:`TapeWorld` -- world states,
  ``W = Tape + {no halt}``;
- :func:`halting_world` -- ``Env_F`` and the world models that run ``t`` (with a
  possibly smaller fuel); :func:`snapshot_world` -- a model that takes an unfinished
  run's tape for the outcome; :func:`mirrored_world` -- a model that sees every
  tape reflected;
- :func:`ones_utility` -- ``u`` = number of ones (0 for no halt); :func:`ones_on_tapes`,
  :func:`doubled_ones_on_tapes`, :func:`ones_plus_half_on_tapes` -- objectives ``v``;
- claim sides, usable as ``mesaform.model.world:NAME`` in ``mesaform check``:
  :func:`base_utility_of_machine` (``TM -> int``) and the ``*_mesa_utility_of_machine``
  functions (``TM -> int | Fraction | None``, ``None`` off ``dom(U_m)``).

Main results (``tests/test_world.py``, ``examples/world_claims.toml``): the
accurate model with ``v = u`` is inner aligned; a snapshot model or a doubled ``v``
is not; a mirrored model is inaccurate and still aligned.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import final

from mesaform.spec.interpreter import run, run_table
from mesaform.spec.machines import TM
from mesaform.spec.objectives import WorldObjective, WorldState
from mesaform.spec.programs import Table, decode
from mesaform.spec.results import BLANK_TAPE, Configuration, Halted, Tape
from mesaform.spec.world import (
    Environment,
    PartialWorldObjective,
    WorldMesaOptimizer,
    WorldModel,
    base_objective_through,
)

WORLD_FUEL = 20
"""The environment's fuel ``F``: ``U = u ∘ Env_F = productivity_F`` (claims use ``fuel = 20``)."""

SHORT_HORIZON_FUEL = 1
"""The fuel of a world model that looks less far ahead than the environment."""

SNAPSHOT_FUEL = 1
"""The steps after which the snapshot model stops and reads the tape."""


@final
@dataclass(frozen=True)
class HaltedTape(WorldState):
    """The world state a halted machine leaves behind: the cells holding 1."""

    cells: Tape


@final
@dataclass(frozen=True)
class NoHalt(WorldState):
    """The world state of a machine that has not halted within the fuel."""

    def __repr__(self) -> str:
        return "NO_HALT"


NO_HALT = NoHalt()

TapeWorld = HaltedTape | NoHalt
"""``W``: a halted tape (the cells holding 1), or :data:`NO_HALT`."""


def halting_world(fuel: int) -> Environment[TapeWorld]:
    """Return ``Env_F(t)``: ``t``'s tape if it halts from blank within ``fuel``, else no halt."""

    def outcome(t: TM) -> TapeWorld:
        result = run(t, "", fuel)
        return HaltedTape(result.tape) if isinstance(result, Halted) else NO_HALT

    return Environment(f"halted_tape(fuel={fuel})", outcome)


def running_model(fuel: int) -> WorldModel[TapeWorld]:
    """Return the world model that runs ``t`` from blank with ``fuel`` (as the world does)."""
    return WorldModel(f"runs(fuel={fuel})", halting_world(fuel).function)


def snapshot_world(fuel: int) -> WorldModel[TapeWorld]:
    """Return a model that takes the tape after ``min(fuel, halt)`` steps as the outcome.

    For a Table program this is the tape of the last configuration a run of ``fuel``
    steps reaches, halted or not; a Mesa program's intermediate tape is not
    observable, so it is modelled as :func:`running_model` would.
    """

    def outcome(t: TM) -> TapeWorld:
        program = decode(t)
        if not isinstance(program, Table):
            result = run(program, "", fuel)
            return HaltedTape(result.tape) if isinstance(result, Halted) else NO_HALT
        latest: list[Configuration] = []

        def keep(configuration: Configuration) -> None:
            latest[:] = [configuration]

        run_table(program, BLANK_TAPE, fuel, keep)
        return HaltedTape(latest[-1].tape)

    return WorldModel(f"snapshot(fuel={fuel})", outcome)


def mirrored_world(fuel: int) -> WorldModel[TapeWorld]:
    """Return a model that runs ``t`` with ``fuel`` and sees the tape mirrored (``i`` at ``-i``)."""

    def outcome(t: TM) -> TapeWorld:
        state = halting_world(fuel)(t)
        return (
            state if isinstance(state, NoHalt) else HaltedTape(frozenset(-c for c in state.cells))
        )

    return WorldModel(f"mirrored(fuel={fuel})", outcome)


def ones_utility() -> WorldObjective[TapeWorld]:
    """Return ``u(w)`` = the number of ones on a halted tape, and 0 for no halt."""

    def ones(state: TapeWorld) -> int:
        return 0 if isinstance(state, NoHalt) else len(state.cells)

    return WorldObjective("ones", ones)


def _on_tapes(
    name: str, value: Callable[[Tape], int | Fraction]
) -> PartialWorldObjective[TapeWorld]:
    def defined(state: TapeWorld) -> bool:
        return not isinstance(state, NoHalt)

    def score(state: TapeWorld) -> int | Fraction:
        if isinstance(state, NoHalt):
            raise ValueError(f"{name} is undefined for a run that does not halt")
        return value(state.cells)

    return PartialWorldObjective(name, defined, score)


def ones_on_tapes() -> PartialWorldObjective[TapeWorld]:
    """Return ``v(w)`` = the number of ones, undefined for no halt."""
    return _on_tapes("ones_on_tapes", len)


def doubled_ones_on_tapes() -> PartialWorldObjective[TapeWorld]:
    """Return ``v(w)`` = twice the number of ones, undefined for no halt."""
    return _on_tapes("doubled_ones_on_tapes", lambda tape: 2 * len(tape))


def ones_plus_half_on_tapes() -> PartialWorldObjective[TapeWorld]:
    """Return ``v(w)`` = the number of ones plus 1/2, undefined for no halt."""
    return _on_tapes("ones_plus_half_on_tapes", lambda tape: len(tape) + Fraction(1, 2))


ENVIRONMENT = halting_world(WORLD_FUEL)
UTILITY = ones_utility()
BASE_OBJECTIVE = base_objective_through(UTILITY, ENVIRONMENT)

ACCURATE_OPTIMIZER = WorldMesaOptimizer(running_model(WORLD_FUEL), ones_on_tapes())
SHORT_HORIZON_OPTIMIZER = WorldMesaOptimizer(running_model(SHORT_HORIZON_FUEL), ones_on_tapes())
SNAPSHOT_OPTIMIZER = WorldMesaOptimizer(snapshot_world(SNAPSHOT_FUEL), ones_on_tapes())
MIRRORED_OPTIMIZER = WorldMesaOptimizer(mirrored_world(WORLD_FUEL), ones_on_tapes())
DOUBLED_OPTIMIZER = WorldMesaOptimizer(running_model(WORLD_FUEL), doubled_ones_on_tapes())
HALF_BONUS_OPTIMIZER = WorldMesaOptimizer(running_model(WORLD_FUEL), ones_plus_half_on_tapes())


def base_utility_of_machine(t: str) -> Fraction:
    """Return ``U(t) = u(Env_F(t))``, equal to ``productivity_F(t)`` at ``F = WORLD_FUEL``."""
    return BASE_OBJECTIVE(TM(t))


def mesa_utility_of_machine(t: str) -> Fraction | None:
    """Return ``U_m(t)`` of the accurate model (fuel ``F``) with ``v = u`` on tapes."""
    return ACCURATE_OPTIMIZER.mesa_objective(TM(t)).to_option()


def short_horizon_mesa_utility_of_machine(t: str) -> Fraction | None:
    """Return ``U_m(t)`` of a model running ``t`` with less fuel: inaccurate only off ``dom``."""
    return SHORT_HORIZON_OPTIMIZER.mesa_objective(TM(t)).to_option()


def snapshot_mesa_utility_of_machine(t: str) -> Fraction | None:
    """Return ``U_m(t)`` of the snapshot model: it counts ones of unfinished runs too."""
    return SNAPSHOT_OPTIMIZER.mesa_objective(TM(t)).to_option()


def mirrored_mesa_utility_of_machine(t: str) -> Fraction | None:
    """Return ``U_m(t)`` of the mirrored model: a wrong model that ``v`` cannot tell apart."""
    return MIRRORED_OPTIMIZER.mesa_objective(TM(t)).to_option()


def doubled_mesa_utility_of_machine(t: str) -> Fraction | None:
    """Return ``U_m(t)`` of the accurate model with ``v = 2u`` on tapes."""
    return DOUBLED_OPTIMIZER.mesa_objective(TM(t)).to_option()


def half_bonus_mesa_utility_of_machine(t: str) -> Fraction | None:
    """Return ``U_m(t)`` of the accurate model with ``v = u + 1/2`` on tapes."""
    return HALF_BONUS_OPTIMIZER.mesa_objective(TM(t)).to_option()
