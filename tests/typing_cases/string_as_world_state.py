# expect: type-var
from spec.objectives import WorldObjective


def describe(utility: WorldObjective[str]) -> str:
    return utility.name
