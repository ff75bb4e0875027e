# expect: ok
from mesaform.model.world import HaltedTape, TapeWorld, ones_utility
from mesaform.spec.objectives import WorldObjective

utility: WorldObjective[TapeWorld] = ones_utility()
print(utility(HaltedTape(frozenset({0, 1}))))
