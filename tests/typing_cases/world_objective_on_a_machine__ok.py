# expect: ok
from model.world import HaltedTape, TapeWorld, ones_utility
from spec.objectives import WorldObjective

utility: WorldObjective[TapeWorld] = ones_utility()
print(utility(HaltedTape(frozenset({0, 1}))))
