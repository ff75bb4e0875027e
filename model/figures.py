"""Save matplotlib figures atomically: a reader sees the old picture or the new one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mesaform.model.files import write_atomically


def save_figure_atomically(figure: Any, path: Path, dpi: int = 120) -> None:
    """Save ``figure`` as PNG to ``path`` via a temporary file in the same folder."""
    write_atomically(path, lambda temporary: figure.savefig(temporary, format="png", dpi=dpi))
