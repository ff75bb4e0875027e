# expect: ok
from mesaform.spec.library import code_ones, mesa_objective
from mesaform.spec.machines import TM

u, u_m, t = code_ones(), mesa_objective("1"), TM("0110")
print(u_m.defined(t) and u(t) < u_m.value(t))
