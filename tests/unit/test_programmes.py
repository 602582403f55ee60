"""extractors.programmes on list shapes. Every text here is SYNTHETIC: short snippets written for the
test in the genre's shapes, not quoted from any report (the real reports are tested in
tests/integration/test_programmes_corpus.py)."""

from __future__ import annotations

from extractors.normalize import normalize_text
from extractors.pipeline import extract_file
from extractors.programmes import find_claims, find_programmes


def _only(text: str):
    found = find_programmes(text)
    assert len(found) == 1, [p.name.text for p in found]
    return found[0]


def _items(text: str) -> list[str]:
    return [it.text(text) for it in _only(text).items]


def test_programmes__numbered_list_with_semicolons():
    text = "办好区级票决民生实事：1.新建3座公厕；2.改造一批道路；3.建设5个书屋。各位代表！"
    p = _only(text)
    assert p.name.text == "区级票决民生实事" and p.name.count is None
    assert _items(text) == ["新建3座公厕", "改造一批道路", "建设5个书屋"]


def test_programmes__parenthesised_numbers_and_chinese_count():
    text = "今年办好十件民生实事：（1）新增学位800个；（2）建设养老床位200张；（3）完善公交站台。"
    p = _only(text)
    assert (p.name.text, p.name.count, p.name.counter) == ("十件民生实事", 10, "件")
    assert _items(text) == ["新增学位800个", "建设养老床位200张", "完善公交站台"]


def test_programmes__yishi_ershi_after_a_sentence():
    text = "全力办好我县确定的3件民生实事。一是新建幼儿园2所。二是改造农贸市场1个。三是开通公交线路。下一段。"
    p = _only(text)
    assert (p.name.text, p.name.count) == ("我县确定的3件民生实事", 3)
    assert _items(text) == ["新建幼儿园2所", "改造农贸市场1个", "开通公交线路"]


def test_programmes__semicolon_run_after_baokuo():
    text = "继续办好4项民生实事项目，包括：新建公园2个；改造老旧小区10个；增设充电桩300个；建设城市书房。"
    p = _only(text)
    assert (p.name.count, p.name.counter) == (4, "项")
    assert _items(text) == ["新建公园2个", "改造老旧小区10个", "增设充电桩300个", "建设城市书房"]


def test_programmes__circled_numbers_each_item_several_sentences():
    text = "扎实办好“三大重点民生实事”。①新建学校2所。配备电脑100台。②培训医生50名。③建成站点30个。\n下一段。"
    p = _only(text)
    assert (p.name.text, p.name.count, p.name.counter) == ("三大重点民生实事", 3, "大")
    assert _items(text) == ["新建学校2所。配备电脑100台", "培训医生50名", "建成站点30个"]


def test_programmes__sentence_runs_on_then_one_item_per_line():
    text = "继续办好三方面民生实事，做到说了就办。\n1.教育方面。新增学位500个。\n2.医疗方面。新建诊所3个。\n3.养老方面。新增床位60张。\n下一段。"
    p = _only(text)
    assert (p.name.text, p.name.count) == ("三方面民生实事", 3)
    assert _items(text) == ["教育方面。新增学位500个", "医疗方面。新建诊所3个", "养老方面。新增床位60张"]
    # a list that does not start on its own line is not this shape
    assert _only("继续办好三方面民生实事，做到说了就办。1.教育方面。").items == []


def test_programmes__one_item_per_line_as_in_an_appendix():
    text = "附件\n2030年三件民生实事\n1.教育方面。新增学位500个。扩建食堂2处。\n2.医疗方面。新建诊所3个。\n3.养老方面。新增床位60张。\n"
    p = _only(text)
    assert (p.name.text, p.name.count) == ("2030年三件民生实事", 3)
    assert _items(text) == [
        "教育方面。新增学位500个。扩建食堂2处",
        "医疗方面。新建诊所3个",
        "养老方面。新增床位60张",
    ]


def test_programmes__list_broken_across_pdf_lines_is_read_after_normalising():
    raw = (
        "办好区人大代表票决民生实事:1.新建一批停车场;2.实\n施一批道路改造;3.建设 4 个口袋\n公园。各位代表!这是我们\n"
        "的承诺。\n"
    )
    text = normalize_text(raw)
    assert [t.replace(" ", "") for t in _items(text)] == [
        "新建一批停车场",
        "实施一批道路改造",
        "建设4个口袋公园",
    ]


def test_programmes__quoted_run_before_deng_is_the_list():
    text = "做好“新建公厕、改造菜市场、增设路灯”等3项市定惠民工程，提升幸福感。"
    p = _only(text)
    assert (p.name.text, p.name.count) == ("3项市定惠民工程", 3)
    assert _items(text) == ["新建公厕", "改造菜市场", "增设路灯"]


def test_programmes__count_without_list_is_a_programme_without_items():
    p = _only("持续实施八件市定惠民工程，解决群众急难愁盼问题。")
    assert (p.name.count, p.items) == (8, [])


def test_programmes__reference_to_another_governments_list_is_not_a_programme():
    text = "在全面完成省定十件民生实事的基础上，办好我市五件惠民工程：一是新建公园1个；二是新建公厕2座；三是改造路灯；四是新建书屋；五是开通公交。"
    p = _only(text)
    assert (p.name.text, p.name.count, len(p.items)) == ("我市五件惠民工程", 5, 5)


def test_programmes__figures_of_speech_are_not_programmes():
    assert (
        find_programmes("坚持说实话、办实事、求实效。深入实施文化惠民工程。集中力量办好重要民生实事。") == []
    )


def test_programmes__numbering_must_run_on_no_decimals_no_jumps():
    text = "办好区级民生实事：1.新建公厕2.5万平方米的配套；3.改造道路。"
    assert _items(text) == ["新建公厕2.5万平方米的配套；3.改造道路"]


def test_claims__two_programmes_share_one_outcome():
    claims = find_claims("民生支出占比达80%，8件省定民生实事、5件区人大代表票决实事顺利完成。")
    assert [(c.name.text, c.name.count, c.outcome) for c in claims] == [
        ("8件省定民生实事", 8, "顺利完成"),
        ("5件区人大代表票决实事", 5, "顺利完成"),
    ]


def test_claims__categories_and_words_only_claims():
    claims = find_claims("3类12件民生实事按期完成。省定民生实事、市定惠民工程全面完成。民生实事落地见效。")
    assert [(c.name.text, c.name.count, c.name.groups, c.outcome, c.outcome_class) for c in claims] == [
        ("3类12件民生实事", 12, 3, "按期完成", "complete"),
        ("省定民生实事", None, None, "全面完成", "complete"),
        ("市定惠民工程", None, None, "全面完成", "complete"),
    ]


def test_claims__partial_outcome_kept_as_written():
    [c] = find_claims("向全县人民承诺的十二件实事得到较好落实。")
    assert (c.name.count, c.outcome, c.outcome_class) == (12, "得到较好落实", "partial")


def test_add_programmes__records_carry_programme_and_replace_task_records(tmp_path):
    path = tmp_path / "2031.txt"
    path.write_text(
        "2031年政府工作报告\n一、2030年工作回顾\n地区生产总值增长5%。6件区人大代表票决实事全部完成。\n"
        "二、2031年工作安排\n地区生产总值增长6%左右。办好区人大代表票决民生实事：1.新建2座微公园；2.完成12个老旧小区改造；"
        "3.改造一批背街小巷。\n",
        encoding="utf-8",
    )
    doc, recs = extract_file(path, region="synthetic")
    prog = [r for r in recs if r.kind == "programme"]
    items = [r for r in recs if r.kind == "target" and r.programme]
    claims = [r for r in recs if r.kind == "result" and r.programme]
    assert [(r.indicator, r.value, r.period_year) for r in prog] == [("区人大代表票决民生实事", None, 2031)]
    assert [(r.programme_item, r.value, r.unit, r.comparator) for r in items] == [
        (1, 2, "座", "exact"),
        (2, 12, "个", "exact"),
        (3, None, None, "qualitative"),
    ]
    assert all(doc.text[r.start : r.end] == r.clause for r in recs)
    assert [(r.programme, r.value, r.verb, r.period_year) for r in claims] == [
        ("6件区人大代表票决实事", 6, "全部完成", 2030)
    ]
    # the item's figure is not also an ordinary task record, the claim's count not an ordinary result
    assert not [
        r for r in recs if not r.programme and (r.value, r.unit) in ((2, "座"), (12, "个"), (6, "件"))
    ]
