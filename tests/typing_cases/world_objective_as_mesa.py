# expect: arg-type
from model.world import ones_on_tapes
from spec.alignment import inner_aligned_up_to
from spec.library import code_ones

inner_aligned_up_to(code_ones(), ones_on_tapes(), 4)
