"""``mesaform cite``: a citation of exactly the code that runs, by its content.

The citation names the version and the SWHID of the source tree
(:mod:`mesaform.provenance`), never a web address: anyone holding the files can recompute
the identifier with git (docs/cite.md). The metadata are those of ``CITATION.cff`` at the
repository's root (a test checks that they agree).

Main definitions:

- :data:`TITLE`, :data:`AUTHOR`, :data:`DATE_RELEASED`, :data:`LICENSE` -- the metadata;
- :func:`bibtex`, :func:`cff`, :func:`text` -- the citation in each format;
- :func:`cite_command` -- the command.
"""

from __future__ import annotations

import json
from datetime import date

import click

from mesaform.provenance import Provenance, provenance

TITLE = "mesaform: a typed, executable reference formalization of mesa-optimizers"
"""The title, as in ``CITATION.cff``."""
AUTHOR = "The mesaform developers"
"""The author: a team, not a person."""
DATE_RELEASED = date(2026, 11, 25)
"""The release date of this version."""
LICENSE = "MIT"
"""The license, as an SPDX identifier."""
MESSAGE = (
    "If you use mesaform, its definitions or its test vectors, please cite this exact "
    "version by its source tree, together with the post and the paper it formalizes."
)
"""What a citation file asks of its reader."""
FORMATS = ("bibtex", "cff", "text")
"""The formats of ``mesaform cite --format``."""

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
"""BibTeX's month macros."""


def origin(source: Provenance) -> str:
    """Return, in words, the commit the source tree came from (``""`` when unknown)."""
    if source.commit is None:
        return ""
    change = " with uncommitted changes" if source.dirty else ""
    return f"git commit {source.commit}{change}"


def bibtex(source: Provenance) -> str:
    """Return a ``@misc`` entry that classic BibTeX styles print in full.

    The source tree's SWHID is in ``howpublished`` (which classic styles print), the
    version, the commit and the license in ``note``.
    """
    notes = [f"Software, version {source.version}"]
    if source.swhid is None:
        notes.append("source tree not identified")
    elif source.commit is not None:
        notes.append(origin(source))
    notes.append(f"{LICENSE} license")
    braced_title = TITLE.replace("mesaform:", "{mesaform}:", 1)
    fields = [("author", f"{{{{{AUTHOR}}}}}"), ("title", f"{{{braced_title}}}")]
    if source.swhid is not None:
        fields.append(("howpublished", f"{{Source tree {source.swhid}}}"))
    fields += [
        ("note", f"{{{', '.join(notes)}}}"),
        ("year", f"{{{DATE_RELEASED.year}}}"),
        ("month", MONTHS[DATE_RELEASED.month - 1]),
    ]
    key = f"mesaform_{source.version.replace('.', '_')}"
    body = "".join(f"  {name:<12} = {value},\n" for name, value in fields)
    return f"@misc{{{key},\n{body}}}\n"


def cff(source: Provenance) -> str:
    """Return a Citation File Format 1.2.0 file of this version, with its source tree.

    The tree's SWHID is an identifier of type ``swh``, the commit is ``commit``; strings
    are written as JSON strings, which YAML reads as they are.
    """
    lines = [
        "cff-version: 1.2.0",
        f"message: {json.dumps(MESSAGE)}",
        f"title: {json.dumps(TITLE)}",
        "type: software",
        "authors:",
        f"  - name: {json.dumps(AUTHOR)}",
        f"version: {json.dumps(source.version)}",
        f'date-released: "{DATE_RELEASED.isoformat()}"',
        f"license: {LICENSE}",
    ]
    if source.commit is not None:
        lines.append(f"commit: {json.dumps(source.commit)}")
    if source.swhid is not None:
        described = "The source tree of this version: a git tree hash, recomputable with git"
        if source.dirty:
            described += ", of the working tree of the commit with uncommitted changes"
        lines += [
            "identifiers:",
            "  - type: swh",
            f"    value: {json.dumps(source.swhid)}",
            f"    description: {json.dumps(described + '.')}",
        ]
    return "\n".join(lines) + "\n"


def text(source: Provenance) -> str:
    """Return the citation as one sentence of plain text."""
    where = "source tree not identified" if source.swhid is None else f"source tree {source.swhid}"
    commit = origin(source)
    if source.swhid is not None and commit:
        where += f" ({commit})"
    return (
        f"{AUTHOR} ({DATE_RELEASED.year}). {TITLE}. Software, version {source.version}, "
        f"{where}. {LICENSE} license.\n"
    )


@click.command("cite")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="bibtex: a @misc entry; cff: a CITATION.cff; text: one sentence.",
)
def cite_command(output_format: str) -> None:
    """Print a citation of this exact version: its version and source tree (SWHID)."""
    source = provenance()
    formats = {"bibtex": bibtex, "cff": cff, "text": text}
    click.echo(formats[output_format](source), nl=False)
