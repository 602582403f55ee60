"""The self-assessment of every shipped report that states one, on the real texts.

The expected classes were read from the reports in data/raw (national 2004-2025, the Zhumadian city
reports 2002-2026, provinces and a district): each names the set phrase it rests on.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.pipeline import extract_file

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"
CITY = RAW / "zhumadian"


def assessments(path: Path, region: str):
    _, records = extract_file(path, region=region)
    return [r for r in records if r.kind == "assessment"]


# report year -> (class of the first claim or admission, words of its phrase)
NATIONAL = {
    2007: ("some_missed", "没有实现年初确定的单位国内生产总值能耗降低4%左右"),
    2012: ("some_missed", "节能减排、物价调控目标没有完成"),
    2013: ("all_met", "全面实现年初确定的主要目标"),
    2014: ("all_met", "圆满实现全年经济社会发展主要预期目标"),
    2015: ("all_met", "完成了全年经济社会发展主要目标任务"),
    2016: ("all_met", "完成了全年主要目标任务"),
    2017: ("all_met", "全年经济社会发展主要目标任务圆满完成"),
    2018: ("all_met", "经济社会发展主要目标任务全面完成"),
    2019: ("all_met", "完成全年经济社会发展主要目标任务"),
    2021: ("mostly_met", "全年发展主要目标任务较好完成"),
    2022: ("mostly_met", "全年主要目标任务较好完成"),
    2023: ("mostly_met", "基本完成全年发展主要目标任务"),
    2024: ("all_met", "全年经济社会发展主要目标任务圆满完成"),
    2025: ("all_met", "全年经济社会发展主要目标任务顺利完成"),
}
# Reports whose review states no verdict on the year's targets (only `取得…重大成就`, or the year's
# paragraph sits outside the review, 2011): no record rather than a guess.
NATIONAL_NONE = (2004, 2005, 2006, 2008, 2009, 2010, 2011)


@pytest.mark.parametrize("year", sorted(NATIONAL))
def test_assessment__national_first_verdict(year):
    found = assessments(RAW / "national" / f"{year}.txt", "national")
    cls, phrase = NATIONAL[year]
    assert found, f"no assessment in national {year}"
    assert (found[0].assessment, found[0].period_year) == (cls, year - 1)
    assert phrase in found[0].clause


@pytest.mark.parametrize("year", NATIONAL_NONE)
def test_assessment__national_reports_without_a_verdict(year):
    assert assessments(RAW / "national" / f"{year}.txt", "national") == []


@pytest.mark.parametrize("year, phrase", [
    (2016, "预期增长目标未能实现"),  # trade, 2015
    (2017, "低于13%左右的预期目标"),  # M2, 2016
])
def test_assessment__national_admissions_beside_a_claim(year, phrase):
    found = assessments(RAW / "national" / f"{year}.txt", "national")
    assert [r.assessment for r in found] == ["all_met", "some_missed"]
    assert phrase in found[1].clause


@pytest.mark.parametrize("path, region, classes", [
    ("tianyuan/2023.txt", "tianyuan", ["mostly_met", "some_missed"]),  # 较好完成 … 部分经济指标没有实现预期
    ("hunan/2025.docx", "hunan", ["some_missed"]),  # 预期性指标未达到年初目标
    ("beijing/2025.docx", "beijing", ["mostly_met"]),
    ("zhejiang/2025.docx", "zhejiang", ["all_met"]),
    ("beijing/2026.txt", "beijing", ["mostly_met"]),  # 较好完成了市十六届人大三次会议确定的目标任务
    ("zhejiang/2026.txt", "zhejiang", ["all_met"]),  # 2025年各项目标任务的圆满完成，标志着“十四五”胜利收官
    ("hunan/2026.txt", "hunan", []),  # its review opens on the 十四五 period and states no verdict on 2025
])
def test_assessment__province_and_district_reports(path, region, classes):
    assert [r.assessment for r in assessments(RAW / path, region)] == classes


def test_assessment__city_reports_2004_2025():
    """Zhumadian (data/raw/zhumadian) states its verdict as `较好(地)完成了市N届人大M次会议确定的(各项)(目标)
    任务` (or 圆满完成) every year from 2004 except the end-of-term reports 2007 and 2012 (their verdict,
    `…人大各次会议确定的目标任务`, is on the whole term) and 2024 (no verdict phrase)."""
    firsts = {}
    for year in range(2004, 2026):
        found = assessments(CITY / f"{year}.txt", "zhumadian")
        if found:
            firsts[year] = found[0]
    assert set(range(2004, 2026)) - set(firsts) == {2007, 2012, 2024}
    assert {y for y, r in firsts.items() if r.assessment == "all_met"} == {2006, 2021}
    assert all(r.assessment == "mostly_met" for y, r in firsts.items() if y not in (2006, 2021))
    assert all("完成" in r.verb and r.period_year == y - 1 for y, r in firsts.items())


def test_gate_words_change_no_assessment_of_the_shipped_reports(monkeypatch):
    """assessment.csv's gate (words every claim contains) only skips work: with the gate opened on
    every sentence, every shipped report gives the same assessment records."""
    import re
    from dataclasses import replace

    from extractors import assessment

    paths = sorted(p for p in RAW.glob("*/*") if p.suffix in (".txt", ".docx"))
    gated = [(p, assessments(p, p.parent.name)) for p in paths]
    assert sum(len(found) for _, found in gated) > 20
    opened = replace(assessment._patterns(), gate=re.compile(""))
    monkeypatch.setattr(assessment, "_patterns", lambda: opened)
    for path, found in gated:
        assert assessments(path, path.parent.name) == found, path
