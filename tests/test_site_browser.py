"""The documentation site, opened from disk in a real browser, shows its tables and navigates.

Builds the site with ``mkdocs build --strict`` (what ``make docs`` runs) and opens it in
headless Chromium from ``file://``, as a reader does after ``make docs``: at a window 1280 px
wide, every column of every table on the Definitions, Checking and Home pages is on screen
(not cut off or behind a scrollbar), clicking a nav link opens a page, not a directory, and
search answers without a server.

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


def run_chromium(url: str, tmp_path: Path, budget: int = 3000) -> str:
    assert BROWSER is not None
    completed = subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--window-size={WIDTH},900",
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
    original = built_site / page
    # The probe lives in tmp_path, not in the shared site; <base> keeps the page's
    # relative links (stylesheets, scripts) pointing into the built site.
    probe = tmp_path / f"probe-{original.name}"
    base = f'<base href="{original.parent.as_uri()}/">'
    text = original.read_text(encoding="utf-8")
    probe.write_text(
        text.replace("<head>", "<head>" + base, 1).replace("</body>", MEASURE + "</body>"),
        encoding="utf-8",
    )
    dom = run_chromium(probe.as_uri(), tmp_path)
    found = re.search(r'data-columns="([^"]*)"', dom)
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
