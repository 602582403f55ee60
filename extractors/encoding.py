"""Turn the bytes of a .txt report into text, whatever encoding the publisher used.

Order: BOMs (UTF-8, UTF-16 LE/BE), BOM-less UTF-16 (NUL bytes all on one side of each pair), strict
UTF-8, then GB18030 (a superset of GBK and GB2312, the usual legacy encodings of Chinese government
files). Anything else, or text full of control characters, is rejected as binary. Nothing here
normalises the text: that is `normalize`.
"""

from __future__ import annotations

import codecs
import re

from extractors.records import ReadError

_SAMPLE = 65536  # bytes/chars inspected for plausibility checks
_MAX_CONTROL_SHARE = 0.01  # more control characters than this: binary
_UTF16_DOMINANCE = 3  # NULs on one side of the byte pairs at least this many times the other side
_MIN_TEXT_SHARE = 0.9  # a GB18030 decode must be at least this much common text

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# ASCII, Latin-1, general punctuation, CJK punctuation/ideographs, full-width forms.
_COMMON = re.compile(
    r"[\t\n\r\x0b\x0c\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
)

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding name). Raise ReadError (one line, starting with `name`) if not text."""
    bom = _bom_encoding(data)
    candidates = [bom] if bom else [_utf16_without_bom(data) or "utf-8", "gb18030"]
    for candidate in candidates:
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        # A guessed encoding must also yield mostly common characters (binary decodes as GB18030 too).
        if _looks_like_text(text, strict=candidate not in (bom, "utf-8")):
            return text, _label(candidate, data)
        break
    raise ReadError(
        f"{name}: binary or unknown encoding, not a text report; "
        "save it as UTF-8 (or GB18030) plain text, or supply the original .docx/.pdf/.html"
    )


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without BOM: ASCII characters (newlines, digits) put NULs mostly on one side of each pair.

    Not all on one side: ideographs such as 一 (U+4E00) have a NUL low byte.
    """
    sample = data[: _SAMPLE - _SAMPLE % 2]
    if len(sample) < 2 or len(sample) % 2 or data.find(0, 0, len(sample)) < 0:
        return None  # no NUL at all (every UTF-8 or GB18030 text): no need to count them per side
    even_nuls, odd_nuls = sample[0::2].count(0), sample[1::2].count(0)
    if odd_nuls > _UTF16_DOMINANCE * even_nuls:
        return "utf-16-le"
    if even_nuls > _UTF16_DOMINANCE * odd_nuls:
        return "utf-16-be"
    return None


def _looks_like_text(text: str, strict: bool) -> bool:
    sample = text[:_SAMPLE]
    if not sample:
        return True
    if len(_CONTROL.findall(sample)) > _MAX_CONTROL_SHARE * len(sample):
        return False
    return not strict or len(_COMMON.findall(sample)) >= _MIN_TEXT_SHARE * len(sample)


def _label(encoding: str, data: bytes) -> str:
    """Name the encoding as a user would: utf-16 with a BOM is reported with its byte order."""
    if encoding == "utf-16":
        return "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
    if encoding == "utf-32":
        return "utf-32-le" if data.startswith(codecs.BOM_UTF32_LE) else "utf-32-be"
    return encoding
