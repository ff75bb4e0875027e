# expect: type-var
from spec.machines import TM
from spec.objectives import WorldObjective

utility: WorldObjective[TM] = WorldObjective("ones", lambda t: t.count("1"))
