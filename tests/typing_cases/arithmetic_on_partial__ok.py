# expect: ok
from mesaform.spec.library import mesa_objective
from mesaform.spec.machines import TM
from mesaform.spec.objectives import Defined

u_m = mesa_objective("1")
match u_m(TM("0")):
    case Defined(value):
        print(value + 1)
    case _:
        print("undefined")
