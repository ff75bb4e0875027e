# expect: arg-type
from spec.machines import TM
from spec.objectives import WorldObjective

utility: WorldObjective[frozenset[int]] = WorldObjective("tape size", len)
print(utility(TM("0110")))
