"""The demo's HTML reports opened in a real browser (Debian's headless Chromium).

Each page: no console error, no request leaving the page, readable at phone width (375 px:
nothing wider than the screen but the tables, which scroll in their own box), printable on
A4 (an evening's sign-in sheet on one page), a screenshot that is not blank, headings in
order, and every table with a caption and column headers.

Skipped, saying why, where Chromium or Playwright is missing: ``.ci/run`` installs both.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from joinus_method.cli.main import main

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the browser tests need Playwright: pip install --group browser"
)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="the browser tests need Chromium: apt-get install chromium"
)

PHONE = {"width": 375, "height": 812}

STRUCTURE = """() => {
  const levels = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1]);
  const tables = [...document.querySelectorAll('table')];
  return {
    levels,
    tables: tables.length,
    captioned: tables.filter(t => t.querySelector('caption')).length,
    headed: tables.filter(t => t.querySelectorAll('thead th[scope=col]').length > 0).length,
    figures: document.querySelectorAll('figure').length,
    described: document.querySelectorAll('figure[aria-label]').length,
    wide: [...document.body.querySelectorAll('*')]
      .filter(e => !e.closest('.scroll'))
      .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
      .map(e => e.tagName),
    text: document.body.innerText.length,
  };
}"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("browser") / "joinus-demo"
    assert main(["demo", str(folder)]) == 0
    return sorted((folder / "rapporten").glob("*.html"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


def test_every_report_reads_well_in_the_browser(pages: list[Path], browser: Any) -> None:
    assert len(pages) >= 8
    blank = _blank_size(browser)
    for path in pages:
        page = browser.new_page(viewport=PHONE)
        problems = _watched(page)
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        assert problems == [], (path.name, problems)
        found = page.evaluate(STRUCTURE)
        levels = found["levels"]
        assert levels[0] == 1, path.name
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), path.name
        assert found["captioned"] == found["headed"] == found["tables"], (path.name, found)
        assert found["described"] == found["figures"], path.name
        assert found["wide"] == [], (path.name, found["wide"])
        assert found["text"] > 200, path.name
        shot = page.screenshot(full_page=True)
        assert len(shot) > 3 * blank, (path.name, len(shot), blank)
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF")
        if path.name.startswith("avond-"):
            assert _pages(pdf) == 1, path.name
        page.close()


def _watched(page: Any) -> list[str]:
    """The console messages, page errors and requests leaving the page, as they come."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on(
        "request",
        lambda r: None if r.url.startswith(("file:", "data:")) else problems.append(r.url),
    )
    return problems


def _blank_size(browser: Any) -> int:
    page = browser.new_page(viewport=PHONE)
    page.set_content("<!DOCTYPE html><html><body></body></html>")
    size = len(page.screenshot(full_page=True))
    page.close()
    return size


def _pages(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
