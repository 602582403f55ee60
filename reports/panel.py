"""The panel: one tidy row per region × year × headline indicator, each target set against the
same indicator's target of the level above (the parent region; the nation for a province).

Which rows: the scorecard's headline targets (主要预期目标) that have a canonical indicator (the
lexicon's name: gdp, cpi …). A report that sets two headline targets of one canonical (全社会 and
城镇固定资产投资) gives two rows; `indicator_as_written` tells them apart. The reference is the
parent's first headline target of that canonical in the same year; `vs_reference` compares the
two only when their units are listed as comparable in data/reference_units.csv (rates: a
province's 万人 of new jobs is not "below" the nation's) — a range counts by its midpoint.

Pure: ScoreRows in, dicts out (`rows` per part of the regions, `with_references` once over all of
them, since a parent may sit in another part). Knows the regions registry, not files or HTML.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

from regions.registry import load_registry
from scoring.scorecard import ScoreRow

DATA = Path(__file__).parent / "data"

# Column → what it holds; the order is the file's. The site's data page and the README print this.
PANEL_COLUMNS: dict[str, str] = {
    "region": "地区代号 the region's slug (data/raw/<region>/)",
    "region_name": "地区名称 official name (regions registry)",
    "region_level": "层级 national | province | prefecture | county",
    "region_parent": "上级地区代号 the parent region's slug (empty for national)",
    "region_code": "行政区划代码 6-digit division code (GB/T 2260; 000000 for national)",
    "year": "目标年份 the year the target is for",
    "indicator": "指标 canonical indicator (the lexicon's name: gdp, cpi, urban_new_jobs …)",
    "indicator_as_written": "原文指标 the indicator as the report names it",
    "target_text": "目标原文 the target as written, with its qualifier (5.5%左右)",
    "target_value": "目标值 the number (the low end of a range)",
    "target_value_high": "目标上限 the high end of a range, else empty",
    "target_comparator": "限定 approx (左右) | min (以上) | max (以内) | exact | range | qualitative",
    "target_unit": "单位 the target's unit (%, 万人, 亿斤 …)",
    "actual_value": "实际值 the figure the next report gives, else empty",
    "actual_unit": "实际值单位",
    "status": "判定 met | exceeded | missed | not_reported | pending | qualitative",
    "gap": "差距 actual − target in the target's unit",
    "reference_region": "参照地区 the level above whose target is the reference (the parent)",
    "reference_value": "参照目标值 the level above's target for the same indicator and year",
    "reference_value_high": "参照目标上限",
    "reference_comparator": "参照限定 its qualifier, as target_comparator",
    "reference_unit": "参照单位",
    "vs_reference": "高于/等于/低于 above | equal | below the level above's target; empty when none or not comparable",
    "target_source": "目标出处 the report file of the target quote",
    "target_start": "目标起点 character offset of the quote's start in the file's text",
    "target_end": "目标终点 character offset of the quote's end",
    "result_source": "结果出处 the report file of the result quote (the next year's report)",
    "result_start": "结果起点",
    "result_end": "结果终点",
}
COLUMNS: tuple[str, ...] = tuple(PANEL_COLUMNS)
VS = ("above", "equal", "below")


@cache
def comparable_units(path: Path = DATA / "reference_units.csv") -> frozenset[str]:
    """Units in which a target can be set against the level above's (data/reference_units.csv)."""
    with Path(path).open(encoding="utf-8-sig", newline="") as fh:
        return frozenset(row["unit"].strip() for row in csv.DictReader(fh) if row.get("unit", "").strip())


def split_source(source: str | None) -> tuple[str | None, int | None, int | None]:
    """'data/raw/national/2022.txt#1234-1260' → (file, 1234, 1260); no offsets → (file, None, None)."""
    if not source:
        return None, None, None
    path, _, span = source.rpartition("#")
    start, _, end = span.partition("-")
    if not path or not start.isdigit() or not end.isdigit():
        return source, None, None
    return path, int(start), int(end)


def rows(scored: Iterable[ScoreRow]) -> list[dict]:
    """The panel's rows of these scorecard rows (headline with a canonical), no reference yet."""
    registry, out = load_registry(), []
    for row in scored:
        if not (row.headline and row.canonical):
            continue
        region = registry.get(row.region)
        target = split_source(row.target_source)
        result = split_source(row.result_source)
        out.append({
            "region": row.region,
            "region_name": region.name if region else row.region,
            "region_level": (region.level if region else "") or None,
            "region_parent": (region.parent if region else "") or None,
            "region_code": (region.code if region else "") or None,
            "year": row.period_year, "indicator": row.canonical, "indicator_as_written": row.indicator,
            "target_text": row.target_text or row.target_clause, "target_value": row.target_value,
            "target_value_high": row.target_value_high, "target_comparator": row.comparator,
            "target_unit": row.target_unit, "actual_value": row.actual_value, "actual_unit": row.actual_unit,
            "status": row.status, "gap": row.gap,
            "target_source": target[0], "target_start": target[1], "target_end": target[2],
            "result_source": result[0], "result_start": result[1], "result_end": result[2],
        })
    return out


def point(value: float | None, high: float | None) -> float | None:
    """Where a target stands for comparison: its value, or a range's midpoint."""
    if value is None:
        return None
    return (value + high) / 2 if high is not None else value


def compare(row: dict, reference: dict | None, units: frozenset[str] | None = None) -> str:
    """above | equal | below: the row's target against the reference's; "" when there is none or
    they cannot be compared (no number, other units, a unit not listed as comparable)."""
    units = comparable_units() if units is None else units
    if reference is None or row.get("target_unit") != reference.get("target_unit") or row.get("target_unit") not in units:
        return ""
    mine = point(row.get("target_value"), row.get("target_value_high"))
    theirs = point(reference.get("target_value"), reference.get("target_value_high"))
    if mine is None or theirs is None:
        return ""
    if abs(mine - theirs) < 1e-9:
        return "equal"
    return "above" if mine > theirs else "below"


def with_references(panel: Sequence[dict], units: frozenset[str] | None = None) -> list[dict]:
    """Each row with its parent's target of the same indicator and year, and the comparison."""
    first: dict[tuple[str, int, str], dict] = {}
    for row in panel:
        first.setdefault((row["region"], row["year"], row["indicator"]), row)
    out = []
    for row in panel:
        parent = row.get("region_parent") or ""
        reference = first.get((parent, row["year"], row["indicator"])) if parent else None
        out.append({
            **row,
            "reference_region": parent if reference else None,
            "reference_value": reference["target_value"] if reference else None,
            "reference_value_high": reference["target_value_high"] if reference else None,
            "reference_comparator": reference["target_comparator"] if reference else None,
            "reference_unit": reference["target_unit"] if reference else None,
            "vs_reference": compare(row, reference, units) or None,
        })
    return out
