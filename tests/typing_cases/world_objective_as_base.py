# expect: arg-type
from spec.library import mesa_objective
from spec.alignment import inner_aligned_up_to
from spec.objectives import WorldObjective

utility: WorldObjective[frozenset[int]] = WorldObjective("tape size", len)
inner_aligned_up_to(utility, mesa_objective("1"), 4)
