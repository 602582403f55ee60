"""steps.site: the site's files written into the build, from one part or from several joined."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from flows.publish import SiteBuild
from reports.sample import sample_inputs
from steps import site


def _written(build: SiteBuild) -> dict[str, bytes]:
    return {p.relative_to(build.path).as_posix(): p.read_bytes() for p in build.path.rglob("*")
            if p.is_file() and p.name != ".duixian-site" and ".parcels" not in p.parts}


def _site(build: SiteBuild, parts: list[tuple[list, list]], problems, quarantined, meta) -> None:
    count = len(problems) + len(quarantined)
    labels = [f"part-{k}" for k in range(len(parts))] if len(parts) > 1 else [""]
    done = [site.part_pages(rows, records, meta, count, build, label)
            for (rows, records), label in zip(parts, labels, strict=True)]
    site.note_files(problems, quarantined, meta, build)
    site.site_files(done, problems, quarantined, meta, build)


def test_site__one_part_writes_the_rendered_site_and_its_tables(tmp_path):
    from reports.render import render_site
    from reports.tables import data_files

    rows, records, problems, quarantined, meta = sample_inputs()
    build = SiteBuild(tmp_path / "site")
    _site(build, [(rows, records)], problems, quarantined, meta)
    expected = {k: v.encode() for k, v in render_site(rows, records, problems, quarantined, meta).items()}
    expected.update(data_files(rows, records, problems, quarantined))
    assert _written(build) == expected


def test_site__parts_joined_give_the_files_of_one_part(tmp_path):
    rows, records, problems, quarantined, meta = sample_inputs()
    rows = rows + [replace(r, region="zz-other") for r in rows]
    records = records + [replace(r, region="zz-other") for r in records]
    whole, parted = SiteBuild(tmp_path / "whole"), SiteBuild(tmp_path / "parted")
    _site(whole, [(rows, records)], problems, quarantined, meta)
    _site(parted, [([r for r in rows if r.region == region], [r for r in records if r.region == region])
                   for region in ("demo", "zz-other")], problems, quarantined, meta)
    joined, one = _written(parted), _written(whole)
    for name in ("index.html", "methodology.html", "problems.html", "data/scorecard.csv", "data/commitments.csv",
                 "data/problems.csv", "data/quarantine.csv"):  # the region pages: tests/integration/test_dask.py
        assert joined[name] == one[name], name
    assert joined.keys() == one.keys()
    assert (parted.path / "zz-other" / "index.html").is_file()


def test_site__numbers_in_the_tables_are_plain_numbers(tmp_path):
    """A match score computed with numpy (np.float64) is written 69.5, not np.float64(69.5)."""
    import csv

    import numpy as np

    rows, records, problems, quarantined, meta = sample_inputs()
    rows = [replace(rows[0], match_score=np.float64(69.5), gap=np.float64(-2.25)), *rows[1:]]
    build = SiteBuild(tmp_path / "site")
    _site(build, [(rows, records)], problems, quarantined, meta)
    with (build.path / "data" / "scorecard.csv").open(encoding="utf-8-sig", newline="") as fh:
        first = next(csv.DictReader(fh))
    assert (first["match_score"], first["gap"]) == ("69.5", "-2.25")


def _six_regions() -> tuple[list, list, int, object]:
    """The sample's rows and records copied into six regions, each with its own reports."""
    rows, records, problems, quarantined, meta = sample_inputs()
    regions = [f"r{k}" for k in range(6)]
    rows = [replace(r, region=region, target_source=r.target_source.replace("demo", region),
                    result_source=(r.result_source or "").replace("demo", region) or None)
            for region in regions for r in rows]
    records = [replace(r, region=region, source=r.source.replace("demo", region)) for region in regions for r in records]
    return rows, records, len(problems) + len(quarantined), meta


def test_site__pages_shared_with_another_process_are_the_pages_of_one(tmp_path, monkeypatch):
    """A large part's region pages rendered by this process and a helper process side by side (the
    default runner's cores) are the same files, counts, entries and tables as one process gives."""
    from multiprocessing import forkserver

    rows, records, count, meta = _six_regions()
    regions = sorted({r.region for r in rows})
    alone, shared = SiteBuild(tmp_path / "alone"), SiteBuild(tmp_path / "shared")
    one = site.part_pages(rows, records, meta, count, alone, "", processes=1)
    monkeypatch.setattr(site, "PROCESS_MIN_ITEMS", 1)
    monkeypatch.setattr(site, "PAGE_JOBS", 4)
    helped = site.part_pages(rows, records, meta, count, shared, "", processes=2)
    assert len(site._page_jobs(rows, records, 4)) >= 3  # whole regions in jobs: some went to the helper
    assert (helped.pages, helped.entries, helped.counts, helped.total, helped.panel) == \
        (one.pages, one.entries, one.counts, one.total, one.panel)
    assert one.pages == len(regions) * (1 + len({r.period_year for r in sample_inputs()[0]}))
    pieces = {p: Path(one.chunks[p]).read_bytes() for p in one.chunks}
    assert pieces == {p: Path(helped.chunks[p]).read_bytes() for p in helped.chunks}
    assert _written(shared) == _written(alone)
    assert forkserver._forkserver._forkserver_pid is None  # the pool's fork server is gone with it


def test_site__pages_of_a_helper_that_died_are_rendered_here(tmp_path, monkeypatch):
    """A helper process that died (out of memory, killed) loses no page: its jobs are rendered here."""
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    class DeadPool:  # what a pool whose process died answers
        def submit(self, *args, **kwargs) -> Future:
            future: Future = Future()
            future.set_exception(BrokenProcessPool("a helper process died"))
            return future

    rows, records, count, meta = _six_regions()
    alone, here = SiteBuild(tmp_path / "alone"), SiteBuild(tmp_path / "here")
    pages = site.region_pages(rows, records, meta, count, alone)
    monkeypatch.setattr(site, "PAGE_JOBS", 4)
    shared = site.SharedPages(rows, records, meta, count, here, DeadPool(), helpers=1)
    assert len(shared.running) == 2  # two jobs went to the dead pool
    assert shared.finish() == pages and shared.broken
    assert _written(here) == _written(alone)
