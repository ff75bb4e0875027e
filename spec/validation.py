"""Argument checks shared by every public function of mesaform.

The formalism is exact: a bound is a natural number, a value is an ``int`` or a
``Fraction``, a machine is a :class:`~mesaform.spec.machines.TM`. A wrong argument fails
where it is given, with a message naming the argument and what it must be, rather
than deep inside a method (after Hypothesis's ``hypothesis.internal.validation``).

Main definitions:

- :func:`check_type` -- ``value`` is an instance of ``expected`` (``bool`` is never
  accepted where ``int`` is asked);
- :func:`check_natural` -- an ``int`` (not ``bool``) ``>= 0``;
- :func:`check_optional_natural` -- ``None`` or a natural number;
- :func:`check_exact` -- an ``int`` or ``Fraction``; never a float (so never NaN);
- :func:`check_tm` -- a :class:`~mesaform.spec.machines.TM`;
- :func:`machine_argument` -- a ``TM``, or a ``str`` of ``0``/``1`` made into one;
- :func:`check_seconds` -- a finite number of seconds ``> 0`` (never NaN, never ``bool``);
- :func:`check_one_of` -- one of a finite set of names.

Each raises ``TypeError`` when the argument has the wrong type and ``ValueError``
when it has the right type and a wrong value.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from fractions import Fraction
from typing import Any, TypeVar

from mesaform.spec.machines import TM

T = TypeVar("T")


def _shown(value: object) -> str:
    """Return ``value``'s type and a short ``repr`` for an error message."""
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{type(value).__name__} {text}"


def _names(expected: type[Any] | tuple[type[Any], ...]) -> str:
    types = expected if isinstance(expected, tuple) else (expected,)
    return " or ".join(kind.__name__ for kind in types)


def check_type(expected: type[T] | tuple[type[Any], ...], value: object, name: str) -> None:
    """Raise ``TypeError`` unless ``value`` is an instance of ``expected``.

    A ``bool`` is refused where ``int`` is expected (``True`` is not the number 1
    in an argument list), unless ``bool`` itself is expected.
    """
    types = expected if isinstance(expected, tuple) else (expected,)
    refused_bool = isinstance(value, bool) and bool not in types
    if refused_bool or not isinstance(value, types):
        raise TypeError(f"{name} must be {_names(expected)}; got {_shown(value)}")


def check_natural(value: object, name: str) -> None:
    """Raise unless ``value`` is a natural number: an ``int``, not a ``bool``, ``>= 0``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be a natural number (an int >= 0); got {_shown(value)}")
    if value < 0:
        raise ValueError(f"{name} must be a natural number (an int >= 0); got {value}")


def check_optional_natural(value: object, name: str) -> None:
    """Raise unless ``value`` is ``None`` or a natural number."""
    if value is not None:
        check_natural(value, name)


def check_exact(value: object, name: str) -> None:
    """Raise ``TypeError`` unless ``value`` is an exact rational: an ``int`` or ``Fraction``.

    A ``float`` (NaN and infinities included) is refused: it is not exact. A
    ``bool`` is refused too.
    """
    if isinstance(value, bool) or not isinstance(value, int | Fraction):
        raise TypeError(
            f"{name} must be an exact rational (int or Fraction, never float); got {_shown(value)}"
        )


def check_tm(value: object, name: str) -> None:
    """Raise ``TypeError`` unless ``value`` is a :class:`~mesaform.spec.machines.TM`."""
    if not isinstance(value, TM):
        raise TypeError(f"{name} must be a TM (build one with TM('0110')); got {_shown(value)}")


def check_one_of(value: object, options: Iterable[str], name: str) -> None:
    """Raise unless ``value`` is one of the strings ``options``."""
    allowed = tuple(options)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be one of {', '.join(allowed)}; got {_shown(value)}")
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}; got {value!r}")


def machine_argument(value: object, name: str) -> TM:
    """Return ``value`` as a :class:`~mesaform.spec.machines.TM`: a ``TM``, or a ``str`` of 0 and 1.

    ``TypeError`` for anything else (``None``, an ``int``, ``bytes``); ``ValueError``
    for a ``str`` with another character.
    """
    if isinstance(value, TM):
        return value
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a machine: a TM or a str of 0 and 1; got {_shown(value)}")
    try:
        return TM(value)
    except ValueError as error:
        raise ValueError(f"{name} must be a machine, a str of 0 and 1: {error}") from None


def check_seconds(value: object, name: str) -> None:
    """Raise unless ``value`` is a finite number of seconds ``> 0`` (an ``int`` or ``float``)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{name} must be a number of seconds; got {_shown(value)}")
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite number of seconds > 0; got {value!r}")
