"""Read and extract a batch of reports, through the extraction cache.

One function per batch so a Prefect task (or a Dask worker) pays its overhead once per batch,
not once per report (steps.parts reads a whole part as one batch). Every failure becomes a Problem; nothing here raises for a bad file.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from extractors.read import source_name
from extractors.records import Commitment, Document, Problem, ReadError
from regions.detect import folder_warnings
from steps import processes as worker_processes
from steps import texts
from steps.cache import ExtractionCache, file_sha256
from steps.discover import ReportInput

DEFAULT_ACTION = "fix or replace the file, or move it out of the raw folder"
# Reports read side by side in threads: the GIL keeps extraction itself on one core, but reading
# files, hashing them and writing cache entries and texts release it, and on a busy disk those
# waits are much of the time (1,000 generated reports, default runner: 10 s with 4 threads, 19 s in one).
READ_THREADS = 4
# A large part run in the flow's own process (the default task runner) is extracted by this many
# processes (one per core) when it has at least PROCESS_MIN_REPORTS reports: extraction is CPU-bound
# Python, so threads keep it on one core. Below that, starting the processes (~1 s) costs more than
# the second core saves. Under Dask the worker processes are the parallelism: one process per part.
PROCESS_MIN_REPORTS = 200
PROCESS_CHUNK = 16  # reports per job sent to a process (results come back per job, in input order)


@dataclass
class Extracted:
    """What one report gave: a document and its records, or a problem. `seconds` excludes cache hits."""

    input: ReportInput
    doc: Document | None = None
    records: list[Commitment] = field(default_factory=list)
    problem: Problem | None = None
    cached: bool = False
    seconds: float = 0.0


def split_message(message: str, source: str, default_action: str = DEFAULT_ACTION,
                  aliases: tuple[str, ...] = ()) -> tuple[str, str]:
    """A reader's one-line message `<source>: <reason>; <what to do>` (or `…: <what to do>`) as (reason, action).
    The path prefix goes (the Problem names the file already), however the reader spelled the path."""
    text = " ".join(message.split())
    for name in (source, *aliases):
        text = text.removeprefix(f"{name}: ")
    reason, _, action = text.partition("; ")
    if not action:
        head, _, tail = text.rpartition(": ")
        reason, action = (head, tail) if head and tail else (text, "")
    return reason, action or default_action


def _problem(item: ReportInput, error: Exception, stage: str) -> Problem:
    names = (item.path, source_name(item.open_path))
    reason, action = split_message(str(error) or type(error).__name__, item.open_path, aliases=names)
    action = getattr(error, "action", None) or action
    return Problem(item.path, reason, action, getattr(error, "stage", None) or stage)


_SHARED_FIELDS = ("source", "region", "kind", "canonical", "verb", "unit", "comparator", "section", "unit_base", "span")


def _compact(records: list[Commitment]) -> list[Commitment]:
    """Intern the strings that repeat across records (heading paths, sources, units): at 3,000
    reports and 300,000 records this saves ~100 MB and shrinks what Dask workers send back."""
    for rec in records:
        for name in _SHARED_FIELDS:
            value = getattr(rec, name, None)
            if type(value) is str:
                setattr(rec, name, sys.intern(value))
    return records


def _as_given(item: ReportInput, doc: Document, records: list[Commitment]) -> tuple[Document, list[Commitment]]:
    """Label the document and its records with the path as users gave it, not the absolute one opened."""
    if item.open_path != item.path:
        doc.source = item.path
        doc.warnings = [w.replace(item.open_path, item.path) for w in doc.warnings]
        for rec in records:
            rec.source = item.path
    return doc, records


def _extract_one(item: ReportInput, cache: ExtractionCache, text_root: str | Path | None) -> Extracted:
    """Read one report through the cache; with `text_root`, its text goes to disk (steps.texts)."""
    extracted = _read(item, cache)
    if text_root is not None and extracted.doc is not None:
        texts.stage(extracted.doc, text_root)
    return extracted


def _read(item: ReportInput, cache: ExtractionCache) -> Extracted:
    from extractors import pipeline  # looked up per call so tests can count calls

    try:
        key = cache.key(file_sha256(item.open_path), item.path, item.region)
    except OSError as error:
        message = f"cannot open it ({error.strerror}); check that it exists and is readable"
        return Extracted(item, problem=_problem(item, ReadError(message), "read"))
    hit = cache.get(key)
    if hit is not None:
        kind, payload = hit
        if kind == "ok":
            return Extracted(item, doc=payload[0], records=_compact(payload[1]), cached=True)
        return Extracted(item, problem=Problem(**payload), cached=True)
    started = time.perf_counter()
    try:
        doc, records = _as_given(item, *pipeline.extract_file(item.open_path, region=item.region))
        doc.warnings += folder_warnings(doc)  # the text names another region than its folder
    except ReadError as error:
        problem = _problem(item, error, "read")
        cache.put(key, ("problem", vars(problem)))
        return Extracted(item, problem=problem, seconds=time.perf_counter() - started)
    except Exception as error:  # noqa: BLE001 - an extractor bug must not stop the other reports
        problem = Problem(item.path, f"extractor failed: {type(error).__name__}: {error}",
                          "report this file to the duixian maintainers", "extract")
        return Extracted(item, problem=problem, seconds=time.perf_counter() - started)
    records = _compact(records)
    cache.put(key, ("ok", (doc, records)))
    return Extracted(item, doc=doc, records=records, seconds=time.perf_counter() - started)


def extract_batch(items: list[ReportInput], cache_root: str | Path | None, version: str | None = None,
                  text_root: str | Path | None = None, on_read: Callable[[int], None] | None = None,
                  threads: int = READ_THREADS, processes: int = 1) -> list[Extracted]:
    """Extract every report of the batch (cache first); one Extracted per input, in input order.

    With `text_root` (the site build), each text is written there and left off the Document.
    `on_read(n)` is called after each report (or job of reports) read (a progress bar).
    `processes` > 1: a batch of PROCESS_MIN_REPORTS or more is extracted by that many processes.
    """
    cache = ExtractionCache(cache_root, version)
    if processes > 1 and len(items) >= PROCESS_MIN_REPORTS:
        try:
            return _in_processes(items, cache, text_root, on_read, processes)
        except BrokenProcessPool as error:  # a process died (memory?): the rest here, finished ones from the cache
            print(f"note: extraction processes stopped ({error}); reading the rest in this process",
                  file=sys.stderr)

    def one(item: ReportInput) -> Extracted:
        done = _extract_one(item, cache, text_root)
        if on_read is not None:
            on_read(1)
        return done

    if threads <= 1 or len(items) < 2:
        return [one(item) for item in items]
    with ThreadPoolExecutor(min(threads, len(items))) as pool:
        return list(pool.map(one, items))


def _job(items: list[ReportInput], cache_root: str | None, version: str, text_root: str | Path | None) -> list[Extracted]:
    """One job of `_in_processes`, in a worker process: the reports read side by side in two threads."""
    return extract_batch(items, cache_root, version, text_root, threads=2)


def _in_processes(items: list[ReportInput], cache: ExtractionCache, text_root: str | Path | None,
                  on_read: Callable[[int], None] | None, processes: int) -> list[Extracted]:
    """extract_batch's work in `processes` worker processes (steps.processes), in jobs of
    PROCESS_CHUNK reports; results in input order."""
    from concurrent.futures import as_completed

    root = str(cache.root.parent) if cache.root is not None else None
    jobs = [items[i:i + PROCESS_CHUNK] for i in range(0, len(items), PROCESS_CHUNK)]
    done: list[list[Extracted]] = [[] for _ in jobs]
    with worker_processes.pool(processes, ["steps.extract"]) as pool:  # the extractors imported once
        futures = {pool.submit(_job, job, root, cache.version, text_root): n for n, job in enumerate(jobs)}
        for future in as_completed(futures):
            n = futures[future]
            done[n] = future.result()
            for extracted in done[n]:  # interned in the worker; strings from other jobs share again here
                _compact(extracted.records)
            if on_read is not None:
                on_read(len(jobs[n]))
    return [extracted for job in done for extracted in job]
