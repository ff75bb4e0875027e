# expect: ok
from fractions import Fraction

from mesaform.spec.library import mesa_objective
from mesaform.spec.machines import TM

u_m = mesa_objective("1")
value: Fraction | None = u_m.value(TM("0")) if u_m.defined(TM("0")) else None
