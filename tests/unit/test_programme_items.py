"""scoring.programme_items: 民生实事 items judged one by one against the next report's review.

Every text here is SYNTHETIC: short snippets written for the test in the genre's shapes (region
`synthetic`, years 2030/2031), not quoted from any report. The real 驻马店市 series is tested in
tests/integration/test_programmes_corpus.py.
"""

from __future__ import annotations

from extractors.pipeline import extract_file
from extractors.records import Commitment
from scoring.compare import build_scorecard
from scoring.programme_items import figure_phrase, match_items, object_of, same_unit
from scoring.programmes import judge_programmes

CLAIM = "4件区人大代表票决实事全部完成。"


def _rec(kind: str, clause: str, value: float, unit: str, year: int = 2030) -> Commitment:
    report = year if kind == "target" else year + 1
    return Commitment("s.txt", "synthetic", report, kind, year, clause, None, None, value, None, None, unit,
                      "exact", False, None, clause, 0, len(clause))


def _build(tmp_path, items: str, review: str, plan: str = ""):
    """Plan of 2030 (`plan`, then a voted list `items`), review of 2030 in the 2031 report:
    (records, scorecard rows, texts by source)."""
    folder = tmp_path / "synthetic"
    folder.mkdir(parents=True)
    (folder / "2030.txt").write_text(
        "2030年政府工作报告\n一、2029年工作回顾\n地区生产总值增长5%。\n二、2030年工作安排\n"
        f"地区生产总值增长6%左右。{plan}办好区人大代表票决民生实事：{items}\n", encoding="utf-8")
    (folder / "2031.txt").write_text(
        f"2031年政府工作报告\n一、2030年工作回顾\n地区生产总值增长5.5%。{review}\n"
        "二、2031年工作安排\n地区生产总值增长6%左右。新建公厕15座。\n", encoding="utf-8")
    docs, recs = [], []
    for year in (2030, 2031):
        doc, found = extract_file(folder / f"{year}.txt", region="synthetic")
        docs.append(doc)
        recs.extend(found)
    return recs, build_scorecard(docs, recs).rows, {d.source: d.text for d in docs}


def _scorecard(tmp_path, items: str, review: str):
    """The items' own rows by number, and the texts."""
    _, rows, texts = _build(tmp_path, items, review)
    return {r.programme_item: r for r in rows if r.programme}, texts


def _quoted(row, texts) -> str:
    src, span = row.result_source.rsplit("#", 1)
    start, end = map(int, span.split("-"))
    return texts[src][start:end]


def test_figure_phrase__pieces_of_a_list_and_words_after_the_figure():
    clause = "新建、改扩建幼儿园74所、中小学校60所，改建高中12所"
    assert figure_phrase(_rec("target", clause, 74, "所")) == "新建、改扩建幼儿园"
    assert figure_phrase(_rec("target", clause, 60, "所")) == "中小学校"
    assert figure_phrase(_rec("target", clause, 12, "所")) == "改建高中"
    assert figure_phrase(_rec("target", "完成10个老旧小区改造", 10, "个")) == "完成老旧小区改造"
    assert figure_phrase(_rec("target", "新建2座微公园和3个游园", 2, "座")) == "新建微公园"
    assert figure_phrase(_rec("result", "新增停车位5000余个，绿地3万平方米", 5000, "个")) == "新增停车位"


def test_object_of__one_object_two_joined_or_none():
    assert object_of("新建、改扩建幼儿园") != object_of("改扩建学校")
    assert object_of("中小学校") == object_of("义务教育学校")
    assert object_of("新改扩建中小学校、幼儿园") == -1  # a total of two objects
    assert object_of("培训乡村医生") is None


def test_same_unit__base_units_and_listed_equivalents():
    assert same_unit("万个", "个") and same_unit("台", "辆")
    assert not same_unit("套", "户") and not same_unit("所", "个")


def test_match_items__school_never_answers_kindergarten():
    """SYNTHETIC near miss: same unit, same figure, near-identical words, different object."""
    items = [_rec("target", "改扩建学校4所", 4, "所")]
    results = [_rec("result", "改扩建幼儿园4所", 4, "所")]
    assert match_items(items, results) == {}
    assert list(match_items(items, [*results, _rec("result", "改扩建中小学校5所", 5, "所")])) == [0]


def test_match_items__modifiers_of_one_group_keep_things_apart():
    """SYNTHETIC: the same object (公路) and unit, but rural roads are not expressways."""
    items = [_rec("target", "提质改造农村公路300公里", 300, "公里")]
    assert match_items(items, [_rec("result", "新建高速公路320公里", 320, "公里")]) == {}
    assert list(match_items(items, [_rec("result", "改造提升农村公路320公里", 320, "公里")])) == [0]


def test_judge_items__matched_missed_and_claimed_with_their_evidence(tmp_path):
    items = "1.新建普惠性幼儿园4所，增加学位600个；2.改造老旧小区20个；3.新建公厕15座；4.开通一批公交线路。"
    review = f"新建改扩建幼儿园4所，完成老旧小区改造12个。{CLAIM}"
    rows, texts = _scorecard(tmp_path, items, review)
    assert rows[1].status == "met" and rows[1].actual_value == 4
    assert rows[2].status == "missed" and rows[2].actual_value == 12
    for n, figure in ((1, "4所"), (2, "12个")):
        assert figure in rows[n].result_clause and _quoted(rows[n], texts) == rows[n].result_clause
    assert rows[1].match_method == "programme" and "4所" in rows[1].target_clause
    # 新建公厕15座 stands only in the 2031 plan: not a result; the list's claim is its only evidence
    assert rows[3].status == "not_reported" and rows[3].programme_claimed
    assert rows[3].actual_value is None and rows[3].result_clause == CLAIM.rstrip("。")
    assert rows[3].result_source.startswith(str(tmp_path / "synthetic" / "2031.txt"))
    assert rows[4].status == "qualitative"  # no figure: not judged one by one


def test_judge_items__wrong_object_stays_claimed(tmp_path):
    rows, _ = _scorecard(tmp_path, "1.改扩建学校4所；2.新建公厕15座。", f"改扩建幼儿园4所。{CLAIM}")
    assert rows[1].status == "not_reported" and rows[1].programme_claimed
    assert "幼儿园" not in (rows[1].result_clause or "")


def test_judge_items__without_a_claim_an_unmatched_item_is_not_reported(tmp_path):
    rows, _ = _scorecard(tmp_path, "1.新建幼儿园4所；2.新建公厕15座。", "新建改扩建幼儿园3所。")
    assert rows[1].status == "missed" and rows[1].actual_value == 3
    assert rows[2].status == "not_reported" and not rows[2].programme_claimed and rows[2].result_clause is None


def test_judge_items__a_figure_many_times_the_promise_is_judged_and_flagged(tmp_path):
    rows, _ = _scorecard(tmp_path, "1.新建幼儿园4所；2.新建普惠性幼儿园2所，增加学位600个。", "新建改扩建幼儿园13所。")
    assert rows[1].status == "exceeded" and "3.2倍" in rows[1].note and "check the text" in rows[1].note
    rows, _ = _scorecard(tmp_path / "b", "1.新建幼儿园4所；2.新建公厕15座。", "新建改扩建幼儿园5所。")
    assert rows[1].status == "exceeded" and "倍" not in rows[1].note


def test_judge_items__figures_reported_inside_the_claim_sentence(tmp_path):
    items = "1.新建改扩建幼儿园10所；2.完成老旧小区改造80个；3.新增公共停车位2000个；4.新增学位3000个。"
    review = "4件区人大代表票决实事全部办结：新建改扩建幼儿园12所，完成老旧小区改造86个，新增停车位1800个，新增中小学学位3200个。"
    rows, texts = _scorecard(tmp_path, items, review)
    assert [(rows[n].status, rows[n].actual_value) for n in (1, 2, 3, 4)] == [
        ("exceeded", 12), ("met", 86), ("missed", 1800), ("met", 3200)]
    assert rows[3].match_method == "programme"  # 公共停车位 / 停车位: only the item matching pairs them
    assert not any(rows[n].programme_claimed for n in rows)
    for n in (1, 2, 3, 4):
        assert _quoted(rows[n], texts) == rows[n].result_clause


def test_judge_items__an_item_repeating_a_plan_target_shows_that_targets_verdict(tmp_path):
    """The plan's 城镇新增就业5000人 and item 1 are one promise, one row (the plan's): the item shows it."""
    items, review = "1.城镇新增就业5000人；2.新建公厕15座。", f"城镇新增就业5600人。{CLAIM}"
    recs, rows, _ = _build(tmp_path, items, review, plan="城镇新增就业5000人。")
    assert not [r for r in rows if r.programme_item == 1]  # no row of its own
    [v] = judge_programmes(recs, rows, {("synthetic", 2030), ("synthetic", 2031)})
    first = v.items[0]
    assert first.verified and first.row.status == "exceeded" and first.row.actual_value == 5600
    assert not first.row.programme and not first.row.programme_claimed  # the plan's row is not changed
