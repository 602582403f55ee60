"""Cut a section into paragraphs, sentences and clauses (offsets into the document text).

Belongs here: paragraph, sentence and clause boundaries, and quotation spans (numbers inside “…”
and 《…》 are names). Does not belong: what the words mean (`cues`, `phrases`, `commitments`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_TERMINAL = "。！？!?；;：:…”」』）)"
_CLAUSE_SPLIT = re.compile(r"[，；：]|(?<!\d)[,;:]|[,;:](?!\d)")  # not `1,200`, `10:30`
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
    """Comma-level clauses of one sentence (split on ，；： and their ASCII twins, not inside brackets:
    `地区生产总值（预计数，下同）602.5亿元` is one clause)."""
    out: list[Span] = []
    s = start
    bracketed = text.find("（", start, end) >= 0 or text.find("(", start, end) >= 0
    for m in _CLAUSE_SPLIT.finditer(text, start, end):
        if bracketed and _open_bracket(text, start, m.start()):
            continue
        out.extend(_emit(text, s, m.start(), False))
        s = m.end()
    out.extend(_emit(text, s, end, False))
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
