"""The site names regions by their Chinese name and level and groups them under their parents."""

import re
from dataclasses import replace

from reports.render import SiteMeta, index_page, index_part
from reports.tables import region_tables
from reports.view import region_view
from scoring.scorecard import ScoreRow

META = SiteMeta(generated_at="2026-12-04T00:00:00Z", code_version="test", inputs={})


def _row(region: str, year: int = 2024) -> ScoreRow:
    fields = {name: None for name in ScoreRow.__dataclass_fields__}
    fields.update(region=region, period_year=year, indicator="地区生产总值", status="met", headline=True,
                  comparator="approx", reviewed=False, estimated=False, note="", match_method="lexicon")
    return ScoreRow(**fields)


def _index_html(regions: list[str]) -> str:
    entries, counts, total = index_part([_row(r) for r in regions], [], META)
    return index_page(entries, counts, total, [], [], META)[1]


def test_region_view__name_level_and_parents_from_the_registry():
    view = region_view("tianyuan")
    assert (view["name"], view["level_zh"], view["parents"], view["group"]) == (
        "株洲市天元区", "县级 · 市辖区", ["湖南省", "株洲市"], "湖南省")
    assert region_view("not-a-region", "某某区人民政府")["name"] == "某某区人民政府"


def test_index__groups_national_then_provinces_with_their_cities_and_counties():
    html = _index_html(["tianyuan", "zhumadian", "hunan", "national", "beijing"])
    order = [m.group(1) for m in re.finditer(r'id="region-([a-z-]+)"', html)]
    assert order == ["national", "beijing", "zhumadian", "hunan", "tianyuan"]  # by division code, parents first
    groups = re.findall(r'<h2 class="region-group">([^<]+)</h2>', html)
    assert groups == ["全国 national", "北京市", "河南省", "湖南省"]
    assert "株洲市天元区" in html and "县级 · 市辖区" in html and "地级 · 地级市" in html
    assert 'class="region-block depth-2"' in html  # the district sits two levels under its province


def test_tables__carry_region_name_and_level_after_the_stable_columns():
    [(path, rows, columns), _] = region_tables([_row("zhumadian"), replace(_row("national"), period_year=2023)], [])
    assert path == "data/scorecard.csv" and columns[-4:-2] == ("region_name", "region_level")
    rows = list(rows)
    assert (rows[0]["region_name"], rows[0]["region_level"]) == ("驻马店市", "prefecture")
    assert (rows[1]["region_name"], rows[1]["region_level"]) == ("国务院", "national")
