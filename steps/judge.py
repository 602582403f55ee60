"""The pure steps between extraction and the site: gather, validate, score, merge parts.

Each function takes and returns plain records (dataclasses, lists, dicts) and is testable without
Prefect. Scoring and validation work on any set of whole regions (a part, steps.parts), and the
`merge_*` functions give what one pass over all regions gives. Business rules live in extractors/,
expectations/ and scoring/; this module only connects their agreed interfaces.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field, fields
from pathlib import Path

from extractors.records import Commitment, Document, Problem
from scoring.scorecard import ScoreRow
from steps.cache import ValidationCache, content_key
from steps.discover import ReportInput, pick_duplicates
from steps.extract import Extracted, split_message


@dataclass
class Gathered:
    """The documents kept (one per region and year), their records, and every problem so far."""

    docs: list[Document] = field(default_factory=list)
    records: list[Commitment] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    cached: int = 0
    extract_seconds: float = 0.0
    warnings: int = 0  # the last `warnings` problems are the kept documents' read warnings


def _warned(got: Gathered) -> tuple[list[Problem], list[Problem]]:
    """(the problems sorted by file, the read warnings after them)."""
    cut = len(got.problems) - got.warnings
    return got.problems[:cut], got.problems[cut:]


def gather(extracted: list[Extracted], problems: list[Problem]) -> Gathered:
    """Documents in (region, year) order with their records; duplicates and failures as Problems."""
    docs = [e.doc for e in extracted if e.doc is not None]
    kept, duplicates = pick_duplicates(docs)
    by_source = {e.doc.source: e.records for e in extracted if e.doc is not None}
    records = [rec for doc in kept for rec in by_source[doc.source]]
    failures = [e.problem for e in extracted if e.problem is not None]
    warnings = [Problem(doc.source, *split_message(w, doc.source, "check the file (it was used as it is)"), "read")
                for doc in kept for w in doc.warnings]
    all_problems = sorted([*problems, *failures, *duplicates], key=lambda p: p.file) + warnings
    return Gathered(kept, records, all_problems, sum(e.cached for e in extracted),
                    sum(e.seconds for e in extracted), len(warnings))


def read_hashes(inputs: list[ReportInput], docs: list[Document]) -> dict[str, str]:
    """Absolute path → sha256 of the raw bytes, for the reports read (steps.fingerprint need not
    read them again)."""
    where = {item.path: item.open_path for item in inputs}
    return {str(Path(where[doc.source]).absolute()): doc.sha256 for doc in docs if doc.source in where}


def merge_gathered(parts: list[Gathered], problems: list[Problem]) -> Gathered:
    """What `gather` returns for all the reports, from its results for parts of whole regions (in
    region order) and the problems found before reading."""
    sorted_problems, warnings = [*problems], []
    for part in parts:
        mine, theirs = _warned(part)
        sorted_problems += mine
        warnings += theirs
    return Gathered([d for p in parts for d in p.docs], [r for p in parts for r in p.records],
                    sorted(sorted_problems, key=lambda p: p.file) + warnings, sum(p.cached for p in parts),
                    sum(p.extract_seconds for p in parts), len(warnings))


def _clean(value: object) -> object:
    return None if isinstance(value, float) and math.isnan(value) else value


def frame_records(frame) -> list[dict]:
    """A DataFrame as a list of dicts with NaN → None (for CSVs and pages)."""
    return [{k: _clean(v) for k, v in row.items()} for row in frame.to_dict("records")]


@dataclass
class Validated:
    """The rows that passed a table's suite, the quarantined ones, and report-level failures."""

    kept: list
    quarantined: list[dict]
    problems: list[Problem]
    stats: dict
    key: str = ""  # the table's content key (see steps.cache.content_key)
    cached: bool = False


def merge_validated(name: str, parts: list[Validated]) -> Validated:
    """What validating the whole table gives, from its parts (whole regions, in region order): rows
    and quarantined rows in order; report-level problems in the suite's rule order, as one GX run
    lists them; stats added up."""
    from expectations.suites import load_suite

    order: dict[str, int] = {}
    for index, rule in enumerate(load_suite(name).rules):
        order.setdefault(rule.rule, index)
    problems = sorted((p for part in parts for p in part.problems),
                      key=lambda p: order.get(p.reason.split(":", 1)[0], len(order)))
    stats: Counter = Counter()
    for part in parts:
        stats.update({k: v for k, v in part.stats.items() if isinstance(v, int | float)})
    return Validated([x for p in parts for x in p.kept], [q for p in parts for q in p.quarantined], problems,
                     dict(stats))


def table_keys(docs: list[Document], version: str, overrides: list) -> dict[str, str]:
    """Each table's validation cache key, from what the table is made of: the records from the
    documents read (path, region, bytes) and the code; the rows from those and the overrides.
    The same under every task runner, and free (hashing 240,000 rows took ~2 s)."""
    records = content_key("commitments", version, [(d.source, d.region, d.sha256) for d in docs])
    return {"commitments": records, "scorecard": content_key("scorecard", records, [vars(o) for o in overrides])}


def validate_records(name: str, items: list, docs_dir: Path | None, cache: ValidationCache | None = None,
                     previous_key: str | None = None, key: str = "", part: str = "") -> Validated:
    """Run the `name` suite over `items` (dataclasses with to_dict) once; keep the rows that pass.

    Rows are kept by position: the frame's index is the position in `items`, and the validator
    returns the passing rows with their original index. The result is stored in docs_dir, not
    rendered (the run renders the Data Docs once, after every part). When `key` (`table_keys`) is
    the table the previous site was validated on (`previous_key`, its Data Docs already copied into
    docs_dir) and the outcome is cached, Great Expectations is not run (nor imported) again. A
    `part` of the table (e.g. "part-2-of-4", steps.parts) is stored under that name.
    """
    if cache is not None and key and key == previous_key and (hit := cache.get(key)) is not None:
        kept, quarantined, problems, stats = hit
        if stats.get("rows") == len(items):  # a guard: the same inputs always make the same table
            return Validated([items[i] for i in kept], quarantined, [Problem(**p) for p in problems], stats, key, True)
    result = _validate(name, items, docs_dir, part)
    kept = [items[i] for i in result[0]]
    if cache is not None and key:
        cache.put(key, (result[0], result[1], [vars(p) for p in result[2]], result[3]))
    return Validated(kept, result[1], result[2], result[3], key)


def _validate(name: str, items: list, docs_dir: Path | None,
              part: str = "") -> tuple[list[int], list[dict], list[Problem], dict]:
    """(indices of the passing rows, quarantined rows, report-level problems, stats) from one GX run."""
    import pandas as pd

    from expectations.validate import frame_columns, object_strings, validate_table

    # only the columns the suite reads (a frame of every column of 386,000 records took ~1 GB), read
    # off the dataclasses (slots: no dict per row to build)
    present = {f.name for f in fields(items[0])} if items else set()
    with object_strings():
        frame = pd.DataFrame({column: [getattr(item, column) for item in items] for column in frame_columns(name)
                              if column in present})
        if frame.empty:
            return [], [], [], {"rows": 0}
        outcome = validate_table(name, frame, docs_dir, part=part or None, render=False)
    problems = [
        Problem(failure.get("source") or f"data/{name}.csv", f"{failure['rule']}: {failure['detail']}",
                "check this report's extraction (or the suite rule) before trusting its figures", "validate")
        for failure in outcome.table_failures
    ]
    quarantined = [{**row, "table": name} for row in frame_records(outcome.quarantined)]
    return [int(i) for i in outcome.good.index], quarantined, problems, dict(outcome.stats)


def read_overrides(path: Path | None) -> tuple[list, list[Problem]]:
    """The analyst's overrides and, for each bad row, a Problem (the other overrides still apply)."""
    from scoring.overrides import read_overrides as read

    return read(path) if path else ([], [])


def score(docs: list[Document], records: list[Commitment], overrides: list) -> tuple[list[ScoreRow], list[Problem]]:
    """Match targets of year Y to results in report Y+1 and judge them, for the regions given:
    (rows, problems) in region order. Stale overrides are checked apart, once (`stale_overrides`)."""
    from scoring.compare import score_groups

    result = score_groups(docs, records, overrides)
    return list(result.rows), list(result.problems)


def stale_overrides(keys: set[tuple[str, int]], overrides: list) -> list[Problem]:
    """Overrides whose region and year has no target left; `keys` from `target_keys`."""
    from scoring.compare import overrides_without_targets

    return overrides_without_targets(keys, overrides)


def target_keys(records: list[Commitment]) -> set[tuple[str, int]]:
    from scoring.compare import target_keys as keys

    return keys(records)



def add_statuses(counts: list[dict[str, int]]) -> dict[str, int]:
    """Status counts of parts added up, every status listed (0 when none)."""
    from scoring.scorecard import STATUSES

    total: Counter = Counter()
    for part in counts:
        total.update(part)
    return {status: total.get(status, 0) for status in STATUSES}


def status_counts(rows: list[ScoreRow]) -> dict[str, int]:
    """Targets per status, every status listed (0 when none)."""
    return add_statuses([Counter(row.status for row in rows)])
