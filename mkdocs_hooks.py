"""MkDocs hooks of the mesaform site (mkdocs.yml ``hooks:``).

The docstrings name other objects with Sphinx roles (``:func:`run```,
``:class:`~mesaform.spec.programs.Table```); the API reference shows them as code, without the role
and without the ``~`` shortening mark.

Each cell of a table written in Markdown gets its column's header as ``data-label``, so
that on a narrow screen (a phone) the stylesheet (docs/assets/stylesheets/tables.css) can
show each row as a card of labelled cells instead of squeezing the columns until words
break.
"""

from __future__ import annotations

import html
import re
from typing import Any

ROLE = re.compile(r":(?:func|class|mod|data|meth|attr|exc|obj):(?=<code>)")
SHORTENED = re.compile(r"<code>~")
TABLE = re.compile(r"<table>(.*?)</table>", re.DOTALL)
HEADER = re.compile(r"<th[^>]*>(.*?)</th>", re.DOTALL)
ROW = re.compile(r"<tr>(.*?)</tr>", re.DOTALL)
CELL = re.compile(r"<td(?=[\s>])")
TAG = re.compile(r"<[^>]+>")


def _label(cell: str) -> str:
    """Return a header cell's text, as an attribute value."""
    return html.escape(html.unescape(TAG.sub("", cell)).strip(), quote=True)


def _labelled(match: re.Match[str]) -> str:
    """Return a Markdown table with each body cell labelled by its column's header."""
    body = match.group(1)
    labels = [_label(cell) for cell in HEADER.findall(body)]
    if not labels:
        return match.group(0)

    def row(found: re.Match[str]) -> str:
        names = iter(labels)
        return (
            "<tr>"
            + CELL.sub(lambda _: f'<td data-label="{next(names, "")}"', found.group(1))
            + "</tr>"
        )

    return "<table>" + ROW.sub(row, body) + "</table>"


def on_page_content(html_text: str, **_: Any) -> str:
    """Drop Sphinx role markers in front of inline code; label the cells of tables."""
    text = SHORTENED.sub("<code>", ROLE.sub("", html_text))
    return TABLE.sub(_labelled, text)
