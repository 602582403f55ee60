"""End levels of a multi-year review as last year's level (scoring/term.py, rules.toml [term_level]).

Snippets are synthetic (years 2098-2099, invented indicators and figures) in the shape of a report that
closes a term: its review covers the whole term (`过去五年`) and the extractor marks its figures multi-year.
"""

from __future__ import annotations

import pytest

from extractors.commitments import extract_commitments
from extractors.records import Commitment, Document
from extractors.sections import split_sections
from scoring.compare import build_scorecard
from scoring.judge import describe_rules
from scoring.overrides import Override
from scoring.term import level_target, term_level

PLAN = ("政府工作报告\n各位代表：\n一、2097年工作回顾\n地区生产总值增长6%。\n二、2098年工作安排\n"
        "今年发展主要预期目标是：地区生产总值增长6%左右。将示范企业补贴比例提高到60%。示范产业产值增长10%。"
        "新建示范基站60个。")


def _doc(year: int, text: str) -> Document:
    doc = Document(source=f"data/raw/x/{year}.txt", fmt="txt", sha256="", text=text, region="x", report_year=year)
    doc.sections = split_sections(text, year)
    return doc


def scorecard(review: str) -> dict[str, object]:
    """Rows by indicator for PLAN's targets judged against a 2099 report whose review is `review`."""
    docs = [_doc(2098, PLAN), _doc(2099, f"政府工作报告\n各位代表：\n一、过去五年工作回顾\n{review}\n"
                                         "二、2099年工作安排\n新增学位100个。")]
    records = [c for d in docs for c in extract_commitments(d)]
    return {r.indicator: r for r in build_scorecard(docs, records).rows if r.period_year == 2098}


def test_term_level__end_level_of_the_term_judges_a_level_target():
    rows = scorecard("五年来，示范企业补贴比例从30%提高到60%。")
    row = rows["示范企业补贴比例"]
    assert (row.status, row.actual_value) == ("met", 60)
    assert row.result_clause.startswith("示范企业补贴比例从30%提高到60%")
    assert row.result_source.startswith("data/raw/x/2099.txt#")
    assert row.note.startswith("实际值取自2099年报告的多年回顾") and "multi-year review" in row.note


def test_term_level__a_terms_growth_figures_are_never_used():
    rows = scorecard("五年来，示范产业产值年均增长12%，示范企业补贴比例累计提高到60%，示范企业补贴比例提高20%。")
    assert rows["示范产业产值"].status == "not_reported"
    assert rows["示范企业补贴比例"].status == "not_reported"
    assert not any("多年回顾" in r.note for r in rows.values())


def test_term_level__a_one_year_result_wins_over_the_term_level():
    rows = scorecard("五年来，示范企业补贴比例从30%提高到60%。\n刚刚过去的2098年，示范企业补贴比例提高到55%。")
    row = rows["示范企业补贴比例"]
    assert (row.status, row.actual_value, row.note) == ("missed", 55, "")


def test_term_level__a_flow_target_takes_no_stock_from_the_term():
    rows = scorecard("五年来，示范基站达到231个。")
    assert rows["新建示范基站"].status == "not_reported"


def rec(kind: str, indicator: str, verb: str | None, value: float, unit: str = "%", *, clause: str | None = None,
        span: str | None = "multi-year") -> Commitment:
    report = 2098 if kind == "target" else 2099
    return Commitment("x.txt", "x", report, kind, 2098, indicator, None, verb, value, None, None, unit, "exact",
                      False, None, clause or f"{indicator}{verb or ''}{value:g}{unit}", 0, 10,
                      span=span if kind == "result" else None)


@pytest.mark.parametrize("record, expected", [
    (rec("result", "示范企业补贴比例", "提高至", 60, clause="示范企业补贴比例从30%提高至60%"), True),
    (rec("result", "示范覆盖率", "达", 65), True),
    (rec("result", "示范产值", "增加到", 12, "亿元"), True),
    (rec("result", "示范产值", "增长", 12), False),  # a growth rate
    (rec("result", "示范覆盖率", "提高", 5, "个百分点"), False),  # a change in points
    (rec("result", "示范覆盖率", "提高到", 65, clause="示范覆盖率年均提高到65%"), False),
    (rec("result", "示范覆盖率", "达到", 65, clause="示范覆盖率累计达到65%"), False),
    (rec("result", "示范覆盖率", "达到", 65, clause="到2096年示范覆盖率达到65%"), False),  # another year
    (rec("result", "示范覆盖率", "保持在", 65), False),  # held over the term, maybe on average
    (rec("result", "示范覆盖率", "达到", 65, span=None), False),  # one-year results are matched as such
    (rec("result", "示范覆盖率", "达到", 65, span="sub-year"), False),
])
def test_term_level__which_review_figures_state_the_end_level(record, expected):
    assert term_level(record) is expected


@pytest.mark.parametrize("record, expected", [
    (rec("target", "示范企业补贴比例", "提高到", 60), True),
    (rec("target", "示范覆盖率", None, 65), True),  # a rate
    (rec("target", "示范基站", "达到", 300, "个"), True),  # a stock to reach
    (rec("target", "新建示范基站", "新建", 60, "个"), False),  # a flow of the year
    (rec("target", "示范产值", "增长", 8), False),
    (rec("target", "示范产值", "完成", 500, "亿元"), False),
])
def test_term_level__which_targets_are_levels(record, expected):
    assert level_target(record) is expected


def test_term_level__methodology_states_the_rule():
    text = next(r["text"] for r in describe_rules() if "多年回顾" in r["title"])
    assert "提高至" in text and "年均" in text and "multi-year review" in text


def test_term_level__no_term_level_where_a_one_year_result_went_to_another_target():
    docs = [Document(f"data/raw/x/{y}.txt", "txt", "", "", "x", report_year=y) for y in (2098, 2099)]
    records = [rec("target", "示范企业补贴比例", "提高到", 60), rec("target", "示范企业补贴比例", "达到", 58),
               rec("result", "示范企业补贴比例", "提高到", 55, span=None),
               rec("result", "示范企业补贴比例", "提高至", 60, clause="示范企业补贴比例从30%提高至60%")]
    rows = build_scorecard(docs, records).rows
    assert sorted((r.status, r.actual_value) for r in rows) == [("missed", 55), ("not_reported", None)]


@pytest.mark.parametrize("result_indicator", ["", "示范企业补贴比例"])
def test_term_level__an_analysts_forbid_holds_for_the_term_level(result_indicator):
    docs = [Document(f"data/raw/x/{y}.txt", "txt", "", "", "x", report_year=y) for y in (2098, 2099)]
    records = [rec("target", "示范企业补贴比例", "提高到", 60),
               rec("result", "示范企业补贴比例", "提高至", 60, clause="示范企业补贴比例从30%提高至60%")]
    assert build_scorecard(docs, records).rows[0].status == "met"
    forbid = Override("x", 2098, "示范企业补贴比例", "forbid", result_indicator, reason="synthetic", reviewer="t")
    [row] = build_scorecard(docs, records, [forbid]).rows
    assert (row.status, row.reviewed) == ("not_reported", True)
