# expect: ok
from spec.library import code_ones
from spec.machines import TM

print(code_ones()(TM("0110")))
