# expect: assignment
from fractions import Fraction

from spec.library import mesa_objective
from spec.machines import TM

value: Fraction = mesa_objective("1")(TM("0"))
