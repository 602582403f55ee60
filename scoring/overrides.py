"""Analyst overrides (data/overrides.csv): pin or forbid a match, or set a status, with an audit trail.

Format: a UTF-8 CSV (a BOM is accepted) with this header, one override per row:

    region,period_year,target_indicator,action,result_indicator,status,reason,reviewer,date

- region, period_year: the scorecard (e.g. `national,2022`): targets of that year.
- target_indicator: the target's indicator phrase as written (`城镇新增就业`) or its canonical key;
  every target of that region and year with that phrase (or key) is concerned.
- action: `pin` (force the match to the result named in result_indicator; match_method "override"),
  `forbid` (never pair with that result; with result_indicator empty: with no result at all, so the
  target becomes not_reported), or `status` (set `status` to one of met, exceeded, missed,
  not_reported, pending, qualitative; the match is left as it is).
- result_indicator: a result of the same region and year (phrase as written or canonical key);
  required for pin.
- reason, reviewer, date (YYYY-MM-DD): required; shown on the row (reviewed = yes, note = reason).

An override that no longer applies (its target or pinned result vanished from the reports) becomes
a Problem on the problems page; it is never dropped silently.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from extractors.records import Problem

COLUMNS: tuple[str, ...] = ("region", "period_year", "target_indicator", "action", "result_indicator",
                            "status", "reason", "reviewer", "date")
ACTIONS: tuple[str, ...] = ("pin", "forbid", "status")
STATUSES: tuple[str, ...] = ("met", "exceeded", "missed", "not_reported", "pending", "qualitative")
OVERRIDES_FILE = "data/overrides.csv"


class OverrideError(ValueError):
    """A bad row in the overrides file; the message is one line naming file, line and fix."""


@dataclass(frozen=True)
class Override:
    """One analyst decision, as read from the file (`line` is its line number, for messages)."""

    region: str
    period_year: int
    target_indicator: str
    action: str
    result_indicator: str = ""
    status: str = ""
    reason: str = ""
    reviewer: str = ""
    date: str = ""
    line: int = 0
    file: str = OVERRIDES_FILE

    @property
    def note(self) -> str:
        """The text shown on a reviewed row: reason (reviewer, date)."""
        return f"{self.reason} ({self.reviewer}, {self.date})"

    def where(self) -> str:
        return f"{self.file} line {self.line}"


def _require(row: dict[str, str], key: str, where: str) -> str:
    value = (row.get(key) or "").strip()
    if not value:
        raise OverrideError(f"{where}: column '{key}' is empty; fill it in")
    return value


def parse_row(row: dict[str, str], line: int, file: str = OVERRIDES_FILE) -> Override:
    """One CSV row → Override, or OverrideError with a one-line message."""
    where = f"{file} line {line}"
    region = _require(row, "region", where)
    year_text = _require(row, "period_year", where)
    if not year_text.isdigit() or len(year_text) != 4:
        raise OverrideError(f"{where}: period_year '{year_text}' is not a year like 2023")
    action = _require(row, "action", where).lower()
    if action not in ACTIONS:
        raise OverrideError(f"{where}: action '{action}' is not one of {', '.join(ACTIONS)}")
    result = (row.get("result_indicator") or "").strip()
    status = (row.get("status") or "").strip()
    if action == "pin" and not result:
        raise OverrideError(f"{where}: a pin needs result_indicator (the result to pair with)")
    if action == "status" and status not in STATUSES:
        raise OverrideError(f"{where}: status '{status}' is not one of {', '.join(STATUSES)}")
    date = _require(row, "date", where)
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        raise OverrideError(f"{where}: date '{date}' is not YYYY-MM-DD") from None
    return Override(region, int(year_text), _require(row, "target_indicator", where), action, result,
                    status, _require(row, "reason", where), _require(row, "reviewer", where), date, line, file)


def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise OverrideError(f"{path}: header lacks {', '.join(missing)}; expected {','.join(COLUMNS)}")
        return [(reader.line_num, row) for row in reader if any((v or "").strip() for v in row.values())]


def load_overrides(path: Path) -> list[Override]:
    """Read the overrides file; a missing file means no overrides. Raises OverrideError on a bad row."""
    path = Path(path)
    if not path.exists():
        return []
    return [parse_row(row, line, str(path)) for line, row in _rows(path)]


def read_overrides(path: Path) -> tuple[list[Override], list[Problem]]:
    """Like load_overrides, but bad rows become Problems (stage "match") and good rows still apply."""
    path = Path(path)
    if not path.exists():
        return [], []
    try:
        rows = _rows(path)
    except (OverrideError, UnicodeDecodeError, csv.Error) as exc:
        return [], [Problem(str(path), str(exc).splitlines()[0], "fix the header of the overrides file", "match")]
    good: list[Override] = []
    problems: list[Problem] = []
    for line, row in rows:
        try:
            good.append(parse_row(row, line, str(path)))
        except OverrideError as exc:
            problems.append(Problem(str(path), str(exc), "correct or delete this row", "match"))
    return good, problems


def concerns(value: str, indicator: str, canonical: str | None) -> bool:
    """True when an override's indicator names this record (phrase as written, or canonical key)."""
    return value == indicator or (canonical is not None and value == canonical)
