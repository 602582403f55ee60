"""民生实事 items judged one by one: an item's figure against the next report's figure for the same thing.

Belongs here: the words around an item's figure (`新建、改扩建幼儿园74所` → 新建、改扩建幼儿园), the object it
counts (幼儿园, never 学校; `中小学校、幼儿园134所` counts both and answers neither alone), and the pairing
of a year's items with the results of the next report's review: the same unit, the same object, a
rapidfuzz score (scoring.match's scorer) at the threshold of scoring/data/programmes.toml [items],
one result per item, best score first. The verdict itself is scoring.judge's, as for every target.
Does not belong: pairing a list with its claim (scoring/programmes.py), rows and overrides
(scoring/compare.py), HTML (reports/).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from extractors.records import Commitment, Document
from scoring.judge import judge
from scoring.match import distinct, score_matrix
from scoring.programmes import ItemRows, config, judge_programmes
from scoring.scorecard import ScoreRow
from scoring.text import number_span
from scoring.units import convert, parse_unit

_SEPARATORS = re.compile(r"[，,；;。：:！？\n]")
_JUDGED = ("met", "exceeded", "missed")
_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*[万亿千百]?")


@dataclass(frozen=True)
class ItemMatch:
    """Item index → result index, with the rapidfuzz score of their phrases."""

    item: int
    result: int
    score: float


def _items_config() -> dict:
    return config().get("items", {})


@cache
def _objects() -> tuple[re.Pattern[str] | None, dict[str, int]]:
    """One pattern of every object word (longest first at each place) and each word's group."""
    groups = {w: i for i, g in enumerate(_items_config().get("object", [])) for w in g["words"]}
    words = sorted(groups, key=len, reverse=True)
    return (re.compile("|".join(map(re.escape, words))) if words else None), groups


def _found_objects(phrase: str) -> list[tuple[int, int, int]]:
    """The object words of `phrase`, left to right, the longest at each place: (start, end, group)."""
    pattern, groups = _objects()
    if pattern is None:
        return []
    return [(m.start(), m.end(), groups[m.group()]) for m in pattern.finditer(phrase)]


def object_of(phrase: str) -> int | None:
    """The object group a phrase counts: the listed word ending last; -1 when it names two objects
    joined (`中小学校、幼儿园`: a total of both, comparable to neither); None when it names none."""
    found = _found_objects(phrase)
    if not found:
        return None
    joiners = _items_config().get("joiners", [])
    for (_, e1, g1), (s2, _, g2) in zip(found, found[1:], strict=False):
        if g1 != g2 and phrase[e1:s2] in joiners:
            return -1
    return max(found, key=lambda f: (f[1], f[1] - f[0]))[2]


def figure_phrase(c: Commitment) -> str:
    """The words around a record's figure within its clause, the figure left out: the piece between
    punctuation that holds it, cut at an earlier figure of a 、 list (`幼儿园74所、中小学校60所` gives
    幼儿园 for 74, 中小学校 for 60) and before the next one; the words after the figure up to the next
    figure belong to it (`在2000所中小学校和车站…实施免费直饮水工程`). The indicator when the figure is
    not found."""
    text = re.sub(r"\s+", "", c.clause or "")
    span = number_span(text, c.value)
    if span is None:
        return c.indicator
    start, end = span
    unit = re.sub(r"\s+", "", c.unit or "")
    if unit and re.match(f"[余多]?{re.escape(unit)}", text[end:]):  # `5000余个`
        end += len(unit) + (text[end] in "余多")
    seg_start = max((m.end() for m in _SEPARATORS.finditer(text, 0, start)), default=0)
    after_sep = _SEPARATORS.search(text, end)
    seg_end = after_sep.start() if after_sep else len(text)
    before = text[seg_start:start]
    last_figure = list(_FIGURE.finditer(before))
    if last_figure:
        cut = before.find("、", last_figure[-1].end())
        before = before[cut + 1:] if cut >= 0 else before[last_figure[-1].end():]
    after = text[end:seg_end]
    nxt = re.search(r"\d", after)
    if nxt:  # the next figure's words are its own: stop at the 、 before it, else at the figure
        comma = after.rfind("、", 0, nxt.start())
        after = after[:comma] if comma >= 0 else after[: nxt.start()].rstrip("和及与")
    phrase = (before + after).strip("“”\"、 ")
    return phrase or c.indicator


def same_unit(a: str | None, b: str | None) -> bool:
    """Units that count the same thing: the same base unit (万个 and 个), or listed as equivalents."""
    ua, ub = parse_unit(a), parse_unit(b)
    if ua.family != ub.family:
        return False
    if ua.base == ub.base:
        return True
    return any({ua.base, ub.base} <= set(group) for group in _items_config().get("same_units", []))


def _words_in(phrase: str, words: Sequence[str]) -> set[str]:
    """Words of `words` found in `phrase`, longest first, not overlapping one another."""
    taken: list[tuple[int, int, str]] = []
    for word in sorted(set(words), key=len, reverse=True):
        for m in re.finditer(re.escape(word), phrase):
            if all(m.end() <= s or m.start() >= e for s, e, _ in taken):
                taken.append((m.start(), m.end(), word))
    return {w for _, _, w in taken}


def comparable(item_phrase: str, result_phrase: str) -> bool:
    """Both phrases count the same object (or neither names one), carry no different words of one
    group of [items] exclusive (农村 vs 高速) and pass the near-name guard of scoring.match."""
    a, b = object_of(item_phrase), object_of(result_phrase)
    if a == -1 or b == -1 or a != b:
        return False
    for group in _items_config().get("exclusive", []):
        wa, wb = _words_in(item_phrase, group), _words_in(result_phrase, group)
        if wa and wb and not wa & wb:
            return False
    return not distinct(item_phrase, result_phrase)


def match_items(items: Sequence[Commitment], results: Sequence[Commitment]) -> dict[int, ItemMatch]:
    """One-to-one pairing of items with figures and results with figures: {item index: ItemMatch},
    best score first. Results are the caller's choice (the next report's one-year review results)."""
    cfg = _items_config()
    threshold, same_object = float(cfg.get("threshold", 70)), float(cfg.get("threshold_same_object", 35))
    left = [i for i, t in enumerate(items) if t.value is not None and t.comparator != "qualitative"]
    units = {items[i].unit for i in left}
    right = [j for j, r in enumerate(results) if r.value is not None and any(same_unit(u, r.unit) for u in units)]
    if not left or not right:
        return {}
    lp = [figure_phrase(items[i]) for i in left]
    rp = [figure_phrase(results[j]) for j in right]
    scores = score_matrix(lp, rp)
    ranked = []
    for a, i in enumerate(left):
        for b, j in enumerate(right):
            s = float(scores[a, b])
            if s < min(threshold, same_object) or not same_unit(items[i].unit, results[j].unit):
                continue
            if comparable(lp[a], rp[b]) and s >= (threshold if object_of(lp[a]) is None else same_object):
                ranked.append((s, -b, -a, i, j))
    out: dict[int, ItemMatch] = {}
    used: set[int] = set()
    for s, _, _, i, j in sorted(ranked, reverse=True):
        if i not in out and j not in used:
            out[i] = ItemMatch(i, j, round(s, 1))
            used.add(j)
    return out


# ---- rows ----------------------------------------------------------------------------------------


def _source(c: Commitment) -> str:
    return f"{c.source}#{c.start}-{c.end}"


def _in_review(c: Commitment, docs: dict[str, Document]) -> bool:
    doc = docs.get(c.source)
    if doc is None or not doc.sections:
        return True  # no sections known: the record being a result of last year says enough
    return any(s.kind == "review" and s.start <= c.start < s.end for s in doc.sections)


def review_results(records: Sequence[Commitment], documents: Sequence[Document],
                   keys: set[tuple[str, int]] | None = None) -> dict[tuple[str, int], list[Commitment]]:
    """(region, Y) → the one-year results for Y with a figure that report Y+1 states in its review
    (only for `keys` when given)."""
    docs = {d.source: d for d in documents}
    out: dict[tuple[str, int], list[Commitment]] = defaultdict(list)
    for c in records:
        if (c.kind == "result" and c.value is not None and not c.span and not c.programme
                and c.period_year == c.report_year - 1 and (keys is None or (c.region, c.period_year) in keys)
                and _in_review(c, docs)):
            out[(c.region, c.period_year)].append(c)
    return out


def _in_units_of(r: Commitment, t: Commitment) -> Commitment:
    """`r` with its unit written in `t`'s base when the two are listed equivalents (160辆 → 160台)."""
    ut, ur = parse_unit(t.unit), parse_unit(r.unit)
    if ut.base == ur.base or not r.unit:
        return r
    return replace(r, unit=r.unit.replace(ur.base, ut.base))


def _set_verdict(row: ScoreRow, t: Commitment, r: Commitment, score: float) -> None:
    v = judge(t, _in_units_of(r, t), True)
    if v.status not in _JUDGED:
        return
    row.status = v.status  # type: ignore[assignment]
    row.gap, row.actual_value, row.actual_unit, row.estimated = v.gap, r.value, r.unit, r.estimated
    row.match_score, row.match_method = score, "programme"
    row.result_clause, row.result_source, row.result_section = r.clause, _source(r), r.section
    row.evidence_score, row.tolerance_edge, row.edge_note = None, bool(v.edge), v.edge
    row.note = "; ".join(filter(None, [row.note, (
        "民生实事逐项核对：下一年报告回顾中同一事物、同一单位的数字 "
        "programme item judged against the next report's review figure for the same thing, in the same unit")]))


def far_above(target: float | None, actual: float | None) -> str:
    """A warning when the figure is many times the promise: it may count more (a total over years, a
    wider area) than the item did. Shown, never used to change the verdict ([items] far_above)."""
    times = float(_items_config().get("far_above", 0) or 0)
    if not times or actual is None or not target or actual < times * float(target):
        return ""
    ratio = f"{actual / float(target):.1f}"
    return (f"实际数是承诺的{ratio}倍，可能是累计数或更大范围的数，请核对原文 "
            f"the figure is {ratio} times the promise: it may be a running total or cover more; check the text")


def _claim_evidence(row: ScoreRow, claim: Commitment) -> None:
    row.result_clause, row.result_source, row.result_section = claim.clause, _source(claim), claim.section
    row.note = "; ".join(filter(None, [row.note, (
        "据称完成：下一年报告只说整份清单已完成，没有这一项的数字 "
        "claimed: the next report says the whole list was done, with no figure for this item")]))


def _own(row: ScoreRow | None) -> ScoreRow | None:
    """The row when it is an item's own (a 民生实事 row), else None."""
    return row if row is not None and row.programme else None


def judge_items(rows: Sequence[ScoreRow], records: Sequence[Commitment], documents: Sequence[Document]) -> None:
    """Judge each 民生实事 item that ordinary matching left unreported against the next report's review
    (`match_items`), in place; items still unreported under a claim that the whole list was done are
    marked `programme_claimed`, the claim's clause as their evidence (numeric items: a qualitative item's
    evidence stays its closest sentence). An analyst's override (a reviewed row) is never changed."""
    index = ItemRows(rows)
    groups: dict[tuple[str, int], list[Commitment]] = defaultdict(list)
    for c in records:
        if c.kind == "target" and c.programme and c.period_year == c.report_year and not c.span:
            groups[(c.region, c.period_year)].append(c)
    rows_of = {key: [_own(index.get(t)) for t in items] for key, items in groups.items()}
    open_of = {key: [(t, row) for t, row in zip(items, rows_of[key], strict=True)
                     if row is not None and row.status == "not_reported" and not row.reviewed and t.value is not None]
               for key, items in groups.items()}
    pools = review_results(records, documents, {key for key, open_ in open_of.items() if open_})
    for key, items in groups.items():
        used = {row.result_source for row in rows_of[key] if row is not None and row.status in _JUDGED}
        free = [r for r in pools.get(key, []) if _source(r) not in used]
        open_ = open_of[key]
        for m in match_items([t for t, _ in open_], free).values():
            t, row = open_[m.item]
            _set_verdict(row, t, free[m.result], m.score)
        for t, row in zip(items, rows_of[key], strict=True):  # however the item was matched
            if row is not None and row.status in _JUDGED and t.value is not None:
                actual = convert(row.actual_value, row.actual_unit, row.target_unit)
                row.note = "; ".join(filter(None, [row.note, far_above(t.value, actual)]))
    years = {(r.region, r.report_year) for r in records}
    for v in judge_programmes(records, rows, years):
        for it in v.items:
            if _own(it.row) is None:
                continue  # a row of the plan's other targets is shown for the item, never changed by it
            it.row.programme_claimed = it.claimed
            if (it.claimed and v.claim is not None and it.row.status == "not_reported" and not it.row.reviewed
                    and not it.row.result_clause):
                _claim_evidence(it.row, v.claim)
