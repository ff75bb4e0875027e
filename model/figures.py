"""Save matplotlib figures atomically: a reader sees the old picture or the new one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any


def save_figure_atomically(figure: Any, path: Path, dpi: int = 120) -> None:
    """Save ``figure`` as PNG to ``path`` via a temporary file in the same folder."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".png", dir=folder)
    os.close(descriptor)
    try:
        figure.savefig(temporary, format="png", dpi=dpi)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
