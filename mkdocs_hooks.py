"""MkDocs hooks of the mesaform site (mkdocs.yml ``hooks:``).

The docstrings name other objects with Sphinx roles (``:func:`run```,
``:class:`~mesaform.spec.programs.Table```); the API reference shows them as code, without the role
and without the ``~`` shortening mark.
"""

from __future__ import annotations

import re
from typing import Any

ROLE = re.compile(r":(?:func|class|mod|data|meth|attr|exc|obj):(?=<code>)")
SHORTENED = re.compile(r"<code>~")


def on_page_content(html: str, **_: Any) -> str:
    """Drop Sphinx role markers in front of inline code in the rendered page."""
    return SHORTENED.sub("<code>", ROLE.sub("", html))
