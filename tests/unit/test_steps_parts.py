"""steps.parts (how many parts, cut into whole regions) and steps.handoff (large task inputs);
flows.tasks.workers_of (where tasks run)."""

from __future__ import annotations

import pickle
from collections import Counter

from steps import handoff, parts
from steps.discover import ReportInput
from steps.handoff import Parcel


def test_count__one_part_here_about_two_per_worker_elsewhere():
    assert parts.count(3000, 1, elsewhere=False) == 1
    assert parts.count(3000, 2, elsewhere=True) == 4
    assert parts.count(3000, 1, elsewhere=True) == 2
    assert parts.count(100, 2, elsewhere=True) == 2  # one per worker at least
    assert parts.labels(1) == [""] and parts.labels(0) == []  # one part: the whole table's names
    assert parts.labels(2) == ["part-1-of-2", "part-2-of-2"]


def test_cut__contiguous_balanced_and_complete():
    weights = Counter(["a"] * 10 + ["b"] * 10 + ["c"] * 10 + ["d"] * 10 + ["e"] * 1)
    cut = parts._cut(weights, 4)
    assert [r for part in cut for r in part] == ["a", "b", "c", "d", "e"]
    assert len(cut) == 4 and all(cut)
    assert parts._cut(weights, 1) == [["a", "b", "c", "d", "e"]]
    assert parts._cut(Counter(["x"]), 4) == [["x"]]
    assert parts._cut(Counter(), 4) == []


def test_workers_of__a_thread_pool_runs_here():
    from prefect.task_runners import ThreadPoolTaskRunner

    from flows.tasks import Workers, workers_of

    assert workers_of(ThreadPoolTaskRunner(max_workers=4)) == Workers(1, elsewhere=False)
    assert workers_of(None) == Workers()


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


def test_cut__whole_regions_in_order_balanced_by_bytes():
    sizes = {"a": 900, "b": 100, "c": 100, "d": 800, "e": 100, "f": 500}
    inputs = [ReportInput(f"raw/{r}/{y}.txt", r, size) for r, size in sizes.items() for y in (2024, 2023)]
    cut = parts.cut(inputs, 4)
    assert len(cut) == 4
    assert sorted(i.path for part in cut for i in part) == sorted(i.path for i in inputs)  # each once
    regions = [sorted({i.region for i in part}) for part in cut]
    assert [r for part in regions for r in part] == sorted(sizes)  # contiguous runs, in region order
    loads = [sum(i.size for i in part) for part in cut]
    assert max(loads) <= 1800  # the largest region alone is 1800 bytes: no part is much more
    assert parts.cut(inputs, 1)[0][0].path == "raw/a/2023.txt" and len(parts.cut(inputs, 1)[0]) == 12
    assert parts.cut([], 2) == []


def test_score_in_chunks__regions_a_few_at_a_time_give_the_rows_of_one_pass(tmp_path, monkeypatch):
    """Scoring a part a few regions at a time (only their texts loaded) gives the same rows and
    problems, in the same order, as one pass over the shipped reports with every text loaded."""
    from pathlib import Path

    from steps import judge, texts
    from steps.discover import discover
    from steps.extract import extract_batch

    inputs, _ = discover(str(Path(__file__).resolve().parents[2] / "data" / "raw"))
    extracted = extract_batch(inputs, None, None, tmp_path)
    got = judge.gather(extracted, [])
    texts.place(got.docs, tmp_path)
    plan = parts.Plan("", "", "", str(tmp_path), str(tmp_path / "validation"))
    with texts.Loaded(got.docs, tmp_path):
        whole = judge.score(got.docs, got.records, [])
    assert len({doc.region for doc in got.docs}) >= 5 and whole[0]
    monkeypatch.setattr(parts, "SCORE_CHUNK", 2)
    assert parts.score_in_chunks(got.docs, got.records, plan) == whole
    assert all(doc.text == "" for doc in got.docs)  # texts dropped again after each chunk
