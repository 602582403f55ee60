"""Cut a section into sentences and clauses, and read the genre's cue words from the data files.

Belongs here: sentence and clause boundaries (offsets into the document text), quotation spans
(numbers inside “…” and 《…》 are names), and the compiled word lists and cue patterns from
`data/words.csv`, `data/qualifiers.csv` and `data/cues.csv`. Does not belong: building records
(`commitments`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from extractors.datafiles import read_csv

_SENTENCE_END = "。！？!?"
_TERMINAL = "。！？!?；;：:…”」』）)"
_CLAUSE_SPLIT = re.compile(r"[，；：,;:]")
_HEADING_LIKE = 45  # a line this short without a comma may be a heading: never joined to the next


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    para_start: bool = False  # the first sentence of a paragraph


@dataclass(frozen=True)
class Cues:
    """Compiled cue words and patterns (see data/words.csv, qualifiers.csv, cues.csv)."""

    verbs: tuple[str, ...]  # longest first
    leads: tuple[str, ...]
    fillers: tuple[str, ...]  # stripped from the front of an indicator phrase
    adverbs: tuple[str, ...]  # stripped from its end, with verbs and qualifiers
    conj: tuple[str, ...]  # stripped from the front of an item that follows another number
    list_prefix: frozenset[str]  # short first items of a 分别 list (`城镇、农村…`)
    tail: tuple[str, ...]  # verbs, qualifiers and adverbs: the tail of an indicator phrase
    tail_rev: re.Pattern[str]  # the tail words reversed, repeated: strips a whole tail in one match
    tail_word_rev: re.Pattern[str]  # one reversed tail word
    lead_verb: re.Pattern[str]  # one leading action verb (longest first)
    before_re: re.Pattern[str]  # a qualifier written right before the number, at the end of a text
    lead_fill: re.Pattern[str]  # leading fillers, repeated
    lead_fill_conj: re.Pattern[str]  # leading fillers and conjunctions, repeated
    before: dict[str, str]  # qualifier written before the number -> comparator
    after: dict[str, str]
    infix: dict[str, str]
    stretch: tuple[str, ...]
    patterns: dict[str, re.Pattern[str]]


@lru_cache(maxsize=1)
def cues() -> Cues:
    words = read_csv("words.csv")
    quals = read_csv("qualifiers.csv")

    def by_role(role: str) -> tuple[str, ...]:
        return tuple(sorted({w["word"] for w in words if w["role"] == role}, key=len, reverse=True))

    def quals_at(position: str) -> dict[str, str]:
        return {q["word"]: q["comparator"] for q in quals if q["position"] == position}

    patterns: dict[str, list[str]] = {}
    for row in read_csv("cues.csv"):
        patterns.setdefault(row["kind"], []).append(f"(?:{row['pattern']})")
    before = quals_at("before")
    tail = {*before, *by_role("verb"), *by_role("adverb")}
    tail_sorted = tuple(sorted(tail, key=len, reverse=True))
    word_rev = "|".join(re.escape(w[::-1]) for w in tail_sorted)
    fillers = [w for w in by_role("filler") if w != "其中"]  # 其中 stays: it marks a sub-target

    def leading(words: list[str]) -> re.Pattern[str]:
        alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        return re.compile(rf"(?:(?:{alt})(?![性级域面内])[ 、，,]*)+")  # not 全市性, 全省域

    return Cues(
        verbs=by_role("verb"),
        leads=by_role("lead"),
        fillers=by_role("filler"),
        adverbs=by_role("adverb"),
        conj=by_role("conj"),
        list_prefix=frozenset(by_role("list_prefix")),
        tail=tail_sorted,
        tail_rev=re.compile(rf"(?:(?:{word_rev}) *)+"),
        tail_word_rev=re.compile(word_rev),
        lead_verb=re.compile("|".join(re.escape(w) for w in by_role("lead"))),
        before_re=re.compile(
            "(?:" + "|".join(re.escape(w) for w in sorted(before, key=len, reverse=True)) + r") *$"
        ),
        lead_fill=leading(fillers),
        lead_fill_conj=leading([*fillers, *by_role("conj")]),
        before=before,
        after=quals_at("after"),
        infix=quals_at("infix"),
        stretch=tuple(q["word"] for q in quals if q["comparator"] == "stretch"),
        patterns={k: re.compile("|".join(v)) for k, v in patterns.items()},
    )


_SENTENCE = re.compile(r"[^。！？!?]*[。！？!?]?")


def paragraphs(text: str, start: int, end: int) -> Iterator[Span]:
    """Paragraphs of text[start:end]: lines, except that a line which stopped mid-sentence (no final
    punctuation, and not a short heading-like line) continues on the next one."""
    s = start
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        if nl < 0:
            break
        line = text[pos:nl]
        pos = nl + 1
        if not line or line[-1] in _TERMINAL or _heading_like(line):
            if nl > s:
                yield Span(s, nl, True)
            s = pos
    if end > s:
        yield Span(s, end, True)


def sentences(text: str, start: int, end: int) -> Iterator[Span]:
    """Sentences of one paragraph text[start:end] (the first one has para_start=True)."""
    first = True
    for m in _SENTENCE.finditer(text, start, end):
        if m.end() > m.start():
            yield from _emit(text, m.start(), m.end(), first)
            first = False


def _heading_like(line: str) -> bool:
    return len(line) <= _HEADING_LIKE and "，" not in line and "," not in line


def _emit(text: str, s: int, e: int, para_start: bool) -> Iterator[Span]:
    if s < e and (text[s] in " \n\t" or text[e - 1] in " \n\t"):
        seg = text[s:e]
        s += len(seg) - len(seg.lstrip(" \n\t"))
        e -= len(seg) - len(seg.rstrip(" \n\t"))
    if e > s:
        yield Span(s, e, para_start)


def clauses(text: str, start: int, end: int) -> list[Span]:
    """Comma-level clauses of one sentence (split on ，；： and their ASCII twins)."""
    out: list[Span] = []
    s = start
    for m in _CLAUSE_SPLIT.finditer(text, start, end):
        out.extend(_emit(text, s, m.start(), False))
        s = m.end()
    out.extend(_emit(text, s, end, False))
    return out


def quoted(text: str, start: int, pos: int) -> bool:
    """Whether `pos` lies inside “…”, 《…》 or 「…」 opened after `start` (within one sentence)."""
    return (
        text.count("“", start, pos) > text.count("”", start, pos)
        or text.count("《", start, pos) > text.count("》", start, pos)
        or text.count("「", start, pos) > text.count("」", start, pos)
    )
