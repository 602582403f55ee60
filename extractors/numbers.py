"""Find quantities (number + unit) in normalised report text and read their values.

Belongs here: the lexical shape of a quantity: Arabic or Chinese numerals (`三十万亩`, `百分之五`),
ranges (`5.0%—5.5%`), 余/多 (`100余家`), the unit with its multiplier as written (`1.3万亿斤` ->
value 1.3, unit 万亿斤, value_base 1.3e12, unit_base 斤) and a qualifier written right after the unit
(左右, 以上, 以内 …). Units live in `data/units.csv`, qualifiers in `data/qualifiers.csv`.
Does not belong: what a quantity means in its sentence (indicator, verb, target or result, names and
rankings): that is `commitments`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from extractors.datafiles import read_csv

_CN_DIGIT = "零〇一二两三四五六七八九"
_CN_NUMERAL = f"[{_CN_DIGIT}十百千]"
_NUM = r"\d+(?:,\d{3})*(?: ?\. ?\d+)?"
# `三十`, `一千二百`, `三万五千` (a 万/亿 inside the number only when numerals follow it and no
# multiplier comes after: `三万亩` is 三 + 万亩), `九点四`.
_CN = (
    rf"[{_CN_DIGIT}十]{_CN_NUMERAL}*(?:(?:亿{_CN_NUMERAL}++(?:万{_CN_NUMERAL}*+)?|万{_CN_NUMERAL}++)(?![万亿]))?"
    rf"(?:点[{_CN_DIGIT}]+)?"
)
_INFIX = "余多"
_BARE_ITEM = re.compile(r"\d+(?:\.\d+)?、(?=\d)")  # `12、` of `12、8、5个`
_DIGIT_OR_POINT = frozenset("0123456789.")
_MINUS = frozenset("-－−")  # a minus sign right before a growth rate: `增长-39.7%`
_SIGNED_AFTER = re.compile(r"(?:增长|增速|增幅|增长率)\s*$")
_GROUPS = ("pct", "per", "pctnum", "pctnum2", "pctpost", "num", "infix", "unit1", "num2", "unit", "post")
_PCT = "[零〇一二两三四五六七八九十百点]+"
_CLAUSE_END = frozenset("，。；、：,.;:！？!?）)\n")


@dataclass(frozen=True, slots=True)
class Unit:
    """One unit word from units.csv."""

    word: str
    family: str
    multiplier: float


@dataclass(slots=True)
class Quantity:
    """A number with its unit, as found in the text (offsets into the text searched)."""

    start: int  # first character of the number
    end: int  # after the unit and any post-qualifier
    unit_end: int  # after the unit (before the post-qualifier)
    value: float
    value_high: float | None  # upper end of a range
    unit: str  # as written, without spaces and without 余/多 (`万亿斤`, `%`, `万平米`)
    unit_base: str  # the unit without its multiplier (`斤`); "" for a bare 万/亿
    multiplier: float
    family: str  # percent, count, money, weight, area …; "count" for a bare multiplier
    post: str | None  # qualifier written after the unit (左右, 以上 …)
    infix: str | None  # 余 or 多 between number and unit
    chinese: bool  # written in Chinese numerals
    lookalike: bool = False  # letters scanned in place of digits (`l3.6`): the clause shows them as written

    @property
    def value_base(self) -> float:
        return self.value * self.multiplier


@dataclass(frozen=True)
class _Tables:
    regex: re.Pattern[str]
    multipliers: dict[str, float]
    bases: dict[str, Unit]
    split: re.Pattern[str]
    candidate: re.Pattern[str]  # where a quantity may start: digits, or Chinese numerals before a unit
    lone_cn: frozenset[str]  # units.csv `lone_cn`: counters a lone 两…九 may count when they end the clause
    parts: dict[str, tuple[str, str, float, str, str | None]]  # cache of _unit_parts


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    multipliers: dict[str, float] = {}
    bases: dict[str, Unit] = {}
    base_alts: list[tuple[str, str]] = []
    lone_cn = frozenset(r["unit"] for r in read_csv("units.csv") if r.get("lone_cn") == "y")
    for row in read_csv("units.csv"):
        word = row["unit"]
        if row["kind"] == "multiplier":
            multipliers[word] = float(row["multiplier"])
        else:
            bases[word] = Unit(word, row["family"], float(row["multiplier"] or 1))
            guard = f"(?![{re.escape(row['not_before'])}])" if row.get("not_before") else ""
            base_alts.append((word, re.escape(word) + guard))
    mult = "|".join(re.escape(m) for m in sorted(multipliers, key=len, reverse=True))
    base = "|".join(alt for _, alt in sorted(base_alts, key=lambda p: len(p[0]), reverse=True))
    per = r"(?:/(?:月|年|人|亩|吨|天|户|平方米|立方米|千瓦时))?"
    unit = rf"(?:(?:{mult})[{_INFIX}]?(?:{base})?|(?:{base})){per}"
    posts = [r["word"] for r in read_csv("qualifiers.csv") if r["position"] == "after"]
    post = "|".join(sorted(map(re.escape, posts), key=len, reverse=True))
    look = re.escape("".join(chr(c) for c in _lookalikes()))
    # a number with letters scanned in place of digits (`l3.6`, `1O`): at least one real digit and one letter
    ocr = rf"(?=[{look}\d.]*\d)(?=[\d.]*[{look}])[{look}\d]+(?:\.[{look}\d]+)?"
    num = rf"(?:{_NUM}|{ocr}|{_CN})"
    firsts = "".join(sorted({w[0] for w in [*multipliers, *bases]} | set(_INFIX) | set("—–－-~～至到 ")))
    ahead = rf"(?=[{re.escape(firsts)}])"  # fail fast on the many numbers (and 一, 二 …) with no unit
    pattern = (
        rf"(?P<pct>(?P<per>[百千])分之(?P<pctnum>{_PCT})(?: ?[—–－\-~～至到] ?(?:(?P=per)分之)?(?P<pctnum2>{_PCT}))?)"
        rf"(?: ?(?P<pctpost>{post}))?"
        rf"|(?<![\d.A-Za-z+×/＋])(?P<num>{num}){ahead}(?P<infix>[{_INFIX}])?"
        rf"(?: ?(?P<unit1>{unit})? ?[—–－\-~～至到] ?(?P<num2>{num})[{_INFIX}]?)?"
        rf" ?(?P<unit>{unit})(?![A-Za-z\d级])"
        rf"(?: ?(?P<post>{post}))?"
    )
    split = re.compile(rf"(?P<mult>{mult})?[{_INFIX}]?(?P<base>.*)")
    cn_next = re.escape("".join(sorted(set(firsts) | set("百千万亿点"))))
    # `百分之|\d+|[CN]+(?=[next])`, written to open with one character class: the regex engine then
    # skips the (many) characters outside it in C, instead of trying three branches at each. The class
    # lists the digits rather than testing \d (a Unicode category lookup per character); the branches
    # test the real thing again, and any character beyond the BMP passes the class (rare, and checked there).
    cn = "[零〇一二两三四五六七八九十]"
    first = f"[百千{_bmp_digits()}\U00010000-\U0010ffff零〇一二两三四五六七八九十{look}]"
    candidate = re.compile(
        rf"{first}(?:(?<=[百千])分之|(?<=\d)\d*|(?<={cn}){cn}*(?=[{cn_next}])|(?<=[{look}])(?=[{look}\d.]*\d))"
    )
    return _Tables(re.compile(pattern), multipliers, bases, split, candidate, lone_cn, {})


def _bmp_digits() -> str:
    """Every character below U+10000 that `\\d` matches, as a regex class body (`0-9٠-٩…`)."""
    digits = re.findall(r"\d", "".join(map(chr, range(0x10000))))
    ranges: list[list[int]] = []
    for cp in map(ord, digits):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


@lru_cache(maxsize=1)
def _cn2an():
    """cn2an's converter, imported on first use (the import costs ~0.1 s)."""
    import cn2an

    return cn2an.cn2an


def parse_cn_number(text: str) -> float:
    """`三十` -> 30, `一百二十` -> 120, `两千` -> 2000, `二点五` -> 2.5, `十` -> 10, `百` -> 100 (cn2an).
    Raises ValueError for a run of numerals that is not one number (`十二三`)."""
    if text[:1] in "百千":
        text = "一" + text  # `百分之百`: cn2an wants the leading 一
    return float(_cn2an()(text, "normal"))


@lru_cache(maxsize=1)
def _lookalikes() -> dict[int, str]:
    """data/lookalikes.csv as a str.translate table: letters scanned in place of digits (l -> 1, O -> 0)."""
    return {ord(r["letter"]): r["digit"] for r in read_csv("lookalikes.csv")}


def parse_number(text: str) -> float:
    """An Arabic (`3. 1`, `1,200`, `５`, OCR'd `l3.6`, `1O`) or Chinese numeral as a float."""
    compact = text.replace(" ", "").replace(",", "").translate(_lookalikes())
    if compact[:1].isdigit():
        return float(compact)
    return parse_cn_number(compact)


def _is_cn(num: str) -> bool:
    return num[:1] in _CN_DIGIT or num[:1] == "十"


def _cn_ok(num: str, unit: str, tables: _Tables, after: str) -> bool:
    """Chinese numerals are trusted only where they cannot be part of a word: `三十万亩`, `两万人`.
    A lone 一…九 before a counter (`两次`, `三项`, `五个一工程`) is too often idiom or a name, except when
    it ends its clause after a concrete counter (`新建幼儿园三所。`, `区域医疗中心两个；`)."""
    if not _is_cn(num):
        return True
    if len(num) >= 2 or num == "十":
        return True
    if any(unit.startswith(m) for m in tables.multipliers):
        return True
    return unit in tables.lone_cn and (not after or after in _CLAUSE_END)


def _unit_parts(unit: str, tables: _Tables) -> tuple[str, str, float, str, str | None]:
    """(unit as written, base, multiplier, family, infix) for a matched unit string."""
    cached = tables.parts.get(unit)
    if cached is None:
        cached = tables.parts[unit] = _read_unit(unit, tables)
    return cached


def _read_unit(unit: str, tables: _Tables) -> tuple[str, str, float, str, str | None]:
    compact = unit.replace(" ", "").replace("％", "%")
    m = tables.split.fullmatch(compact)
    mult = (m and m.group("mult")) or ""
    base = (m and m.group("base")) or ""
    infix = None
    if mult and len(compact) > len(mult) and compact[len(mult)] in _INFIX:
        infix = compact[len(mult)]
        compact = mult + base
    if base in tables.bases:
        family = tables.bases[base].family
    else:
        family = "rate" if "/" in base else "count"
    return compact, base, tables.multipliers.get(mult, 1.0), family, infix


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every quantity in text[start:end], left to right (offsets into `text`). Candidates (runs of
    digits or Chinese numerals) are found first and the full pattern is tried only there: several
    times faster than scanning every character with the full pattern."""
    tables = _tables()
    stop = len(text) if end is None else end
    out: list[Quantity] = []
    pos = start
    listed: list[re.Match[str]] = []  # bare numbers listed right before a quantity: `1.2、0.8个百分点`
    match, bare_item = tables.regex.match, _BARE_ITEM.match
    for cand in tables.candidate.finditer(text, start, stop):
        at = cand.start()
        if at < pos:
            continue
        m = match(text, at, stop)
        if m is None:
            bare = bare_item(text, at, stop) if text[at - 1 : at] not in _DIGIT_OR_POINT else None
            listed = [*listed, bare] if bare and (not listed or listed[-1].end() == bare.start()) else []
            pos = bare.end() if bare else pos
            continue
        q = _quantity(m, tables)
        if q is not None and q.family == "percent" and text[q.start - 1 : q.start] in _MINUS:
            q = _signed(text, q)
        if q is not None:
            if listed and listed[-1].end() == q.start and not q.chinese and q.value_high is None:
                out.extend(_listed(b, q) for b in listed)
            out.append(q)
            pos = m.end()
        listed = []
    return out


def _signed(text: str, q: Quantity) -> Quantity:
    """`增长-39.7%`: a growth rate written with a minus sign is negative (the sign is part of the figure)."""
    if not _SIGNED_AFTER.search(text, max(q.start - 8, 0), q.start - 1):
        return q
    high = -q.value_high if q.value_high is not None else None
    return replace(q, start=q.start - 1, value=-q.value, value_high=high)


def _listed(bare: re.Match[str], q: Quantity) -> Quantity:
    """A bare number of a list that shares the unit of the quantity ending the list."""
    end = bare.end() - 1  # before the 、
    value = float(bare.group()[:-1])
    return Quantity(
        bare.start(), end, end, value, None, q.unit, q.unit_base, q.multiplier, q.family, None, None, False
    )


def _quantity(m: re.Match[str], tables: _Tables) -> Quantity | None:
    pct, per, pctnum, pctnum2, pctpost, num, infix_at, unit1, num2, unit, post = m.group(*_GROUPS)  # one call
    try:
        if pct:
            return _percent_words(m, per, pctnum, pctnum2, pctpost)
        return _figure(m, tables, num, infix_at, unit1, num2, unit, post)
    except ValueError:
        return None  # a run of numerals that is not one number (`十二三`)


def _percent_words(m: re.Match[str], per: str, pctnum: str, pctnum2: str | None, post: str | None) -> Quantity:
    """`百分之九点四`, `百分之五以内`, `百分之七到百分之八`, `千分之七` (‰)."""
    high = parse_cn_number(pctnum2) if pctnum2 else None
    unit, family = ("%", "percent") if per == "百" else ("‰", "permille")
    return Quantity(m.start(), m.end(), m.end("pct"), parse_cn_number(pctnum), high, unit, unit, 1.0, family,
                    post, None, True)


def _figure(m: re.Match[str], tables: _Tables, num: str, infix_at: str | None, unit1: str | None,
            num2: str | None, unit: str, post: str | None) -> Quantity | None:
    end = m.end()
    if not _cn_ok(num, unit, tables, m.string[end : end + 1]):
        return None
    written, base, mult, family, infix = _unit_parts(unit, tables)
    high = None
    if num2:
        if unit1 and unit1.replace(" ", "") != written:
            return None  # `3个月-5年`: not one range
        high = parse_number(num2)
    return Quantity(
        start=m.start("num"),
        end=end,
        unit_end=m.end("unit"),
        value=parse_number(num),
        value_high=high,
        unit=written,
        unit_base=base,
        multiplier=mult,
        family=family,
        post=post,
        infix=infix_at or infix,
        chinese=_is_cn(num),
        lookalike=any(ord(c) in _lookalikes() for c in num),
    )
