"""The documentation site, opened from disk in a real browser, shows its tables and navigates.

Builds the site with ``mkdocs build --strict`` (what ``make docs`` runs) and opens it in
headless Chromium from ``file://``, as a reader does after ``make docs``: at a window 1280 px
wide, every column of every table on the Definitions, Checking and Home pages is on screen
(not cut off or behind a scrollbar), clicking a nav link opens a page, not a directory, and
search answers without a server. At 390 px (a phone) the definitions table shows every
cell whole, labelled by its column, with no word broken across lines. The API reference
has a page per module, whose only headings are its objects (no stray heading from a
docstring), whose signatures link the types they name, and which shows each object's
source; at 390 px no API page scrolls sideways.

The page is measured by a small script appended to a copy of it: for each table header cell
it scrolls the cell into view and asks the browser which element is drawn at the cell's
centre; the answers land in an attribute of ``<body>`` that ``chromium --dump-dom`` prints.
Skipped, with the reason, when no Chromium is installed (``.ci/run`` installs Debian's
``chromium``, so CI does not skip). ``make docs-check`` runs this file.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WIDTH = 1280
PAGES_WITH_TABLES = ("definitions.html", "checking.html", "index.html")
MIN_WINDOW = 500
"""Chromium's narrowest window, in px."""


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


BROWSER = chromium()
pytestmark = pytest.mark.skipif(
    BROWSER is None, reason="no Chromium installed (Debian: apt-get install chromium)"
)

MEASURE = """
<script>
window.addEventListener("load", () => {
  const width = document.documentElement.clientWidth;
  const cells = [];
  document.querySelectorAll("article table").forEach((table, t) => {
    table.querySelectorAll("thead th").forEach((th, c) => {
      th.scrollIntoView({block: "center", inline: "nearest"});
      const r = th.getBoundingClientRect();
      const x = r.left + r.width / 2, y = r.top + r.height / 2;
      const hit = document.elementFromPoint(x, y);
      cells.push({table: t, column: c, text: th.textContent.trim(),
                  left: r.left, right: r.right, width: r.width,
                  shown: r.width > 0 && r.left >= 0 && r.right <= width
                         && hit !== null && th.contains(hit)});
    });
  });
  document.body.setAttribute("data-columns", JSON.stringify({width: width, cells: cells}));
});
</script>
"""


def run_chromium(url: str, tmp_path: Path, budget: int = 3000, width: int = WIDTH) -> str:
    assert BROWSER is not None
    completed = subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--window-size={width},900",
            f"--virtual-time-budget={budget}",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    return completed.stdout


def columns(built_site: Path, page: str, tmp_path: Path) -> dict[str, object]:
    """Open a copy of ``page`` with the measuring script; return what it measured."""
    return measure(built_site, page, tmp_path, MEASURE, "data-columns")


def measure(
    built_site: Path, page: str, tmp_path: Path, script: str, attribute: str, width: int = WIDTH
) -> dict[str, object]:
    """Open a copy of ``page`` with ``script``; return the JSON it left in ``attribute``."""
    original = built_site / page
    # The probe lives in tmp_path, not in the shared site; <base> keeps the page's
    # relative links (stylesheets, scripts) pointing into the built site.
    probe = tmp_path / f"probe-{original.name}"
    base = f'<base href="{original.parent.as_uri()}/">'
    text = original.read_text(encoding="utf-8")
    probe.write_text(
        text.replace("<head>", "<head>" + base, 1).replace("</body>", script + "</body>"),
        encoding="utf-8",
    )
    url = probe.as_uri()
    if width < MIN_WINDOW:
        # Chromium's window is at least 500 px wide: a narrower screen is a frame that wide,
        # whose page posts what it measured to the window around it.
        relay = (
            f'<script>window.addEventListener("load", () => parent.postMessage(["{attribute}", '
            f'document.body.getAttribute("{attribute}")], "*"));</script>'
        )
        probe.write_text(
            probe.read_text(encoding="utf-8").replace("</body>", relay + "</body>"),
            encoding="utf-8",
        )
        frame = tmp_path / f"frame-{original.name}"
        frame.write_text(
            "<!doctype html><html><body style='margin:0'>"
            '<script>window.addEventListener("message", (e) => '
            "document.body.setAttribute(e.data[0], e.data[1]));</script>"
            f'<iframe src="{probe.as_uri()}" style="width:{width}px;height:900px;border:0">'
            "</iframe></body></html>",
            encoding="utf-8",
        )
        url = frame.as_uri()
    dom = run_chromium(url, tmp_path, width=max(width, MIN_WINDOW))
    found = re.search(attribute + r'="([^"]*)"', dom)
    assert found, f"{page}: the measuring script did not run in the browser"
    measured: dict[str, object] = json.loads(html.unescape(found.group(1)))
    return measured


@pytest.mark.parametrize("page", PAGES_WITH_TABLES)
def test_every_table_column_is_on_screen_at_1280_px(
    built_site: Path, page: str, tmp_path: Path
) -> None:
    measured = columns(built_site, page, tmp_path)
    cells = measured["cells"]
    assert isinstance(cells, list) and cells, f"{page}: no table found"
    hidden = [cell for cell in cells if not cell["shown"]]
    assert not hidden, f"{page} at {WIDTH} px: columns not on screen: {hidden}"


def markdown_header(page: str) -> list[str]:
    """Return the header cells of the first table of ``docs/<page>.md``, as a browser shows them."""
    for line in (ROOT / "docs" / f"{page}.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("|"):
            return [cell.strip().replace("`", "") for cell in line.strip("|").split("|")]
    raise AssertionError(f"docs/{page}.md has no table")


def test_definitions_page_shows_all_its_columns(built_site: Path, tmp_path: Path) -> None:
    cells = columns(built_site, "definitions.html", tmp_path)["cells"]
    assert isinstance(cells, list)
    first = [cell["text"] for cell in cells if cell["table"] == 0]
    assert first == markdown_header("definitions") and len(first) >= 3
    assert all(cell["shown"] for cell in cells if cell["table"] == 0)


def test_a_nav_link_opens_a_page_from_disk(built_site: Path, tmp_path: Path) -> None:
    dom = run_chromium((built_site / "index.html").as_uri(), tmp_path)
    links = re.findall(r'<a href="([^"#]*)"[^>]*class="md-nav__link', dom)
    assert links, "no navigation links on the home page"
    assert not [link for link in links if link.endswith("/")], "a nav link names a directory"
    definitions = next(link for link in links if link.endswith("definitions.html"))
    target = (built_site / definitions).resolve()
    page = run_chromium(target.as_uri(), tmp_path)
    title = (ROOT / "docs" / "definitions.md").read_text(encoding="utf-8").splitlines()[0]
    assert title.startswith("# ")
    assert f">{html.escape(title[2:], quote=False)}<" in page.replace("&#39;", "'")
    assert "mesaform.spec.objectives.PartialObjective" in page


def test_search_answers_from_disk(built_site: Path, tmp_path: Path) -> None:
    """The offline plugin's inlined index and the bundled iframe-worker shim: no server."""
    dom = run_chromium((built_site / "index.html").as_uri() + "?q=inner", tmp_path, budget=8000)
    found = re.search(r'md-search-result__meta">(\d+) matching document', dom)
    assert found, "search did not answer from file://"
    assert int(found.group(1)) > 0


PHONE = 390

CARDS = """
<script>
window.addEventListener("load", () => {
  const width = document.documentElement.clientWidth;
  const table = document.querySelector("article table");
  const headers = Array.from(table.querySelectorAll("thead th")).map(th => th.textContent.trim());
  const cells = [];
  table.querySelectorAll("tbody td").forEach((td) => {
    td.scrollIntoView({block: "center"});
    const r = td.getBoundingClientRect();
    let broken = [];
    const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const re = /[^\\s\\u2010-\\u2015-]+/g;  // a hyphen may end a line
      let m;
      while ((m = re.exec(node.textContent)) !== null) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set(Array.from(range.getClientRects()).map(q => Math.round(q.top)));
        if (lines.size > 1) broken.push(m[0]);
      }
    }
    cells.push({label: td.getAttribute("data-label"), left: r.left, right: r.right,
                label_shown: getComputedStyle(td, "::before").content, broken: broken});
  });
  document.body.setAttribute("data-cards", JSON.stringify(
    {width: width, headers: headers, cells: cells,
     overflow: document.documentElement.scrollWidth - width}));
});
</script>
"""


def test_the_definitions_table_reads_on_a_phone(built_site: Path, tmp_path: Path) -> None:
    """At 390 px each row is a card: every cell whole on screen, labelled by its column,
    and no word broken across two lines."""
    measured = measure(built_site, "definitions.html", tmp_path, CARDS, "data-cards", PHONE)
    width, cells = measured["width"], measured["cells"]
    assert isinstance(width, int) and width <= PHONE and isinstance(cells, list)
    headers = measured["headers"]
    assert headers == markdown_header("definitions")
    assert len(cells) >= 4 * len(headers)
    assert measured["overflow"] == 0, "the page scrolls sideways"
    for index, cell in enumerate(cells):
        assert cell["label"] == headers[index % len(headers)]
        assert cell["left"] >= 0 and cell["right"] <= width, cell
        assert not cell["broken"], f"words broken across lines: {cell}"
        if cell["label"]:
            assert cell["label_shown"] == json.dumps(cell["label"]), cell


API_PAGE = """
<script>
window.addEventListener("load", () => {
  const width = document.documentElement.clientWidth;
  const article = document.querySelector("article");
  const headings = Array.from(article.querySelectorAll("h1, h2, h3, h4, h5, h6")).slice(1).map(
    h => h.id);
  const toc = Array.from(document.querySelectorAll(".md-sidebar--secondary .md-nav__link"))
    .map(a => a.getAttribute("href") || "");
  const signatures = {};
  article.querySelectorAll("h2[id], h3[id]").forEach((h) => {
    let next = h.nextElementSibling;
    if (next && next.classList.contains("doc-signature")) {
      signatures[h.id] = Array.from(next.querySelectorAll("a")).map(
        a => a.textContent.trim() + " " + a.getAttribute("href"));
    }
  });
  const sources = Array.from(article.querySelectorAll("details summary")).filter(
    s => s.textContent.startsWith("Source code in")).length;
  document.body.setAttribute("data-api", JSON.stringify({
    width: width, title: article.querySelector("h1").textContent.replace("\u00b6", "").trim(),
    headings: headings, toc: toc, signatures: signatures, sources: sources,
    overflow: document.documentElement.scrollWidth - width}));
});
</script>
"""


def api_pages(built_site: Path) -> list[str]:
    return sorted(
        str(path.relative_to(built_site)) for path in (built_site / "api").glob("*/*.html")
    )


def test_the_api_reference_has_a_page_per_module(built_site: Path) -> None:
    """Each public module of spec, model and proofs has its page (the kernels are internal)."""
    expected = set()
    for package, folders in (
        ("spec", ["spec"]),
        ("model", ["model"]),
        (
            "proofs",
            [
                "proofs/checking",
                "proofs/methods",
                "proofs/symbolic",
                "proofs/theorems",
                "proofs/coq",
            ],
        ),
    ):
        for folder in folders:
            for module in (ROOT / folder).glob("*.py"):
                if module.name != "__init__.py" and not module.name.endswith("_kernels.py"):
                    inner = [*folder.split("/")[1:], module.stem]
                    expected.add(f"api/{package}/{'.'.join(inner)}.html")
    assert set(api_pages(built_site)) == expected


@pytest.mark.parametrize("width", [WIDTH, PHONE])
@pytest.mark.parametrize(
    "page", ["api/spec/machines.html", "api/model/vectors.html", "api/spec/claims.html"]
)
def test_api_pages_show_objects_links_and_source(
    built_site: Path, tmp_path: Path, page: str, width: int
) -> None:
    measured = measure(built_site, page, tmp_path, API_PAGE, "data-api", width)
    module = "mesaform." + page.removeprefix("api/").removesuffix(".html").replace("/", ".")
    assert measured["title"] == module
    headings, toc = measured["headings"], measured["toc"]
    assert isinstance(headings, list) and headings
    # No stray heading: every heading is an object of the module, and so is every TOC entry.
    assert all(h.startswith(module + ".") for h in headings), headings
    assert isinstance(toc, list) and toc, toc
    assert all(link.startswith(f"#{module}") for link in toc), toc
    sources = measured["sources"]
    assert isinstance(sources, int) and sources > 0, "no object shows its source"
    assert measured["overflow"] == 0, f"{page} scrolls sideways at {width} px"
    signatures = measured["signatures"]
    assert isinstance(signatures, dict)
    if page.endswith("claims.html"):
        links = signatures["mesaform.spec.claims.Claim"]
        for name, target in (
            ("Predicate", "#mesaform.spec.claims.Predicate"),
            ("BaseSide", "#mesaform.spec.claims.BaseSide"),
            ("MesaSide", "#mesaform.spec.claims.MesaSide"),
            ("Bound", "verdicts.html#mesaform.spec.verdicts.Bound"),
            ("Expectation", "#mesaform.spec.claims.Expectation"),
        ):
            assert f"{name} {target}" in links, links


def test_no_api_page_has_a_stray_heading(built_site: Path) -> None:
    """Over every API page: each heading is the page's title or an object of its module."""
    for page in api_pages(built_site):
        text = (built_site / page).read_text(encoding="utf-8")
        article = text[text.index("<article") : text.index("</article>")]
        module = "mesaform." + page.removeprefix("api/").removesuffix(".html").replace("/", ".")
        assert len(re.findall(r"<h1\b", article)) == 1, f"{page}: a heading besides its title"
        tags = re.findall(r"<h[2-6]\b[^>]*>", article)
        ids = [next(iter(re.findall(r'\bid="([^"]*)"', tag)), "") for tag in tags]
        assert ids and all(found.startswith(module + ".") for found in ids), (page, tags)
