# expect: comparison-overlap
from spec.library import code_ones
from spec.objectives import WorldObjective

utility: WorldObjective[frozenset[int]] = WorldObjective("tape size", len)
print(code_ones() == utility)
