"""Units as written (`万亿斤`, `万人`, `%`) → family, base unit and factor, for comparing figures.

Why: a target of `1.3万亿斤` and a result of `13700亿斤` are the same kind of quantity in different
multiples; `1100万人` and `1206万人` compare directly, but `%` never compares with `万元`. The table
(scoring/data/units.csv) holds base units and the 万/亿/万亿 multipliers; an analyst extends it.
A unit is parsed as [multiplier] + known unit (`万千瓦` = 万 × 千瓦; `千瓦` is itself a unit).
Counts compare only with the same measure word, except the generic `个` (any count but 人); a change
in 百分点 compares only with other 百分点 figures, never with a % level.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from scoring.config import DATA_DIR

UNITS_PATH = DATA_DIR / "units.csv"
GENERIC_COUNT = "个"


@dataclass(frozen=True)
class UnitInfo:
    """A parsed unit: family (percent, count, money …), base unit and factor to the base."""

    written: str | None
    family: str | None  # None: no unit at all; "other": not in the table
    base: str | None
    factor: float


@cache
def _table() -> tuple[dict[str, UnitInfo], dict[str, float]]:
    units: dict[str, UnitInfo] = {}
    multipliers: dict[str, float] = {}
    with UNITS_PATH.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["family"] == "multiplier":
                multipliers[row["unit"]] = float(row["factor"])
            else:
                units[row["unit"]] = UnitInfo(row["unit"], row["family"], row["base"], float(row["factor"]))
    return units, multipliers


def clean_unit(unit: str | None) -> str | None:
    """Strip spaces and map full-width forms (％ → %); empty → None."""
    if unit is None:
        return None
    text = "".join(unit.split()).replace("％", "%")
    return text or None


@cache
def parse_unit(unit: str | None) -> UnitInfo:
    """Parse a unit as written: `万亿斤` → weight, 斤, 1e12; `%` → percent; `张三` → other."""
    text = clean_unit(unit)
    if text is None:
        return UnitInfo(None, None, None, 1.0)
    units, multipliers = _table()
    if text in units:
        return units[text]
    for prefix in sorted(multipliers, key=len, reverse=True):
        rest = text[len(prefix):]
        if text.startswith(prefix) and rest in units:
            known = units[rest]
            return UnitInfo(text, known.family, known.base, known.factor * multipliers[prefix])
        if text == prefix:
            return UnitInfo(text, "number", "", multipliers[prefix])
    return UnitInfo(text, "other", text, 1.0)


def compatible(a: str | None, b: str | None) -> bool:
    """True when figures in units `a` and `b` measure the same kind of thing and can be compared."""
    ua, ub = parse_unit(a), parse_unit(b)
    if ua.family != ub.family:
        return False
    if ua.family != "count":
        return ua.base == ub.base
    if ua.base == ub.base:
        return True
    pair = {ua.base, ub.base}
    return GENERIC_COUNT in pair and "人" not in pair


def to_base(value: float | None, unit: str | None) -> float | None:
    """The value in its base unit (`1.3`, `万亿斤` → 1.3e12 斤)."""
    if value is None:
        return None
    return value * parse_unit(unit).factor


def convert(value: float | None, from_unit: str | None, to_unit: str | None) -> float | None:
    """Convert `value` from one unit to a compatible one; None when incompatible or no value."""
    if value is None or not compatible(from_unit, to_unit):
        return None
    return value * parse_unit(from_unit).factor / parse_unit(to_unit).factor


def is_percent(unit: str | None) -> bool:
    """% and 百分点 figures use absolute (percentage-point) tolerances; levels use relative ones."""
    return parse_unit(unit).family == "percent"
