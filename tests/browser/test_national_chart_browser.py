"""The national region page on the real reports 2004-2025, in Debian's headless chromium: each
headline indicator's chart (targets, ranges, ceilings, met/missed marks) and its track-record line, at
phone and desktop width and in print. Screenshots of the GDP and CPI charts and of the page go to
tmp (and to $DUIXIAN_SCREENSHOTS when set) for a person to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.pipeline import extract_files
from reports.render import SiteMeta, render_site
from scoring.compare import build_scorecard

ROOT = Path(__file__).resolve().parents[2]
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    docs, records = extract_files(sorted((ROOT / "data" / "raw" / "national").glob("*.txt")))
    rows = build_scorecard(docs, records).rows
    meta = SiteMeta(generated_at="2026-12-04T00:00:00Z", code_version="test", region_names={"national": "国务院"})
    root = tmp_path_factory.mktemp("national-site")
    for rel, text in render_site(rows, records, [], [], meta).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def open_region(browser, site: Path, width: str):
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h}, device_scale_factor=1)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto((site / "national" / "index.html").as_uri())
    return context, page, errors


def chart_card(page, indicator: str):
    return page.locator("figure.chart-card", has=page.locator("figcaption strong", has_text=indicator)).first


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_national_chart__every_year_drawn_and_readable(browser, site, shots, width):
    context, page, errors = open_region(browser, site, width)
    gdp = chart_card(page, "国内生产总值")
    assert gdp.is_visible()
    svg = gdp.locator("svg.chart")
    # one group per year 2004-2025; 2020 has no report here, so no target and an empty slot
    years = [int(t[:4]) for t in svg.locator("g > title").all_text_contents()]
    assert years == [y for y in range(2004, 2026) if y != 2020]
    assert svg.locator(".cross").count() >= 1  # 2022: 5.5%左右 against 3%, missed
    assert svg.locator("rect.band").count() >= 2  # ranges: 2016 (6.5%-7%), 2019 (6%-6.5%)
    # the chart fits the page: no sideways scrolling, and year labels are not microscopic
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    label_heights = svg.locator("text.year").evaluate_all("els => els.map(e => e.getBoundingClientRect().height)")
    assert min(label_heights) >= 8
    cpi = chart_card(page, "居民消费价格")
    assert cpi.locator("rect.zone").count() >= 10  # a ceiling: the zone below it is drawn for each year
    assert cpi.locator("path.target-dir").count() >= 10
    track = page.locator("ul.track-record").inner_text()
    assert "国内生产总值：可评估的" in track and "超过上限" in track
    gdp.screenshot(path=str(shots / f"national-gdp-{width}.png"))
    cpi.screenshot(path=str(shots / f"national-cpi-{width}.png"))
    page.screenshot(path=str(shots / f"national-region-{width}.png"), full_page=True)
    assert errors == []
    context.close()


def test_national_chart__prints_with_readings(browser, site, shots):
    context, page, errors = open_region(browser, site, "desktop")
    page.emulate_media(media="print")
    gdp = chart_card(page, "国内生产总值")
    assert gdp.locator("svg.chart").is_visible()
    assert gdp.locator("ul.readings li").first.is_visible()  # year by year, printed open
    assert "2022: 目标 5.5%左右 · 实际 3% · 未完成 missed" in gdp.locator("ul.readings").inner_text()
    page.pdf(path=str(shots / "national-region.pdf"))
    assert errors == []
    context.close()


def test_national_year_page__self_assessment_beside_the_count(browser, site, shots):
    context, page, errors = open_region(browser, site, "phone")
    page.goto((site / "national" / "2011.html").as_uri())
    panel = page.locator("#self-assessment")
    assert "节能减排、物价调控目标没有完成" in panel.inner_text()
    assert panel.locator(".conflict").is_visible()  # the report admits a miss duixian does not show
    panel.screenshot(path=str(shots / "national-2011-assessment-phone.png"))
    page.goto((site / "national" / "2019.html").as_uri())
    assert "duixian add" in page.locator("#missing-report").inner_text()
    assert errors == []
    context.close()
