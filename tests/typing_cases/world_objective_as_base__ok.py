# expect: ok
from mesaform.model.world import ENVIRONMENT, ones_utility
from mesaform.spec.alignment import inner_aligned_up_to
from mesaform.spec.library import mesa_objective
from mesaform.spec.world import base_objective_through

inner_aligned_up_to(base_objective_through(ones_utility(), ENVIRONMENT), mesa_objective("1"), 4)
