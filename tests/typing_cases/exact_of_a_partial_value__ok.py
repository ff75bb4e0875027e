# expect: ok
from spec.library import mesa_objective
from spec.machines import TM
from spec.objectives import exact

print(exact(mesa_objective("1").value(TM(""))))
