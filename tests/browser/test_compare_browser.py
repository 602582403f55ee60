"""compare/<year>.html in Debian's headless chromium: filter by level and parent, search, sort, the
URL keeps the view, no console or CSP errors; screenshots at desktop and phone width (kept in the
test's tmp folder, and in $DUIXIAN_SCREENSHOTS when set, to be looked at)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from reports import compare, panel
from reports.render import SiteMeta
from scoring.scorecard import ScoreRow

pytestmark = pytest.mark.browser


def sr(region: str, canonical: str, value: float, status: str = "pending", actual: float | None = None) -> ScoreRow:
    return ScoreRow(region, 2025, "指标" + canonical, canonical, value, None, "%", "approx", actual,
                    "%" if actual else None, status, None, None, "", "句", None, f"data/raw/{region}/2025.txt#1-5",
                    None, False, "", headline=True, target_text=f"{value:g}%左右")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A synthetic year: the nation, three provinces, two prefectures under one of them."""
    scored = [sr("national", "gdp", 5), sr("national", "cpi", 2), sr("hunan", "gdp", 5.5, "missed", 4.8),
              sr("beijing", "gdp", 5, "met", 5.4), sr("zhejiang", "gdp", 4.5), sr("hunan", "cpi", 2),
              sr("changsha", "gdp", 6), sr("zhuzhou", "gdp", 5)]
    rows = panel.with_references(panel.rows(scored), frozenset({"%"}))
    root = tmp_path_factory.mktemp("site")
    for relative, page in compare.render(rows, [2025], SiteMeta("2026-01-01T00:00:00Z", "test"), 0):
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(page, encoding="utf-8")
    return root


def open_page(browser, url: str, width: int = 1280):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    return page, errors


def visible(page) -> list[str]:
    return page.eval_on_selector_all("tr.row:not([hidden])", "rows => rows.map(r => r.id.slice(2))")


def test_compare_browser__filters_search_sort_and_url(browser, site):
    url = (site / "compare" / "2025.html").as_uri()
    page, errors = open_page(browser, url)
    assert visible(page) == ["national", "beijing", "hunan", "zhejiang", "changsha", "zhuzhou"]
    page.select_option("#c-level", "prefecture")
    assert visible(page) == ["changsha", "zhuzhou"]
    page.select_option("#c-level", "")
    page.select_option("#c-parent", "national")
    assert visible(page) == ["beijing", "hunan", "zhejiang"]
    page.click('thead th[data-key="1"] .sort')  # gdp ascending
    assert visible(page) == ["zhejiang", "beijing", "hunan"]
    page.click('thead th[data-key="1"] .sort')  # descending
    assert visible(page) == ["hunan", "beijing", "zhejiang"]
    page.fill("#c-q", "湖南")
    assert visible(page) == ["hunan"]
    kept = page.url
    assert "parent=national" in kept and "dir=desc" in kept
    again, more = open_page(browser, kept)
    assert visible(again) == ["hunan"] and again.input_value("#c-q") == "湖南"
    assert again.locator("#r-hunan .vs").first.inner_text().startswith("▲")
    assert errors == [] and more == []


@pytest.mark.parametrize("which", ["2025", "gdp"])
def test_compare_browser__screenshots_desktop_and_phone(browser, site, tmp_path, which):
    url = (site / "compare" / f"{which}.html").as_uri()
    keep = os.environ.get("DUIXIAN_SCREENSHOTS")
    for name, width in (("desktop", 1366), ("phone", 390)):
        page, errors = open_page(browser, url, width)
        shot = tmp_path / f"compare-{which}-{name}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000 and errors == []
        if name == "phone":  # the table scrolls inside its box; the page itself does not
            assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            shutil.copy(shot, Path(keep) / shot.name)
