"""No module of ``mesaform`` imports itself back, through any chain of imports.

The scan is static (by ``ast``) and strict: every ``import`` statement counts, at the top
of a module, inside ``if TYPE_CHECKING:`` or inside a function, so a cycle cannot hide
behind an import made late. Each module file's name is its ``mesaform`` name (the
folders ``spec/``, ``model/``, ``proofs/`` are ``mesaform.spec``, ``mesaform.model``,
``mesaform.proofs``, docs/layout.md).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINKED = ("spec", "model", "proofs")


def module_files(root: Path) -> dict[str, Path]:
    """Return every module of ``mesaform`` under ``root`` by its dotted name."""
    found: dict[str, Path] = {}
    folders = [(root / "mesaform", "mesaform")] + [
        (root / folder, f"mesaform.{folder}") for folder in LINKED
    ]
    for folder, prefix in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.py")):
            parts = path.relative_to(folder).with_suffix("").parts
            if prefix == "mesaform" and parts[0] in LINKED:
                continue  # the links to the other folders
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join((prefix, *parts))] = path
    return found


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Return, for each module, the modules of ``modules`` it imports (anywhere in it)."""
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        imported: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                imported.add(node.module)
                imported.update(f"{node.module}.{alias.name}" for alias in node.names)
        graph[name] = {other for other in imported & set(modules) if other != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return the strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(start: str) -> None:
        # iterative depth-first search: (node, its successors not yet visited)
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            for following in successors:
                if following not in index:
                    index[following] = low[following] = len(index)
                    stack.append(following)
                    on_stack.add(following)
                    work.append((following, iter(sorted(graph[following]))))
                    break
                if following in on_stack:
                    low[node] = min(low[node], index[following])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_the_scan_finds_a_cycle_where_there_is_one(tmp_path: Path) -> None:
    (tmp_path / "mesaform").mkdir()
    (tmp_path / "proofs" / "checking").mkdir(parents=True)
    files = {
        "proofs/checking/check.py": "from mesaform.proofs.checking.result import R\n",
        "proofs/checking/result.py": "import json\n",
        "proofs/checking/report.py": (
            "from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n    from mesaform.proofs.checking.checkpoint import C\n"
        ),
        "proofs/checking/checkpoint.py": (
            "def later():\n    from mesaform.proofs.checking import report\n"
        ),
        "mesaform/entry.py": "from mesaform.proofs.checking import check\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    modules = module_files(tmp_path)
    assert set(modules) == {
        "mesaform.entry",
        "mesaform.proofs.checking.check",
        "mesaform.proofs.checking.result",
        "mesaform.proofs.checking.report",
        "mesaform.proofs.checking.checkpoint",
    }
    assert cycles(import_graph(modules)) == [
        ["mesaform.proofs.checking.checkpoint", "mesaform.proofs.checking.report"]
    ]


def test_mesaform_proofs_has_no_import_cycle() -> None:
    modules = module_files(ROOT)
    proofs = {name: path for name, path in modules.items() if name.startswith("mesaform.proofs")}
    assert "mesaform.proofs.checking.check" in proofs
    assert cycles(import_graph(proofs)) == []


def test_mesaform_has_no_import_cycle() -> None:
    graph = import_graph(module_files(ROOT))
    assert graph["mesaform.proofs.checking.report"] >= {"mesaform.proofs.checking.result"}
    assert cycles(graph) == []
