"""The national series 2004-2025 end to end on the shipped real texts: years, pages, notes."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from extractors.pipeline import extract_files
from reports.render import SiteMeta, render_site
from scoring.compare import build_scorecard

RAW = Path(__file__).resolve().parents[2] / "data" / "raw" / "national"
YEARS = [*range(2004, 2020), *range(2021, 2026)]


@cache
def corpus():
    return extract_files(sorted(RAW.glob("*.txt")))


@cache
def site() -> dict[str, str]:
    docs, records = corpus()
    rows = build_scorecard(docs, records).rows
    return render_site(rows, records, [], [], SiteMeta("2026-12-04", "test", region_names={"national": "国务院"}))


def test_series__every_report_has_the_year_of_its_file_name():
    docs = corpus()[0]
    assert [d.report_year for d in docs] == YEARS
    no_date_line = next(d for d in docs if d.report_year == 2010)
    assert not no_date_line.text.lstrip().startswith("——") and no_date_line.year_from in ("path", "text")


def test_series__a_report_without_date_line_is_judged_both_ways():
    """2010 starts at `各位代表：`: its targets get a page, and it judges 2009's."""
    rows = build_scorecard(*corpus()).rows
    gdp_2009 = next(r for r in rows if (r.period_year, r.canonical) == (2009, "gdp") and r.headline)
    assert gdp_2009.status == "met" and gdp_2009.result_source.split("#")[0].endswith("national/2010.txt")
    assert any(r.period_year == 2010 and r.headline for r in rows)
    assert "national/2010.html" in site()


@pytest.mark.parametrize("year", range(2004, 2019))
def test_series__every_year_with_a_next_report_has_no_pending_row(year):
    rows = [r for r in build_scorecard(*corpus()).rows if r.period_year == year]
    assert rows and not [r for r in rows if r.status == "pending"]


def test_series__2019_waits_for_the_missing_2020_report_and_says_so():
    rows = [r for r in build_scorecard(*corpus()).rows if r.period_year == 2019 and r.status == "pending"]
    assert rows and all("2020 report" in r.note and "missing" in r.note for r in rows)
    page = site()["national/2019.html"]
    assert "2020年报告缺失" in page and "--region national --year 2020" in page
    assert "2019 → 2020 缺失" in site()["index.html"]
    assert "待发布" in site()["index.html"]  # 2025 → 2026: not published yet, said differently


def test_series__index_and_year_pages_show_the_reports_own_verdict():
    index = site()["index.html"]
    assert "全年经济社会发展主要目标任务圆满完成" in index and "与本站不一致" in index
    assert 'href="national/2011.html#self-assessment">2011</a>' in index  # the disagreements, listed up top
    page = site()["national/2022.html"]
    assert "基本完成全年发展主要目标任务" in page and "本站判定" in page
    methodology = site()["methodology.html"]
    assert all(c in methodology for c in ("all_met", "mostly_met", "some_missed", "unclear"))
