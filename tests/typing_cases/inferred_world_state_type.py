# expect: type-var
from spec.objectives import WorldObjective

utility = WorldObjective("tape size", len)
