"""The closest sentence of the next report to a qualitative target: evidence, never a verdict.

Why: `居民收入增长和经济增长同步` has no number to compare, but a reader can check what the next
report says about it. Candidates are the sentences of the next report's review sections (the whole
text when it has no sections), split on the sentence ends in rules.toml [text]. Scoring is
rapidfuzz `partial_ratio` on characters: the best-aligned stretch of the sentence against the target,
so a long sentence is not penalised for saying more. On the national 2021-2024 qualitative targets it
picked the sentence a reader would cite more often than whole-sentence or bigram-coverage scores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from extractors.records import Document
from scoring.config import section


@dataclass(frozen=True)
class Evidence:
    """A sentence of the next report with its offsets in Document.text and its score (0-100)."""

    sentence: str
    start: int
    end: int
    score: float


def sentences(doc: Document) -> list[tuple[int, int, str]]:
    """(start, end, sentence) of the review sections, or of the whole text without sections."""
    ends = section("text").get("sentence_ends", ["。", "；"])
    spans = [(s.start, s.end) for s in doc.sections if s.kind == "review"] or [(0, len(doc.text))]
    splitter = re.compile("[^" + re.escape("".join(ends)) + "]+[" + re.escape("".join(ends)) + "]?")
    out: list[tuple[int, int, str]] = []
    for lo, hi in spans:
        for m in splitter.finditer(doc.text, lo, hi):
            raw = m.group()
            left = len(raw) - len(raw.lstrip())
            body = raw.strip()
            if len(re.sub(r"\W", "", body)) >= 4:
                out.append((m.start() + left, m.start() + left + len(body), body))
    return out


def _squeeze(text: str) -> str:
    return re.sub(r"[\s。；;，,、：:“”\"'（）()——]+", "", text)


# The last document's sentences: its targets are judged one after another against the same next
# report, and splitting it again for each was half of scoring. One (key, value) tuple: replaced in
# one assignment, so threads scoring other regions at the same time only miss, never mix.
_last: tuple[tuple, tuple[list, list[str]]] | None = None


def _candidates(doc: Document) -> tuple[list[tuple[int, int, str]], list[str]]:
    global _last
    key = (doc.source, doc.sha256, len(doc.text), hash(doc.text), tuple((s.start, s.end, s.kind) for s in doc.sections))
    last = _last
    if last is not None and last[0] == key:
        return last[1]
    found = sentences(doc)
    value = (found, [_squeeze(s) for _, _, s in found])
    _last = (key, value)
    return value


def closest_sentence(query: str, doc: Document) -> Evidence | None:
    """The sentence of `doc` most similar to `query` (a qualitative target's clause or phrase)."""
    found, choices = _candidates(doc)
    if not found or not query.strip():
        return None
    best = process.extractOne(_squeeze(query), choices, scorer=fuzz.partial_ratio)
    if best is None or best[1] < float(section("text").get("evidence_min_score", 0)):
        return None
    start, end, text = found[best[2]]
    return Evidence(text, start, end, round(float(best[1]), 1))
