"""The GX rule `programme_count_agrees` (issue 14): a programme's stated count N against the items
found in its report. Records are SYNTHETIC, built from the record class."""

from __future__ import annotations

import pandas as pd

from expectations.derive import programme_count_gap, programme_items
from extractors.records import Commitment


def _rec(source: str, kind: str, programme: str | None, value: float | None, start: int, **kw) -> Commitment:
    base = dict(
        source=source,
        region="demo",
        report_year=2030,
        kind=kind,
        period_year=2029 if kind == "result" else 2030,
        indicator=programme or "地区生产总值",
        canonical=None,
        verb=None,
        value=value,
        value_high=None,
        stretch=None,
        unit="件" if kind == "programme" and value else ("个" if value else None),
        comparator="exact" if value is not None else "qualitative",
        estimated=False,
        section="二、2030年工作安排",
        clause=f"办好{int(value) if value else ''}件民生实事项目{start}",
        start=start,
        end=start + 10,
        programme=programme,
    )
    base.update(kw)
    return Commitment(**base)


def _table(n_a: int, found_a: int, n_b: float | None, found_b: int) -> list[Commitment]:
    rows = [_rec("a.txt", "programme", "3件民生实事", n_a, 0)]
    rows += [
        _rec("a.txt", "target", "3件民生实事", None, 20 + k, programme_item=k + 1) for k in range(found_a)
    ]
    rows += [_rec("a.txt", "target", None, 5, 90)]  # an ordinary target: no programme
    rows += [_rec("b.txt", "programme", "区级票决民生实事", n_b, 0)]
    rows += [
        _rec("b.txt", "target", "区级票决民生实事", None, 20 + k, programme_item=k + 1)
        for k in range(found_b)
    ]
    return rows


def test_derive__programme_count_gap_per_report_and_programme():
    df = pd.DataFrame([r.to_dict() for r in _table(3, 2, None, 4)])
    gap = programme_count_gap(df)
    assert gap.tolist()[0] == 1  # 3 promised, 2 listed
    assert gap.sum() == 1  # the programme without a stated count is not checked; other rows are 0


def test_derive__programme_items_counted_on_programme_rows_only():
    df = pd.DataFrame([r.to_dict() for r in _table(3, 2, None, 4)])
    assert programme_items(df).tolist() == [2, 0, 0, 0, 4, 0, 0, 0, 0]


def test_derive__frames_without_programme_column_have_no_gap():
    df = pd.DataFrame([r.to_dict() for r in _table(3, 2, None, 0)]).drop(columns=["programme"])
    assert programme_count_gap(df).eq(0).all()


def test_expectations__count_mismatch_is_a_report_problem_not_a_quarantine():
    from expectations.validate import validate_table

    # a: 3 promised, 2 listed (a problem); b: 4 and 4; c: 8 promised, no list in the report (no mismatch)
    rows = [*_table(3, 2, 4, 4), _rec("c.txt", "programme", "八件市定惠民工程", 8, 0)]
    outcome = validate_table("commitments", pd.DataFrame([r.to_dict() for r in rows]))
    failures = [f for f in outcome.table_failures if f["rule"] == "programme_count_agrees"]
    assert [f["source"] for f in failures] == ["a.txt"]
    assert outcome.quarantined.empty or "programme_count_agrees" not in set(outcome.quarantined["rule"])
