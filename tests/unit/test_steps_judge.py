"""steps.judge: gathering extractions into documents/records/problems, merging parts; the validation cache."""

from __future__ import annotations

import pytest

from extractors.records import Commitment, Document, Problem
from steps import judge as steps
from steps.cache import ValidationCache
from steps.discover import ReportInput
from steps.extract import Extracted


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
    key = "the key of the table the previous site was validated on"
    cache.put(key, ([1], [{"rule": "r", "column": "value", "value": 5.0}], [], {"rows": 2}))

    def no_gx(*args):
        raise AssertionError("Great Expectations should not run")

    monkeypatch.setattr(steps, "_validate", no_gx)
    outcome = steps.validate_records("commitments", items, None, cache, previous_key=key, key=key)
    assert outcome.cached and outcome.kept == [items[1]] and outcome.key == key
    with pytest.raises(AssertionError, match="should not run"):
        steps.validate_records("commitments", items, None, cache, previous_key="another site's table", key=key)
    with pytest.raises(AssertionError, match="should not run"):  # same key, another table: not trusted
        steps.validate_records("commitments", items[:1], None, cache, previous_key=key, key=key)


def test_merge_gathered__parts_give_what_one_gather_gives():
    from dataclasses import replace

    extracted = [
        _extracted("raw/a/2024.txt", "txt", warnings=["raw/a/2024.txt: year in text (2023) differs"]),
        _extracted("raw/b/2024.txt", "txt", warnings=["raw/b/2024.txt: odd encoding"]),
    ]
    for e, region in zip(extracted, ("a", "b"), strict=True):
        e.doc.region, e.input = region, replace(e.input, region=region)
    failed = Extracted(ReportInput("raw/b/2023.pdf", "b", 1),
                       problem=Problem("raw/b/2023.pdf", "unreadable", "fix", "read"))
    found = [Problem("raw/a/2024.xyz", "unsupported", "convert", "discover")]
    whole = steps.gather([*extracted, failed], found)
    merged = steps.merge_gathered([steps.gather(extracted[:1], []), steps.gather([extracted[1], failed], [])], found)
    assert merged.problems == whole.problems and merged.warnings == whole.warnings == 2
    assert [d.source for d in merged.docs] == [d.source for d in whole.docs]
    assert merged.problems[-2:] == whole.problems[-2:] and "odd encoding" in merged.problems[-1].reason


def test_merge_validated__rows_in_part_order_report_problems_in_rule_order():
    def part(kept, rules):
        problems = [Problem(f"raw/{r}.txt", f"{r}: detail", "check", "validate") for r in rules]
        return steps.Validated(kept, [{"row": kept[0]}], problems, {"rows": 2, "evaluated": 15})

    merged = steps.merge_validated("commitments", [part([1, 2], ["report_has_result", "report_has_target"]),
                                                   part([3], ["report_has_target"])])
    assert merged.kept == [1, 2, 3] and merged.quarantined == [{"row": 1}, {"row": 3}]
    assert [p.file for p in merged.problems] == ["raw/report_has_target.txt"] * 2 + ["raw/report_has_result.txt"]
    assert merged.stats == {"rows": 4, "evaluated": 30}


def test_table_keys__follow_the_documents_and_the_overrides_only():
    from scoring.overrides import Override

    doc = Document(source="raw/r/2024.txt", fmt="txt", sha256="aa", text="", region="r", report_year=2024)
    keys = steps.table_keys([doc], "v1", [])
    assert keys == steps.table_keys([doc], "v1", [])
    edited = Document(source="raw/r/2024.txt", fmt="txt", sha256="bb", text="", region="r", report_year=2024)
    assert steps.table_keys([edited], "v1", [])["commitments"] != keys["commitments"]
    assert steps.table_keys([doc], "v2", [])["commitments"] != keys["commitments"]
    pinned = steps.table_keys([doc], "v1", [Override("r", 2024, "GDP", "forbid")])
    assert pinned["commitments"] == keys["commitments"] and pinned["scorecard"] != keys["scorecard"]
