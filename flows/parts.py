"""A part of the regions read, validated and scored in one task, on a Dask worker.

Why: with the work spread over Dask workers the flow process had become the bottleneck. It took
every extraction batch's records back (240,000 at 3,000 reports), validated both tables alone
while the workers waited, and pickled each part's inputs again for scoring and for rendering:
two workers ran only 1.4× faster than one. Every rule of the suites concerns a row, a report or a
region and year, and matching and judging work per region, so a part made of whole regions goes
from files to judged rows on its own: Great Expectations runs on the worker (its result stored in
the Data Docs folder, all rendered once after), the part's page inputs go to the build in a
parcel for its render task, and the flow merges what comes back into what one pass over all
regions gives (the site is byte-identical to the default runner's).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from extractors.records import Problem
from flows import steps, texts
from flows.discover import ReportInput
from flows.extract import extract_batch
from flows.handoff import Parcel

STAGE = "read and judge"  # the progress stage (and timings key) of the parts


@dataclass
class PartResult:
    """One part's outcome: what the flow merges, and where its page inputs wait for rendering."""

    gathered: steps.Gathered  # documents (texts on disk) and read problems; records left out
    commitments: steps.Validated  # quarantined rows and report-level problems; the kept records are in `pages`
    score_problems: list[Problem]
    scorecard: steps.Validated  # the same for the rows
    pages: Parcel  # (rows, records) kept, for the part's render task
    records: int  # records kept
    statuses: dict[str, int]  # kept rows per status
    target_keys: set[tuple[str, int]]  # (region, year) with targets: for the stale-override check
    seconds: dict[str, float] = field(default_factory=dict)  # inside each step, for the benchmark


def run_part(inputs: list[ReportInput], cache_root: str | None, version: str | None, build: str | Path,
             overrides: list, docs_dir: Path | None, label: str) -> PartResult:
    """Extract (cache first), place the texts, validate the records, score, validate the rows.

    `label` (e.g. "part-2-of-4") names this part's suites and results in the Data Docs.
    """
    seconds: dict[str, float] = {}
    extracted = extract_batch(inputs, cache_root, version, build)
    got = steps.gather(extracted, [])
    kept = {id(doc) for doc in got.docs}
    texts.place(got.docs, build, dropped=[e.doc for e in extracted if e.doc is not None and id(e.doc) not in kept])
    seconds["extract"] = got.extract_seconds

    started = time.perf_counter()
    checked = steps.validate_records("commitments", got.records, docs_dir, part=label)
    seconds["validate-commitments"] = time.perf_counter() - started

    started = time.perf_counter()
    with texts.Loaded(got.docs, build):
        rows, problems = steps.score(got.docs, checked.kept, overrides)
    seconds["scorecard"] = time.perf_counter() - started

    started = time.perf_counter()
    judged = steps.validate_records("scorecard", rows, docs_dir, part=label)
    seconds["validate-scorecard"] = time.perf_counter() - started

    pages = Parcel((judged.kept, checked.kept), build)
    summary = len(checked.kept), steps.status_counts(judged.kept), steps.target_keys(checked.kept)
    got.records, checked.kept, judged.kept = [], [], []  # they travel in `pages`, through the build
    return PartResult(got, checked, problems, judged, pages, *summary, seconds=seconds)


def labels(count: int) -> list[str]:
    """Names of `count` parts for the Data Docs: part-1-of-4 …"""
    return [f"part-{i}-of-{count}" for i in range(1, count + 1)]
