"""reports.compare: columns, groups under their parent, the level above on top, and the page."""

from __future__ import annotations

from reports import compare, panel
from reports.render import SiteMeta
from scoring.scorecard import ScoreRow


def sr(region: str, canonical: str, value: float, status: str = "pending", actual: float | None = None,
       indicator: str = "指标", unit: str = "%") -> ScoreRow:
    return ScoreRow(region, 2025, indicator, canonical, value, None, unit, "approx", actual, unit if actual else None,
                    status, None, None, "", "句", None, f"data/raw/{region}/2025.txt#1-5", None, False, "",
                    headline=True, target_text=f"{value:g}{unit}左右")


def view(scored: list[ScoreRow]) -> dict:
    return compare.year_context(2025, panel.with_references(panel.rows(scored), frozenset({"%"})))


def test_compare__groups_by_level_and_parent_with_the_reference_on_top():
    v = view([sr("hunan", "gdp", 5.5), sr("national", "gdp", 5), sr("beijing", "gdp", 5),
              sr("zhumadian", "gdp", 6.5), sr("beijing", "cpi", 2)])
    assert [(g["level"], g["parent"]) for g in v["groups"]] == [("national", ""), ("province", "national"),
                                                                 ("prefecture", "henan")]
    provinces = v["groups"][1]
    assert provinces["reference"]["slug"] == "national"
    assert [r["slug"] for r in provinces["regions"]] == ["beijing", "hunan"]
    assert v["groups"][2]["reference"] is None
    assert [c["key"] for c in v["columns"]] == ["gdp", "cpi"]  # set by more regions first
    hunan = provinces["regions"][1]
    assert hunan["cells"][0]["vs"] == "above" and hunan["cells"][1] is None


def test_compare__judged_cells_show_actual_and_badge():
    v = view([sr("national", "gdp", 5), sr("hunan", "gdp", 5.5, "missed", 4.8)])
    cell = v["groups"][1]["regions"][0]["cells"][0]
    assert cell["judged"] and cell["actual"] == "4.8%" and cell["zh"] == "未完成"
    assert not v["groups"][0]["regions"][0]["cells"][0]["judged"]  # pending: the target only


def test_compare__a_page_per_year_asked_and_its_csp_covers_its_script():
    rows = panel.with_references(panel.rows([sr("national", "gdp", 5)]))
    pages = dict(compare.render(rows, [2024, 2025], SiteMeta("2026-01-01T00:00:00Z", "t"), 3))
    assert set(pages) == {"compare/2024.html", "compare/2025.html", "compare/gdp.html", "data.html"}
    assert "这一年没有" in pages["compare/2024.html"]
    css, js, csp = compare.assets()
    digest = csp.split("script-src 'sha256-")[1].split("'")[0]
    assert "getElementById(\"compare\")" in js and digest in pages["compare/2025.html"]


def test_compare__indicator_page_charts_each_year_against_the_top_level():
    rows = panel.with_references(panel.rows([sr("national", "gdp", 5), sr("hunan", "gdp", 5.5, "missed", 4.8),
                                              sr("beijing", "gdp", 5, "met", 5.4)]))
    v = compare.indicator_context("gdp", "地区生产总值", rows)
    [year] = v["years"]
    assert year["top_name"] == "国务院" and (year["met"], year["judged"], year["share"]) == (1, 2, "50%")
    svg = str(year["svg"])
    assert svg.count("<circle") == 2 and 'class="ref"' in svg and "湖南省" in svg
