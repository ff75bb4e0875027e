# expect: assignment
from fractions import Fraction

from mesaform.spec.library import mesa_objective
from mesaform.spec.machines import TM

value: Fraction = mesa_objective("1")(TM("0"))
