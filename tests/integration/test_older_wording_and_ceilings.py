"""Older wording and ceilings on real reports: Chinese numerals and scanned digits read with their
qualifiers, and CPI ceilings judged as limits (national 2007, 2008, 2010, 2011, 2012).

Real reports come from data/raw when shipped, else from the shared corpus they are shipped from.
"""

from functools import cache
from pathlib import Path

import pytest

from duixian.cli import main
from extractors.pipeline import extract_file
from scoring.compare import build_scorecard
from scoring.judge import judge

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path("/work/shared/corpus")


def corpus_file(region: str, year: int) -> Path:
    for path in (ROOT / "data/raw" / region / f"{year}.txt", SHARED / region / f"{year}.txt"):
        if path.exists():
            return path
    pytest.skip(f"{region}/{year}.txt is neither shipped nor in the shared corpus")


@cache
def extracted(region: str, year: int):
    return extract_file(corpus_file(region, year), region)


@cache
def national_rows(year: int):
    """Scorecard rows of the national targets for `year`, judged against report year+1."""
    docs, records = [], []
    for y in (year, year + 1):
        doc, recs = extracted("national", y)
        docs.append(doc)
        records.extend(recs)
    return [r for r in build_scorecard(docs, records).rows if r.period_year == year]


def cpi_row(year: int):
    [row] = [r for r in national_rows(year) if r.canonical == "cpi" and r.headline and r.target_value is not None]
    return row


# A clearly synthetic report in the older style (figures invented), read through the CLI.
SYNTHETIC = (
    "政府工作报告（合成测试文本，数字为虚构 synthetic test text, invented figures）\n各位代表：\n"
    "一、1994年工作回顾\n国民生产总值比上年增长百分之九点四，工业增长l3.6％，城镇新增就业三万五千人。\n"
    "二、1995年工作安排\n今年国民生产总值计划增长百分之八左右，物价涨幅控制在百分之十以内，"
    "城镇新增就业三万人以上，财政收入一千二百亿元。\n"
)


def test_extract_cli__chinese_numerals_and_scanned_digits_with_qualifiers(tmp_path, capsys):
    path = tmp_path / "1995.txt"
    path.write_text(SYNTHETIC, encoding="utf-8")
    assert main(["extract", str(path)]) == 0
    out = capsys.readouterr().out
    for shown in ("9.4%", "13.6%", "35000人", "~8%", "≤10%", "≥3万人", "1200亿元"):
        assert shown in out, shown
    doc, records = extract_file(path, "synthetic")
    by_value = {(r.kind, r.value): r for r in records}
    assert by_value[("target", 8.0)].comparator == "approx" and by_value[("target", 8.0)].canonical == "gdp"
    assert by_value[("target", 10.0)].comparator == "max" and by_value[("target", 10.0)].canonical == "cpi"
    assert by_value[("target", 3.0)].comparator == "min" and by_value[("target", 3.0)].unit == "万人"
    for r in records:  # provenance: offsets point at the clause, which shows the number as written
        assert doc.text[r.start : r.end] == r.clause


def test_zhumadian_2003__targets_written_with_scanned_digits_are_read():
    """驻马店 2003: `国内生产总值增长1O％`, `社会消费品零售总额增长lO.5％` (letters for digits)."""
    doc, records = extracted("zhumadian", 2003)
    gdp = [r for r in records if r.kind == "target" and r.canonical == "gdp" and r.unit == "%"]
    assert any(r.value == 10 and "1O" in r.clause for r in gdp)
    retail = [r for r in records if r.canonical == "retail_sales" and r.value == 10.5]
    assert retail and all(doc.text[r.start : r.end] == r.clause for r in retail)


def test_national_2007_cpi__above_the_ceiling_is_missed():
    row = cpi_row(2007)  # 3%以内; the 2008 report: 去年居民消费价格总水平比上年上涨4.8%
    assert (row.target_value, row.comparator, row.actual_value) == (3, "max", 4.8)
    assert row.status == "missed" and not row.tolerance_edge


@pytest.mark.parametrize("year", [2008, 2011])
def test_national_cpi__next_report_states_no_cpi_figure(year):
    row = cpi_row(year)  # 2008: 4.8%左右, 2011: 4%左右; the 2009 and 2012 reports give no CPI figure
    assert row.comparator == "approx" and row.status == "not_reported"


def test_national_2012_cpi__well_below_the_ceiling_is_met():
    row = cpi_row(2012)  # 4%左右; the 2013 report: 居民消费价格涨幅回落到2.6%
    assert (row.actual_value, row.status, row.tolerance_edge) == (2.6, "met", False)


def test_national_2010_cpi__met_inside_the_band_is_flagged_as_a_tolerance_edge():
    """2010's 3%左右 against the 2011 report's `居民消费价格涨幅控制在 3.3%` (judged on the real records)."""
    [target] = [r for r in extracted("national", 2010)[1] if r.canonical == "cpi" and r.kind == "target"
                and r.value == 3 and r.headline]
    [result] = [r for r in extracted("national", 2011)[1] if r.canonical == "cpi" and r.value == 3.3]
    v = judge(target, result, True)
    assert (v.status, v.goal) == ("met", "ceiling") and v.edge
