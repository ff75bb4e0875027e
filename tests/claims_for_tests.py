"""Small claims shared by the tests of the checking methods."""

from model.standard_format import parse_machine
from spec.claims import Claim, LibraryObjective, MesaProgram, Predicate
from spec.machines import TM
from spec.programs import Mesa, encode
from spec.verdicts import Bound

EXACT = parse_machine("0RZ0RB_0RA1RA")  # U_m = code_ones, halting after 2|t|+1 steps
DOUBLING = parse_machine("0RZ1RB_0LC1RA_1RZ0RD_0RA0RA")  # U_m = 2 code_ones, <= 4|t|+1 steps
PARTIAL = parse_machine("0RZ0RB_0RC1RE_0RZ0RD_0RC1RC_0RE0RE")  # code_ones; loops if t starts 1
KEEPER = TM("")  # the empty table keeps the markers: U_m = |t| + code_ones


def mesa_code(evaluator: TM, fuel: int) -> TM:
    return encode(Mesa(1, fuel, evaluator, (parse_machine("1RB1LB_1LA1RZ"),)))


def code_ones_claim(
    evaluator: TM, n: int, predicate: Predicate = "inner-alignment", fuel: int | None = None
) -> Claim:
    internal = 4 * n + 1 if fuel is None else fuel
    return Claim(
        f"code_ones_{predicate}_{n}",
        predicate,
        LibraryObjective("code_ones"),
        MesaProgram(mesa_code(evaluator, internal)),
        Bound(n, 2 * n + 1),
    )
