"""No Python module of the repository is longer than 700 lines.

A module that grows past that mixes concerns a reader should find apart (docs/layout.md):
split it by concern, as ``model/kernels/`` and the reliability tests are split.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("spec", "model", "proofs", "mesaform", "tests", "bench")
LIMIT = 700


def python_modules() -> list[Path]:
    """Every ``*.py`` file under :data:`FOLDERS`, each once (``mesaform/`` links the others)."""
    found = {
        path.resolve()
        for folder in FOLDERS
        for path in (ROOT / folder).rglob("*.py")
        if "__pycache__" not in path.parts
    }
    return sorted(found)


def test_the_scan_sees_every_layer() -> None:
    names = {path.relative_to(ROOT).parts[0] for path in python_modules()}
    assert names == set(FOLDERS)
    assert ROOT / "model" / "kernels" / "tree_search.py" in python_modules()


def test_no_module_is_longer_than_the_limit() -> None:
    lengths = {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for path in python_modules()
    }
    assert {name: lines for name, lines in lengths.items() if lines > LIMIT} == {}
