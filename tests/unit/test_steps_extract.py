"""steps.extract and steps.cache: batches, the per-report cache, and errors turned into problems."""

from __future__ import annotations

from extractors import pipeline
from extractors.records import Commitment, Document, ReadError
from steps.cache import ExtractionCache
from steps.discover import ReportInput
from steps.extract import extract_batch, split_message


def _fake(calls):
    def extract_file(path, region=None):
        calls.append(path)
        text = open(path, encoding="utf-8").read()
        if "bad" in text:
            raise ReadError(f"{path}: not a work report; check that the file is a 政府工作报告")
        if "crash" in text:
            raise ZeroDivisionError("boom")
        doc = Document(source=path, fmt="txt", sha256="x", text=text, region=region, report_year=2024)
        rec = Commitment(path, region, 2024, "target", 2024, "GDP", "gdp", "增长", 5.0, None, None, "%",
                         "approx", False, None, "增长5%", 0, 4)
        return doc, [rec]
    return extract_file


def _inputs(tmp_path, texts):
    items = []
    for name, text in texts.items():
        path = tmp_path / "raw" / "r" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        items.append(ReportInput(str(path), "r", path.stat().st_size))
    return items


def test_extract_batch__caches_results_and_errors_but_not_crashes(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(pipeline, "extract_file", _fake(calls))
    items = _inputs(tmp_path, {"2023.txt": "good", "2024.txt": "bad", "2025.txt": "crash"})
    first = extract_batch(items, tmp_path / "cache", "v1")
    assert [bool(e.doc) for e in first] == [True, False, False]
    assert first[1].problem.reason == "not a work report" and "政府工作报告" in first[1].problem.action
    assert first[2].problem.stage == "extract" and "ZeroDivisionError" in first[2].problem.reason
    calls.clear()
    second = extract_batch(items, tmp_path / "cache", "v1")
    assert [e.cached for e in second] == [True, True, False]
    assert calls == [items[2].path]  # only the crash is retried
    assert second[0].records[0].value == 5.0
    calls.clear()
    extract_batch(items, tmp_path / "cache", "v2")  # new code version: everything again
    assert len(calls) == 3


def test_extraction_cache__changed_bytes_miss_and_prune_drops_old_versions(tmp_path):
    cache = ExtractionCache(tmp_path, "v1")
    key = cache.key("sha-a", "raw/r/2024.txt", "r")
    cache.put(key, ("ok", 1))
    assert cache.get(key) == ("ok", 1)
    assert cache.get(cache.key("sha-b", "raw/r/2024.txt", "r")) is None
    ExtractionCache(tmp_path, "v2").prune()
    assert cache.get(key) is None


def test_extraction_cache__disabled_without_a_folder():
    cache = ExtractionCache(None, "v1")
    cache.put("k", 1)
    assert cache.get("k") is None


def test_extract_batch__reports_each_report_read(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "extract_file", _fake([]))
    items = _inputs(tmp_path, {"2023.txt": "good", "2024.txt": "bad", "2025.txt": "crash"})
    ticks = []
    extract_batch(items, tmp_path / "cache", "v1", on_read=ticks.append)
    assert ticks == [1, 1, 1]  # failures count as read too


def test_split_message__reason_and_action():
    assert split_message("a.txt: empty file; replace it", "a.txt") == ("empty file", "replace it")
    assert split_message("a.pdf: no text layer: OCR it first", "a.pdf") == ("no text layer", "OCR it first")
    reason, action = split_message("a.txt: odd", "a.txt")
    assert reason == "odd" and action


def test_extract_batch__processes_give_what_threads_give_on_the_shipped_reports(tmp_path, monkeypatch):
    """A large part read by worker processes (the default runner's cores) gives the same documents,
    records, problems, texts and progress counts as the same reports read in this process."""
    from pathlib import Path

    import steps.extract as extract
    from steps.discover import discover

    inputs, _ = discover(str(Path(__file__).resolve().parents[2] / "data" / "raw"))
    inputs = inputs[:20]
    here = extract_batch(inputs, tmp_path / "c1", None, tmp_path / "t1", threads=1)
    monkeypatch.setattr(extract, "PROCESS_MIN_REPORTS", 2)
    monkeypatch.setattr(extract, "PROCESS_CHUNK", 3)
    pools: list[int] = []
    in_processes = extract._in_processes
    monkeypatch.setattr(extract, "_in_processes", lambda *a: pools.append(a[-1]) or in_processes(*a))
    seen: list[int] = []
    apart = extract_batch(inputs, tmp_path / "c2", None, tmp_path / "t2", seen.append, processes=2)
    assert pools == [2] and len(seen) == 7  # 7 jobs of at most 3 reports
    assert [e.input for e in apart] == inputs and sum(seen) == len(inputs)
    assert [(e.doc, e.records, e.problem) for e in apart] == [(e.doc, e.records, e.problem) for e in here]
    staged = sorted(p.name for p in (tmp_path / "t1").rglob("*") if p.is_file())
    assert staged and staged == sorted(p.name for p in (tmp_path / "t2").rglob("*") if p.is_file())
    assert len(list((tmp_path / "c2").rglob("*.pkl"))) == len(inputs)  # the processes filled the cache
    from multiprocessing import forkserver

    assert forkserver._forkserver._forkserver_pid is None  # the fork server does not outlive the pool
