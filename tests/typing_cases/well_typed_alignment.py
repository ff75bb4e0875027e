# expect: ok
from spec.library import code_ones, mesa_objective
from spec.alignment import inner_aligned_up_to
from spec.machines import TM

u_m = mesa_objective("1")
value = u_m(TM("0"))
print(inner_aligned_up_to(code_ones(), u_m, 4), value + 1 if value is not None else None)
