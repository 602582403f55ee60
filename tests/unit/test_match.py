"""Matcher: lexicon first, fuzzy with a threshold, unit families, near-name guard, one-to-one."""

from __future__ import annotations

import pytest

from extractors.records import Commitment
from scoring.match import distinct, head_noun, match, similarity
from scoring.units import compatible, convert, parse_unit


def mk(indicator: str, value: float | None = 1.0, unit: str | None = "%", *, kind: str = "target",
       canonical: str | None = None, headline: bool = False, estimated: bool = False, start: int = 0,
       comparator: str = "approx", verb: str | None = None) -> Commitment:
    year = 2023 if kind == "target" else 2024
    return Commitment("x.txt", "r", year, kind, 2023, indicator, canonical, verb, value, None, None, unit,
                      comparator, estimated, None, f"{indicator}{value}{unit or ''}", start, start + 5,
                      headline=headline)


@pytest.mark.parametrize("a, b", [
    ("城镇调查失业率", "城镇登记失业率"),
    ("城镇新增就业", "农村劳动力转移就业"),
    ("粮食产量", "粮食播种面积"),
    ("规模工业增加值", "规模工业企业"),
    ("进出口总额", "出口总额"),
])
def test_match__near_names_are_distinct(a, b):
    assert distinct(a, b)
    assert distinct(b, a)


@pytest.mark.parametrize("a, b", [
    ("城镇调查失业率", "年末城镇调查失业率"),
    ("规模工业增加值", "规上工业增加值"),
    ("新增城镇就业", "城镇新增就业"),
    ("居民人均可支配收入", "居民收入"),
])
def test_match__same_things_are_not_distinct(a, b):
    assert not distinct(a, b)


def test_match__head_noun_is_the_last_listed_noun():
    assert head_noun("规模以上工业企业利润") == "利润"
    assert head_noun("粮食播种面积") == "播种面积"
    assert head_noun("经济增长") is None


@pytest.mark.parametrize("t_name, r_name", [
    ("城镇调查失业率", "城镇登记失业率"),
    ("城镇新增就业", "农村劳动力转移就业"),
    ("粮食产量", "粮食播种面积"),
    ("规模工业增加值", "规模工业企业"),
])
def test_match__near_name_pairs_never_match_even_when_alone(t_name, r_name):
    assert match([mk(t_name)], [mk(r_name, kind="result")], threshold=0) == {}


def test_match__lexicon_first_with_score_100():
    t = mk("GDP", 5, canonical="gdp")
    rs = [mk("地区生产总值", 5.2, canonical="gdp", kind="result")]
    m = match([t], rs)[0]
    assert (m.result, m.score, m.method) == (0, 100.0, "lexicon")


def test_match__different_canonicals_never_match():
    t = mk("城镇调查失业率", canonical="unemployment_survey")
    r = mk("城镇调查失业率", canonical="unemployment_registered", kind="result")
    assert match([t], [r]) == {}


def test_match__fuzzy_when_no_canonical_above_threshold():
    t = mk("新增科技型中小企业", 420, "家", comparator="exact")
    rs = [mk("新增高新技术企业", 45, "家", kind="result"), mk("新增科技型中小企业", 430, "家", kind="result")]
    m = match([t], rs)[0]
    assert m.result == 1 and m.method == "fuzzy" and m.score >= 70


def test_match__below_threshold_stays_unmatched():
    t = mk("新增学位", 2500, "个")
    r = mk("加装电梯", 75, "个", kind="result")
    assert match([t], [r]) == {}


def test_match__incompatible_units_never_match():
    t = mk("国内生产总值", 5, "%", canonical="gdp")
    r = mk("国内生产总值", 134.9, "万亿元", canonical="gdp", kind="result")
    assert match([t], [r]) == {}


def test_match__unit_family_picks_growth_over_level():
    t = mk("国内生产总值", 5, "%", canonical="gdp")
    rs = [mk("国内生产总值", 134.9, "万亿元", canonical="gdp", kind="result", start=1),
          mk("国内生产总值", 5, "%", canonical="gdp", kind="result", start=2)]
    assert match([t], rs)[0].result == 1


def test_match__one_result_per_target_and_per_result():
    ts = [mk("城镇新增就业", 1100, "万人", canonical="jobs"), mk("城镇新增就业", 1200, "万人", canonical="jobs")]
    rs = [mk("城镇新增就业", 1206, "万人", canonical="jobs", kind="result")]
    got = match(ts, rs)
    assert len(got) == 1 and list(got.values())[0].result == 0


def test_match__prefers_headline_then_not_estimated():
    t = mk("居民消费价格", 3, canonical="cpi")
    rs = [mk("居民消费价格", 1, canonical="cpi", kind="result", estimated=True, headline=True, start=1),
          mk("居民消费价格", 2, canonical="cpi", kind="result", start=2),
          mk("居民消费价格", 0.2, canonical="cpi", kind="result", headline=True, start=3)]
    assert match([t], rs)[0].result == 2


def test_match__pin_wins_and_forbid_blocks():
    t = mk("城镇新增就业", 1100, "万人", canonical="jobs")
    rs = [mk("城镇新增就业", 1206, "万人", canonical="jobs", kind="result"),
          mk("高校毕业生就业", 1000, "万人", kind="result")]
    assert match([t], rs, pins=[(0, 1)])[0].method == "override"
    assert match([t], rs, forbids={(0, 0)}) == {}
    assert match([t], rs, forbids={(0, None)}) == {}


def test_units__multipliers_and_families():
    assert parse_unit("万亿斤").factor == 1e12 and parse_unit("万亿斤").family == "weight"
    assert parse_unit("万千瓦").base == "千瓦" and parse_unit("千瓦").factor == 1
    assert convert(13700, "亿斤", "万亿斤") == pytest.approx(1.37)
    assert convert(2, "吨", "斤") == 4000
    assert convert(1, "亩", "平方米") == pytest.approx(666.6666667)
    assert compatible("万元", "亿元") and not compatible("%", "万元")
    assert compatible("个", "家") and not compatible("台", "人") and not compatible("个", "人")
    assert compatible("百分点", "个百分点") and not compatible("%", "个百分点")
    assert not compatible("亿元", "亿美元")


def test_match__similarity_ignores_when_and_where_words():
    assert similarity("城镇调查失业率", "全年城镇调查失业率") == 100


def test_match__configured_scorer_separates_the_labelled_corpus_pairs():
    """The scorer and threshold in rules.toml keep F1 ≥ 0.8 on the hand-labelled pairs (see match.py)."""
    import csv

    from scoring.config import DATA_DIR, section

    rows = list(csv.DictReader((DATA_DIR / "match_pairs.csv").open(encoding="utf-8")))
    threshold = section("match")["fuzzy_threshold"]

    def f1(scorer: str | None) -> float:
        hits = [similarity(r["target"], r["result"], scorer) >= threshold and not distinct(r["target"], r["result"])
                for r in rows]
        tp = sum(h and r["same"] == "1" for h, r in zip(hits, rows, strict=True))
        return 2 * tp / (sum(hits) + sum(r["same"] == "1" for r in rows))

    assert f1(None) >= 0.8
    assert f1(None) > f1("char_bigram_set") + 0.1


def test_match__a_task_pairs_with_its_object_written_without_the_shared_verb():
    """`新建改建高速公路6700多公里、农村公路20多万公里`: the second item has no verb of its own."""
    targets = [mk("新建改建农村公路", 20, "万公里", comparator="exact")]
    results = [mk("新建改建高速公路", 6700, "公里", kind="result"), mk("农村公路", 20, "万公里", kind="result")]
    m = match(targets, results)
    assert m[0].result == 1 and m[0].method == "fuzzy"


# ---- like with like: a city's `完成XX亿元，增长X%` (synthetic records) ----------------------------


def test_match__growth_target_to_growth_result_and_level_to_level():
    targets = [mk("全市生产总值", 8, "%", canonical="gdp", verb="增长"),
               mk("全市生产总值", 3000, "亿元", canonical="gdp", verb="达到", start=10)]
    results = [mk("全市生产总值", 3082.8, "亿元", kind="result", canonical="gdp", verb="完成"),
               mk("全市生产总值", 7.2, "%", kind="result", canonical="gdp", verb="增长", start=20)]
    pairs = match(targets, results)
    assert (pairs[0].result, pairs[1].result) == (1, 0)


def test_match__a_level_target_never_takes_an_amount_moved():
    targets = [mk("地方财政一般预算收入", 50, "亿元", canonical="general_budget_revenue", verb="达到")]
    results = [mk("地方财政一般预算收入", 5, "亿元", kind="result", canonical="general_budget_revenue", verb="增加"),
               mk("地方财政一般预算收入", 52, "亿元", kind="result", canonical="general_budget_revenue", verb="完成",
                  start=30)]
    assert match(targets, results)[0].result == 1
    assert match(targets, results[:1]) == {}


def test_match__a_percent_target_never_takes_a_money_result():
    targets = [mk("一般公共预算收入", 8, "%", canonical="general_budget_revenue", verb="增长")]
    results = [mk("一般公共预算收入", 120, "亿元", kind="result", canonical="general_budget_revenue", verb="完成")]
    assert match(targets, results) == {}


def test_match__a_growth_rate_target_never_takes_a_share():
    targets = [mk("产业集聚区固定资产投资", 20, "%", canonical="fixed_asset_investment", verb="增长")]
    results = [mk("产业集聚区固定资产投资", 73, "%", kind="result", canonical="fixed_asset_investment", verb="占全市的")]
    assert match(targets, results) == {}


def test_match__a_permille_rate_pairs_with_its_result():
    """Synthetic: `人口自然增长率控制在7‰以内` against `人口自然增长率5.8‰`."""
    targets = [mk("人口自然增长率", 7, "‰", canonical="population_natural_growth", verb="控制在", comparator="max")]
    results = [mk("人口自然增长率", 5.8, "‰", kind="result", canonical="population_natural_growth")]
    assert match(targets, results)[0].result == 0


def test_match__a_canonical_whose_unit_contradicts_the_lexicon_is_not_trusted():
    """Synthetic: a % figure labelled as a count indicator (tech_smes) does not pair as that indicator."""
    from scoring.match import canonical

    ratio = mk("科技型中小企业加计扣除比例", 100, "%", canonical="tech_smes")
    firms = mk("科技型中小企业", 620, "家", kind="result", canonical="tech_smes")
    assert canonical(ratio) is None and canonical(firms) == "tech_smes"
    assert canonical(mk("城镇化率", 1.5, "个百分点", canonical="urbanization")) == "urbanization"
    assert canonical(mk("国内生产总值", 126, "万亿元", canonical="gdp")) == "gdp"
    same = mk("科技型中小企业加计扣除比例", 100, "%", kind="result", canonical="tech_smes")
    assert match([ratio], [same])[0].method == "fuzzy"  # paired by its name, not as the count of firms
    assert match([ratio], [firms]) == {}


def test_match__a_growth_rate_of_a_count_indicator_keeps_its_canonical():
    from scoring.match import canonical

    assert canonical(mk("经营主体", 6.3, "%", kind="result", canonical="market_entities", verb="增长")) == "market_entities"


def test_head_noun__who_is_counted_is_not_the_head():
    from scoring.match import distinct, head_noun

    assert head_noun("城镇新增就业人口") == head_noun("城镇新增就业") == "就业"
    assert not distinct("城镇新增就业", "城镇新增就业人口")
    assert head_noun("农村贫困人口") == "人口"
