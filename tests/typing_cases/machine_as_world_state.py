# expect: type-var
from mesaform.spec.machines import TM
from mesaform.spec.objectives import WorldObjective

utility: WorldObjective[TM] = WorldObjective("ones", lambda t: t.count("1"))
