"""民生实事 on the shipped reports (issue 14): expected values written from the texts themselves."""

from functools import cache
from pathlib import Path

import pytest

from extractors.pipeline import extract_file

ROOT = Path(__file__).resolve().parents[2]


@cache
def records(path):
    return extract_file(ROOT / path)[1]


def programmes(path):
    return [(r.indicator, r.value, r.unit, r.period_year) for r in records(path) if r.kind == "programme"]


def items(path, programme):
    return [r for r in records(path) if r.kind == "target" and r.programme == programme]


def claims(path):
    return [
        (r.programme, r.value, r.unit, r.verb, r.period_year)
        for r in records(path)
        if r.kind == "result" and r.programme
    ]


def test_tianyuan__twelve_voted_items_one_programme():
    path = "data/raw/tianyuan/2023.txt"
    assert programmes(path) == [("区人大代表票决民生实事", None, None, 2023)]  # the text states no count
    got = items(path, "区人大代表票决民生实事")
    assert [r.programme_item for r in got] == list(range(1, 13))
    figures = {r.programme_item: (r.value, r.unit) for r in got if r.value is not None}
    assert figures == {5: (6, "个"), 8: (2, "座"), 9: (10, "个")}
    assert got[4].indicator == "建设6个“幸福屋场”" and got[7].indicator == "新建2座微公园"
    assert got[11].indicator == "“雪亮”工程四期建设项目" and got[11].comparator == "qualitative"


def test_tianyuan__review_claims_are_results_of_last_years_programmes():
    assert claims("data/raw/tianyuan/2023.txt") == [
        ("22件省、市重点民生实事", 22, "件", "顺利完成", 2022),
        ("10件区人大代表票决实事", 10, "件", "顺利完成", 2022),
    ]
    # the counts are claims of the programmes now, not ordinary results as well
    plain = [r for r in records("data/raw/tianyuan/2023.txt") if r.kind == "result" and not r.programme]
    assert not [r for r in plain if "实事" in r.clause and r.unit == "件"]


@pytest.mark.parametrize("path", ["data/raw/hunan/2025.docx", "tests/fixtures/hunan-2025.pdf"])
def test_hunan_2025__ten_major_items_circled(path):
    assert programmes(path) == [("十大重点民生实事", 10, None, 2025)]
    got = items(path, "十大重点民生实事")
    assert [r.programme_item for r in got] == list(range(1, 11))
    assert [(r.value, r.unit) for r in got][:2] == [(30, "万台"), (23, "万人次")]
    assert got[7].indicator == "建成150个基层消防站" and (got[7].value, got[7].unit) == (150, "个")
    assert got[6].comparator == "qualitative"  # ⑦ 推进社会保险经办跨省互联互通… has no figure
    assert ("十大重点民生实事", 10, None, "全面完成", 2024) in claims(path)


def test_zhejiang_2025__ten_aspects_one_per_line():
    path = "data/raw/zhejiang/2025.docx"
    assert programmes(path) == [("十方面民生实事", 10, None, 2025)]
    got = items(path, "十方面民生实事")
    assert [r.indicator for r in got][:3] == ["医疗卫生方面", "养老帮困方面", "关爱儿童方面"]
    assert got[-1].indicator == "除险保安方面" and got[-1].clause.endswith("完成整治病险水库山塘300座")
    assert claims(path) == [("十方面民生实事", 10, None, "圆满完成", 2024)]


@pytest.mark.parametrize("region", ["hunan", "zhejiang"])
def test_provinces_2026__claims_about_2025_and_unlisted_programmes(region):
    path = f"data/raw/{region}/2026.txt"
    name = {"hunan": "十大重点民生实事", "zhejiang": "十方面民生实事"}[region]
    outcome = {"hunan": "全面完成", "zhejiang": "圆满完成"}[region]
    assert (name, 10, None, outcome, 2025) in claims(path)
    assert programmes(path) == [(name, 10, None, 2026)]
    assert items(path, name) == []  # the 2026 texts name the programme without listing it


def test_beijing__no_numbered_programme():
    assert programmes("data/raw/beijing/2025.docx") == [] and claims("data/raw/beijing/2025.docx") == []


@pytest.mark.parametrize("year", [2021, 2022, 2023, 2024, 2025])
def test_national__no_programme_in_state_council_reports(year):
    assert not [r for r in records(f"data/raw/national/{year}.txt") if r.programme]


def test_zhumadian__city_lists_and_claims_over_the_years():
    z = "data/raw/zhumadian/{}.txt".format
    assert ("省定民生实事", None, None, "全面完成", 2024) in claims(z(2025))
    assert ("市定惠民工程", None, None, "全面完成", 2024) in claims(z(2025))
    assert ("十件市定惠民工程", 10, "件", 2024) in programmes(z(2024))
    assert claims(z(2021)) == [
        ("11件省定民生实事", 11, "件", "全部完成", 2020),
        ("12件市定惠民工程", 12, "件", "全部完成", 2020),
    ]
    assert programmes(z(2021)) == [
        ("我市十件惠民工程", 10, "件", 2021)
    ]  # not the province's 十件 it builds on
    assert len(items(z(2021), "我市十件惠民工程")) == 10
    assert [r.indicator for r in items(z(2018), "我市确定的10件民生实事")][0] == "开工建设人才公寓800套"
    assert len(items(z(2022), "11项市定惠民工程")) == 11  # the quoted 、 run before 等
    assert ("市里确定的十五大实事", 15, None, "得到较好落实", 2009) in claims(z(2010))
