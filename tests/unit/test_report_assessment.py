"""reports.assessment and the pending note: the report's verdict beside duixian's count, and what a
year without its next report says. Records and rows are synthetic."""

from extractors.records import Commitment
from reports.assessment import assessment_brief, assessment_view, disagreement
from reports.pages import SourceIndex
from scoring.compare import pending_note
from scoring.scorecard import ScoreRow


def verdict(cls: str, phrase: str, start: int, year: int = 2098) -> Commitment:
    return Commitment(source="data/raw/x/2099.txt", region="x", report_year=year + 1, kind="assessment",
                      period_year=year, indicator=phrase, canonical=None, verb=phrase, value=None,
                      value_high=None, stretch=None, unit=None, comparator="qualitative", estimated=False,
                      section="一、2098年工作回顾", clause=f"过去一年，{phrase}。", start=start,
                      end=start + len(phrase) + 6, assessment=cls)


def row(status: str, headline: bool = True, year: int = 2098) -> ScoreRow:
    return ScoreRow(region="x", period_year=year, indicator="地区生产总值", canonical="gdp", target_value=6,
                    target_value_high=None, target_unit="%", comparator="approx", actual_value=None,
                    actual_unit=None, status=status, gap=None, match_score=None, match_method="",
                    target_clause="地区生产总值增长6%左右", result_clause=None, target_source="", result_source=None,
                    reviewed=False, note="", headline=headline)


def test_brief__claim_beside_counts_disagrees_when_a_headline_target_was_missed():
    brief = assessment_brief([verdict("all_met", "主要目标任务全面完成", 10)], 2098,
                             [row("met"), row("missed"), row("not_reported")])
    assert brief["cls"] == "all_met" and brief["phrase"] == "主要目标任务全面完成"
    assert "1" in brief["disagree_en"] and "missed" in brief["disagree_en"]


def test_brief__agrees_when_nothing_headline_was_missed():
    brief = assessment_brief([verdict("all_met", "主要目标任务全面完成", 10)], 2098, [row("met"), row("missed", False)])
    assert brief["disagree_zh"] == ""


def test_brief__an_admission_duixian_does_not_see_is_a_disagreement():
    recs = [verdict("all_met", "完成了全年主要目标任务", 10), verdict("some_missed", "节能减排目标没有完成", 90)]
    brief = assessment_brief(recs, 2098, [row("met"), row("not_reported")])
    assert brief["cls"] == "all_met" and brief["admits"] == 1 and brief["disagree_zh"]
    assert assessment_brief(recs, 2098, [row("met"), row("missed")])["disagree_zh"] == ""


def test_brief__a_definite_claim_leads_over_an_unclear_one_and_other_years_are_ignored():
    recs = [verdict("unclear", "主要指标符合预期", 5), verdict("mostly_met", "较好完成全年主要目标任务", 50),
            verdict("all_met", "全面完成", 5, year=2097)]
    assert assessment_brief(recs, 2098, [row("met")])["cls"] == "mostly_met"
    assert assessment_brief(recs, 2096, [row("met")]) is None


def test_disagreement__mostly_met_with_a_miss_is_consistent():
    assert disagreement("mostly_met", 0, {"met": 3, "missed": 1, "not_reported": 0, "judged": 4}) == ("", "")


def test_view__quotes_and_counts():
    recs = [verdict("mostly_met", "较好完成全年主要目标任务", 10), verdict("some_missed", "部分指标没有完成", 80)]
    view = assessment_view(recs, 2098, [row("met"), row("missed")], SourceIndex(recs), "../")
    assert view["ev"]["clause"] == recs[0].clause and view["ev"]["start"] == 10
    assert [a["phrase"] for a in view["admissions"]] == ["部分指标没有完成"]
    assert view["duixian_en"] == "1 met, 1 missed, 0 not reported"


def test_pending_note__a_gap_says_which_report_is_missing_and_how_to_add_it():
    note = pending_note("national", 2019, 2025)
    assert "2020 report" in note and "missing" in note and "--region national --year 2020" in note
    later = pending_note("national", 2025, 2025)
    assert "No 2026 report" in later and "missing" not in later and "--year 2026" in later
