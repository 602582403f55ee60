"""scoring.programmes: which claim answers which list, and each item's status. Records are SYNTHETIC."""

from __future__ import annotations

from extractors.records import Commitment
from scoring.programmes import judge_programmes, name_score, pair_claims, unanswered_claims
from scoring.scorecard import ScoreRow


def _rec(
    kind: str,
    name: str,
    value: float | None = None,
    *,
    year: int = 2030,
    verb: str | None = None,
    item: int | None = None,
    start: int = 0,
    unit: str | None = None,
) -> Commitment:
    report = year + 1 if kind == "result" else year
    return Commitment(
        f"r/{report}.txt",
        "demo",
        report,
        kind,
        year,
        name,
        None,
        verb,
        value,
        None,
        None,
        unit,
        "exact" if value is not None else "qualitative",
        False,
        None,
        name,
        start,
        start + len(name),
        programme=name if kind != "target" else "区级票决民生实事",
        programme_item=item,
    )


def _row(t: Commitment, status: str, actual: float | None = None) -> ScoreRow:
    return ScoreRow(
        "demo",
        t.period_year,
        t.indicator,
        None,
        t.value,
        None,
        t.unit,
        t.comparator,
        actual,
        t.unit,
        status,
        None,
        None,
        "",
        t.clause,
        None,
        f"{t.source}#{t.start}-{t.end}",
        None,
        False,
        "",
    )


def test_name_score__levels_keep_governments_apart():
    assert name_score("我市十件惠民工程", "省定民生实事") == 0
    assert name_score("我市十件惠民工程", "市定惠民工程") >= 60
    assert name_score("区人大代表票决民生实事", "10件区人大代表票决实事") > name_score(
        "区人大代表票决民生实事", "22件省、市重点民生实事"
    )


def test_pair_claims__best_name_one_to_one_and_generic_claim_for_a_single_list():
    progs = [_rec("programme", "区人大代表票决民生实事")]
    claims = [
        _rec("result", "22件省、市重点民生实事", 22, verb="顺利完成"),
        _rec("result", "10件区人大代表票决实事", 10, verb="顺利完成"),
    ]
    assert pair_claims(progs, claims)[0].indicator == "10件区人大代表票决实事"
    assert pair_claims(progs, [_rec("result", "民生实事", verb="全面完成")])[0].indicator == "民生实事"
    assert pair_claims(progs, [_rec("result", "文化惠民工程", verb="全面完成")]) == {}


def test_judge_programmes__verified_items_claimed_items_and_pending():
    prog = _rec("programme", "区级票决民生实事", 3, unit="件")
    items = [
        _rec("target", "新建2座公园", 2, item=1, start=10, unit="座"),
        _rec("target", "改造10个小区", 10, item=2, start=30, unit="个"),
        _rec("target", "开通公交线路", item=3, start=50),
    ]
    claim = _rec("result", "3件区级票决民生实事", 3, verb="全部完成", unit="件")
    rows = [_row(items[0], "exceeded", 3), _row(items[1], "not_reported"), _row(items[2], "qualitative")]
    [v] = judge_programmes([prog, *items, claim], rows, {("demo", 2030), ("demo", 2031)})
    assert v.claim is claim and v.status == "claimed_complete"
    assert [(i.status, i.verified, i.claimed) for i in v.items] == [
        ("met", True, False),
        ("not_reported", False, True),
        ("not_reported", False, True),
    ]
    [pending] = judge_programmes([prog, *items], rows, {("demo", 2030)})
    assert pending.status == "pending" and pending.claim is None
    assert unanswered_claims([prog, *items, claim], [pending]) == [claim]


def test_judge_programmes__a_partial_claim_never_marks_items_claimed():
    prog = _rec("programme", "区级票决民生实事")
    item = _rec("target", "开通公交线路", item=1, start=50)
    claim = _rec("result", "区级票决民生实事", verb="基本完成")
    [v] = judge_programmes([prog, item, claim], [_row(item, "qualitative")], {("demo", 2030), ("demo", 2031)})
    assert v.status == "claimed_partial" and [(i.status, i.claimed) for i in v.items] == [
        ("not_reported", False)
    ]
