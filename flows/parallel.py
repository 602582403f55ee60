"""How the run spreads its work over the task runner: where tasks run, batch sizes, region parts.

Under Dask every task pays ~0.2 s on its worker (Prefect rebuilds its settings and API client per
task run) and ~0.05 s in the flow process (context serialised, task named), so the run makes a few
large tasks per worker instead of one per 25 reports. Under the default thread runner a task costs
~7 ms, but threads share one core (the GIL): scoring and rendering stay one task each there.
Regions are independent for scoring and rendering, so a part is a run of whole regions.
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from flows.discover import ReportInput

TASKS_PER_WORKER = 4  # extraction batches per Dask worker: enough to balance, few enough to be cheap
PARTS_PER_WORKER = 2  # parts of the regions per Dask worker (flows.parts)
PART_MIN_REPORTS = 250  # below this, a further part costs more (GX's fixed cost per validation) than it saves


@dataclass(frozen=True)
class Workers:
    """Where the flow's tasks run: `count` side by side, in this process (threads) or in others."""

    count: int = 1
    elsewhere: bool = False  # worker processes (Dask): task inputs are pickled and sent


def workers_of(task_runner: object) -> Workers:
    """Dask: its worker threads, elsewhere; anything else: one, here (threads share the GIL)."""
    dask = sys.modules.get("prefect_dask")  # loaded by whoever made a DaskTaskRunner; else there is none
    if dask is None or not isinstance(task_runner, dask.DaskTaskRunner):
        return Workers()
    if hasattr(task_runner, "wait_for_workers"):  # a local cluster still starting its workers
        task_runner.wait_for_workers()
    return Workers(max(1, sum(task_runner.client.nthreads().values())), True)  # the client starts the cluster


def batch_size(reports: int, workers: Workers, smallest: int) -> int:
    """Reports per extraction task: `smallest` here, about TASKS_PER_WORKER tasks per worker elsewhere."""
    if not workers.elsewhere:
        return smallest
    return max(smallest, math.ceil(reports / (TASKS_PER_WORKER * workers.count)))


def input_parts(inputs: Sequence[ReportInput], workers: Workers) -> list[list[ReportInput]]:
    """The reports in parts of whole regions (contiguous in region order) of about equal bytes:
    PARTS_PER_WORKER per worker when there are enough reports, one per worker at least (flows.parts
    reads, validates and scores each part as one task)."""
    weights: Counter = Counter()
    for item in inputs:
        weights[item.region] += max(item.size, 1)
    count = max(workers.count, min(PARTS_PER_WORKER * workers.count, len(inputs) // PART_MIN_REPORTS))
    where = {region: i for i, part in enumerate(_cut(weights, count)) for region in part}
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


def release(future: object) -> None:
    """Let a Dask worker drop a result the flow has taken (it would hold it until the run ends)."""
    wrapped = getattr(future, "wrapped_future", None)
    if hasattr(wrapped, "release"):
        wrapped.release()
