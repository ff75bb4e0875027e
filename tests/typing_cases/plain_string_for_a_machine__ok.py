# expect: ok
from mesaform.spec.library import code_ones
from mesaform.spec.machines import TM

print(code_ones()(TM("0110")))
