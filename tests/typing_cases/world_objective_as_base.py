# expect: arg-type
from mesaform.model.world import ones_utility
from mesaform.spec.alignment import inner_aligned_up_to
from mesaform.spec.library import mesa_objective

inner_aligned_up_to(ones_utility(), mesa_objective("1"), 4)
