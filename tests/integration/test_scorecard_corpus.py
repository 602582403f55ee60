"""End to end on the shipped corpus: extract every report, build the scorecard, check issue 3 §3."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from scoring.compare import build_scorecard
from scoring.config import section
from scoring.match import distinct
from scoring.scorecard import ScoreRow

pipeline = pytest.importorskip("extractors.pipeline")
RAW = Path(__file__).resolve().parents[2] / "data" / "raw"


@pytest.fixture(scope="module")
def corpus():
    return pipeline.extract_files(
        sorted(p for p in RAW.glob("*/*") if p.suffix in {".txt", ".docx", ".pdf", ".html", ".htm"}))


@pytest.fixture(scope="module")
def rows(corpus) -> list[ScoreRow]:
    return build_scorecard(*corpus).rows


def row(rows: list[ScoreRow], region: str, year: int, canonical: str, unit: str | None = "%") -> ScoreRow:
    found = [r for r in rows if (r.region, r.period_year, r.canonical) == (region, year, canonical)
             and (unit is None or r.target_unit == unit)]
    assert found, f"no {canonical} target for {region} {year}"
    return found[0]


@pytest.mark.parametrize("year, canonical, unit, target, actual, statuses", [
    (2022, "gdp", "%", 5.5, 3, {"missed"}),
    (2022, "urban_new_jobs", "万人", 1100, 1206, {"met", "exceeded"}),
    (2022, "cpi", "%", 3, 2, {"met"}),
    (2022, "grain_output", "万亿斤", 1.3, 1.37, {"met"}),
    (2023, "gdp", "%", 5, 5.2, {"met"}),
    (2023, "urban_new_jobs", "万人", 1200, 1244, {"met"}),
    (2023, "surveyed_unemployment", "%", 5.5, 5.2, {"met"}),
    (2023, "cpi", "%", 3, 0.2, {"met"}),
    (2023, "grain_output", "万亿斤", 1.3, 1.39, {"met"}),
    (2024, "gdp", "%", 5, 5.0, {"met"}),
    (2024, "energy_intensity", "%", 2.5, 3, {"met"}),
])
def test_scorecard__national_known_answers(rows, year, canonical, unit, target, actual, statuses):
    r = row(rows, "national", year, canonical, unit)
    assert r.target_value == pytest.approx(target)
    assert r.actual_value == pytest.approx(actual)
    assert r.status in statuses, (r.target_clause, r.result_clause, r.status)
    assert r.match_method == "lexicon" and r.headline


def test_scorecard__energy_reduction_gap_is_the_size_of_the_fall(rows):
    assert row(rows, "national", 2024, "energy_intensity").gap == pytest.approx(0.5)


def test_scorecard__gdp_2022_gap_and_quote(rows):
    r = row(rows, "national", 2022, "gdp")
    assert r.gap == pytest.approx(-2.5) and r.target_text == "5.5%左右"
    assert "national/2022.txt#" in r.target_source
    assert "national/2023.txt#" in r.result_source


@pytest.mark.parametrize("region, year", [("national", 2025), ("tianyuan", 2023)])
def test_scorecard__targets_without_next_report_are_pending(rows, region, year):
    statuses = Counter(r.status for r in rows if (r.region, r.period_year) == (region, year))
    assert statuses["pending"] >= 5
    assert set(statuses) <= {"pending", "qualitative"}


def test_scorecard__tianyuan_2022_results_make_no_rows(rows, corpus):
    assert not [r for r in rows if (r.region, r.period_year) == ("tianyuan", 2022)]
    assert any(c.region == "tianyuan" and c.kind == "result" and c.period_year == 2022 for c in corpus[1])


def test_scorecard__every_year_with_a_next_report_is_judged(rows):
    for year in (2021, 2022, 2023, 2024):
        statuses = {r.status for r in rows if (r.region, r.period_year) == ("national", year)}
        assert statuses & {"met", "exceeded", "missed"} and "pending" not in statuses


def test_scorecard__fuzzy_pairs_reach_the_threshold(rows):
    threshold = section("match")["fuzzy_threshold"]
    for r in rows:
        if r.match_method == "fuzzy":
            assert r.result_clause and r.match_score >= threshold


def test_scorecard__quotes_point_into_the_text(rows, corpus):
    texts = {d.source: d.text for d in corpus[0]}
    for r in rows:
        for ref, clause in ((r.target_source, r.target_clause), (r.result_source, r.result_clause)):
            if ref:
                src, span = ref.rsplit("#", 1)
                start, end = map(int, span.split("-"))
                assert texts[src][start:end] == clause


def test_scorecard__row_ids_unique_per_page(rows):
    pages = Counter((r.region, r.period_year, r.row_id) for r in rows)
    assert max(pages.values()) == 1


def test_scorecard__headline_rows_first(rows):
    for key in {(r.region, r.period_year) for r in rows}:
        flags = [r.headline for r in rows if (r.region, r.period_year) == key]
        assert flags == sorted(flags, reverse=True)


def test_scorecard__matched_pairs_pass_the_guard(rows, corpus):
    by_clause: dict[tuple, list] = {}
    for c in corpus[1]:  # one clause may hold two figures of the same value and unit
        by_clause.setdefault((c.source, c.start, c.value, c.unit), []).append(c)
    for r in rows:
        if r.result_source and r.match_method in ("lexicon", "fuzzy"):
            src, span = r.result_source.rsplit("#", 1)
            start = int(span.split("-")[0])
            results = by_clause.get((src, start, r.actual_value, r.actual_unit)) or [  # a share of the task:
                c for (s, st, _, unit), cs in by_clause.items() if s == src and st == start and unit == "%" for c in cs
            ]  # the actual shown is the share times the target
            assert any(not distinct(r.indicator, result.indicator) for result in results)


def test_scorecard__national_2022_level_target_judged_by_the_2023_five_year_review(rows):
    """Issue 17: the 2023 report states this ratio only in its five-year review (no one-year figure);
    the end level of the term is 2022's level (scoring/term.py)."""
    [r] = [r for r in rows if (r.region, r.period_year) == ("national", 2022) and "加计扣除比例" in r.indicator]
    assert (r.target_value, r.actual_value, r.status) == (100, 100, "met")
    assert "分别从50%、75%提高至100%" in r.result_clause and r.result_source.startswith("data/raw/national/2023.txt#")
    assert r.note.startswith("实际值取自2023年报告的多年回顾") and "multi-year review" in r.note
