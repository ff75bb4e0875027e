"""A mypy plugin that refuses to compare a partial value with anything but a partial value.

Formalizes, for the type checker, the post's "the domain of U_m may be only a subset of
the domain of U; that is, U_m may be a partial function": ``U_m(t)`` is a
:class:`~mesaform.spec.objectives.Lookup` (``Defined(value)`` or ``UNDEFINED``), not a rational, so
``U_m(t) == U(t)`` compares values of different types.

``mypy --strict`` alone refuses ``U_m(t) < U(t)``, ``U_m(t) + 1``, ``max(..., key=U_m)``
and a ``Lookup`` passed for a ``Fraction``, but not ``==``/``!=``: its strict-equality
check stands aside whenever one side has a custom ``__eq__``, and ``Fraction`` has one.
This plugin closes that gap. Enable it in your mypy configuration::

    [tool.mypy]
    plugins = ["mesaform.mypy_plugin"]

Main definitions:

- :func:`plugin` -- mypy's entry point; :class:`PartialValuePlugin` -- the hook on every
  ``__eq__`` and ``__ne__`` call, which reports ``[comparison-overlap]`` when exactly one
  side is a partial value.
"""

from __future__ import annotations

from collections.abc import Callable

from mypy.errorcodes import COMPARISON_OVERLAP
from mypy.plugin import MethodContext, Plugin
from mypy.types import AnyType, Instance, Type, UnionType, get_proper_type

PARTIAL_VALUES = frozenset(
    {
        "mesaform.spec.objectives.Lookup",
        "mesaform.spec.objectives.Defined",
        "mesaform.spec.objectives.Undefined",
    }
)
"""The classes of partial values, by their full names."""


def _is_partial(typ: Type) -> bool | None:
    """Return whether ``typ`` is (partly) a partial value; ``None`` where it cannot tell (Any)."""
    proper = get_proper_type(typ)
    if isinstance(proper, AnyType):
        return None
    if isinstance(proper, Instance):
        return proper.type.fullname in PARTIAL_VALUES
    if isinstance(proper, UnionType):
        answers = [_is_partial(item) for item in proper.items]
        if None in answers:
            return None
        return any(answers)
    return False


def _check_comparison(ctx: MethodContext) -> Type:
    if not ctx.arg_types or not ctx.arg_types[0]:
        return ctx.default_return_type
    left, right = _is_partial(ctx.type), _is_partial(ctx.arg_types[0][0])
    if left is not None and right is not None and left != right:
        ctx.api.fail(
            "A partial value (Lookup) is compared with a value that is not "
            "partial; compare Defined(...) with U_m(t), or read U_m.value(t) inside dom(U_m)",
            ctx.context,
            code=COMPARISON_OVERLAP,
        )
    return ctx.default_return_type


class PartialValuePlugin(Plugin):
    """Check every ``==`` and ``!=`` for a partial value on exactly one side."""

    def get_method_hook(self, fullname: str) -> Callable[[MethodContext], Type] | None:
        """Return the comparison check for ``__eq__`` and ``__ne__``."""
        if fullname.endswith((".__eq__", ".__ne__")):
            return _check_comparison
        return None


def plugin(version: str) -> type[Plugin]:
    """Return the plugin class (mypy's entry point)."""
    return PartialValuePlugin
