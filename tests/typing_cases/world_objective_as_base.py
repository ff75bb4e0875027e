# expect: arg-type
from model.world import ones_utility
from spec.alignment import inner_aligned_up_to
from spec.library import mesa_objective

inner_aligned_up_to(ones_utility(), mesa_objective("1"), 4)
