# expect: ok
from mesaform.spec.alignment import order_aligned_on
from mesaform.spec.library import code_ones, mesa_objective
from mesaform.spec.machines import machines_up_to

order_aligned_on(code_ones(), mesa_objective("1"), machines_up_to(4))
