# expect: type-var
from mesaform.spec.objectives import WorldObjective

utility = WorldObjective("tape size", len)
