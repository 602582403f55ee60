"""Layout of the real corpus's pages at phone, laptop and desktop widths (issue 17 §Pages), in Debian's
chromium: nothing cut off (the scorecard's evidence column, the index's report years), chart labels
that do not collide (the unit over the top tick, 25 years of labels under the axis), no bare dash for
an empty rate. Screenshots go to $DUIXIAN_SCREENSHOTS (default: the test's temporary folder).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reports.render import SiteMeta, render_site
from scoring.compare import build_scorecard

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
WIDTHS = [390, 1024, 1200, 1366]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The shipped reports rendered as the run renders them (no Prefect or GX needed for pages)."""
    pipeline = pytest.importorskip("extractors.pipeline")
    docs, records, *_ = pipeline.extract_files(
        sorted(p for p in RAW.glob("*/*") if p.suffix in {".txt", ".docx", ".pdf", ".html", ".htm"}))
    rows = build_scorecard(docs, records).rows
    root = tmp_path_factory.mktemp("corpus-site")
    meta = SiteMeta(generated_at="2026-12-04T00:00:00Z", code_version="test",
                    region_names={d.region: d.name for d in docs if d.name})
    for rel, text in render_site(rows, records, [], [], meta).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _open(browser, path: Path, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(path.as_uri())
    return context, page


def _widest_scorecard(site: Path) -> Path:
    """The year page with the most quoted characters: the hardest case for the evidence column."""
    pages = [p for p in site.glob("*/*.html") if p.stem.isdigit()]
    return max(pages, key=lambda p: p.read_text(encoding="utf-8").count("<blockquote>") * 1000 + p.stat().st_size // 1000)


OVERFLOW = """() => {
  const cut = [];
  if (document.documentElement.scrollWidth > window.innerWidth + 1) cut.push('page ' + document.documentElement.scrollWidth);
  document.querySelectorAll('.scroll').forEach(s => { if (s.scrollWidth > s.clientWidth + 1) cut.push('scroll ' + s.scrollWidth + '>' + s.clientWidth); });
  return cut;
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_layout__scorecard_evidence_column_is_never_cut_off(site, browser, shots, width):
    for path in (site / "national" / "2024.html", _widest_scorecard(site)):
        context, page = _open(browser, path, width)
        page.screenshot(path=str(shots / f"scorecard-{path.parent.name}-{path.stem}-{width}.png"))
        assert page.evaluate(OVERFLOW) == [], path
        right = page.evaluate("""() => Math.max(...[...document.querySelectorAll('#scorecard td.ev')]
            .map(td => td.getBoundingClientRect().right))""")
        assert right <= width, f"{path}: evidence reaches {right}px of {width}px"
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_layout__index_shows_every_cell_whole(site, browser, shots, width):
    context, page = _open(browser, site / "index.html", width)
    page.screenshot(path=str(shots / f"index-{width}.png"), full_page=True)
    assert page.evaluate(OVERFLOW) == []
    cut = page.evaluate("""() => [...document.querySelectorAll('table.overview td, table.overview th')]
        .filter(c => c.scrollWidth > c.clientWidth + 1 || c.getBoundingClientRect().right > window.innerWidth)
        .map(c => c.textContent.trim())""")
    assert cut == []  # e.g. `2025 → 2026 待发布` at 390 px
    assert any("待发布" in t for t in page.eval_on_selector_all("td.reports", "tds => tds.map(t => t.innerText)"))
    context.close()


def _boxes(page, selector: str) -> list[list[dict]]:
    return page.eval_on_selector_all("svg.chart", f"""svgs => svgs.map(svg =>
        [...svg.querySelectorAll('{selector}')].map(t => {{ const r = t.getBoundingClientRect();
          return {{left: r.left, right: r.right, top: r.top, bottom: r.bottom, text: t.textContent}}; }}))""")


def _overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


@pytest.mark.parametrize("width", WIDTHS)
def test_charts__unit_clears_the_top_tick_and_year_labels_do_not_collide(site, browser, shots, width):
    regions = [p for p in site.glob("*/index.html")]
    years_seen = units_seen = 0
    for path in regions:
        context, page = _open(browser, path, width)
        if path.parent.name == "zhumadian":  # the longest series shipped (2002-2026)
            page.screenshot(path=str(shots / f"region-{path.parent.name}-{width}.png"), full_page=True)
        units = _boxes(page, "text.tick:not([text-anchor=end])")  # the unit, written at the axis's top left
        ticks, years = _boxes(page, "text.tick[text-anchor=end]"), _boxes(page, "text.year")
        for unit, tick, year in zip(units, ticks, years, strict=True):
            for u in unit:
                assert not any(_overlap(u, t) for t in tick), (path, u["text"], [t["text"] for t in tick])
                units_seen += 1
            year.sort(key=lambda b: b["left"])
            for a, b in zip(year, year[1:], strict=False):
                assert a["right"] <= b["left"], (path, width, a["text"], b["text"])
            years_seen = max(years_seen, len(year))
        context.close()
    assert years_seen >= 5 and units_seen


def test_rates__an_empty_rate_is_words_not_a_dash(site, browser):
    context, page = _open(browser, site / "index.html", 1366)
    cells = page.eval_on_selector_all(".share-cell, .rate .big", "els => els.map(e => e.innerText.trim())")
    assert cells and not any(c.startswith("—") for c in cells)
    assert any("未评估" in c for c in cells)  # a year whose next report is not out yet
    context.close()
