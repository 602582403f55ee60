"""Split a normalised report into review (results), plan (targets) and other spans with heading paths.

Belongs here: recognising headings (`一、2023年工作回顾`, `一、攻坚克难，2022年成绩来之不易`,
`2024年主要工作回顾`, `（一）…`, `( 一 )`, `一是…`, `名词解释`) and deciding what each top-level part
is: the review of last year, the plan for this year, or the rest (government self-building, the
glossary, the 十三五/十四五 planning part, thanks), which yields no commitments. A report without
recognisable top-level headings falls back to paragraph cues (`过去一年`, `今年…主要预期目标`).
Does not belong: anything inside a paragraph (`commitments`).

Output: non-overlapping Sections covering the whole text in order, one per top-level part or
sub-heading, each with its heading path (`一、2023年工作回顾 > 一是加大宏观调控力度`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.cues import cues
from extractors.records import Section, SectionKind

_CN_NUM = "一二三四五六七八九十"
_TOP = re.compile(rf"^(?:[{_CN_NUM}]+ ?[、．.]|第[{_CN_NUM}]+部分 ?)")
_UNNUMBERED_TOP = re.compile(
    r"^(?:\d{4}年|今年|过去一年|上年|去年)?.{0,14}(?:回顾|工作总结|工作安排|工作任务|重点工作|总体要求|目标任务|主要任务|工作建议)$"
    r"|^(?:过去一年|过去五年|\d{4}年|今年)的?(?:主要)?工作$|^(?:切实|全面|持续|进一步)?加强政府自身建设$"
)
_GLOSSARY = re.compile(r"^(?:名词解释|名词注释|注释|附件|附表|附：.*|注：.*)$")
_SUB = re.compile(rf"^(?:[（(] ?[{_CN_NUM}]+ ?[)）]|[{_CN_NUM}]+是|第[{_CN_NUM}]+[，、,])")
_SUB_END = re.compile(r"[。；：！？]")
_TOP_MAX = 45
_SUB_MAX = 40
_CONTENT_SPAN = 600  # opening characters of a part read when its heading does not tell its kind
_CONTENT_MIN = 2
_SENTENCE_END = re.compile(r"[。！？!?]")
_SENTENCE_OR_LINE = re.compile(r"[。！？!?]|(?=\n)")
_RUN_ON_END = re.compile(r"[，。；：！？,;:!?]")

_OTHER = re.compile(r"自身建设|政府建设|名词解释|名词注释|注释|附件|附表|致谢")
_PLANNING = re.compile(
    r"十[一二三四五六]五”?(?:时期|规划)|第[一二三四五六七八九十]+个五年规划|五年规划|今后五年|未来五年|今后一个时期"
)
_REVIEW = re.compile(r"回顾|回首|回望|成绩|成就|过去一年|过去五年|上年|去年|工作总结|一年来")
_HEADING_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:年|(?![\d%％万亿]))")
_PLAN = re.compile(
    r"今年|工作安排|工作任务|重点工作|总体要求|目标任务|政策取向|主要任务|建议|做好|展望|部署|打算|重点抓好"
)
_PARA_REVIEW = re.compile(r"^(?:过去一年|过去的一年|一年来|去年)")
_PARA_PLAN = re.compile(
    r"主要预期目标|预期目标[是为]|(?:今年|\d{4}年)[^。]{0,20}(?:总体要求|指导思想|工作安排|主要任务|重点工作)"
)


@dataclass
class _Mark:
    start: int
    kind: SectionKind
    top: str
    sub: str | None = None


def split_sections(text: str, report_year: int | None) -> list[Section]:
    """Review, plan and other spans covering `text`, in order."""
    marks = _heading_marks(text, report_year)
    if not any(m.kind in ("review", "plan") for m in marks):
        marks = _paragraph_marks(text, report_year)
    else:
        marks = _review_inside_plan(text, _plan_inside_review(text, marks, report_year), report_year)
    if not marks or marks[0].start > 0:
        marks.insert(0, _Mark(0, "other", ""))
    out: list[Section] = []
    for mark, nxt in zip(marks, [*marks[1:], None], strict=True):
        end = nxt.start if nxt else len(text)
        if end > mark.start:
            heading = f"{mark.top} > {mark.sub}" if mark.sub and mark.top else (mark.sub or mark.top)
            out.append(Section(kind=mark.kind, heading=heading, start=mark.start, end=end))
    return out


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _heading_marks(text: str, year: int | None) -> list[_Mark]:
    """One mark per top-level heading and per sub-heading under one. A top-level part is classified
    by its heading (`_classify`); when the heading says nothing (`二、凝心聚力，开创新局面`), by its
    opening words (`_content_kind`: `今年…主要预期目标`, `过去一年…增长`); only then does it continue
    the part before."""
    found: list[tuple[int, str | None, str | None]] = []  # (position, top heading, sub-heading)
    for pos, raw in _lines(text):
        line = raw.strip()
        top_heading = _top_heading(line)
        if top_heading:
            found.append((pos, top_heading, None))
        elif found and _SUB.match(line):
            found.append((pos, None, _sub_heading(line)))
    tops = [i for i, (_, top, _) in enumerate(found) if top]
    marks: list[_Mark] = []
    kind: SectionKind | None = None
    top = ""
    for i, (pos, top_heading, sub) in enumerate(found):
        if top_heading:
            nxt = next((found[j][0] for j in tops if j > i), len(text))
            kind = _classify(top_heading, year) or _content_kind(text, pos, nxt, year) or kind or "other"
            top = top_heading
            marks.append(_Mark(pos, kind, top))
        elif kind is not None:
            marks.append(_Mark(pos, kind, top, sub))
    return marks


def _plan_inside_review(text: str, marks: list[_Mark], year: int | None) -> list[_Mark]:
    """A review part that goes on into this year's targets (`…圆满完成。今年经济社会发展的主要预期目标
    是：…`, under one heading) becomes the plan from that sentence on."""
    if not year:
        return marks
    out: list[_Mark] = []
    for mark, nxt in zip(marks, [*marks[1:], None], strict=True):
        out.append(mark)
        if mark.kind != "review":
            continue
        end = nxt.start if nxt else len(text)
        for intro in _cue("headline_intro").finditer(text, mark.start, end):
            start = max(text.rfind(c, mark.start, intro.start()) for c in "。\n！；") + 1
            sentence = text[start : intro.end()]
            if "今年" in sentence or f"{year}年" in sentence:
                if start > mark.start:
                    out.append(_Mark(start, "plan", mark.top, mark.sub))
                else:
                    mark.kind = "plan"
                break
    return out


def _review_inside_plan(text: str, marks: list[_Mark], year: int | None) -> list[_Mark]:
    """Last year's results recalled in the plan (`三、2011年的工作` / `…过去一年，我们的各项工作取得了
    很大成绩。国内生产总值增长10.3%…`): from a sentence that opens on last year to the end of its
    paragraph, or to a sentence that opens on this year, the part is review."""
    if not year:
        return marks
    one_year = _cue("one_year_paragraph")
    this_year = re.compile(rf"^(?:今年|{year}年|新的一年)")
    out: list[_Mark] = []
    for mark, nxt in zip(marks, [*marks[1:], None], strict=True):
        out.append(mark)
        if mark.kind != "plan":
            continue
        end = nxt.start if nxt else len(text)
        inside = False
        for pos, sentence in _sentences_between(text, mark.start, end):
            opening = sentence.lstrip()[:12]
            if inside and (sentence.startswith("\n") or this_year.match(opening) or "今年" in sentence):
                out.append(_Mark(pos + (len(sentence) - len(sentence.lstrip())), "plan", mark.top, mark.sub))
                inside = False
            m = one_year.match(opening)
            if m and opening[m.end() : m.end() + 2] == "以来":
                m = None  # `去年以来，…`: a stretch up to now, said in the plan
            if not inside and m and (not re.search(r"\d{4}", m.group()) or f"{year - 1}年" in m.group()):
                out.append(_Mark(pos + len(sentence) - len(sentence.lstrip()), "review", mark.top, mark.sub))
                inside = True
    return out


def _sentences_between(text: str, start: int, end: int):
    """(start, sentence) between two offsets; a sentence that opens a new line starts with "\n"."""
    pos = start
    for m in _SENTENCE_OR_LINE.finditer(text, start, end):
        yield pos, text[pos : m.end()]
        pos = m.end()
    if pos < end:
        yield pos, text[pos:end]


def _content_kind(text: str, start: int, end: int, year: int | None) -> SectionKind | None:
    """What a part is from its opening words, when its heading does not say: the plan speaks of this
    year and its targets, the review of last year and what was done (cues `content_plan`,
    `content_review`; the report year and the year before count too). None when the words do not tell."""
    opening = text[start : min(end, start + _CONTENT_SPAN)]
    plan = len(_cue("content_plan").findall(opening))
    review = len(_cue("content_review").findall(opening))
    if year:
        plan += opening.count(f"{year}年")
        review += opening.count(f"{year - 1}年")
    if plan >= _CONTENT_MIN and plan >= 2 * review:
        return "plan"
    if review >= _CONTENT_MIN and review >= 2 * plan:
        return "review"
    return None


def _top_heading(line: str) -> str | None:
    """The heading when the line is (or opens with) a top-level heading, else None.

    A numbered heading may run straight into its first paragraph, as in texts scraped from web pages
    (`一、2023年工作回顾2023年，是…`): the heading is then the line's first clause, cut where the
    paragraph opens (`_opening`)."""
    if not line:
        return None
    if len(line) <= _TOP_MAX and "。" not in line:
        if _GLOSSARY.match(line.replace(" ", "")) or _TOP.match(line) or _UNNUMBERED_TOP.match(line):
            return line
        return None
    if not _TOP.match(line):
        return None
    head = _RUN_ON_END.split(line, 1)[0][:_TOP_MAX]
    return _cut_opening(head)


def _cut_opening(head: str) -> str:
    """`一、2023年工作回顾2023年` -> `一、2023年工作回顾`: a run-on heading ends where a paragraph opener
    (a year, 今年, 刚刚过去的…) follows a heading word (回顾, 目标, 安排 …), else after its last heading
    word (`一、“十四五”时期和2025年工作回顾“十四五”时期…`). Both word lists are data (cues.csv)."""
    numbered = _TOP.match(head)
    body_from = (numbered.end() if numbered else 0) + 2
    ends = [m.end() for m in _cue("heading_end").finditer(head) if m.end() > body_from]
    for m in _cue("paragraph_opener").finditer(head):
        if m.start() in ends:
            return head[: m.start()]
    return head[: ends[-1]] if ends else head


def _cue(kind: str) -> re.Pattern[str]:
    return cues().patterns[kind]


def _sub_heading(line: str) -> str:
    m = _SUB_END.search(line)
    head = line[: m.start()] if m else line
    return head[:_SUB_MAX]


def _classify(heading: str, year: int | None) -> SectionKind | None:
    """What a top-level part is from its heading; None when the heading does not say."""
    h = heading.replace(" ", "")
    if _OTHER.search(h):
        return "other"
    years = [int(y) for y in _HEADING_YEAR.findall(h)]
    if year and year - 1 in years and _REVIEW.search(h):
        return "review"  # `一、2020年和“十三五”时期工作回顾`
    if _PLANNING.search(h):
        return "plan" if year and year in years else "other"  # `“十四五”目标和2021年重点工作`
    if _REVIEW.search(h) or (year and year - 1 in years):
        return "review"
    if _PLAN.search(h) or (year and year in years):
        return "plan"
    return None


def _paragraph_marks(text: str, year: int | None) -> list[_Mark]:
    """Fallback for reports without top-level headings: the review starts at the first paragraph or
    sentence on last year (`过去一年…`, `2023年，…`), the plan at the one with the main targets or this
    year's general requirements. Sentences count as well as lines: a text scraped into one long line
    has no paragraphs to go by."""
    review = plan = None
    last_year = f"{year - 1}年" if year else None
    for pos, raw in _sentences(text):
        line = raw.strip()
        if plan is None and _PARA_PLAN.search(line):
            plan = pos + len(raw) - len(raw.lstrip())
        elif (
            review is None
            and plan is None
            and (_PARA_REVIEW.match(line) or (last_year and line.startswith(last_year)))
        ):
            review = pos + len(raw) - len(raw.lstrip())
    if review is None:
        review = _review_by_content(text, plan, year)
    marks = []
    if review is not None:
        marks.append(_Mark(review, "review", "工作回顾"))
    if plan is not None:
        marks.append(_Mark(plan, "plan", "工作安排"))
    return marks


def _review_by_content(text: str, plan: int | None, year: int | None) -> int | None:
    """Where the review starts in a text whose review opens with no heading and no opener (`各位代表：…
    2005年工作圆满完成，“十五”目标顺利实现…`, or a text scraped into one line): the first sentence before
    the plan that itself has words of last year's review (cue `content_review`, the year before the
    report year) and whose opening stretch reads as the review (`_content_kind`)."""
    review_words = _cue("content_review")
    last_year = f"{year - 1}年" if year else None
    stop = plan if plan is not None else len(text)
    for pos, raw in _sentences(text):
        if pos >= stop:
            break
        if not (review_words.search(raw) or (last_year and last_year in raw)):
            continue
        start = pos + len(raw) - len(raw.lstrip())
        if _content_kind(text, start, stop, year) == "review":
            return start
    return None


def _sentences(text: str):
    """(start, sentence) for each line, and each sentence of a line, in order."""
    for pos, line in _lines(text):
        start = 0
        for m in _SENTENCE_END.finditer(line):
            yield pos + start, line[start : m.end()]
            start = m.end()
        if start < len(line):
            yield pos + start, line[start:]
