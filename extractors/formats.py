"""Get the raw text out of each file format, in reading order, before normalisation.

One function per format, each `(data: bytes, source: str) -> RawText`; failures become one-line
ReadErrors that start with `source`. Blocks (paragraphs, table rows, HTML block elements) become
lines; table cells are separated by a tab. Nothing here cleans the text: that is `normalize`.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from extractors.encoding import decode_text
from extractors.records import ReadError


@dataclass
class RawText:
    text: str
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)


# ---- .txt ----------------------------------------------------------------------------------


def read_txt(data: bytes, source: str) -> RawText:
    text, encoding = decode_text(data, source)
    return RawText(text, encoding)


# ---- .docx ---------------------------------------------------------------------------------

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc


def read_docx(data: bytes, source: str) -> RawText:
    """Body paragraphs and tables in document order (tables: one line per row, cells tab-separated)."""
    import docx  # lazy: python-docx costs ~0.3 s to import

    if data.startswith(_OLE_MAGIC):
        raise ReadError(
            f"{source}: a legacy Word .doc file named .docx; open it in Word/LibreOffice and save as .docx"
        )
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as exc:
        raise ReadError(f"{source}: not a valid .docx (corrupt or truncated zip): re-download it") from exc
    except Exception as exc:  # python-docx raises its own types for broken packages
        raise ReadError(f"{source}: not a valid .docx ({type(exc).__name__}): re-download it") from exc
    return RawText("\n".join(_docx_blocks(document.element.body)))


def _docx_blocks(body) -> list[str]:
    from docx.oxml.ns import qn

    lines: list[str] = []
    stack = list(reversed(body))
    while stack:
        element = stack.pop()
        if element.tag == qn("w:p"):
            lines.append(_paragraph_text(element))
        elif element.tag == qn("w:tbl"):
            lines.extend(_table_rows(element))
        elif element.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
            stack.extend(reversed(list(element)))  # content controls wrap ordinary paragraphs
    return lines


_NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}


@cache
def _xpath(expression: str):
    from lxml import etree

    return etree.XPath(expression, namespaces=_NS)


def _paragraph_text(p) -> str:
    """All runs, including those python-docx's `Paragraph.text` skips (tracked insertions, smart tags,
    fields, content controls); not deleted text, not the VML fallback copy of a text box."""
    runs = _xpath(".//w:r[not(ancestor::mc:Fallback) and not(ancestor::w:del)]")(p)
    return "".join(run.text for run in runs)


def _table_rows(tbl) -> list[str]:
    from docx.oxml.ns import qn

    rows = []
    for tr in tbl.iterchildren(qn("w:tr")):
        cells = [_cell_text(tc) for tc in tr.iterchildren(qn("w:tc"))]
        if any(cells):
            rows.append("\t".join(cells))
    return rows


def _cell_text(tc) -> str:
    paragraphs = _xpath(".//w:p[not(ancestor::w:txbxContent)]")(tc)
    return " ".join(_paragraph_text(p) for p in paragraphs).strip()


# ---- .doc / .wps (Word 97-2003 binary) ----------------------------------------------------

_DOC_REASONS = {
    "encrypted": "Word file is password-protected (encrypted); save an unprotected copy and add that",
    "version": "Word 6.0/95 file, older than Word 97-2003 ({detail}); open it in Word/LibreOffice "
    "and save as .docx",
    "not_word": "not a Word document: {detail}; supply the report itself",
    "corrupt": "not a valid Word 97-2003 .doc (corrupt or truncated): re-download it",
}


def read_doc(data: bytes, source: str) -> RawText:
    """A Word 97-2003 binary document (also WPS Office's .wps, the same format): see `msdoc`."""
    from extractors.msdoc import DocError, doc_text, is_ole

    if not is_ole(data):
        raise ReadError(
            f"{source}: not a Word 97-2003 .doc (no OLE compound-file header): re-download it, "
            "or give it the extension of what it is"
        )
    try:
        return RawText(doc_text(data))
    except DocError as exc:
        reason = _DOC_REASONS.get(exc.kind, _DOC_REASONS["corrupt"])
        raise ReadError(f"{source}: {reason.format(detail=exc)}") from exc


# ---- .rtf ----------------------------------------------------------------------------------

_ANSICPG = re.compile(rb"\\ansicpg(\d+)")
_RTF_CELL = re.compile(r"(?<!\\)\\(?:nest)?cell(?![a-z])")
_ANSI_FONT = re.compile(r"\\fcharset0(?!\d)")
_DBCS_CODEPAGES = frozenset({"cp932", "cp936", "cp949", "cp950"})
_TRAILING_TABS = re.compile(r"\t+(?=\n|$)")
_RTF_TOKEN = re.compile(r"(?P<deleted>\\deleted(?![a-z])(?!0))|\\[a-z]+-?\d* ?|\\.|[{}]", re.S)


def read_rtf(data: bytes, source: str) -> RawText:
    """Rich Text: \\'xx escapes in the font's charset or the document's \\ansicpg (936 = GBK), \\uN
    characters, table cells as tabs and rows as lines; field instructions and pictures dropped."""
    from striprtf.striprtf import rtf_to_text

    if not data.lstrip().startswith(b"{\\rtf"):
        raise ReadError(f"{source}: not an RTF file (no {{\\rtf header): re-download it")
    codepage = _rtf_codepage(data)
    # RTF is 7-bit; some writers put raw 8-bit bytes in the text: those are in the ANSI code page.
    raw_codec = {"cp936": "gb18030"}.get(codepage or "", codepage or "cp1252")  # GB18030 ⊃ GBK
    text = data.decode(raw_codec, errors="replace")
    text = _RTF_CELL.sub(r"\\tab", _drop_deleted(text))
    if codepage in _DBCS_CODEPAGES:
        # Word tags Latin fonts `\fcharset0` and writes Chinese runs under them (`\loch\f0 \'d6\'d0`):
        # in a GBK document such bytes are GBK, so those fonts take the document's code page.
        text = _ANSI_FONT.sub("", text)
    try:
        plain = rtf_to_text(text, encoding=codepage or "cp1252", errors="replace")
    except (ValueError, IndexError, LookupError) as exc:
        raise ReadError(f"{source}: not a readable RTF file ({type(exc).__name__}): re-download it") from exc
    return RawText(_TRAILING_TABS.sub("", plain), codepage)


def _drop_deleted(text: str) -> str:
    """Without tracked deletions: from each `\\deleted` to the end of its group (Word and LibreOffice
    write each deleted run as a group `{\\deleted\\revauthdel1… text}`)."""
    if "\\deleted" not in text:
        return text
    out: list[str] = []
    kept_from, depth, cut_depth = 0, 0, None
    for token in _RTF_TOKEN.finditer(text):
        value = token.group()
        if value == "{":
            depth += 1
        elif value == "}":
            if cut_depth is not None and depth == cut_depth:
                kept_from, cut_depth = token.start(), None  # the closing brace is kept
            depth -= 1
        elif token.group("deleted") and cut_depth is None:
            out.append(text[kept_from : token.start()])
            cut_depth = depth
    out.append(text[kept_from:] if cut_depth is None else "}" * cut_depth)
    return "".join(out)


def _rtf_codepage(data: bytes) -> str | None:
    found = _ANSICPG.search(data[:4096])
    if not found:
        return None
    name = f"cp{int(found.group(1))}"
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


# ---- .pdf ----------------------------------------------------------------------------------


def read_pdf(data: bytes, source: str) -> RawText:
    """The text layer, page after page. No text at all means a scanned PDF."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        _unlock(reader, source)
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReadError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, EOFError) as exc:
        raise ReadError(f"{source}: not a valid PDF (corrupt or truncated): re-download it") from exc
    return _pdf_text(pages, source)


def _unlock(reader, source: str) -> None:
    if not reader.is_encrypted:
        return
    try:
        unlocked = reader.decrypt("")
    except Exception:  # missing crypto backend or unknown algorithm
        unlocked = 0
    if not unlocked:
        raise ReadError(f"{source}: PDF is password-protected; save an unprotected copy and add that")


def _pdf_text(pages: list[str], source: str) -> RawText:
    pages = strip_running_lines(pages)
    empty = sum(1 for page in pages if not page.strip())
    if not pages or empty == len(pages):
        raise ReadError(f"{source}: PDF has no text layer: scanned? OCR it first (e.g. ocrmypdf -l chi_sim)")
    warnings = []
    if empty:
        warnings.append(
            f"{source}: {empty} of {len(pages)} PDF pages have no text layer (scanned?); "
            "their content is missing: OCR the PDF for a complete reading"
        )
    return RawText("\n".join(pages), warnings=warnings)


_EDGE_MAX = 40  # running headers, footers and page numbers are short lines
_DIGITS = re.compile(r"\d+")


def strip_running_lines(pages: list[str]) -> list[str]:
    """Drop running headers/footers and page numbers: a page's first or last line that recurs (digits
    aside) at the edge of at least half the pages, e.g. `政府工作报告` / `— 3 —` / `第3页 共32页`."""
    if len(pages) < 3:
        return pages
    split = [[line for line in page.splitlines() if line.strip()] for page in pages]
    counts = Counter(key for lines in split for key in {_edge_key(lines[0]), _edge_key(lines[-1])} if lines)
    running = {key for key, n in counts.items() if key and n >= max(3, len(pages) // 2)}
    out = []
    for lines in split:
        while lines and _edge_key(lines[0]) in running:
            lines = lines[1:]
        while lines and _edge_key(lines[-1]) in running:
            lines = lines[:-1]
        out.append("\n".join(lines))
    return out


def _edge_key(line: str) -> str:
    text = "".join(line.split())
    return _DIGITS.sub("#", text) if len(text) <= _EDGE_MAX else ""


# ---- .html ---------------------------------------------------------------------------------

_DROP_TAGS = tuple(
    "script style noscript nav header footer aside form iframe template svg button select head title object canvas".split()
)
_BLOCK_TAGS = frozenset(
    "p div section article main h1 h2 h3 h4 h5 h6 li ul ol dl dt dd table tr blockquote pre center body "
    "figure figcaption address hr tbody thead".split()
)
_CELL_TAGS = frozenset(("td", "th"))
# Containers that CMS templates (including Chinese government sites: TRS_Editor, zoom) use for articles.
_ARTICLE_HINT = re.compile(r"article|content|zoom|trs_editor|detail|text|main|body|con\b", re.I)
_NAV_HINT = re.compile(
    r"^(?:nav|navbar|menu|breadcrumbs?|crumbs?|sidebar|footer|header|share|copyright)$", re.I
)
_ARTICLE_SHARE = 0.3  # an article container must hold at least this share of the page's text
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)
_WS = re.compile(r"[ \t\r\n\f\v]+")


def read_html(data: bytes, source: str) -> RawText:
    """The article text of a web page: scripts, styles and navigation dropped, blocks as lines."""
    import lxml.html
    from lxml import etree

    text, encoding = _decode_html(data, source)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ReadError(f"{source}: not a readable HTML page ({exc}); save the page again") from exc
    _drop_boilerplate(root)
    return RawText(_html_lines(_article(root)), encoding)


def _decode_html(data: bytes, source: str) -> tuple[str, str]:
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        name = "gb18030" if name in ("gb2312", "gbk", "gb18030", "x-gbk") else name
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data, source)


def _drop_boilerplate(root) -> None:
    doomed = [el for el in root.iter() if not isinstance(el.tag, str)]  # comments, processing instructions
    doomed += root.iter(*_DROP_TAGS)
    doomed += (
        el
        for el in root.iter()
        if isinstance(el.tag, str)
        and (el.get("role") == "navigation" or any(map(_NAV_HINT.match, _tokens(el))))
    )
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


def _tokens(el) -> list[str]:
    return f"{el.get('class', '')} {el.get('id', '')}".split()


def _article(root):
    """The obvious article container if there is one (largest text among hinted elements), else body."""
    body = root.find("body")
    body = root if body is None else body
    total = len(body.text_content())
    best, best_len = None, 0
    for el in body.iter("article", "main", "div", "section", "td"):
        if el.tag in ("article", "main") or any(_ARTICLE_HINT.search(tok) for tok in _tokens(el)):
            size = len(el.text_content())
            if size > best_len:
                best, best_len = el, size
    return best if best is not None and best_len >= _ARTICLE_SHARE * total else body


def _html_lines(container) -> str:
    from lxml import etree

    parts: list[str] = []
    for event, el in etree.iterwalk(container, events=("start", "end")):
        if not isinstance(el.tag, str):
            continue
        if event == "start":
            if el.tag in _BLOCK_TAGS or el.tag == "br":
                parts.append("\n")
            if el.text:
                parts.append(_WS.sub(" ", el.text))
        else:
            if el.tag in _BLOCK_TAGS:
                parts.append("\n")
            elif el.tag in _CELL_TAGS:
                parts.append("\t")
            if el.tail and el is not container:
                parts.append(_WS.sub(" ", el.tail))
    return "".join(parts)


# ---- .mht (a web page archive; Word's "single file web page", often saved as .doc) -----------


def read_mhtml(data: bytes, source: str) -> RawText:
    """The first HTML part of a MIME web archive, read as a web page."""
    import email
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            html = part.get_payload(decode=True) or b""
            charset = part.get_content_charset()
            if charset and not _META_CHARSET.search(html[:4096]):
                charset = "gb18030" if charset.lower() in ("gb2312", "gbk", "x-gbk") else charset
                try:
                    html = html.decode(charset).encode("utf-8")
                except (LookupError, UnicodeDecodeError):
                    pass
            return read_html(html, source)
    raise ReadError(f"{source}: a web archive (MHTML) without an HTML page in it; save the page again")
