# expect: operator
from mesaform.spec.library import mesa_objective
from mesaform.spec.machines import TM

u_m = mesa_objective("1")
print(u_m(TM("0")) + 1)
