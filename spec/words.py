"""Counts in words, as mesaform prints them: ``1 string``, ``2 strings``, ``1 candidate``.

Main definition: :func:`plural`.
"""

from __future__ import annotations

IRREGULAR = {"is": "are", "was": "were", "query": "queries", "this": "these"}


def plural(count: int, word: str, words: str | None = None) -> str:
    """Return ``count`` and ``word``, in the plural unless ``count`` is 1 (``1 state``)."""
    if count == 1:
        return f"{count} {word}"
    return f"{count} {words or IRREGULAR.get(word, word + 's')}"
