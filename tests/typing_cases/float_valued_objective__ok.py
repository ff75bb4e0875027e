# expect: ok
from fractions import Fraction

from mesaform.spec.machines import TM
from mesaform.spec.objectives import Objective


def half_the_ones(t: TM) -> Fraction:
    return Fraction(t.count("1"), 2)


u = Objective("half the ones", half_the_ones)
