"""flows.steps: gathering extractions into documents/records/problems; the validation cache."""

from __future__ import annotations

import pytest

from extractors.records import Commitment, Document, Problem
from flows import steps
from flows.cache import ValidationCache, content_key
from flows.discover import ReportInput
from flows.extract import Extracted


def _rec(source: str, value: float) -> Commitment:
    return Commitment(source, "r", 2024, "target", 2024, "GDP", "gdp", "增长", value, None, None, "%", "approx",
                      False, None, f"增长{value}%", 0, 5)


def _extracted(path: str, fmt: str, warnings=()) -> Extracted:
    doc = Document(source=path, fmt=fmt, sha256="x", text="t", region="r", report_year=2024, warnings=list(warnings))
    return Extracted(ReportInput(path, "r", 1), doc=doc, records=[_rec(path, 5.0)])


def test_gather__duplicates_failures_and_warnings_become_problems():
    bad = Extracted(ReportInput("raw/r/2023.txt", "r", 1), problem=Problem("raw/r/2023.txt", "empty file", "replace"))
    got = steps.gather([
        _extracted("raw/r/2024.html", "html"),
        _extracted("raw/r/2024.txt", "txt", ["raw/r/2024.txt: year in text (2023) differs; using 2023"]),
        bad,
    ], [Problem("raw/r/2024.xyz", "unsupported", "convert", "discover")])
    assert [d.source for d in got.docs] == ["raw/r/2024.txt"]
    assert [r.source for r in got.records] == ["raw/r/2024.txt"]
    assert [p.file for p in got.problems] == ["raw/r/2023.txt", "raw/r/2024.html", "raw/r/2024.xyz", "raw/r/2024.txt"]
    assert got.problems[-1].reason == "year in text (2023) differs"


def test_validate_records__reuses_the_cached_outcome_only_for_the_previous_table(tmp_path, monkeypatch):
    items = [_rec("a", 5.0), _rec("a", 6.0)]
    cache = ValidationCache(tmp_path)
    key = content_key("commitments", [dict(vars(i)) for i in items])
    cache.put(key, ([1], [{"rule": "r", "column": "value", "value": 5.0}], [], {"rows": 2}))

    def no_gx(*args):
        raise AssertionError("Great Expectations should not run")

    monkeypatch.setattr(steps, "_validate", no_gx)
    outcome = steps.validate_records("commitments", items, None, cache, previous_key=key)
    assert outcome.cached and outcome.kept == [items[1]] and outcome.key == key
    with pytest.raises(AssertionError, match="should not run"):
        steps.validate_records("commitments", items, None, cache, previous_key="another site's table")
