# expect: ok
from model.world import HaltedTape
from spec.objectives import WorldObjective


def tape_size(state: HaltedTape) -> int:
    return len(state.cells)


utility = WorldObjective("tape size", tape_size)
