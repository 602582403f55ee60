"""Tidy CSV bytes for researchers and Excel users: UTF-8 with BOM, fixed columns, None → empty cell.

Pure: returns bytes (`csv_bytes`, `data_files`) or writes to a text stream the caller opened
(`write_csv`, `tables`: a 240,000-row table never sits in memory as one string). Numbers keep full precision (integral floats print without
`.0`); booleans print `true`/`false`. A text cell that a spreadsheet would run as a formula (`=`, `+`,
`-`, `@` …, and not a number) is prefixed with `'` so opening a CSV made from a report cannot run one.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import fields
from typing import TextIO

from extractors.records import Commitment, Problem
from scoring.scorecard import SCORECARD_COLUMNS, ScoreRow

BOM = "\ufeff"
# Added after each table's stable columns: the region's Chinese name and level (regions registry).
REGION_COLUMNS: tuple[str, ...] = ("region_name", "region_level")
# Added after those in scorecard.csv: a 主要预期目标 (headline) target? an outcome or an allocation?
# (issue 17: completion rates count headline outcomes; allocations are counted apart)
KIND_COLUMNS: tuple[str, ...] = ("headline", "commitment_type")
COMMITMENT_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Commitment))
PROBLEM_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Problem))
QUARANTINE_LEAD: tuple[str, ...] = ("rule", "column", "value")
# 民生实事 (issue 14): after the region columns of scorecard.csv (commitments.csv has them as record fields).
PROGRAMME_COLUMNS: tuple[str, ...] = ("programme", "programme_item", "programme_claimed")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """One CSV cell as text. Types are tested most common first (str, None): a 240,000-row table
    has ~7 M cells."""
    kind = type(value)
    if kind is str:
        return "'" + value if value.startswith(_FORMULA_START) and not _is_number(value) else value
    if value is None:
        return ""
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return str(value)
    if kind is float:
        return _float(value)
    return _other(value)


def _float(value: float) -> str:
    if math.isnan(value):
        return ""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))  # float(): a numpy scalar's repr is np.float64(69.5)


def _other(value: object) -> str:
    """Subclasses (numpy scalars, enums …) the exact-type tests above let through."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def csv_bytes(rows: Iterable[dict], columns: Sequence[str]) -> bytes:
    """rows as CSV with exactly `columns` (missing keys → empty; extra keys dropped), UTF-8 with BOM."""
    buffer = io.StringIO()
    write_csv(buffer, rows, columns)
    return buffer.getvalue().encode("utf-8")


def write_csv(stream: TextIO, rows: Iterable[dict], columns: Sequence[str], header: bool = True) -> None:
    """csv_bytes into a text stream (for a file: UTF-8, newline=""), row by row. `header=False`: the
    rows only (a piece of a table whose header and other pieces are written apart)."""
    writer = csv.writer(stream, lineterminator="\r\n")
    if header:
        stream.write(BOM)
        writer.writerow(columns)
    writer.writerows([cell(row.get(col)) for col in columns] for row in rows)


def quarantine_columns(quarantined: Sequence[dict]) -> tuple[str, ...]:
    """rule, column, value, then every other key in first-seen order."""
    extra: dict[str, None] = {}
    for row in quarantined:
        for key in row:
            if key not in QUARANTINE_LEAD:
                extra.setdefault(key, None)
    return QUARANTINE_LEAD + tuple(extra)


def tables(
    rows: Sequence[ScoreRow],
    records: Sequence[Commitment],
    problems: Sequence[Problem],
    quarantined: Sequence[dict],
) -> list[tuple[str, Iterable[dict], tuple[str, ...]]]:
    """The site's four tables: (relative path, rows as dicts, their stable columns)."""
    return [*region_tables(rows, records), *note_tables(problems, quarantined)]


def region_tables(
    rows: Sequence[ScoreRow], records: Sequence[Commitment]
) -> list[tuple[str, Iterable[dict], tuple[str, ...]]]:
    """The two tables with a row per region's target or record (parts of the regions can write
    their pieces apart, in region order): scorecard.csv and commitments.csv."""
    return [
        ("data/scorecard.csv", _named(rows), (*SCORECARD_COLUMNS, *REGION_COLUMNS, *PROGRAMME_COLUMNS, *KIND_COLUMNS)),
        ("data/commitments.csv", _named(records), (*COMMITMENT_COLUMNS, *REGION_COLUMNS)),
    ]


def _named(items: Iterable) -> Iterable[dict]:
    """Each item's fields plus its region's name and level (looked up once per region)."""
    from reports.view import region_view

    seen: dict[str, dict] = {}
    names: tuple[str, ...] = ()
    for item in items:
        if item.region not in seen:
            view = region_view(item.region)
            seen[item.region] = {"region_name": view["name"], "region_level": view["level"]}
        names = names or tuple(f.name for f in fields(item))
        yield {**{name: getattr(item, name) for name in names}, **seen[item.region]}


def note_tables(
    problems: Sequence[Problem], quarantined: Sequence[dict]
) -> list[tuple[str, Iterable[dict], tuple[str, ...]]]:
    """problems.csv and quarantine.csv."""
    return [
        ("data/problems.csv", (vars(p) for p in problems), PROBLEM_COLUMNS),
        ("data/quarantine.csv", quarantined, quarantine_columns(quarantined)),
    ]


def data_files(
    rows: Sequence[ScoreRow],
    records: Sequence[Commitment],
    problems: Sequence[Problem],
    quarantined: Sequence[dict],
) -> dict[str, bytes]:
    """The site's four tables (relative path → bytes) with their stable columns."""
    return {path: csv_bytes(items, columns) for path, items, columns in tables(rows, records, problems, quarantined)}
