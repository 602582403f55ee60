"""The headline rate on the shipped State Council reports (issue 17): 2024's six numeric headline
targets were all met, so the page leads with 100%, not the 43% that counted budget allocations the
next report never repeats as failures."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from reports.render import SiteMeta, render_site
from reports.tables import data_files
from reports.view import rates_view, scope_counts
from scoring.compare import build_scorecard

pipeline = pytest.importorskip("extractors.pipeline")
RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
ALLOCATION_WORDS = ("赤字", "专项债券", "中央预算内投资", "转移支付", "特别国债")


@pytest.fixture(scope="module")
def national():
    docs, records, *_ = pipeline.extract_files(sorted((RAW / "national").glob("*.txt")))
    return docs, records, build_scorecard(docs, records).rows


def test_national_2024__leads_with_all_six_headline_targets_met(national):
    _, _, rows = national
    rates = rates_view(scope_counts([r for r in rows if r.period_year == 2024]))
    lead = rates["lead"]
    assert (lead["scope"], lead["text"], lead["done"], lead["judged"], lead["not_reported"]) == (
        "headline", "100%", 6, 6, 0)
    assert rates["allocation"]["total"] >= 4 and rates["allocation"]["not_reported"] >= 4


def test_national__budget_lines_are_allocations_and_headline_targets_are_outcomes(national):
    _, _, rows = national
    allocations = [r for r in rows if any(w in r.indicator + r.target_clause for w in ALLOCATION_WORDS)]
    assert len(allocations) >= 5
    assert {r.commitment_type for r in allocations} == {"allocation"}
    assert {r.commitment_type for r in rows if r.headline} == {"outcome"}


def test_national__pages_and_csv_carry_the_distinction(national):
    docs, records, rows = national
    site = render_site(rows, records, [], [], SiteMeta(generated_at="t", code_version="v"))
    page = site["national/2024.html"]
    assert 'data-rate-scope="headline"' in page and '<span class="big">100%</span>' in page
    assert "资金安排 <span class=\"en\">allocation</span>" in page
    table = data_files(rows, records, [], [])["data/scorecard.csv"].decode("utf-8-sig")
    read = list(csv.DictReader(io.StringIO(table)))
    assert list(read[0])[-2:] == ["headline", "commitment_type"]
    deficit = [r for r in read if r["period_year"] == "2024" and "赤字率" in r["indicator"]]
    gdp = [r for r in read if r["period_year"] == "2024" and r["canonical"] == "gdp"]
    assert deficit and deficit[0]["commitment_type"] == "allocation" and deficit[0]["headline"] == "false"
    assert gdp and gdp[0]["commitment_type"] == "outcome" and gdp[0]["headline"] == "true"
