"""Cut a section into paragraphs, sentences and clauses (offsets into the document text).

Belongs here: paragraph, sentence and clause boundaries, and quotation spans (numbers inside “…”
and 《…》 are names). Does not belong: what the words mean (`cues`, `phrases`, `commitments`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_TERMINAL = "。！？!?；;：:…”」』）)"
# `[，；：]|(?<!\d)[,;:]|[,;:](?!\d)` (not `1,200`, `10:30`), opening with one character class so that
# the regex engine skips to the next punctuation mark instead of trying three branches at each character
_CLAUSE_SPLIT = re.compile(r"[，；：,;:](?:(?<=[，；：])|(?<![\d][,;:])|(?!\d))")
_SPACE = " \n\t"
_HEADING_LIKE = 45  # a line this short without a comma may be a heading: never joined to the next
# a line opening with a list number (`3.`, `（3）`, `③`; not `3.5%`) starts a new item: never joined to the line before
_LIST_START = re.compile(r"\d{1,2}[.．、](?![\d.．])|[（(]\d{1,2}[)）]|[①-⑳]")


@dataclass(slots=True)
class Span:
    start: int
    end: int
    para_start: bool = False  # the first sentence of a paragraph


_SENTENCE = re.compile(r"[^。！？!?]*[。！？!?]?")


def paragraphs(text: str, start: int, end: int) -> Iterator[Span]:
    """Paragraphs of text[start:end]: lines, except that a line which stopped mid-sentence (no final
    punctuation, and not a short heading-like line) continues on the next one, unless the next one
    opens with a list number (`3.固定资产投资增长10%以上`)."""
    s = start
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        if nl < 0:
            break
        line = text[pos:nl]
        pos = nl + 1
        if not line or line[-1] in _TERMINAL or _heading_like(line) or _LIST_START.match(text, pos, end):
            if nl > s:
                yield Span(s, nl, True)
            s = pos
    if end > s:
        yield Span(s, end, True)


def sentences(text: str, start: int, end: int) -> list[Span]:
    """Sentences of one paragraph text[start:end] (the first one has para_start=True)."""
    out: list[Span] = []
    first = True
    for m in _SENTENCE.finditer(text, start, end):
        s, e = m.span()
        if e > s:
            if text[s] in _SPACE or text[e - 1] in _SPACE:
                s, e = _trim(text, s, e)
            if e > s:
                out.append(Span(s, e, first))
            first = False
    return out


def _heading_like(line: str) -> bool:
    return len(line) <= _HEADING_LIKE and "，" not in line and "," not in line


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """text[s:e] without its outer whitespace (e <= s when nothing is left)."""
    seg = text[s:e]
    return s + len(seg) - len(seg.lstrip(_SPACE)), e - (len(seg) - len(seg.rstrip(_SPACE)))


def clauses(text: str, start: int, end: int) -> list[Span]:
    """Comma-level clauses of one sentence (split on ，；： and their ASCII twins, not inside brackets:
    `地区生产总值（预计数，下同）602.5亿元` is one clause)."""
    cuts: list[int] = []
    bracketed = text.find("（", start, end) >= 0 or text.find("(", start, end) >= 0
    for m in _CLAUSE_SPLIT.finditer(text, start, end):
        at = m.start()
        if not (bracketed and _open_bracket(text, start, at)):
            cuts.append(at)
    out: list[Span] = []
    s = start
    for e in [*cuts, end]:
        a, b = s, e
        if a < b and (text[a] in _SPACE or text[b - 1] in _SPACE):
            a, b = _trim(text, a, b)
        if b > a:
            out.append(Span(a, b, False))
        s = e + 1  # every separator is one character
    return out


def _open_bracket(text: str, start: int, pos: int) -> bool:
    """Whether `pos` lies inside （…） or (…) opened after `start`."""
    return text.count("（", start, pos) + text.count("(", start, pos) > text.count(
        "）", start, pos
    ) + text.count(")", start, pos)


def quoted(text: str, start: int, pos: int) -> bool:
    """Whether `pos` lies inside “…”, 《…》 or 「…」 opened after `start` (within one sentence)."""
    return (
        text.count("“", start, pos) > text.count("”", start, pos)
        or text.count("《", start, pos) > text.count("》", start, pos)
        or text.count("「", start, pos) > text.count("」", start, pos)
    )
