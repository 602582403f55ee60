"""build_scorecard: pairing by year, pending, dedupe, ordering, permalinks, quotes, evidence."""

from __future__ import annotations

from extractors.records import Commitment, Document, Section
from scoring.compare import build_scorecard
from scoring.text import target_text

NEXT_TEXT = "一、2022年工作回顾\n全年国内生产总值增长3%。居民收入增长与经济增长基本同步，城乡差距缩小。"


def mk(kind: str, indicator: str, value: float | None, unit: str | None = "%", comparator: str = "approx",
       *, clause: str | None = None, canonical: str | None = None, headline: bool = False,
       start: int = 0, span: str | None = None, region: str = "r", year: int = 2022,
       high: float | None = None) -> Commitment:
    report = year if kind == "target" else year + 1
    return Commitment(f"data/raw/{region}/{report}.txt", region, report, kind, year, indicator, canonical,
                      None, value, high, None, unit, comparator, False, "二、2022年工作", clause or
                      f"{indicator}{value}{unit}", start, start + 12, headline=headline, span=span)


def docs(*years: int, region: str = "r") -> list[Document]:
    out = []
    for y in years:
        text = NEXT_TEXT if y == 2023 else ""
        out.append(Document(f"data/raw/{region}/{y}.txt", "txt", "", text, region, report_year=y,
                            sections=[Section("review", "一、2022年工作回顾", 0, len(text))] if text else []))
    return out


def test_compare__targets_without_next_report_are_pending():
    rows = build_scorecard(docs(2022), [mk("target", "国内生产总值", 5.5, canonical="gdp")]).rows
    assert [r.status for r in rows] == ["pending"]


def test_compare__results_come_from_the_next_report_only():
    records = [mk("target", "国内生产总值", 5.5, canonical="gdp", clause="国内生产总值增长5.5%左右"),
               mk("result", "国内生产总值", 3, canonical="gdp", start=20, clause="全年国内生产总值增长3%"),
               mk("result", "国内生产总值", 5.2, canonical="gdp", span="2018-2022", start=40)]
    [row] = build_scorecard(docs(2022, 2023), records).rows
    assert (row.status, row.actual_value, row.gap, row.match_method) == ("missed", 3, -2.5, "lexicon")
    assert row.target_source == "data/raw/r/2022.txt#0-12"
    assert row.result_source == "data/raw/r/2023.txt#20-32"
    assert row.target_text == "5.5%左右"


def test_compare__headline_first_then_report_order_and_dedupe():
    records = [mk("target", "新增学位", 2500, "个", "exact", start=500),
               mk("target", "城镇新增就业", 1100, "万人", "min", canonical="jobs", start=800),
               mk("target", "城镇新增就业", 1100, "万人", "min", canonical="jobs", headline=True, start=100),
               mk("target", "国内生产总值", 5.5, canonical="gdp", headline=True, start=50)]
    rows = build_scorecard(docs(2022), records).rows
    assert [(r.indicator, r.headline) for r in rows] == [("国内生产总值", True), ("城镇新增就业", True),
                                                         ("新增学位", False)]


def test_compare__row_ids_are_stable_and_unique():
    records = [mk("target", "国内生产总值", 5.5, canonical="gdp"),
               mk("target", "国内生产总值", 120, "万亿元", "min", canonical="gdp", start=30),
               mk("target", "新增学位", 2500, "个", "exact", start=60)]
    first = [r.row_id for r in build_scorecard(docs(2022), records).rows]
    again = [r.row_id for r in build_scorecard(docs(2022), list(reversed(records))).rows]
    assert first == again and len(set(first)) == 3
    assert first[0] == "gdp" and first[2].startswith("t-")


def test_compare__qualitative_target_gets_the_closest_next_sentence():
    q = mk("target", "居民收入增长与经济增长基本同步", None, None, "qualitative",
           clause="居民收入增长与经济增长基本同步")
    [row] = build_scorecard(docs(2022, 2023), [q]).rows
    assert row.status == "qualitative"
    assert row.result_clause.startswith("居民收入增长与经济增长基本同步")
    assert row.evidence_score >= 90 and row.match_method == ""
    start, end = map(int, row.result_source.split("#")[1].split("-"))
    assert NEXT_TEXT[start:end] == row.result_clause
    assert row.result_section == "一、2022年工作回顾"


def test_compare__qualitative_without_next_report_stays_qualitative():
    q = mk("target", "居民收入增长与经济增长基本同步", None, None, "qualitative")
    [row] = build_scorecard(docs(2022), [q]).rows
    assert row.status == "qualitative" and row.result_clause is None


def test_compare__next_report_without_figure_is_not_reported():
    records = [mk("target", "新增学位", 2500, "个", "exact"), mk("result", "国内生产总值", 3, start=5)]
    [row] = build_scorecard(docs(2022, 2023), records).rows
    assert row.status == "not_reported"


def test_compare__regions_are_kept_apart():
    records = [mk("target", "国内生产总值", 5.5, canonical="gdp", region="a"),
               mk("result", "国内生产总值", 6, canonical="gdp", region="b")]
    rows = build_scorecard(docs(2022, region="a") + docs(2023, region="b"), records).rows
    assert [r.status for r in rows] == ["pending"]


def test_text__target_as_written_with_qualifiers():
    assert target_text(mk("target", "城镇新增就业", 1100, "万人", "min", clause="城镇新增就业1100万人以上")) == "1100万人以上"
    assert target_text(mk("target", "GDP", 5.0, "%", "range", high=5.5, clause="GDP增长5.0%—5.5%")) == "5.0%—5.5%"
    assert target_text(mk("target", "失业率", 5.5, "%", "max", clause="城镇调查失业率全年控制在5.5%以内")) == "5.5%以内"
    assert target_text(mk("target", "社区服务用房", 3.1, "万平米", "exact", clause="社区服务用房3. 1 万平米")) == "3.1万平米"
    assert target_text(mk("target", "GDP", 7.5, "%", "approx", clause="没有数字")) == "7.5%左右"
    assert target_text(mk("target", "粮食产量", 1.3, "万亿斤", "min", clause="粮食产量保持在1.3万亿斤以上")) == "1.3万亿斤以上"
    assert target_text(mk("target", "城镇新增就业", 26, "万人", "min", clause="城镇新增就业不少于26万人")) == "不少于26万人"


def test_text__yu_and_duo_inside_the_unit_are_quoted():
    assert target_text(mk("target", "减轻企业税负", 5000, "亿元", "min", clause="减轻企业税负5000多亿元")) == "5000多亿元"
    assert target_text(mk("target", "新增企业", 100, "家", "min", clause="新增企业100余家")) == "100余家"


def test_score_groups__regions_scored_apart_concatenate_to_the_whole_scorecard():
    from scoring.compare import score_groups, stale_overrides
    from scoring.overrides import Override

    def ov(region: str, year: int) -> Override:
        return Override(region, year, "国内生产总值", "status", "", "met", "why", "li", "2026-11-20", line=2)

    documents = docs(2022, 2023, region="a") + docs(2022, 2023, region="b")
    records = [mk("target", "国内生产总值", 5.0, region=r, canonical="gdp") for r in "ab"]
    records += [mk("result", "国内生产总值", 5.2, region=r, canonical="gdp") for r in "ab"]
    overrides = [ov("b", 2022), ov("a", 2019), ov("a", 2022), ov("c", 2022)]
    whole = build_scorecard(documents, records, overrides)
    parts = [score_groups([d for d in documents if d.region == r], [c for c in records if c.region == r], overrides)
             for r in "ab"]
    rows = [row for part in parts for row in part.rows]
    problems = [p for part in parts for p in part.problems] + stale_overrides(records, overrides)
    assert rows == whole.rows and [r.region for r in rows] == ["a", "b"] and all(r.reviewed for r in rows)
    assert problems == whole.problems and len(problems) == 2  # a 2019 and c 2022, once each


def test_compare__tolerance_edge_and_renamed_indicator_are_on_the_row():
    """Synthetic: a 3%左右 CPI ceiling met at 3.3% (only inside the band); 农民人均纯收入 judged against
    农村居民人均可支配收入 (names of different eras in lexicon.csv)."""
    records = [mk("target", "居民消费价格涨幅", 3, canonical="cpi", clause="居民消费价格涨幅3%左右"),
               mk("result", "居民消费价格涨幅", 3.3, canonical="cpi", clause="居民消费价格涨幅3.3%", start=20),
               mk("target", "农民人均纯收入", 8, "%", "exact", canonical="rural_income", start=40,
                  clause="农民人均纯收入增长8%"),
               mk("result", "农村居民人均可支配收入", 8.5, canonical="rural_income", start=60,
                  clause="农村居民人均可支配收入增长8.5%")]
    cpi, rural = build_scorecard(docs(2022, 2023), records).rows
    assert (cpi.status, cpi.tolerance_edge) == ("met", True) and "0.5" in cpi.edge_note
    assert (rural.status, rural.tolerance_edge, rural.edge_note) == ("met", False, "")
    assert rural.renamed == "农民人均纯收入 (–2014) → 农村居民人均可支配收入 (2014–)"
