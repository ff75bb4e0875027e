# expect: arg-type
from mesaform.spec.machines import TM
from mesaform.spec.objectives import WorldObjective
from mesaform.model.world import TapeWorld, ones_utility

utility: WorldObjective[TapeWorld] = ones_utility()
print(utility(TM("0110")))
