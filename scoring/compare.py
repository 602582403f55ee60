"""Build the scorecard: every target of year Y, matched to a result of year Y and judged.

Targets come from report Y (period_year == report_year, no multi-year `span`), results from report
Y+1 (period_year == report_year − 1, no `span`), per region. A level target that no one-year result
can answer may take the end level of report Y+1's multi-year review (`scoring.term`; the row's note
says so); a term's other figures are never used. Repeated targets (the same figure in
the 主要预期目标 sentence and again in a section) give one row. Rows are ordered by region, year,
headline targets first, then position in the report. Pure: documents and records in, rows out.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from extractors.lexicon import load_lexicon
from extractors.records import Commitment, Document, Problem
from scoring.evidence import closest_sentence
from scoring.judge import Verdict, judge, task_share
from scoring.match import Match, clean_phrase, has_candidate, match
from scoring.overrides import Override, concerns
from scoring.programme_items import judge_items
from scoring.scorecard import ScoreRow
from scoring.term import level_target, term_level, term_note
from scoring.text import target_text


@dataclass
class ScorecardResult:
    rows: list[ScoreRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class _Group:
    """One region and year: its targets, the results of the next report, and that report."""

    region: str
    year: int
    targets: list[Commitment]
    results: list[Commitment]
    next_doc: Document | None
    next_exists: bool
    latest: int | None = None  # the region's latest report year (a gap when it is after year + 1)
    term: list[Commitment] = field(default_factory=list)  # end levels of report Y+1's multi-year review


def _order(c: Commitment) -> tuple:
    return (not c.headline, c.source, c.start)


def _dedupe(targets: list[Commitment]) -> list[Commitment]:
    """Keep the first of targets that state the same figure for the same indicator."""
    seen: set[tuple] = set()
    out: list[Commitment] = []
    for t in sorted(targets, key=_order):
        what = t.canonical or clean_phrase(t.indicator)
        key = (what, t.value, t.value_high, t.unit, t.comparator, t.clause if t.value is None else "")
        if key not in seen:
            seen.add(key)
            out.append(t)
    return out


def _is_target(c: Commitment) -> bool:
    """A target this year's scorecard judges: set for the report's own year, not a multi-year span."""
    return not c.span and c.kind == "target" and c.period_year == c.report_year


def group_records(documents: Sequence[Document], records: Sequence[Commitment]) -> list[_Group]:
    """Targets of (region, Y) with the results and document of report Y+1, sorted by region, year."""
    docs = {(d.region, d.report_year): d for d in documents if d.report_year is not None}
    years = {(r.region, r.report_year) for r in records} | set(docs)
    targets: dict[tuple[str, int], list[Commitment]] = defaultdict(list)
    results: dict[tuple[str, int], list[Commitment]] = defaultdict(list)
    term: dict[tuple[str, int], list[Commitment]] = defaultdict(list)
    for c in records:
        if _is_target(c):
            targets[(c.region, c.period_year)].append(c)
        elif not c.span and c.kind == "result" and c.period_year == c.report_year - 1 and not c.programme:
            results[(c.region, c.period_year)].append(c)
        elif term_level(c):
            term[(c.region, c.period_year)].append(c)
    latest: dict[str, int] = {}
    for region, year in years:
        latest[region] = max(year, latest.get(region, year))
    return [_Group(region, year, _dedupe(ts), sorted(results.get((region, year), []), key=_order),
                   docs.get((region, year + 1)), (region, year + 1) in years, latest.get(region),
                   sorted(term.get((region, year), []), key=_order))
            for (region, year), ts in sorted(targets.items())]


def pending_note(region: str, year: int, latest: int | None) -> str:
    """Why a target is pending and how to judge it: which report is missing, and how to add it."""
    add = (f"add it with `duixian add <file> --region {region} --year {year + 1}` "
           f"(or save it as data/raw/{region}/{year + 1}.txt with a provenance row) and run again")
    if latest is not None and latest > year + 1:
        return (f"The {year + 1} report, which reports {year}'s results, is missing from data/raw/{region}/ "
                f"(reports up to {latest} are there): {add}")
    return f"No {year + 1} report in data/raw/{region}/ yet: when it is published, {add}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def row_id(t: Commitment, taken: set[str]) -> str:
    """A permalink anchor stable across runs: the canonical key's slug, else a short content hash."""
    what = f"{t.region}|{t.period_year}|{t.indicator}|{t.clause}|{t.value}|{t.value_high}|{t.unit}"
    digest = hashlib.sha1(what.encode()).hexdigest()
    slug = _slug(t.canonical or "") if t.canonical and t.canonical.isascii() else ""
    rid = slug if slug and slug not in taken else (f"{slug}-{digest[:6]}" if slug else f"t-{digest[:8]}")
    base, n = rid, 2
    while rid in taken:  # the same figure quoted twice in one clause: number the repeats
        rid, n = f"{base}-{n}", n + 1
    taken.add(rid)
    return rid


def _source(c: Commitment | None) -> str | None:
    return f"{c.source}#{c.start}-{c.end}" if c is not None else None


def _section_at(doc: Document, pos: int) -> str | None:
    for s in doc.sections:
        if s.start <= pos < s.end:
            return s.heading
    return None


def _apply_overrides(g: _Group, overrides: Sequence[Override], problems: list[Problem]
                     ) -> tuple[list[tuple[int, int]], set[tuple[int, int | None]], dict[int, list[Override]]]:
    """Pins, forbids and the overrides touching each target; overrides that no longer apply → problems.
    Results are numbered over `g.results` then `g.term` (a forbid may name a multi-year review's end
    level); pins name one-year results only."""
    pins: list[tuple[int, int]] = []
    forbids: set[tuple[int, int | None]] = set()
    touched: dict[int, list[Override]] = defaultdict(list)
    for o in overrides:
        hits = [i for i, t in enumerate(g.targets) if concerns(o.target_indicator, t.indicator, t.canonical)]
        pool = g.results if o.action == "pin" else [*g.results, *g.term]
        named = [j for j, r in enumerate(pool) if o.result_indicator
                 and concerns(o.result_indicator, r.indicator, r.canonical)]
        if not hits:
            problems.append(_vanished(o, f"no target '{o.target_indicator}' in {o.region} {o.period_year}"))
            continue
        if o.action in ("pin", "forbid") and o.result_indicator and not named:
            problems.append(_vanished(o, f"no result '{o.result_indicator}' in {o.region} {o.period_year}"))
            continue
        for i in hits:
            touched[i].append(o)
            if o.action == "pin":
                pins.append((i, named[0]))
            elif o.action == "forbid":
                forbids.update({(i, j) for j in named} if named else {(i, None)})
    return pins, forbids, touched


def _vanished(o: Override, what: str) -> Problem:
    return Problem(file=o.file, reason=f"override on line {o.line} ({o.action}) no longer applies: {what}",
                   action="update or delete this row of the overrides file", stage="match")


def renamed(t: Commitment, r: Commitment | None) -> str:
    """`农民人均纯收入 (–2014) → 农村居民人均可支配收入 (2014–)` when target and result name one indicator
    by names of different eras (lexicon.csv alias years), else ""."""
    entry = load_lexicon().entries.get(t.canonical or "") if r is not None else None
    if entry is None or r is None or r.canonical != t.canonical:
        return ""
    a, b = entry.era(t.indicator), entry.era(r.indicator)
    if a == b or a is None and b is None:
        return ""
    return f"{_era(t.indicator, a)} → {_era(r.indicator, b)}"


def _actual(r: Commitment | None, v: Verdict) -> float | None:
    """The actual as shown: the result's figure, or for a share of the year's task the figure it
    amounts to in the target's unit (`scoring.judge.task_share`)."""
    if r is None:
        return None
    return v.actual if task_share(r) and v.actual is not None else r.value


def _era(name: str, years: tuple[int | None, int | None] | None) -> str:
    if years is None:
        return name
    lo, hi = years
    return f"{name} ({lo or ''}–{hi or ''})"


def _row(g: _Group, t: Commitment, m: Match | None, r: Commitment | None, v: Verdict, taken: set[str]) -> ScoreRow:
    row = ScoreRow(
        region=g.region, period_year=g.year, indicator=t.indicator, canonical=t.canonical,
        target_value=t.value, target_value_high=t.value_high, target_unit=t.unit, comparator=t.comparator,
        actual_value=_actual(r, v), actual_unit=(t.unit if r and task_share(r) else r.unit) if r else None,
        status=v.status,  # type: ignore[arg-type]
        gap=v.gap, match_score=m.score if m else None, match_method=m.method if m else "",
        target_clause=t.clause, result_clause=r.clause if r else None, target_source=_source(t) or "",
        result_source=_source(r), reviewed=False, note="", row_id=row_id(t, taken), headline=t.headline,
        target_text=target_text(t), stretch=t.stretch, estimated=bool(r and r.estimated),
        target_section=t.section, result_section=r.section if r else None,
        tolerance_edge=bool(v.edge), edge_note=v.edge, renamed=renamed(t, r),
        programme=t.programme, programme_item=t.programme_item)
    if r is not None and task_share(r) and v.actual is not None:
        row.note = f"{r.verb}{r.value:g}%，按目标折算 (as a share of the target)"
    if v.status == "qualitative" and g.next_doc is not None:
        ev = closest_sentence(t.clause or t.indicator, g.next_doc)
        if ev is not None:
            row.result_clause, row.evidence_score = ev.sentence, ev.score
            row.result_source = f"{g.next_doc.source}#{ev.start}-{ev.end}"
            row.result_section = _section_at(g.next_doc, ev.start)
    return row


def _term_matches(g: _Group, matched: set[int], forbids: set[tuple[int, int | None]]) -> dict[int, Match]:
    """Level targets with no one-year result that could answer them, matched to the end levels of the
    next report's multi-year review (`scoring.term`); result indices count on from `g.results`.
    An analyst's forbid holds here too (`_apply_overrides` numbers these results after the one-year ones)."""
    if not (g.next_exists and g.term):
        return {}
    open_ = [i for i, t in enumerate(g.targets) if i not in matched and (i, None) not in forbids
             and level_target(t) and not has_candidate(t, g.results, skip={j for k, j in forbids if k == i and j is not None})]
    first = len(g.results)
    banned = {(k, j - first) for k, i in enumerate(open_) for t, j in forbids if t == i and j is not None and j >= first}
    sub = match([g.targets[i] for i in open_], g.term, forbids=banned)
    return {open_[k]: Match(open_[k], len(g.results) + m.result, m.score, m.method) for k, m in sub.items()}


def _score_group(g: _Group, overrides: Sequence[Override], problems: list[Problem]) -> list[ScoreRow]:
    pins, forbids, touched = _apply_overrides(g, overrides, problems)
    numeric = [i for i, t in enumerate(g.targets) if t.comparator != "qualitative" and t.value is not None]
    matches: dict[int, Match] = {}
    if g.next_exists and g.results:
        sub = match([g.targets[i] for i in numeric], g.results,
                    pins=[(numeric.index(i), j) for i, j in pins if i in numeric],
                    forbids={(numeric.index(i), j) for i, j in forbids if i in numeric})
        matches = {numeric[k]: m for k, m in sub.items()}
    matches |= _term_matches(g, set(matches), forbids)
    pool = [*g.results, *g.term]
    rows: list[ScoreRow] = []
    taken: set[str] = set()
    for i, t in enumerate(g.targets):
        m = matches.get(i)
        r = pool[m.result] if m else None
        row = _row(g, t, m, r, judge(t, r, g.next_exists), taken)
        if r is not None and r.span:
            row.note = "; ".join(filter(None, [row.note, term_note(r)]))
        if row.status == "pending":
            row.note = pending_note(g.region, g.year, g.latest)
        for o in touched.get(i, []):
            if o.action == "status":
                row.status = o.status  # type: ignore[assignment]
            row.reviewed = True
            row.note = "; ".join(filter(None, [row.note, o.note]))
        rows.append(row)
    return rows


def score_groups(documents: Sequence[Document], records: Sequence[Commitment],
                 overrides: Sequence[Override] = ()) -> ScorecardResult:
    """Rows and per-group problems for the regions of `records`, in region and year order.

    Regions are independent, so callers may score them apart (e.g. in parallel) and concatenate
    the results in region order; `stale_overrides` then checks the overrides once, for all of them.
    """
    out = ScorecardResult()
    for g in group_records(documents, records):
        mine = [o for o in overrides if (o.region, o.period_year) == (g.region, g.year)]
        out.rows.extend(_score_group(g, mine, out.problems))
    judge_items(out.rows, records, documents)  # 民生实事 items one by one, or claimed (issue 14)
    return out


def stale_overrides(records: Sequence[Commitment], overrides: Sequence[Override]) -> list[Problem]:
    """Overrides for a region and year that has no targets at all (they can no longer apply)."""
    return overrides_without_targets(target_keys(records), overrides)


def overrides_without_targets(keys: set[tuple[str, int]], overrides: Sequence[Override]) -> list[Problem]:
    """`stale_overrides` from the (region, year) pairs with targets (`target_keys`, which parts of
    the regions can collect apart)."""
    return [_vanished(o, f"no targets for {o.region} {o.period_year}")
            for o in overrides if (o.region, o.period_year) not in keys]


def target_keys(records: Sequence[Commitment]) -> set[tuple[str, int]]:
    """The (region, year) pairs that have a target this year's scorecard judges."""
    return {(c.region, c.period_year) for c in records if _is_target(c)}


def build_scorecard(documents: Sequence[Document], records: Sequence[Commitment],
                    overrides: Sequence[Override] = ()) -> ScorecardResult:
    """Judge every target of every region and year; overrides that no longer apply become problems."""
    out = score_groups(documents, records, overrides)
    out.problems.extend(stale_overrides(records, overrides))
    return out
