"""Word 97-2003 (.doc, .wps) and RTF reports: read like .docx, and every bad file is one ReadError line.

Fixtures (tests/fixtures/make_word_fixtures.py, made once with LibreOffice): synthetic-county-2024.doc/.rtf,
a short invented text of the genre with a table and fields; hunan-2025.doc, the shipped hunan/2025.docx
saved in the Word 97-2003 format.
"""

from __future__ import annotations

import shutil
import struct
from dataclasses import replace
from pathlib import Path

import pytest

from extractors import msdoc
from extractors.pipeline import extract_file
from extractors.read import read_document
from extractors.records import ReadError

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests/fixtures"
SYNTH_DOC = FIXTURES / "synthetic-county-2024.doc"
SYNTH_RTF = FIXTURES / "synthetic-county-2024.rtf"
HUNAN_DOC = FIXTURES / "hunan-2025.doc"
HUNAN_DOCX = ROOT / "data/raw/hunan/2025.docx"


def _copy(src: Path, tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, target)
    return target


def _error(path: Path) -> str:
    with pytest.raises(ReadError) as err:
        read_document(path)
    message = str(err.value)
    assert "\n" not in message and message.startswith(path.as_posix())
    return message


# ---- reading ---------------------------------------------------------------------------------


def test_read_doc__paragraphs_table_rows_and_field_results():
    doc = read_document(SYNTH_DOC)
    lines = doc.text.splitlines()
    assert doc.fmt == "doc" and doc.report_year == 2024
    assert "一、2023年工作回顾" in lines and "二、2024年工作安排" in lines
    assert any(
        line.startswith("今年全县经济社会发展的主要预期目标是：地区生产总值增长6%左右") for line in lines
    )
    # rows are lines, cells tab-separated; an empty cell stays a cell; a cell's two paragraphs are one cell
    assert "指标\t2023年完成\t2024年目标" in lines
    assert "新增学位\t\t800个" in lines
    assert any(line.startswith("地区生产总值增速") and line.endswith("\t5.8%\t6%左右") for line in lines)
    # fields: the hyperlink's and the page number's results, not their instructions
    assert "全文见县政府网站示例链接，第1页。" in lines
    assert "HYPERLINK" not in doc.text and "PAGE" not in doc.text


@pytest.mark.parametrize("path", [SYNTH_DOC, SYNTH_RTF])
def test_read_word__tracked_deletions_are_not_read(path):
    """The fixture's target sentence had 2800 deleted and 3000 inserted with change tracking on."""
    text = read_document(path).text
    assert "城镇新增就业3000人以上" in text and "2800" not in text


def test_read_rtf__deleted_runs_end_with_their_group():
    from extractors.formats import _drop_deleted

    rtf = r"{\rtf1 a{\b x\deleted y{\i z}w}b\deleted0 c{\deleted q}}"
    assert _drop_deleted(rtf) == r"{\rtf1 a{\b x}b\deleted0 c{}}"


def test_read_doc__targets_and_results_are_extracted():
    _, records = extract_file(SYNTH_DOC, region="synthetic")
    found = {(r.kind, r.canonical, r.value, r.comparator) for r in records}
    assert ("target", "gdp", 6.0, "approx") in found
    assert ("result", "gdp", 5.8, "exact") in found


def test_read_doc__real_report_saved_as_doc_gives_the_docx_records(tmp_path):
    """hunan/2025.docx saved by LibreOffice as Word 97-2003: same normalised text, same records."""
    doc_path = _copy(HUNAN_DOC, tmp_path, "hunan/2025.doc")
    docx_path = _copy(HUNAN_DOCX, tmp_path, "hunan/2025.docx")
    doc, from_doc = extract_file(doc_path)
    docx, from_docx = extract_file(docx_path)
    assert doc.text == docx.text and (doc.region, doc.report_year) == ("hunan", 2025)
    assert len(from_doc) > 20
    assert [replace(r, source="") for r in from_doc] == [replace(r, source="") for r in from_docx]


@pytest.mark.parametrize("name", ["2024.wps", "2024.DOC", "附件1.doc"])
def test_read_doc__wps_and_any_case_of_the_extension(tmp_path, name):
    doc = read_document(_copy(SYNTH_DOC, tmp_path, name))
    assert doc.fmt == "doc" and "新增学位\t\t800个" in doc.text


def test_read_doc__a_word_97_file_named_docx_is_read_as_doc(tmp_path):
    doc = read_document(_copy(SYNTH_DOC, tmp_path, "2024.docx"))
    assert doc.fmt == "doc" and doc.text == read_document(SYNTH_DOC).text


@pytest.mark.parametrize(("src", "fmt"), [(SYNTH_RTF, "rtf"), (HUNAN_DOCX, "docx")])
def test_read_doc__a_doc_that_holds_rtf_or_docx_is_read_as_what_it_holds(tmp_path, src, fmt):
    assert read_document(_copy(src, tmp_path, "2024.doc")).fmt == fmt


def test_read_doc__a_web_page_saved_as_doc_is_read_as_html(tmp_path):
    path = tmp_path / "2024.doc"
    path.write_bytes(
        '<html><head><meta charset="gb2312"></head><body><p>二、2024年工作安排</p>'
        "<p>地区生产总值增长6%左右</p></body></html>".encode("gbk")
    )
    doc = read_document(path)
    assert doc.fmt == "html" and "地区生产总值增长6%左右" in doc.text


def test_read_rtf__libreoffice_unicode_escapes_and_table_cells():
    doc = read_document(SYNTH_RTF)
    assert doc.fmt == "rtf" and doc.report_year == 2024
    assert "主要预期目标是：地区生产总值增长6%左右" in doc.text
    assert "新增学位\t\t800个" in doc.text.splitlines()
    assert "全文见县政府网站示例链接，第1页。" in doc.text and "HYPERLINK" not in doc.text


def _gbk_escaped(text: str) -> str:
    return "".join(f"\\'{b:02x}" for b in text.encode("gbk"))


WORD_FONTS = r"{\fonttbl{\f0\froman\fcharset0 Times New Roman;}{\f13\fnil\fcharset134 \'cb\'ce\'cc\'e5;}}"


@pytest.mark.parametrize(
    "body",
    [
        r"\f13 " + _gbk_escaped("地区生产总值增长6%左右"),  # the font's charset: 134 = GBK
        r"\hich\af0\dbch\af13\loch\f0 " + _gbk_escaped("地区生产总值增长6%左右"),  # Word: Latin font current
        r"\uc1\u22320?\u21306?" + _gbk_escaped("生产总值增长") + r"6%\u24038?\u21491?",  # \uN with fallback
        r"\uc2\u22320\'b5\'d8\u21306\'c7\'f8" + _gbk_escaped("生产总值增长6%左右"),  # two-byte fallbacks
    ],
)
def test_read_rtf__gbk_escapes_and_unicode_escapes_decode(tmp_path, body):
    path = tmp_path / "2024.rtf"
    path.write_bytes(
        (r"{\rtf1\ansi\ansicpg936\deff0" + WORD_FONTS + r"\pard\plain " + body + r"\par}").encode("ascii")
    )
    assert read_document(path).text == "地区生产总值增长6%左右"


def test_read_rtf__raw_gbk_bytes_in_the_text_decode(tmp_path):
    path = tmp_path / "2024.rtf"
    path.write_bytes("{\\rtf1\\ansi\\ansicpg936\\pard 地区生产总值增长6%左右\\par}".encode("gbk"))
    assert read_document(path).text == "地区生产总值增长6%左右"


# ---- piece table -----------------------------------------------------------------------------


def _stream_with_clx(pieces: list[tuple[int, bool, bytes]], prc: bytes = b"") -> tuple[bytes, bytes]:
    """A WordDocument stand-in holding each piece's bytes at its fc, and a table stream with the Clx."""
    word = bytearray(b"\0" * 64)
    cps, pcds, cp = [0], b"", 0
    for count, compressed, raw in pieces:
        fc = len(word)
        word += raw
        stored = (fc * 2) | 0x40000000 if compressed else fc
        pcds += struct.pack("<HIH", 0, stored, 0)
        cp += count
        cps.append(cp)
    plc = struct.pack(f"<{len(cps)}I", *cps) + pcds
    return bytes(word), prc + b"\x02" + struct.pack("<I", len(plc)) + plc


def test_pieces__compressed_cp1252_and_utf16_pieces_join_in_cp_order():
    pieces = [(4, True, b"GDP\x93"), (6, False, "增长6%左右".encode("utf-16-le")), (2, True, b"\x81\r")]
    prc = b"\x01" + struct.pack("<h", 3) + b"\x00\x00\x00"  # a Prc block before the Pcdt is skipped
    word, table = _stream_with_clx(pieces, prc)
    found, text = msdoc._pieces(word, table, (0, len(table)), ccp_text=12)
    assert text == "GDP\u201c增长6%左右\x81\r"
    assert [(p.cp, p.compressed) for p in found] == [(0, True), (4, False), (10, True)]


def test_pieces__text_past_ccp_text_belongs_to_footnotes_and_headers():
    word, table = _stream_with_clx([(3, True, b"ab\r"), (3, True, b"fn\r")])
    _, text = msdoc._pieces(word, table, (0, len(table)), ccp_text=3)
    assert text == "ab\r"


def test_plain__fields_nested_controls_and_the_row_heuristic():
    text = "a\x13 REF x \x13 PAGE \x142\x15\x14b\x15c\x0bd\x02\x1f\x1ee\x07f\x07\x07g\r"
    piece = msdoc._Piece(0, 0, False)
    assert msdoc._plain(text, [piece], None) == "abc\nd-e\tf\ng\n"


# ---- bad files -------------------------------------------------------------------------------


def _fib_offset(data: bytes) -> int:
    """Where the WordDocument stream (the FIB: wIdent 0xA5EC) starts in the file: a sector boundary."""
    at = next(i for i in range(512, len(data), 512) if data[i : i + 2] == b"\xec\xa5")
    return at


def _patched(data: bytes, offset: int, fmt: str, value: int) -> bytes:
    out = bytearray(data)
    at = _fib_offset(data) + offset
    struct.pack_into(fmt, out, at, value)
    return bytes(out)


def _write(tmp_path: Path, data: bytes, name: str = "2024.doc") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_read_doc__encrypted(tmp_path):
    data = SYNTH_DOC.read_bytes()
    flags = struct.unpack_from("<H", data, _fib_offset(data) + 0x0A)[0]
    message = _error(_write(tmp_path, _patched(data, 0x0A, "<H", flags | 0x0100)))
    assert "password-protected" in message


def test_read_doc__word_95_is_named_with_what_to_do(tmp_path):
    message = _error(_write(tmp_path, _patched(SYNTH_DOC.read_bytes(), 2, "<H", 0x0068)))
    assert "Word 6.0/95" in message and "save as .docx" in message


def test_read_doc__no_text_is_an_empty_file(tmp_path):
    data = SYNTH_DOC.read_bytes()
    fib = _fib_offset(data)
    csw = struct.unpack_from("<H", data, fib + 32)[0]
    ccp_text_at = 32 + 2 + 2 * csw + 2 + 12
    assert "empty file" in _error(_write(tmp_path, _patched(data, ccp_text_at, "<i", 0)))


def test_read_doc__piece_table_outside_the_stream_is_corrupt(tmp_path):
    data = SYNTH_DOC.read_bytes()
    fib = _fib_offset(data)
    csw = struct.unpack_from("<H", data, fib + 32)[0]
    cslw = struct.unpack_from("<H", data, fib + 34 + 2 * csw)[0]
    fc_clx_at = 34 + 2 * csw + 2 + 4 * cslw + 2 + 8 * 33
    message = _error(_write(tmp_path, _patched(data, fc_clx_at, "<I", 10_000_000)))
    assert "not a valid Word 97-2003 .doc (corrupt or truncated): re-download it" in message


@pytest.mark.parametrize("cut", [0.5, 0.1])
def test_read_doc__truncated(tmp_path, cut):
    data = HUNAN_DOC.read_bytes()
    message = _error(_write(tmp_path, data[: int(len(data) * cut)]))
    assert "corrupt or truncated" in message


def _renamed_stream(name: str) -> bytes:
    """The fixture with its WordDocument stream renamed in the OLE directory entry (a 64-byte UTF-16
    name, NUL-padded, then its length in bytes with the terminating NUL)."""
    data = bytearray(SYNTH_DOC.read_bytes())
    at = data.index("WordDocument".encode("utf-16-le"))
    data[at : at + 64] = name.encode("utf-16-le").ljust(64, b"\0")
    struct.pack_into("<H", data, at + 64, 2 * (len(name) + 1))
    return bytes(data)


def test_read_doc__an_excel_workbook_named_doc(tmp_path):
    data = _renamed_stream("Workbook")
    message = _error(_write(tmp_path, data))
    assert "not a Word document: an Excel workbook" in message


def test_read_doc__ole_file_without_any_known_stream_is_corrupt(tmp_path):
    message = _error(_write(tmp_path, _renamed_stream("XordDocument")))
    assert "not a valid Word 97-2003 .doc (corrupt or truncated)" in message


def test_read_doc__not_an_ole_file(tmp_path):
    message = _error(_write(tmp_path, b"this is not a Word file at all " * 10))
    assert "no OLE compound-file header" in message


def test_read_rtf__without_rtf_header(tmp_path):
    assert "not an RTF file" in _error(_write(tmp_path, b"plain words " * 10, "2024.rtf"))


def _mhtml(html: str, charset: str) -> bytes:
    """A web archive as Word saves one ("single file web page"): MIME, quoted-printable HTML part."""
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    archive = MIMEMultipart("related")
    archive.attach(MIMEText(html, "html", charset))
    return archive.as_bytes()


@pytest.mark.parametrize("name", ["2024.mht", "2024.doc"])
def test_read_mhtml__the_html_part_of_a_web_archive_in_its_charset(tmp_path, name):
    html = "<html><body><p>二、2024年工作安排</p><p>地区生产总值增长6%左右</p></body></html>"
    doc = read_document(_write(tmp_path, _mhtml(html, "gb2312"), name))
    assert doc.fmt == "mhtml" and "地区生产总值增长6%左右" in doc.text.splitlines()


def test_read_mhtml__without_an_html_part(tmp_path):
    from email.mime.text import MIMEText

    message = _error(_write(tmp_path, MIMEText("只有文字", "plain", "utf-8").as_bytes(), "2024.mht"))
    assert "without an HTML page" in message


def test_read_doc__damaged_bytes_give_a_document_or_one_read_error(tmp_path):
    """Bytes overwritten across the file (the FIB, the piece table, the FKPs, the text): never a crash."""
    import random

    data = SYNTH_DOC.read_bytes()
    rng = random.Random(12)
    outcomes = set()
    for i in range(60):
        damaged = bytearray(data)
        for _ in range(8):
            at = rng.randrange(512, len(data))
            damaged[at : at + 4] = rng.randbytes(4)
        path = _write(tmp_path, bytes(damaged), f"{i}.doc")
        try:
            read_document(path)
            outcomes.add("read")
        except ReadError as exc:
            assert "\n" not in str(exc) and str(exc).startswith(path.as_posix())
            outcomes.add("error")
    assert outcomes  # every damaged copy was either read or refused in one line
