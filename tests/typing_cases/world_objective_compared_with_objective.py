# expect: comparison-overlap
from model.world import ones_utility
from spec.library import code_ones

print(code_ones() == ones_utility())
