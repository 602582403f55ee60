"""reports.panel: which scorecard rows become panel rows, their sources, and the level above's target."""

from __future__ import annotations

from reports import panel
from scoring.scorecard import ScoreRow

UNITS = frozenset({"%"})


def sr(region: str, canonical: str | None, value: float | None, *, unit: str | None = "%", high: float | None = None,
       comparator: str = "approx", year: int = 2025, headline: bool = True, indicator: str = "指标") -> ScoreRow:
    return ScoreRow(region, year, indicator, canonical, value, high, unit, comparator, None, None, "pending", None,
                    None, "", f"{indicator}{value}", None, f"data/raw/{region}/{year}.txt#10-25", None, False, "",
                    headline=headline, target_text=f"{value}{unit}")


def test_panel__headline_rows_with_a_canonical_only():
    rows = panel.rows([sr("hunan", "gdp", 5.5), sr("hunan", None, 3), sr("hunan", "cpi", 2, headline=False)])
    assert [(r["region"], r["indicator"]) for r in rows] == [("hunan", "gdp")]
    [row] = rows
    assert (row["region_name"], row["region_level"], row["region_parent"], row["region_code"]) == \
        ("湖南省", "province", "national", "430000")
    assert (row["target_source"], row["target_start"], row["target_end"]) == ("data/raw/hunan/2025.txt", 10, 25)
    assert row["result_source"] is None and row["result_start"] is None


def test_panel__split_source_without_offsets_keeps_the_file():
    assert panel.split_source("a/b.txt") == ("a/b.txt", None, None)
    assert panel.split_source("a/b#c.txt#3-9") == ("a/b#c.txt", 3, 9)


def test_panel__province_against_the_nation_same_year_and_indicator():
    rows = panel.rows([sr("national", "gdp", 5), sr("hunan", "gdp", 5.5), sr("beijing", "gdp", 5),
                       sr("zhejiang", "gdp", 4.5), sr("hunan", "gdp", 7, year=2024), sr("hunan", "cpi", 2)])
    out = {(r["region"], r["year"], r["indicator"]): r for r in panel.with_references(rows, UNITS)}
    assert out["hunan", 2025, "gdp"]["vs_reference"] == "above"
    assert out["beijing", 2025, "gdp"]["vs_reference"] == "equal"
    assert out["zhejiang", 2025, "gdp"]["vs_reference"] == "below"
    assert out["hunan", 2025, "gdp"]["reference_value"] == 5
    assert out["hunan", 2025, "gdp"]["reference_region"] == "national"
    for key in [("hunan", 2024, "gdp"), ("hunan", 2025, "cpi"), ("national", 2025, "gdp")]:
        assert out[key]["vs_reference"] is None and out[key]["reference_value"] is None, key


def test_panel__the_parent_not_the_grandparent():
    """驻马店市's level above is 河南省: with no 河南 target there is no reference, not the nation's."""
    rows = panel.rows([sr("national", "gdp", 5), sr("zhumadian", "gdp", 6.5)])
    [_, row] = panel.with_references(rows, UNITS)
    assert row["region_parent"] == "henan"
    assert row["reference_value"] is None and row["vs_reference"] is None
    rows = panel.rows([sr("henan", "gdp", 6), sr("zhumadian", "gdp", 6.5)])
    assert panel.with_references(rows, UNITS)[1]["vs_reference"] == "above"


def test_panel__ranges_by_midpoint_other_units_not_compared():
    assert panel.compare({"target_value": 5, "target_value_high": 6, "target_unit": "%"},
                         {"target_value": 5.5, "target_value_high": None, "target_unit": "%"}, UNITS) == "equal"
    assert panel.compare({"target_value": 70, "target_value_high": None, "target_unit": "万人"},
                         {"target_value": 1200, "target_value_high": None, "target_unit": "万人"}, UNITS) == ""
    assert panel.compare({"target_value": None, "target_value_high": None, "target_unit": None},
                         {"target_value": 2, "target_value_high": None, "target_unit": "%"}, UNITS) == ""


def test_panel__comparable_units_come_from_the_data_file():
    assert "%" in panel.comparable_units() and "万人" not in panel.comparable_units()


def test_panel__every_column_documented_in_the_readme():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Across regions")[1].split("\n## ")[0]
    assert all(f"| `{name}` |" in section for name in panel.COLUMNS)
    assert "datasette reports/site/data/duixian.sqlite --metadata" in section
