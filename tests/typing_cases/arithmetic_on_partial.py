# expect: operator
from spec.library import mesa_objective
from spec.machines import TM

u_m = mesa_objective("1")
print(u_m(TM("0")) + 1)
