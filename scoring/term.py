"""End levels from a multi-year review, used as last year's level when no one-year result exists.

A report that closes a term opens with a review of the whole term (`过去五年`, `“十三五”时期`); the
extractor marks its figures `span="multi-year"` and scoring sets them aside. One kind of them is still
last year's figure: the level reached at the end of the term (`比例从75%提高至100%`, `城镇化率达到65.2%`),
because the term ends with last year. Such a figure may stand in for a LEVEL target's one-year result
(a value to reach or hold, a ratio, a share, a rate) when the next report gives none. A term's changes
(`增长8%`, `年均`, `累计`, `比2017年增长`) are never used, nor a figure that names another year, and a
one-year result always wins (`scoring.compare` tries these only for targets left without one).
Words: scoring/data/rules.toml [term_level]. Pure functions on records.
"""

from __future__ import annotations

import re
from functools import cache

from extractors.records import Commitment
from scoring.config import section
from scoring.judge import direction, measure
from scoring.text import number_span
from scoring.units import parse_unit

YEAR = re.compile(r"(\d{4})\s*年")


@cache
def _words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    rules = section("term_level")
    return tuple(rules.get("end_verbs", [])), tuple(rules.get("aggregate_words", []))


def level_target(t: Commitment) -> bool:
    """A target that states a level to reach or hold: a % level (a ratio, a share, a rate: `measure`
    says level), or any figure whose verb sets a level (达到, 提高到, 保持在 …: rules.toml [direction]
    level). Not a count or amount to add (新增学位2500个, 完成投资500亿元): those are flows of the year."""
    if t.kind != "target" or t.value is None or t.comparator == "qualitative" or measure(t) != "level":
        return False
    return parse_unit(t.unit).family in ("percent", "permille") or direction(t) == "level"


def _head(r: Commitment) -> str:
    """The clause up to the record's figure (all of it when the figure is not found)."""
    clause = r.clause or ""
    span = number_span(clause, r.value)
    return clause[: span[0]] if span else clause


def term_level(r: Commitment) -> bool:
    """A multi-year review's figure that states the level reached at the end of the term, which is the
    end of last year: a level (`measure`) written with an end-level verb (提高至, 达到 …), with no word of
    a term aggregate (年均, 累计 …) before it and no year named other than last year."""
    if r.kind != "result" or r.span != "multi-year" or r.value is None or r.programme:
        return False
    if r.period_year != r.report_year - 1 or measure(r) != "level":
        return False
    verbs, aggregates = _words()
    verb = (r.verb or "").strip()
    if not verb or not any(verb == v or verb.endswith(v) for v in verbs):
        return False
    head = f"{r.indicator or ''}{_head(r)}"
    if any(w in head for w in aggregates):
        return False
    return all(int(y) == r.period_year for y in YEAR.findall(_head(r)))


def term_note(r: Commitment) -> str:
    """The row's note: where the figure came from (Chinese first, English second)."""
    year = r.period_year
    return (f"实际值取自{r.report_year}年报告的多年回顾：任期末达到的水平即{year}年末的水平（该报告没有{year}年的单年数字）"
            f" The actual comes from the multi-year review of the {r.report_year} report: the level reached at "
            f"the end of the term is the level at the end of {year} (the report gives no one-year figure for {year})")
