"""The annual run as a Prefect flow: discover → extract (batched, cached) → validate → score → render → publish.

Orchestration only; every step is a pure function in flows/steps.py & co. and the layers below.
Extraction, scoring and rendering are mapped over batches of reports or parts of the regions, side
by side under Dask (flows.parallel); validation runs once per table in this process. Every file is
written into a build folder beside <out> as it is made, and the build is swapped in at the end; with
no readable report nothing is published and the previous site stays as it was (exit status 2).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from prefect import flow, unmapped
from prefect.context import get_run_context
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote  # big lists pass as one value: Prefect skips walking them

from duixian.version import code_version
from flows import handoff, parallel, progress, steps, tasks, texts
from flows.cache import ExtractionCache, ValidationCache
from flows.extract import Extracted, make_batches
from flows.fingerprint import default_overrides, input_fingerprint
from flows.handoff import Parcel
from flows.parallel import Workers
from flows.publish import SiteBuild
from flows.summary import RunSummary

CACHE_DIR_NAME = ".duixian-cache"  # beside <out>, so swapping <out> keeps it
# Extraction is CPU-bound Python: more threads than cores only hold more batches in memory at once
# (Prefect's default pool is unbounded). `--task-runner dask` is the way to use more cores.
EXTRACT_THREADS = min(os.cpu_count() or 1, 4)


def default_cache_dir(out: str | Path) -> Path:
    return Path(out).absolute().parent / CACHE_DIR_NAME


def _take(future):
    """The task's result; its Dask worker may then forget it."""
    result = future.result()
    parallel.release(future)
    return result


def extract_all(inputs: list, cache_dir: str, batch_size: int, site: Path) -> list[Extracted]:
    """Map the extract task over batches; report progress as batches finish; keep input order.

    The texts go straight to disk in the site build (flows.texts); documents come back without them.
    """
    cache = ExtractionCache(cache_dir)
    batches = make_batches(inputs, batch_size)
    futures = tasks.extract.map(batches, unmapped(cache_dir), unmapped(cache.version), unmapped(str(site)))
    done: dict[str, Extracted] = {}
    for future in as_completed(list(futures)):
        batch = _take(future)
        done.update((item.input.path, item) for item in batch)
        progress.advance(len(batch))
    cache.prune()
    return [done[item.path] for item in inputs]


def score_all(docs: list, records: list, overrides: Path, build: SiteBuild, parts: list[list[str]],
              workers: Workers) -> tuple[list, list]:
    """Score each part of the regions as a task: (rows, problems) in region order, as if scored at once."""
    chosen, problems = steps.read_overrides(overrides)
    root = build.path if workers.elsewhere else None
    futures = [tasks.scorecard.submit(Parcel(part, root), chosen, build.path)
               for part in steps.split_by_region(parts, docs, records)]
    rows: list = []
    for future in futures:
        (part_rows, part_problems), seconds = _take(future)
        rows += part_rows
        problems += part_problems
        tasks.INNER["scorecard"] += seconds
    handoff.clear(build.path)
    return rows, problems + steps.stale_overrides(records, chosen)


def render_all(rows: list, records: list, problems: list, quarantined: list, meta, build: SiteBuild,
               parts: list[list[str]], workers: Workers) -> None:
    """Region pages as a task per part, written into the build by the task, while this process writes
    the site-wide pages and the CSVs."""
    count, root = len(problems) + len(quarantined), build.path if workers.elsewhere else None
    futures = [tasks.render.submit(Parcel(part, root), meta, count, build)
               for part in steps.split_by_region(parts, rows, records)]
    tasks.overview(quote(rows), quote(records), quote(problems), quote(quarantined), meta, build)
    for future in futures:
        tasks.INNER["render"] += _take(future)[1]
    handoff.clear(build.path)


def build_site(got: steps.Gathered, build: SiteBuild, overrides: Path, cache_dir: str, version: str,
               stage: progress.Stages, summary: RunSummary, fingerprint: str, workers: Workers) -> None:
    """Validate, score, render and publish the documents that were read."""
    docs_dir, cache = build.path / "validation", ValidationCache(cache_dir)
    previous = build.previous_stamps().get("validation", {}) if build.seed("validation") else {}
    with stage("validate"):
        checked = tasks.validate("commitments", quote(got.records), docs_dir, cache, previous.get("commitments"))
    parts = parallel.region_parts([d.region for d in got.docs] + [r.region for r in checked.kept], workers)
    with stage("score"):
        rows, score_problems = score_all(got.docs, checked.kept, overrides, build, parts, workers)
        judged = tasks.validate("scorecard", quote(rows), docs_dir, cache, previous.get("scorecard"))
    records, rows = checked.kept, judged.kept
    problems = got.problems + checked.problems + score_problems + judged.problems
    quarantined = checked.quarantined + judged.quarantined
    with stage("render"):
        meta = steps.site_meta(got.docs, "validation", version)
        render_all(rows, records, problems, quarantined, meta, build, parts, workers)
    summary.records, summary.quarantined = len(records), len(quarantined)
    summary.targets, summary.problems, summary.produced = steps.status_counts(rows), [vars(p) for p in problems], True
    with stage("publish"):
        build.stamp({"code_version": version, "inputs": fingerprint,
                     "validation": {"commitments": checked.key, "scorecard": judged.key},
                     "summary": steps.stamped_summary(summary)})
        tasks.publish(build)
    cache.prune()


@flow(name="duixian-annual", description="Read the reports, judge last year's targets, publish the site.",
      task_runner=ThreadPoolTaskRunner(max_workers=EXTRACT_THREADS))
def annual_run(raw: str = "data/raw", out: str = "reports/site", cache_dir: str | None = None,
               overrides: str | None = None, batch_size: int = 25) -> dict:
    started, stage, version = time.perf_counter(), progress.Stages(), code_version()
    tasks.INNER.clear()
    summary = RunSummary(raw=raw, out=str(Path(out).absolute()), code_version=version)
    build, cache_dir = SiteBuild(out), str(Path(cache_dir or default_cache_dir(out)).absolute())
    workers = parallel.workers_of(get_run_context().task_runner)
    try:
        with stage("discover"):
            inputs, found = tasks.discover(raw)
        with stage("extract", len(inputs)):
            size = parallel.batch_size(len(inputs), workers, batch_size)
            got = steps.gather(extract_all(inputs, cache_dir, size, build.path), found)
            texts.place(got.docs, build.path)
        summary.reports_found, summary.reports_read, summary.from_cache = len(inputs), len(got.docs), got.cached
        summary.problems = [vars(p) for p in got.problems]
        if got.docs:
            overrides_path = Path(overrides or default_overrides(raw))
            fingerprint = input_fingerprint(raw, overrides_path, version)
            build_site(got, build, overrides_path, cache_dir, version, stage, summary, fingerprint, workers)
    finally:
        build.discard()  # no-op after a successful publish
    summary.elapsed, summary.timings, summary.peak_mb = time.perf_counter() - started, stage.seconds, stage.peak_mb
    summary.inner = {**tasks.INNER, "extract": got.extract_seconds}
    tasks.summary_artifact(summary)
    return summary.to_dict()
