# expect: misc
from dataclasses import dataclass

from mesaform.model.world import ENVIRONMENT
from mesaform.spec.objectives import WorldObjective, WorldState
from mesaform.spec.world import base_objective_through


@dataclass(frozen=True)
class Weather(WorldState):
    rain: int


utility: WorldObjective[Weather] = WorldObjective("rain", lambda w: w.rain)
base_objective_through(utility, ENVIRONMENT)
