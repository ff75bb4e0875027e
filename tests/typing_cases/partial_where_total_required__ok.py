# expect: ok
from mesaform.spec.alignment import inner_aligned_up_to
from mesaform.spec.library import code_ones, mesa_objective

u_m = mesa_objective("1")
inner_aligned_up_to(code_ones(), u_m, 4)
