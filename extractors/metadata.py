"""Who issued a report and for which year: region slug, display name, report year.

Belongs here: reading the header of a normalised report (date line, title, the signatory's office)
and the file's path. The year in the text wins over the file name; a disagreement becomes a warning.
Does not belong: anything after the header (sections, commitments).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from extractors.datafiles import read_csv

_HEADER_LINES = 40  # the header lives in the first lines

_CN_DIGITS = str.maketrans("〇○零OoＯ0０一二三四五六七八九", "00000000123456789")
# 2024, or four Chinese numerals in which zero may be written 〇, ○, 零, the letter O or the digit 0
# (二O一一, 二00三): at least one of the four is a Chinese numeral other than zero (a look-behind
# after the four, not a look-ahead before them: the scan then skips to a possible first character,
# ~25 % faster over a text's clues).
_YEAR = r"((?:19|20)\d{2}|[〇○零OoＯ0０一二三四五六七八九]{4}(?<![〇○零OoＯ0０]{4}))"
_DAY = r"[\d〇○零一二三四五六七八九十]{1,3}"
# `——2024年3月5日在第十四届全国人民代表大会…`, `2025年1月14日在湖南省第十四届人民代表大会…`
_DATE_LINE = re.compile(rf"{_YEAR} ?年 ?({_DAY}) ?月 ?({_DAY}) ?日\s{{0,3}}在.{{0,40}}?(?:人民代表大会|人代会)")
_PATH_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_TOP_HEADING = re.compile(r"^[一二三四五六七八九十]+ ?[、.．] ?", re.M)
_HEADING_CHARS = 40
_STRONG_CLUE = 10  # a date line or a title: two of them naming different years are worth a warning


@dataclass(frozen=True)
class YearClue:
    """One place where the text says which year it is for: the year it implies, how much it counts,
    its kind (date_line, title, review_heading …, see data/year_clues.csv) and the words themselves."""

    year: int
    weight: int
    kind: str
    words: str


@cache
def _clue_rules() -> tuple[tuple[str, str, int, int, re.Pattern[str]], ...]:
    rules = []
    for row in read_csv("year_clues.csv"):
        pattern = row["pattern"].replace("{Y}", _YEAR).replace("{D}", _DAY)
        rules.append((row["kind"], row["where"], int(row["weight"]), int(row["offset"]), re.compile(pattern, re.M)))
    return tuple(rules)


def _zones(text: str) -> dict[str, list[tuple[int, str]]]:
    """The parts of the text each clue looks in, as (offset, text) pieces."""
    head = header(text)
    starts = [m.start() for m in _TOP_HEADING.finditer(text)]
    headings = [(m.end(), text[m.end(): m.end() + _HEADING_CHARS].split("\n", 1)[0])
                for m in _TOP_HEADING.finditer(text)]
    review_end = starts[1] if len(starts) > 1 else len(text)
    review = text[starts[0]:review_end] if starts else ""
    later = text[review_end:] if starts else ""
    return {"header": [(0, head)], "heading": headings, "review": [(0, review)], "later": [(0, later)],
            "text": [(0, text)], "metadata": [(0, head)]}


def year_clues(text: str) -> list[YearClue]:
    """Every year clue of the text, in the order of data/year_clues.csv."""
    zones = _zones(text)
    clues = []
    for kind, where, weight, offset, pattern in _clue_rules():
        for _, piece in zones.get(where, ()):
            for match in pattern.finditer(piece):
                year = _cn_number(match.group(1))
                if 1949 <= year <= 2100:
                    clues.append(YearClue(year + offset, weight, kind, " ".join(match.group(0).split())[:60]))
    return clues


def decide_year(clues: list[YearClue]) -> tuple[int | None, list[YearClue]]:
    """(the year the clues agree on, the clues for it); None when they are too weak or disagree.

    The year with the highest total weight wins when it has at least 2 and at least twice the next.
    """
    totals: dict[int, int] = {}
    for clue in clues:
        if clue.weight > 0:
            totals[clue.year] = totals.get(clue.year, 0) + clue.weight
    if not totals:
        return None, []
    ranked = sorted(totals.items(), key=lambda kv: -kv[1])
    best, score = ranked[0]
    runner = ranked[1][1] if len(ranked) > 1 else 0
    if score < 2 or score < 2 * runner:
        return None, [c for c in clues if c.weight > 0]
    return best, [c for c in clues if c.year == best and c.weight > 0]


def region_slug(path: Path) -> str:
    """The folder a report sits in: `data/raw/hunan/2025.docx` -> `hunan`."""
    return Path(os.path.abspath(path)).parent.name


def header(text: str) -> str:
    return "\n".join(text.split("\n", _HEADER_LINES)[:_HEADER_LINES])


def text_year(text: str) -> int | None:
    """The year the report's own words give (date line, title, headings, sentences): see decide_year."""
    return decide_year(year_clues(text))[0]


def delivery_date(text: str) -> str | None:
    """The date on the date line as ISO `YYYY-MM-DD` (`——2024年3月5日在…` -> 2024-03-05), if any."""
    match = _DATE_LINE.search(header(text))
    if not match:
        return None
    year, month, day = (_cn_number(group) for group in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _cn_number(digits: str) -> int:
    """`2024`, `二〇二四`, `二O一一`, `十五`, `三十一` -> int (the forms that occur in dates)."""
    if digits.isdigit() and digits.isascii():
        return int(digits)
    if "十" not in digits:
        return int(digits.translate(_CN_DIGITS))
    tens, _, units = digits.partition("十")
    return int((tens or "一").translate(_CN_DIGITS)) * 10 + (int(units.translate(_CN_DIGITS)) if units else 0)


def path_year(path: Path) -> int | None:
    """`2024.txt` -> 2024; any lone 19xx/20xx in the file name otherwise."""
    match = _PATH_YEAR.search(Path(path).stem)
    return int(match.group(1)) if match else None


_CJK = r"[\u4e00-\u9fff]"
_LEADER = r"(?:代理|代|常务副|副)?(?:省长|市长|区长|县长|州长|盟长|旗长|主席)"  # a deputy may deliver it
_GOV_WITH_LEADER = re.compile(rf"({_CJK}{{2,24}}?人民政府){_LEADER}")
_REPRESENTING = re.compile(rf"我代表({_CJK}{{2,24}}?人民政府)")
_PLACE_WITH_LEADER = re.compile(rf"({_CJK}{{2,24}}?[省市区县州盟旗]){_LEADER}")
_TITLE_PLACE = re.compile(rf"(?:\d{{4}}年)?({_CJK}{{2,24}}?[省市区县州盟旗])(?:人民)?政府工作报告")
_MEETING_PLACE = re.compile(rf"在({_CJK}{{2,24}}?)第[一二三四五六七八九十\d]+届人民代表大会")
_STATE_COUNCIL = re.compile(r"国务院总理|我代表国务院")
# Where each name pattern can match: its fixed part, and how far before it the match can start at most.
# Searching for these first skips the header prefix where the pattern (a CJK run, tried at every
# character) cannot match: ~1 ms a report otherwise, as the header is 40 paragraphs.
_LEADER_WORD = re.compile(r"省长|市长|区长|县长|州长|盟长|旗长|主席")
_ANCHORS = {
    _GOV_WITH_LEADER: (re.compile(rf"人民政府{_LEADER}"), 24),
    _PLACE_WITH_LEADER: (_LEADER_WORD, 27),  # 25 characters of place, then 代理
    _TITLE_PLACE: (re.compile("政府工作报告"), 32),  # 2024年 + 25 characters of place + 人民
}
# Text that a lazy match may drag in front of the place name: `…会议上北京市市长`.
_LEAD_IN = re.compile(r"^.*(?:会议上|大会上|会上|日在|在)|^日")  # `…1月5日昭通市政府工作报告`
# `市人民政府`, `县九届人民政府`, `第二届市人民政府` (the level and its term, no place name), `本市`
_BARE_LEVEL = re.compile(
    r"^(?:本|全)?(?:第?[一二三四五六七八九十]+届)?[省市区县州盟旗](?:第?[一二三四五六七八九十]+届)?人民政府$|^.?[省市区县州盟旗]$"
)


def display_name(text: str) -> str | None:
    """The issuing government as the header names it: 株洲市天元区人民政府, 国务院, 北京市人民政府."""
    head = header(text)
    for pattern in (_GOV_WITH_LEADER, _REPRESENTING):
        for match in _matches(pattern, head):
            name = _trim(match.group(1))
            if name:
                return name
    if _STATE_COUNCIL.search(head):
        return "国务院"
    for pattern in (_PLACE_WITH_LEADER, _TITLE_PLACE, _MEETING_PLACE):
        for match in _matches(pattern, head):
            place = _trim(match.group(1))
            if place:
                return place if place.endswith("人民政府") else f"{place}人民政府"
    return None


def _matches(pattern: re.Pattern[str], head: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(head)`, started where its first match can start at the earliest."""
    if pattern not in _ANCHORS:
        return pattern.finditer(head)
    anchor, lead = _ANCHORS[pattern]
    found = anchor.search(head)
    return pattern.finditer(head, max(found.start() - lead, 0)) if found else iter(())


def _trim(name: str) -> str | None:
    name = _LEAD_IN.sub("", name)
    if len(name) < 2 or _BARE_LEVEL.match(name):
        return None
    return name


def resolve_year(text: str, path: Path, source: str) -> tuple[int | None, str, list[str]]:
    """(report_year, year_from, warnings): the text's own words win; a file name that says another
    year is reported as a warning. A scraper's `年份：` field never decides (it is wrong on some
    scraped series) and is not warned about on every run; `duixian add` shows it in its evidence."""
    clues = year_clues(text)
    in_text, in_path = decide_year(clues)[0], path_year(path)
    warnings = []
    strong = sorted({c.year for c in clues if c.weight >= _STRONG_CLUE})
    if in_text and len(strong) > 1:
        said = "; ".join(sorted({f"{c.kind} {c.year} ({c.words})" for c in clues if c.weight >= _STRONG_CLUE}))
        warnings.append(f"{source}: the header names more than one year ({said}); using {in_text}")
    if in_text and in_path and in_text != in_path:
        warnings.append(
            f"{source}: year in text ({in_text}) differs from file name ({in_path}); using {in_text}"
        )
    if in_text:
        return in_text, "text", warnings
    if in_path:
        return in_path, "path", warnings
    return None, "", warnings
