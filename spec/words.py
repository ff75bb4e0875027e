"""Counts in words, as mesaform prints them: ``1 string``, ``2 strings``, ``1 candidate``.

A count of more than :data:`LONG_COUNT_BITS` bits (the strings of a bound with a
deciding length of millions) is written exactly but compactly, ``2^2000002 - 1``
(or ``0x...`` when it is no power of two near), never in decimal: converting a
two-million-bit integer to decimal takes a minute, and Python's ``json`` refuses to
read an integer of more than 4,300 digits by default.

Main definitions: :func:`plural`, :func:`count_text`, :func:`count_json`.
"""

from __future__ import annotations

IRREGULAR = {"is": "are", "was": "were", "query": "queries", "this": "these"}


LONG_COUNT_BITS = 14_000
"""Counts of at most this many bits (4,215 decimal digits) are written in decimal."""


def count_text(count: int) -> str:
    """Return ``count`` exactly: in decimal, or past :data:`LONG_COUNT_BITS` bits as
    ``2^k``, ``2^k - 1`` or ``2^k + 1`` when it is one of those, else in hexadecimal."""
    if count.bit_length() <= LONG_COUNT_BITS:
        return str(count)
    for offset, shown in ((0, ""), (1, " - 1"), (-1, " + 1")):
        power = count + offset
        if power & (power - 1) == 0:
            return f"2^{power.bit_length() - 1}{shown}"
    return hex(count)


def count_json(count: int) -> int | str:
    """Return ``count`` for a JSON report: the integer, or past :data:`LONG_COUNT_BITS`
    bits the string of :func:`count_text` (docs/checking.md)."""
    return count if count.bit_length() <= LONG_COUNT_BITS else count_text(count)


def plural(count: int, word: str, words: str | None = None) -> str:
    """Return ``count`` and ``word``, in the plural unless ``count`` is 1 (``1 state``)."""
    if count == 1:
        return f"{count} {word}"
    return f"{count_text(count)} {words or IRREGULAR.get(word, word + 's')}"
