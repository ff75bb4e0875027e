# expect: ok
from dataclasses import dataclass

from mesaform.spec.objectives import WorldObjective, WorldState


@dataclass(frozen=True)
class Text(WorldState):
    text: str


utility: WorldObjective[Text] = WorldObjective("length", lambda w: len(w.text))
