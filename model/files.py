"""Write result files atomically: a reader sees the old file or the whole new one.

Every file mesaform writes for a user (reports, pictures, SMT-LIB2 queries) goes
through a temporary file in the same folder and ``os.replace``, so an interrupted
run never leaves half a result.

Main definitions: :func:`write_atomically`, :func:`write_text_atomically`,
:func:`write_json_atomically`.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomically(path: Path, write: Callable[[str], None]) -> None:
    """Call ``write(temporary_path)``, then rename the temporary file over ``path``."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    os.close(descriptor)
    try:
        write(temporary)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def write_text_atomically(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically, flushed to disk before the rename."""

    def write(temporary: str) -> None:
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())

    write_atomically(path, write)


def write_json_atomically(path: Path, payload: object) -> None:
    """Write ``payload`` as indented JSON, with a final newline, to ``path`` atomically."""
    write_text_atomically(path, json.dumps(payload, indent=2) + "\n")
