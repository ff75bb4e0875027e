# expect: ok
from mesaform.model.world import ENVIRONMENT, ones_utility
from mesaform.spec.world import base_objective_through

base_objective_through(ones_utility(), ENVIRONMENT)
