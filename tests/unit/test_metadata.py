"""extractors.metadata: region, display name and report year from the header and the path."""

from pathlib import Path

import pytest

from extractors.metadata import delivery_date, display_name, path_year, region_slug, resolve_year, text_year
from extractors.read import read_document

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("year", [2021, 2022, 2023, 2024, 2025])
def test_metadata__national_years_come_from_the_text(year):
    doc = read_document(ROOT / f"data/raw/national/{year}.txt")
    assert (doc.report_year, doc.year_from, doc.name, doc.region) == (year, "text", "国务院", "national")
    assert doc.warnings == []


@pytest.mark.parametrize("year", [2021, 2022, 2023, 2024])
def test_metadata__national_date_line_gives_the_delivery_date(year):
    doc = read_document(ROOT / f"data/raw/national/{year}.txt")
    assert delivery_date(doc.text) == f"{year}-03-05"


@pytest.mark.parametrize(
    ("path", "name", "year"),
    [
        ("data/raw/tianyuan/2023.txt", "株洲市天元区人民政府", 2023),
        ("data/raw/hunan/2025.docx", "湖南省人民政府", 2025),
        ("data/raw/beijing/2025.docx", "北京市人民政府", 2025),
        ("data/raw/zhejiang/2025.docx", "浙江省人民政府", 2025),
    ],
)
def test_metadata__shipped_local_reports(path, name, year):
    doc = read_document(ROOT / path)
    assert (doc.name, doc.report_year, doc.year_from) == (name, year, "text")


def test_metadata__date_line_with_spaces_and_chinese_numerals():
    assert text_year("政府工作报告\n——2023 年 1 月 9 日在某区第六届人民代表大会第三次会议上") == 2023
    assert text_year("——二〇二四年一月十五日在某市第十届人民代表大会第三次会议上") == 2024
    assert delivery_date("——二〇二四年一月十五日在某市第十届人民代表大会第三次会议上") == "2024-01-15"


def test_metadata__title_year_when_there_is_no_date_line():
    assert text_year("2023年某县人民政府政府工作报告\n各位代表：") == 2023


def test_metadata__review_heading_implies_the_next_year():
    assert text_year("各位代表：\n现在，我代表国务院。\n一、2024年工作回顾\n过去一年。") == 2025


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理\n李强", "国务院"),
        ("株洲市天元区人民政府区长何柢", "株洲市天元区人民政府"),
        ("在北京市第十六届人民代表大会第三次会议上北京市市长殷勇同志作政府工作报告。", "北京市人民政府"),
        ("会议上浙江省代省长刘捷作政府工作报告", "浙江省人民政府"),
        ("2025年湖南省政府工作报告\n会议上省长毛伟明作政府工作报告。", "湖南省人民政府"),
        ("现在，我代表某某自治州人民政府，向大会报告", "某某自治州人民政府"),
        ("各位代表：\n现在，我代表省人民政府。", None),
    ],
)
def test_metadata__display_name(text, name):
    assert display_name(text) == name


def test_metadata__text_year_wins_and_a_disagreement_is_a_warning():
    year, source, warnings = resolve_year(
        "——2024年3月5日在第十四届全国人民代表大会", Path("x/2023.txt"), "x/2023.txt"
    )
    assert (year, source) == (2024, "text")
    assert warnings == ["x/2023.txt: year in text (2024) differs from file name (2023); using 2024"]


def test_metadata__path_year_is_the_fallback_and_none_when_absent():
    assert resolve_year("各位代表：", Path("x/2022.txt"), "x/2022.txt") == (2022, "path", [])
    assert resolve_year("各位代表：", Path("x/report.txt"), "x/report.txt") == (None, "", [])
    assert path_year(Path("gzbg-2021-final.pdf")) == 2021


def test_metadata__region_slug_is_the_folder():
    assert region_slug(Path("data/raw/hunan/2025.docx")) == "hunan"


def test_display_name__found_after_a_long_header_prefix():
    text = (
        "政府工作报告\n"
        + "各位代表：\n" * 30
        + "——2024年1月5日在某某市第十七届人民代表大会第三次会议上\n某某市人民政府市长 张三"
    )
    assert display_name(text) == "某某市人民政府"


@pytest.mark.parametrize("text, year", [
    ("二〇二四年政府工作报告\n2024年1月5日在某县第十八届人民代表大会第三次会议上", 2024),  # synthetic lines
    ("二O一一年政府工作报告\n二O一一年二月十日在某县人民代表大会上", 2011),
    ("二00三年政府工作报告\n二00三年二月十日在某县人民代表大会上", 2003),
    ("〇〇〇〇年政府工作报告\n〇〇〇〇年二月十日在某县人民代表大会上", None),  # four zeros: no year
])
def test_metadata__year_written_in_numerals_zeros_in_any_script(text, year):
    assert text_year(text) == year


def test_read__lost_figures_found_where_punctuation_replaced_them_and_only_there():
    """Synthetic: the gaps a stripping site leaves (`，%`, `；，`, `.%`), not punctuation after a
    figure, a closing bracket or a quote (`9%，、`, `）；，`, `”，，`) nor a decimal point in `3.%`."""
    from extractors.cues import cues

    gaps = cues().patterns["lost_figures"]
    found = [m.group() for m in gaps.finditer("增长，%；总量；，规模、%占比.%。比重，；")]
    assert found == ["，%", "；，", "、%", ".%", "，；"]
    assert [m.group() for m in gaps.finditer("增长9%，、投资（一）；，“开放”，，3.%")] == []
