"""The 民生实事 block of a year page and its cell on the index, as plain dicts (issue 14).

Belongs here: how a programme's verdict prints: its name and count, the claim of the next report
with both quotes, each item with its badge, and whether an item's status is verified by a figure or
only claimed. The verdicts themselves come from scoring.programmes. Nothing here escapes HTML.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractors.records import Commitment
from reports.view import STATUS_LABELS, SourceIndex, evidence, fmt_value
from scoring.programme_items import far_above
from scoring.programmes import ProgrammeVerdict, config, judge_programmes, unanswered_claims
from scoring.scorecard import ScoreRow
from scoring.units import convert

PROGRAMME_STATUS = {
    "pending": ("待评估", "pending", "…"),
    "not_reported": ("下一年报告未提及", "not reported", "?"),
}


def _source(c: Commitment) -> str:
    return f"{c.source}#{c.start}-{c.end}"


def _ev(c: Commitment | None, sources: SourceIndex, root: str, year: int) -> dict | None:
    if c is None:
        return None
    return evidence(_source(c), c.clause, c.section, sources.text_href(root, c.source, c.region, year))


def _count_text(c: Commitment) -> str:
    groups = f"{c.programme_groups}类" if c.programme_groups else ""
    return groups + (fmt_value(c.value, c.unit or "") if c.value is not None else "")


def _status(v: ProgrammeVerdict) -> dict:
    if v.claim is not None:
        zh, en = config().get("outcome", {}).get(v.claim_class or "complete", ["已报告", "claimed"])
        return {"status": "claimed", "zh": zh, "en": en, "glyph": "※", "words": v.claim.verb or ""}
    zh, en, glyph = PROGRAMME_STATUS[v.status]
    return {"status": v.status, "zh": zh, "en": en, "glyph": glyph, "words": ""}


def _item_evidence(it, claim: Commitment | None, sources: SourceIndex, root: str, year: int) -> dict | None:
    """The next report's words for an item: the figure that judged it, or the claim that covers it."""
    row = it.row
    if it.verified and row is not None and row.result_source:
        file = row.result_source.rpartition("#")[0]
        href = sources.text_href(root, file, row.region, year + 1)
        return evidence(row.result_source, row.result_clause, row.result_section, href)
    if it.claimed:
        return _ev(claim, sources, root, year + 1)
    return None


def _items(v: ProgrammeVerdict, anchors: dict[str, str], sources: SourceIndex, root: str) -> list[dict]:
    out = []
    year = v.programme.period_year
    for it in v.items:
        rec, row = it.record, it.row
        status = row.status if row is not None and it.verified else it.status  # 超额完成 shown as such
        zh, en, glyph = STATUS_LABELS[status]
        out.append(
            {
                "number": rec.programme_item,
                "text": rec.clause,
                "target": fmt_value(rec.value, rec.unit) if rec.value is not None else "",
                "actual": fmt_value(row.actual_value, row.actual_unit)
                if row is not None and it.verified
                else "",
                "status": status,
                "zh": zh,
                "en": en,
                "glyph": glyph,
                "verified": it.verified,
                "claimed": it.claimed,
                "ev": _item_evidence(it, v.claim, sources, root, year),
                "warn": far_above(row.target_value, convert(row.actual_value, row.actual_unit, row.target_unit))
                if row is not None and it.verified
                else "",
                "anchor": anchors.get(_source(rec)) or (anchors.get(row.target_source, "") if row else ""),
            }
        )
    return out


def programme_view(v: ProgrammeVerdict, sources: SourceIndex, root: str, anchors: dict[str, str]) -> dict:
    p, year = v.programme, v.programme.period_year
    items = _items(v, anchors, sources, root)
    n = p.value
    return {
        "name": p.indicator,
        "count": _count_text(p),
        "stated": n is not None,
        "found": len(items),
        "count_differs": n is not None and int(n) != len(items),
        "outcome": _status(v),
        "claim_count": _count_text(v.claim) if v.claim is not None else "",
        "claim_name": v.claim.indicator if v.claim is not None else "",
        "claim_differs": v.claim is not None
        and v.claim.value is not None
        and n is not None
        and v.claim.value != n,
        "plan_ev": _ev(p, sources, root, year),
        "claim_ev": _ev(v.claim, sources, root, year + 1),
        "items": items,
        "verified": sum(i["verified"] for i in items),
        "claimed": sum(i["claimed"] for i in items),
        "met": sum(i["status"] in ("met", "exceeded") for i in items),
        "next_exists": v.next_exists,
    }


def _verdicts(
    records: Sequence[Commitment], rows: Sequence[ScoreRow], years: set[int]
) -> list[ProgrammeVerdict]:
    region = records[0].region if records else ""
    return judge_programmes(records, rows, {(region, y) for y in years})


def year_block(
    year: int,
    rows: Sequence[ScoreRow],
    region_records: Sequence[Commitment],
    years: set[int],
    sources: SourceIndex,
    root: str,
    anchors: dict[str, str],
) -> dict:
    """The block of one year page: the year's programmes, and the claims of report `year` about
    last year's lists when those lists are not in the shipped reports."""
    verdicts = _verdicts(region_records, rows, years)
    mine = [v for v in verdicts if v.programme.period_year == year]
    earlier = [c for c in unanswered_claims(region_records, verdicts) if c.report_year == year]
    return {
        "programmes": [programme_view(v, sources, root, anchors) for v in mine],
        "earlier_claims": [
            {
                "name": c.indicator,
                "count": _count_text(c),
                "words": c.verb or "",
                "ev": _ev(c, sources, root, year),
            }
            for c in earlier
        ],
    }


def index_cells(
    rows: Sequence[ScoreRow], region_records: Sequence[Commitment], years: set[int]
) -> dict[int, str]:
    """Year → the index's 民生实事 cell: `十方面民生实事 · 待评估`, `我市确定的10件惠民工程 · 已报告完成 · 核实 1/10`."""
    out: dict[int, list[str]] = {}
    for v in _verdicts(region_records, rows, years):
        n = len(v.items)
        verified = f" · 核实 {sum(i.verified for i in v.items)}/{n}" if n and v.next_exists else ""
        out.setdefault(v.programme.period_year, []).append(
            f"{v.programme.indicator} · {_status(v)['zh']}{verified}"
        )
    return {y: "；".join(texts) for y, texts in out.items()}
