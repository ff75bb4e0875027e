"""The registered checking methods: one place that lists them, by name.

Every method (:class:`~mesaform.proofs.methods.interface.CheckingMethod`) registers itself
when its module is imported; :data:`METHOD_MODULES` lists those modules, so adding a
method is writing its module and naming it here. The checker
(:mod:`mesaform.proofs.checking.check`) and ``auto`` only ever ask this registry.

Main definitions: :data:`REGISTRY`, :func:`register`, :func:`method_named`,
:func:`registered`, :func:`method_names`.
"""

from __future__ import annotations

import importlib

from mesaform.proofs.methods.interface import CheckingMethod

METHOD_MODULES: tuple[str, ...] = (
    "mesaform.proofs.methods.enumerate_method",
    "mesaform.proofs.methods.explore_method",
    "mesaform.proofs.methods.solver_methods",
    "mesaform.proofs.methods.hypothesis_method",
    "mesaform.proofs.methods.crossing",
    "mesaform.proofs.methods.verified",
)
"""The modules that register a method when imported, in the order methods are listed
(``--method``'s choices, ``auto``'s ties). A module not present is skipped."""

REGISTRY: dict[str, CheckingMethod] = {}
"""Every registered method by its name, in registration order."""

_loaded: list[bool] = [False]


def register(method: CheckingMethod) -> CheckingMethod:
    """Add ``method`` to :data:`REGISTRY` under its name; a second method of one name is
    refused (``ValueError``), the same object again is a no-op. Return ``method``."""
    present = REGISTRY.get(method.name)
    if present is not None and present is not method:
        raise ValueError(f"a checking method named {method.name!r} is already registered")
    if method.name == "auto":
        raise ValueError("'auto' picks among the methods; no method may be named so")
    REGISTRY[method.name] = method
    return method


def load() -> None:
    """Import the modules of :data:`METHOD_MODULES` (the first call only): each registers its
    method."""
    if _loaded[0]:
        return
    _loaded[0] = True
    try:
        for module in METHOD_MODULES:
            try:
                importlib.import_module(module)
            except ModuleNotFoundError as error:
                if error.name != module:
                    raise
    except BaseException:
        _loaded[0] = False
        raise


def registered() -> tuple[CheckingMethod, ...]:
    """Return every registered method, in :data:`METHOD_MODULES`' order."""
    load()

    def place(method: CheckingMethod) -> int:
        module = type(method).__module__
        return METHOD_MODULES.index(module) if module in METHOD_MODULES else len(METHOD_MODULES)

    return tuple(sorted(REGISTRY.values(), key=place))


def method_names() -> tuple[str, ...]:
    """Return the names of the registered methods (``--method``'s choices besides ``auto``)."""
    return tuple(method.name for method in registered())


def method_named(name: str) -> CheckingMethod:
    """Return the method registered as ``name``; ``ValueError`` naming the methods when
    none is."""
    load()
    method = REGISTRY.get(name)
    if method is None:
        names = ", ".join(repr(known) for known in ("auto", *method_names()))
        raise ValueError(f"no checking method is named {name!r}; the methods are {names}")
    return method
