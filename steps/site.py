"""The site's files from judged rows and records, written into the site build as they are made.

Region pages, index entries and pieces of the two region tables per part (whole regions), then the
site-wide pages and the joined tables: the same bytes for one part or many. `build` is anything with
`path`, `write(relative, data)` and `open_text(relative)` (flows.publish.SiteBuild). The pages and
tables themselves are reports/'s; this module only decides which go where.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from extractors.records import Commitment, Document, Problem
from scoring.scorecard import ScoreRow
from steps.handoff import FOLDER
from steps.judge import add_statuses


def site_meta(docs: list[Document], docs_dir_name: str | None, version: str):
    """The stamps every page carries: when, which code, which inputs (path → sha256)."""
    from reports.render import SiteMeta
    from scoring.judge import describe_rules

    return SiteMeta(
        generated_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        code_version=version,
        inputs={doc.source: doc.sha256 for doc in docs},
        validation_index=f"{docs_dir_name}/index.html" if docs_dir_name else None,
        methodology=describe_rules(),
        region_names={doc.region: doc.name for doc in docs if doc.name},
    )


def region_pages(rows: list[ScoreRow], records: list[Commitment], meta, problem_count: int, build) -> int:
    """Render the pages of the regions in `rows` and `records` and write each into the site build as it
    comes (a part's pages never pile up in memory, nor travel back from a Dask worker); the count."""
    from reports.render import region_pages as pages

    count = 0
    for relative, page in pages(rows, records, meta, problem_count):
        build.write(relative, page)
        count += 1
    return count


# A part of at least PROCESS_MIN_ITEMS rows and records rendered in the flow's own process (the
# default task runner) shares its region pages with `processes - 1` other processes, in PAGE_JOBS
# jobs of whole regions; below that, starting a process (~1 s) costs more than it saves.
PROCESS_MIN_ITEMS = 40_000
PAGE_JOBS = 48


@dataclass
class PartPages:
    """What a part's render task hands back: its page count, its regions' index entries and status
    counts, and its rows of the two region tables, written apart (CSV without header)."""

    pages: int
    entries: list[dict]
    counts: dict[str, int]
    total: int
    chunks: dict[str, str]  # the table's path in the site -> this part's piece
    panel: list[dict] = field(default_factory=list)  # the part's panel rows, no reference yet (reports.panel)


def part_pages(rows: list[ScoreRow], records: list[Commitment], meta, problem_count: int, build,
               label: str, processes: int = 1) -> PartPages:
    """A part's region pages into the build, its index entries, and its pieces of scorecard.csv and
    commitments.csv in the build's hand-over folder (steps.handoff) for `site_files` to join.
    `processes` > 1: a large part's pages are shared with other processes (`SharedPages`)."""
    if processes > 1 and len(rows) + len(records) >= PROCESS_MIN_ITEMS:
        from steps import processes as worker_processes

        with worker_processes.pool(processes - 1, []) as pool:  # nothing preloaded: the fork server stays small
            shared = SharedPages(rows, records, meta, problem_count, build, pool, processes - 1)
            part = _part(rows, records, meta, build, label, 0)  # this process's share: the tables first
            part.pages = shared.finish()
        return part
    return _part(rows, records, meta, build, label, region_pages(rows, records, meta, problem_count, build))


def _part(rows: list[ScoreRow], records: list[Commitment], meta, build, label: str, count: int) -> PartPages:
    """The part's index entries, table pieces and panel rows (its `count` pages written already)."""
    from reports import panel
    from reports.render import index_part
    from reports.tables import region_tables, write_csv

    entries, counts, total = index_part(rows, records, meta)
    chunks = {}
    for relative, items, columns in region_tables(rows, records):
        chunk = Path(build.path) / FOLDER / f"{label or 'whole'}-{Path(relative).name}"
        chunk.parent.mkdir(parents=True, exist_ok=True)
        with chunk.open("w", encoding="utf-8", newline="") as stream:
            write_csv(stream, items, columns, header=False)
        chunks[relative] = str(chunk)
    return PartPages(count, entries, counts, total, chunks, panel.rows(rows))


class SharedPages:
    """A part's region pages rendered by this process and a pool of `helpers` others side by side:
    the regions in PAGE_JOBS jobs of whole regions; the other processes take jobs from the end while this one,
    once its own work is done (`finish`), takes them from the start until they meet. Every page is
    the same file whoever renders it (a region's pages need only that region's rows and records)."""

    def __init__(self, rows: list[ScoreRow], records: list[Commitment], meta, problem_count: int, build,
                 pool, helpers: int) -> None:
        self.jobs = _page_jobs(rows, records, PAGE_JOBS)
        self.args = (meta, problem_count, build)
        self.pool, self.helpers = pool, helpers  # a process pool (steps.processes.pool) of `helpers` processes
        self.first, self.last = 0, len(self.jobs)  # jobs[first:last] not started yet
        self.running: dict = {}  # future → job index
        self.broken = False  # a helper died (memory?): the jobs left are rendered here
        self._top_up()

    def _top_up(self) -> None:
        """Two jobs queued per helper: one running, one sent while it runs."""
        from concurrent.futures.process import BrokenProcessPool

        while not self.broken and len(self.running) < 2 * self.helpers and self.first < self.last:
            try:
                future = self.pool.submit(region_pages, *self.jobs[self.last - 1], *self.args)
            except BrokenProcessPool:
                self.broken = True
                return
            self.last -= 1
            self.running[future] = self.last

    def _collect(self, future) -> int:
        """The pages of a helper's job; the job is rendered here when its helper died."""
        from concurrent.futures.process import BrokenProcessPool

        index = self.running.pop(future)
        try:
            return future.result()
        except BrokenProcessPool:
            self.broken = True
            return region_pages(*self.jobs[index], *self.args)

    def finish(self) -> int:
        """Render jobs from the start here until none is left; the number of pages written."""
        count = 0
        while self.first < self.last:
            job, self.first = self.jobs[self.first], self.first + 1
            count += region_pages(*job, *self.args)
            count += sum(self._collect(future) for future in [f for f in self.running if f.done()])
            self._top_up()
        return count + sum(self._collect(future) for future in list(self.running))


def _page_jobs(rows: list[ScoreRow], records: list[Commitment], jobs: int) -> list[tuple[list, list]]:
    """(rows, records) of about `jobs` runs of whole regions (in region order) of about equal size."""
    by_region: dict[str, tuple[list, list]] = {}
    for row in rows:
        by_region.setdefault(row.region, ([], []))[0].append(row)
    for record in records:
        by_region.setdefault(record.region, ([], []))[1].append(record)
    size = max(1, (len(rows) + len(records)) // max(1, jobs))
    out: list[tuple[list, list]] = []
    current: tuple[list, list] = ([], [])
    for region in sorted(by_region):
        region_rows, region_records = by_region[region]
        current[0].extend(region_rows)
        current[1].extend(region_records)
        if len(current[0]) + len(current[1]) >= size:
            out.append(current)
            current = ([], [])
    return [*out, current] if current[0] or current[1] else out


def note_files(problems: list[Problem], quarantined: list[dict], meta, build) -> None:
    """methodology.html, problems.html, problems.csv and quarantine.csv into the build."""
    from reports.render import notes_pages
    from reports.tables import note_tables

    for relative, page in notes_pages(problems, quarantined, meta):
        build.write(relative, page)
    _write_tables(note_tables(problems, quarantined), build)


def site_files(parts: list[PartPages], problems: list[Problem], quarantined: list[dict], meta, build) -> None:
    """index.html from the parts' entries (in region order) and the two region tables joined from
    their pieces (with their header): the same files for one part or many."""
    import shutil

    from reports.render import index_page
    from reports.tables import csv_bytes, region_tables

    entries = [entry for part in parts for entry in part.entries]
    totals = add_statuses([part.counts for part in parts])
    relative, page = index_page(entries, totals, sum(p.total for p in parts), problems, quarantined, meta)
    build.write(relative, page)
    for relative, _, columns in region_tables([], []):
        target = Path(build.path) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as out:
            out.write(csv_bytes([], columns))
            for part in parts:
                with open(part.chunks[relative], "rb") as piece:
                    shutil.copyfileobj(piece, out, 1 << 20)


def _write_tables(tables: list, build) -> None:
    from reports.tables import write_csv

    for relative, items, columns in tables:
        with build.open_text(relative) as stream:  # streamed: never the whole table as one string
            write_csv(stream, items, columns)


# Run-specific fields stay out of the site's stamp, so two runners build byte-identical sites.
_UNSTAMPED = ("raw", "out", "elapsed", "timings", "inner", "peak_mb")


def stamped_summary(summary) -> dict:
    """The run's counts and problems, as the next unchanged run reports them (steps.fingerprint)."""
    return {k: v for k, v in summary.to_dict().items() if k not in _UNSTAMPED}
