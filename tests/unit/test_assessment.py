"""assessment: the review's verdict on its own year, one record per sentence, classed from data/assessment.csv.

Snippets are synthetic (year 2099, invented wording in the genre's set phrases); the real reports are
tested in tests/integration/test_assessment_corpus.py.
"""

import pytest

from extractors.assessment import CLASSES, classify, extract_assessments
from extractors.records import Document
from extractors.sections import split_sections

YEAR = 2099


def assess(review: str, plan: str = "新增学位100个。"):
    text = f"政府工作报告\n各位代表：\n一、{YEAR - 1}年工作回顾\n{review}\n二、{YEAR}年工作安排\n{plan}"
    doc = Document(source="t.txt", fmt="txt", sha256="", text=text, region="x", report_year=YEAR)
    doc.sections = split_sections(text, YEAR)
    recs = extract_assessments(doc)
    for r in recs:  # the evidence contract
        assert text[r.start : r.end] == r.clause
        assert r.kind == "assessment" and r.period_year == YEAR - 1 and r.comparator == "qualitative"
        assert r.value is None and r.assessment in CLASSES
    return recs


@pytest.mark.parametrize("clause, expected", [
    ("全年经济社会发展主要目标任务圆满完成", "all_met"),
    ("完成了全年主要目标任务", "all_met"),
    ("全面实现年初确定的主要目标", "all_met"),
    ("顺利完成经济社会发展主要目标任务", "all_met"),
    ("圆满完成市九届人大二次会议确定的各项任务", "all_met"),
    ("较好完成全年主要目标任务", "mostly_met"),
    ("全年发展主要目标任务较好完成", "mostly_met"),
    ("基本完成全年发展主要目标任务", "mostly_met"),
    ("较好地完成了县十届人大三次会议确定的目标任务", "mostly_met"),
    ("节能减排、物价调控目标没有完成", "some_missed"),
    ("部分指标没有完成", "some_missed"),
    ("地区生产总值、投资等预期性指标未达到年初目标", "some_missed"),
    ("没有实现年初确定的单位地区生产总值能耗降低4%的目标", "some_missed"),
    ("主要经济指标总体符合预期", "unclear"),
    ("各项主要经济指标均超额完成年度目标任务", "all_met"),
    ("主要经济指标大部分完成年度目标", "mostly_met"),
    ("个别指标未完成年度目标", "some_missed"),
])
def test_classify__set_phrases(clause, expected):
    hit = classify(clause)
    assert hit is not None and hit[0] == expected


@pytest.mark.parametrize("clause", [
    "超额完成省定目标任务",  # one task, not the year's targets
    "确保完成全年主要目标任务",  # a task ahead
    "胜利完成“十三五”规划主要目标任务",  # another period
    "标志着县十届人大确定的任务全面完成",  # a term
    "分别完成全年目标任务的158%",  # shares of single targets
    "主要目标任务如期完成",  # a campaign's deadline
    "这是多年想实现而没有实现的变革",  # no target named
])
def test_classify__not_an_assessment_of_the_year(clause):
    assert classify(clause) is None


def test_extract__claim_and_admission_are_two_records():
    recs = assess("过去一年，全县上下共同努力，较好完成全年主要目标任务。地区生产总值增长5%。\n"
                  "我们也清醒看到，部分经济指标没有实现预期，财政收支矛盾突出。")
    assert [r.assessment for r in recs] == ["mostly_met", "some_missed"]
    assert recs[0].clause.startswith("过去一年") and recs[0].verb == "较好完成全年主要目标任务"


def test_extract__a_sentence_that_claims_and_admits_is_an_admission():
    recs = assess("过去一年，完成了全年主要目标任务，但节能减排目标没有完成。")
    assert [r.assessment for r in recs] == ["some_missed"]


def test_extract__plan_section_promises_are_not_assessments():
    assert assess("过去一年，经济平稳运行。", plan="全面完成全年主要目标任务。确保实现预期目标。") == []


def test_extract__long_sentence_keeps_the_clauses_around_the_phrase():
    filler = "，".join(["坚持稳中求进工作总基调"] * 12)
    recs = assess(f"过去一年，{filler}，全年主要目标任务圆满完成，人民生活持续改善，{filler}。")
    assert len(recs) == 1 and "全年主要目标任务圆满完成" in recs[0].clause
    assert len(recs[0].clause) < 80


def test_extract__report_without_review_headings_reads_the_text_before_the_plan():
    text = "政府工作报告\n过去的一年，全市上下较好完成了全年主要目标任务。\n今年经济社会发展的主要预期目标是：地区生产总值增长6%。"
    doc = Document(source="t.txt", fmt="txt", sha256="", text=text, region="x", report_year=YEAR)
    doc.sections = [s for s in split_sections(text, YEAR) if s.kind != "review"]
    assert [r.assessment for r in extract_assessments(doc)] == ["mostly_met"]
