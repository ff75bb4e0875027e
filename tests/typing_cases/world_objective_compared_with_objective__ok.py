# expect: ok
from model.world import ENVIRONMENT, ones_utility
from spec.library import code_ones
from spec.world import base_objective_through

print(code_ones().name == base_objective_through(ones_utility(), ENVIRONMENT).name)
