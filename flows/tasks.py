"""Prefect tasks: thin wrappers over the pure steps, one task per step, named like the step.

No caching by Prefect here (cache_policy=NO_CACHE): extraction has its own per-report cache
(flows/cache.py) and the other steps are cheap or must see fresh inputs. Retries only where I/O can
fail transiently (reading the raw folder and files, writing the site). `INNER` accumulates the
seconds spent inside the pure functions of the in-process tasks, for the benchmark's Prefect share.
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
from flows import steps, texts
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


@task(name="validate", cache_policy=NO_CACHE)
def validate(name: str, items: list, docs_dir: Path | None, cache=None, previous_key: str | None = None):
    with _Timer(f"validate-{name}"):
        return steps.validate_records(name, items, docs_dir, cache, previous_key)


@task(name="scorecard", cache_policy=NO_CACHE)
def scorecard(docs: list, records: list, overrides: Path | None, site: Path):
    """Match and judge, with the texts read back from the build for this step only."""
    with _Timer("scorecard"), texts.Loaded(docs, site):
        return steps.score(docs, records, overrides)


@task(name="render", cache_policy=NO_CACHE)
def render(rows: list, records: list, problems: list, quarantined: list, meta):
    with _Timer("render"):
        return steps.site_files(rows, records, problems, quarantined, meta)


@task(name="publish", cache_policy=NO_CACHE, **IO_RETRIES)
def publish(build: SiteBuild, files: dict) -> str:
    """Write the pages and tables into the build (the texts are there already), then swap it in."""
    with _Timer("publish"):
        for relative, data in files.items():
            build.write(relative, data)
        return str(build.commit())


@task(name="summary", cache_policy=NO_CACHE)
def summary_artifact(summary: RunSummary) -> None:
    create_markdown_artifact(markdown(summary), key="duixian-run-summary",
                             description="duixian annual run: counts, statuses and problems")
