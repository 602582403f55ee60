"""extractors.encoding: every encoding a Chinese government .txt comes in, and junk that is not text."""

import codecs
from pathlib import Path

import pytest

from extractors.encoding import decode_text
from extractors.records import ReadError

ROOT = Path(__file__).resolve().parents[2]
TIANYUAN = (ROOT / "data/raw/tianyuan/2023.txt").read_text(encoding="utf-8")
SAMPLE = "各位代表：\n今年发展的主要预期目标是：地区生产总值增长5.5%左右。\n"


def test_encoding__utf8_plain():
    assert decode_text(SAMPLE.encode("utf-8"), "a.txt") == (SAMPLE, "utf-8")


def test_encoding__utf8_bom_is_dropped():
    assert decode_text(codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "a.txt") == (SAMPLE, "utf-8-sig")


@pytest.mark.parametrize(
    ("codec", "bom", "label"),
    [
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16-le"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_encoding__utf16_with_bom(codec, bom, label):
    assert decode_text(bom + SAMPLE.encode(codec), "a.txt") == (SAMPLE, label)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_encoding__utf16_without_bom_is_detected_by_nul_bytes(codec):
    assert decode_text(SAMPLE.encode(codec), "a.txt") == (SAMPLE, codec)


def test_encoding__gb18030_twin_of_shipped_report_decodes_identically():
    text, encoding = decode_text(TIANYUAN.encode("gb18030"), "tianyuan.txt")
    assert (text, encoding) == (TIANYUAN, "gb18030")


def test_encoding__gbk_bytes_are_read_as_gb18030():
    text, encoding = decode_text(SAMPLE.encode("gbk"), "a.txt")
    assert (text, encoding) == (SAMPLE, "gb18030")


@pytest.mark.parametrize(
    "junk",
    [
        bytes(range(256)) * 40,
        b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02\xff\xfe" * 500,
        b"\x00" * 3 + b"\xff\xd8\xff\xe0" * 1000,
        b"PK\x03\x04" + bytes([7, 0, 3, 200, 17, 1, 0, 9]) * 300,
    ],
)
def test_encoding__binary_junk_is_a_one_line_read_error(junk):
    with pytest.raises(ReadError) as err:
        decode_text(junk, "data/raw/x/2024.txt")
    message = str(err.value)
    assert message.startswith("data/raw/x/2024.txt: binary or unknown encoding")
    assert "\n" not in message
