# expect: type-var
from mesaform.spec.objectives import WorldObjective


def describe(utility: WorldObjective[str]) -> str:
    return utility.name
