"""The ledger core on the shipped corpus: exact values from issue 2 §8 and the evidence contract."""

from functools import cache
from pathlib import Path

import pytest

from expectations.derive import clause_shows_value
from extractors.numbers import find_quantities
from extractors.pipeline import extract_file

ROOT = Path(__file__).resolve().parents[2]
TIANYUAN = "data/raw/tianyuan/2023.txt"
NATIONAL = {y: f"data/raw/national/{y}.txt" for y in range(2021, 2026)}
DOCX = ["data/raw/hunan/2025.docx", "data/raw/beijing/2025.docx", "data/raw/zhejiang/2025.docx"]
PDF = "tests/fixtures/hunan-2025.pdf"
ALL = [TIANYUAN, *NATIONAL.values(), *DOCX, PDF]


@cache
def extracted(path):
    return extract_file(ROOT / path)


def records(path):
    return extracted(path)[1]


def targets(path, **where):
    return [
        r
        for r in records(path)
        if r.kind == "target" and r.span is None and all(getattr(r, k) == v for k, v in where.items())
    ]


def results(path, **where):
    return [
        r
        for r in records(path)
        if r.kind == "result" and r.span is None and all(getattr(r, k) == v for k, v in where.items())
    ]


def has(recs, value, unit=None, comparator=None, text=None):
    """Some record with this value (and unit, comparator, indicator text)."""
    return any(
        r.value == value
        and (unit is None or r.unit == unit)
        and (comparator is None or r.comparator == comparator)
        and (text is None or text in r.indicator or text in r.clause)
        for r in recs
    )


def headline_numeric(recs):
    return {(r.canonical, r.value, r.unit, r.comparator) for r in recs if r.headline and r.value is not None}


def headline_qualitative(recs):
    return [r.indicator for r in recs if r.headline and r.comparator == "qualitative"]


# ---- the evidence contract, on every shipped file ------------------------------------------------


@pytest.mark.parametrize("path", ALL)
def test_corpus__every_clause_is_found_at_its_offsets_and_shows_its_number(path):
    doc, recs = extracted(path)
    assert recs
    for r in recs:
        assert doc.text[r.start : r.end] == r.clause
        if r.value is None:
            continue
        if r.programme and r.kind != "target":  # a programme's count `十大`, `十方面` is no quantity
            assert clause_shows_value(r.clause, r.value), f"{r.clause!r} does not show {r.value}"
            continue
        shown = [q for q in find_quantities(r.clause) if q.value == r.value]
        assert shown, f"{r.clause!r} does not show {r.value}"
        if not shown[0].chinese:
            assert f"{r.value:g}" in r.clause.replace(" ", "")


@pytest.mark.parametrize("path", ALL)
def test_corpus__record_fields_follow_the_contract(path):
    doc, recs = extracted(path)
    for r in recs:
        assert r.kind in ("target", "result", "programme", "assessment") and r.source == doc.source
        assert r.report_year == doc.report_year
        assert r.period_year == (doc.report_year - 1 if r.kind in ("result", "assessment") else doc.report_year)
        assert (r.assessment is not None) == (r.kind == "assessment")
        assert r.comparator in ("approx", "min", "max", "range", "exact", "qualitative")
        assert (r.value is None) == (r.comparator == "qualitative")
        assert (r.value_high is not None) == (r.comparator == "range")
        assert r.unit is None or "％" not in r.unit


# ---- tianyuan 2023 (district, text from PDF) -----------------------------------------------------


def test_tianyuan__headline_targets():
    recs = targets(TIANYUAN)
    assert headline_numeric(recs) == {
        ("gdp", 7.5, "%", "approx"),
        ("industrial_value_added", 10, "%", "approx"),
        ("fixed_asset_investment", 8.5, "%", "approx"),
        ("retail_sales", 7.5, "%", "approx"),
        ("general_budget_revenue", 8, "%", "approx"),
    }
    assert headline_qualitative(recs) == [
        "居民收入增长高于经济增长",
        "城镇调查失业率低于全省平均水平",
        "完成国家和省、市下达的节能减排任务",
    ]


@pytest.mark.parametrize(
    ("value", "unit", "comparator", "text"),
    [
        (2500, "个", "exact", "学位"),
        (30, "台", "min", "加装电梯"),
        (500, "人", "min", "优秀青年人才"),
        (100, "人", "exact", "高层次人才"),
        (1870, "亩", "min", "交地"),
        (7000, "人", "min", "城镇就业"),
        (17, "万平米", "exact", "标厂"),
        (420, "家", "exact", "科技型中小企业"),
        (40, "家", "exact", "高新技术企业"),
        (2000, "家", "min", "其中企业"),
        (2, "个", "exact", "50亿元以上项目"),
        (1, "个", "exact", "100亿元以上项目"),
    ],
)
def test_tianyuan__task_level_targets(value, unit, comparator, text):
    assert has(targets(TIANYUAN), value, unit, comparator, text)


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (9.7, "%", "营业收入"),
        (9.6, "%", "技工贸收入"),
        (4.0, "%", "GDP"),
        (10.5, "%", "规模工业增加值"),
        (2.07, "%", "城镇登记失业率"),
        (3.1, "万平米", "社区服务用房"),
        (75, "台", "加装电梯"),
        (8316, "人", "城镇就业"),
        (828, "人", "农村劳动力转移就业"),
        (7.53, "万亩", "粮食播种"),
    ],
)
def test_tianyuan__results(value, unit, text):
    assert has(results(TIANYUAN), value, unit, None, text)


def test_tianyuan__fenbie_pair_is_estimated_and_exact():
    recs = [r for r in results(TIANYUAN) if r.value in (9.7, 9.6) and r.unit == "%"]
    assert [(r.value, r.comparator, r.estimated) for r in recs] == [
        (9.7, "exact", True),
        (9.6, "exact", True),
    ]


def test_tianyuan__no_target_from_numbers_inside_project_names():
    in_names = [
        r for r in records(TIANYUAN) if "项目" in r.clause and r.unit == "亿元" and r.value in (10, 50, 100)
    ]
    assert in_names == []
    assert not any(r.value == 500 and "500强" in r.clause for r in records(TIANYUAN))


def test_tianyuan__glossary_and_self_building_yield_nothing():
    doc, recs = extracted(TIANYUAN)
    other = [
        s for s in doc.sections if s.kind == "other" and ("名词解释" in s.heading or "自身建设" in s.heading)
    ]
    assert other
    assert not any(s.start <= r.start < s.end for s in other for r in recs)


# ---- national 2021-2025 --------------------------------------------------------------------------

NATIONAL_TARGETS = {
    2021: {
        ("gdp", 6, "%", "min"),
        ("urban_new_jobs", 1100, "万人", "min"),
        ("surveyed_unemployment", 5.5, "%", "approx"),
        ("cpi", 3, "%", "approx"),
        ("energy_intensity", 3, "%", "approx"),
        ("grain_output", 1.3, "万亿斤", "min"),
    },
    2022: {
        ("gdp", 5.5, "%", "approx"),
        ("urban_new_jobs", 1100, "万人", "min"),
        ("surveyed_unemployment", 5.5, "%", "max"),
        ("cpi", 3, "%", "approx"),
        ("grain_output", 1.3, "万亿斤", "min"),
    },
    2023: {
        ("gdp", 5, "%", "approx"),
        ("urban_new_jobs", 1200, "万人", "approx"),
        ("surveyed_unemployment", 5.5, "%", "approx"),
        ("cpi", 3, "%", "approx"),
        ("grain_output", 1.3, "万亿斤", "min"),
    },
    2024: {
        ("gdp", 5, "%", "approx"),
        ("urban_new_jobs", 1200, "万人", "min"),
        ("surveyed_unemployment", 5.5, "%", "approx"),
        ("cpi", 3, "%", "approx"),
        ("grain_output", 1.3, "万亿斤", "min"),
        ("energy_intensity", 2.5, "%", "approx"),
    },
    2025: {
        ("gdp", 5, "%", "approx"),
        ("urban_new_jobs", 1200, "万人", "min"),
        ("surveyed_unemployment", 5.5, "%", "approx"),
        ("cpi", 2, "%", "approx"),
        ("grain_output", 1.4, "万亿斤", "approx"),
        ("energy_intensity", 3, "%", "approx"),
    },
}
NATIONAL_QUALITATIVE = {
    2021: [
        "进出口量稳质升",
        "国际收支基本平衡",
        "居民收入稳步增长",
        "生态环境质量进一步改善",
        "主要污染物排放量继续下降",
    ],
    2022: [
        "居民收入增长与经济增长基本同步",
        "进出口保稳提质",
        "国际收支基本平衡",
        "生态环境质量持续改善",
        "主要污染物排放量继续下降",
        "能耗强度目标在“十四五”规划期内统筹考核",
        "新增可再生能源和原料用能不纳入能源消费总量控制",
    ],
    2023: [
        "居民收入增长与经济增长基本同步",
        "进出口促稳提质",
        "国际收支基本平衡",
        "单位国内生产总值能耗和主要污染物排放量继续下降",
        "重点控制化石能源消费",
        "生态环境质量稳定改善",
    ],
    2024: ["居民收入增长和经济增长同步", "国际收支保持基本平衡", "生态环境质量持续改善"],
    2025: ["居民收入增长和经济增长同步", "国际收支保持基本平衡", "生态环境质量持续改善"],
}
NATIONAL_RESULTS = {  # (canonical, value, unit) of the review's headline results
    2021: [
        ("gdp", 2.3, "%"),
        ("urban_new_jobs", 1186, "万人"),
        ("surveyed_unemployment", 5.2, "%"),
        ("cpi", 2.5, "%"),
    ],
    2022: [
        ("gdp", 8.1, "%"),
        ("urban_new_jobs", 1269, "万人"),
        ("surveyed_unemployment", 5.1, "%"),
        ("cpi", 0.9, "%"),
        ("grain_output", 1.37, "万亿斤"),
    ],
    2023: [
        ("gdp", 3, "%"),
        ("urban_new_jobs", 1206, "万人"),
        ("surveyed_unemployment", 5.5, "%"),
        ("cpi", 2, "%"),
        ("grain_output", 1.37, "万亿斤"),
    ],
    2024: [
        ("gdp", 5.2, "%"),
        ("urban_new_jobs", 1244, "万人"),
        ("surveyed_unemployment", 5.2, "%"),
        ("cpi", 0.2, "%"),
        ("grain_output", 1.39, "万亿斤"),
    ],
    2025: [
        ("gdp", 5, "%"),
        ("urban_new_jobs", 1256, "万人"),
        ("surveyed_unemployment", 5.1, "%"),
        ("cpi", 0.2, "%"),
        ("grain_output", 1.4, "万亿斤"),
        ("energy_intensity", 3, "%"),
    ],
}


@pytest.mark.parametrize("year", sorted(NATIONAL))
def test_national__every_clause_of_the_main_targets_sentence(year):
    recs = targets(NATIONAL[year])
    assert headline_numeric(recs) == NATIONAL_TARGETS[year]
    assert headline_qualitative(recs) == NATIONAL_QUALITATIVE[year]


@pytest.mark.parametrize("year", sorted(NATIONAL))
def test_national__headline_results_of_the_review(year):
    got = {(r.canonical, r.value, r.unit) for r in results(NATIONAL[year]) if r.headline}
    assert set(NATIONAL_RESULTS[year]) <= got


def test_national_2024__results_as_written():
    recs = results(NATIONAL[2024])
    assert has(recs, 5.2, "%", "exact", "国内生产总值")
    assert has(recs, 1244, "万人", "exact", "城镇新增就业")
    assert has(recs, 5.2, "%", "exact", "城镇调查失业率")
    assert has(recs, 0.2, "%", "exact", "居民消费价格")
    assert has(recs, 1.39, "万亿斤", "exact", "粮食产量")


def test_national_2023__five_year_review_is_kept_out_of_last_year():
    recs = [r for r in records(NATIONAL[2023]) if r.kind == "result"]
    assert has([r for r in recs if r.span == "multi-year"], 5.2, "%", None, "年均")  # 五年年均增长5.2%
    one_year_gdp = [r.value for r in recs if r.span is None and r.canonical == "gdp" and r.unit == "%"]
    assert one_year_gdp == [3]


def test_national_2021__planning_part_yields_nothing():
    doc, recs = extracted(NATIONAL[2021])
    (part,) = [s for s in doc.sections if "十四五" in s.heading]
    assert part.kind == "other"
    assert not any(part.start <= r.start < part.end for r in recs)


def test_national__restated_growth_target_is_not_a_second_target():
    for year, path in NATIONAL.items():
        assert len([r for r in targets(path) if r.canonical == "gdp" and r.unit == "%"]) == 1, year


# ---- provinces: DOCX and the PDF fixture ---------------------------------------------------------

PROVINCE_TARGETS = {
    "data/raw/hunan/2025.docx": {
        ("gdp", 5.5, "%", "approx"),
        ("general_budget_revenue", 2.5, "%", "exact"),
        ("industrial_value_added", 6.5, "%", "min"),
        ("fixed_asset_investment", 4.5, "%", "exact"),
        ("retail_sales", 5.5, "%", "min"),
        ("urban_new_jobs", 70, "万人", "exact"),
        ("grain_output", 616, "亿斤", "approx"),
    },
    "data/raw/beijing/2025.docx": {
        ("gdp", 5, "%", "approx"),
        ("general_budget_revenue", 4, "%", "approx"),
        ("surveyed_unemployment", 5, "%", "max"),
        ("cpi", 2, "%", "approx"),
    },
    "data/raw/zhejiang/2025.docx": {
        ("gdp", 5.5, "%", "approx"),
        ("surveyed_unemployment", 5, "%", "max"),
        ("cpi", 2, "%", "approx"),
    },
}
PROVINCE_QUALITATIVE = {
    "data/raw/hunan/2025.docx": [
        "进出口保稳提质",
        "居民收入增速高于经济增速",
        "居民消费价格涨幅与全国一致",
        "节能减排和碳排放强度下降完成国家下达任务",
    ],
    "data/raw/beijing/2025.docx": [
        "居民收入增长与经济增长同步",
        "生态环境质量、能源、水资源等指标达到国家要求",
    ],
    "data/raw/zhejiang/2025.docx": ["居民可支配收入与经济增长基本同步"],
}


@pytest.mark.parametrize("path", DOCX)
def test_docx__every_clause_of_the_main_targets_sentence(path):
    recs = targets(path)
    assert headline_numeric(recs) == PROVINCE_TARGETS[path]
    assert headline_qualitative(recs) == PROVINCE_QUALITATIVE[path]


def test_pdf_and_docx_of_the_same_report_give_the_same_headline_targets():
    def key(recs):
        return sorted(
            (r.canonical or "", r.indicator, r.value or 0, r.unit or "", r.comparator)
            for r in recs
            if r.headline
        )

    assert key(targets(PDF)) == key(targets("data/raw/hunan/2025.docx"))


def test_pdf_and_docx_of_the_same_report_give_the_same_records():
    def key(recs):
        return [(r.kind, r.indicator, r.value, r.unit, r.comparator, r.span) for r in recs]

    assert key(records(PDF)) == key(records("data/raw/hunan/2025.docx"))


def test_hunan__results_and_task_targets():
    assert has(results(PDF), 615.6, "亿斤", None, "粮食总产")
    assert has(results(PDF), 79.8, "万人", None, "城镇新增就业")
    assert has(results(PDF), 1695, "万人", None, "农村劳动力转移就业")
    assert has(targets(PDF), 7140, "万亩", "min", "粮食播种面积")
    assert has(targets(PDF), 740, "元/月", "min", "城乡低保标准")


# ---- the shared contract check's known values ----------------------------------------------------

KNOWN = [
    (TIANYUAN, "target", 2023, 7.5, "%", "approx"),
    (TIANYUAN, "target", 2023, 2500, "个", "exact"),
    (TIANYUAN, "target", 2023, 30, "台", "min"),
    (TIANYUAN, "result", 2022, 9.6, "%", "exact"),
    (TIANYUAN, "result", 2022, 3.1, "万平米", "exact"),
    (NATIONAL[2024], "target", 2024, 1200, "万人", "min"),
    (NATIONAL[2024], "target", 2024, 1.3, "万亿斤", "min"),
    (NATIONAL[2024], "result", 2023, 1.39, "万亿斤", "exact"),
]


@pytest.mark.parametrize(("path", "kind", "year", "value", "unit", "comparator"), KNOWN)
def test_corpus__contract_known_values(path, kind, year, value, unit, comparator):
    hits = [r for r in records(path) if (r.kind, r.period_year, r.value, r.unit) == (kind, year, value, unit)]
    assert any(r.comparator == comparator for r in hits)


def test_gb18030_twin_gives_exactly_the_records_of_the_utf8_file(tmp_path):
    twin = tmp_path / "tianyuan" / "2023.txt"
    twin.parent.mkdir()
    twin.write_bytes((ROOT / TIANYUAN).read_text(encoding="utf-8").encode("gb18030"))
    _, recs = extract_file(twin)

    def key(rs):
        return [
            (r.kind, r.period_year, r.indicator, r.value, r.unit, r.comparator, r.clause, r.start, r.end)
            for r in rs
        ]

    assert key(recs) == key(records(TIANYUAN))
