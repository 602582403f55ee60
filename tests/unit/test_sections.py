"""sections: review / plan / other, heading paths, fallbacks."""

from extractors.sections import split_sections

REPORT = """政府工作报告
——2024年3月5日在第十四届全国人民代表大会第二次会议上
各位代表：
一、2023年工作回顾
过去一年，国内生产总值增长5.2%。
一是加大宏观调控力度，推动经济运行持续好转。全年新增税费优惠超过2.2万亿元。
二、2024年经济社会发展总体要求和政策取向
今年发展主要预期目标是：国内生产总值增长5%左右。
三、2024年政府工作任务
（一）大力推进现代化产业体系建设，加快发展新质生产力。新增学位2500个。
四、全面加强政府自身建设
打铁必须自身硬。
名词解释
1.“三重压力”：需求收缩、供给冲击、预期转弱。"""


def kinds(text, year):
    return [(s.kind, s.heading) for s in split_sections(text, year)]


def test_split_sections__covers_text_in_order():
    secs = split_sections(REPORT, 2024)
    assert secs[0].start == 0 and secs[-1].end == len(REPORT)
    assert all(a.end == b.start for a, b in zip(secs, secs[1:], strict=False))


def test_split_sections__review_plan_other_with_heading_paths():
    got = kinds(REPORT, 2024)
    assert ("review", "一、2023年工作回顾") in got
    assert ("review", "一、2023年工作回顾 > 一是加大宏观调控力度，推动经济运行持续好转") in got
    assert ("plan", "二、2024年经济社会发展总体要求和政策取向") in got
    assert ("plan", "三、2024年政府工作任务 > （一）大力推进现代化产业体系建设，加快发展新质生产力") in got
    assert ("other", "四、全面加强政府自身建设") in got
    assert ("other", "名词解释") in got
    assert got[0][0] == "other"  # the preamble


def test_split_sections__headings_without_year_words():
    text = "一、攻坚克难，2022年成绩来之不易\n去年GDP增长4%。\n二、抢抓机遇，扎实做好2023年工作\nGDP增长7.5%左右。"
    assert [k for k, _ in kinds(text, 2023)] == ["review", "plan"]


def test_split_sections__spaced_pdf_heading_and_unnumbered_titles():
    text = "各位代表：\n2023年主要工作回顾\n（ 一 ）经济运行稳中向好。GDP增长4%。\n2024年工作安排\n( 一 )聚焦产业。新增学位2500个。"
    got = kinds(text, 2024)
    assert [k for k, _ in got] == ["other", "review", "review", "plan", "plan"]
    assert got[2][1] == "2023年主要工作回顾 > （ 一 ）经济运行稳中向好"


def test_split_sections__five_year_planning_part_is_other():
    text = "一、2020年工作回顾\nGDP增长2.3%。\n二、“十三五”时期发展成就和“十四五”时期主要目标任务\n年均增长5.7%。\n三、2021年重点工作\nGDP增长6%以上。"
    assert [k for k, _ in kinds(text, 2021)] == ["review", "other", "plan"]


def test_split_sections__proposal_heading_without_year():
    text = "一、过去一年和五年工作回顾\nGDP增长3%。\n二、对今年政府工作的建议\nGDP增长5%左右。"
    assert [k for k, _ in kinds(text, 2023)] == ["review", "plan"]


def test_split_sections__fallback_on_paragraph_cues_when_no_headings():
    text = "各位代表：\n过去一年，全区生产总值增长6%。\n今年经济社会发展的主要预期目标是：地区生产总值增长6.5%左右。\n新增学位800个。"
    got = kinds(text, 2024)
    assert [k for k, _ in got] == ["other", "review", "plan"]


def test_split_sections__no_year_classifies_by_words():
    text = "一、上年工作回顾\nGDP增长4%。\n二、今年工作安排\nGDP增长5%。"
    assert [k for k, _ in kinds(text, None)] == ["review", "plan"]


def test_split_sections__last_year_and_five_year_review_heading_is_the_review():
    text = "一、2020年和“十三五”时期工作回顾\nGDP增长2.3%。\n二、“十四五”时期主要目标任务\n年均增长6%。\n三、2021年工作安排\nGDP增长6%以上。"
    assert [k for k, _ in kinds(text, 2021)] == ["review", "other", "plan"]


def test_split_sections__unnumbered_headings():
    text = "各位代表：\n过去一年的工作\nGDP增长6%。\n今年的主要任务\nGDP增长6%左右。\n加强政府自身建设\n一般性支出压减5%。"
    assert [k for k, _ in kinds(text, 2024)] == ["other", "review", "plan", "other"]


# ---- headings of many shapes (issue 12 §3): synthetic one-line snippets, not real reports ----------

def top_kinds(text, year):
    return [(s.kind, s.heading) for s in split_sections(text, year) if " > " not in s.heading and s.heading]


def test_split_sections__run_on_heading_ends_where_the_paragraph_opens():
    text = (
        "各位代表：\n"
        "一、2023年工作回顾2023年，是合成区经济恢复的一年。全年地区生产总值增长5%。\n"
        "二、2024年工作总体要求和主要目标今年是关键一年。主要预期目标是：地区生产总值增长6%左右。\n"
        "三、切实加强政府自身建设打铁必须自身硬。\n"
    )
    assert top_kinds(text, 2024) == [
        ("review", "一、2023年工作回顾"),
        ("plan", "二、2024年工作总体要求和主要目标"),
        ("other", "三、切实加强政府自身建设"),
    ]


def test_split_sections__run_on_heading_without_an_opener_ends_after_its_last_heading_word():
    text = "一、“十四五”时期和2025年工作回顾“十四五”时期，是不平凡的五年。\n二、2026年重点工作安排\n今年要稳增长。\n"
    assert top_kinds(text, 2026)[0] == ("review", "一、“十四五”时期和2025年工作回顾")


def test_split_sections__unworded_headings_are_classified_by_their_opening_words():
    # headings that name neither year nor 回顾/任务: the opening words tell review from plan
    text = (
        "一、砥砺奋进，合成县发展成效显著\n"
        "过去一年，全县地区生产总值增长6.1%，圆满完成了年初确定的目标。去年新增就业3000人。\n"
        "二、凝心聚力，奋力开创高质量发展新局面\n"
        "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。力争新增就业3000人以上，确保完成任务。\n"
        "三、锐意进取，持续增进民生福祉\n"
        "要着力办好民生实事。新建学校2所。\n"
    )
    assert [k for k, _ in top_kinds(text, 2024)] == ["review", "plan", "plan"]


def test_split_sections__a_plan_after_an_odd_review_heading_is_not_read_as_review():
    text = (
        "一、回首2023：攻坚克难谱新篇\n2023年，全区生产总值增长5.5%。\n"
        "二、展望新征程：实干笃行开新局\n2024年是关键之年。全区主要预期目标为：生产总值增长6%左右，力争更好。\n"
    )
    assert [k for k, _ in top_kinds(text, 2024)] == ["review", "plan"]


def test_split_sections__five_year_plan_parts_are_other_unless_they_name_the_year():
    text = (
        "一、2010年工作回顾\n去年经济增长10%。\n"
        "二、关于第十二个五年规划纲要的说明\n今后五年经济年均增长7%。\n"
        "三、“十二五”开局和2011年的工作\n今年经济增长8%左右。\n"
    )
    assert [k for k, _ in top_kinds(text, 2011)] == ["review", "other", "plan"]


def test_split_sections__no_closed_heading_list_decides_the_plan():
    # the same plan under headings of several shapes, numbered or not
    for heading in ("二、今年工作安排", "第二部分 2024年的主要任务", "二、奋力谱写新篇章", "二．新的一年重点工作"):
        text = f"一、2023年工作回顾\n过去一年，全市生产总值增长5%。\n{heading}\n今年主要预期目标是：生产总值增长6%左右，确保完成。\n"
        assert [k for k, _ in top_kinds(text, 2024)] == ["review", "plan"], heading


def test_split_sections__targets_under_a_review_heading_start_the_plan():
    text = (
        "一、2023年工作回顾和今年的目标\n过去一年，全县生产总值增长5%。各项工作圆满完成。"
        "今年全县经济社会发展的主要预期目标是：生产总值增长6%左右。\n二、加强政府自身建设\n"
    )
    secs = [s for s in split_sections(text, 2024) if s.kind != "other"]
    assert [s.kind for s in secs] == ["review", "plan"]
    assert text[secs[1].start :].startswith("今年全县经济社会发展的主要预期目标是")


def test_split_sections__no_headings_and_no_line_breaks_still_finds_review_and_plan():
    # synthetic: a scraped report with neither headings nor line breaks
    text = ("各位代表：现在我代表县人民政府作报告。过去一年，全县生产总值增长5%。各项工作圆满完成。"
            "今年全县经济社会发展的主要预期目标是：生产总值增长6%左右。我们要实干。")
    secs = [s for s in split_sections(text, 2024) if s.kind != "other"]
    assert [s.kind for s in secs] == ["review", "plan"]
    assert text[secs[0].start :].startswith("过去一年") and text[secs[1].start :].startswith("今年全县")


def test_split_sections__last_years_results_recalled_in_the_plan_are_review():
    # synthetic, in the shape of an older plan part that opens by recalling last year
    text = (
        "一、“十一五”时期回顾\n五年来经济年均增长11%。\n"
        "二、2011年的工作\n2011年是开局之年。过去一年，我们取得了很大成绩。国内生产总值增长10.3%，城镇新增就业1168万人。\n"
        "今年，国内生产总值增长8%左右。去年以来，一些地方发生事故，今年安排30亿元。\n"
    )
    secs = split_sections(text, 2011)
    kind_at = lambda phrase: next(s.kind for s in secs if s.start <= text.find(phrase) < s.end)  # noqa: E731
    assert kind_at("国内生产总值增长10.3%") == "review"
    assert kind_at("国内生产总值增长8%") == "plan"
    assert kind_at("今年安排30亿元") == "plan"
