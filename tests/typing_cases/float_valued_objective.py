# expect: arg-type
from mesaform.spec.machines import TM
from mesaform.spec.objectives import Objective


def half_the_ones(t: TM) -> float:
    return t.count("1") / 2


u = Objective("half the ones", half_the_ones)
