"""Small claims shared by the tests of the checking methods."""

from mesaform.spec.catalogue import BB2
from mesaform.spec.claims import Claim, LibraryObjective, MesaProgram, Predicate
from mesaform.spec.machines import TM
from mesaform.spec.programs import Mesa, encode
from mesaform.spec.verdicts import Bound


def mesa_code(evaluator: TM, fuel: int) -> TM:
    return encode(Mesa(1, fuel, evaluator, (BB2,)))


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
