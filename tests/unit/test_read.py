"""extractors.read: every format into one normalised Document; every bad file into one ReadError line."""

import codecs
import csv
import os
import time
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from extractors.read import read_document
from extractors.records import ReadError

ROOT = Path(__file__).resolve().parents[2]
TIANYUAN = ROOT / "data/raw/tianyuan/2023.txt"


def _one_line_error(path, starts=None) -> str:
    with pytest.raises(ReadError) as err:
        read_document(path)
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith(starts or str(Path(path).as_posix()))
    return message


def test_read__shipped_corpus_sources_are_relative_and_hashes_match_provenance(monkeypatch):
    monkeypatch.chdir(ROOT)
    with open("data/raw/provenance.csv", encoding="utf-8") as fh:
        registry = {row["path"]: row for row in csv.DictReader(fh)}
    for rel, row in registry.items():
        doc = read_document(f"data/raw/{rel}")
        assert doc.source == f"data/raw/{rel}"
        assert doc.sha256 == row["sha256"]
        assert (doc.region, doc.report_year) == (row["region"], int(row["year"]))
        assert doc.fmt == Path(rel).suffix[1:]
        assert doc.sections == []


def test_read__absolute_path_under_cwd_becomes_relative(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert read_document(TIANYUAN).source == "data/raw/tianyuan/2023.txt"


def test_read__region_argument_overrides_the_folder(tmp_path):
    target = tmp_path / "2023.txt"
    target.write_bytes(TIANYUAN.read_bytes())
    assert read_document(target, region="tianyuan").region == "tianyuan"
    assert read_document(target).region == tmp_path.name


@pytest.mark.parametrize(
    ("codec", "prefix", "label"),
    [
        ("gb18030", b"", "gb18030"),
        ("gbk", b"", "gb18030"),
        ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16-le"),
        ("utf-16-be", b"", "utf-16-be"),
    ],
)
def test_read__legacy_encodings_give_the_utf8_twin_text(tmp_path, codec, prefix, label):
    text = TIANYUAN.read_text(encoding="utf-8")
    twin = tmp_path / "tianyuan" / "2023.txt"
    twin.parent.mkdir()
    twin.write_bytes(prefix + text.encode(codec))
    doc, original = read_document(twin), read_document(TIANYUAN)
    assert doc.text == original.text
    assert doc.encoding == label
    assert (doc.name, doc.report_year, doc.region) == (original.name, original.report_year, "tianyuan")


def test_read__docx_includes_tables_in_document_order(tmp_path):
    document = docx.Document()
    document.add_paragraph("——2024年1月10日在某市第十届人民代表大会第三次会议上")
    document.add_paragraph("今年主要预期目标如下：")
    table = document.add_table(rows=2, cols=3)
    for row, cells in zip(
        table.rows, [("指标", "目标", "备注"), ("地区生产总值", "增长6%左右", "")], strict=True
    ):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    document.add_paragraph("完成上述目标，要重点做好以下工作。")
    path = tmp_path / "2024.docx"
    document.save(path)
    lines = read_document(path).text.split("\n")
    assert lines[1:4] == ["今年主要预期目标如下：", "指标\t目标\t备注", "地区生产总值\t增长6%左右"]
    assert lines[4] == "完成上述目标，要重点做好以下工作。"


def test_read__shipped_docx_paragraphs_are_complete():
    doc = read_document(ROOT / "data/raw/zhejiang/2025.docx")
    assert doc.fmt == "docx" and doc.encoding is None
    assert "\u3000" not in doc.text
    assert "一、2024年工作回顾" in doc.text.split("\n")


def test_read__html_keeps_the_article_and_drops_scripts_and_navigation(tmp_path):
    page = """<html><head><meta charset="gb2312"><title>某市政府门户网站</title>
    <script>var target = "增长99%";</script><style>p { color: red }</style></head>
    <body><div class="nav"><a href="/">首页</a><a>政务公开</a></div><header>某市人民政府网</header>
    <div id="zoom" class="TRS_Editor"><p>政府工作报告</p>
    <p>——2024年1月10日在某市第十届人民代表大会第三次会议上</p><p>某市人民政府市长 张三</p>
    <p>　　一、2023年工作回顾</p>
    <p>　　过去一年，我们坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，统筹发展和安全，全市经济社会发展取得新成效。</p>
    <p>　　我们着力扩大有效需求，推动消费持续恢复、投资稳步增长，重大项目建设加快推进，民营经济发展环境不断优化。</p>
    <p>　　地区生产总值增长
    5.5%，规模工业增加值增长 6%。<br>新增城镇就业1万人。</p><!-- 注释 123 -->
    <table><tr><td>指标</td><td>目标</td></tr><tr><td>GDP</td><td>6%左右</td></tr></table></div>
    <aside>相关链接：2019年报告</aside><footer>版权所有 © 2024 某市人民政府</footer></body></html>"""
    path = tmp_path / "mou" / "2024.html"
    path.parent.mkdir()
    path.write_bytes(page.encode("gb18030"))
    doc = read_document(path)
    assert doc.text.split("\n") == [
        "政府工作报告",
        "——2024年1月10日在某市第十届人民代表大会第三次会议上",
        "某市人民政府市长张三",
        "一、2023年工作回顾",
        "过去一年，我们坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，统筹发展和安全，全市经济社会发展取得新成效。",
        "我们着力扩大有效需求，推动消费持续恢复、投资稳步增长，重大项目建设加快推进，民营经济发展环境不断优化。",
        "地区生产总值增长5.5%，规模工业增加值增长6%。",
        "新增城镇就业1万人。",
        "指标\t目标",
        "GDP\t6%左右",
    ]
    assert (doc.fmt, doc.name, doc.report_year, doc.region) == ("html", "某市人民政府", 2024, "mou")


def test_read__htm_without_charset_in_utf8(tmp_path):
    path = tmp_path / "2024.htm"
    path.write_text(
        "<p>——2024年3月5日在第十四届全国人民代表大会第二次会议上</p><p>国务院总理 李强</p>", encoding="utf-8"
    )
    doc = read_document(path)
    assert (doc.fmt, doc.name, doc.report_year) == ("html", "国务院", 2024)


def test_read__pdf_fixture_has_the_targets_without_inter_character_spaces():
    doc = read_document(ROOT / "tests/fixtures/hunan-2025.pdf", region="hunan")
    assert (doc.fmt, doc.region, doc.report_year, doc.name) == ("pdf", "hunan", 2025, "湖南省人民政府")
    assert "主要预期目标是：地区生产总值增长5.5%左右，地方一般公共预算收入增长2.5%" in doc.text
    assert "规模工业增加值增长6.5%以上" in doc.text


@pytest.mark.parametrize(
    "content", [b"", b"   \r\n\t\n  ", codecs.BOM_UTF8 + b"\n\n", "\u3000\n".encode("utf-16")]
)
def test_read__empty_file(tmp_path, content):
    path = tmp_path / "2024.txt"
    path.write_bytes(content)
    assert "empty file" in _one_line_error(path)


def test_read__binary_junk(tmp_path):
    path = tmp_path / "2024.txt"
    path.write_bytes(os.urandom(4096) + bytes(range(32)) * 64)
    assert "binary or unknown encoding" in _one_line_error(path)


def test_read__truncated_docx(tmp_path):
    data = (ROOT / "data/raw/hunan/2025.docx").read_bytes()
    path = tmp_path / "2025.docx"
    path.write_bytes(data[: len(data) // 2])
    message = _one_line_error(path)
    assert "not a valid .docx (corrupt or truncated zip): re-download it" in message


def test_read__broken_legacy_doc_named_docx(tmp_path):
    path = tmp_path / "2025.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000)
    assert "not a valid Word 97-2003 .doc (corrupt or truncated)" in _one_line_error(path)


def test_read__pdf_without_text_layer(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "2024.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    assert "PDF has no text layer: scanned? OCR it first" in _one_line_error(path)


def test_read__corrupt_pdf(tmp_path):
    path = tmp_path / "2024.pdf"
    path.write_bytes(b"%PDF-1.7\n" + os.urandom(3000))
    assert "not a valid PDF" in _one_line_error(path) or "no text layer" in _one_line_error(path)


def test_read__encrypted_pdf(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    path = tmp_path / "2024.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    assert "password-protected" in _one_line_error(path)


@pytest.mark.parametrize(
    ("name", "shown"), [("2024.odt", "'.odt'"), ("2024.xls", "'.xls'"), ("2024", "no extension")]
)
def test_read__unknown_extension_names_it_and_the_supported_ones(tmp_path, name, shown):
    path = tmp_path / name
    path.write_bytes(b"some text")
    message = _one_line_error(path)
    assert shown in message and ".txt, .docx, .doc, .wps, .rtf, .html, .htm, .mht, .mhtml, .pdf" in message


def test_read__missing_file(tmp_path):
    assert "file not found" in _one_line_error(tmp_path / "2024.txt")


def test_read__year_disagreement_is_a_warning(tmp_path):
    path = tmp_path / "2022.txt"
    path.write_bytes(TIANYUAN.read_bytes())
    doc = read_document(path)
    assert doc.report_year == 2023 and doc.year_from == "text"
    assert doc.warnings == [f"{doc.source}: year in text (2023) differs from file name (2022); using 2023"]


def test_read__ten_megabyte_text_reads_in_bounded_time(tmp_path):
    body = TIANYUAN.read_bytes()
    path = tmp_path / "2023.txt"
    path.write_bytes(body * (10_000_000 // len(body) + 1))
    start = time.perf_counter()
    doc = read_document(path)
    assert time.perf_counter() - start < 60
    assert doc.report_year == 2023 and len(doc.text) > 3_000_000


def test_read__docx_runs_inside_tracked_insertions_and_smart_tags_are_read(tmp_path):
    from docx.oxml.ns import qn
    from lxml import etree

    document = docx.Document()
    paragraph = document.add_paragraph("地区生产总值增长")
    run = paragraph.add_run("5%左右")
    wrapper = etree.SubElement(paragraph._p, qn("w:ins"))
    wrapper.append(run._r)  # the run now sits inside <w:ins>, where python-docx's Paragraph.text misses it
    deleted = etree.SubElement(paragraph._p, qn("w:del"))
    deleted.append(paragraph.add_run("6%")._r)
    paragraph.add_run("。")
    path = tmp_path / "2024.docx"
    document.save(path)
    assert read_document(path).text == "地区生产总值增长5%左右。"


def test_read__pdf_running_headers_and_page_numbers_are_dropped():
    from extractors.formats import strip_running_lines

    pages = [f"2024年政府工作报告\n第{i}页的正文{i}，各不相同。\n— {i} —" for i in range(1, 7)]
    assert strip_running_lines(pages) == [f"第{i}页的正文{i}，各不相同。" for i in range(1, 7)]
    assert strip_running_lines(pages[:2]) == pages[:2]  # too few pages to tell
