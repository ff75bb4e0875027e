"""Build hooks: a wheel and an sdist record the exact source tree they were built from.

Everything else about the package is in pyproject.toml. Building from a git checkout,
``build_py`` writes ``mesaform/build-provenance.json`` (the SWHID of the checkout's tree,
its commit, whether it was dirty; :func:`mesaform.provenance.checkout_source`) into the
wheel, and ``sdist`` into the sdist, from which a wheel built later copies it. An editable
install writes nothing: it runs from the checkout, whose git says which code it is.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

HERE = Path(__file__).resolve().parent
PACKAGE = HERE / "src" / "mesaform"


def provenance_module() -> ModuleType:
    """Load ``mesaform/provenance.py`` by its path (it imports nothing from mesaform)."""
    spec = importlib.util.spec_from_file_location("_mesaform_provenance", PACKAGE / "provenance.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up while defined
    spec.loader.exec_module(module)
    return module


@cache
def source_record() -> tuple[str, dict[str, Any] | None]:
    """Return the record's file name and the record: an sdist's, else the checkout's.

    Computed once, before a command writes into the project's folder (``sdist`` makes its
    release tree there, which would count as an uncommitted change)."""
    module = provenance_module()
    carried = PACKAGE / module.RECORD_NAME
    if carried.is_file():
        return module.RECORD_NAME, json.loads(carried.read_text(encoding="utf-8"))
    return module.RECORD_NAME, module.checkout_source(PACKAGE)


def write_record(folder: Path) -> None:
    """Write the source record into ``folder`` (a package folder of a build), if known."""
    name, record = source_record()
    target = folder / name
    target.unlink(missing_ok=True)  # no stale record; never write through a link
    if record is not None:
        folder.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


class BuildPy(build_py):
    """``build_py`` that adds the source record to the built package."""

    def run(self) -> None:
        super().run()
        if not self.editable_mode:
            write_record(Path(self.build_lib) / "mesaform")


class Sdist(sdist):
    """``sdist`` that adds the source record to the archive."""

    def run(self) -> None:
        source_record()
        super().run()

    def make_release_tree(self, base_dir: str, files: list[str]) -> None:
        super().make_release_tree(base_dir, files)
        write_record(Path(base_dir) / "src" / "mesaform")


setup(cmdclass={"build_py": BuildPy, "sdist": Sdist})
