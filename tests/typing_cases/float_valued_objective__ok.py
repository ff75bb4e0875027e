# expect: ok
from fractions import Fraction

from spec.machines import TM
from spec.objectives import Objective


def half_the_ones(t: TM) -> Fraction:
    return Fraction(t.count("1"), 2)


u = Objective("half the ones", half_the_ones)
