"""Validate a whole table (commitments or scorecard) once, and split it into good and quarantined rows.

`validate_table(name, df, docs_dir)` derives helper columns (expectations.derive), runs the suite
expectations/suites/<name>.json through Great Expectations (expectations.runtime), and turns the
result into a ValidationOutcome:
- a row that fails a row-level rule is removed from `good` and listed in `quarantined`, once per
  rule it fails, with the rule, the column, the offending value and the row's identifying columns;
- a failed report-level rule (e.g. "each report yields a target") quarantines nothing: it becomes
  one entry per report in `table_failures` (rule, detail, source).
great_expectations is imported lazily, on the first call: `duixian extract` never pays for it.

Cost (2-core shared machine, load 1-3; one table after GX is imported and warm, fresh process per
figure, median of 3). Once per process: GX import and context ~3 s, first validation +0.5-1 s.
      commitments  1 054 rows: 0.9 s     scorecard    345 rows: 1.2 s
      commitments 80 300 rows: 1.5 s     scorecard 68 850 rows: 1.6 s
      commitments 240 900 rows: 3.1 s, +73 MB peak (derive 0.9 s, GX 1.9 s)
  with Data Docs into the folder an earlier run left (what `duixian run` does): +0.4-0.9 s per table.
(`python -m benchmarks.validation --generated 1500` prints such figures for one process.)
At small sizes GX's cost is per expectation (pydantic copies of each configuration, ~6 pandas
`query` filterings per conditional expectation), hence one validation per table and bands grouped
into one expectation per range. With rows it is the helper columns (expectations.derive, one
Python pass per row) and GX's filterings of the frame, hence `gx_frame`: only the suite's columns,
strings that are only compared as categoricals.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from expectations.derive import DERIVERS, HELPERS, INPUTS
from expectations.suites import Rule, Suite, load_suite, set_like_columns, suite_columns

QUARANTINE_COLUMNS = ("rule", "column", "value", "detail")


@contextmanager
def object_strings() -> Iterator[None]:
    """Strings as Python objects (pandas' pre-3 default) while a table is framed and validated: the
    helper columns and GX's many filterings then share the records' own strings instead of copying
    them into pyarrow arrays (validating 244,000 records peaked ~90 MB higher), and the same rows
    pass and fail. pandas' option is process-wide: validations hold GX's lock while it is set."""
    from expectations.runtime import LOCK

    with LOCK, pd.option_context("future.infer_string", False):
        yield


@dataclass
class ValidationOutcome:
    good: pd.DataFrame  # the input rows that passed every row-level rule (original columns and index)
    quarantined: pd.DataFrame  # rule, column, value, detail + the suite's row keys; one row per failure
    success: bool  # every expectation passed
    stats: dict[str, Any]  # evaluated, successful, unsuccessful, quarantined_rows, rows, good_rows, seconds
    table_failures: list[dict[str, Any]] = field(default_factory=list)  # rule, detail, source


def validate_table(name: str, df: pd.DataFrame, docs_dir: Path | None = None, part: str | None = None,
                   render: bool = True) -> ValidationOutcome:
    """Validate `df` against the suite named `name`; with docs_dir, store the result there and
    (`render`) build its GX Data Docs pages. `part` names a piece of the table validated on its own
    (e.g. "part-2-of-4": the suite and result are stored as `<name>-part-2-of-4`)."""
    from expectations import runtime

    started = time.perf_counter()
    suite = load_suite(name)
    if part:
        suite = replace(suite, name=f"{name}-{part}")
    if df.empty:  # nothing to validate (and GX cannot check the columns of a frame without any)
        stats = dict.fromkeys(
            ("evaluated", "successful", "unsuccessful", "quarantined_rows", "rows", "good_rows"), 0
        )
        return ValidationOutcome(df, _quarantine(suite, None, {}), True, {**stats, "seconds": 0.0})
    table = df.reset_index(drop=True)  # row ids are positions (copy-on-write: no data is copied)
    helpers = DERIVERS[name](table)
    lookup = _Lookup(table, helpers)
    result = runtime.run(
        suite, gx_frame(suite, table, helpers), Path(docs_dir) if docs_dir is not None else None, render
    )
    failed_rows: dict[int, list[tuple[Rule, Any]]] = {}
    table_failures: list[dict[str, Any]] = []
    evaluated = successful = 0
    for res in result.results:
        rule = suite.rules[int(res.expectation_config.meta["index"])]
        evaluated += 1
        successful += bool(res.success)
        if res.success:
            continue
        if _raised(res):
            table_failures.append({"rule": rule.rule, "detail": _exception(res), "source": ""})
            continue
        indices = list(res.result.get("unexpected_index_list") or [])
        if rule.row_level:
            for i in indices:
                failed_rows.setdefault(int(i), []).append((rule, res))
        else:
            table_failures.extend(_report_failures(rule, lookup, indices, suite.source_column))
    quarantined = _quarantine(suite, lookup, failed_rows)
    stats = {
        "evaluated": evaluated,
        "successful": successful,
        "unsuccessful": evaluated - successful,
        "quarantined_rows": len(failed_rows),
        "rows": len(df),
        "good_rows": len(df) - len(failed_rows),
        "seconds": round(time.perf_counter() - started, 3),
    }
    return ValidationOutcome(_good(df, failed_rows), quarantined, bool(result.success), stats, table_failures)


def frame_columns(name: str) -> list[str]:
    """The columns of table `name` that validate_table reads (the suite's, its row keys, the helper
    columns' inputs): a caller may build the frame from these alone, and the outcome is the same."""
    suite = load_suite(name)
    wanted = set(suite_columns(suite)) | set(suite.row_keys) | set(INPUTS[name])
    if suite.source_column:
        wanted.add(suite.source_column)
    return sorted(wanted - set(HELPERS[name]))


def gx_frame(suite: Suite, table: pd.DataFrame, helpers: pd.DataFrame) -> pd.DataFrame:
    """The frame GX validates: only the columns the suite names (GX filters the whole frame once per
    row-condition metric, ~6 times per conditional expectation), the helper columns, and each
    column the suite only tests for equality, membership or nullness as a categorical when all its
    values are strings (a row-condition filter then copies 1-4 byte codes instead of 8-byte
    pointers, and `==`/`isin` compare codes, not strings). The same rows pass and fail."""
    wanted = suite_columns(suite)
    frame = table[[c for c in table.columns if c in wanted and c not in helpers.columns]]
    for column in helpers.columns:
        if column in wanted:
            frame[column] = helpers[column]
    for column in set_like_columns(suite) & set(frame.columns):
        values = frame[column]
        if values.dtype != "category" and pd.api.types.infer_dtype(values, skipna=True) in (
            "string",
            "empty",
        ):
            frame[column] = values.astype("category")
    return frame


class _Lookup:
    """The input table's columns, then the helper columns (e.g. a defaulted `span`), by position."""

    def __init__(self, table: pd.DataFrame, helpers: pd.DataFrame) -> None:
        self.table, self.helpers = table, helpers

    def __contains__(self, column: object) -> bool:
        return column in self.table.columns or column in self.helpers.columns

    def column(self, column: str) -> pd.Series:
        return self.table[column] if column in self.table.columns else self.helpers[column]


def _raised(res: Any) -> bool:
    info = res.exception_info or {}
    return bool(info.get("raised_exception")) or any(
        isinstance(v, dict) and v.get("raised_exception") for v in info.values()
    )


def _exception(res: Any) -> str:
    info = res.exception_info or {}
    msgs = [info.get("exception_message")] + [
        v.get("exception_message") for v in info.values() if isinstance(v, dict)
    ]
    return next((m for m in msgs if m), "expectation could not be evaluated").splitlines()[0]


def _report_failures(
    rule: Rule, lookup: _Lookup, indices: list[int], source_column: str | None
) -> list[dict[str, Any]]:
    """One entry per report whose rows failed a report-level rule (source "" when unknown)."""
    if not indices or source_column not in lookup:
        return [{"rule": rule.rule, "detail": rule.description, "source": ""}]
    sources = lookup.column(source_column).iloc[indices].astype(str).str.split("#").str[0]
    return [{"rule": rule.rule, "detail": rule.description, "source": s} for s in pd.unique(sources)]


def _clean(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    return value.item() if hasattr(value, "item") else value


def _quarantine(
    suite: Suite, lookup: _Lookup | None, failed: dict[int, list[tuple[Rule, Any]]]
) -> pd.DataFrame:
    """One row per (row, rule): the values are read for the failed positions only."""
    columns = [*QUARANTINE_COLUMNS, *suite.row_keys]
    if lookup is None or not failed:
        return pd.DataFrame([], columns=columns)
    positions = sorted(failed)
    keys = [k for k in suite.row_keys if k in lookup]
    quoted = {rule.column for i in positions for rule, _ in failed[i]} | set(keys)
    values = {c: lookup.column(c).iloc[positions].tolist() for c in quoted if c is not None and c in lookup}
    rows = []
    for n, i in enumerate(positions):
        seen: set[tuple[str, str | None]] = set()
        for rule, _ in failed[i]:
            column = rule.column
            if (rule.rule, column) in seen:  # one rule expanded over several checks: report it once
                continue
            seen.add((rule.rule, column))
            value = _clean(values[column][n]) if column in values else None
            row = {"rule": rule.rule, "column": column, "value": value, "detail": rule.description}
            row.update({k: _clean(values[k][n]) for k in keys})
            rows.append(row)
    return pd.DataFrame(rows, columns=columns)


def _good(df: pd.DataFrame, failed: dict[int, Any]) -> pd.DataFrame:
    """The input rows not in `failed` (positions), with their index; all of `df` (a lazy copy) when none failed."""
    if not failed:
        return df.iloc[:]
    keep = np.ones(len(df), dtype=bool)
    keep[list(failed)] = False
    return df.iloc[np.flatnonzero(keep)]
