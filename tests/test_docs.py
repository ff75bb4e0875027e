"""The documentation site builds offline, its nav is complete, and the citation is valid.

Checks ``mkdocs build --strict`` (what ``make docs`` runs), that every page under
docs/ is in the nav and every nav entry exists, that the concept pages have their
four parts, that every page names only Python objects that exist, that every
quotation of the post is verbatim (against docs/definitions.md, which lists the
post's sentences, and against the post itself where its text is beside the
repository), and that
``CITATION.cff`` is valid Citation File Format 1.2.0 and agrees with the README.
"""

from __future__ import annotations

import doctest
import importlib
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml  # type: ignore[import-untyped]
from cffconvert.citation import Citation  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CONCEPTS = DOCS / "concepts"

CONCEPT_SECTIONS = ("## Definition", "## Source", "## In mesaform", "## Theorems")


def mkdocs_config() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return loaded


def nav_pages(entries: Any) -> Iterator[str]:
    """Yield every page path in a MkDocs nav, however nested."""
    if isinstance(entries, str):
        yield entries
    elif isinstance(entries, list):
        for entry in entries:
            yield from nav_pages(entry)
    elif isinstance(entries, dict):
        for value in entries.values():
            yield from nav_pages(value)


def doc_pages() -> set[str]:
    return {path.relative_to(DOCS).as_posix() for path in DOCS.rglob("*.md")}


def concept_pages() -> list[Path]:
    return sorted(CONCEPTS.glob("*.md"))


# -- the site ----------------------------------------------------------------------------


def test_site_builds_offline_in_strict_mode(built_site: Path) -> None:
    tmp_path = built_site
    assert (tmp_path / "index.html").exists()
    # use_directory_urls: false -- each page is a file, so links work from file://
    assert (tmp_path / "concepts" / "inner-alignment.html").exists()
    assert (tmp_path / "vectors.html").exists()
    assert (tmp_path / "search" / "search_index.js").exists()  # the offline plugin's index
    # the API reference, generated from the docstrings (mkdocstrings)
    for page, name in (
        ("spec/alignment", "mesaform.spec.alignment.inner_aligned_up_to"),
        ("spec/interpreter", "mesaform.spec.interpreter.run"),
        ("model/engine", "mesaform.model.engine.run_fast"),
        ("proofs/checking.check", "mesaform.proofs.checking.check.check_claim"),
    ):
        html = (tmp_path / "api" / f"{page}.html").read_text(encoding="utf-8")
        assert f'id="{name}"' in html, f"api/{page}.html does not document {name}"
        # The text shows no Sphinx role; the source each object unfolds is shown as it is.
        text = re.sub(r'<details class="mkdocstrings-source">.*?</details>', "", html, flags=re.S)
        assert ":func:" not in text and ":class:" not in text, f"api/{page}.html shows roles"
    for written in tmp_path.rglob("*.html"):
        html = written.read_text(encoding="utf-8")
        remote = re.findall(r'(?:src|<link[^>]*href)="(https?:[^"]*)"', html)
        assert not remote, f"{written.relative_to(tmp_path)} loads {remote}: it must read offline"


def test_site_is_material_and_reads_from_disk() -> None:
    config = mkdocs_config()
    assert config["theme"]["name"] == "material"
    assert config["theme"]["font"] is False, "fonts would be fetched from the network"
    assert config["use_directory_urls"] is False
    plugins = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    assert "offline" in plugins and "mkdocstrings" in plugins
    shim = config["extra"]["polyfills"]
    assert shim == ["assets/javascripts/iframe-worker-shim.js"] and (DOCS / shim[0]).exists()


def test_every_page_is_in_the_nav_and_every_nav_entry_exists() -> None:
    listed = list(nav_pages(mkdocs_config()["nav"]))
    assert len(listed) == len(set(listed)), "a page is listed twice in nav"
    missing_from_nav = doc_pages() - set(listed)
    assert not missing_from_nav, f"pages under docs/ not in mkdocs.yml nav: {missing_from_nav}"
    missing_files = set(listed) - doc_pages()
    assert not missing_files, f"nav entries without a page under docs/: {missing_files}"


def test_nav_starts_with_home_and_ends_with_citing() -> None:
    nav = mkdocs_config()["nav"]
    assert nav[0] == {"Home": "index.md"}
    assert nav[-1] == {"How to cite": "cite.md"}


def test_every_concept_page_is_under_concepts_in_the_nav() -> None:
    nav = mkdocs_config()["nav"]
    concepts = next(entry["Concepts"] for entry in nav if "Concepts" in entry)
    assert set(nav_pages(concepts)) == {f"concepts/{p.name}" for p in CONCEPTS.glob("*.md")}


# -- the concept pages -------------------------------------------------------------------


@pytest.mark.parametrize("page", [p for p in concept_pages() if p.name != "index.md"], ids=str)
def test_concept_page_has_its_four_parts(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    positions = [text.find(section) for section in CONCEPT_SECTIONS]
    assert all(p >= 0 for p in positions), f"{page.name} lacks one of {CONCEPT_SECTIONS}"
    assert positions == sorted(positions), f"{page.name}: sections out of order"
    source = text[positions[1] : positions[2]]
    assert re.search(r"^> ", source, re.MULTILINE), f"{page.name}: no quotation"
    assert "mesaform prove" in text[positions[3] :], f"{page.name}: no theorem sentence"
    assert re.search(r"`mesaform\.(spec|model)\.", text[positions[2] : positions[3]]), page.name


def test_every_concept_of_the_issue_has_a_page() -> None:
    names = {p.stem for p in concept_pages()}
    assert names >= {
        "base-objective",
        "mesa-objective",
        "inner-alignment",
        "order-alignment",
        "approximate-alignment",
        "robust-alignment",
        "pseudo-alignment",
        "proxy-alignment",
        "suboptimality-alignment",
        "deceptive-alignment",
        "corrigible-alignment",
        "internal-alignment",
        "outer-alignment",
        "behavioral-objective",
        "base-optimizer",
        "mesa-optimizer",
        "world-states",
    }


def python_names(text: str) -> set[str]:
    return set(re.findall(r"`((?:spec|model|proofs|mesaform)(?:\.[A-Za-z_][A-Za-z_0-9]*)+)`", text))


def resolves(name: str) -> bool:
    parts = name.split(".")
    for split in range(len(parts), 0, -1):
        try:
            target: Any = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for attribute in parts[split:]:
            if not hasattr(target, attribute):
                return False
            target = getattr(target, attribute)
        return True
    return False


ALL_PAGES = [*sorted(DOCS.rglob("*.md")), ROOT / "README.md"]


def test_python_names_on_the_pages_exist() -> None:
    unresolved = {
        (page.relative_to(ROOT).as_posix(), name)
        for page in ALL_PAGES
        for name in python_names(page.read_text(encoding="utf-8"))
        if not resolves(name)
    }
    assert not unresolved, f"names that exist nowhere: {sorted(unresolved)}"


def theorem_lines(page: Path) -> list[tuple[str, str, str]]:
    """Return (name, kind, statement) for each theorem listed in the page's Theorems section."""
    text = page.read_text(encoding="utf-8")
    section = text[text.index("## Theorems") :]
    return re.findall(
        r"^- `([A-Za-z_0-9]+)` \((theorem|unfolding|countermodel)\): (.*)$", section, re.MULTILINE
    )


def test_theorems_on_the_pages_are_registered_with_mesaform_prove() -> None:
    from mesaform.proofs.theorems.prover import all_theorems

    registered = {theorem.name: theorem for theorem in all_theorems()}
    mentioned: set[str] = set()
    for page in [*concept_pages(), DOCS / "proved.md"]:
        if page.name == "index.md":
            continue
        for name, kind, statement in theorem_lines(page):
            assert name in registered, f"{page.name}: no theorem {name!r} in mesaform prove"
            assert kind == registered[name].kind, f"{page.name}: {name} is {registered[name].kind}"
            assert statement == registered[name].statement, f"{page.name}: {name}'s statement"
            mentioned.add(name)
    unmentioned = set(registered) - mentioned
    assert not unmentioned, f"theorems no page lists: {sorted(unmentioned)}"


def shared_file(*parts: str) -> Path | None:
    """Return a file of the project's shared sources beside the repository, if there is one."""
    for parent in ROOT.parents:
        candidate = parent.joinpath("shared", *parts)
        if candidate.exists():
            return candidate
    return None


def normalize(text: str) -> str:
    """Write the post's LaTeX in Unicode and collapse white space."""
    for latex, plain in (
        (r"\text{TM}", "TM"),
        (r"\rightarrow", "→"),
        (r"\mathbb{R}", "ℝ"),
        (r"\in", "∈"),
        (r"\{", "{"),
        (r"\}", "}"),
        ("$", ""),
    ):
        text = text.replace(latex, plain)
    return " ".join(text.split())


def quotations(page: Path) -> Iterator[tuple[str, str]]:
    """Yield (quoted text, attribution) for each block quotation on ``page``."""
    block: list[str] = []
    fenced = False
    for line in [*page.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("```"):
            fenced = not fenced
        if not fenced and line.startswith(">"):
            block.append(line[1:].strip())
            continue
        if block:
            attribution = block[-1]
            assert attribution.startswith("— "), f"{page.name}: quotation without attribution"
            yield " ".join(block[:-1]), attribution[2:]
            block = []


def post_sentences() -> list[str]:
    """Return the post's sentences as docs/definitions.md lists them (first column)."""
    text = (DOCS / "definitions.md").read_text(encoding="utf-8")
    return [normalize(q) for q in re.findall(r'^\| \d+ \| "(.+?)" \|', text, re.MULTILINE)]


def post_quotations() -> Iterator[tuple[Path, str]]:
    """Yield (page, quoted text without its marks) for each block quotation of the post."""
    for page in ALL_PAGES:
        for quoted, attribution in quotations(page):
            if attribution.startswith("the post"):
                assert quoted.startswith('"') and quoted.endswith('"'), (page.name, quoted)
                yield page, normalize(quoted[1:-1])


def test_definitions_list_the_post_sentence_by_sentence() -> None:
    sentences = post_sentences()
    assert len(sentences) >= 20
    assert len(set(sentences)) == len(sentences)
    post = shared_file("sources", "formalizing-mesa-optimizers.txt")
    if post is None:
        pytest.skip("the post's text is not beside this repository")
    post_text = normalize(post.read_text(encoding="utf-8"))
    for sentence in sentences:
        assert sentence in post_text, sentence


def test_quotations_of_the_post_are_verbatim() -> None:
    whole = " ".join(post_sentences())
    checked = 0
    for page, quoted in post_quotations():
        assert quoted in whole, (page.relative_to(ROOT).as_posix(), quoted)
        checked += 1
    assert checked >= 15


def test_quotations_of_the_paper_are_attributed_to_a_section() -> None:
    notes = shared_file()
    texts = [normalize(p.read_text(encoding="utf-8")) for p in notes.glob("*.md")] if notes else []
    checked = 0
    for page in ALL_PAGES:
        for quoted, attribution in quotations(page):
            if attribution.startswith("the post"):
                continue
            assert attribution.startswith("the paper, §"), (page.name, attribution)
            fragments = re.findall(r'"([^"]+)"', quoted)
            assert fragments, (page.name, quoted)
            for fragment in fragments:
                if texts:
                    quote = normalize(f'"{fragment}"')
                    assert any(quote in text for text in texts), (page.name, fragment)
            checked += 1
    assert checked >= 15


# -- the citation ------------------------------------------------------------------------


def citation() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    return loaded


def test_citation_file_is_valid_cff_1_2_0() -> None:
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    Citation(text).validate()  # raises on any schema violation
    assert "@misc" in Citation(text).as_bibtex()


def test_the_citation_survives_a_yaml_round_trip() -> None:
    unbroken = citation()
    unbroken["date-released"] = str(unbroken["date-released"])
    Citation(yaml.safe_dump(unbroken, allow_unicode=True)).validate()


@pytest.mark.parametrize(
    "breakage",
    [
        lambda c: c.pop("authors"),
        lambda c: c.update({"date-released": "25 November 2026"}),
        lambda c: c["references"][1].pop("type"),
        lambda c: c.update({"license": "not-a-license"}),
    ],
)
def test_the_validator_rejects_broken_citations(breakage: Any) -> None:
    broken = citation()
    broken["date-released"] = str(broken["date-released"])
    breakage(broken)
    with pytest.raises(Exception):  # noqa: B017 -- jsonschema's ValidationError
        Citation(yaml.safe_dump(broken, allow_unicode=True)).validate()


def test_citation_metadata() -> None:
    cff = citation()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert cff["cff-version"] == "1.2.0"
    assert cff["version"] == project["version"] == "0.1.0"
    assert str(cff["date-released"]) == "2026-11-25"
    assert cff["license"] == "MIT"
    assert cff["type"] == "software"
    assert cff["authors"] == [{"name": "The mesaform developers"}]
    titles = {reference["title"]: reference for reference in cff["references"]}
    assert "Formalizing Mesa Optimizers" in titles
    paper = titles["Risks from Learned Optimization in Advanced Machine Learning Systems"]
    assert paper["year"] == 2019
    assert [a["family-names"] for a in paper["authors"]] == [
        "Hubinger",
        "Merwijk",
        "Mikulik",
        "Skalse",
        "Garrabrant",
    ]
    assert {"type": "other", "value": "arXiv:1906.01820"}.items() <= paper["identifiers"][0].items()
    assert "url" not in paper and "doi" not in paper  # no address was checked
    # no address of mesaform's own: none has been checked (``mesaform cite`` names the code)
    assert "repository-code" not in cff and "url" not in cff
    post = titles["Formalizing Mesa Optimizers"]
    assert post["authors"] == [{"given-names": "Eli", "family-names": "Rose"}]
    assert "publisher" in post and "date-published" not in post and "url" not in post


def test_the_readme_python_sessions_return_what_they_say() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.DOTALL)
    assert len(blocks) >= 2
    assert all(block.startswith(">>> ") for block in blocks), "write README examples as sessions"
    session = doctest.DocTestParser().get_doctest("\n".join(blocks), {}, "README", "README.md", 0)
    assert len(session.examples) >= 20
    runner = doctest.DocTestRunner()
    runner.run(session)
    assert runner.failures == 0, "the README's Python sessions do not return what they say"


def bibtex_blocks(text: str) -> list[str]:
    return re.findall(r"```bibtex\n(.*?)```", text, re.DOTALL)


def test_readme_says_how_to_cite() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## How to cite" in readme
    section = readme[readme.index("## How to cite") :]
    assert "CITATION.cff" in section
    readme_entry = bibtex_blocks(section)[0]
    assert readme_entry == bibtex_blocks((DOCS / "cite.md").read_text(encoding="utf-8"))[0]
    assert "version 0.1.0" in readme_entry and "{{The mesaform developers}}" in readme_entry
    assert "month        = nov," in readme_entry and "date" not in readme_entry
    assert readme_entry.startswith("@misc{")


def formatted_entries() -> dict[str, str]:
    """Format every BibTeX entry of docs/cite.md with pybtex's classic ``plain`` style."""
    from pybtex.backends.plaintext import Backend
    from pybtex.database import parse_string
    from pybtex.style.formatting.plain import Style

    text = "\n".join(bibtex_blocks((DOCS / "cite.md").read_text(encoding="utf-8")))
    database = parse_string(text, "bibtex")
    formatted = Style().format_entries(database.entries.values())
    return {entry.key: entry.text.render(Backend()) for entry in formatted}


def test_bibtex_entries_format_with_the_classic_plain_style() -> None:
    entries = formatted_entries()
    assert set(entries) == {
        "mesaform_2026",
        "rose_formalizing_mesa_optimizers",
        "hubinger2019risks",
    }
    mesaform = entries["mesaform_2026"]
    for part in (
        "The mesaform developers.",
        "mesaform: a typed, executable reference formalization of mesa-optimizers",
        "November 2026",
        "version 0.1.0",
    ):
        assert part in mesaform, (part, mesaform)
    assert "http" not in mesaform
    paper = entries["hubinger2019risks"]
    for part in (
        "Evan Hubinger, Chris van Merwijk, Vladimir Mikulik, Joar Skalse, and Scott Garrabrant",
        "Risks from learned optimization in advanced machine learning systems",
        "2019",
        "arXiv:1906.01820",
    ):
        assert part in paper, (part, paper)
    post = entries["rose_formalizing_mesa_optimizers"]
    assert post.startswith("Eli Rose. Formalizing Mesa Optimizers.")
    assert "Eli Rose's personal website" in post
    # The post's text gives no date and no address: the entry claims neither.
    assert not re.search(r"\b(19|20)\d\d\b", post) and "http" not in post


def test_cite_page_shows_what_cffconvert_produces() -> None:
    produced = Citation((ROOT / "CITATION.cff").read_text(encoding="utf-8")).as_bibtex()
    shown = re.search(
        r"```text\n(@misc\{YourReferenceHere,.*?)```",
        (DOCS / "cite.md").read_text(encoding="utf-8"),
        re.DOTALL,
    )
    assert shown, "docs/cite.md does not show cffconvert's output"
    assert produced.strip() == shown.group(1).strip()


def test_cffconvert_validates_the_citation_from_the_command_line() -> None:
    command = Path(sys.executable).parent / "cffconvert"
    if not command.exists():
        pytest.skip(f"no cffconvert command beside {sys.executable}")
    completed = subprocess.run(
        [str(command), "--validate", "-i", str(ROOT / "CITATION.cff")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "Citation metadata are valid" in completed.stdout


def test_files_the_readme_names_exist(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.cli_helpers import invoke

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"\b((?:examples|docs|vectors)/[\w./-]+\.(?:toml|md|json))", readme))
    assert "examples/my_claims.toml" in named
    missing = {path for path in named if not (ROOT / path).exists()}
    assert not missing, f"the README names files that do not exist: {missing}"
    code, out, _ = invoke(capsys, "check", str(ROOT / "examples" / "my_claims.toml"))
    assert code == 0, out  # every claim of the example ends as it expects


# -- the semantics page's worked examples are what the code does -------------------------


def test_the_worked_examples_of_the_semantics_are_what_the_code_does() -> None:
    from mesaform.model.standard_format import parse_machine
    from mesaform.spec.interpreter import run
    from mesaform.spec.library import replication_score, self_replication
    from mesaform.spec.machines import TM, encode_natural, read_natural
    from mesaform.spec.programs import Table, decode
    from mesaform.spec.results import Halted

    text = (DOCS / "semantics.md").read_text(encoding="utf-8")
    assert "`5 = 101₂` is `11 10 11 0` = `1110110`" in text
    assert encode_natural(5) == "1110110" and encode_natural(1) == "110"
    assert 'read_natural("111", 0) == (1, 3)' in text and read_natural("111", 0) == (1, 3)
    assert "`0 110 1101 1001 1000 1110` = `01101101100110001110`" in text
    assert parse_machine("1RB1LB_1LA1RZ") == "01101101100110001110"
    assert "`1RB1LB_1LA1RZ` halts after 6 steps with 4 ones" in text
    bb2 = run("01101101100110001110", "", 100)
    assert isinstance(bb2, Halted) and (bb2.steps, bb2.ones) == (6, 4)
    for empty_table in ("", "0", "00", "000"):
        assert decode(empty_table) == Table(0)
        assert run(empty_table, "", 0) == Halted(0, frozenset())
    assert "`self_replication_F(t) = a² / max(|o|, |t|)`" in text
    assert self_replication(100)(TM("")) == 0 == replication_score("", "")
    assert replication_score("0110", "0110") == 4
