"""Prefect tasks: thin wrappers over the pure steps, one task per step, named like the step.

No caching by Prefect here (cache_policy=NO_CACHE): extraction has its own per-report cache
(flows/cache.py) and the other steps are cheap or must see fresh inputs. Retries only where I/O can
fail transiently (reading the raw folder and files, swapping the site in). `INNER` accumulates the
seconds spent inside the pure functions, for the benchmark's Prefect share: in-process tasks add
theirs; tasks that may run on Dask workers (scorecard, render) return theirs for the flow to add.
Those take their large inputs as a flows.handoff.Parcel and write pages into the build themselves.
"""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path

from prefect import task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from flows import discover as discover_step
from flows import extract as extract_step
from flows import parts, steps, texts
from flows.handoff import Parcel
from flows.publish import SiteBuild
from flows.summary import RunSummary, markdown

INNER: dict[str, float] = defaultdict(float)
IO_RETRIES = {"retries": 2, "retry_delay_seconds": 1}


class _Timer:
    def __init__(self, name: str) -> None:
        self.name = name

    def __enter__(self) -> None:
        self.started = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        INNER[self.name] += time.perf_counter() - self.started


@task(name="discover", cache_policy=NO_CACHE, **IO_RETRIES)
def discover(raw: str):
    with _Timer("discover"):
        return discover_step.discover(raw)


@task(name="extract", cache_policy=NO_CACHE, **IO_RETRIES)
def extract(batch: list, cache_root: str | None, version: str, text_root: str | None):
    return extract_step.extract_batch(batch, cache_root, version, text_root)


@task(name="read-and-judge", cache_policy=NO_CACHE, **IO_RETRIES)
def part(inputs: list, cache_root: str | None, version: str, build: str, overrides: list, docs_dir: Path,
         label: str) -> parts.PartResult:
    """Read, validate and score one part of the regions where the task runs (flows.parts)."""
    return parts.run_part(inputs, cache_root, version, build, overrides, docs_dir, label)


@task(name="data-docs", cache_policy=NO_CACHE)
def data_docs(docs_dir: Path) -> float:
    """Render the Data Docs of the parts' validations, stored in docs_dir by their tasks: seconds inside."""
    from expectations.runtime import build_docs

    started = time.perf_counter()
    build_docs(docs_dir)
    return time.perf_counter() - started


@task(name="validate", cache_policy=NO_CACHE)
def validate(name: str, items: list, docs_dir: Path | None, cache=None, previous_key: str | None = None,
             key: str = ""):
    with _Timer(f"validate-{name}"):
        return steps.validate_records(name, items, docs_dir, cache, previous_key, key=key)


@task(name="scorecard", cache_policy=NO_CACHE)
def scorecard(part: Parcel, overrides: list, site: Path) -> tuple[tuple[list, list], float]:
    """Match and judge one part's regions (docs, records), with their texts read back from the build
    for this step only: ((rows, problems), seconds inside)."""
    started, (docs, records) = time.perf_counter(), part.open()
    with texts.Loaded(docs, site):
        return steps.score(docs, records, overrides), time.perf_counter() - started


@task(name="render", cache_policy=NO_CACHE)
def render(part: Parcel, meta, problem_count: int, build: SiteBuild) -> tuple[int, float]:
    """Write one part's region pages (rows, records) into the build: (pages written, seconds inside)."""
    started, (rows, records) = time.perf_counter(), part.open()
    return steps.region_pages(rows, records, meta, problem_count, build), time.perf_counter() - started


@task(name="render", cache_policy=NO_CACHE)
def render_part(part: Parcel, meta, problem_count: int, build: SiteBuild, label: str) -> tuple[steps.PartPages, float]:
    """One part's region pages, index entries and pieces of the region tables, into the build."""
    started, (rows, records) = time.perf_counter(), part.open()
    return steps.part_pages(rows, records, meta, problem_count, build, label), time.perf_counter() - started


@task(name="notes", cache_policy=NO_CACHE)
def notes(problems: list, quarantined: list, meta, build: SiteBuild) -> None:
    """methodology.html, problems.html and their tables (they need no region's rows)."""
    with _Timer("render"):
        steps.note_files(problems, quarantined, meta, build)


@task(name="index", cache_policy=NO_CACHE)
def index(done: list, problems: list, quarantined: list, meta, build: SiteBuild) -> None:
    """index.html and the region tables from the parts' render tasks (flows.steps.site_files)."""
    with _Timer("render"):
        steps.site_files(done, problems, quarantined, meta, build)


@task(name="overview", cache_policy=NO_CACHE)
def overview(rows: list, records: list, problems: list, quarantined: list, meta, build: SiteBuild) -> None:
    """Write the site-wide pages and the CSVs into the build."""
    with _Timer("render"):
        steps.overview_files(rows, records, problems, quarantined, meta, build)


@task(name="publish", cache_policy=NO_CACHE, **IO_RETRIES)
def publish(build: SiteBuild) -> str:
    """Swap the build (pages, tables and texts all written already) into place."""
    with _Timer("publish"):
        return str(build.commit())


@task(name="summary", cache_policy=NO_CACHE)
def summary_artifact(summary: RunSummary) -> None:
    create_markdown_artifact(markdown(summary), key="duixian-run-summary",
                             description="duixian annual run: counts, statuses and problems")
