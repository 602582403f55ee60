"""Prefect tasks: thin wrappers over the steps (steps/), one task per step, named like the step;
and where they run (`workers_of`), the one thing in which the task runners differ for the flow.

Each task returns (its value, the seconds spent inside its function), so that timings come back
with the results from wherever the task ran (a thread here or a Dask worker) and the flow adds them
up (flows.summary.Stages.took). No caching by Prefect (cache_policy=NO_CACHE): extraction and
validation have their own caches (steps/cache.py) and the other steps must see fresh inputs.
Retries only where I/O can fail transiently (reading the raw folder and files, swapping the site in).
Large values (a part's judged tables) come as a steps.handoff.Parcel; pages go straight into the build.
"""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from prefect import task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from flows.publish import SiteBuild
from flows.summary import RunSummary, markdown
from steps import datasets as datasets_step
from steps import discover as discover_step
from steps import parts, site
from steps.handoff import Parcel
from steps.processes import give_back_memory

IO_RETRIES = {"retries": 2, "retry_delay_seconds": 1}


@dataclass(frozen=True)
class Workers:
    """Where the tasks run: `count` side by side, in this process (threads) or in others (Dask)."""

    count: int = 1
    elsewhere: bool = False  # worker processes: task inputs are pickled and sent


def workers_of(task_runner: object) -> Workers:
    """Dask: its worker threads, elsewhere; anything else: one, here (threads share the GIL)."""
    dask = sys.modules.get("prefect_dask")  # loaded by whoever made a DaskTaskRunner; else there is none
    if dask is None or not isinstance(task_runner, dask.DaskTaskRunner):
        return Workers()
    if hasattr(task_runner, "wait_for_workers"):  # a local cluster still starting its workers
        task_runner.wait_for_workers()
    return Workers(max(1, sum(task_runner.client.nthreads().values())), True)  # the client starts the cluster


def take(future: Any) -> Any:
    """The task's result; its Dask worker may then forget it (it would hold it until the run ends)."""
    result = future.result()
    wrapped = getattr(future, "wrapped_future", None)
    if hasattr(wrapped, "release"):
        wrapped.release()
    return result


def timed(function: Callable) -> Callable[..., tuple[Any, float]]:
    """`function` returning (its value, seconds inside it)."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> tuple[Any, float]:
        started = time.perf_counter()
        return function(*args, **kwargs), time.perf_counter() - started

    return wrapper


@task(name="discover", cache_policy=NO_CACHE, **IO_RETRIES)
@timed
def discover(raw: str):
    """Every candidate report under `raw` and the misplaced files (steps.discover)."""
    return discover_step.discover(raw)


@task(name="read-and-judge", cache_policy=NO_CACHE, **IO_RETRIES)
def read_and_judge(inputs: list, plan: parts.Plan, label: str,
                   on_read: Callable[[int], None] | None = None) -> parts.PartResult:
    """Read, validate and score one part of the regions where the task runs (steps.parts); its
    seconds per step come back in the result."""
    return parts.run_part(inputs, plan, label, on_read)


@task(name="render", cache_policy=NO_CACHE)
@timed
def render(part: Parcel, meta, problem_count: int, build: SiteBuild, label: str,
           processes: int = 1) -> site.PartPages:
    """One part's region pages, index entries and pieces of the region tables, into the build."""
    rows, records = part.open()
    pages = site.part_pages(rows, records, meta, problem_count, build, label, processes)
    del rows, records
    give_back_memory()  # on a Dask worker, the part's rows and pages are done with
    return pages


@task(name="notes", cache_policy=NO_CACHE)
@timed
def notes(problems: list, quarantined: list, meta, build: SiteBuild) -> None:
    """methodology.html, problems.html and their tables (they need no region's rows)."""
    site.note_files(problems, quarantined, meta, build)


@task(name="index", cache_policy=NO_CACHE)
@timed
def index(done: list, problems: list, quarantined: list, meta, build: SiteBuild) -> None:
    """index.html and the region tables joined from the parts' pieces (steps.site.site_files)."""
    site.site_files(done, problems, quarantined, meta, build)


@task(name="datasets", cache_policy=NO_CACHE)
@timed
def datasets(done: list, docs: list, raw: str, build: SiteBuild, meta, problem_count: int) -> None:
    """data/panel.csv, panel.parquet, duixian.sqlite and the comparison pages (steps.datasets),
    after the region tables."""
    datasets_step.datasets(done, docs, raw, build, meta, problem_count)


@task(name="data-docs", cache_policy=NO_CACHE)
@timed
def data_docs(docs_dir: Path) -> None:
    """Render the Data Docs of the validations the parts stored in docs_dir."""
    from expectations.runtime import build_docs

    build_docs(docs_dir)


@task(name="publish", cache_policy=NO_CACHE, **IO_RETRIES)
@timed
def publish(build: SiteBuild) -> str:
    """Swap the build (pages, tables and texts all written already) into place."""
    return str(build.commit())


@task(name="summary", cache_policy=NO_CACHE)
def summary_artifact(summary: RunSummary) -> None:
    create_markdown_artifact(markdown(summary), key="duixian-run-summary",
                             description="duixian annual run: counts, statuses and problems")
