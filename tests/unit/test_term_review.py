"""The one-year paragraph of an end-of-term review (`刚刚过去的2017年，…`): last year's results.

Snippets are synthetic (year 2099, invented figures); the shape is that of the five-year review that
opens a report at the end of a government's term (national 2008, 2013, 2018; any province or city).
"""

import pytest

from extractors.commitments import extract_commitments
from extractors.records import Document
from extractors.sections import split_sections

YEAR = 2099


def extract(review: str):
    text = f"政府工作报告\n各位代表：\n一、过去五年工作回顾\n{review}\n二、{YEAR}年工作安排\n新增学位100个。"
    doc = Document(source="t.txt", fmt="txt", sha256="", text=text, region="x", report_year=YEAR)
    doc.sections = split_sections(text, YEAR)
    return extract_commitments(doc)


@pytest.mark.parametrize("opener", [f"刚刚过去的{YEAR - 1}年，", "刚刚过去的一年，"])
def test_term_review__one_year_paragraph_gives_last_years_results(opener):
    recs = extract(f"五年来，地区生产总值年均增长7.1%。\n{opener}主要目标任务全面完成。地区生产总值增长6.4%，城镇新增就业3.2万人。")
    one_year = {(r.value, r.unit) for r in recs if r.kind == "result" and r.span is None}
    assert one_year == {(6.4, "%"), (3.2, "万人")}
    assert all(r.period_year == YEAR - 1 for r in recs if r.kind == "result")
    assert [r.value for r in recs if r.span == "multi-year"] == [7.1]
