"""commitments: one record per number-bearing commitment, with qualifiers, lists, spans and evidence.

Fixture sentences are written in the style of county, city and provincial reports, not copied
from the shipped corpus, so the rules are tested for the genre.
"""

import pytest

from extractors.commitments import extract_commitments
from extractors.records import Document
from extractors.sections import split_sections

YEAR = 2024


def extract(review: str = "", plan: str = "", year: int = YEAR):
    text = f"政府工作报告\n各位代表：\n一、{year - 1}年工作回顾\n{review}\n二、{year}年工作安排\n{plan}"
    doc = Document(source="t.txt", fmt="txt", sha256="", text=text, region="x", report_year=year)
    doc.sections = split_sections(text, year)
    records = extract_commitments(doc)
    for r in records:  # the evidence contract, for every record of every test
        assert text[r.start : r.end] == r.clause
        if r.value is not None and r.clause.isascii() is False and any(c.isdigit() for c in r.clause):
            assert f"{r.value:g}" in r.clause.replace(" ", "")
    return records


def find(records, value, kind=None):
    hits = [r for r in records if r.value == value and (kind is None or r.kind == kind)]
    assert hits, f"no record with value {value}: {[(r.indicator, r.value) for r in records]}"
    return hits[0]


def values(records, **where):
    return [r.value for r in records if all(getattr(r, k) == v for k, v in where.items())]


# ---- qualifiers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("clause", "comparator"),
    [
        ("地区生产总值增长6%左右", "approx"),
        ("城镇新增就业5万人以上", "min"),
        ("城镇调查失业率控制在5.5%以内", "max"),
        ("城镇登记失业率低于4%", "max"),
        ("粮食产量不低于9亿斤", "min"),
        ("一般公共预算收入增长5%", "exact"),
        ("研发经费投入增长不少于10%", "min"),
        ("新能源汽车产量约30万辆", "approx"),
    ],
)
def test_extract__qualifier_words_set_the_comparator(clause, comparator):
    (r,) = extract(plan=f"{clause}。")
    assert r.comparator == comparator and r.kind == "target" and r.period_year == YEAR


@pytest.mark.parametrize(
    ("written", "low", "high"), [("5.0%—5.5%", 5.0, 5.5), ("6%－6.5%", 6, 6.5), ("6.5%-7%", 6.5, 7)]
)
def test_extract__ranges_give_value_and_value_high(written, low, high):
    (r,) = extract(plan=f"固定资产投资增长{written}。")
    assert (r.comparator, r.value, r.value_high) == ("range", low, high)


def test_extract__lizheng_after_a_target_is_its_stretch():
    (r,) = extract(plan="规模以上工业增加值增长7%以上、力争达到8%。")
    assert (r.value, r.comparator, r.stretch) == (7, "min", 8)


def test_extract__lizheng_in_next_clause_is_a_stretch_too():
    (r,) = extract(plan="确保地区生产总值增长6.5%左右，力争7%。")
    assert (r.value, r.comparator, r.stretch) == (6.5, "approx", 7)


# ---- the 主要预期目标 sentence -----------------------------------------------------------------

HEADLINE = (
    "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右；一般公共预算收入增长5%；"
    "城镇新增就业5万人以上，城镇调查失业率低于全省平均水平；居民消费价格涨幅3%左右；"
    "居民收入增长和经济增长同步；单位地区生产总值能耗下降3%；粮食产量1.3万亿斤以上；"
    "完成省下达的节能减排任务。"
)


def test_extract__headline_sentence_every_clause_is_a_headline_record():
    recs = extract(plan=HEADLINE)
    assert all(r.headline and r.kind == "target" for r in recs)
    numeric = {(r.canonical, r.value, r.unit, r.comparator) for r in recs if r.value is not None}
    assert numeric == {
        ("gdp", 6, "%", "approx"),
        ("general_budget_revenue", 5, "%", "exact"),
        ("urban_new_jobs", 5, "万人", "min"),
        ("cpi", 3, "%", "approx"),
        ("energy_intensity", 3, "%", "exact"),
        ("grain_output", 1.3, "万亿斤", "min"),
    }


def test_extract__relational_targets_are_qualitative_records():
    recs = [r for r in extract(plan=HEADLINE) if r.comparator == "qualitative"]
    assert [r.indicator for r in recs] == [
        "城镇调查失业率低于全省平均水平",
        "居民收入增长和经济增长同步",
        "完成省下达的节能减排任务",
    ]
    assert all(r.value is None and r.unit is None for r in recs)
    assert recs[0].canonical == "surveyed_unemployment"


def test_extract__restatement_of_targets_is_not_a_second_target():
    recs = extract(
        plan=HEADLINE
        + "\n提出上述预期目标，综合考虑了各方面因素。城镇调查失业率5.5%左右，体现了稳就业的要求。\n经济增长预期目标为6%左右，与中长期目标相衔接。"
    )
    assert len(values(recs, canonical="gdp")) == 1
    assert 5.5 not in values(recs)


# ---- lists -----------------------------------------------------------------------------------


def test_extract__fenbie_list_distributes_values():
    recs = extract(review="高新区营业收入、技工贸收入预计（下同）分别增长9.7%、9.6%。")
    assert [(r.indicator, r.value, r.estimated) for r in recs] == [
        ("高新区营业收入", 9.7, True),
        ("技工贸收入", 9.6, True),
    ]


def test_extract__fenbie_values_carry_to_the_next_clause():
    recs = extract(review="实际到位内资、外资分别达到164亿元、1508万美元，增长13.8%、87.5%。")
    assert [(r.indicator, r.value, r.unit) for r in recs] == [
        ("实际到位内资", 164, "亿元"),
        ("外资", 1508, "万美元"),
        ("实际到位内资", 13.8, "%"),
        ("外资", 87.5, "%"),
    ]


def test_extract__fenbie_takes_names_from_the_previous_clause():
    recs = extract(
        review="城镇居民人均可支配收入45678元、农村居民人均可支配收入23456元，分别增长5.1%和6.8%。"
    )
    assert [(r.canonical, r.value) for r in recs] == [
        ("urban_income", 45678),
        ("rural_income", 23456),
        ("urban_income", 5.1),
        ("rural_income", 6.8),
    ]


def test_extract__fenbie_splits_chengxiang_into_urban_and_rural():
    recs = extract(review="城乡居民人均可支配收入分别增长4.3%、6.1%。")
    assert [(r.canonical, r.value) for r in recs] == [("urban_income", 4.3), ("rural_income", 6.1)]


def test_extract__dunhao_list_shares_the_verb():
    recs = extract(plan="新增科技型中小企业420家、高新技术企业40家、全年登记技术合同交易额50亿元以上。")
    assert [(r.indicator, r.verb, r.value, r.comparator) for r in recs] == [
        ("新增科技型中小企业", "新增", 420, "exact"),
        ("高新技术企业", "新增", 40, "exact"),
        ("登记技术合同交易额", "新增", 50, "min"),
    ]


def test_extract__qualifier_belongs_to_its_own_item():
    recs = extract(plan="引进高层次人才100人、优秀青年人才500人以上。")
    assert [(r.value, r.comparator) for r in recs] == [(100, "exact"), (500, "min")]


def test_extract__qizhong_introduces_a_sub_target():
    recs = extract(plan="新增市场主体6000家，其中企业2000家以上。")
    sub = find(recs, 2000)
    assert sub.indicator == "其中企业" and sub.comparator == "min" and sub.verb == "新增"


def test_extract__item_without_a_name_inherits_the_previous_indicator():
    recs = extract(review="国内生产总值超过126万亿元，增长5.2%。移交社区服务用房65处、3.1万平米。")
    assert find(recs, 5.2).indicator == "国内生产总值" and find(recs, 5.2).headline
    assert find(recs, 3.1).indicator == "社区服务用房" or find(recs, 3.1).indicator.endswith("社区服务用房")
    assert find(recs, 126).comparator == "min"


def test_extract__number_before_its_noun():
    recs = extract(plan="新建3个美丽乡村，推动22个项目开工。")
    assert "美丽乡村" in find(recs, 3).indicator and "项目开工" in find(recs, 22).indicator


# ---- not commitments ---------------------------------------------------------------------------


def test_extract__numbers_inside_names_are_not_commitments():
    recs = extract(
        plan="力争全年引进亿元以上项目30个、50亿元以上项目2个、100亿元以上项目1个、“三类500强”项目5个以上。"
    )
    assert sorted(r.value for r in recs) == [1, 2, 5, 30]
    assert find(recs, 2).indicator == "50亿元以上项目" and find(recs, 2).unit == "个"


@pytest.mark.parametrize(
    "sentence",
    [
        "高新区跻身全国园区高质量发展百强榜第49位。",
        "在全市竞赛中2次获得全能亚军。",
        "巩固“蓝天300天”成果。",
        "2023年3月召开会议。",
        "总投资52亿元的宏工智能项目顺利投产。",
        "地方一般公共预算收入高于全国0.9个百分点。",
        "园区规模工业增加值、税收增速分别高于全省2.2个、3.7个百分点。",
        "实现了5天签约、30天开工。",
        "坚决落实15条硬措施。",
        "民营企业500强、研发投入500家等五张榜单上榜数居全国第一。",
    ],
)
def test_extract__rankings_names_dates_and_comparisons_are_not_commitments(sentence):
    assert extract(review=sentence, plan=sentence) == []


def test_extract__baseline_after_cong_is_not_a_result():
    (r,) = extract(review="常住人口城镇化率从60.2%提高到65.2%。")
    assert (r.value, r.indicator) == (65.2, "常住人口城镇化率")


def test_extract__forecast_in_the_plan_is_not_a_target():
    assert extract(plan="预计今年高校毕业生超过1170万人。") == []


def test_extract__glossary_and_self_building_yield_nothing():
    text = "一、2023年工作回顾\nGDP增长4%。\n三、全面加强政府自身建设\n办理建议133件。\n名词解释\n1.“四上”企业：规模以上工业企业3家。"
    doc = Document(source="t", fmt="txt", sha256="", text=text, region="x", report_year=2024)
    doc.sections = split_sections(text, 2024)
    assert [r.value for r in extract_commitments(doc)] == [4]


# ---- periods and spans -----------------------------------------------------------------------


def test_extract__review_results_are_last_year_and_plan_targets_this_year():
    recs = extract(review="GDP增长4.0%。", plan="GDP增长7.5%左右。")
    assert [(r.kind, r.period_year) for r in recs] == [("result", YEAR - 1), ("target", YEAR)]


def test_extract__five_year_review_is_marked_multi_year():
    recs = extract(
        review="过去一年，国内生产总值增长3%。\n过去五年极不平凡。\n——国内生产总值增加到121万亿元，五年年均增长5.2%。\n五年来，我们主要做了以下工作。\n（一）创新宏观调控。累计减税5.4万亿元。"
    )
    assert [(r.value, r.span) for r in recs] == [
        (3, None),
        (121, "multi-year"),
        (5.2, "multi-year"),
        (5.4, "multi-year"),
    ]


def test_extract__yearly_average_of_one_year_is_not_multi_year():
    (r,) = extract(review="细颗粒物年均浓度30.5微克/立方米。")
    assert r.span is None


@pytest.mark.parametrize(
    "sentence",
    [
        "到2027年，全县地区生产总值突破500亿元。",
        "用三年时间新建5G基站3000个。",
        "“十四五”期间累计完成投资1000亿元。",
    ],
)
def test_extract__multi_year_targets_are_marked(sentence):
    (r,) = extract(plan=sentence)
    assert r.span == "multi-year"


def test_extract__quarter_figures_are_sub_year():
    recs = extract(review="三季度增长4.6%，全年增长4.8%。")
    assert [(r.value, r.span) for r in recs] == [(4.6, "sub-year"), (4.8, None)]


def test_extract__yuji_marks_estimated_and_xiatong_carries_to_the_end_of_the_section():
    recs = extract(
        review="（一）经济。营业收入预计（下同）增长9.7%。\n（二）民生。新增城镇就业8316人。",
        plan="新增学位2500个。",
    )
    assert [(r.value, r.estimated) for r in recs] == [(9.7, True), (8316, True), (2500, False)]


# ---- canonical indicators ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "canonical"),
    [
        ("城镇调查失业率5.5%左右。", "surveyed_unemployment"),
        ("城镇登记失业率为2.07%。", "registered_unemployment"),
        ("新增城镇就业8316人。", "urban_new_jobs"),
        ("农村劳动力转移就业828人。", "rural_labor_transfer"),
        ("粮食产量1.39万亿斤。", "grain_output"),
        ("粮食播种面积7.53万亩。", "grain_area"),
        ("规模工业增加值增长10.5%。", "industrial_value_added"),
        ("新认定规模工业企业34家。", "industrial_enterprises"),
        ("数字经济核心产业增加值占地区生产总值比重达到10%。", None),
    ],
)
def test_extract__near_names_get_distinct_canonicals(sentence, canonical):
    (r,) = extract(review=sentence)
    assert r.canonical == canonical


def test_extract__headline_flag_on_review_results_of_headline_indicators():
    recs = extract(review="GDP增长4.0%，新增公办学位8600个。")
    assert [(r.value, r.headline) for r in recs] == [(4.0, True), (8600, False)]


# ---- genre variants ----------------------------------------------------------------------------


def test_extract__targets_listed_one_per_line_after_the_intro():
    plan = "今年全县经济社会发展的主要预期目标是：\n1.地区生产总值增长6.5%左右；\n2.城镇新增就业4000人以上；\n3.居民人均可支配收入与经济增长基本同步。\n要坚持稳中求进工作总基调，完整、准确、全面贯彻新发展理念，加快构建新发展格局，着力推动高质量发展，全面深化改革开放，推动高水平科技自立自强，新增学位2000个。"
    recs = extract(plan=plan)
    assert [(r.value, r.headline) for r in recs] == [(6.5, True), (4000, True), (None, True), (2000, False)]
    assert recs[2].indicator == "居民人均可支配收入与经济增长基本同步"


def test_extract__tongkoujing_growth_inherits_the_indicator():
    recs = extract(review="一般公共预算收入8.6亿元，同口径增长7.2%。")
    assert [(r.canonical, r.value) for r in recs] == [
        ("general_budget_revenue", 8.6),
        ("general_budget_revenue", 7.2),
    ]


def test_extract__short_first_names_of_a_fenbie_list_borrow_the_rest():
    recs = extract(review="城镇、农村居民人均可支配收入分别增长5.2%、7.1%。")
    assert [(r.canonical, r.value) for r in recs] == [("urban_income", 5.2), ("rural_income", 7.1)]


def test_extract__progress_against_the_annual_plan_is_not_a_result():
    assert extract(review="完成全年目标任务的105%。") == []


def test_extract__term_end_review_is_multi_year_until_a_one_year_paragraph():
    text = "一、过去五年工作回顾\n五年来，地区生产总值年均增长6.8%。\n2023年，地区生产总值增长5.5%。\n二、今后五年的奋斗目标\n到2028年，地区生产总值突破3000亿元。\n三、2024年工作安排\n新增学位5000个。"
    doc = Document(source="t", fmt="txt", sha256="", text=text, region="x", report_year=2024)
    doc.sections = split_sections(text, 2024)
    recs = extract_commitments(doc)
    assert [(r.kind, r.value, r.span) for r in recs] == [
        ("result", 6.8, "multi-year"),
        ("result", 5.5, None),
        ("target", 5000, None),
    ]


def test_extract__facts_about_the_country_are_not_targets():
    assert extract(plan="我国有2.9亿在校学生。把14亿多中国人的饭碗牢牢端在自己手中。") == []


def test_extract__bracketed_growth_after_a_level_inherits_the_indicator():
    recs = extract(review="地区生产总值500亿元（增长6%）。")
    assert [(r.indicator, r.value, r.unit) for r in recs] == [
        ("地区生产总值", 500, "亿元"),
        ("地区生产总值", 6, "%"),
    ]


# ---- whose number: context, generic heads, names ---------------------------------------------


def test_extract__bare_growth_takes_the_paragraphs_implied_subject():
    recs = extract(review="——经济发展稳中向好。顶住下行压力，全年增长4.8%、总量达5.3万亿元。")
    assert [(r.indicator, r.canonical) for r in recs] == [("经济增长", "gdp"), ("经济总量", "gdp")]


def test_extract__a_bare_growth_without_an_economy_paragraph_stays_unnamed():
    (r,) = extract(review="数字经济发展迅猛，增长15%。")
    assert r.canonical is None


@pytest.mark.parametrize(
    ("sentence", "indicator", "canonical"),
    [
        ("全市GDP增长7.9%，总量突破3780亿元。", "GDP总量", "gdp"),
        ("新增规模工业企业18家，总数达到126家。", "规模工业企业总数", "industrial_enterprises"),
        ("民营经济增加值增长9.5%，占地区生产总值比重达到55%。", "民营经济增加值占地区生产总值比重", None),
    ],
)
def test_extract__a_generic_head_or_share_belongs_to_the_indicator_before(sentence, indicator, canonical):
    r = extract(review=sentence)[-1]
    assert (r.indicator, r.canonical) == (indicator, canonical)


def test_extract__fenbie_takes_its_names_from_earlier_clauses():
    recs = extract(review="全年接待游客3260万人次，实现旅游综合收入286亿元，分别增长18.2%和21.5%。")
    assert [(r.indicator, r.value) for r in recs if r.unit == "%"] == [
        ("接待游客", 18.2),
        ("旅游综合收入", 21.5),
    ]


def test_extract__qizhong_sub_groups_complete_their_names():
    recs = extract(review="居民人均可支配收入增长6.1%，其中城镇、农村居民分别增长4.8%、7.2%。")
    assert [r.canonical for r in recs] == ["disposable_income", "urban_income", "rural_income"]


@pytest.mark.parametrize(
    "plan",
    [
        "今年赤字率拟按3%安排，财政赤字2.18万亿元，比去年增加5600亿元。",
        "常住人口城镇化率达到62%，比上年提高1.2个百分点。",
    ],
)
def test_extract__the_change_against_last_year_restates_the_figure_before(plan):
    recs = extract(plan=plan)
    assert 5600 not in values(recs) and 1.2 not in values(recs)


def test_extract__growth_against_last_year_is_kept():
    recs = extract(review="全市实现地区生产总值2350亿元，比上年增长6.2%。")
    assert values(recs) == [2350, 6.2]


def test_extract__a_cohort_in_the_plan_is_a_fact_not_a_target():
    assert extract(plan="今年高校毕业生765万人，为历年最多，要做好就业创业工作。") == []


def test_extract__the_main_targets_sentence_goes_on_in_the_next_sentence():
    recs = extract(
        plan="主要预期目标是：国内生产总值增长6.5%—7%，城镇登记失业率4.5%以内。"
        "单位国内生产总值能耗下降3.4%以上，主要污染物排放继续减少。"
    )
    assert [(r.canonical, r.comparator, r.headline) for r in recs][2:] == [
        ("energy_intensity", "min", True),
        ("pollutant_emissions", "qualitative", True),
    ]


def test_extract__a_rider_is_not_a_qualitative_target():
    recs = extract(plan="主要预期目标是：地区生产总值增长7%左右，在实际工作中力争更好结果。")
    assert [r.comparator for r in recs] == ["approx"]


def test_extract__economy_growth_target_maps_to_gdp():
    (r,) = extract(plan="主要预期目标是：经济增长6%左右。")
    assert (r.indicator, r.canonical, r.comparator) == ("经济增长", "gdp", "approx")


def test_extract__lone_chinese_numeral_counts_at_the_end_of_its_clause():
    recs = extract(plan="新建幼儿园三所，建成区域医疗中心两个。")
    assert [(r.value, r.unit) for r in recs] == [(3, "所"), (2, "个")]


@pytest.mark.parametrize(
    "plan", ["我们将继续办好十件民生实事：", "实施促进高校毕业生就业创业十项行动。", "打好三大攻坚战。"]
)
def test_extract__chinese_numerals_naming_a_programme_are_not_targets(plan):
    assert extract(plan=plan) == []


def test_extract__table_rows_take_the_cell_before_the_number():
    recs = extract(plan="1\t新建幼儿园\t3所\t新增学位\t1800个")
    assert [(r.indicator, r.value) for r in recs] == [("新建幼儿园", 3), ("新增学位", 1800)]


def test_extract__a_qualifier_after_a_fenbie_list_is_said_of_every_value():
    recs = extract(plan="城乡居民人均可支配收入分别增长8%、9%以上。")
    assert [(r.canonical, r.comparator) for r in recs] == [("urban_income", "min"), ("rural_income", "min")]


def test_extract__a_total_after_an_increase_is_no_stretch_goal():
    recs = extract(plan="新增规模以上工业企业20家，力争达到150家。")
    assert [(r.indicator, r.value, r.stretch) for r in recs] == [
        ("新增规模以上工业企业", 20, None),
        ("规模以上工业企业", 150, None),
    ]


def test_extract__baselines_and_listed_comparisons_are_not_results():
    recs = extract(
        review="城镇登记失业率3.2%（上年3.5%）。一般公共预算收入增速分别比全国、全省高1.2、0.8个百分点。"
    )
    assert values(recs) == [3.2]


# ---- rules added on held-out national years and genre excerpts (helper heldout-2) ------------


def test_extract__a_level_stated_with_de_is_a_result():
    recs = extract(review="城镇新增就业1361万人、调查失业率稳定在5%左右的较低水平。")
    assert [(r.canonical, r.value) for r in recs] == [("urban_new_jobs", 1361), ("surveyed_unemployment", 5)]


def test_extract__a_ceiling_before_a_noun_names_a_class():
    assert extract(plan="淘汰关停不达标的30万千瓦以下煤电机组。") == []


def test_extract__a_qualifier_before_the_verb_sets_the_comparator():
    (r,) = extract(plan="移动网络流量资费年内至少降低30%。")
    assert (r.indicator, r.comparator) == ("移动网络流量资费", "min")


def test_extract__fenbie_with_one_value_gives_it_to_each_name():
    recs = extract(plan="二氧化硫、氮氧化物排放量要分别下降3%。")
    assert [(r.indicator, r.value) for r in recs] == [("二氧化硫", 3), ("氮氧化物排放量", 3)]


def test_extract__tongbi_before_fenbie_names_nothing():
    recs = extract(review="接待游客3180万人次，实现旅游总收入486亿元，同比分别增长26.5%、32.1%。")
    assert [(r.indicator, r.value) for r in recs][2:] == [("接待游客", 26.5), ("旅游总收入", 32.1)]


def test_extract__yuji_covers_its_own_clauses_not_the_rest_of_the_sentence():
    recs = extract(review="地区生产总值增长6.8%；社零额预计增长7.8%，进出口预计下降3.2%；城镇新增就业6.8万人。")
    assert [r.estimated for r in recs] == [False, True, True, False]
    recs = extract(review="预计全年地区生产总值增长6%，规模工业增加值增长7%。")
    assert [r.estimated for r in recs] == [True, True]


@pytest.mark.parametrize("intro", ["主要预期目标建议为：", "主要预期目标安排如下：", "提出以下主要目标："])
def test_extract__intro_variants_open_the_headline_sentence(intro):
    recs = extract(plan=f"今年{intro}地区生产总值增长6%左右，居民收入增长和经济增长基本同步。")
    assert [(r.canonical, r.headline) for r in recs] == [("gdp", True), ("disposable_income", True)]


def test_extract__an_explained_target_is_no_intro():
    recs = extract(plan="主要预期目标是：地区生产总值增长6%以上。经济增速是综合性指标，今年预期目标设定为6%以上，考虑了恢复情况。")
    assert len(recs) == 1 and recs[0].headline


def test_extract__unpunctuated_target_list_one_per_line():
    recs = extract(plan="今年主要预期目标安排如下：\n1. 地区生产总值增长7.5%左右\n2. 规模工业增加值增长9%，力争10%\n"
                        "3. 居民收入增长和经济增长基本同步，完成节能减排任务\n围绕上述目标，重点抓好以下工作：\n"
                        "（一）壮大实体经济。实施重点项目120个。")
    assert [(r.indicator, r.value, r.stretch, r.headline) for r in recs] == [
        ("地区生产总值", 7.5, None, True), ("规模工业增加值", 9, 10, True),
        ("居民收入增长和经济增长基本同步", None, None, True), ("完成节能减排任务", None, None, True),
        ("实施重点项目", 120, None, False)]


def test_extract__quyu_before_gdp_is_the_district_gdp():
    (r,) = extract(plan="主要预期目标是：区域生产总值增长7%左右。")
    assert r.canonical == "gdp"


def test_extract__multi_year_horizons_of_two_years():
    recs = extract(plan="今明两年职业技能培训3500万人次以上，高职院校扩招200万人。")
    assert [r.span for r in recs] == ["multi-year", "multi-year"]


def test_extract__a_sum_of_the_figures_above_is_no_new_target():
    recs = extract(plan="发行1万亿元抗疫特别国债。上述2万亿元全部转给地方。")
    assert values(recs) == [1]


# ---- whose figure: another level's numbers quoted in a local report (issue 16) ------------------------

def _local(review: str, plan: str, name: str | None):
    text = f"政府工作报告\n各位代表：\n一、2023年工作回顾\n{review}\n二、2024年工作安排\n{plan}"
    doc = Document(source="t.txt", fmt="txt", sha256="", text=text, region="x", report_year=2024, name=name)
    doc.sections = split_sections(text, 2024)
    return extract_commitments(doc)


def test_extract__province_figures_in_a_city_report_are_not_the_citys():
    # synthetic: a city (named by its issuer) quotes the province's growth beside its own
    records = _local("全市生产总值增长5.1%，全省生产总值增长4.1%。", "全省财政收入预期增长7%。全市新增就业3000人。", "合成市人民政府")
    assert values(records, kind="result") == [5.1]
    assert values(records, kind="target") == [3000]


def test_extract__the_state_councils_own_figures_are_national():
    records = _local("全国居民消费价格上涨0.2%。", "全国粮食产量1.3万亿斤以上。", "国务院")
    assert values(records, kind="result") == [0.2] and values(records, kind="target") == [1.3]


def test_extract__without_an_issuer_nothing_is_set_aside():
    records = _local("全市生产总值增长5.1%，全省生产总值增长4.1%。", "", None)
    assert values(records, kind="result") == [5.1, 4.1]


def test_extract__a_revised_target_in_the_review_is_not_a_result():
    records = _local("受疫情影响，全年增长目标调整为3%，全市生产总值增长3.5%。", "", "合成市人民政府")
    assert values(records, kind="result") == [3.5]


def test_extract__a_bare_figure_takes_the_indicator_of_the_clause_before():
    # synthetic: the indicator stands in a clause of its own before its figures
    records = extract(review="全县生产总值增长6%。粮食总产再创新高，达49万吨，比上年增长9.4%；工作任务全部完成，分别完成省定任务的170%、184%。")
    assert {r.value: r.canonical for r in records if r.value in (49, 9.4)} == {49: "grain_output", 9.4: "grain_output"}
    assert all(r.canonical != "grain_output" for r in records if r.value in (170, 184))


def test_extract__a_list_of_indicators_with_one_qualitative_predicate_gives_one_target_each():
    recs = extract(plan="主要预期目标是：规模以上工业增加值、社会消费品零售总额增速高于全省平均水平，居民收入增长和经济增长同步。")
    quals = [(r.indicator, r.canonical) for r in recs if r.comparator == "qualitative"]
    assert ("规模以上工业增加值增速高于全省平均水平", "industrial_value_added") in quals
    assert ("社会消费品零售总额增速高于全省平均水平", "retail_sales") in quals
    assert ("居民收入增长和经济增长同步", "disposable_income") in quals


def test_extract__targets_grouped_under_labels_continue_the_main_targets():
    # synthetic: the main-target sentence goes on in sentences that open with a group label
    recs = extract(plan="主要预期目标是：生产总值增长8%以上。协调发展取得新成效，常住人口城镇化率提高1.5个百分点以上。"
                        "绿色发展取得新提升，单位生产总值能耗下降1%以上，主要污染物排放量完成省定目标。")
    headline = [(r.canonical, r.value) for r in recs if r.headline]
    assert ("urbanization", 1.5) in headline and ("energy_intensity", 1.0) in headline
    assert not any("取得新" in r.indicator for r in recs)


@pytest.mark.parametrize("written, names", [
    ("其中一、二、三产业分别增长2%、12%和10.2%。", ["第一产业", "第二产业", "第三产业"]),
    ("第一、二、三产业增加值分别增长3.5%、6.2%、5.1%。", ["第一产业增加值", "第二产业增加值", "第三产业增加值"]),
    ("一、二级医院分别新增5家、3家。", ["一级医院", "二级医院"]),
])
def test_extract__ordinal_lists_share_the_last_items_noun(written, names):
    recs = extract(review="全县生产总值增长6%，" + written)
    assert [r.indicator for r in recs if r.value != 6] == names


@pytest.mark.parametrize("intro", [
    "今年全县经济社会发展的主要预期目标是：", "综合考虑各方面因素，今年主要经济指标安排为：", "建议今年全区经济社会发展的主要目标为：",
    "今年经济社会发展主要预期目标建议如下：", "经济社会发展的主要目标设定为：", "今年主要目标：", "今年我县发展的主要预期指标是：",
])
def test_extract__main_targets_however_introduced(intro):
    recs = extract(plan=f"{intro}地区生产总值增长6%左右，一般公共预算收入增长5%，城镇新增就业3000人。")
    assert [(r.canonical, r.value) for r in recs if r.kind == "target" and r.headline] == [
        ("gdp", 6), ("general_budget_revenue", 5), ("urban_new_jobs", 3000)]


def test_extract__fenbie_from_several_values_to_one_gives_the_end_value_to_each():
    recs = extract(review="不断提高企业研发费用加计扣除比例，将制造业企业、科技型中小企业分别从50%、75%提高至100%。")
    assert [(r.indicator, r.value) for r in recs] == [
        ("制造业企业研发费用加计扣除比例", 100), ("科技型中小企业研发费用加计扣除比例", 100)]
