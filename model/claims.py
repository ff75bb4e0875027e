"""Resolve a claim's sides into objectives that run (DESIGN.md §4).

Main definitions:

- :func:`load_reference` -- import a user's ``module:function``;
- :func:`base_objective` -- the claim's ``U_F`` (library objective at the bound's
  fuel, or the user's function);
- :func:`mesa_side` -- the claim's ``U_m``: ``mesa_objective`` of a Mesa program's
  code, or the user's partial objective.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from model.objectives import library_objective, mesa_objective
from spec.claims import Claim, LibraryObjective, MesaProgram, UserObjective
from spec.machines import TM
from spec.objectives import Objective, PartialObjective


def load_reference(reference: str) -> Any:
    """Import ``module:function`` and return the attribute; ``ValueError`` if absent."""
    module_name, _, attribute = reference.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise ValueError(
            f"cannot import module {module_name!r} of {reference!r}: {error}"
        ) from None
    try:
        target = module
        for part in attribute.split("."):
            target = getattr(target, part)
    except AttributeError:
        raise ValueError(f"module {module_name!r} has no attribute {attribute!r}") from None
    return target


def base_objective(claim: Claim) -> Objective:
    """Return the claim's base objective ``U``, at the bound's fuel."""
    if isinstance(claim.base, LibraryObjective):
        return library_objective(claim.base.name, claim.bound.fuel)
    target = load_reference(claim.base.reference)
    if isinstance(target, Objective):
        return target
    if not callable(target):
        raise ValueError(f"{claim.base.reference!r} is not a function TM -> int | Fraction")
    function: Callable[[TM], int | Fraction] = target
    return Objective(claim.base.reference, function)


def mesa_side(claim: Claim) -> PartialObjective:
    """Return the claim's mesa-objective ``U_m``."""
    if isinstance(claim.mesa, MesaProgram):
        return mesa_objective(claim.mesa.code)
    assert isinstance(claim.mesa, UserObjective)
    target = load_reference(claim.mesa.reference)
    if isinstance(target, PartialObjective):
        return target
    if not callable(target):
        raise ValueError(
            f"{claim.mesa.reference!r} is not a PartialObjective nor a function "
            "TM -> int | Fraction | None"
        )
    return PartialObjective.from_optional(claim.mesa.reference, target)
