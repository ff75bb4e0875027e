# expect: ok
from mesaform.spec.machines import TM
from mesaform.spec.objectives import PartialObjective


def ones_if_short(t: TM) -> int | None:
    return t.count("1") if len(t) < 8 else None


u_m = PartialObjective.from_optional("ones if short", ones_if_short)
