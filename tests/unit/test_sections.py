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
