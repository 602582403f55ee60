"""What a report says about its own record: the self-assessment of the review and its admissions.

Every review of a 政府工作报告 judges the year before in a set phrase: `经济社会发展主要目标任务圆满完成`,
`较好完成全年主要目标任务`, `基本完成全年发展主要目标任务`, or admits a miss (`节能减排、物价调控目标没有完成`,
`预期增长目标未能实现`). This module finds those sentences in the review sections and returns one record
of kind `assessment` per sentence, with `period_year` the year assessed, the sentence as `clause` with its
offsets, the clause that judges as `indicator` (`节能减排、物价调控目标没有完成`), the set phrase
matched as `verb`, and `assessment` one of:

- `all_met`: the report says the year's main targets were completed (全面/圆满/顺利完成, 完成了, 实现了);
- `mostly_met`: completed well or on the whole (较好完成, 基本完成, 基本实现);
- `some_missed`: it admits that a target was not met (没有完成, 未能实现, 低于预期目标);
- `unclear`: it judges the main indicators without saying the targets were met (符合预期).

The words and patterns live in `data/assessment.csv` (tried in file order, clause by clause; a clause
about another period, a future task or a hypothesis is skipped). Does not belong: judging the
targets ourselves (`scoring`), or showing the two side by side (`reports`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.clauses import Span, clauses, paragraphs, sentences
from extractors.datafiles import read_csv
from extractors.records import Commitment, Document, Section

CLASSES: dict[str, str] = {
    "all_met": "the report says the year's main targets were all completed (全面/圆满/顺利完成)",
    "mostly_met": "completed well or on the whole (较好完成, 基本完成): not every target, as the genre uses it",
    "some_missed": "the report admits that one or more targets were not met (没有完成, 未能实现)",
    "unclear": "the report judges its main indicators without saying whether the targets were met",
}
_ORDER = ("skip", "some_missed", "mostly_met", "all_met", "unclear")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_LONG, _BEFORE, _AFTER = 160, 2, 1  # evidence: a sentence up to _LONG characters, else these clauses


@dataclass(frozen=True)
class _Patterns:
    by_class: tuple[tuple[str, re.Pattern[str]], ...]  # (class, pattern), in the order tried
    gate: re.Pattern[str]  # words every claim contains: a sentence without any is not searched (fast)
    any_claim: re.Pattern[str]  # every class but skip: a sentence it does not match has no assessment


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    rows = read_csv("assessment.csv")
    defined = {r["name"]: r["pattern"] for r in rows if r["class"] == "define"}

    def expand(pattern: str) -> str:
        return _PLACEHOLDER.sub(lambda m: f"(?:{defined[m.group(1)]})", pattern)

    gates = [r["pattern"] for r in rows if r["class"] == "gate"]
    grouped: dict[str, list[str]] = {}
    for r in rows:
        if r["class"] not in ("define", "gate"):
            grouped.setdefault(r["class"], []).append(f"(?:{expand(r['pattern'])})")
    unknown = set(grouped) - set(_ORDER)
    if unknown:
        raise ValueError(f"data/assessment.csv: unknown class {sorted(unknown)}; use {', '.join(_ORDER)}")
    claims = [p for c in _ORDER if c in grouped and c != "skip" for p in grouped[c]]
    return _Patterns(tuple((c, re.compile("|".join(grouped[c]))) for c in _ORDER if c in grouped),
                     re.compile("|".join(f"(?:{g})" for g in gates) or r""), re.compile("|".join(claims) or r"(?!)"))


def classify(clause: str) -> tuple[str, re.Match[str]] | None:
    """(class, match) of one clause, or None when it is no assessment (or is skipped)."""
    for cls, pattern in _patterns().by_class:
        m = pattern.search(clause)
        if m:
            return None if cls == "skip" else (cls, m)
    return None


def extract_assessments(doc: Document) -> list[Commitment]:
    """One `assessment` record per sentence of the review sections that judges the year's targets."""
    if doc.report_year is None:
        return []
    text = doc.text
    out: list[Commitment] = []
    for section in _review_spans(doc):
        for para in paragraphs(text, section.start, section.end):
            for sent in sentences(text, para.start, para.end):
                record = _assessment(doc, section, sent)
                if record is not None:
                    out.append(record)
    return out


def _assessment(doc: Document, section: Section, sent: Span) -> Commitment | None:
    """The sentence's assessment record, or None when no clause of it judges the year's targets."""
    text = doc.text
    # a clause is part of its sentence: when no claim matches the sentence, none matches a clause;
    # the gate's words first (the patterns cost ~60 µs a sentence, and most sentences are no claim)
    patterns = _patterns()
    if not patterns.gate.search(text, sent.start, sent.end) or not patterns.any_claim.search(text, sent.start, sent.end):
        return None
    parts = clauses(text, sent.start, sent.end)
    found = [(i, hit) for i, cl in enumerate(parts) if (hit := classify(text[cl.start : cl.end]))]
    if not found:
        return None
    first, (_, match) = found[0]
    phrase = text[parts[first].start : parts[first].end].strip("。；;，, ")
    start, end = sent.start, sent.end
    if end - start > _LONG:  # a long sentence (or a scraped text without stops): the clauses around it
        start = parts[max(first - _BEFORE, 0)].start
        end = parts[min(first + _AFTER, len(parts) - 1)].end
    return Commitment(
        source=doc.source,
        region=doc.region,
        report_year=doc.report_year,  # type: ignore[arg-type]
        kind="assessment",  # type: ignore[arg-type]
        period_year=doc.report_year - 1,  # type: ignore[operator]
        indicator=phrase,
        canonical=None,
        verb=match.group(),
        value=None,
        value_high=None,
        stretch=None,
        unit=None,
        comparator="qualitative",
        estimated=False,
        section=section.heading or None,
        clause=text[start:end],
        start=start,
        end=end,
        assessment=_sentence_class([cls for _, (cls, _) in found]),
    )


def _review_spans(doc: Document) -> list[Section]:
    """The review sections; when none was recognised (a scraped text with few line breaks), the text
    before the first plan section, where a review stands in every report."""
    reviews = [s for s in doc.sections if s.kind == "review"]
    if reviews:
        return reviews
    plan = next((s.start for s in doc.sections if s.kind == "plan"), len(doc.text))
    return [Section(kind="review", heading="", start=0, end=plan)]


def _sentence_class(classes: list[str]) -> str:
    """A sentence that claims and admits at once (`完成了主要目标，但…目标没有完成`) admits."""
    return "some_missed" if "some_missed" in classes else classes[0]

