"""The government's verdict on itself beside duixian's: what the year page and the index show.

A report's review judges the year before (`全年主要目标任务圆满完成`, `部分指标没有完成`); the extractor
keeps each such sentence as a record of kind `assessment` (extractors.assessment). Here the records of
one region and year become one view: the report's own verdict (its first claim, else its first
admission), every admission, and duixian's count of the headline targets next to it. They disagree
when the report says every main target was met (all_met) and duixian finds a headline target missed,
or when the report admits a miss (some_missed) and duixian finds none: that row is the story, so the
page flags it. Pure: records and rows in, dicts out; no HTML.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractors.records import Commitment
from reports.view import SourceIndex, evidence, status_counts
from scoring.scorecard import ScoreRow

# class -> (zh, en, glyph): word and glyph together, never colour alone
ASSESSMENT_LABELS: dict[str, tuple[str, str, str]] = {
    "all_met": ("自评全面完成", "says all met", "✓"),
    "mostly_met": ("自评基本完成", "says mostly met", "≈"),
    "some_missed": ("自认部分未完成", "admits misses", "✗"),
    "unclear": ("自评不明确", "unclear", "?"),
}
ASSESSMENT_MEANING: dict[str, str] = {
    "all_met": "报告称当年主要目标任务全面/圆满/顺利完成。The report says the year's main targets were all met.",
    "mostly_met": "报告称“较好完成”或“基本完成”：按这一文体的用法，并非每项目标都完成。"
    "The report says the targets were met well or on the whole, which the genre says when not all were.",
    "some_missed": "报告承认有目标没有完成（没有完成、未能实现、未达到）。The report admits that a target was missed.",
    "unclear": "报告评价了主要指标，但没有说目标是否完成（符合预期）。"
    "The report judges its main indicators without saying whether the targets were met.",
}
_CLAIMS = ("all_met", "mostly_met", "unclear")


def assessment_classes() -> list[dict]:
    """The four classes with their labels and meaning, for the methodology page."""
    return [{"cls": c, "zh": zh, "en": en, "glyph": g, "meaning": ASSESSMENT_MEANING[c]}
            for c, (zh, en, g) in ASSESSMENT_LABELS.items()]


def _mine(records: Sequence[Commitment], year: int) -> list[Commitment]:
    return sorted((r for r in records if r.kind == "assessment" and r.period_year == year),
                  key=lambda r: (r.source, r.start))


def _lead(mine: list[Commitment]) -> Commitment:
    for cls in _CLAIMS:
        for r in mine:
            if r.assessment == cls:
                return r
    return mine[0]


def _duixian(rows: Sequence[ScoreRow]) -> dict[str, int]:
    """duixian's count over the headline targets (all targets when the year has no headline)."""
    chosen = [r for r in rows if r.headline] or list(rows)
    c = status_counts(chosen)
    return {"met": c["met"] + c["exceeded"], "missed": c["missed"], "not_reported": c["not_reported"],
            "judged": c["met"] + c["exceeded"] + c["missed"] + c["not_reported"]}


def disagreement(cls: str, admits: int, counts: dict[str, int]) -> tuple[str, str]:
    """(zh, en) saying how the report's verdict and duixian's count disagree; ('', '') when they do not."""
    if cls == "all_met" and not admits and counts["missed"]:
        return (f"报告称全面完成，但本站判定 {counts['missed']} 项主要目标未完成",
                f"The report says all met; duixian finds {counts['missed']} headline target(s) missed")
    if (cls == "some_missed" or admits) and not counts["missed"] and counts["judged"]:
        return ("报告自认有目标未完成，本站在主要目标中未判定未完成（可能未报告数字或不属主要目标）",
                "The report admits a miss; duixian finds no headline target missed (not reported, or not a headline target)")
    return "", ""


def duixian_sentence(counts: dict[str, int]) -> tuple[str, str]:
    zh = f"{counts['met']} 项完成，{counts['missed']} 项未完成，{counts['not_reported']} 项未报告"
    en = f"{counts['met']} met, {counts['missed']} missed, {counts['not_reported']} not reported"
    return zh, en


def assessment_brief(records: Sequence[Commitment], year: int, rows: Sequence[ScoreRow]) -> dict | None:
    """The index cell: the class of the report's verdict, its phrase, and whether duixian disagrees."""
    mine = _mine(records, year)
    if not mine:
        return None
    lead = _lead(mine)
    admits = sum(r.assessment == "some_missed" for r in mine if r is not lead)
    zh, en, glyph = ASSESSMENT_LABELS.get(lead.assessment or "unclear", ASSESSMENT_LABELS["unclear"])
    counts = _duixian(rows)
    dis_zh, dis_en = disagreement(lead.assessment or "unclear", admits, counts)
    return {"cls": lead.assessment, "zh": zh, "en": en, "glyph": glyph, "phrase": lead.indicator,
            "admits": admits, "disagree_zh": dis_zh, "disagree_en": dis_en}


def assessment_view(records: Sequence[Commitment], year: int, rows: Sequence[ScoreRow],
                    sources: SourceIndex, root: str) -> dict | None:
    """The year page's panel: the report's verdict with its quote, its admissions, duixian's count."""
    brief = assessment_brief(records, year, rows)
    if brief is None:
        return None
    mine = _mine(records, year)
    lead = _lead(mine)

    def quote(r: Commitment) -> dict | None:
        href = sources.text_href(root, r.source, r.region, r.report_year)
        return evidence(f"{r.source}#{r.start}-{r.end}", r.clause, r.section, href)

    counts = _duixian(rows)
    zh, en = duixian_sentence(counts)
    return {**brief, "meaning": ASSESSMENT_MEANING.get(lead.assessment or "unclear", ""),
            "ev": quote(lead), "report_year": lead.report_year,
            "admissions": [{"phrase": r.indicator, "ev": quote(r)}
                           for r in mine if r is not lead and r.assessment == "some_missed"],
            "duixian_zh": zh, "duixian_en": en, "counts": counts}
