# expect: ok
from mesaform.model.world import HaltedTape
from mesaform.spec.objectives import WorldObjective


def tape_size(state: HaltedTape) -> int:
    return len(state.cells)


utility = WorldObjective("tape size", tape_size)
