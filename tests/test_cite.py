"""``mesaform cite`` and ``mesaform --version`` name this exact version by its source tree.

The BibTeX entry is parsed and formatted by pybtex's classic ``plain`` style, the CFF file
validated against the CFF 1.2.0 schema by cffconvert; both are made for an identified
source (a checkout, clean or dirty, or a build) and an unidentified one. Their metadata
agree with ``CITATION.cff`` and ``pyproject.toml``.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml  # type: ignore[import-untyped]
from cffconvert.citation import Citation  # type: ignore[import-untyped]

from mesaform import __version__
from mesaform.cli.cite import AUTHOR, DATE_RELEASED, LICENSE, TITLE, bibtex, cff, text
from mesaform.provenance import Provenance, provenance
from tests.cli_helpers import invoke

ROOT = Path(__file__).resolve().parent.parent
TREE = "swh:1:dir:" + "0123456789abcdef0123" * 2
COMMIT = "fedcba9876543210" * 2 + "01234567"

SOURCES = {
    "clean checkout": Provenance("0.1.0", "checkout", TREE, COMMIT, False),
    "dirty checkout": Provenance("0.1.0", "checkout", TREE, COMMIT, True),
    "build": Provenance("0.1.0", "build", TREE, COMMIT, False),
    "unidentified": Provenance("0.1.0", "unidentified"),
}


def formatted(entry: str) -> tuple[dict[str, Any], str]:
    """Parse a BibTeX entry with pybtex; return its fields and its ``plain`` rendering."""
    from pybtex.backends.plaintext import Backend
    from pybtex.database import parse_string
    from pybtex.style.formatting.plain import Style

    database = parse_string(entry, "bibtex")
    assert len(database.entries) == 1
    (parsed,) = database.entries.values()
    (styled,) = Style().format_entries(database.entries.values())
    return dict(parsed.fields), styled.text.render(Backend())


@pytest.mark.parametrize("name", SOURCES)
def test_the_bibtex_entry_names_the_version_and_the_source_tree(name: str) -> None:
    source = SOURCES[name]
    fields, rendered = formatted(bibtex(source))
    assert rendered.startswith(f"{AUTHOR}. ")
    assert TITLE in rendered and "November 2026" in rendered
    assert f"version {source.version}" in rendered and f"{LICENSE} license" in rendered
    assert "http" not in bibtex(source)
    if source.swhid is None:
        assert "howpublished" not in fields and "source tree not identified" in rendered
    else:
        assert fields["howpublished"] == f"Source tree {TREE}" and TREE in rendered
        assert f"git commit {COMMIT}" in rendered
        assert ("with uncommitted changes" in rendered) == bool(source.dirty)


@pytest.mark.parametrize("name", SOURCES)
def test_the_cff_file_is_valid_and_names_the_source_tree(name: str) -> None:
    source = SOURCES[name]
    written = cff(source)
    Citation(written).validate()  # raises on any schema violation
    loaded = yaml.safe_load(written)
    if source.swhid is None:
        assert "identifiers" not in loaded and "commit" not in loaded
    else:
        assert loaded["identifiers"][0]["type"] == "swh"
        assert loaded["identifiers"][0]["value"] == TREE
        assert loaded["commit"] == COMMIT
        described = loaded["identifiers"][0]["description"]
        assert ("uncommitted changes" in described) == bool(source.dirty)
    assert "http" not in written


def test_the_cff_validator_would_refuse_a_malformed_identifier() -> None:
    broken = cff(SOURCES["build"]).replace(TREE, "swh:1:dir:not-a-hash")
    with pytest.raises(Exception):  # noqa: B017 -- jsonschema's ValidationError
        Citation(broken).validate()


@pytest.mark.parametrize("name", SOURCES)
def test_the_text_citation_is_one_sentence_with_the_source(name: str) -> None:
    source = SOURCES[name]
    line = text(source)
    assert line.count("\n") == 1 and line.startswith(f"{AUTHOR} (2026). {TITLE}. ")
    assert (TREE in line) == (source.swhid is not None)
    assert ("not identified" in line) == (source.swhid is None)


def test_the_metadata_agree_with_citation_cff_and_pyproject() -> None:
    repository = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    generated = yaml.safe_load(cff(provenance()))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for key in ("cff-version", "title", "type", "authors", "version", "license"):
        assert generated[key] == repository[key], key
    assert str(repository["date-released"]) == DATE_RELEASED.isoformat()
    assert generated["date-released"] == DATE_RELEASED.isoformat()
    assert repository["version"] == project["version"] == __version__
    assert "url" not in repository and "repository-code" not in repository


@pytest.mark.parametrize("output_format", ["bibtex", "cff", "text"])
def test_mesaform_cite_prints_the_running_code(
    capsys: pytest.CaptureFixture[str], output_format: str
) -> None:
    made = {"bibtex": bibtex, "cff": cff, "text": text}[output_format](provenance())
    code, out, err = invoke(capsys, "cite", "--format", output_format)
    assert (code, out, err) == (0, made, "")
    swhid = provenance().swhid
    if swhid is not None:
        assert swhid in out


def test_mesaform_cite_defaults_to_text_and_refuses_an_unknown_format(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert invoke(capsys, "cite")[1] == text(provenance())
    code, out, err = invoke(capsys, "cite", "--format", "ris")
    assert code == 2 and out == "" and err.count("\n") == 1 and "'ris'" in err


def test_mesaform_version_prints_the_version_and_the_source(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = invoke(capsys, "--version")
    first, second = out.splitlines()
    assert (code, err, first) == (0, "", f"mesaform {__version__}")
    assert second == provenance().describe()
    if (ROOT / ".git").exists():
        assert re.fullmatch(
            r"source swh:1:dir:[0-9a-f]{40} \(a git checkout at commit "
            r"[0-9a-f]{40}( with uncommitted changes)?\)",
            second,
        ), second


def test_the_cite_page_shows_what_mesaform_cite_prints() -> None:
    page = (ROOT / "docs" / "cite.md").read_text(encoding="utf-8")
    shown = re.search(r"```text\n(@misc\{mesaform_.*?)```", page, re.DOTALL)
    assert shown, "docs/cite.md does not show the entry of mesaform cite"
    printed = bibtex(SOURCES["clean checkout"]).replace(TREE[len("swh:1:dir:") :], "<hex>")
    printed = printed.replace(COMMIT, "<hex>")
    assert shown.group(1) == printed.replace("<hex>", "<40 hex digits>")


@pytest.mark.parametrize("argv", [["cite", "--format"], ["cite", "extra"], ["cite", "--url"]])
def test_bad_cite_arguments_are_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = invoke(capsys, *argv)
    assert (code, out) == (2, "") and err.count("\n") == 1 and err.startswith("mesaform")
