"""The pure steps after extraction: gather, validate, score, render, lay out the site files.

Each function takes and returns plain records (dataclasses, lists, dicts) and is testable without
Prefect; flows/tasks.py wraps them. Business rules live in extractors/, expectations/, scoring/ and
reports/; this module only connects their agreed interfaces.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from extractors.records import Commitment, Document, Problem
from flows.cache import ValidationCache, content_key
from flows.discover import pick_duplicates
from flows.extract import Extracted, split_message
from scoring.scorecard import ScoreRow


@dataclass
class Gathered:
    """The documents kept (one per region and year), their records, and every problem so far."""

    docs: list[Document] = field(default_factory=list)
    records: list[Commitment] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    cached: int = 0
    extract_seconds: float = 0.0


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
                    sum(e.seconds for e in extracted))


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
    key: str = ""  # the table's content key (see flows.cache.content_key)
    cached: bool = False


def validate_records(name: str, items: list, docs_dir: Path | None, cache: ValidationCache | None = None,
                     previous_key: str | None = None) -> Validated:
    """Run the `name` suite over `items` (dataclasses with to_dict) once; keep the rows that pass.

    Rows are kept by position: the frame's index is the position in `items`, and the validator
    returns the passing rows with their original index. When the table is the one the previous
    site was validated on (`previous_key`, its Data Docs already copied into docs_dir) and the
    outcome is cached, Great Expectations is not run (nor imported) again.
    """
    rows = [dict(vars(item)) for item in items]  # flat dataclasses: a shallow copy is to_dict, 20× faster
    key = content_key(name, rows)
    if cache is not None and key == previous_key and (hit := cache.get(key)) is not None:
        kept, quarantined, problems, stats = hit
        return Validated([items[i] for i in kept], quarantined, [Problem(**p) for p in problems], stats, key, True)
    result = _validate(name, rows, docs_dir)
    kept = [items[i] for i in result[0]]
    if cache is not None:
        cache.put(key, (result[0], result[1], [vars(p) for p in result[2]], result[3]))
    return Validated(kept, result[1], result[2], result[3], key)


def _validate(name: str, rows: list[dict], docs_dir: Path | None) -> tuple[list[int], list[dict], list[Problem], dict]:
    """(indices of the passing rows, quarantined rows, report-level problems, stats) from one GX run."""
    import pandas as pd

    from expectations.validate import validate_table

    frame = pd.DataFrame(rows)
    if frame.empty:
        return [], [], [], {"rows": 0}
    outcome = validate_table(name, frame, docs_dir)
    problems = [
        Problem(failure.get("source") or f"data/{name}.csv", f"{failure['rule']}: {failure['detail']}",
                "check this report's extraction (or the suite rule) before trusting its figures", "validate")
        for failure in outcome.table_failures
    ]
    quarantined = [{**row, "table": name} for row in frame_records(outcome.quarantined)]
    return [int(i) for i in outcome.good.index], quarantined, problems, dict(outcome.stats)


def score(docs: list[Document], records: list[Commitment], overrides_path: Path | None):
    """Match targets of year Y to results in report Y+1 and judge them: (rows, problems).

    A bad overrides row is a Problem (the other overrides still apply), never a crash.
    """
    from scoring.compare import build_scorecard
    from scoring.overrides import read_overrides

    overrides, problems = read_overrides(overrides_path) if overrides_path else ([], [])
    result = build_scorecard(docs, records, overrides)
    return list(result.rows), problems + list(result.problems)


def site_meta(docs: list[Document], docs_dir_name: str | None, version: str):
    """The stamps every page carries: when, which code, which inputs (path → sha256)."""
    from reports.render import SiteMeta
    from scoring.judge import describe_rules

    return SiteMeta(
        generated_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        code_version=version,
        inputs={doc.source: doc.sha256 for doc in docs},
        validation_index=f"{docs_dir_name}/index.html" if docs_dir_name else None,
        methodology=describe_rules(),
        region_names={doc.region: doc.name for doc in docs if doc.name},
    )


def site_files(rows: list[ScoreRow], records: list[Commitment], problems: list[Problem],
               quarantined: list[dict], meta) -> dict[str, bytes | str]:
    """The pages and the four CSVs (the texts and the GX Data Docs are written apart)."""
    from reports.render import render_site
    from reports.tables import data_files

    files: dict[str, bytes | str] = dict(render_site(rows, records, problems, quarantined, meta))
    files.update(data_files(rows, records, problems, quarantined))
    return files


def status_counts(rows: list[ScoreRow]) -> dict[str, int]:
    """Targets per status, every status listed (0 when none)."""
    from scoring.scorecard import STATUSES

    counts = Counter(row.status for row in rows)
    return {status: counts.get(status, 0) for status in STATUSES}


# Run-specific fields stay out of the site's stamp, so two runners build byte-identical sites.
_UNSTAMPED = ("raw", "out", "elapsed", "timings", "inner", "peak_mb")


def stamped_summary(summary) -> dict:
    """The run's counts and problems, as the next unchanged run reports them (flows.fingerprint)."""
    return {k: v for k, v in summary.to_dict().items() if k not in _UNSTAMPED}
