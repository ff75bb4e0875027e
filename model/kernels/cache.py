"""numba's disk cache for the kernels, invalidated when any kernel module changes.

numba keys a cached kernel on the source of the file that defines it (its
``get_source_stamp``), so a kernel compiled with a function of another file inlined
would be loaded unchanged after that other file changed. The kernels call across
their modules (the sweeps call the runs, the search calls the proofs that a run never
halts), so here every kernel's stamp is the one of the whole package:
:func:`package_stamp`, a SHA-256 over every module's name and bytes. Any change to a
kernel module recompiles every kernel, as when they were one file.

Main definitions:

- :func:`package_stamp` -- the stamp of the kernel modules in a folder;
- :class:`PackageStampLocator` -- numba's locator for a kernel, its stamp extended with
  the package's; :func:`install` puts it first in numba's list (before any kernel is
  decorated: the package's ``__init__`` calls it first).
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

from numba.core import caching

_IMPL: Any = getattr(caching, "CacheImpl", None) or getattr(caching, "_CacheImpl")  # noqa: B009
"""numba's class holding the list of cache locators (``_CacheImpl`` in older numba)."""

KERNELS = Path(__file__).resolve().parent
"""The folder of the kernel modules."""


@cache
def package_stamp(folder: Path = KERNELS) -> str:
    """Return the SHA-256 of every ``*.py`` module in ``folder``, by name, in name order."""
    digest = hashlib.sha256()
    for module in sorted(folder.glob("*.py")):
        digest.update(module.name.encode() + b"\0")
        digest.update(module.read_bytes() + b"\0")
    return digest.hexdigest()


class PackageStampLocator(caching._CacheLocator):
    """The locator numba would choose for a kernel, with the package's stamp added."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def ensure_cache_path(self) -> None:
        self._inner.ensure_cache_path()

    def get_cache_path(self) -> Any:
        return self._inner.get_cache_path()

    def get_source_stamp(self) -> Any:
        return (self._inner.get_source_stamp(), package_stamp())

    def get_disambiguator(self) -> Any:
        return self._inner.get_disambiguator()

    @classmethod
    def from_function(cls, py_func: Any, py_file: str) -> PackageStampLocator | None:
        """Wrap numba's own choice for a function of a kernel module; ``None`` otherwise."""
        if Path(py_file).resolve().parent != KERNELS:
            return None
        for other in _IMPL._locator_classes:
            if other is cls:
                continue
            inner = other.from_function(py_func, py_file)
            if inner is not None:
                return cls(inner)
        return None


def install() -> None:
    """Put :class:`PackageStampLocator` first among numba's locators (once)."""
    locators = _IMPL._locator_classes
    if PackageStampLocator not in locators:
        locators.insert(0, PackageStampLocator)
