"""Resolve a claim's sides into objectives that run (DESIGN.md §4).

Main definitions:

- :func:`load_reference` -- import a user's ``module:function``;
- :func:`base_objective` -- the claim's ``U_F`` (library objective at the bound's
  fuel, or the user's function);
- :func:`mesa_side` -- the claim's ``U_m``: ``mesa_objective`` of a Mesa program's
  code, or the user's partial objective;
- :class:`UserFunctionError` -- a user's function failed on a machine (raised, or
  returned a value that is not an exact rational): bad input, not a crash.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from spec.claims import Claim, LibraryObjective, MesaProgram, UserObjective
from spec.library import library_objective, mesa_objective
from spec.machines import TM
from spec.objectives import Objective, PartialObjective


class UserFunctionError(ValueError):
    """A claim side's user function raised, or returned an inexact value, on a machine."""


def _guarded(reference: str, function: Callable[[TM], Any]) -> Callable[[TM], Any]:
    """Return ``function`` with its failures reported as :class:`UserFunctionError`."""

    def call(t: TM) -> Any:
        try:
            return function(t)
        except Exception as error:
            raise UserFunctionError(
                f"{reference} failed on t = {str(t)!r}: {type(error).__name__}: {error}"
            ) from None

    return call


def _exact_value(reference: str, function: Callable[[TM], Any]) -> Callable[[TM], Any]:
    """Return ``function``, refusing (as :class:`UserFunctionError`) a value that is not exact."""

    def call(t: TM) -> Any:
        value = function(t)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | Fraction)):
            raise UserFunctionError(
                f"{reference} returned {type(value).__name__} {value!r} on t = {str(t)!r}; "
                "objective values are exact rationals (int or Fraction)"
            )
        return value

    return call


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
    reference = claim.base.reference
    target = load_reference(reference)
    if isinstance(target, Objective):
        return Objective(target.name, _exact_value(reference, _guarded(reference, target)))
    if not callable(target):
        raise ValueError(f"{reference!r} is not a function TM -> int | Fraction")
    return Objective(reference, _exact_value(reference, _guarded(reference, target)))


def mesa_side(claim: Claim) -> PartialObjective:
    """Return the claim's mesa-objective ``U_m``."""
    if isinstance(claim.mesa, MesaProgram):
        return mesa_objective(claim.mesa.code)
    assert isinstance(claim.mesa, UserObjective)
    reference = claim.mesa.reference
    target = load_reference(reference)
    if isinstance(target, PartialObjective):
        return PartialObjective(
            target.name,
            _guarded(reference, target.defined),
            _exact_value(reference, _guarded(reference, target.value)),
        )
    if not callable(target):
        raise ValueError(
            f"{reference!r} is not a PartialObjective nor a function TM -> int | Fraction | None"
        )
    return PartialObjective.from_optional(
        reference, _exact_value(reference, _guarded(reference, target))
    )
