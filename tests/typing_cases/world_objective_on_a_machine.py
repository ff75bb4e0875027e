# expect: arg-type
from spec.machines import TM
from spec.objectives import WorldObjective
from model.world import TapeWorld, ones_utility

utility: WorldObjective[TapeWorld] = ones_utility()
print(utility(TM("0110")))
