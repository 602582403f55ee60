"""The pure steps after extraction: gather, validate, score, render, lay out the site files.

Each function takes and returns plain records (dataclasses, lists, dicts) and is testable without
Prefect; flows/tasks.py wraps them. Scoring and rendering work on any set of whole regions (a part),
so the flow can run parts side by side; pages go straight into the site build (flows.publish). Business rules live in extractors/, expectations/, scoring/ and
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
from flows.discover import ReportInput, pick_duplicates
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
    """Absolute path → sha256 of the raw bytes, for the reports read (flows.fingerprint need not
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
    key: str = ""  # the table's content key (see flows.cache.table_key)
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
                     previous_key: str | None = None, part: str | None = None, key: str = "") -> Validated:
    """Run the `name` suite over `items` (dataclasses with to_dict) once; keep the rows that pass.

    Rows are kept by position: the frame's index is the position in `items`, and the validator
    returns the passing rows with their original index. When `key` (flows.steps.table_keys) is the
    table the previous site was validated on (`previous_key`, its Data Docs already copied into
    docs_dir) and the outcome is cached, Great Expectations is not run (nor imported) again. A
    `part` of the table (flows.parts) is validated without cache and its result stored, not
    rendered, in docs_dir.
    """
    rows = [vars(item) for item in items]  # flat dataclasses, read only: their own dicts serve as rows
    if part:
        kept, quarantined, problems, stats = _validate(name, rows, docs_dir, part)
        return Validated([items[i] for i in kept], quarantined, problems, stats)
    if cache is not None and key and key == previous_key and (hit := cache.get(key)) is not None:
        kept, quarantined, problems, stats = hit
        if stats.get("rows") == len(items):  # a guard: the same inputs always make the same table
            return Validated([items[i] for i in kept], quarantined, [Problem(**p) for p in problems], stats, key, True)
    result = _validate(name, rows, docs_dir)
    kept = [items[i] for i in result[0]]
    if cache is not None and key:
        cache.put(key, (result[0], result[1], [vars(p) for p in result[2]], result[3]))
    return Validated(kept, result[1], result[2], result[3], key)


def _validate(name: str, rows: list[dict], docs_dir: Path | None,
              part: str | None = None) -> tuple[list[int], list[dict], list[Problem], dict]:
    """(indices of the passing rows, quarantined rows, report-level problems, stats) from one GX run."""
    import pandas as pd

    from expectations.validate import validate_table

    frame = pd.DataFrame(rows)
    if frame.empty:
        return [], [], [], {"rows": 0}
    outcome = validate_table(name, frame, docs_dir, part=part, render=part is None)
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


def region_pages(rows: list[ScoreRow], records: list[Commitment], meta, problem_count: int, build) -> int:
    """Render the pages of the regions in `rows` and `records` and write each into the site build as it
    comes (a part's pages never pile up in memory, nor travel back from a Dask worker); the count."""
    from reports.render import region_pages as pages

    count = 0
    for relative, page in pages(rows, records, meta, problem_count):
        build.write(relative, page)
        count += 1
    return count


@dataclass
class PartPages:
    """What a part's render task hands back: its page count, its regions' index entries and status
    counts, and its rows of the two region tables, written apart (CSV without header)."""

    pages: int
    entries: list[dict]
    counts: dict[str, int]
    total: int
    chunks: dict[str, str]  # the table's path in the site -> this part's piece


def part_pages(rows: list[ScoreRow], records: list[Commitment], meta, problem_count: int, build,
               label: str) -> PartPages:
    """A part's region pages into the build, its index entries, and its pieces of scorecard.csv and
    commitments.csv in the build's hand-over folder (flows.handoff) for `site_files` to join."""
    from flows.handoff import FOLDER
    from reports.render import index_part
    from reports.tables import region_tables, write_csv

    count = region_pages(rows, records, meta, problem_count, build)
    entries, counts, total = index_part(rows, records, meta)
    chunks = {}
    for relative, items, columns in region_tables(rows, records):
        chunk = Path(build.path) / FOLDER / f"{label}-{Path(relative).name}"
        chunk.parent.mkdir(parents=True, exist_ok=True)
        with chunk.open("w", encoding="utf-8", newline="") as stream:
            write_csv(stream, items, columns, header=False)
        chunks[relative] = str(chunk)
    return PartPages(count, entries, counts, total, chunks)


def note_files(problems: list[Problem], quarantined: list[dict], meta, build) -> None:
    """methodology.html, problems.html, problems.csv and quarantine.csv into the build."""
    from reports.render import notes_pages
    from reports.tables import note_tables

    for relative, page in notes_pages(problems, quarantined, meta):
        build.write(relative, page)
    _write_tables(note_tables(problems, quarantined), build)


def site_files(parts: list[PartPages], problems: list[Problem], quarantined: list[dict], meta, build) -> None:
    """index.html from the parts' entries (in region order) and the two region tables joined from
    their pieces: the same files `overview_files` writes from all rows and records at once."""
    import shutil

    from reports.render import index_page
    from reports.tables import csv_bytes, region_tables

    entries = [entry for part in parts for entry in part.entries]
    totals = add_statuses([part.counts for part in parts])
    relative, page = index_page(entries, totals, sum(p.total for p in parts), problems, quarantined, meta)
    build.write(relative, page)
    for relative, _, columns in region_tables([], []):
        target = Path(build.path) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as out:
            out.write(csv_bytes([], columns))
            for part in parts:
                with open(part.chunks[relative], "rb") as piece:
                    shutil.copyfileobj(piece, out, 1 << 20)


def overview_files(rows: list[ScoreRow], records: list[Commitment], problems: list[Problem],
                   quarantined: list[dict], meta, build) -> None:
    """Write the site-wide pages (index, methodology, problems) and the four CSVs into the build."""
    from reports.render import index_page, index_part
    from reports.tables import region_tables

    build.write(*index_page(*index_part(rows, records, meta), problems, quarantined, meta))
    _write_tables(region_tables(rows, records), build)
    note_files(problems, quarantined, meta, build)


def _write_tables(tables: list, build) -> None:
    from reports.tables import write_csv

    for relative, items, columns in tables:
        with build.open_text(relative) as stream:  # streamed: never the whole table as one string
            write_csv(stream, items, columns)


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


# Run-specific fields stay out of the site's stamp, so two runners build byte-identical sites.
_UNSTAMPED = ("raw", "out", "elapsed", "timings", "inner", "peak_mb")


def stamped_summary(summary) -> dict:
    """The run's counts and problems, as the next unchanged run reports them (flows.fingerprint)."""
    return {k: v for k, v in summary.to_dict().items() if k not in _UNSTAMPED}
