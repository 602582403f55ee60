"""The annual run as a Prefect flow: discover → read and judge → render → publish, one path for every task runner.

Read and judge = extract (cached), validate the records, score, validate the rows, done per part of
the regions by one task (steps.parts): one part with the default runner (threads in this process),
about two per worker with Dask (flows.tasks.workers_of, steps.parts.count). Each part's pages are
rendered by another task; this process merges counts and problems and writes the site-wide pages.
Every file is written into a build folder beside <out> as it is made, and the build is swapped in at
the end; with no readable report nothing is published and the previous site stays as it was (exit
status 2). The steps are plain functions in steps/; the tasks in flows.tasks.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow
from prefect.context import get_run_context
from prefect.futures import as_completed
from prefect.states import Completed, State
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote  # big lists pass as one value: Prefect skips walking them

from duixian.version import code_version
from flows import summary as progress
from flows import tasks
from flows.publish import SiteBuild
from flows.summary import EXIT_OK, RunSummary, Stages
from steps import handoff, parts, site, texts
from steps.cache import ExtractionCache, ValidationCache
from steps.fingerprint import default_overrides, input_fingerprint
from steps.judge import read_hashes, read_overrides
from steps.processes import cores, give_back_memory

CACHE_DIR_NAME = ".duixian-cache"  # beside <out>, so swapping <out> keeps it
PROBLEMS_STATE = "CompletedWithProblems"  # a Completed state's name: event prefect.flow-run.CompletedWithProblems
THREADS = 4  # a part, its render task and the Data Docs side by side (the default runner; the GIL shares one core)


def state_message(summary: RunSummary) -> str:
    """One line for the flow run's state: what was built, how many inputs had problems, where they are listed."""
    count = f"{len(summary.problems)} input problem{'s' if len(summary.problems) != 1 else ''}"
    if summary.produced:
        return f"site built with {count}: see {summary.out}/problems.html"
    return f"nothing produced ({count}); the previous site was left as it was"


def default_cache_dir(out: str | Path) -> Path:
    return Path(out).absolute().parent / CACHE_DIR_NAME


@flow(name="duixian-annual", description="Read the reports, judge last year's targets, publish the site.",
      task_runner=ThreadPoolTaskRunner(max_workers=THREADS))
def annual_run(raw: str = "data/raw", out: str = "reports/site", cache_dir: str | None = None,
               overrides: str | None = None) -> dict | State:
    run = Run.begin(raw, out, cache_dir, overrides)
    try:
        with run.stage("discover"):
            inputs, found = run.stage.took("discover", tasks.discover(raw))
        with run.stage(parts.STAGE, len(inputs)):
            results, labels = read_and_judge(inputs, run)
        judged = parts.merge(results, found, run.overrides, run.override_problems, run.version)
        if judged.got.docs:
            with run.stage("render"):
                render(results, labels, judged, run)
            with run.stage("publish"):
                publish(inputs, judged, run)
    finally:
        run.build.discard()  # no-op after a successful publish
    return run.finish(len(inputs), judged)


@dataclass
class Run:
    """One run's settings and bookkeeping: the build folder, caches, overrides, timings, summary."""

    raw: str
    build: SiteBuild
    cache_dir: str
    overrides_path: Path
    overrides: list
    override_problems: list
    version: str
    stage: Stages = field(default_factory=Stages)
    started: float = field(default_factory=time.perf_counter)
    processes: int = 1  # processes a large part's extraction and pages may use: the cores, unless on Dask

    @classmethod
    def begin(cls, raw: str, out: str, cache_dir: str | None, overrides: str | None) -> Run:
        path = Path(overrides or default_overrides(raw))
        return cls(raw, SiteBuild(out), str(Path(cache_dir or default_cache_dir(out)).absolute()), path,
                   *read_overrides(path), code_version())

    def summary(self, found: int, judged: parts.Judged, produced: bool) -> RunSummary:
        """The counts and problems of the run (stamped on the site, shown by the CLI)."""
        got = judged.got
        summary = RunSummary(raw=self.raw, out=str(self.build.out), code_version=self.version, reports_found=found,
                             reports_read=len(got.docs), from_cache=got.cached, produced=produced)
        summary.problems = [vars(p) for p in (judged.problems if got.docs else got.problems)]
        if got.docs:
            summary.records, summary.quarantined, summary.targets = judged.records, len(judged.quarantined), judged.statuses
        return summary

    def finish(self, found: int, judged: parts.Judged) -> dict | State:
        """The summary with the timings, published as a Prefect artifact and returned; when some
        inputs had problems (or nothing was produced), in a Completed state named PROBLEMS_STATE
        whose message says so, for the operator (the UI, the API, automations on its event)."""
        summary = self.summary(found, judged, self.build.published)
        summary.elapsed, summary.timings = time.perf_counter() - self.started, self.stage.seconds
        summary.inner, summary.peak_mb = dict(self.stage.inner), self.stage.peak_mb
        tasks.summary_artifact(summary)
        if summary.exit_code == EXIT_OK:
            return summary.to_dict()
        return Completed(name=PROBLEMS_STATE, message=state_message(summary), data=summary.to_dict())


def read_and_judge(inputs: list, run: Run) -> tuple[list[parts.PartResult], list[str]]:
    """Each part of the regions read, validated and scored by one task; the results in region order."""
    workers = tasks.workers_of(get_run_context().task_runner)
    run.processes = 1 if workers.elsewhere else cores()  # Dask: its worker processes are the parallelism
    groups = parts.cut(inputs, parts.count(len(inputs), workers.count, workers.elsewhere))
    whole = len(groups) == 1  # the previous site's Data Docs and validation keys serve whole tables only
    previous = run.build.previous_stamps().get("validation", {}) if whole and run.build.seed("validation") else {}
    extraction = ExtractionCache(run.cache_dir)
    plan = parts.Plan(run.cache_dir, extraction.version, run.version, str(run.build.path),
                      str(run.build.path / "validation"), run.overrides, previous,
                      str(run.build.path) if workers.elsewhere else None, run.processes)
    labels = parts.labels(len(groups))
    futures = [tasks.read_and_judge.submit(group, plan, label, progress.advance)
               for group, label in zip(groups, labels, strict=True)]
    order, results, read = {id(f): i for i, f in enumerate(futures)}, [None] * len(futures), 0
    for future in as_completed(futures):
        index = order[id(future)]
        results[index] = result = tasks.take(future)
        run.stage.inner.update(result.seconds)
        read += len(groups[index])
        progress.reach(read)
    texts.clear(run.build.path)
    extraction.prune()
    return results, labels


def render(results: list[parts.PartResult], labels: list[str], judged: parts.Judged, run: Run) -> None:
    """Each part's region pages, index entries and pieces of the region tables as a task, and the
    Data Docs of the parts' validations as one more; this process meanwhile writes the pages and
    tables of the problems, then joins the index and the region tables in region order."""
    build, problems, quarantined = run.build, quote(judged.problems), quote(judged.quarantined)
    meta = site.site_meta(judged.got.docs, "validation", run.version)
    count = len(judged.problems) + len(judged.quarantined)
    futures = [tasks.render.submit(r.pages, meta, count, build, label, run.processes)
               for r, label in zip(results, labels, strict=True)]
    docs = tasks.data_docs.submit(build.path / "validation") if any(r.validated for r in results) else None
    run.stage.took("render", tasks.notes(problems, quarantined, meta, build))
    done = [run.stage.took("render", tasks.take(future)) for future in futures]
    for result in results:  # the parts' rows and records are in their pages now: free them for the tables
        result.pages.release()
    give_back_memory()
    run.stage.took("render", tasks.index(quote(done), problems, quarantined, meta, build))
    run.stage.took("render", tasks.datasets(quote(done), quote(judged.got.docs), run.raw, build, meta, count))
    if docs is not None:
        run.stage.took("data-docs", tasks.take(docs))
    handoff.clear(build.path)


def publish(inputs: list, judged: parts.Judged, run: Run) -> None:
    """Stamp the build with what it was made from (the next run compares), swap it in, prune the caches."""
    got = judged.got
    fingerprint = input_fingerprint(run.raw, run.overrides_path, run.version, read_hashes(inputs, got.docs))
    run.build.stamp({"code_version": run.version, "inputs": fingerprint, "validation": judged.keys,
                     "summary": site.stamped_summary(run.summary(len(inputs), judged, True))})
    run.stage.took("publish", tasks.publish(run.build))
    ValidationCache(run.cache_dir, run.version).prune()
