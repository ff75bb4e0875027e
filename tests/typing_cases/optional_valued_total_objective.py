# expect: arg-type
from mesaform.spec.machines import TM
from mesaform.spec.objectives import Objective


def ones_if_short(t: TM) -> int | None:
    return t.count("1") if len(t) < 8 else None


u = Objective("ones if short", ones_if_short)
