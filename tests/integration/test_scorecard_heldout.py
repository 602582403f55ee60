"""Scorecards on national years we do not ship (2016-2020) and on a fictional province's pair of years.

tests/fixtures/national-heldout/<year>.txt reconstruct, in the Wikisource style of data/raw/national,
the parts of the State Council reports 2016-2020 that a scorecard needs: the date line, the review's
headline results, the 主要预期目标 sentence with its exact qualifiers, plan-section tasks and the
government's self-building. With the shipped 2021 report (which reviews 2020) they chain five
years of targets to five years of results. tests/fixtures/province-heldout/ holds 2023 and 2024
excerpts of one fictional province: targets in 2023's 预期目标 sentence, results in 2024's review,
some of them 预计 (estimated), and targets the 2024 report never mentions.

The verdicts asserted are the ones a careful analyst gives under scoring/data/rules.toml:
- a range (6.5%—7%, 6%－6.5%) is met from its low end;
- 左右 is met within ±0.5 point and exceeded only 1 point above, so 2017's 6.9% against
  6.5%左右 is `met`, not `exceeded`;
- 以上 counts are exceeded 10% above the floor (1314万 against 1000万人以上);
- ceilings (居民消费价格, 失业率, 以内) are met at or below, never exceeded;
- reductions (能耗下降3.4%以上) compare the size of the fall; gap = fall − targeted fall;
- a figure the next report does not state is `not_reported`, even when a near-name is stated
  (the 2019 report gives the surveyed unemployment rate only, so 2018's 城镇登记失业率 target is
  not judged against it);
- five-year aggregates of a term-end review (2018: 城镇新增就业6600万人以上, 年均上涨1.9%) and
  multi-year targets (2020: 今明两年…) are left out;
- the 2020 report set no growth target (没有提出全年经济增速具体目标): no GDP row at all.

First run, before any fix: 14 of 51 checks failed: 2018 surveyed unemployment
not_reported (`5%左右的较低水平` was dropped as attributive), 2020 targets not headline and its
qualitative targets missing (`提出以下主要目标：` was no intro), every province result after the
first 预计 of a long sentence flagged estimated, 2016 农村公路 paired with 高速公路, 减税 targets
judged against 降费 results with the sign flipped, 今明两年 targets judged as one-year targets.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extractors.pipeline import extract_files
from scoring.compare import build_scorecard
from scoring.config import section
from scoring.scorecard import ScoreRow

ROOT = Path(__file__).resolve().parents[2]
NATIONAL = ROOT / "tests" / "fixtures" / "national-heldout"
PROVINCE = ROOT / "tests" / "fixtures" / "province-heldout"
JOBS_OK = {"met", "exceeded"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    raw = tmp_path_factory.mktemp("heldout") / "data" / "raw"
    (raw / "national").mkdir(parents=True)
    (raw / "jiangchuan").mkdir()
    for path in NATIONAL.glob("*.txt"):
        shutil.copy(path, raw / "national" / path.name)
    shutil.copy(ROOT / "data" / "raw" / "national" / "2021.txt", raw / "national" / "2021.txt")
    for path in PROVINCE.glob("*.txt"):
        shutil.copy(path, raw / "jiangchuan" / path.name)
    return extract_files(sorted(raw.glob("*/*.txt")))


@pytest.fixture(scope="module")
def rows(corpus) -> list[ScoreRow]:
    return build_scorecard(*corpus).rows


def find(rows, region: str, year: int, canonical: str, unit: str | None = "%") -> list[ScoreRow]:
    return [
        r
        for r in rows
        if (r.region, r.period_year, r.canonical) == (region, year, canonical)
        and (unit is None or r.target_unit == unit)
    ]


def row(rows, region: str, year: int, canonical: str, unit: str | None = "%") -> ScoreRow:
    found = find(rows, region, year, canonical, unit)
    assert found, f"no {canonical} target for {region} {year}"
    return found[0]


def test_heldout__every_report_reads_with_its_year(corpus):
    years = sorted(d.report_year for d in corpus[0] if d.region == "national")
    assert years == [2016, 2017, 2018, 2019, 2020, 2021]
    assert all(d.year_from == "text" for d in corpus[0])


# year, canonical, unit, target, target_high, comparator, actual, statuses, gap
NATIONAL_ANSWERS = [
    (2016, "gdp", "%", 6.5, 7.0, "range", 6.7, {"met"}, 0.2),
    (2016, "cpi", "%", 3, None, "approx", 2.0, {"met"}, -1.0),
    (2016, "urban_new_jobs", "万人", 1000, None, "min", 1314, JOBS_OK, 314),
    (2016, "registered_unemployment", "%", 4.5, None, "max", 4.02, {"met"}, -0.48),
    (2016, "energy_intensity", "%", 3.4, None, "min", 5.0, JOBS_OK, 1.6),
    (2017, "gdp", "%", 6.5, None, "approx", 6.9, {"met"}, 0.4),
    (2017, "cpi", "%", 3, None, "approx", 1.6, {"met"}, -1.4),
    (2017, "urban_new_jobs", "万人", 1100, None, "min", 1351, JOBS_OK, 251),
    (2017, "registered_unemployment", "%", 4.5, None, "max", 3.9, {"met"}, -0.6),
    (2017, "energy_intensity", "%", 3.4, None, "min", 3.7, {"met"}, 0.3),
    (2018, "gdp", "%", 6.5, None, "approx", 6.6, {"met"}, 0.1),
    (2018, "cpi", "%", 3, None, "approx", 2.1, {"met"}, -0.9),
    (2018, "urban_new_jobs", "万人", 1100, None, "min", 1361, JOBS_OK, 261),
    (2018, "surveyed_unemployment", "%", 5.5, None, "max", 5, {"met"}, -0.5),
    (2018, "energy_intensity", "%", 3, None, "min", 3.1, {"met"}, 0.1),
    (2019, "gdp", "%", 6, 6.5, "range", 6.1, {"met"}, 0.1),
    (2019, "urban_new_jobs", "万人", 1100, None, "min", 1352, JOBS_OK, 252),
    (2019, "surveyed_unemployment", "%", 5.5, None, "approx", 5.3, {"met"}, -0.2),
    (2019, "cpi", "%", 3, None, "approx", 2.9, {"met"}, -0.1),
    (2020, "urban_new_jobs", "万人", 900, None, "min", 1186, JOBS_OK, 286),
    (2020, "surveyed_unemployment", "%", 6, None, "approx", 5.2, {"met"}, -0.8),
    (2020, "cpi", "%", 3.5, None, "approx", 2.5, {"met"}, -1.0),
]


@pytest.mark.parametrize(
    "year, canonical, unit, target, high, comparator, actual, statuses, gap", NATIONAL_ANSWERS
)
def test_heldout__national_headline_verdicts(
    rows, year, canonical, unit, target, high, comparator, actual, statuses, gap
):
    r = row(rows, "national", year, canonical, unit)
    assert (r.target_value, r.target_value_high, r.comparator) == (pytest.approx(target), high, comparator)
    assert r.actual_value == pytest.approx(actual), (r.target_clause, r.result_clause)
    assert r.status in statuses, (r.target_clause, r.result_clause, r.status)
    assert r.gap == pytest.approx(gap)
    assert r.headline and r.match_method == "lexicon"
    assert f"national/{year}.txt#" in r.target_source and f"national/{year + 1}.txt#" in r.result_source
    assert not r.estimated


@pytest.mark.parametrize(
    "year, canonical",
    [
        (2018, "registered_unemployment"),  # the 2019 report states the surveyed rate only
        (2019, "registered_unemployment"),
        (2019, "energy_intensity"),
        (2020, "registered_unemployment"),
    ],
)
def test_heldout__targets_the_next_report_does_not_state_are_not_reported(rows, year, canonical):
    r = row(rows, "national", year, canonical)
    assert r.status == "not_reported" and r.result_clause is None and r.headline


def test_heldout__surveyed_and_registered_unemployment_never_cross(rows, corpus):
    results = {(c.source, c.start, c.value): c for c in corpus[1] if c.kind == "result"}
    for r in rows:
        if r.canonical in ("surveyed_unemployment", "registered_unemployment") and r.result_source:
            src, span = r.result_source.rsplit("#", 1)
            res = results[(src, int(span.split("-")[0]), r.actual_value)]
            assert res.canonical == r.canonical, (r.target_clause, r.result_clause)


def test_heldout__2020_set_no_growth_target(corpus, rows):
    gdp = [c for c in corpus[1] if c.kind == "target" and c.period_year == 2020 and c.canonical == "gdp"]
    assert not gdp, [c.clause for c in gdp]
    assert not find(rows, "national", 2020, "gdp", None)


def test_heldout__2020_targets_are_headline_with_their_qualitative_clauses(rows):
    numeric = [
        r
        for r in rows
        if (r.region, r.period_year) == ("national", 2020) and r.headline and r.status != "qualitative"
    ]
    assert {r.canonical for r in numeric} >= {
        "urban_new_jobs",
        "surveyed_unemployment",
        "registered_unemployment",
        "cpi",
    }
    qualitative = [
        r.indicator
        for r in rows
        if (r.region, r.period_year) == ("national", 2020) and r.status == "qualitative"
    ]
    for words in ("国际收支", "居民收入", "脱贫", "金融风险", "能耗"):
        assert any(words in q for q in qualitative), (words, qualitative)


def test_heldout__term_end_review_keeps_five_year_figures_out(corpus, rows):
    results_2017 = [c for c in corpus[1] if c.kind == "result" and c.period_year == 2017 and not c.span]
    values = {(c.canonical, c.value) for c in results_2017}
    assert ("urban_new_jobs", 6600) not in values and ("cpi", 1.9) not in values
    assert ("gdp", 7.1) not in values and ("gdp", 82.7) not in values
    assert ("urban_new_jobs", 1351) in values and ("cpi", 1.6) in values


def test_heldout__multi_year_targets_make_no_rows(rows):
    clauses = [r.target_clause for r in rows if (r.region, r.period_year) == ("national", 2020)]
    assert not [c for c in clauses if "3500" in c or "200万人" in c]
    assert not [r for r in rows if r.period_year == 2016 and r.target_value == 6.5 and r.comparator == "min"]


def test_heldout__reductions_compare_the_size_of_the_fall(rows):
    for year in (2016, 2017, 2018):
        r = row(rows, "national", year, "energy_intensity")
        assert r.actual_value > 0 and r.gap == pytest.approx(r.actual_value - r.target_value)


def test_heldout__tax_cut_targets_are_judged_as_cuts(rows):
    r = next(r for r in rows if (r.region, r.period_year) == ("national", 2018) and "减税" in r.indicator)
    assert r.status in ("met", "exceeded") and r.gap > 0, (r.result_clause, r.gap)


def test_heldout__rural_roads_pair_with_rural_roads(rows):
    r = next(r for r in rows if (r.region, r.period_year) == ("national", 2016) and "农村公路" in r.indicator)
    assert r.actual_value == 20 and "农村公路" in r.result_clause and r.actual_unit == "万公里"


def test_heldout__quotes_point_into_the_text(rows, corpus):
    texts = {d.source: d.text for d in corpus[0]}
    for r in rows:
        for ref, clause in ((r.target_source, r.target_clause), (r.result_source, r.result_clause)):
            if ref:
                src, span = ref.rsplit("#", 1)
                start, end = map(int, span.split("-"))
                assert texts[src][start:end] == clause


# ---- a fictional province: 2023 targets judged against the 2024 review ---------------------------

# canonical, unit, status, actual, estimated, gap
PROVINCE_ANSWERS = [
    ("gdp", "%", "met", 6.8, False, 0.3),
    ("general_budget_revenue", "%", "exceeded", 7.5, False, 1.5),
    ("industrial_value_added", "%", "missed", 7.1, False, -0.9),
    ("fixed_asset_investment", "%", "not_reported", None, False, None),
    ("retail_sales", "%", "met", 7.8, True, 0.8),
    ("trade", "%", "missed", 3.2, True, -8.2),  # 预计下降3.2% against 增长5%以上
    ("urban_new_jobs", "万人", "met", 68.3, False, 3.3),
    ("surveyed_unemployment", "%", "met", 5.1, False, -0.4),
    ("cpi", "%", "met", 0.4, False, -2.6),
    ("grain_output", "亿斤", "met", 612, False, 12),
    ("energy_intensity", "%", "met", 2.8, False, 0.3),
    ("high_tech_enterprises", "家", "exceeded", 1150, False, 150),
    ("old_communities", "个", "not_reported", None, False, None),
]


@pytest.mark.parametrize("canonical, unit, status, actual, estimated, gap", PROVINCE_ANSWERS)
def test_heldout__province_verdicts(rows, canonical, unit, status, actual, estimated, gap):
    r = row(rows, "jiangchuan", 2023, canonical, unit)
    assert r.status == status, (r.target_clause, r.result_clause, r.status)
    assert r.actual_value == (pytest.approx(actual) if actual is not None else None)
    assert r.estimated is estimated, r.result_clause
    assert r.gap == (pytest.approx(gap) if gap is not None else None)


def test_heldout__province_qualitative_targets_stay_qualitative(rows):
    qual = [
        r for r in rows if (r.region, r.period_year) == ("jiangchuan", 2023) and r.status == "qualitative"
    ]
    assert {"disposable_income"} <= {r.canonical for r in qual}
    assert any("节能减排" in r.indicator for r in qual)
    # the closest sentence is shown only from the documented similarity (rules.toml evidence_min_score)
    shown = [r for r in qual if r.result_clause]
    assert shown and all(r.evidence_score >= section("text")["evidence_min_score"] for r in shown)
    assert all(r.result_source is None and r.evidence_score is None for r in qual if not r.result_clause)


def test_heldout__province_next_year_targets_are_pending(rows):
    statuses = {r.status for r in rows if (r.region, r.period_year) == ("jiangchuan", 2024)}
    assert statuses and statuses <= {"pending", "qualitative"}
    assert len(find(rows, "jiangchuan", 2024, "gdp")) == 1
