# expect: ok
from dataclasses import dataclass

from mesaform.spec.objectives import WorldObjective, WorldState


@dataclass(frozen=True)
class Ones(WorldState):
    count: int


utility: WorldObjective[Ones] = WorldObjective("ones", lambda w: w.count)
