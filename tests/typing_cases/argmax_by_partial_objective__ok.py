# expect: ok
from mesaform.spec.library import mesa_objective
from mesaform.spec.machines import TM

u_m = mesa_objective("1")
print(max((t for t in [TM("0"), TM("1")] if u_m.defined(t)), key=u_m.value, default=None))
