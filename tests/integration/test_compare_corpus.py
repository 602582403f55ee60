"""compare/2025.html on the shipped reports: every province that reported 2025 sits under the nation,
each headline target marked against the national one as tests/expected/compare-2025.csv (read from
the texts) says; the panel agrees."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from reports import compare, panel
from scoring.compare import build_scorecard

pipeline = pytest.importorskip("extractors.pipeline")
ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"
EXPECTED = ROOT / "tests" / "expected" / "compare-2025.csv"


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    corpus = pipeline.extract_files(
        sorted(p for p in RAW.glob("*/*") if p.suffix in {".txt", ".docx", ".pdf", ".html", ".htm"}))
    return panel.with_references(panel.rows(build_scorecard(*corpus).rows))


def expected() -> list[dict]:
    with EXPECTED.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_compare__every_province_of_2025_under_the_nation(rows):
    view = compare.year_context(2025, [r for r in rows if r["year"] == 2025])
    [group] = [g for g in view["groups"] if g["parent"] == "national"]
    provinces = {r["region"] for r in rows if r["year"] == 2025 and r["region_level"] == "province"}
    assert provinces >= {"beijing", "hunan", "zhejiang"}
    assert {r["slug"] for r in group["regions"]} == provinces
    assert group["reference"]["slug"] == "national"
    [henan] = [g for g in view["groups"] if g["parent"] == "henan"]  # 驻马店市: 河南省 has no report
    assert henan["reference"] is None and [r["slug"] for r in henan["regions"]] == ["zhumadian"]


@pytest.mark.parametrize("case", expected(), ids=lambda c: f"{c['region']}-{c['indicator']}")
def test_compare__marks_against_the_national_targets(rows, case):
    view = compare.year_context(2025, [r for r in rows if r["year"] == 2025])
    keys = [c["key"] for c in view["columns"]]
    [group] = [g for g in view["groups"] if g["parent"] == "national"]
    [line] = [r for r in group["regions"] if r["slug"] == case["region"]]
    cell = line["cells"][keys.index(case["indicator"])]
    assert cell["text"] == case["target_text"]
    assert cell["vs"] == case["vs_reference"]
    reference = group["reference"]["cells"][keys.index(case["indicator"])]
    assert (reference["text"] if reference else "") == case["reference_text"]
    [row] = [r for r in rows if (r["region"], r["year"], r["indicator"]) == (case["region"], 2025, case["indicator"])]
    assert (row["vs_reference"] or "") == case["vs_reference"]


def test_compare__the_page_shows_the_marks(rows):
    from reports.render import SiteMeta

    meta = SiteMeta(generated_at="2026-01-01T00:00:00Z", code_version="test")
    pages = dict(compare.render(rows, [2025], meta, 0))
    html = pages["compare/2025.html"]
    for case in expected():
        block = re.search(rf'<tr class="row" id="r-{case["region"]}".*?</tr>', html, re.S).group(0)
        if case["vs_reference"]:
            assert f"vs-{case['vs_reference']}" in block
    assert "../beijing/2025.html" in html and "data.html" in pages
    assert all(name in pages["data.html"] for name in panel.COLUMNS)
