"""Validate a whole table (commitments or scorecard) once, and split it into good and quarantined rows.

`validate_table(name, df, docs_dir)` derives helper columns (expectations.derive), runs the suite
expectations/suites/<name>.json through Great Expectations (expectations.runtime), and turns the
result into a ValidationOutcome:
- a row that fails a row-level rule is removed from `good` and listed in `quarantined`, once per
  rule it fails, with the rule, the column, the offending value and the row's identifying columns;
- a failed report-level rule (e.g. "each report yields a target") quarantines nothing: it becomes
  one entry per report in `table_failures` (rule, detail, source).
great_expectations is imported lazily, on the first call: `duixian extract` never pays for it.

Cost (commitments suite, 37 GX expectations; `python -m expectations.bench 100 1000 100000` on the
shared 2-core machine, load ~5, CPU seconds in brackets). Once per process: GX import and context
3.7-4.7 s, first validation +1-2 s (GX registers its metrics). Then per table:
      100 rows: 1.2 s (0.9)   with Data Docs: 1.8 s (1.5)
    1 000 rows: 1.3 s (0.9)   with Data Docs: 2.4 s (1.6)
  100 000 rows: 3.4 s (2.5)   with Data Docs: 5.4 s (3.4)
GX's cost is per expectation (~30 ms each: pydantic and a pandas query per row condition), hardly
per row, hence one validation per table and bands grouped into one expectation per range.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from expectations.derive import DERIVERS
from expectations.suites import Rule, Suite, load_suite

QUARANTINE_COLUMNS = ("rule", "column", "value", "detail")


@dataclass
class ValidationOutcome:
    good: pd.DataFrame  # the input rows that passed every row-level rule (original columns and index)
    quarantined: pd.DataFrame  # rule, column, value, detail + the suite's row keys; one row per failure
    success: bool  # every expectation passed
    stats: dict[str, Any]  # evaluated, successful, unsuccessful, quarantined_rows, rows, good_rows, seconds
    table_failures: list[dict[str, Any]] = field(default_factory=list)  # rule, detail, source


def validate_table(name: str, df: pd.DataFrame, docs_dir: Path | None = None) -> ValidationOutcome:
    """Validate `df` against the suite named `name`; with docs_dir, build GX Data Docs there."""
    from expectations import runtime

    started = time.perf_counter()
    suite = load_suite(name)
    if df.empty:  # nothing to validate (and GX cannot check the columns of a frame without any)
        stats = dict.fromkeys(
            ("evaluated", "successful", "unsuccessful", "quarantined_rows", "rows", "good_rows"), 0
        )
        return ValidationOutcome(df, _quarantine(suite, df, {}), True, {**stats, "seconds": 0.0})
    work = DERIVERS[name](df.reset_index(drop=True))
    result = runtime.run(suite, work, Path(docs_dir) if docs_dir is not None else None)
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
            table_failures.extend(_report_failures(rule, work, indices, suite.source_column))
    quarantined = _quarantine(suite, work, failed_rows)
    keep = [i for i in range(len(work)) if i not in failed_rows]
    stats = {
        "evaluated": evaluated,
        "successful": successful,
        "unsuccessful": evaluated - successful,
        "quarantined_rows": len(failed_rows),
        "rows": len(df),
        "good_rows": len(keep),
        "seconds": round(time.perf_counter() - started, 3),
    }
    return ValidationOutcome(df.iloc[keep], quarantined, bool(result.success), stats, table_failures)


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
    rule: Rule, work: pd.DataFrame, indices: list[int], source_column: str | None
) -> list[dict[str, Any]]:
    """One entry per report whose rows failed a report-level rule (source "" when unknown)."""
    if not indices or source_column not in work.columns:
        return [{"rule": rule.rule, "detail": rule.description, "source": ""}]
    sources = work.loc[indices, source_column].astype(str).str.split("#").str[0]
    return [{"rule": rule.rule, "detail": rule.description, "source": s} for s in pd.unique(sources)]


def _clean(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    return value.item() if hasattr(value, "item") else value


def _quarantine(suite: Suite, work: pd.DataFrame, failed: dict[int, list[tuple[Rule, Any]]]) -> pd.DataFrame:
    keys = [k for k in suite.row_keys if k in work.columns]
    rows = []
    for i in sorted(failed):
        seen: set[tuple[str, str | None]] = set()
        for rule, _ in failed[i]:
            column = rule.column
            if (rule.rule, column) in seen:  # one rule expanded over several checks: report it once
                continue
            seen.add((rule.rule, column))
            value = _clean(work.at[i, column]) if column in work.columns else None
            row = {"rule": rule.rule, "column": column, "value": value, "detail": rule.description}
            row.update({k: _clean(work.at[i, k]) for k in keys})
            rows.append(row)
    return pd.DataFrame(rows, columns=[*QUARANTINE_COLUMNS, *suite.row_keys])
