# expect: ok
from mesaform.spec.library import code_ones, mesa_objective
from mesaform.spec.machines import TM
from mesaform.spec.objectives import Defined

u, u_m, t = code_ones(), mesa_objective("1"), TM("0110")
value = u_m(t)
print(isinstance(value, Defined) and value.value < u(t))
