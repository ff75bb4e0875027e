# expect: ok
from mesaform.model.world import ENVIRONMENT, ones_utility
from mesaform.spec.library import code_ones
from mesaform.spec.world import base_objective_through

print(code_ones().name == base_objective_through(ones_utility(), ENVIRONMENT).name)
