"""Find a record's figure in its clause and quote the target as written (`5.5%左右`, `1100万人以上`).

Why: readers want the target in the report's own words, qualifier included; the record keeps value,
unit and comparator apart. Qualifier words come from scoring/data/rules.toml [text].
"""

from __future__ import annotations

import re

from extractors.records import Commitment
from scoring.config import section

NUMBER = re.compile(r"\d+(?:\s*\.\s*\d+)?")
FALLBACK_WORD = {"approx": "左右", "min": "以上", "max": "以内"}


def _as_float(token: str) -> float | None:
    try:
        return float(re.sub(r"\s+", "", token))
    except ValueError:
        return None


def number_span(text: str, value: float | None, after: int = 0) -> tuple[int, int] | None:
    """Span of the first number in `text[after:]` equal to `value`."""
    if value is None:
        return None
    for m in NUMBER.finditer(text, after):
        num = _as_float(m.group())
        if num is not None and abs(num - value) < 1e-9:
            return m.start(), m.end()
    return None


def _skip_unit(text: str, pos: int, unit: str | None) -> int:
    """Position after the unit written at `pos` (spaces allowed, ％ accepted for %)."""
    if not unit:
        return pos
    i, k, infix = pos, 0, False
    while i < len(text) and k < len(unit):
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch == unit[k] or (ch == "％" and unit[k] == "%"):
            i, k = i + 1, k + 1
            continue
        if ch in "余多" and not infix:
            i, infix = i + 1, True  # `5000多亿元`, `100余家`: 多/余 written inside the unit
            continue
        return pos
    return i if k == len(unit) else pos


def _with_qualifiers(text: str, start: int, end: int) -> tuple[int, int]:
    words = section("text")
    head = text[:start].rstrip()
    for word in sorted(words.get("prefix_qualifiers", []), key=len, reverse=True):
        if head.endswith(word):
            start = len(head) - len(word)
            break
    tail = text[end:]
    stripped = tail.lstrip()
    for word in sorted(words.get("suffix_qualifiers", []), key=len, reverse=True):
        if stripped.startswith(word):
            end += len(tail) - len(stripped) + len(word)
            break
    return start, end


def fmt_number(value: float) -> str:
    """1100.0 → '1100', 5.5 → '5.5'."""
    return f"{value:.10g}"


def fallback_text(c: Commitment) -> str:
    """The target rebuilt from value, unit and comparator when the clause does not show it."""
    if c.value is None:
        return c.clause
    unit = c.unit or ""
    if c.comparator == "range" and c.value_high is not None:
        return f"{fmt_number(c.value)}{unit}—{fmt_number(c.value_high)}{unit}"
    return f"{fmt_number(c.value)}{unit}{FALLBACK_WORD.get(c.comparator, '')}"


def target_text(c: Commitment) -> str:
    """The target as written with its qualifier; the clause itself when it has no number."""
    if c.value is None:
        return c.clause
    text = c.clause or ""
    span = number_span(text, c.value)
    if span is None:
        return fallback_text(c)
    start, end = span
    end = _skip_unit(text, end, c.unit)
    if c.comparator == "range" and c.value_high is not None:
        high = number_span(text, c.value_high, end)
        if high is None or high[0] - end > 3:
            return fallback_text(c)
        end = _skip_unit(text, high[1], c.unit)
    start, end = _with_qualifiers(text, start, end)
    return re.sub(r"\s+", "", text[start:end])


def text_before_figure(c: Commitment) -> str:
    """The words leading to the record's figure within its phrase (`单位GDP能耗降幅超过`)."""
    text = c.clause or ""
    span = number_span(text, c.value)
    cut = span[0] if span else (m.start() if (m := re.search(r"\d", text)) else len(text))
    head = text[:cut]
    return re.split(r"[，,；;。、：:]", head)[-1]
