# expect: comparison-overlap
from mesaform.model.world import ones_utility
from mesaform.spec.library import code_ones

print(code_ones() == ones_utility())
