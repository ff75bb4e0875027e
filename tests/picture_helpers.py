"""Look at a PNG the way a reader does: its size, that it is not blank, its red pixels."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np


def looked_at(path: Path, min_width: int = 500, min_height: int = 400) -> Any:
    """Check the picture's size and that it is not blank; return its RGB pixels (0..1)."""
    import matplotlib.image

    assert path.read_bytes().startswith(b"\x89PNG"), f"{path} is not a PNG"
    image = np.asarray(matplotlib.image.imread(path))[:, :, :3]
    height, width = image.shape[:2]
    assert width >= min_width and height >= min_height, (width, height)
    dark = float((image.sum(axis=2) < 0.5).mean())
    assert 0.005 < dark < 0.95, f"the picture is blank or black ({dark:.4f} of it dark)"
    return image


def red_pixels(image: Any) -> int:
    """Return how many pixels are clearly red (markers, the head)."""
    r, g, b = image[:, :, 0], image[:, :, 1], image[:, :, 2]
    return int(((r > 0.8) & (g < 0.4) & (b < 0.4)).sum())
