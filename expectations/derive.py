"""Helper columns computed in pandas before validation, so each rule is one plain GX expectation.

Why: GX compares a column with a constant; rules such as "period_year = report_year − 1 for results"
or "the clause contains its value" relate two columns, so we compute the relation here
(`period_offset`, `clause_shows_value`) and let the suite state the expected values. What belongs
here: pure pandas on one table. What does not: thresholds and vocabularies (those are the suites'
data) and anything importing great_expectations.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from extractors.numbers import find_quantities

# The project's unit tables: what the extractor can read and what scoring can compare. A unit is
# known when either table lists it (an analyst who adds a unit there need not touch this package).
ROOT = Path(__file__).resolve().parents[1]
UNIT_TABLES = (ROOT / "extractors" / "data" / "units.csv", ROOT / "scoring" / "data" / "units.csv")
# What may follow the slash of a rate (`740元/月`, `3000元/亩`) besides a known unit.
DENOMINATORS_CSV = Path(__file__).resolve().parent / "data" / "rate_denominators.csv"
HEADLINE_KEY = ["region", "period_year", "kind", "canonical", "unit_stem"]

_DIGITS = "零一二三四五六七八九"
_SEPARATORS = re.compile(r"\s+|(?<=\d),(?=\d{3})")


@cache
def unit_table() -> tuple[frozenset[str], tuple[str, ...]]:
    """(known units, multiplier prefixes longest first). A bare multiplier (`3500万`) is a known unit."""
    units: set[str] = set()
    multipliers: set[str] = set()
    for path in UNIT_TABLES:
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                is_multiplier = "multiplier" in (row.get("kind"), row.get("family"))
                (multipliers if is_multiplier else units).add(row["unit"])
    return frozenset(units | multipliers), tuple(sorted(multipliers, key=len, reverse=True))


@cache
def denominators() -> frozenset[str]:
    with DENOMINATORS_CSV.open(encoding="utf-8") as fh:
        return frozenset(row["denominator"] for row in csv.DictReader(fh))


def unit_stem(unit: object) -> str | None:
    """The known unit under a multiplier: `万亿斤` → `斤`, `千瓦` → `千瓦`, `%` → `%`; a rate gives its
    numerator's (`元/月` → `元`, when `月` is a known unit or denominator). An unknown unit comes
    back as written; None stays None."""
    if not isinstance(unit, str) or not unit:
        return None
    units, multipliers = unit_table()
    if unit in units:
        return unit
    for prefix in multipliers:
        if unit.startswith(prefix) and unit[len(prefix) :] in units:
            return unit[len(prefix) :]
    top, slash, bottom = unit.partition("/")
    if slash and top and (bottom in denominators() or unit_stem(bottom) in units):
        stem = unit_stem(top)
        return stem if stem in units else unit
    return unit


def chinese_numeral(n: int) -> list[str]:
    """Readings of a whole number below 100 000 in Chinese numerals: 12 → 十二, 一十二; 2000 → 二千, 两千."""
    if not 0 < n < 100_000:
        return []
    out, zero = "", False
    for power, name in ((10_000, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, power)
        if digit:
            out += ("零" if zero and out else "") + _DIGITS[digit] + name
            zero = False
        elif out:
            zero = True
    forms = {out}
    if out.startswith("一十"):
        forms.add(out[1:])
    if out == "二" or (out.startswith("二") and out[1] in "百千万"):
        forms.add("两" + out[1:])  # 两个, 两千, 两万
    return sorted(forms)


@lru_cache(maxsize=65536)
def number_forms(value: float) -> tuple[str, tuple[str, ...]]:
    """How `value` may be written: its digits (`5`, `-0.5`, `1200`; see `shows_digits`) and its
    Chinese-numeral readings (30 → 三十)."""
    text = np.format_float_positional(value, trim="-")
    words = tuple(chinese_numeral(int(value))) if value == int(value) else ()
    return text, words


def _ends_number(text: str, i: int) -> bool:
    """Nothing at text[i] continues a number: no digit, no `.` followed by a digit."""
    if i >= len(text):
        return True
    char = text[i]
    return not (char.isdecimal() or (char == "." and i + 1 < len(text) and text[i + 1].isdecimal()))


def shows_digits(text: str, digits: str) -> bool:
    r"""`digits` stands in `text` as a whole number: 5 in `5%` or `5.0%`, not in `2025`, `15` or `5.5`.
    The same test as the regex `(?<![\d.])<digits>(?:\.0+)?(?!\d|\.\d)`, written with str.find: a
    pattern compiled per distinct value cost more than the whole check (13 000 values at 3 000 reports).
    `isdecimal` is the regex's `\d` (Unicode category Nd)."""
    start = text.find(digits)
    while start >= 0:
        before = text[start - 1] if start else ""
        if not (before.isdecimal() or before == "."):
            end = start + len(digits)
            if text.startswith(".0", end):  # `5.0`, `5.00`: only all the zeros may follow
                end += 2
                while end < len(text) and text[end] == "0":
                    end += 1
            if _ends_number(text, end):
                return True
        start = text.find(digits, start + 1)
    return False


def clause_shows_value(clause: object, value: object) -> bool:
    """True when the clause (spaces and thousands separators removed) contains the value; True when no value."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return True
    if not isinstance(clause, str):
        return False
    compact = _SEPARATORS.sub("", clause)
    digits, words = number_forms(float(value))
    return shows_digits(compact, digits) or any(w in compact for w in words) or _reads_value(compact, value)


def _reads_value(compact: str, value: float) -> bool:
    """The clause's figures as the extractor reads them: `百分之九点四` is 9.4, a scanned `l3.6％` is 13.6."""
    return any(
        abs(q.value - value) < 1e-9 or (q.value_high is not None and abs(q.value_high - value) < 1e-9)
        for q in find_quantities(compact)
    )


def _per_source_count(df: pd.DataFrame, kind: str) -> pd.Series:
    counts = df["kind"].eq(kind).groupby(df["source"], dropna=False).transform("sum")
    return counts.astype("int64")


def programme_items(df: pd.DataFrame) -> pd.Series:
    """For a programme row (kind `programme`): the items found in its report (targets of the same
    source with that `programme`); 0 for every other row."""
    found = pd.Series(0, index=df.index, dtype="int64")
    if "programme" not in df.columns:
        return found
    is_prog = df["kind"].eq("programme")
    if not is_prog.any():
        return found
    items = df.loc[df["kind"].eq("target") & df["programme"].notna()]
    counts = items.groupby(["source", "programme"]).size()
    for i, row in df.loc[is_prog, ["source", "programme"]].iterrows():
        found.loc[i] = int(counts.get((row["source"], row["programme"]), 0))
    return found


def programme_count_gap(df: pd.DataFrame) -> pd.Series:
    """For a programme row that states its count N: N minus the items found (`programme_items`);
    0 for every other row."""
    gap = pd.Series(0, index=df.index, dtype="int64")
    if "programme" not in df.columns:
        return gap
    is_prog = df["kind"].eq("programme") & df["value"].notna()
    if is_prog.any():
        values = pd.to_numeric(df.loc[is_prog, "value"]).astype("int64")
        gap.loc[is_prog] = values - programme_items(df).loc[is_prog]
    return gap


def unit_stems(units: pd.Series) -> pd.Series:
    """unit_stem of each value, computed once per distinct unit (a table has tens of units, not 240 000)."""
    codes, uniques = pd.factorize(units)  # a missing unit gets code -1: the last entry, None
    stems = np.array([unit_stem(u) for u in uniques] + [None], dtype=object)
    return pd.Series(stems[codes], index=units.index, dtype=object)


def headline_repeat(df: pd.DataFrame) -> pd.Series:
    """0 for the first statement of a headline indicator (region, year, kind, canonical, unit) in
    text order, 1, 2 … for later ones; 0 for every other row. A report states its headline figures
    first (the 主要预期目标 sentence, the review's opening); a later row with the same key is a
    sub-indicator (园区规模工业增加值) or a misread alias (对全球经济增长的贡献率)."""
    repeat = pd.Series(0, index=df.index, dtype="int64")
    mask = df["headline"].fillna(False).astype(bool) & df["canonical"].notna() & df["span"].isna()
    if mask.any():
        ordered = df.loc[mask, ["source", "start", *HEADLINE_KEY]].sort_values(
            ["source", "start"], kind="stable"
        )
        repeat.loc[ordered.index] = ordered.groupby(HEADLINE_KEY, dropna=False, sort=False).cumcount()
    return repeat


def commitments(df: pd.DataFrame) -> pd.DataFrame:
    """The helper columns of a commitments table (same index; `df`'s index must be unique): period_offset,
    clause_shows_value, unit_stem, headline_repeat, source_targets, source_results, programme_items,
    programme_count_gap, and `headline`, `span` and `assessment` when `df` lacks them (e.g. a frame read
    back from the CSV). `df` itself is neither copied
    nor changed: at 240 000 rows a copy of the table was ~150 MB."""
    out = pd.DataFrame(index=df.index)
    for extra, default in (("headline", False), ("span", None), ("assessment", None)):
        if extra not in df.columns:
            out[extra] = default
    out["period_offset"] = pd.to_numeric(df["report_year"]) - pd.to_numeric(df["period_year"])
    out["clause_shows_value"] = [
        clause_shows_value(c, v) for c, v in zip(df["clause"].tolist(), df["value"].tolist(), strict=True)
    ]
    out["unit_stem"] = unit_stems(df["unit"])
    keys = ["source", "start", "headline", "span", *HEADLINE_KEY]
    both = pd.concat([df[[c for c in keys if c in df.columns and c not in out.columns]], out], axis=1)
    out["headline_repeat"] = headline_repeat(both)
    out["source_targets"] = _per_source_count(df, "target")
    out["source_results"] = _per_source_count(df, "result")
    out["programme_items"] = programme_items(df)
    out["programme_count_gap"] = programme_count_gap(df)
    return out


def scorecard(df: pd.DataFrame) -> pd.DataFrame:
    """The helper columns of a scorecard table (same index): target_unit_stem and actual_unit_stem."""
    out = pd.DataFrame(index=df.index)
    for col in ("target_unit", "actual_unit"):
        out[f"{col}_stem"] = unit_stems(df[col])
    return out


# The columns each deriver reads and the helper columns it adds (besides `headline` and `span` when
# missing): what a caller must put in the frame (expectations.validate.frame_columns).
INPUTS: dict[str, tuple[str, ...]] = {
    "commitments": (
        "report_year",
        "period_year",
        "clause",
        "value",
        "unit",
        "region",
        "kind",
        "canonical",
        "headline",
        "span",
        "source",
        "start",
        "programme",
    ),
    "scorecard": ("target_unit", "actual_unit"),
}
HELPERS: dict[str, tuple[str, ...]] = {
    "commitments": (
        "period_offset",
        "clause_shows_value",
        "unit_stem",
        "headline_repeat",
        "source_targets",
        "source_results",
        "programme_items",
        "programme_count_gap",
    ),
    "scorecard": ("target_unit_stem", "actual_unit_stem"),
}

DERIVERS: dict[str, Callable[[pd.DataFrame], pd.DataFrame]] = {
    "commitments": commitments,
    "scorecard": scorecard,
}
