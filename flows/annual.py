"""The annual run as a Prefect flow: discover → extract (batched, cached) → validate → score → render → publish.

Orchestration only; every step is a pure function in flows/steps.py & co. and the layers below.
Default runner (threads in this process): extraction mapped over batches of reports, then each
table validated once, scoring, rendering. Dask: each part of the regions is read, validated and
scored by one task on a worker and its pages rendered by another (flows.parts); this process only
merges counts and problems. Every file is written into a build folder beside <out> as it is made,
and the build is swapped in at the end; with no readable report nothing is published and the
previous site stays as it was (exit status 2).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from prefect import flow, unmapped
from prefect.context import get_run_context
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote  # big lists pass as one value: Prefect skips walking them

from duixian.version import code_version
from flows import handoff, parallel, parts, progress, steps, tasks, texts
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


def score_all(docs: list, records: list, chosen: list, problems: list, build: SiteBuild) -> tuple[list, list]:
    """Match and judge every region in one task (threads share one core; under Dask each part is
    scored on a worker, flows.parts): (rows, problems), the problems of the overrides file
    (`problems`) first and the stale overrides last."""
    (rows, found), seconds = tasks.scorecard(Parcel((docs, records)), chosen, build.path)
    tasks.INNER["scorecard"] += seconds
    return rows, [*problems, *found, *steps.stale_overrides(steps.target_keys(records), chosen)]


def render_all(rows: list, records: list, problems: list, quarantined: list, meta, build: SiteBuild) -> None:
    """The region pages as a task, written into the build by it, while this process writes the
    site-wide pages and the CSVs."""
    future = tasks.render.submit(Parcel((rows, records)), meta, len(problems) + len(quarantined), build)
    tasks.overview(quote(rows), quote(records), quote(problems), quote(quarantined), meta, build)
    tasks.INNER["render"] += future.result()[1]


def render_parts(judged: Judged, meta, build: SiteBuild) -> None:
    """Each part's region pages, index entries and pieces of the region tables as a task on the
    workers (flows.parts), and the parts' Data Docs as one more (Great Expectations is never
    imported here); this process meanwhile writes the pages and tables of the problems, then joins
    the index and the region tables in region order."""
    count = len(judged.problems) + len(judged.quarantined)
    labels = parts.labels(len(judged.parcels or []))
    futures = [tasks.render_part.submit(parcel, meta, count, build, label)
               for parcel, label in zip(judged.parcels or [], labels, strict=True)]
    docs = tasks.data_docs.submit(judged.docs_dir) if judged.docs_dir is not None else None
    tasks.notes(quote(judged.problems), quote(judged.quarantined), meta, build)
    done = []
    for future in futures:
        result, seconds = _take(future)
        done.append(result)
        tasks.INNER["render"] += seconds
    tasks.index(quote(done), quote(judged.problems), quote(judged.quarantined), meta, build)
    if docs is not None:
        tasks.INNER["data-docs"] += _take(docs)
    handoff.clear(build.path)


@dataclass
class Judged:
    """The validated tables and every problem, ready to render. Validated by parts (flows.parts),
    the rows and records stay with the parts (`parcels`) and only their counts come here."""

    records: list
    rows: list
    problems: list
    quarantined: list
    keys: dict[str, str]  # each table's validation cache key (flows.steps.table_keys)
    record_count: int = 0
    statuses: dict[str, int] | None = None  # rows per status
    parcels: list[Parcel] | None = None  # the parts' (rows, records), in the build
    docs_dir: Path | None = None  # Data Docs stored by the parts, to render


def judge(got: steps.Gathered, build: SiteBuild, overrides: Path, cache: ValidationCache, version: str,
          stage: progress.Stages) -> Judged:
    """Validate the records, score, validate the rows: each table validated once, here."""
    docs_dir = build.path / "validation"
    previous = build.previous_stamps().get("validation", {}) if build.seed("validation") else {}
    chosen, override_problems = steps.read_overrides(overrides)
    keys = steps.table_keys(got.docs, version, chosen)
    with stage("validate"):
        checked = tasks.validate("commitments", quote(got.records), docs_dir, cache, previous.get("commitments"),
                                 keys["commitments"])
    with stage("score"):
        rows, score_problems = score_all(got.docs, checked.kept, chosen, override_problems, build)
        judged = tasks.validate("scorecard", quote(rows), docs_dir, cache, previous.get("scorecard"),
                                keys["scorecard"])
    return Judged(checked.kept, judged.kept, got.problems + checked.problems + score_problems + judged.problems,
                  checked.quarantined + judged.quarantined, keys, len(checked.kept), steps.status_counts(judged.kept))


def read_and_judge(inputs: list, found: list, cache_dir: str, build: SiteBuild, overrides: Path | None,
                   version: str, stage: progress.Stages, workers: Workers) -> tuple[steps.Gathered, Judged]:
    """Each part of the regions read, validated and scored by one task on the workers (flows.parts);
    the parts' outcomes merged in region order, as `gather` and `judge` would give them."""
    chosen, override_problems = steps.read_overrides(overrides)
    groups = parallel.input_parts(inputs, workers)
    docs_dir, extraction = build.path / "validation", ExtractionCache(cache_dir)
    with stage(parts.STAGE, len(inputs)):
        futures = [tasks.part.submit(group, cache_dir, extraction.version, str(build.path), chosen, docs_dir, label)
                   for group, label in zip(groups, parts.labels(len(groups)), strict=True)]
        order = {id(future): i for i, future in enumerate(futures)}
        results: list = [None] * len(futures)
        for future in as_completed(futures):
            result = results[order[id(future)]] = _take(future)
            progress.advance(len(groups[order[id(future)]]))
            for name, seconds in result.seconds.items():
                tasks.INNER[name] += seconds
        texts.clear(build.path)
        extraction.prune()
    got = steps.merge_gathered([r.gathered for r in results], found)
    checked = steps.merge_validated("commitments", [r.commitments for r in results])
    judged = steps.merge_validated("scorecard", [r.scorecard for r in results])
    score_problems = override_problems + [p for r in results for p in r.score_problems]
    score_problems += steps.stale_overrides(set().union(*(r.target_keys for r in results)), chosen)
    problems = got.problems + checked.problems + score_problems + judged.problems
    keys = steps.table_keys(got.docs, version, chosen)  # stamped, as the default runner does; no cache here
    return got, Judged([], [], problems, checked.quarantined + judged.quarantined, keys,
                       sum(r.records for r in results), steps.add_statuses([r.statuses for r in results]),
                       [r.pages for r in results], docs_dir)


def build_site(got: steps.Gathered, judged: Judged, build: SiteBuild, version: str, stage: progress.Stages,
               summary: RunSummary, fingerprint: str) -> None:
    """Render and publish the judged tables."""
    with stage("render"):
        meta = steps.site_meta(got.docs, "validation", version)
        if judged.parcels is not None:
            render_parts(judged, meta, build)
        else:
            render_all(judged.rows, judged.records, judged.problems, judged.quarantined, meta, build)
    summary.records, summary.quarantined = judged.record_count, len(judged.quarantined)
    summary.targets, summary.produced = judged.statuses, True
    summary.problems = [vars(p) for p in judged.problems]
    with stage("publish"):
        build.stamp({"code_version": version, "inputs": fingerprint, "validation": judged.keys,
                     "summary": steps.stamped_summary(summary)})
        tasks.publish(build)


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
        overrides_path = Path(overrides or default_overrides(raw))
        cache, judged = ValidationCache(cache_dir), None
        if workers.elsewhere and inputs:
            got, judged = read_and_judge(inputs, found, cache_dir, build, overrides_path, version, stage, workers)
        else:
            with stage("extract", len(inputs)):
                size = parallel.batch_size(len(inputs), workers, batch_size)
                got = steps.gather(extract_all(inputs, cache_dir, size, build.path), found)
                texts.place(got.docs, build.path)
        summary.reports_found, summary.reports_read, summary.from_cache = len(inputs), len(got.docs), got.cached
        summary.problems = [vars(p) for p in got.problems]
        if got.docs:
            fingerprint = input_fingerprint(raw, overrides_path, version, steps.read_hashes(inputs, got.docs))
            judged = judged or judge(got, build, overrides_path, cache, version, stage)
            build_site(got, judged, build, version, stage, summary, fingerprint)
            cache.prune()
    finally:
        build.discard()  # no-op after a successful publish
    summary.elapsed, summary.timings, summary.peak_mb = time.perf_counter() - started, stage.seconds, stage.peak_mb
    summary.inner = {**tasks.INNER, "extract": got.extract_seconds}
    tasks.summary_artifact(summary)
    return summary.to_dict()
