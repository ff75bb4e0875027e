# expect: arg-type
from mesaform.spec.library import mesa_objective
from mesaform.spec.machines import TM
from mesaform.spec.objectives import exact

print(exact(mesa_objective("1")(TM("0"))))
