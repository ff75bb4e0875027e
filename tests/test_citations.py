"""The repository is self-contained: what it cites is in it, and it keeps no process notes.

Every file of the repository (code, docs, TOML, JSON, YAML, README, CITATION.cff,
Makefile, CI script) is scanned:

- a reference to a Markdown document (``semantics.md``, ``docs/semantics.md#pair-code``,
  a link ``[x](../vectors.md)``) must name a file of the repository, and its
  ``#anchor``, if any, must be a section of that file (an explicit ``{#anchor}``
  or the slug MkDocs gives a heading);
- the original design notes the formalism was drawn from are not in the
  repository, so no file may cite them, by file name or as "design §n"; the
  semantics is docs/semantics.md, the sources are the post and the paper;
- no development-process leftovers: references to the tracker's issue numbers,
  "uncomment", "once X is registered", "not yet on main", TODO/FIXME markers.

The scanners are themselves tested on small texts, so a scanner that finds nothing
cannot pass for a clean repository.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from markdown.extensions.toc import slugify  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

SKIPPED_DIRECTORIES = {
    ".git",
    ".venv",
    "venv",
    "site",
    "build",
    "dist",
    "src",  # src/mesaform is a link to mesaform/, scanned there
    "__pycache__",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    ".benchmarks",
}
SCANNED_SUFFIXES = {".py", ".md", ".toml", ".json", ".yml", ".yaml", ".cff", ".txt", ".cfg"}
SCANNED_NAMES = {"Makefile", "run", "LICENSE", ".gitignore"}

THIS_FILE = Path(__file__).resolve()

ALLOWED_EXTERNAL_CITATIONS: frozenset[str] = frozenset()
"""Files allowed to cite the design notes for now (relative paths); empty when clean."""

ALLOWED_LEFTOVERS: frozenset[str] = frozenset()
"""Files allowed to keep process leftovers for now (relative paths); empty when clean."""


def repository_files() -> Iterator[Path]:
    """Yield every text file of the repository that the scanners read."""
    for path in sorted(ROOT.rglob("*")):
        relative = path.relative_to(ROOT)
        parts = relative.parts
        if any(part in SKIPPED_DIRECTORIES or part.endswith(".egg-info") for part in parts):
            continue
        if not path.is_file() or path.resolve() == THIS_FILE:
            continue
        if path.suffix in SCANNED_SUFFIXES or path.name in SCANNED_NAMES:
            yield path


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


# -- references to Markdown documents and their sections ---------------------------------

DOCUMENT_REFERENCE = re.compile(
    r"(?<![\w/.:-])((?:\.\.?/|[\w-]+/)*[\w-]+\.md)(?:#([\w-]+))?(?![\w])"
)
"""A Markdown file name, with an optional path before it and an optional ``#anchor``."""

URL = re.compile(r"[a-z]+://\S+")


def document_references(text: str) -> Iterator[tuple[str, str | None]]:
    """Yield ``(path, anchor or None)`` for each Markdown document ``text`` refers to."""
    for match in DOCUMENT_REFERENCE.finditer(URL.sub(" ", text)):
        yield match.group(1), match.group(2)


def resolve_document(reference: str, citing: Path) -> Path | None:
    """Return the repository file ``reference`` names from ``citing``, or ``None``."""
    for base in (citing.parent, ROOT, DOCS, DOCS / "concepts"):
        candidate = (base / reference).resolve()
        if candidate.is_file() and ROOT in candidate.parents:
            return candidate
    return None


HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*$", re.MULTILINE)
EXPLICIT_ANCHOR = re.compile(r"\{:?\s*#([\w-]+)\s*\}\s*$")


@cache
def anchors(document: Path) -> frozenset[str]:
    """Return the section anchors of a Markdown document, as MkDocs makes them."""
    text = re.sub(r"```.*?```", "", document.read_text(encoding="utf-8"), flags=re.DOTALL)
    found = set()
    for heading in HEADING.findall(text):
        explicit = EXPLICIT_ANCHOR.search(heading)
        if explicit:
            found.add(explicit.group(1))
        else:
            found.add(slugify(heading.replace("`", ""), "-"))
    return frozenset(found)


def broken_references(path: Path) -> Iterator[str]:
    """Yield a message for each reference of ``path`` to a missing document or section."""
    text = path.read_text(encoding="utf-8")
    for reference, anchor in document_references(text):
        if relative(path) in ALLOWED_EXTERNAL_CITATIONS and external_citations(reference):
            continue
        target = resolve_document(reference, path)
        if target is None:
            yield f"{relative(path)} cites {reference}, which is not in the repository"
        elif anchor is not None and anchor not in anchors(target):
            yield (
                f"{relative(path)} cites {reference}#{anchor}: "
                f"{relative(target)} has no such section"
            )


EXTERNAL_NOTES = re.compile(r"\b(?:DESIGN|TAXONOMY)\b(?:\.md)?|\b[Dd]esign\s*§")
"""The design notes mesaform was drawn from, which are not part of the repository.

They are cited in capitals (the lower-case ``taxonomy.md`` is docs/taxonomy.md) or
as "design §n"; ``design`` as an ordinary word is not a citation.
"""


def external_citations(text: str) -> list[str]:
    """Return the citations of the design notes in ``text``."""
    return [match.group(0) for match in EXTERNAL_NOTES.finditer(text)]


LEFTOVERS = re.compile(
    r"\bissues?\s*#?\d+"
    r"|\buncomment"
    r"|\bonce\b[^.\n]{0,80}?\b(?:is|are)\s+(?:registered|merged|landed|on main)\b"
    r"|\bnot yet on main\b"
    r"|\b(?:TODO|FIXME|XXX)\b",
    re.IGNORECASE,
)
"""Notes about how the repository was developed, which mean nothing to a reader."""


def leftovers(text: str) -> list[str]:
    return [match.group(0) for match in LEFTOVERS.finditer(text)]


# -- the scanners find what they look for --------------------------------------------------


def test_document_references_are_found_with_their_anchors() -> None:
    text = (
        "see docs/semantics.md#pair-code and [x](../vectors.md), checking.md; "
        "not https://example.org/a.md or spec/x.py"
    )
    assert list(document_references(text)) == [
        ("docs/semantics.md", "pair-code"),
        ("../vectors.md", None),
        ("checking.md", None),
    ]


def test_a_missing_document_and_a_missing_section_are_reported(tmp_path: Path) -> None:
    citing = DOCS / "concepts" / "inner-alignment.md"
    assert resolve_document("../semantics.md", citing) == DOCS / "semantics.md"
    assert resolve_document("docs/semantics.md", ROOT / "spec" / "machines.py") is not None
    assert resolve_document("NOWHERE.md", citing) is None
    assert "pair-code" in anchors(DOCS / "semantics.md")
    assert "no-such-section" not in anchors(DOCS / "semantics.md")


def test_headings_without_an_explicit_anchor_get_mkdocs_slugs(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "# Title\n\n## The second formalization: world states\n\n## Claims {#claims}\n"
        "```\n## not a heading\n```\n",
        encoding="utf-8",
    )
    assert anchors(page) == {"title", "the-second-formalization-world-states", "claims"}


@pytest.mark.parametrize(
    "text",
    ["see DESIGN.md §2", "(TAXONOMY.md)", "as design §4 says", "DESIGN §3", "notes of DESIGN"],
)
def test_citations_of_the_design_notes_are_found(text: str) -> None:
    assert external_citations(text)


@pytest.mark.parametrize(
    "text", ["the design of the engine", "docs/taxonomy.md", "a taxonomy of concepts"]
)
def test_ordinary_words_are_not_citations(text: str) -> None:
    assert not external_citations(text)


@pytest.mark.parametrize(
    "text",
    [
        "(issue 3, Benchmarks)",
        "Issue 4: mesaform prove",
        "uncomment each line",
        "once TAXONOMY_THEOREMS and WORLD_THEOREMS are registered",
        "parts of mesaform not yet on main",
        "# TODO: faster",
    ],
)
def test_process_leftovers_are_found(text: str) -> None:
    assert leftovers(text)


@pytest.mark.parametrize(
    "text", ["the issue is that the objective", "once the run halts", "a temporary file"]
)
def test_ordinary_sentences_are_not_leftovers(text: str) -> None:
    assert not leftovers(text)


# -- the repository ----------------------------------------------------------------------


def test_the_scan_covers_code_docs_and_metadata() -> None:
    scanned = {relative(path) for path in repository_files()}
    for expected in (
        "README.md",
        "CITATION.cff",
        "pyproject.toml",
        "mkdocs.yml",
        "docs/semantics.md",
        "spec/machines.py",
        "mesaform/claims/default.toml",
        "vectors/mesaform-vectors.json",
    ):
        assert expected in scanned


def test_every_cited_document_and_section_is_in_the_repository() -> None:
    broken = [message for path in repository_files() for message in broken_references(path)]
    assert not broken, "\n".join(broken)


def test_no_file_cites_the_design_notes() -> None:
    citing = {
        relative(path): found
        for path in repository_files()
        if (found := external_citations(path.read_text(encoding="utf-8")))
        and relative(path) not in ALLOWED_EXTERNAL_CITATIONS
    }
    assert not citing, (
        "cite docs/semantics.md#anchor, the post, or the paper (with its section) instead: "
        f"{citing}"
    )


def test_no_development_process_leftovers() -> None:
    found = {
        relative(path): hits
        for path in repository_files()
        if (hits := leftovers(path.read_text(encoding="utf-8")))
        and relative(path) not in ALLOWED_LEFTOVERS
    }
    assert not found, found


def test_allowed_exceptions_are_still_needed() -> None:
    for name in ALLOWED_EXTERNAL_CITATIONS:
        assert external_citations((ROOT / name).read_text(encoding="utf-8")), name
    for name in ALLOWED_LEFTOVERS:
        assert leftovers((ROOT / name).read_text(encoding="utf-8")), name


SEMANTICS_ANCHORS = (
    *("machines", "pair-code", "programs", "running", "mesa-programs", "choice-rule"),
    *("objectives", "library-objectives", "self-replication", "alignment"),
    *("choice-reading", "argmax-inclusion", "taxonomy", "world-states", "outer-alignment"),
    *("claims", "bounds", "verdicts", "small-model"),
)


def test_the_semantics_keeps_its_stable_anchors() -> None:
    missing = set(SEMANTICS_ANCHORS) - anchors(DOCS / "semantics.md")
    assert not missing, f"docs/semantics.md lost the anchors {sorted(missing)}"
