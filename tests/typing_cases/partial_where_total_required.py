# expect: arg-type
from mesaform.spec.alignment import inner_aligned_up_to
from mesaform.spec.library import mesa_objective

u_m = mesa_objective("1")
inner_aligned_up_to(u_m, u_m, 4)
