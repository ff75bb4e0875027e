# expect: ok
from model.world import ENVIRONMENT, ones_utility
from spec.alignment import inner_aligned_up_to
from spec.library import mesa_objective
from spec.world import base_objective_through

inner_aligned_up_to(base_objective_through(ones_utility(), ENVIRONMENT), mesa_objective("1"), 4)
