"""Verdict rules: each comparator and polarity, ranges, stretch, reductions, ceilings, estimated."""

from __future__ import annotations

import pytest

from extractors.records import Commitment
from scoring.judge import describe_rules, direction, judge, polarity


def mk(indicator: str, value: float | None, unit: str | None = "%", comparator: str = "approx", *,
       kind: str = "target", verb: str | None = None, high: float | None = None,
       stretch: float | None = None, estimated: bool = False, clause: str | None = None) -> Commitment:
    year = 2023 if kind == "target" else 2024
    return Commitment("x.txt", "r", year, kind, 2023, indicator, None, verb, value, high, stretch, unit,
                      comparator, estimated, None, clause or f"{indicator}{verb or ''}{value}{unit or ''}",
                      0, 10)


def status(t: Commitment, r: Commitment | None, next_report: bool = True) -> str:
    return judge(t, r, next_report).status


GDP = "国内生产总值"


@pytest.mark.parametrize("actual, expected", [(3, "missed"), (5.0, "met"), (5.2, "met"), (4.6, "met"),
                                              (4.4, "missed"), (6.1, "exceeded")])
def test_judge__approx_band_for_percent(actual, expected):
    assert status(mk(GDP, 5, verb="增长"), mk(GDP, actual, kind="result", verb="增长")) == expected


def test_judge__approx_band_for_levels_is_relative():
    t = mk("城镇新增就业", 1200, "万人")
    assert status(t, mk("城镇新增就业", 1244, "万人", kind="result")) == "met"
    assert status(t, mk("城镇新增就业", 1150, "万人", kind="result")) == "met"
    assert status(t, mk("城镇新增就业", 1100, "万人", kind="result")) == "missed"
    assert status(t, mk("城镇新增就业", 1400, "万人", kind="result")) == "exceeded"


def test_judge__min_met_at_or_above_and_exceeded_when_clearly_above():
    t = mk("粮食产量", 1.3, "万亿斤", "min")
    assert status(t, mk("粮食产量", 1.37, "万亿斤", kind="result")) == "met"
    assert status(t, mk("粮食产量", 1.3, "万亿斤", kind="result")) == "met"
    assert status(t, mk("粮食产量", 1.29, "万亿斤", kind="result")) == "missed"
    assert status(t, mk("粮食产量", 15000, "亿斤", kind="result")) == "exceeded"


def test_judge__gap_is_in_the_targets_unit():
    v = judge(mk("粮食产量", 1.3, "万亿斤", "min"), mk("粮食产量", 13700, "亿斤", kind="result"), True)
    assert v.gap == pytest.approx(0.07)
    assert judge(mk(GDP, 5.5), mk(GDP, 3, kind="result"), True).gap == pytest.approx(-2.5)


def test_judge__exact_is_a_floor_without_tolerance():
    t = mk("新增学位", 2500, "个", "exact")
    assert status(t, mk("新增学位", 2500, "个", kind="result")) == "met"
    assert status(t, mk("新增学位", 2400, "个", kind="result")) == "missed"


def test_judge__range_is_met_from_its_low_end():
    t = mk(GDP, 5.0, comparator="range", high=5.5)
    assert status(t, mk(GDP, 5.0, kind="result")) == "met"
    assert status(t, mk(GDP, 4.9, kind="result")) == "missed"
    assert status(t, mk(GDP, 5.8, kind="result")) == "met"
    assert status(t, mk(GDP, 6.6, kind="result")) == "exceeded"


def test_judge__stretch_reached_counts_as_exceeded():
    t = mk(GDP, 7, comparator="min", stretch=8)
    assert status(t, mk(GDP, 7.5, kind="result")) == "met"
    assert status(t, mk(GDP, 8, kind="result")) == "exceeded"


@pytest.mark.parametrize("actual, expected", [(2, "met"), (3, "met"), (3.4, "met"), (3.6, "missed"), (0.2, "met")])
def test_judge__ceiling_indicator_met_at_or_below_with_approx_band(actual, expected):
    t = mk("居民消费价格涨幅", 3)
    assert polarity(t) == "ceiling"
    assert status(t, mk("居民消费价格", actual, kind="result", verb="上涨")) == expected


def test_judge__ceilings_are_never_exceeded():
    assert status(mk("城镇调查失业率", 5.5), mk("城镇调查失业率", 4.0, kind="result")) == "met"


def test_judge__max_comparator_has_no_tolerance():
    t = mk("城镇调查失业率", 5.5, comparator="max", verb="控制在")
    assert status(t, mk("城镇调查失业率", 5.5, kind="result", verb="降到")) == "met"
    assert status(t, mk("城镇调查失业率", 5.6, kind="result")) == "missed"


def test_judge__reduction_compares_the_size_of_the_fall():
    t = mk("单位国内生产总值能耗", 2.5, verb="降低")
    assert direction(t) == "reduction"
    v = judge(t, mk("单位国内生产总值能耗", 3, kind="result", comparator="min",
                    clause="单位国内生产总值能耗降幅超过3%"), True)
    assert (v.status, v.reduction, v.gap) == ("met", True, pytest.approx(0.5))
    assert status(t, mk("单位国内生产总值能耗", 1.5, kind="result", verb="下降")) == "missed"
    assert status(t, mk("单位国内生产总值能耗", 0.5, kind="result", verb="上升")) == "missed"
    assert status(t, mk("单位国内生产总值能耗", 4, kind="result", verb="下降")) == "exceeded"


def test_judge__reduction_verb_found_in_clause_when_verb_missing():
    t = mk("单位国内生产总值能耗", 3, clause="单位国内生产总值能耗降低3%左右")
    assert direction(t) == "reduction"


def test_judge__level_words_are_not_reductions():
    r = mk("城镇调查失业率", 5.5, kind="result", clause="年末城镇调查失业率降到5.5%")
    assert direction(r) == "level"


def test_judge__a_fall_against_a_growth_target_is_negative():
    v = judge(mk(GDP, 5, verb="增长"), mk(GDP, 2, kind="result", verb="下降"), True)
    assert v.status == "missed" and v.gap == pytest.approx(-7)


def test_judge__lower_polarity_exceeded_when_clearly_below():
    t = mk("细颗粒物平均浓度", 35, "微克/立方米", "exact")
    assert polarity(t) == "lower"
    assert status(t, mk("细颗粒物平均浓度", 30, "微克/立方米", kind="result")) == "exceeded"
    assert status(t, mk("细颗粒物平均浓度", 34, "微克/立方米", kind="result")) == "met"
    assert status(t, mk("细颗粒物平均浓度", 36, "微克/立方米", kind="result")) == "missed"


def test_judge__estimated_result_is_flagged():
    v = judge(mk(GDP, 5), mk(GDP, 5.1, kind="result", estimated=True), True)
    assert v.status == "met" and v.estimated


def test_judge__pending_not_reported_qualitative():
    t = mk(GDP, 5)
    assert status(t, None, next_report=False) == "pending"
    assert status(t, None, next_report=True) == "not_reported"
    q = mk("居民收入增长和经济增长同步", None, None, "qualitative")
    assert status(q, None, next_report=False) == "qualitative"
    assert status(q, None, next_report=True) == "qualitative"


def test_judge__describe_rules_states_the_configured_numbers():
    rules = describe_rules()
    assert all(set(r) == {"title", "text"} for r in rules)
    text = " ".join(r["text"] for r in rules)
    assert "0.5 percentage point" in text and "5%" in text


def test_judge__tax_cuts_compare_the_size_of_the_cut():
    """`减税8000亿元` against `减税降费约1.3万亿元`: both are cuts, so the result is not a negative figure."""
    t = mk("再为企业和个人减税", 8000, "亿元", "exact", clause="全年再为企业和个人减税8000亿元")
    r = mk("为企业和个人减税降费", 1.3, "万亿元", "approx", kind="result", clause="全年为企业和个人减税降费约1.3万亿元")
    v = judge(t, r, True)
    assert v.reduction and v.gap == pytest.approx(5000) and v.status == "exceeded"


# ---- tolerance edges, kinds of figure, ceilings (synthetic one-line records) -------------------


@pytest.mark.parametrize("actual, expected, edge", [
    (2.0, "met", False), (0.2, "met", False), (3.0, "met", False),
    (3.3, "met", True),     # met only inside the ±0.5 pp band
    (3.45, "met", True),
    (3.55, "missed", True),  # 0.05 pp outside the band's edge
    (3.8, "missed", False),
])
def test_judge__ceiling_with_band_flags_verdicts_on_the_tolerance_edge(actual, expected, edge):
    v = judge(mk("居民消费价格涨幅", 3), mk("居民消费价格", actual, kind="result", verb="上涨"), True)
    assert (v.status, bool(v.edge)) == (expected, edge)


@pytest.mark.parametrize("actual, expected, edge", [
    (5.2, "met", False), (4.6, "met", True), (4.45, "missed", True), (4.2, "missed", False),
    (5.8, "met", False),
])
def test_judge__approx_floor_flags_verdicts_on_the_tolerance_edge(actual, expected, edge):
    v = judge(mk(GDP, 5, verb="增长"), mk(GDP, actual, kind="result", verb="增长"), True)
    assert (v.status, bool(v.edge)) == (expected, edge)


def test_judge__tolerance_edge_for_levels_is_relative_and_exact_targets_have_none():
    v = judge(mk("城镇新增就业", 1200, "万人"), mk("城镇新增就业", 1150, "万人", kind="result"), True)
    assert v.status == "met" and "1200" not in v.edge and "60" in v.edge  # ±5% of 1200 = 60 万人
    exact = judge(mk("新增学位", 2500, "个", "exact"), mk("新增学位", 2499, "个", kind="result"), True)
    assert exact.status == "missed" and exact.edge == ""
    ceiling = judge(mk("城镇登记失业率", 4.5, comparator="max"), mk("城镇登记失业率", 4.55, kind="result"), True)
    assert ceiling.status == "missed" and ceiling.edge == ""  # 以内 has no band


def test_judge__ceiling_well_below_is_met_and_above_is_missed_for_max_and_approx():
    for comparator in ("max", "approx"):
        t = mk("城镇登记失业率", 4.5, comparator=comparator)
        assert status(t, mk("城镇登记失业率", 1.0, kind="result")) == "met"
        assert status(t, mk("城镇登记失业率", 5.5, kind="result")) == "missed"


@pytest.mark.parametrize("indicator, value, unit, verb, kind", [
    ("全市生产总值", 300, "亿元", "完成", "level"),
    ("全市生产总值", 9, "%", "增长", "change"),
    ("居民消费价格涨幅", 3, "%", "控制在", "change"),   # 涨幅 names a change even after 控制在
    ("城镇登记失业率", 4.5, "%", "控制在", "level"),
    ("城镇化率", 55, "%", "达到", "level"),
    ("城镇化率", 55, "%", "提高到", "level"),
    ("财政收入", 5, "亿元", "增加", "change"),
    ("粮食", 50, "亿斤", "增产", "change"),
    ("人均公用经费", 500, "元", "提高到", "level"),
    ("工业增加值", 113, "亿元", "完成", "level"),      # 增加值 is a name, not a move
    ("城镇新增就业", 5, "万人", None, "level"),         # counts are never split
    ("农村贫困人口", 1240, "万", "减少", "level"),
])
def test_measure__change_or_level(indicator, value, unit, verb, kind):
    from scoring.judge import measure

    assert measure(mk(indicator, value, unit, "exact", verb=verb, clause=f"{indicator}{verb or ''}{value}{unit}")) == kind


def test_judge__describe_rules_lists_ceiling_indicators_tolerance_edge_and_renamings():
    text = " ".join(r["text"] for r in describe_rules())
    for words in ("居民消费价格涨幅", "城镇登记失业率", "城镇调查失业率", "tolerance_edge", "every level of government",
                  "农民人均纯收入 (–2014)", "农村居民人均可支配收入 (2014–)", "完成XX亿元，增长X%"):
        assert words in text, words


def test_measure__a_bare_percent_of_a_money_indicator_is_its_growth():
    """`…增长14%；社会消费品零售总额12%`: the verb stays with the first item of the list."""
    from scoring.judge import measure

    def bare(indicator, canonical, value):
        c = mk(indicator, value, "%", "exact", clause=f"{indicator}{value}%")
        c.canonical = canonical
        return c

    assert measure(bare("社会消费品零售总额", "retail_sales", 12)) == "change"
    assert measure(bare("城镇登记失业率", "registered_unemployment", 4.5)) == "level"
    assert measure(bare("某项比例", None, 60)) == "level"


def test_judge__a_share_of_the_years_task_counts_as_that_share_of_the_target():
    # synthetic records: `城镇新增就业5.5万人` judged against `城镇新增就业…完成年度任务的135%`
    from extractors.records import Commitment
    from scoring.judge import judge, task_share
    from scoring.match import pairable

    def rec(kind, value, unit, verb, clause):
        return Commitment(source="t.txt", region="x", report_year=2022 if kind == "result" else 2021, kind=kind,
                          period_year=2021, indicator="城镇新增就业", canonical="urban_new_jobs", verb=verb,
                          value=value, value_high=None, stretch=None, unit=unit, comparator="exact",
                          estimated=False, section=None, clause=clause, start=0, end=len(clause))

    target = rec("target", 5.5, "万人", "新增", "城镇新增就业5.5万人")
    done = rec("result", 135.0, "%", "完成年度任务的", "分别完成年度任务的135%")
    short = rec("result", 80.0, "%", "完成年度任务的", "完成年度任务的80%")
    assert task_share(done) and pairable(target, done)
    assert judge(target, done, True).status == "exceeded" and judge(target, done, True).actual == 7.425
    assert judge(target, short, True).status == "missed"
