"""Undo what PDF, Word and web pages do to a report's text, so every reader yields the same string.

Belongs here: character mapping (full-width digits/letters/％, zero-width and soft hyphens, Kangxi
radicals that PDFs emit instead of ideographs), spacing (`增 长 10.5%` -> `增长10.5%`, `3. 1 万平米`
-> `3.1万平米`, `G D P` -> `GDP`, `P M 2.5` -> `PM2.5`), and re-joining lines broken mid-sentence
(also inside a justified number: `公 路 3` + `00公里` -> `公路300公里`). Does not belong: anything
about what the words mean (sections, indicators): that is `sections`/`commitments`.

Decisions, so downstream code can rely on them:
- Chinese punctuation (，。；：、（）“”) is kept as is; NFKC is *not* applied wholesale because it would
  turn （ into ( and ： into :. Only full-width digits, letters, ％ ． ＋ － and the ideographic space
  become ASCII.
- ASCII , ; : ! ? next to a CJK character become their full-width twins (，；：！？), and ASCII
  parentheses around or beside CJK text become （）. Text converted from PDF often carries ASCII
  punctuation (`审议, 并请`, `( 一 )`); after this there is one spelling. `1,200` and `10:30` are
  untouched (no CJK neighbour). `.` is never converted (decimals, `1.` list numbers).
- Output: one paragraph per line, separated by a single "\n", no blank lines, no indents, no
  trailing newline. Tabs inside a line (table cells) are kept.
- Line joining: a line that does not end a sentence (。！？；：…, maybe + closing quote) is joined,
  without separator, to the next unless the next opens a heading/list item (一、 （一） 1. ——) or
  is indented, or the line itself is a title/heading (short for the text's wrap width, no sentence
  inside, or a date line ending in 会议上), or it is the short last line of a wrapped paragraph (after a
  line that reached the margin). Table rows (tab-separated) are never joined. Where
  indentation marks paragraphs (PDF text layers), a full-width line is joined even after 。.
  Page-number lines (`- 3 -`, `第3页`) are dropped.
- Everything is a fixed number of linear regex passes plus one pass over the lines.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from extractors.script import to_simplified

# ---- character level -------------------------------------------------------------------------

_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_DROPPED = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f"
_CONTROLS = [c for c in range(32) if chr(c) not in "\t\n"] + [0x7F]


def _char_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for i in range(10):
        table[0xFF10 + i] = str(i)
    for i in range(26):
        table[0xFF21 + i] = chr(ord("A") + i)
        table[0xFF41 + i] = chr(ord("a") + i)
    table.update({0xFF05: "%", 0xFE6A: "%", 0xFF0E: ".", 0xFF0B: "+", 0xFF0D: "-"})
    table.update(dict.fromkeys(map(ord, _SPACES), " "))
    table.update(dict.fromkeys(map(ord, _DROPPED), None))
    table.update(dict.fromkeys(_CONTROLS, None))
    table[ord("\r")] = "\n"
    # Kangxi radicals, CJK radical supplement and compatibility ideographs -> unified ideographs
    # (PDF fonts often map 高 to ⾼ U+2FBC). Only where NFKC yields a single ideograph.
    for cp in [*range(0x2E80, 0x2EF4), *range(0x2F00, 0x2FD6), *range(0xF900, 0xFB00)]:
        mapped = unicodedata.normalize("NFKC", chr(cp))
        if mapped != chr(cp) and len(mapped) == 1:
            table[cp] = mapped
    return table


_CHAR_TABLE = _char_table()


def _char_pattern(table: dict[int, str | None]) -> re.Pattern[str]:
    """One character class of the table's keys, as ranges. `str.translate` with a dict looks up every
    character of the text (~60 ns each); the regex skips the ~99.9 % that need no mapping."""
    ranges: list[list[int]] = []
    for cp in sorted(table):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    parts = (re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return re.compile(f"[{''.join(parts)}]")


_MAPPED = _char_pattern(_CHAR_TABLE)
_MAPPED_TO = {chr(cp): to or "" for cp, to in _CHAR_TABLE.items()}


def _map_chars(raw: str) -> str:
    """`raw.translate(_CHAR_TABLE)`, faster on text that is mostly unmapped (every report)."""
    return _MAPPED.sub(lambda m: _MAPPED_TO[m.group()], raw)


# "CJK-ish": ideographs, CJK/full-width punctuation, general punctuation (“” — … ‰).
_CJK = "\u2010-\u206f\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff"

# ---- spacing ---------------------------------------------------------------------------------

_MULTI_SPACE = re.compile(r"  +")  # not ` {2,}`: a literal start is searched for, not tried everywhere
_LINE_EDGE_SPACE = re.compile(r" +\n *|\n +")  # starts with a literal: not tried at every position
_SPACE_AT_TAB = re.compile(r" *\t *")
_SPACE_BY_CJK = re.compile(rf" (?:(?=[{_CJK}])|(?<=[{_CJK}] ))")
# a space after a lone digit, before a digit: `1 2 0 0`, `1 7 8` + `60` -> `1200`, `17860` (not `2350 6.2`)
_SPACED_DIGITS = re.compile(r" (?=\d)(?<=\d )(?<![\d.]\d )")
# justified lines space out Latin capitals too: `G D P` -> `GDP`, `P M 2.5` -> `PM2.5`, `5 G` -> `5G`
# (each pattern starts with the space itself: a leading lookbehind would be tried at every character)
_SPACED_CAPITALS = re.compile(r" (?=[A-Z](?![A-Za-z])|\d)(?<=[A-Z] )(?<![A-Za-z][A-Z] )")
_SPACE_BY_CAPITAL = re.compile(r" (?=[A-Z](?![A-Za-z]))(?<=[^\x00-\x7f]\d )")
_SPACE_BEFORE_PCT = re.compile(r"(\d) +(?=%)")  # replaced by \1: a leading lookbehind is tried everywhere
_SPACE_BEFORE_POINT = re.compile(r"(\d) +(?=\.)")  # `10 .5`, `1 .新建`
_SPACE_AFTER_POINT = re.compile(r"(\d\.) +(?=\d)(?!\d{4} ?年)")  # `3. 1` (not list numbering `1. 2024年`)

# ---- punctuation -----------------------------------------------------------------------------

# Web pages that gloss characters with pinyin (ruby) come out as `发（fā）展`: the gloss is dropped. A gloss
# is Latin letters with at least one tone mark, in brackets, right after a CJK character.
_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_TONE_MARKS = re.compile(f"[{_TONES}]")
_RUBY_PINYIN = re.compile(rf"(?<=[\u3400-\u9fff])[（(](?=[a-zü{_TONES}]*[{_TONES}])[a-zü{_TONES}]{{1,7}}[)）]")
_CHUNK_MARK = re.compile(r"^(\d{1,3})、\.?", re.M)
_CHUNK_MIN = 3  # fewer numbered cuts: too little evidence that the numbers are the site's
_FULL_PUNCT = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
_PUNCT_BY_CJK = re.compile(rf"[,;:!?](?:(?<=[{_CJK}][,;:!?])|(?=[{_CJK}]))")
_ASCII_PARENS = re.compile(r"\(([^()\n]{0,80})\)")
_HAS_CJK = re.compile(rf"[{_CJK}]")

# ---- lines -----------------------------------------------------------------------------------

# A line that starts one of these begins a new paragraph (headings, list items, dash-led points).
_HEADING_START = re.compile(
    r"(?:[一二三四五六七八九十百]+ ?[、.．]"
    r"|[（(] ?[一二三四五六七八九十百\d]{1,3} ?[)）]"
    r"|\d{1,2} ?[、.．](?! ?\d)"
    r"|[①-⑳]"
    r"|第[一二三四五六七八九十百\d]+[部分章节篇]"
    r"|——|附件|名词解释)"
)
# Line ends and starts are tested on the last/first character (cheap on millions of lines).
_FINAL_CHARS = frozenset(
    "。！？!?；;：:…"
)  # a line ending in one of these (maybe + closing quote) ends a sentence
_CLOSING_CHARS = "”’」』）)\"'"
_MID_CHARS = frozenset("，,、（(“‘《〈【")  # a line ending in one of these is mid-sentence
_CONT_CHARS = frozenset("，,、。；;：:）)”’》〉】%")  # a line starting with one of these continues the last
# Prose, not a heading: a sentence end or a colon before a long text (a definition) inside the line;
# for a line that does not open like a heading, a comma too.
_SENTENCE_INSIDE = re.compile(r"[。！？!?；;]|[：:](?=.{8})")
_COMMA = re.compile(r"[，,]")
_PAGE_NUMBER = re.compile(
    r"(?:[-—–－] ?\d{1,4} ?[-—–－]|第 ?\d{1,4} ?页(?: ?[,，/]? ?共 ?\d{1,4} ?页)?|\d{1,4} ?/ ?\d{1,4})"
)
# The date line (`——2024年3月5日在…第二次会议上`) is a complete line whatever its length.
_COMPLETE_ENDINGS = ("会议上",)
_PAGE_NUMBER_MAX = 20  # longer lines are never page numbers
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

_HEADING_MAX = 40  # a heading line is at most this many characters
_MIN_LINES_FOR_WIDTH = 8  # fewer lines: no reliable wrap width
_SHORT_LINE = 0.6  # a line shorter than this share of the wrap width did not reach the margin
_FULL_LINE = 0.9  # a line at least this share of the wrap width reached the right margin
_WRAPPED_MAX = 1.15  # … and at most this share: longer lines are transcribed paragraphs, not wrapped lines
_MIN_INDENTS, _INDENT_SHARE = 3, 0.03  # enough indented lines to mark paragraphs by indentation


@dataclass(slots=True)
class _Line:
    text: str  # stripped, spaces collapsed
    indented: bool  # started with whitespace (PDF paragraph indent)
    size: int  # characters without spaces


def normalize_text(raw: str) -> str:
    """Return the normalised text: one paragraph per line (see module docstring)."""
    text = _MULTI_SPACE.sub(" ", _map_chars(to_simplified(raw)))
    if _TONE_MARKS.search(text):
        text = _RUBY_PINYIN.sub("", text)
    text = _drop_chunk_markers(text)
    text = "\n".join(_paragraphs(_lines(text)))
    text = _clean_spacing(text)
    if " \n" in text or "\n " in text:
        text = _LINE_EDGE_SPACE.sub("\n", text)
    return text.strip(" ")


def _drop_chunk_markers(text: str) -> str:
    """Document-sharing sites cut a text into numbered chunks and print the numbers at the line starts,
    wherever the cut fell (`…生产总值4406.` / `2、3亿元，…` / `…比重达到5` / `3、3.1%`): when the line-start
    numbers run 1, 2, 3 … and every one after the first follows a line that stops mid-sentence, they are
    the site's, not the report's, and are dropped (a report's own `1、` list follows a finished sentence)."""
    marks = list(_CHUNK_MARK.finditer(text))
    if len(marks) < _CHUNK_MIN or [int(m.group(1)) for m in marks] != list(range(1, len(marks) + 1)):
        return text
    for m in marks[1:]:
        before = text[: m.start()].rstrip("\n ")
        if not before or before[-1] in _FINAL_CHARS or before[-1] in _CLOSING_CHARS:
            return text
    return _CHUNK_MARK.sub("", text)


def _lines(text: str) -> list[_Line | None]:
    """Split into lines; None marks a blank line. Page-number lines are dropped."""
    out: list[_Line | None] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            out.append(None)
        elif len(stripped) > _PAGE_NUMBER_MAX or not _PAGE_NUMBER.fullmatch(stripped):
            out.append(_Line(stripped, line[:1].isspace(), len(stripped) - stripped.count(" ")))
    return out


def _wrap_width(lines: list[_Line | None]) -> float | None:
    """The typical length of a full line, i.e. where the source wrapped (None when too few lines).

    The upper quartile: headings and paragraph ends are short, full lines are the bulk of a PDF's lines.
    """
    sizes = sorted(ln.size for ln in lines if ln is not None)
    if len(sizes) < _MIN_LINES_FOR_WIDTH:
        return None
    return sizes[(len(sizes) * 3) // 4]


def _indent_marks_paragraphs(lines: list[_Line | None]) -> bool:
    """PDF text layers often indent each paragraph's first line; then an unindented line continues."""
    present = [ln for ln in lines if ln is not None]
    indented = sum(ln.indented for ln in present)
    return (
        indented >= _MIN_INDENTS and indented >= _INDENT_SHARE * len(present) and indented < len(present) / 2
    )


def _paragraphs(lines: list[_Line | None]) -> list[str]:
    width = _wrap_width(lines)
    by_indent = width is not None and _indent_marks_paragraphs(lines)
    paragraphs: list[list[str]] = []
    previous: _Line | None = None
    blank = continued = tail = False
    for line in lines:
        if line is None:
            blank = True
            continue
        continued = previous is not None and (
            _joins(previous, line, width, continued, tail)
            or (by_indent and _wrapped_at_sentence_end(previous, line, width, blank))
        )
        if continued:
            paragraphs[-1] += [_joiner(previous.text, line.text), line.text]
        else:
            paragraphs.append([line.text])
        tail = continued and _short_after_full(previous, line, width)
        previous, blank = line, False
    return ["".join(parts) for parts in paragraphs]


def _short_after_full(prev: _Line | None, line: _Line, width: float | None) -> bool:
    """`line` is the short last line of a wrapped paragraph: it follows a line that reached the margin
    (about the wrap width, not a long transcribed paragraph) and stops well before it."""
    return (
        width is not None
        and prev is not None
        and _FULL_LINE * width <= prev.size <= _WRAPPED_MAX * width
        and line.size < _SHORT_LINE * width
    )


def _joins(
    prev: _Line, nxt: _Line, width: float | None, prev_continues: bool, prev_tail: bool = False
) -> bool:
    """Whether `nxt` continues the sentence that `prev` broke off.

    `prev_continues`: `prev` itself continued a paragraph, so it is no title even if short
    (web transcriptions split sentences around link texts: `…推动\n区域全面经济伙伴关系协定\n（RCEP）…`).
    `prev_tail`: `prev` is the short last line of a wrapped paragraph, so the paragraph ended there even
    without a final stop (an unpunctuated list item: `8.居民收入…完成上级下达的节\n能减排任务\n围绕…`).
    """
    if "\t" in prev.text or "\t" in nxt.text:
        return False  # table rows stay one per line
    if nxt.text[0] in _CONT_CHARS:
        return True
    if nxt.indented or _HEADING_START.match(nxt.text):
        return False
    if prev.text[-1] in _MID_CHARS:
        return True
    if _ends_sentence(prev.text) or prev_tail:
        return False
    return prev_continues or not _standalone(prev, width)


def _wrapped_at_sentence_end(prev: _Line, nxt: _Line, width: float, after_blank: bool) -> bool:
    """In an indent-marked text, a full line ending a sentence is continued by an unindented line."""
    return (
        not after_blank
        and not nxt.indented
        and prev.size >= _FULL_LINE * width
        and "\t" not in prev.text + nxt.text
        and not _HEADING_START.match(nxt.text)
    )


def _standalone(line: _Line, width: float | None) -> bool:
    """A title, name or heading line: short, no sentence inside, so the break after it is real."""
    if _SENTENCE_INSIDE.search(line.text):
        return False
    if line.text.endswith(_COMPLETE_ENDINGS):
        return True
    if _HEADING_START.match(line.text):
        return line.size <= _HEADING_MAX and not (width and line.size >= _FULL_LINE * width)
    return width is not None and line.size < _SHORT_LINE * width and not _COMMA.search(line.text)


def _ends_sentence(text: str) -> bool:
    """`。` `！` `：` …, possibly followed by closing quotes/brackets; `.` unless after a digit (`3.`)."""
    core = text.rstrip(_CLOSING_CHARS)
    if not core:
        return False
    if core[-1] == ".":
        return not core[:-1].rstrip(" ")[-1:].isdigit()  # `3.` or a justified `1 .` goes on
    return core[-1] in _FINAL_CHARS


def _joiner(left: str, right: str) -> str:
    """Latin words broken across lines keep a space (not capitals: `G` + `DP`), and so does a number
    spaced out on two justified lines (`3 2` + `6 0万`, `6 .` + `0 1万`), which the spacing rules then
    close up; everything else joins directly (`公 路 3` + `00公里`, `1 7 8` + `60元`, `1 .` + `2万`)."""
    if left[-1] in _ASCII_LETTERS and right[0] in _ASCII_LETTERS:
        if left[-1].isupper() and right[0].isupper():  # an acronym: `G` + `DP`, justified `G D` + `P`
            return " " if left[-2:-1] == " " or right[1:2] == " " else ""
        return " "
    spaced = len(right) > 2 and right[1] == " " and right[0].isdigit() and right[2].isdigit()
    return " " if spaced and (left[-1].isdigit() or left[-1] == ".") else ""


def _clean_spacing(text: str) -> str:
    """Spaces and ASCII punctuation, over the whole text at once (no pattern crosses a newline).

    A pass that cannot match is skipped: the `in` tests are necessary conditions of each pattern,
    and a pattern that does not start with a literal costs a scan of the whole text for nothing."""
    if "\t" in text:
        text = _SPACE_AT_TAB.sub("\t", text)
    text = _SPACE_BY_CJK.sub("", text)
    again = "(" in text
    text = _ASCII_PARENS.sub(_full_parens, text)
    if any(p in text for p in _FULL_PUNCT):
        text = _PUNCT_BY_CJK.sub(lambda m: _FULL_PUNCT[m.group()], text)
        again = True
    if again or "  " in text:  # punctuation made full-width above is CJK now (a 2nd pass changes
        text = _SPACE_BY_CJK.sub("", text)  # nothing else: every space left has no CJK neighbour)
    text = _SPACED_DIGITS.sub("", text)
    text = _SPACED_CAPITALS.sub("", text)
    text = _SPACE_BY_CAPITAL.sub("", text)
    if " %" in text:
        text = _SPACE_BEFORE_PCT.sub(r"\1", text)
    if " ." in text:
        text = _SPACE_BEFORE_POINT.sub(r"\1", text)
    if ". " in text:
        text = _SPACE_AFTER_POINT.sub(r"\1", text)
    return text


def _full_parens(match: re.Match[str]) -> str:
    """`(一)` -> `（一）` when the parentheses hold or touch CJK text; `(x)` in Latin text stays."""
    text, start, end = match.string, match.start(), match.end()
    context = text[max(start - 1, 0) : start] + match.group(1) + text[end : end + 1]
    if _HAS_CJK.search(context):
        return f"（{match.group(1)}）"
    return match.group()
