# expect: arg-type
from spec.library import code_ones
from spec.alignment import inner_aligned_up_to
from spec.objectives import WorldObjective

utility: WorldObjective[frozenset[int]] = WorldObjective("tape size", len)
inner_aligned_up_to(code_ones(), utility, 4)
