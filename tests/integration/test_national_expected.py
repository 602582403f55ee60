"""The national headline targets 2004-2024 against an expected table written by reading the reports.

`tests/expected/national_headline.csv` has one row per year × indicator (GDP, CPI, new urban jobs,
registered and surveyed unemployment): the target and the actual as written, the status the
methodology gives them (scoring/data/rules.toml), and a short quote from each report (checked here to
stand in the texts). It was written from the texts, not from duixian's output.

A ratchet: the rows where the scorecard disagrees must be exactly KNOWN_GAPS. A regression adds a row
and fails; a fix removes one and fails until its entry is deleted, so the list only shrinks.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pytest

from extractors.pipeline import extract_files
from scoring.compare import build_scorecard

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw" / "national"
TABLE = ROOT / "tests" / "expected" / "national_headline.csv"

# (period_year, canonical): why the scorecard disagrees with the table today.
KNOWN_GAPS: dict[tuple[int, str], str] = {}


@cache
def table() -> tuple[dict, ...]:
    with TABLE.open(encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


@cache
def scorecard():
    docs, records = extract_files(sorted(RAW.glob("*.txt")))
    return build_scorecard(docs, records).rows


def code_row(year: int, canonical: str):
    """The headline numeric row duixian gives this year and indicator (the first, headline first)."""
    rows = [r for r in scorecard() if (r.region, r.period_year, r.canonical) == ("national", year, canonical)
            and r.headline and r.comparator != "qualitative" and r.target_value is not None]
    return rows[0] if rows else None


def _num(text: str) -> float | None:
    return float(text) if text else None


def disagreement(expected: dict) -> str:
    """Why the scorecard disagrees with one expected row ('' when it agrees)."""
    row = code_row(int(expected["period_year"]), expected["canonical"])
    status = expected["expected_status"]
    if status == "no_target":
        return f"a target {row.target_text} where the report sets none" if row else ""
    if row is None:
        return "no headline target row"
    if row.status != status:
        return f"status {row.status}, expected {status}"
    if row.target_value != pytest.approx(_num(expected["target_value"])):
        return f"target {row.target_value}, expected {expected['target_value']}"
    actual = _num(expected["actual_value"])
    if actual is not None and (row.actual_value is None or row.actual_value != pytest.approx(actual)):
        return f"actual {row.actual_value}, expected {actual}"
    return ""


def test_expected_table__quotes_stand_in_the_reports():
    for e in table():
        year = int(e["period_year"])
        if e["target_quote"]:
            assert e["target_quote"] in (RAW / f"{year}.txt").read_text(encoding="utf-8"), e
        if e["result_quote"]:
            assert e["result_quote"] in (RAW / f"{year + 1}.txt").read_text(encoding="utf-8"), e


def test_expected_table__covers_2004_2024_for_the_four_indicators():
    keys = {(int(e["period_year"]), e["canonical"]) for e in table()}
    for year in range(2004, 2025):
        assert (year, "gdp") in keys and (year, "cpi") in keys and (year, "urban_new_jobs") in keys
        assert (year, "registered_unemployment") in keys or (year, "surveyed_unemployment") in keys


def test_expected_table__scorecard_disagrees_only_on_known_gaps():
    found = {(int(e["period_year"]), e["canonical"]): why for e in table() if (why := disagreement(e))}
    new = {k: v for k, v in found.items() if k not in KNOWN_GAPS}
    fixed = sorted(k for k in KNOWN_GAPS if k not in found)
    assert not new, f"regressions (the scorecard now disagrees with the expected table): {new}"
    assert not fixed, f"fixed: delete these from KNOWN_GAPS so the list only shrinks: {fixed}"
