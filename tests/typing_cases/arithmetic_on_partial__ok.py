# expect: ok
from spec.library import mesa_objective
from spec.machines import TM
from spec.objectives import Defined

u_m = mesa_objective("1")
match u_m(TM("0")):
    case Defined(value):
        print(value + 1)
    case _:
        print("undefined")
