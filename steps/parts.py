"""A part of the regions read, validated and scored in one go: the unit of work of the annual run.

Why parts: every rule of the suites concerns a row, a report or a region and year, and matching and
judging work per region, so a part made of whole regions goes from files to judged rows on its own
and the results merge (steps.judge.merge_*) into what one pass over all regions gives. The default
task runner reads the reports as one part (threads share one core); on Dask the regions are cut
into about two parts per worker so that each worker reads, validates (Great Expectations on the
worker, its result stored in the Data Docs folder) and scores its own, and the flow process never
holds the records (benchmarks/findings.md, session 3: it had become the bottleneck).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from extractors.records import Problem
from steps import judge, texts
from steps.cache import ValidationCache
from steps.discover import ReportInput
from steps.extract import extract_batch
from steps.handoff import Parcel
from steps.processes import give_back_memory

STAGE = "read and judge"  # the progress stage (and timings key) of the parts
PARTS_PER_WORKER = 2  # parts of the regions per worker process (flows/dask_runner.py)
SCORE_CHUNK = 100  # regions scored at a time with their texts loaded (steps.texts.Loaded)
PART_MIN_REPORTS = 250  # below this, a further part costs more (GX's fixed cost per validation) than it saves


@dataclass(frozen=True)
class Plan:
    """What every part needs besides its reports: where the caches, the build and the Data Docs are,
    the overrides, and the previous site's validation keys (whole tables only)."""

    cache_dir: str
    extractor_version: str
    code_version: str
    build: str
    docs_dir: str
    overrides: list = field(default_factory=list)
    previous_keys: dict[str, str] = field(default_factory=dict)
    handoff: str | None = None  # where the part's judged tables wait for its render task; None: in memory
    processes: int = 1  # processes extracting a large part (steps.extract): the cores, in the flow's process


@dataclass
class PartResult:
    """One part's outcome: what the flow merges, and where its page inputs wait for rendering."""

    gathered: judge.Gathered  # documents (texts on disk) and read problems; records left out
    commitments: judge.Validated  # quarantined rows and report-level problems; the kept records are in `pages`
    score_problems: list[Problem]
    scorecard: judge.Validated  # the same for the rows
    pages: Parcel  # (rows, records) kept, for the part's render task
    records: int  # records kept
    statuses: dict[str, int]  # kept rows per status
    target_keys: set[tuple[str, int]]  # (region, year) with targets: for the stale-override check
    seconds: dict[str, float] = field(default_factory=dict)  # inside each step, for the summary and the benchmark

    @property
    def validated(self) -> bool:
        """Great Expectations stored a result (not all from the cache, not empty): Data Docs to render."""
        return any(not v.cached and v.stats.get("rows") for v in (self.commitments, self.scorecard))


def run_part(inputs: list[ReportInput], plan: Plan, label: str = "",
             on_read: Callable[[int], None] | None = None) -> PartResult:
    """Extract (cache first), place the texts, validate the records, score, validate the rows.

    `label` (e.g. "part-2-of-4"; "" for the whole table) names this part's suites and results in
    the Data Docs. `on_read(1)` after each report read.
    """
    seconds: dict[str, float] = {}
    extracted = extract_batch(inputs, plan.cache_dir, plan.extractor_version, plan.build, on_read,
                              processes=plan.processes)
    got = judge.gather(extracted, [])
    kept = {id(doc) for doc in got.docs}
    texts.place(got.docs, plan.build, dropped=[e.doc for e in extracted if e.doc is not None and id(e.doc) not in kept])
    seconds["extract"] = got.extract_seconds

    cache = ValidationCache(plan.cache_dir, plan.code_version)
    keys = judge.table_keys(got.docs, plan.code_version, plan.overrides)  # the whole table's, for one part
    started = time.perf_counter()
    checked = judge.validate_records("commitments", got.records, Path(plan.docs_dir), cache,
                                     plan.previous_keys.get("commitments"), keys["commitments"], label)
    seconds["validate-commitments"] = time.perf_counter() - started
    give_back_memory()  # GX's frames of the whole part are gone: their pages back to the system

    started = time.perf_counter()
    rows, problems = score_in_chunks(got.docs, checked.kept, plan)
    seconds["scorecard"] = time.perf_counter() - started

    started = time.perf_counter()
    judged = judge.validate_records("scorecard", rows, Path(plan.docs_dir), cache,
                                    plan.previous_keys.get("scorecard"), keys["scorecard"], label)
    seconds["validate-scorecard"] = time.perf_counter() - started
    give_back_memory()

    pages = Parcel((judged.kept, checked.kept), plan.handoff)
    summary = len(checked.kept), judge.status_counts(judged.kept), judge.target_keys(checked.kept)
    got.records, checked.kept, judged.kept = [], [], []  # they travel in `pages`
    return PartResult(got, checked, problems, judged, pages, *summary, seconds=seconds)


def score_in_chunks(docs: list, records: list, plan: Plan) -> tuple[list, list[Problem]]:
    """Score the part SCORE_CHUNK regions at a time with only their texts loaded (regions are
    independent and come out in region order: the same rows as one pass, without every text of the
    part in memory at once)."""
    by_region: dict[str, tuple[list, list]] = {}
    for doc in docs:
        by_region.setdefault(doc.region, ([], []))[0].append(doc)
    for record in records:
        by_region.setdefault(record.region, ([], []))[1].append(record)
    regions = sorted(by_region)
    rows: list = []
    problems: list[Problem] = []
    for first in range(0, len(regions), SCORE_CHUNK):
        chunk = regions[first:first + SCORE_CHUNK]
        chunk_docs = [doc for region in chunk for doc in by_region[region][0]]
        chunk_records = [record for region in chunk for record in by_region[region][1]]
        with texts.Loaded(chunk_docs, plan.build):
            more_rows, more_problems = judge.score(chunk_docs, chunk_records, plan.overrides)
        rows += more_rows
        problems += more_problems
    return rows, problems


def count(reports: int, workers: int, elsewhere: bool) -> int:
    """How many parts: one when the tasks run in this process (threads share one core);
    PARTS_PER_WORKER per worker process when there are enough reports, one per worker at least."""
    if not elsewhere:
        return 1
    return max(workers, min(PARTS_PER_WORKER * workers, reports // PART_MIN_REPORTS))


def labels(parts: int) -> list[str]:
    """Names of the parts for the Data Docs: part-1-of-4 …; "" for a single part (the whole table)."""
    return [f"part-{i}-of-{parts}" for i in range(1, parts + 1)] if parts > 1 else [""][:parts]


def cut(inputs: Sequence[ReportInput], parts: int) -> list[list[ReportInput]]:
    """The reports in at most `parts` parts of whole regions (contiguous in region order) of about
    equal bytes; each part in path order."""
    weights: Counter = Counter()
    for item in inputs:
        weights[item.region] += max(item.size, 1)
    where = {region: i for i, part in enumerate(_cut(weights, parts)) for region in part}
    out: list[list[ReportInput]] = [[] for _ in set(where.values())]
    for item in sorted(inputs, key=lambda i: i.path):
        out[where[item.region]].append(item)
    return out


def _cut(weights: Counter, count: int) -> list[list[str]]:
    """The sorted names in at most `count` contiguous runs, each cut at the name that brings its
    running total closest to the next 1/count of the whole."""
    names = sorted(weights)
    count = min(len(names), count)
    if count <= 1:
        return [names] if names else []
    total, parts, current, filled = sum(weights.values()), [], [], 0
    for name in names:
        boundary = total * (len(parts) + 1) / count
        weight = weights[name]
        if current and len(parts) < count - 1 and filled + weight - boundary > boundary - filled:
            parts.append(current)  # closer to the boundary without this name: cut before it
            current = []
            boundary = total * (len(parts) + 1) / count
        current.append(name)
        filled += weight
        if filled >= boundary and len(parts) < count - 1:
            parts.append(current)
            current = []
    return [*parts, current] if current else parts


@dataclass
class Judged:
    """The parts' outcomes merged, in region order, as one pass over all the reports gives them."""

    got: judge.Gathered  # the documents kept and every problem of reading
    problems: list[Problem]  # read, validation, override and scoring problems, in that order
    quarantined: list[dict]
    records: int
    statuses: dict[str, int]
    keys: dict[str, str]  # each whole table's validation cache key (steps.judge.table_keys), stamped


def merge(results: list[PartResult], found: list[Problem], overrides: list, override_problems: list[Problem],
          version: str) -> Judged:
    """Merge the parts (in region order) with the problems found before reading and those of the
    overrides file; the stale overrides are checked here, once, over every part's targets."""
    got = judge.merge_gathered([r.gathered for r in results], found)
    checked = judge.merge_validated("commitments", [r.commitments for r in results])
    rows = judge.merge_validated("scorecard", [r.scorecard for r in results])
    stale = judge.stale_overrides(set().union(*(r.target_keys for r in results)), overrides)
    scoring = [*override_problems, *(p for r in results for p in r.score_problems), *stale]
    return Judged(got, [*got.problems, *checked.problems, *scoring, *rows.problems],
                  [*checked.quarantined, *rows.quarantined], sum(r.records for r in results),
                  judge.add_statuses([r.statuses for r in results]), judge.table_keys(got.docs, version, overrides))
