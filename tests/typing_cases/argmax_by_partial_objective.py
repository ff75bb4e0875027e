# expect: arg-type
from mesaform.spec.library import mesa_objective
from mesaform.spec.machines import TM

u_m = mesa_objective("1")
print(max([TM("0"), TM("1")], key=u_m))
