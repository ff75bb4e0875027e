"""The packages' imports flow one way, and spec/ is the formalism only.

mesaform -> proofs -> model -> spec: a package imports only those to its right.
spec/ reads no files and loads no code by name (no ``tomllib``, no ``importlib``):
claim files and ``module:function`` references are the command line's business.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("mesaform", "proofs", "model", "spec")
"""Each package may import the ones after it, never the ones before."""


def imported_modules(package: str) -> dict[str, set[str]]:
    """Return, for each module file of ``package``, the top-level modules it imports."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


def test_the_scan_sees_imports() -> None:
    modules = imported_modules("spec")
    assert "spec.machines" not in modules  # keys are paths
    assert {"fractions", "spec"} <= modules["spec/claims.py"]
    assert "tomllib" in imported_modules("mesaform")["mesaform/claim_files.py"]


def test_spec_reads_no_files_and_loads_no_code_by_name() -> None:
    for path, names in imported_modules("spec").items():
        assert not names & {"tomllib", "importlib", "pathlib", "os", "io"}, path


@pytest.mark.parametrize("package", LAYERS)
def test_imports_flow_one_way(package: str) -> None:
    forbidden = set(LAYERS[: LAYERS.index(package)])
    for path, names in imported_modules(package).items():
        assert not names & forbidden, f"{path} imports {sorted(names & forbidden)}"
