"""The layers' imports flow one way, and spec/ is the formalism only.

The command line (``mesaform`` and ``mesaform.cli``) -> ``mesaform.proofs`` ->
``mesaform.model`` -> ``mesaform.spec``: a layer imports only those to its right.
spec/ reads no files and loads no code by name (no ``tomllib``, no ``importlib``):
claim files and ``module:function`` references are the command line's business.
The repository's folders ``spec/``, ``model/`` and ``proofs/`` are the packages
``mesaform.spec``, ``mesaform.model`` and ``mesaform.proofs`` (docs/layout.md).
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("mesaform", "proofs", "model", "spec")
"""Each layer may import the ones after it, never the ones before."""
BELOW_THE_LAYERS = {"mesaform.provenance"}
"""Modules every layer may import: they import nothing from mesaform (docs/layout.md)."""


def layer_of(module: str) -> str | None:
    """Return the layer of an imported module's name (``None`` for another package)."""
    parts = module.split(".")
    if parts[0] != "mesaform" or module in BELOW_THE_LAYERS:
        return None
    if len(parts) > 1 and parts[1] in LAYERS[1:]:
        return parts[1]
    return "mesaform"


def layer_files(layer: str) -> list[Path]:
    """Return the module files of ``layer``: its folder, the command line without the
    links to the other layers."""
    if layer != "mesaform":
        return sorted((ROOT / layer).rglob("*.py"))
    folder = ROOT / "mesaform"
    return sorted(
        path for path in folder.rglob("*.py") if path.relative_to(folder).parts[0] not in LAYERS[1:]
    )


def imported_modules(layer: str) -> dict[str, set[str]]:
    """Return, for each module file of ``layer``, the full names of the modules it imports."""
    found: dict[str, set[str]] = {}
    for path in layer_files(layer):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
        found[str(path.relative_to(ROOT))] = names
    return found


def test_the_scan_sees_imports() -> None:
    modules = imported_modules("spec")
    assert "mesaform.spec.machines" not in modules  # keys are paths
    assert {"fractions", "mesaform.spec.machines"} <= modules["spec/claims.py"]
    assert "tomllib" in imported_modules("mesaform")["mesaform/claim_files.py"]
    assert not any(path.startswith("mesaform/spec") for path in imported_modules("mesaform"))


def test_spec_reads_no_files_and_loads_no_code_by_name() -> None:
    for path, names in imported_modules("spec").items():
        tops = {name.split(".")[0] for name in names}
        assert not tops & {"tomllib", "importlib", "pathlib", "os", "io"}, path


@pytest.mark.parametrize("layer", LAYERS)
def test_imports_flow_one_way(layer: str) -> None:
    forbidden = set(LAYERS[: LAYERS.index(layer)])
    for path, names in imported_modules(layer).items():
        layers = {layer_of(name) for name in names}
        assert not layers & forbidden, f"{path} imports {sorted(names)}"


def test_the_modules_below_the_layers_import_nothing_from_mesaform() -> None:
    assert layer_of("mesaform.provenance") is None and layer_of("mesaform.cli") == "mesaform"
    assert "mesaform.provenance" in imported_modules("proofs")["proofs/checking/report.py"]
    modules = imported_modules("mesaform")
    for module in BELOW_THE_LAYERS:
        path = module.replace(".", "/") + ".py"
        # the package itself (for its version) is all it may name, and only inside a function
        assert {name for name in modules[path] if name.startswith("mesaform")} <= {"mesaform"}
        body = ast.parse((ROOT / path).read_text(encoding="utf-8")).body
        assert not [
            node
            for node in body
            if isinstance(node, ast.Import | ast.ImportFrom)
            and any(name.startswith("mesaform") for name in imported_names(node))
        ], path


def imported_names(node: ast.Import | ast.ImportFrom) -> list[str]:
    """Return the module names an import statement names."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    return [node.module or ""]


def test_no_module_imports_a_layer_by_its_folder_name() -> None:
    """Only ``mesaform`` is an import name: ``import spec`` would load a second copy."""
    for layer in LAYERS:
        for path, names in imported_modules(layer).items():
            tops = {name.split(".")[0] for name in names}
            assert not tops & {"spec", "model", "proofs"}, path


def test_each_spec_module_has_its_test_file() -> None:
    for path in sorted((ROOT / "spec").glob("*.py")):
        if path.name != "__init__.py":
            assert (ROOT / "tests" / f"test_{path.name}").is_file(), path.name
    assert not list((ROOT / "tests").glob("test_audit_*.py"))
