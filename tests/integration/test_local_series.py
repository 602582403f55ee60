"""A city's series as found on the web (issue 16): 驻马店市 2002-2026 scraped texts, the provinces' 2026
texts with page-navigation words before the title, and the same series re-encoded as GB18030."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from extractors.pipeline import extract_file

ROOT = Path(__file__).resolve().parents[2]
ZHUMADIAN = ROOT / "data" / "raw" / "zhumadian"
YEARS = sorted(int(p.stem) for p in ZHUMADIAN.glob("*.txt"))

pytestmark = pytest.mark.skipif(not YEARS, reason="驻马店市 series not shipped")


@cache
def extracted(path: Path):
    return extract_file(path)


def own(records, kind):
    return [r for r in records if r.kind == kind and r.span is None]


@pytest.mark.parametrize("year", YEARS)
def test_zhumadian__every_report_has_a_review_and_a_plan(year):
    doc, records = extracted(ZHUMADIAN / f"{year}.txt")
    assert doc.report_year == year  # the text's own year, also where the scraper's header says 2014
    kinds = {s.kind for s in doc.sections}
    assert "plan" in kinds
    assert own(records, "target"), "no target in the plan"
    if year > YEARS[0]:  # 2002's review is of 2001 (no earlier report here), still expected
        assert "review" in kinds
    term = any(s.kind == "review" and "年" in s.heading and str(year - 1) not in s.heading for s in doc.sections)
    assert own(records, "result") or term, "no result of last year in a one-year review"
    headline = [r for r in own(records, "target") if r.headline]
    assert headline, "the 主要预期目标 sentence was not found"


@pytest.mark.parametrize("year", [y for y in YEARS if y >= 2004])
def test_zhumadian__headings_that_run_into_their_paragraph_are_cut(year):
    doc, _ = extracted(ZHUMADIAN / f"{year}.txt")
    tops = {s.heading.split(" > ")[0] for s in doc.sections if s.heading}
    assert all(len(h) <= 45 for h in tops)
    review = [s.heading for s in doc.sections if s.kind == "review"]
    assert review and any(str(year - 1) in h or "年" in h or "五”" in h for h in review)


def test_zhumadian__end_of_term_review_keeps_last_years_paragraph():
    # 2023: `一、过去五年工作回顾刚刚过去的2022年，…规模以上工业增加值增长6%，年均增长6.5%…。五年来，…`
    _, records = extracted(ZHUMADIAN / "2023.txt")
    results = own(records, "result")
    assert any(r.canonical == "industrial_value_added" and r.value == 6 for r in results)
    assert not any(r.value == 6.5 for r in results)  # 年均: five years, kept with span=multi-year
    assert any(r.value == 6.5 and r.span == "multi-year" for r in records)


def test_zhumadian__another_levels_figures_are_not_the_citys():
    # 2016: `全省财政收入预期增长7%` quoted in the city's plan
    _, records = extracted(ZHUMADIAN / "2016.txt")
    assert not any("全省" in r.clause[: r.clause.find(f"{r.value:g}")] for r in own(records, "target") if r.value)


def test_zhumadian__gb18030_copy_reads_the_same(tmp_path):
    for year in (2003, 2016, 2024):
        utf8 = ZHUMADIAN / f"{year}.txt"
        copy = tmp_path / "zhumadian" / f"{year}.txt"
        copy.parent.mkdir(exist_ok=True)
        copy.write_bytes(utf8.read_text(encoding="utf-8").encode("gb18030"))
        doc_a, rec_a = extract_file(utf8)
        doc_b, rec_b = extract_file(copy)
        assert doc_b.report_year == doc_a.report_year == year
        key = lambda r: (r.kind, r.indicator, r.value, r.unit, r.start, r.end, r.clause)  # noqa: E731
        assert [key(r) for r in rec_b] == [key(r) for r in rec_a]


@pytest.mark.parametrize("province, gdp_target, gdp_2025", [
    ("hunan", 5.0, 4.8), ("beijing", 5.0, 5.4), ("zhejiang", 5.0, 5.5),
])
def test_provinces_2026__web_words_before_the_title(province, gdp_target, gdp_2025):
    path = ROOT / "data" / "raw" / province / "2026.txt"
    if not path.is_file():
        pytest.skip("2026 report not shipped")
    assert path.read_text(encoding="utf-8").lstrip().startswith("下载")  # 下载 打印 全屏 收藏 …
    doc, records = extracted(path)
    assert doc.report_year == 2026
    gdp_targets = [r for r in own(records, "target") if r.headline and r.canonical == "gdp"]
    assert gdp_targets and gdp_targets[0].value == gdp_target
    assert any(r.canonical == "gdp" and r.value == gdp_2025 and r.unit == "%" for r in own(records, "result"))


def test_zhumadian__a_traditional_script_copy_reads_the_same(tmp_path):
    # a report found converted to Traditional characters (some web pages do this) reads as the original
    from opencc import OpenCC

    utf8 = ZHUMADIAN / "2016.txt"
    copy = tmp_path / "zhumadian" / "2016.txt"
    copy.parent.mkdir()
    copy.write_text(OpenCC("s2t").convert(utf8.read_text(encoding="utf-8")), encoding="utf-8")
    doc_a, rec_a = extract_file(utf8)
    doc_b, rec_b = extract_file(copy)
    assert doc_b.report_year == 2016
    key = lambda r: (r.kind, r.canonical, r.value, r.unit, r.start, r.end)  # noqa: E731
    same = set(map(key, rec_a)) & set(map(key, rec_b))
    assert len(same) >= 0.95 * len(rec_a)
    headline = lambda recs: {(r.kind, r.canonical, r.value) for r in recs if r.headline and r.canonical}  # noqa: E731
    assert headline(rec_b) == headline(rec_a)
