"""Who issued a report and for which year: region slug, display name, report year.

Belongs here: reading the header of a normalised report (date line, title, the signatory's office)
and the file's path. The year in the text wins over the file name; a disagreement becomes a warning.
Does not belong: anything after the header (sections, commitments).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

_HEADER_LINES = 40  # the header lives in the first lines

_CN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")
_YEAR = r"((?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})"
_DAY = r"[\d〇○零一二三四五六七八九十]{1,3}"
# `——2024年3月5日在第十四届全国人民代表大会…`, `2025年1月14日在湖南省第十四届人民代表大会…`
_DATE_LINE = re.compile(rf"{_YEAR} ?年 ?({_DAY}) ?月 ?({_DAY}) ?日 ?在.{{0,40}}?(?:人民代表大会|人代会)")
# `2023年株洲市天元区政府工作报告`, `2025年湖南省政府工作报告`
_TITLE = re.compile(rf"{_YEAR} ?年.{{0,30}}?政府工作报告")
# `一、2024年工作回顾` opens the review of last year: the report is for the next year.
_REVIEW_HEADING = re.compile(rf"^[一二三四五六七八九十]+、{_YEAR}年(?:主要)?工作回顾", re.M)
_PATH_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")

_CJK = r"[\u4e00-\u9fff]"
_LEADER = r"(?:代理|代)?(?:省长|市长|区长|县长|州长|盟长|旗长|主席)"
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
_LEAD_IN = re.compile(r"^.*(?:会议上|大会上|会上|日在|在)")
_BARE_LEVEL = re.compile(r"^(?:本|全)?[省市区县州盟旗]人民政府$|^.?[省市区县州盟旗]$")


def region_slug(path: Path) -> str:
    """The folder a report sits in: `data/raw/hunan/2025.docx` -> `hunan`."""
    return Path(os.path.abspath(path)).parent.name


def header(text: str) -> str:
    return "\n".join(text.split("\n", _HEADER_LINES)[:_HEADER_LINES])


def text_year(text: str) -> int | None:
    """The year on the date line, else in the title, else one after the review heading's year."""
    head = header(text)
    for pattern, offset in ((_DATE_LINE, 0), (_TITLE, 0), (_REVIEW_HEADING, 1)):
        match = pattern.search(head)
        if match:
            return _cn_number(match.group(1)) + offset
    return None


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
    """`2024`, `二〇二四`, `十五`, `三十一` -> int (the forms that occur in dates)."""
    if digits.isdigit():
        return int(digits)
    if "十" not in digits:
        return int(digits.translate(_CN_DIGITS))
    tens, _, units = digits.partition("十")
    return int((tens or "一").translate(_CN_DIGITS)) * 10 + (int(units.translate(_CN_DIGITS)) if units else 0)


def path_year(path: Path) -> int | None:
    """`2024.txt` -> 2024; any lone 19xx/20xx in the file name otherwise."""
    match = _PATH_YEAR.search(Path(path).stem)
    return int(match.group(1)) if match else None


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
    """(report_year, year_from, warnings): the text wins; a different file-name year is reported."""
    in_text, in_path = text_year(text), path_year(path)
    warnings = []
    if in_text and in_path and in_text != in_path:
        warnings.append(
            f"{source}: year in text ({in_text}) differs from file name ({in_path}); using {in_text}"
        )
    if in_text:
        return in_text, "text", warnings
    if in_path:
        return in_path, "path", warnings
    return None, "", warnings
