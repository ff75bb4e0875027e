# expect: arg-type
from spec.library import mesa_objective
from spec.machines import TM
from spec.objectives import exact

print(exact(mesa_objective("1")(TM("0"))))
