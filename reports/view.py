"""Turn ScoreRows and Commitments into plain dicts the templates print: labels, numbers, locations.

Why a layer of its own: every judgement about *how to show* a value (rounding, units, the headline
sentence, share met, where a quote lives) is made here once, in Python, and unit-tested; templates only
lay it out. Nothing here escapes HTML (Jinja's autoescape does) or touches files.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from extractors.records import Commitment
from scoring.commitment_type import ALLOCATION
from scoring.scorecard import STATUSES, ScoreRow

# Word and colour together, never colour alone (USERS.md): zh word, en word, a glyph for print.
STATUS_LABELS: dict[str, tuple[str, str, str]] = {
    "met": ("完成", "met", "✓"),
    "exceeded": ("超额完成", "exceeded", "▲"),
    "missed": ("未完成", "missed", "✗"),
    "not_reported": ("未报告", "not reported", "?"),
    "pending": ("待评估", "pending", "…"),
    "qualitative": ("定性", "qualitative", "◇"),
}
STATUS_MEANING: dict[str, str] = {
    "met": "下一年报告给出的数字达到目标（含“左右”的容差带）。The next report's figure meets the target.",
    "exceeded": "明显超过目标（规则见下）。Clearly beyond the target.",
    "missed": "下一年报告给出的数字未达到目标。The next report's figure falls short.",
    "not_reported": "下一年报告已发布，但未给出该指标的数字：值得追问。The next report exists but gives no figure.",
    "pending": "下一年报告尚未发布，暂不能评估。The next report is not out yet.",
    "qualitative": "目标没有可比较的数字；页面给出下一年报告中最接近的句子作为证据，而非判定。"
    "No number to compare; the closest sentence is shown as evidence, not a verdict.",
}
# Sorting by status puts the newsworthy rows first.
STATUS_ORDER = {"missed": 0, "not_reported": 1, "met": 2, "exceeded": 3, "qualitative": 4, "pending": 5}
METHOD_LABELS = {"lexicon": "词表 lexicon", "fuzzy": "模糊 fuzzy", "override": "人工 override",
                 "programme": "民生实事 item"}
QUALIFIER = {"approx": "左右", "min": "以上", "max": "以内"}
# Completion rates (issue 17): over judged targets only (met, exceeded, missed); scopes in scope_counts.
JUDGED = ("met", "exceeded", "missed")
SCOPES = ("headline", "outcome", "allocation")
LEAD_LABELS = {
    "headline": ("主要目标完成率", "headline targets met"),
    "outcome": ("目标完成率", "targets met (no headline targets named)"),
}
_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


def safe_slug(region: str) -> str:
    """A region slug safe as a folder name and in a URL; anything else gets a stable hashed stand-in."""
    if _SLUG.fullmatch(region) and region not in {"data", "text", "validation"}:
        return region
    return "r-" + hashlib.sha1(region.encode("utf-8")).hexdigest()[:10]


def region_view(region: str, fallback_name: str | None = None) -> dict:
    """How a region is named on pages and in tables: Chinese name, level label, where it sits.

    From the regions registry; a slug it does not know keeps the name the report's header gave
    (`fallback_name`) or its slug, with an empty level, and sorts after the known regions."""
    from regions.registry import load_registry

    registry = load_registry()
    known = registry.get(region)
    if known is None:
        return {"slug": region, "name": fallback_name or region, "level": "", "level_zh": "",
                "level_en": "", "parents": [], "sort": (9, (), region), "group": "", "depth": 0}
    chain = list(reversed(registry.ancestors(known)))
    zh, en = known.level_label
    return {
        "slug": region,
        "name": registry.full_name(known),
        "level": known.level,
        "level_zh": zh,
        "level_en": en,
        "parents": [a.name for a in chain],
        "sort": (0 if known.level == "national" else 1, tuple(a.code for a in chain) + (known.code,), region),
        "group": "全国 national" if known.level == "national" else (chain[0].name if chain else known.name),
        "depth": len(chain),
    }


def fmt_num(value: float | None) -> str:
    """Up to four decimals, trailing zeros dropped (5.2 − 5.0 prints 0.2, not 0.20000000000000018)."""
    if value is None:
        return ""
    text = f"{float(value):.4f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def fmt_value(value: float | None, unit: str | None) -> str:
    return "" if value is None else fmt_num(value) + (unit or "")


def gap_parts(gap: float | None, unit: str | None) -> tuple[str, str]:
    """('+0.2', '个百分点'): signed number and unit; a % gap is in percentage points."""
    if gap is None:
        return "", ""
    sign = "+" if gap > 0 and fmt_num(gap) != "0" else ""
    return f"{sign}{fmt_num(gap)}", ("个百分点" if unit == "%" else (unit or ""))


def fmt_gap(gap: float | None, unit: str | None) -> str:
    number, unit_text = gap_parts(gap, unit)
    return f"{number} {unit_text}" if unit == "%" else number + unit_text


def target_as_written(row: ScoreRow) -> str:
    """The target with its qualifier: `target_text` when scoring kept it, else rebuilt from the values."""
    if row.target_text:
        return row.target_text
    unit = row.target_unit or ""
    if row.target_value is None:
        return ""
    if row.comparator == "range" and row.target_value_high is not None:
        return f"{fmt_num(row.target_value)}–{fmt_num(row.target_value_high)}{unit}"
    return fmt_value(row.target_value, unit) + QUALIFIER.get(row.comparator, "")


def stretch_text(row: ScoreRow) -> str:
    if row.stretch is None or "力争" in (row.target_text or ""):
        return ""
    return f"力争 {fmt_value(row.stretch, row.target_unit)}"


def status_counts(rows: Iterable[ScoreRow]) -> dict[str, int]:
    counts = Counter(r.status for r in rows)
    return {s: counts.get(s, 0) for s in STATUSES}


def judged_rate(counts: dict[str, int]) -> dict:
    """The completion rate over judged targets: (met+exceeded) ÷ (met+exceeded+missed).

    Not reported is *not* folded in: a target the next report is silent about was not judged, and is
    counted beside the rate (`not_reported`); pending and qualitative targets are left out too."""
    done = counts.get("met", 0) + counts.get("exceeded", 0)
    judged = done + counts.get("missed", 0)
    return {
        "text": f"{round(done / judged * 100)}%" if judged else "—",
        "share": done / judged if judged else None,
        "done": done,
        "judged": judged,
        "missed": counts.get("missed", 0),
        "not_reported": counts.get("not_reported", 0),
        "pending": counts.get("pending", 0),
        "qualitative": counts.get("qualitative", 0),
        "total": sum(counts.get(s, 0) for s in STATUSES),
    }


def scope_counts(rows: Iterable[ScoreRow]) -> dict[str, dict[str, int]]:
    """Status counts per scope: `headline` (主要预期目标 that are outcomes), `outcome` (every outcome,
    headline or not) and `allocation` (what is planned to be spent or issued, counted apart)."""
    rows = list(rows)
    outcomes = [r for r in rows if r.commitment_type != ALLOCATION]
    return {
        "headline": status_counts(r for r in outcomes if r.headline),
        "outcome": status_counts(outcomes),
        "allocation": status_counts(r for r in rows if r.commitment_type == ALLOCATION),
    }


def add_scopes(parts: Iterable[dict[str, dict[str, int]]]) -> dict[str, dict[str, int]]:
    """The sum of several `scope_counts` (regions and years added up for the index)."""
    total = {scope: dict.fromkeys(STATUSES, 0) for scope in SCOPES}
    for part in parts:
        for scope in SCOPES:
            for status, n in part.get(scope, {}).items():
                total[scope][status] = total[scope].get(status, 0) + n
    return total


def rates_view(scopes: dict[str, dict[str, int]]) -> dict:
    """What a page leads with: the headline-target rate over judged targets (else, for a report that
    names no headline target, the rate over all outcome targets), the not-reported count beside it,
    then the outcome rate and the allocations counted apart."""
    headline, outcome = judged_rate(scopes["headline"]), judged_rate(scopes["outcome"])
    allocation = judged_rate(scopes["allocation"])
    lead_is_headline = headline["total"] > 0
    lead = headline if lead_is_headline else outcome
    label = LEAD_LABELS["headline" if lead_is_headline else "outcome"]
    return {
        "lead": {
            **lead,
            "scope": "headline" if lead_is_headline else "outcome",
            "label_zh": label[0],
            "label_en": label[1],
            "detail_zh": f"已评估 {lead['judged']} 项中完成 {lead['done']} 项" if lead["judged"] else "尚无可评估的目标",
            "detail_en": f"{lead['done']} of {lead['judged']} judged met" if lead["judged"] else "nothing judged yet",
        },
        "headline": headline,
        "outcome": outcome,
        "allocation": allocation,
    }


def headline_sentence(year: int, rows: Sequence[ScoreRow]) -> tuple[str, str]:
    """'2023年主要预期目标: 5 项中 3 项完成, 1 项未完成, 1 项未报告' and its English twin."""
    headline = [r for r in rows if r.headline and r.commitment_type != ALLOCATION]
    scope_zh, scope_en = (
        (f"{year}年主要预期目标", "headline targets") if headline else (f"{year}年目标", "targets")
    )
    chosen = headline or list(rows)
    c = status_counts(chosen)
    done = c["met"] + c["exceeded"]
    zh, en = [], []
    if done:
        extra = f" (其中 {c['exceeded']} 项超额)" if c["exceeded"] else ""
        zh.append(f"{done} 项完成{extra}")
        en.append(f"{done} met")
    for status, word_zh, word_en in (
        ("missed", "未完成", "missed"),
        ("not_reported", "未报告", "not reported"),
        ("qualitative", "为定性目标", "qualitative"),
        ("pending", "待评估", "pending"),
    ):
        if c[status]:
            zh.append(f"{c[status]} 项{word_zh}")
            en.append(f"{c[status]} {word_en}")
    total = len(chosen)
    if not total:
        return f"{scope_zh}: 无", f"No {scope_en}."
    return (f"{scope_zh}: {total} 项中 " + ", ".join(zh), f"{total} {scope_en}: " + ", ".join(en) + ".")


def evidence_threshold() -> str:
    """The similarity below which a qualitative target shows no closest sentence (rules.toml [text])."""
    from scoring.config import section

    return fmt_num(float(section("text").get("evidence_min_score", 0)))


_OFFSETS = re.compile(r"(\d+)-(\d+)")
# percent-encoding of each UTF-8 byte as a scroll-to-text fragment wants it: letters, digits and _.~ as
# they are, '-' too as %2D (it separates the fragment's parts); the same bytes as quote(safe="")
_FRAGMENT_BYTES = tuple(chr(b) if chr(b).isascii() and (chr(b).isalnum() or chr(b) in "_.~") else f"%{b:02X}"
                        for b in range(256))


def split_source(source: str | None) -> tuple[str, int | None, int | None]:
    """'data/raw/national/2022.txt#1234-1260' → (file, 1234, 1260)."""
    if not source:
        return "", None, None
    path, _, frag = source.rpartition("#")
    match = _OFFSETS.fullmatch(frag) if path else None
    if not match:
        return source, None, None
    return path, int(match.group(1)), int(match.group(2))


def text_fragment(clause: str) -> str:
    """A scroll-to-text fragment (#:~:text=…) for browsers that follow it; harmless elsewhere."""
    head = clause.strip()[:40]
    if not head:
        return ""
    return "#:~:text=" + "".join([_FRAGMENT_BYTES[b] for b in head.encode("utf-8")])


class SourceIndex:
    """Maps a record's source path to (region, report_year) so quotes can link to the saved text."""

    def __init__(self, records: Iterable[Commitment]):
        self._years: dict[str, tuple[str, int]] = {}
        for rec in records:
            self._years.setdefault(rec.source, (rec.region, rec.report_year))

    def text_href(self, root: str, file: str, region: str, fallback_year: int | None) -> str:
        region_found, year = self._years.get(file, (region, fallback_year))
        if year is None:
            return ""
        return f"{root}text/{safe_slug(region_found)}/{year}.txt"


def evidence(source: str | None, clause: str | None, section: str | None, href: str) -> dict | None:
    if not clause:
        return None
    file, start, end = split_source(source)
    location = " · ".join(
        p for p in (file, section or "", f"字符 chars {start}–{end}" if start is not None else "") if p
    )
    return {
        "clause": clause,
        "file": file,
        "section": section or "",
        "start": start,
        "end": end,
        "location": location,
        "href": (href + text_fragment(clause)) if href else "",
    }


def row_view(row: ScoreRow, ids: set[str], sources: SourceIndex, root: str) -> dict:
    """One table row, ready to print."""
    row_id = unique_id(row, ids)
    zh, en, glyph = STATUS_LABELS.get(row.status, (row.status, row.status, ""))
    gap = gap_parts(row.gap, row.target_unit)
    t_file, _, _ = split_source(row.target_source)
    r_file, _, _ = split_source(row.result_source)
    t_href = sources.text_href(root, t_file, row.region, row.period_year)
    r_href = sources.text_href(root, r_file, row.region, row.period_year + 1)
    return {
        "id": row_id,
        "year": row.period_year,
        "status": row.status,
        "status_zh": zh,
        "status_en": en,
        "glyph": glyph,
        "indicator": row.indicator,
        "canonical": row.canonical or "",
        "headline": row.headline,
        "allocation": row.commitment_type == ALLOCATION,
        "target_text": target_as_written(row),
        "stretch_text": stretch_text(row),
        "actual_text": fmt_value(row.actual_value, row.actual_unit),
        "estimated": row.estimated,
        "gap_text": fmt_gap(row.gap, row.target_unit),
        "gap_num": gap[0],
        "gap_unit": gap[1],
        "score_text": "" if row.match_score is None else fmt_num(round(row.match_score)),
        "method_label": METHOD_LABELS.get(row.match_method, row.match_method),
        "claimed": row.programme_claimed,
        "reviewed": row.reviewed,
        "note": row.note,
        "edge_note": row.edge_note,
        "renamed": row.renamed,
        "target_ev": evidence(row.target_source, row.target_clause, row.target_section, t_href),
        "result_ev": evidence(row.result_source, row.result_clause, row.result_section, r_href),
        "evidence_score": "" if row.evidence_score is None else fmt_num(round(row.evidence_score)),
        "sort": {
            "target": _sort_num(row.target_value),
            "actual": _sort_num(row.actual_value),
            "status": STATUS_ORDER.get(row.status, 9),
            "gap": _sort_num(row.gap),
            "score": _sort_num(row.match_score if row.match_score is not None else row.evidence_score),
        },
    }


def _sort_num(value: float | None) -> str:
    return "" if value is None else repr(float(value))


def unique_id(row: ScoreRow, taken: set[str]) -> str:
    """row_id when scoring set one, else a stable hash of what identifies the target; unique per page."""
    base = (
        row.row_id
        or "t-"
        + hashlib.sha1(
            f"{row.region}|{row.period_year}|{row.indicator}|{row.target_clause}".encode()
        ).hexdigest()[:10]
    )
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def ordered(rows: Sequence[ScoreRow]) -> list[ScoreRow]:
    """Headline targets first, then in the order they appear in the report."""

    def key(item: tuple[int, ScoreRow]) -> tuple:
        index, row = item
        _, start, _ = split_source(row.target_source)
        return (not row.headline, start if start is not None else 10**12, index)

    return [row for _, row in sorted(enumerate(rows), key=key)]


def files_of(sources: Iterable[str | None]) -> set[str]:
    return {split_source(s)[0] for s in sources if s}
