# expect: arg-type
from mesaform.model.world import ones_on_tapes
from mesaform.spec.alignment import inner_aligned_up_to
from mesaform.spec.library import code_ones

inner_aligned_up_to(code_ones(), ones_on_tapes(), 4)
