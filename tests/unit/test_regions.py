"""regions: the registry (load, unique slugs, shipped regions) and detection from a report's words."""

from pathlib import Path

import pytest

from extractors.metadata import text_year
from regions.detect import detect, resolve_place
from regions.levels import classify
from regions.refresh import build_rows
from regions.registry import load_registry, region_info

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = {  # slug -> (name shown, level, parent, code)
    "national": ("国务院", "national", "", "000000"),
    "beijing": ("北京市", "province", "national", "110000"),
    "hunan": ("湖南省", "province", "national", "430000"),
    "zhejiang": ("浙江省", "province", "national", "330000"),
    "zhumadian": ("驻马店市", "prefecture", "henan", "411700"),
    "tianyuan": ("株洲市天元区", "county", "zhuzhou", "430211"),
}


def test_registry__loads_with_unique_slugs_and_every_parent_known():
    registry = load_registry()
    assert len(registry) > 3000
    slugs = [r.slug for r in registry.regions]
    assert len(slugs) == len(set(slugs))
    assert all(registry.get(r.parent) for r in registry.regions if r.level != "national")
    assert sum(r.level == "province" for r in registry.regions) >= 31


@pytest.mark.parametrize("slug", sorted(SHIPPED))
def test_registry__shipped_regions_resolve(slug):
    registry = load_registry()
    region = registry.get(slug)
    name, level, parent, code = SHIPPED[slug]
    assert (registry.full_name(region), region.level, region.parent, region.code) == (name, level, parent, code)


def test_registry__every_region_in_data_raw_is_known():
    registry = load_registry()
    folders = [p.name for p in (ROOT / "data/raw").iterdir() if p.is_dir()]
    assert folders and all(f in registry for f in folders)


def test_registry__repeated_names_get_parent_qualified_slugs():
    registry = load_registry()
    gulou = registry.named("鼓楼区")
    assert len(gulou) >= 4 and len({r.slug for r in gulou}) == len(gulou)
    assert all(r.slug.endswith("-gulou") for r in gulou)
    assert {registry.get(r.parent).name for r in gulou} >= {"南京市", "福州市"}


def test_registry__region_info_names_level_and_code():
    info = region_info("tianyuan")
    assert (info["region_name"], info["region_level"], info["region_code"], info["region_label"]) == (
        "株洲市天元区", "county", "430211", "县级 · 市辖区")
    assert region_info("no-such-place")["region_name"] == "no-such-place"


def test_levels__suffixes_give_level_subtype_and_short_name():
    assert classify("延边朝鲜族自治州", False, True) == ("prefecture", "autonomous_prefecture", "延边")
    assert classify("内蒙古自治区", True, False) == ("province", "autonomous_region", "内蒙古")
    assert classify("达拉特旗", False, False) == ("county", "banner", "达拉特")
    assert classify("醴陵市", False, False) == ("county", "county_city", "醴陵")
    assert classify("攸县", False, False) == ("county", "county", "攸县")


def test_refresh__builds_levels_parents_and_unique_slugs_from_an_adcode_list():
    pairs = [("430000", "湖南省"), ("430200", "株洲市"), ("430211", "天元区"), ("110000", "北京市"),
             ("110100", "北京市"), ("110105", "朝阳区"), ("220000", "吉林省"), ("220100", "长春市"),
             ("220104", "朝阳区"), ("990000", "苏鲁交界")]
    rows = {r["code"]: r for r in build_rows(pairs)}
    assert "110100" not in rows and "990000" not in rows
    assert (rows["430211"]["slug"], rows["430211"]["parent"], rows["430211"]["level"]) == ("tianyuan", "zhuzhou", "county")
    assert rows["110105"]["parent"] == "beijing"
    assert {rows["110105"]["slug"], rows["220104"]["slug"]} == {"beijing-chaoyang", "changchun-chaoyang"}


def test_resolve_place__takes_the_longest_nested_chain():
    registry = load_registry()
    assert [r.slug for r in resolve_place("会议上株洲市天元区", registry)] == ["tianyuan"]
    assert [r.slug for r in resolve_place("年河南省驻马店市", registry)] == ["zhumadian"]
    assert len(resolve_place("鼓楼区", registry)) >= 4
    assert resolve_place("各位代表", registry) == []


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("标题：二O一一年政府工作报告年份：2014====各位代表：", 2011),
        ("标题：二00三年政府工作报告\n各位代表：", 2003),
        ("二〇二四年某市政府工作报告\n各位代表：", 2024),
        ("下载 打印 全屏 收藏\n2026年某省政府工作报告\n各位代表：", 2026),
        ("各位代表：\n一、2009年工作回顾\n过去一年。\n二、2010年工作总体部署\n今年。", 2010),
        ("各位代表：\n一、过去一年工作回顾\n很好。\n二、今年的任务\n今年。", None),
    ],
)
def test_year__the_report_own_words(text, year):
    assert text_year(text) == year


def test_detect__a_city_report_whose_page_header_also_names_its_province():
    text = "中国政府网河南省人民政府繁简登录驻马店市人民政府首页\n二00三年政府工作报告\n全市经济增长。全市就业。全市投资。\n"
    found = detect(text)
    assert (found.region.slug, found.year) == ("zhumadian", 2003)


def test_detect__the_file_name_year_only_makes_a_note():
    found = detect("——2024年1月8日在株洲市天元区第十届人民代表大会第三次会议上\n各位代表：", path="2023.txt")
    assert (found.region.slug, found.year) == ("tianyuan", 2024)
    assert found.notes == ["file name says 2023, the text says 2024"]


def test_detect__ambiguous_inputs_say_why():
    two = detect("2024年长沙市政府工作报告\n在株洲市第十届人民代表大会第三次会议上\n我代表市人民政府")
    assert two.region is None and "more than one region" in two.region_reason
    nothing = detect("各位代表：\n现在作报告。")
    assert nothing.region is None and nothing.year is None and nothing.region_reason and nothing.year_reason


def test_folder_warnings__a_report_in_another_region_s_folder(tmp_path):
    from extractors.read import read_document
    from regions.detect import folder_warnings

    path = tmp_path / "hunan" / "2023.txt"
    path.parent.mkdir()
    path.write_bytes((ROOT / "data/raw/tianyuan/2023.txt").read_bytes())
    [warning] = folder_warnings(read_document(path))
    assert "株洲市天元区" in warning and "湖南省" in warning and "tianyuan/" in warning
    assert folder_warnings(read_document(ROOT / "data/raw/tianyuan/2023.txt")) == []
    elsewhere = tmp_path / "my-district" / "2023.txt"
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(path.read_bytes())
    assert folder_warnings(read_document(elsewhere)) == []  # not a registry folder: not checked
