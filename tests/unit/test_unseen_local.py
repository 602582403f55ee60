"""Local reports of shapes no shipped report has (found on a bench of unseen county, district and city
reports, see docs/unseen-bench.md). Every snippet below is synthetic: made up for the rule it tests,
not copied from any report."""

from extractors.commitments import extract_commitments
from extractors.metadata import resolve_year, text_year
from extractors.normalize import normalize_text
from extractors.records import Document
from extractors.sections import split_sections


def _records(text: str, year: int):
    doc = Document(source="t.txt", fmt="txt", sha256="", text=text, region="x", report_year=year)
    doc.sections = split_sections(text, year)
    return extract_commitments(doc)


def _review(body: str, year: int = 2024):
    return _records(f"政府工作报告\n各位代表：\n一、{year - 1}年工作回顾\n{body}\n二、{year}年工作安排\n做好各项工作。", year)


# ---- which year ------------------------------------------------------------------------------


def test_year__congress_in_december_delivers_next_years_report():
    # synthetic: a district congress held in December, the title naming the coming year
    text = "2031年某区政府工作报告\n——2030年12月28日在某区第九届人民代表大会第二次会议上\n一、2030年工作回顾\n"
    assert text_year(text) == 2031


def test_year__date_line_outweighs_a_web_pages_title_and_the_clash_is_flagged():
    # synthetic: a web page titled by the year reviewed, the report delivered the year after
    text = "2029年政府工作报告——2030年1月9日在某市第八届人民代表大会第五次会议上\n一、2029年工作回顾\n"
    year, source, warnings = resolve_year(text, __import__("pathlib").Path("r.txt"), "r.txt")
    assert (year, source) == (2030, "text")
    assert warnings and "2029" in warnings[0] and "using 2030" in warnings[0]


# ---- reading ---------------------------------------------------------------------------------


def test_normalize__pinyin_glosses_of_a_web_page_are_dropped():
    # synthetic: characters glossed with pinyin in brackets, as some pages print them
    assert normalize_text("全市地区生(shēng)产(chǎn)总值增长(zhǎng)6%") == "全市地区生产总值增长6%"
    assert normalize_text("国内生产总值（GDP）增长5%") == "国内生产总值（GDP）增长5%"  # no tone mark: kept


# ---- naming results --------------------------------------------------------------------------


def test_extract__growth_after_a_level_keeps_a_name_ending_in_zonge():
    # synthetic: 总额 is part of the indicator's name, not a size word to drop
    rs = _review("社会消费品零售总额88亿元，增长7%；外贸出口总额2亿美元，增长3%。")
    growth = next(r for r in rs if r.value == 7)
    assert (growth.indicator, growth.canonical) == ("社会消费品零售总额", "retail_sales")


def test_extract__share_of_plan_is_not_a_result_and_the_growth_keeps_its_name():
    # synthetic: a district's review giving each figure with its share of the plan
    rs = _review("预计实现地区生产总值300亿元，占计划的101%，同比增长3%；一般公共预算收入9亿元，占计划的98%，按可比口径下降2%。")
    assert 101 not in [r.value for r in rs] and 98 not in [r.value for r in rs]
    gdp = next(r for r in rs if r.value == 3)
    revenue = next(r for r in rs if r.value == 2)
    assert gdp.canonical == "gdp" and revenue.canonical == "general_budget_revenue"


def test_extract__a_figure_per_head_after_a_level_is_not_the_level():
    # synthetic: `人均…元` after the region's total is the per-capita measure
    rs = _review("全市完成生产总值500亿元，人均6万元。")
    per_head = next(r for r in rs if r.value == 6)
    assert per_head.canonical != "gdp" and per_head.indicator.startswith("人均")
    assert next(r for r in rs if r.value == 500).canonical == "gdp"


# ---- sections --------------------------------------------------------------------------------


def test_split_sections__review_without_heading_or_opener_found_by_its_words():
    # synthetic: a county report whose review opens mid-paragraph, with no numbered heading
    text = "政府工作报告\n各位代表：\n现在，我代表县人民政府报告工作。\n团结奋斗，2029年工作圆满完成，全县生产总值增长9%。\n“十五”期间，财政收入年均增长12%。"
    secs = split_sections(text, 2030)
    review = [s for s in secs if s.kind == "review"]
    assert review and text[review[0].start :].startswith("团结奋斗")
    assert next(r for r in _records(text, 2030) if r.value == 9).period_year == 2029


def test_split_sections__one_line_text_opening_on_a_term_review():
    # synthetic: a text scraped into one line, whose review is of the last five years
    text = "政府工作报告——2031年1月9日在某市人民代表大会上各位代表：一、辉煌的五年。五年来，圆满完成了各项目标任务。与五年前相比，2030年全市生产总值完成90亿元，增长40%。"
    assert any(s.kind == "review" for s in split_sections(text, 2031))


def test_normalize__a_sharing_sites_chunk_numbers_inside_figures_are_dropped():
    # synthetic: a site printed its chunk numbers 1、2、3、 at line starts, cutting figures in two
    raw = "1、.某市政府工作报告。全市完成生产总值801.\n2、5亿元，服务业占比达到5\n3、2.4%，增长7%。"
    assert normalize_text(raw) == "某市政府工作报告。全市完成生产总值801.5亿元，服务业占比达到52.4%，增长7%。"


def test_normalize__a_reports_own_numbered_list_stays():
    # synthetic: the report's own 1、2、3、 headings follow finished sentences
    raw = "一年来成绩显著。\n1、经济运行稳中向好\n增长7%。\n2、改革持续深化\n新增10家。\n3、民生不断改善\n新增学位800个。"
    assert "1、经济运行" in normalize_text(raw) and "3、民生" in normalize_text(raw)


def test_read__stripped_figures_are_flagged(tmp_path):
    # synthetic: a text whose figures were stripped by the site that served it
    from extractors.read import read_document

    path = tmp_path / "2030.txt"
    path.write_text("一、2029年工作回顾\n综合实力增强。，同比增长9%；，%；，%，总量跃居前列。投资，%；财政，%。", encoding="utf-8")
    assert any("figure seems missing" in w for w in read_document(path).warnings)


def test_extract__foreign_trade_exports_are_exports():
    # synthetic: 外贸出口总额 is exports, not total trade
    rs = _review("外贸出口总额3亿美元，增长12%；外贸进出口总额5亿美元。")
    assert [r.canonical for r in rs if r.value in (3, 12)] == ["exports", "exports"]
    assert next(r for r in rs if r.value == 5).canonical == "trade"


def test_extract__fenbie_levels_carried_to_a_list_ending_in_he():
    # synthetic: 分别 growth rates, then the levels in the same order, the last after 和
    rs = _review("全县生产总值、财政总收入、一般预算收入年均分别增长9%、12%、11%，达90亿元、15亿元和8亿元。")
    assert [(r.indicator, r.value) for r in rs if r.unit == "亿元"] == [
        ("生产总值", 90), ("财政总收入", 15), ("一般预算收入", 8)
    ]


# ---- main targets of county / district reports -----------------------------------------------


def _plan(body: str, year: int = 2024):
    return _records(f"政府工作报告\n一、{year - 1}年工作回顾\n做了很多工作。\n二、{year}年工作安排\n{body}", year)


def test_extract__pastoral_regions_rural_income_is_rural_income():
    # synthetic: a pastoral district names rural income 农牧民人均纯收入
    rs = _plan("今年主要预期目标是：地区生产总值增长7%，农牧民人均纯收入增长9%。", year=2013)
    assert next(r for r in rs if r.value == 9).canonical == "rural_income"


def test_extract__a_bare_growth_rate_after_a_level_is_that_indicators_growth():
    # synthetic: `…达到20亿元、增幅12%以上`: 增幅 names nothing of its own
    rs = _plan("主要预期目标是：财政总收入达到20亿元、增幅12%以上，固定资产投资增幅16%以上。")
    rate = next(r for r in rs if r.value == 12)
    assert (rate.canonical, rate.comparator) == ("fiscal_revenue", "min")


def test_extract__stance_clauses_of_the_main_targets_sentence_are_not_targets():
    # synthetic: the sentence opens on the stance the targets follow
    rs = _plan("主要预期目标是：锚定争先进位的目标，坚持稳字当头、稳中求进，地区生产总值增长6%左右。")
    assert [r.canonical for r in rs if r.kind == "target"] == ["gdp"]


def test_extract__retail_above_the_quota_is_not_retail_sales():
    # synthetic: 限上社零额 counts only retailers above the quota
    rs = _plan("主要预期目标是：限上社零额同比增长15%以上，社会消费品零售总额增长8%。")
    assert next(r for r in rs if r.value == 15).canonical is None
    assert next(r for r in rs if r.value == 8).canonical == "retail_sales"


def test_extract__main_targets_go_on_in_the_next_sentence_under_a_local_name():
    # synthetic: the second sentence opens with a local variant of a headline indicator's name
    rs = _plan("今年主要预期目标是：地区生产总值增长6%，一般公共预算收入增长3%左右。城镇居民登记失业率控制在3%以内。")
    rate = next(r for r in rs if r.value == 3 and r.comparator == "max")
    assert (rate.canonical, rate.headline) == ("registered_unemployment", True)


def test_metadata__a_government_named_by_its_term_is_named_by_its_place():
    # synthetic: `我代表县九届人民政府` names the level and term, not the place; the date line names it
    from extractors.metadata import display_name

    text = "政府工作报告\n——2030年2月1日在某某县第九届人民代表大会第五次会议上\n各位代表：\n现在，我代表县九届人民政府向大会报告工作。"
    assert display_name(text) == "某某县人民政府"


def test_extract__a_year_before_the_indicator_does_not_hide_it():
    # synthetic: `2029年地区生产总值…`: the year stands where a scope word would
    rs = _review("2029年地区生产总值30亿元，较上年增长8%。", year=2030)
    assert [r.canonical for r in rs] == ["gdp", "gdp"]


def test_extract__the_gap_to_a_quoted_target_is_not_a_result():
    # synthetic: the review says by how much a result beat the target set a year before
    rs = _review("财政收入3亿元，增长20%，高于年初人代会10%的目标10个百分点，年均增长15%。")
    assert 10 not in [r.value for r in rs]
    assert next(r for r in rs if r.value == 15).canonical == "fiscal_revenue"


def test_year__a_new_congress_in_november_plans_next_year():
    # synthetic: the first session of a new county congress held in November
    text = "政府工作报告\n2030年11月20日在某县第十八届人民代表大会第一次会议上\n一、本届政府工作回顾\n"
    assert text_year(text) == 2031


def test_numbers__growth_written_with_a_minus_sign_is_negative():
    # synthetic: `增长-39.7%` is a fall, and the sign belongs to the figure
    from extractors.numbers import find_quantities

    assert [q.value for q in find_quantities("出口8亿元，增长-12.5%；2026-2030年")] == [8, -12.5]
    rs = _review("外贸出口8亿元，增长-12.5%。")
    fall = next(r for r in rs if r.unit == "%")
    assert (fall.canonical, fall.value, fall.clause.rstrip("。")) == ("exports", -12.5, "增长-12.5%")


def test_extract__names_then_as_many_values_pair_up_without_fenbie():
    # synthetic: `城镇、农村居民人均可支配收入A元、B元` is a 分别 list without the word
    rs = _review("城镇、农村居民人均可支配收入30000元、15000元，分别增长5%和7%。")
    assert [(r.canonical, r.value) for r in rs] == [
        ("urban_income", 30000), ("rural_income", 15000), ("urban_income", 5), ("rural_income", 7)
    ]


def test_extract__a_start_value_with_its_year_is_a_baseline_and_the_end_year_is_no_name():
    # synthetic: `由2024年的A提高到2029年的B`: A is where the change started, B the result
    rs = _review("人均生产总值由2024年的5万元提高到2029年的7万元；排名由2025年的90位升至第80位。", year=2030)
    assert [(r.indicator, r.value) for r in rs] == [("人均生产总值", 7)]


def test_extract__a_comparison_with_an_earlier_year_said_once_holds_for_the_rates_after_it():
    # synthetic: `比2025年（下同）` in an end-of-term review: every later growth rate is over the term
    rs = _review("2029年，全县生产总值300亿元，比2025年（下同）增长40%；固定资产投资200亿元，增长90%。", year=2030)
    assert [(r.value, r.span) for r in rs] == [(300, None), (40, "multi-year"), (200, None), (90, "multi-year")]


def test_lexicon__directly_used_foreign_capital_is_foreign_investment():
    # synthetic wording: 直接利用外资 is the actually used FDI; a contracted amount is not
    from extractors.lexicon import lookup

    assert lookup("直接利用外资").canonical == "foreign_investment"
    assert lookup("注册协议利用外资") is None


def test_split_sections__a_short_line_ending_in_huigu_is_the_review_heading():
    # synthetic: an unnumbered heading `“十四五”经济社会发展回顾` over a term review
    text = "各位代表：\n“十四五”经济社会发展回顾\n“十四五”时期，圆满完成了规划目标。全县生产总值年均增长7%。"
    assert [s.kind for s in split_sections(text, 2031)] == ["other", "review"]


def test_extract__a_multiple_of_an_earlier_year_belongs_to_the_indicator_before():
    # synthetic: `…达到90亿元，是2025年的2倍，年均增长15%`: both figures are the region's output over the term
    rs = _review("2030年，全市生产总值达到90亿元，是2025年的2倍，年均增长15%。", year=2031)
    assert [(r.canonical, r.value, r.span) for r in rs] == [("gdp", 90, None), ("gdp", 2, "multi-year"), ("gdp", 15, "multi-year")]


def test_metadata__issuer_named_by_a_deputy_or_a_title_after_the_date():
    # synthetic: a deputy county head delivers the report; a page title glued to its date
    from extractors.metadata import display_name

    assert display_name("政府工作报告\n——2030年1月9日在县第十届人民代表大会第五次会议上\n某某县常务副县长张三") == "某某县人民政府"
    assert display_name("2030年1月5日某某市政府工作报告（全文）\n现在，我代表第三届市人民政府报告工作。") == "某某市人民政府"


def test_extract__last_years_level_inside_a_term_review_is_last_years():
    # synthetic: a five-year review names last year's level, then the term's average rate
    rs = _review("过去五年，是实力增强的五年。2029年，实现生产总值300亿元，年均增长6%。", year=2030)
    assert [(r.value, r.span) for r in rs] == [(300, None), (6, "multi-year")]


def test_year__date_and_congress_on_two_lines():
    # synthetic: the delivery date stands on a line of its own, the congress on the next
    assert text_year("政 府 工 作 报 告\n2030年1月19日\n在某区第五届人民代表大会第二次会议上\n") == 2030


def test_year__a_page_that_starts_at_an_unnumbered_review_heading():
    # synthetic: no date line, no title: the review heading `2029年工作回顾` on a line of its own
    assert text_year("2029年工作回顾\n\n2029年，是不平凡的一年。全县生产总值增长6%。") == 2030


def test_extract__a_net_increase_after_the_level_restates_it():
    # synthetic: `达到417亿元，净增110.8亿元`: the increase is the level's change, not a second result
    rs = _review("全县地区生产总值达到90亿元，净增12亿元，同比增长8%。")
    assert [(r.value, r.unit) for r in rs] == [(90, "亿元"), (8, "%")]
