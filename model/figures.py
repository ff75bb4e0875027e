"""Save matplotlib figures for papers: PNG, PDF or SVG by the file's name, atomically.

A reader sees the old picture or the new one, never half of one. The format is the
file's extension (:data:`FIGURE_FORMATS`; any other is refused before any work, by
:func:`figure_format`); rasters are written at :data:`RASTER_DPI` dots per inch.

Main definitions: :data:`FIGURE_FORMATS`, :data:`RASTER_DPI`, :func:`figure_format`,
:func:`save_figure_atomically`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mesaform.model.files import write_atomically

FIGURE_FORMATS = ("png", "pdf", "svg")
"""The formats a figure is written in, named by the file's extension."""

RASTER_DPI = 200
"""Dots per inch of a PNG (a PDF or an SVG is drawn as vectors)."""


def figure_format(path: Path) -> str:
    """Return the format of a figure written to ``path``: its extension, lower case.

    Raise ``ValueError`` (one line) when the extension is not one of
    :data:`FIGURE_FORMATS`.
    """
    extension = Path(path).suffix.lower().lstrip(".")
    if extension not in FIGURE_FORMATS:
        named = f"'.{extension}'" if extension else "no extension"
        raise ValueError(
            f"{str(path)!r} has {named}; a figure is written as .png, .pdf or .svg, "
            "chosen by the file's extension"
        )
    return extension


def save_figure_atomically(figure: Any, path: Path, dpi: int = RASTER_DPI) -> None:
    """Save ``figure`` to ``path`` in the format its extension names (:func:`figure_format`),
    via a temporary file in the same folder."""
    kind = figure_format(path)
    # No creation date in a PDF or SVG: the same figure is the same file.
    metadata = {"CreationDate": None} if kind == "pdf" else {"Date": None} if kind == "svg" else {}
    write_atomically(
        path,
        lambda temporary: figure.savefig(
            temporary, format=kind, dpi=max(dpi, RASTER_DPI), metadata=metadata
        ),
    )
