"""One context builder per page: which rows, counts and links each template gets.

Kept apart from `view` (how one value prints) and `render` (Jinja plumbing) so a newcomer can see
what each page shows in a few lines per page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractors.records import Commitment, Problem
from reports.assessment import assessment_brief, assessment_classes, assessment_view
from reports.charts import line_chart, points_for
from reports.problems_zh import chinese
from reports.programmes import index_cells, year_block
from reports.track import track_record
from reports.view import (
    STATUS_LABELS,
    STATUS_MEANING,
    SourceIndex,
    add_scopes,
    evidence,
    evidence_threshold,
    files_of,
    fmt_value,
    headline_sentence,
    ordered,
    rates_view,
    region_view,
    row_view,
    safe_slug,
    scope_counts,
    status_counts,
)
from scoring.programmes import describe as describe_programmes
from scoring.scorecard import STATUSES, ScoreRow

__all__ = ["SourceIndex", "safe_slug"]


def region_name(region: str, meta) -> str:
    return region_view(region, meta.region_names.get(region))["name"]


def footer_inputs(inputs: dict[str, str], used: set[str] | None) -> list[dict]:
    """The checksums of the files behind a page (all of them when `used` is None)."""
    keys = list(inputs) if used is None else [k for k in used if k in inputs]  # not inputs × pages
    if used and not keys:  # paths spelled differently (absolute vs relative): match on the tail
        keys = [k for k in inputs if any(k.endswith(u) or u.endswith(k) for u in used)]
    return [{"file": k, "sha": inputs[k], "short": inputs[k][:12]} for k in sorted(keys)]


def status_filters(counts: dict[str, int]) -> list[dict]:
    return [
        {
            "status": s,
            "zh": STATUS_LABELS[s][0],
            "en": STATUS_LABELS[s][1],
            "glyph": STATUS_LABELS[s][2],
            "count": counts[s],
        }
        for s in STATUSES
    ]


def year_summary(region: str, year: int, rows: Sequence[ScoreRow], root: str, has_next: bool,
                 latest: int | None = None) -> dict:
    """One region-year: counts, share met, the headline sentence; `has_next`: report year+1 is in;
    `latest`: the region's latest report year (after year+1 when report year+1 is missing, not unpublished)."""
    missing = not has_next and latest is not None and latest > year + 1
    counts = status_counts(rows)
    scopes = scope_counts(rows)
    zh, en = headline_sentence(year, rows)
    return {
        "year": year,
        "counts": counts,
        "total": len(rows),
        "scopes": scopes,
        "rates": rates_view(scopes),
        "headline_zh": zh,
        "headline_en": en,
        "href": f"{root}{safe_slug(region)}/{year}.html",
        "reports": f"{year} → {year + 1}" if has_next else (
            f"{year} → {year + 1} 缺失 missing" if missing else f"{year} → {year + 1} 待发布"),
        "missing_next": missing,
    }


def _report_years(records: Sequence[Commitment], rows: Sequence[ScoreRow]) -> set[int]:
    """Report years present for a region: from its records, else from the rows' non-pending verdicts."""
    years = {r.report_year for r in records}
    years |= {r.period_year for r in rows}
    years |= {
        r.period_year + 1 for r in rows if r.status not in ("pending", "qualitative") or r.result_source
    }
    return years


def index_context(regions, by_region, records_by_region, meta) -> dict:
    all_rows = [r for rows in by_region.values() for r in rows]
    return index_page_context(index_entries(regions, by_region, records_by_region, meta),
                              status_counts(all_rows), len(all_rows), meta)


def index_entries(regions, by_region, records_by_region, meta) -> list[dict]:
    """The index's entry of each region (its years and their status summaries): regions are
    independent, so parts of them can be summarised apart and their entries concatenated."""
    entries = []
    for region in regions:
        rows = by_region.get(region, [])
        years = sorted({r.period_year for r in rows}, reverse=True)
        report_years = sorted(_report_years(records_by_region.get(region, []), rows))
        programme_cells = index_cells(rows, records_by_region.get(region, []), set(report_years))
        view = region_view(region, meta.region_names.get(region))
        entries.append(
            {
                "slug": safe_slug(region),
                "name": view["name"],
                "region": region,
                "level": view["level"],
                "level_zh": view["level_zh"],
                "level_en": view["level_en"],
                "parents": view["parents"],
                "group": view["group"],
                "depth": view["depth"],
                "sort": view["sort"],
                "report_years": report_years,
                "years": [
                    {**_assessed(
                        year_summary(region, y, [r for r in rows if r.period_year == y], "", y + 1 in report_years,
                                     max(report_years, default=None)),
                        records_by_region.get(region, []), [r for r in rows if r.period_year == y],
                    ), "programme": programme_cells.get(y, "")}
                    for y in years
                ],
            }
        )
        entries[-1]["disagreements"] = [y["year"] for y in entries[-1]["years"]
                                        if y["assessment"] and y["assessment"]["disagree_zh"]]
    return entries


def _assessed(summary: dict, records: Sequence[Commitment], rows: Sequence[ScoreRow]) -> dict:
    """A year's summary with the report's verdict on itself (None when the next report states none)."""
    summary["assessment"] = assessment_brief(records, summary["year"], rows)
    return summary


def index_page_context(entries: list[dict], counts: dict[str, int], total: int, meta) -> dict:
    """The index page from every region's entry and the site-wide status counts: regions grouped
    national, then each province with its cities and counties under it (registry order)."""
    entries = sorted(entries, key=lambda e: e.get("sort", (9, (), e["region"])))
    groups: list[dict] = []
    for entry in entries:
        if not groups or groups[-1]["name"] != entry.get("group", ""):
            groups.append({"name": entry.get("group", ""), "entries": []})
        groups[-1]["entries"].append(entry)
    return {
        "title": "总览 Overview",
        "entries": entries,
        "groups": groups,
        "totals": counts,
        "total": total,
        "rates": rates_view(add_scopes(y["scopes"] for e in entries for y in e["years"])),
        "statuses": status_filters(counts),
        "footer_inputs": footer_inputs(meta.inputs, None),
    }


def scorecard_context(region, year, rows, region_records, meta, sources: SourceIndex) -> dict:
    ids: set[str] = set()
    in_order = ordered(rows)
    views = [row_view(r, ids, sources, "../") for r in in_order]
    anchors = {r.target_source: v["id"] for r, v in zip(in_order, views, strict=True)}
    counts = status_counts(rows)
    report_years = _report_years(region_records, rows)
    has_next = year + 1 in report_years
    summary = year_summary(region, year, rows, "../", has_next, max(report_years, default=None))
    used = files_of([r.target_source for r in rows] + [r.result_source for r in rows])
    return {
        "title": f"{region_name(region, meta)} {year}",
        "region": region,
        "place": region_view(region, meta.region_names.get(region)),
        "slug": safe_slug(region),
        "region_name": region_name(region, meta),
        "year": year,
        "rows": views,
        "counts": counts,
        "summary": summary,
        "assessment": assessment_view(region_records, year, rows, sources, "../"),
        "filters": status_filters(counts),
        "has_next": has_next,
        "evidence_min": evidence_threshold(),
        "any_reviewed": any(r.reviewed for r in rows),
        "programmes": year_block(year, rows, region_records, _report_years(region_records, rows), sources, "../",
                                 anchors),
        "footer_inputs": footer_inputs(meta.inputs, used),
    }


def chart_groups(rows: Sequence[ScoreRow]) -> list[list[ScoreRow]]:
    """Headline indicators (else lexicon indicators) grouped across years, in first-seen order."""
    numeric = [r for r in rows if r.comparator != "qualitative" and r.target_value is not None]
    chosen = [r for r in numeric if r.headline] or [r for r in numeric if r.canonical]
    groups: dict[str, list[ScoreRow]] = {}
    for row in ordered(chosen):
        groups.setdefault(row.canonical or row.indicator, [])
        by_year = {r.period_year for r in groups[row.canonical or row.indicator]}
        if row.period_year not in by_year:  # one point per year: the first (headline, earliest) row
            groups[row.canonical or row.indicator].append(row)
    return list(groups.values())


def chart_view(group: list[ScoreRow], index: int) -> dict:
    latest = max(group, key=lambda r: r.period_year)
    units = [r.target_unit for r in group if r.target_unit]
    unit = max(set(units), key=units.count) if units else None
    same_unit = [r for r in group if r.target_unit == unit or r.target_value is None]
    points = points_for(same_unit)
    title = f"{latest.indicator}: 历年目标与实际 targets vs actual"
    return {
        "indicator": latest.indicator,
        "canonical": latest.canonical or "",
        "unit": unit or "",
        "svg": line_chart(points, title, unit, f"chart-{index}"),
        "readings": [p.label for p in points],
        "track": track_record(same_unit, latest.indicator or latest.canonical or ""),
        "years": f"{points[0].year}–{points[-1].year}" if points else "",
    }


def result_view(rec: Commitment, sources: SourceIndex) -> dict:
    href = sources.text_href("../", rec.source, rec.region, rec.report_year)
    source = f"{rec.source}#{rec.start}-{rec.end}"
    return {
        "indicator": rec.indicator,
        "value": fmt_value(rec.value, rec.unit) or "—",
        "estimated": rec.estimated,
        "span": rec.span or "",
        "headline": rec.headline,
        "ev": evidence(source, rec.clause, rec.section, href),
    }


def region_context(region, rows, region_records, meta, sources: SourceIndex) -> dict:
    years = sorted({r.period_year for r in rows}, reverse=True)
    report_years = _report_years(region_records, rows)
    latest_report = max((r.report_year for r in region_records), default=None)
    results = [r for r in region_records if r.kind == "result" and r.report_year == latest_report]
    results.sort(key=lambda r: (not r.headline, bool(r.span), r.start))
    pending_rows = [r for r in rows if r.status == "pending"]
    ids: set[str] = set()
    used = files_of([r.target_source for r in rows] + [r.result_source for r in rows])
    used |= {r.source for r in region_records}
    summaries = [
        _assessed(year_summary(region, y, [r for r in rows if r.period_year == y], "", y + 1 in report_years,
                               max(report_years, default=None)),
                  region_records, [r for r in rows if r.period_year == y])
        for y in years
    ]
    return {
        "title": region_name(region, meta),
        "region": region,
        "place": region_view(region, meta.region_names.get(region)),
        "region_name": region_name(region, meta),
        "rates": rates_view(add_scopes(y["scopes"] for y in summaries)),
        "years": summaries,
        "charts": [chart_view(g, i) for i, g in enumerate(chart_groups(rows))],
        "latest_report": latest_report,
        "results": [result_view(r, sources) for r in results],
        "pending": [row_view(r, ids, sources, "../") for r in ordered(pending_rows)],
        "footer_inputs": footer_inputs(meta.inputs, used),
    }


def text_blocks(text: str) -> list[dict]:
    """Plain text → paragraphs and bullet lists ("- ", "• ", "* " lines). Escaping stays with Jinja."""
    blocks: list[dict] = []
    for para in re.split(r"\n\s*\n", text.strip()):
        for line in (ln.strip() for ln in para.splitlines()):
            if not line:
                continue
            kind = "ul" if line.startswith(("- ", "• ", "* ")) else "p"
            item = line[2:].strip() if kind == "ul" else line
            if blocks and blocks[-1]["kind"] == kind and not blocks[-1].get("closed"):
                blocks[-1]["items"].append(item)
            else:
                blocks.append({"kind": kind, "items": [item]})
        if blocks:
            blocks[-1]["closed"] = True  # a blank line ends the paragraph or list
    return blocks


def is_english(line: str) -> bool:
    """A line written in English (it may quote Chinese words): more Latin letters than Chinese characters."""
    latin = sum(c.isascii() and c.isalpha() for c in line)
    return latin > sum("\u4e00" <= c <= "\u9fff" for c in line)


def bilingual_blocks(text: str) -> list[dict]:
    """text_blocks with each line marked English or not, so the page sets English lines as the site
    does everywhere (Chinese first, English second and quieter)."""
    return [{**b, "items": [{"text": t, "en": is_english(t)} for t in b["items"]]} for b in text_blocks(text)]


def methodology_context(meta) -> dict:
    rules = [
        {"title": str(item.get("title", "")), "blocks": bilingual_blocks(str(item.get("text", "")))}
        for item in [*meta.methodology, *describe_programmes()]
    ]
    statuses = [
        {
            "status": s,
            "zh": STATUS_LABELS[s][0],
            "en": STATUS_LABELS[s][1],
            "glyph": STATUS_LABELS[s][2],
            "meaning": STATUS_MEANING[s],
        }
        for s in STATUSES
    ]
    return {
        "title": "方法 Methodology",
        "statuses": statuses,
        "assessment_classes": assessment_classes(),
        "evidence_min": evidence_threshold(),
        "rules": rules,
        "footer_inputs": footer_inputs(meta.inputs, None),
    }


def _blank(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, float) and value != value)


def problems_context(problems: Sequence[Problem], quarantined: Sequence[dict], meta) -> dict:
    quarantine = [
        {
            "rule": "" if _blank(q.get("rule")) else str(q.get("rule")),
            "rule_zh": "" if _blank(q.get("rule")) else chinese(str(q.get("rule"))),
            "column": "" if _blank(q.get("column")) else str(q.get("column")),
            "value": "" if _blank(q.get("value")) else str(q.get("value")),
            "record": [
                (str(k), str(v))
                for k, v in q.items()
                if k not in ("rule", "column", "value") and not _blank(v)
            ],
        }
        for q in quarantined
    ]
    return {
        "title": "问题 Problems",
        "problems": [
            {"file": p.file, "stage": p.stage, "reason": p.reason, "action": p.action,
             "reason_zh": chinese(p.reason), "action_zh": chinese(p.action)}
            for p in problems
        ],
        "quarantine": quarantine,
        "footer_inputs": footer_inputs(meta.inputs, None),
    }
