"""flows.parallel (where tasks run, batch sizes, region parts) and flows.handoff (large task inputs)."""

from __future__ import annotations

import pickle

from flows import handoff, parallel
from flows.handoff import Parcel
from flows.parallel import Workers

DASK2 = Workers(2, elsewhere=True)


def test_batch_size__small_batches_here_a_few_large_ones_per_worker_elsewhere():
    assert parallel.batch_size(3000, Workers(), 25) == 25
    assert parallel.batch_size(3000, DASK2, 25) == 375  # 8 tasks for 2 workers
    assert parallel.batch_size(3000, Workers(1, elsewhere=True), 25) == 750
    assert parallel.batch_size(40, DASK2, 25) == 25


def test_cut__contiguous_balanced_and_complete():
    from collections import Counter

    weights = Counter(["a"] * 10 + ["b"] * 10 + ["c"] * 10 + ["d"] * 10 + ["e"] * 1)
    parts = parallel._cut(weights, 4)
    assert [r for part in parts for r in part] == ["a", "b", "c", "d", "e"]
    assert len(parts) == 4 and all(parts)
    assert parallel._cut(weights, 1) == [["a", "b", "c", "d", "e"]]
    assert parallel._cut(Counter(["x"]), 4) == [["x"]]
    assert parallel._cut(Counter(), 4) == []


def test_workers_of__a_thread_pool_runs_here():
    from prefect.task_runners import ThreadPoolTaskRunner

    assert parallel.workers_of(ThreadPoolTaskRunner(max_workers=4)) == Workers(1, elsewhere=False)
    assert parallel.workers_of(None) == Workers()


def test_parcel__in_memory_here_through_a_file_elsewhere(tmp_path):
    value = [{"region": "a"}, 1.5, None]
    here = Parcel(value)
    assert here.open() is value and here.path is None
    sent = pickle.loads(pickle.dumps(Parcel(value, tmp_path)))  # as a Dask worker receives it
    assert sent.open() == value and sent.path.is_file() and len(pickle.dumps(sent)) < 300
    handoff.clear(tmp_path)
    assert not (tmp_path / handoff.FOLDER).exists()


def test_parcel__dask_names_the_task_without_reading_the_value():
    from dask.tokenize import tokenize

    parcel = Parcel(list(range(10)))
    assert tokenize(parcel) == tokenize(pickle.loads(pickle.dumps(parcel))) != tokenize(Parcel(list(range(10))))


def test_input_parts__whole_regions_in_order_balanced_by_bytes(monkeypatch):
    from flows.discover import ReportInput

    sizes = {"a": 900, "b": 100, "c": 100, "d": 800, "e": 100, "f": 500}
    inputs = [ReportInput(f"raw/{r}/{y}.txt", r, size) for r, size in sizes.items() for y in (2024, 2023)]
    assert len(parallel.input_parts(inputs, DASK2)) == 2  # 12 reports: one part per worker
    monkeypatch.setattr(parallel, "PART_MIN_REPORTS", 3)
    parts = parallel.input_parts(inputs, DASK2)
    assert len(parts) == 4
    assert sorted(i.path for part in parts for i in part) == sorted(i.path for i in inputs)  # each once
    regions = [sorted({i.region for i in part}) for part in parts]
    assert [r for part in regions for r in part] == sorted(sizes)  # contiguous runs, in region order
    assert all(len({i.region for i in part}) == len(regions[k]) for k, part in enumerate(parts))
    loads = [sum(i.size for i in part) for part in parts]
    assert max(loads) <= 1800  # the largest region alone is 1800 bytes: no part is much more
    assert parallel.input_parts(inputs, Workers(1, elsewhere=True))[0][0].path == "raw/a/2023.txt"
    assert parallel.input_parts([], DASK2) == []
