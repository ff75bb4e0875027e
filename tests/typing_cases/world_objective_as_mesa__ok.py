# expect: ok
from mesaform.model.world import ones_on_tapes, running_model
from mesaform.spec.alignment import inner_aligned_up_to
from mesaform.spec.library import code_ones
from mesaform.spec.world import mesa_objective_through

inner_aligned_up_to(code_ones(), mesa_objective_through(ones_on_tapes(), running_model(20)), 4)
