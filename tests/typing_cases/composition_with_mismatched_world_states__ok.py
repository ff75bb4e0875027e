# expect: ok
from model.world import ENVIRONMENT, ones_utility
from spec.world import base_objective_through

base_objective_through(ones_utility(), ENVIRONMENT)
