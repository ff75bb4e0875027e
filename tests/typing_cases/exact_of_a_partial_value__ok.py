# expect: ok
from mesaform.spec.library import mesa_objective
from mesaform.spec.machines import TM
from mesaform.spec.objectives import exact

print(exact(mesa_objective("1").value(TM(""))))
