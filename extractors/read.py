"""Read one report file (.txt, .docx, .doc/.wps, .rtf, .html/.htm/.mht, .pdf) into a normalised Document.

Belongs here: dispatch by extension (and, among Word files, by content), the formats in order of
preference, the sha256 of the raw bytes, and turning every failure into one
ReadError line that starts with the file and says what to do. Format parsing lives in
`formats`, encodings in `encoding`, text clean-up in `normalize`, header facts in `metadata`.
Does not belong: sections and commitments (`sections`, `commitments`, `pipeline`).
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from extractors import formats, metadata
from extractors.cues import cues
from extractors.msdoc import is_ole
from extractors.normalize import normalize_text
from extractors.records import Document, ReadError

# Extension -> format, in order of preference: when two files give one region and year, the run keeps
# the format that reads most faithfully (plain text first, re-flowed PDF text layers last).
_FORMAT = {
    ".txt": "txt",
    ".docx": "docx",
    ".doc": "doc",
    ".wps": "doc",  # WPS Office writes the Word 97-2003 binary format under this name
    ".rtf": "rtf",
    ".html": "html",
    ".htm": "html",
    ".mht": "mhtml",  # a web page archive: Word's "single file web page"
    ".mhtml": "mhtml",
    ".pdf": "pdf",
}
SUPPORTED = tuple(_FORMAT)
FORMAT_PREFERENCE = tuple(dict.fromkeys(_FORMAT.values()))
_READERS = {
    "txt": formats.read_txt,
    "docx": formats.read_docx,
    "doc": formats.read_doc,
    "rtf": formats.read_rtf,
    "pdf": formats.read_pdf,
    "html": formats.read_html,
    "mhtml": formats.read_mhtml,
}
_WORD_FAMILY = ("docx", "doc", "rtf")  # downloads named .doc are often RTF, .docx or a web page


def read_document(path: str | Path, region: str | None = None) -> Document:
    """Read, normalise and fill metadata (no sections). Raises ReadError with a one-line message."""
    path = Path(path)
    source = source_name(path)
    fmt = _format(path, source)
    data = _read_bytes(path, source)
    if not data.strip():
        raise ReadError(f"{source}: empty file; replace it with the report's full text")
    fmt = _word_content(fmt, data)
    raw = _READERS[fmt](data, source)
    text = normalize_text(raw.text)
    if not text.strip():
        raise ReadError(f"{source}: empty file (no text in it); replace it with the report's full text")
    year, year_from, warnings = metadata.resolve_year(text, path, source)
    return Document(
        source=source,
        fmt=fmt,
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
        region=region or metadata.region_slug(path),
        name=metadata.display_name(text),
        report_year=year,
        year_from=year_from,
        encoding=raw.encoding,
        warnings=[*raw.warnings, *warnings, *_lost_figures(text, source)],
    )


_LOST_FIGURES_MIN = 3  # fewer gaps: a typo, not a text whose figures were stripped


def _lost_figures(text: str, source: str) -> list[str]:
    """A warning when the text has places where figures were stripped (cue `lost_figures`)."""
    gaps = [m.group() for m in cues().patterns["lost_figures"].finditer(text)]
    if len(gaps) < _LOST_FIGURES_MIN:
        return []
    return [f"{source}: {len(gaps)} places where a figure seems missing (`{'`, `'.join(gaps[:3])}`…); "
            "the text may have lost its numbers: check it against the published report"]


def source_name(path: str | Path) -> str:
    """The path as given, relative to the current directory when it lies under it (POSIX slashes)."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _format(path: Path, source: str) -> str:
    ext = path.suffix.lower()
    if ext not in _FORMAT:
        shown = f"extension '{ext}'" if ext else "no extension"
        raise ReadError(
            f"{source}: unknown file type ({shown}); supported: {', '.join(SUPPORTED)}: "
            "convert it or rename it with the right extension"
        )
    return _FORMAT[ext]


_HTML_START = re.compile(rb"^\s*(?:<!doctype html|<html|<\?xml[^>]*>\s*<html)", re.I)
_MIME_START = re.compile(rb"^\s*(?:mime-version|content-type|from|subject|date|message-id)\s*:", re.I)


def _word_content(fmt: str, data: bytes) -> str:
    """What a Word-family file really holds: a .doc saved as RTF, a .docx that is a Word 97 binary,
    Word's web page (HTML or MHTML) saved under .doc. Other formats are read as their extension says."""
    if fmt not in _WORD_FAMILY:
        return fmt
    head = data[:512]
    if is_ole(head):
        return "doc"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if fmt == "doc" and _HTML_START.match(head.removeprefix(b"\xef\xbb\xbf")):
        return "html"
    if fmt == "doc" and _MIME_START.match(head):
        return "mhtml"
    return fmt


def _read_bytes(path: Path, source: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ReadError(f"{source}: file not found; check the path") from None
    except IsADirectoryError:
        raise ReadError(f"{source}: is a folder, not a file; pass the report file itself") from None
    except OSError as exc:
        raise ReadError(f"{source}: cannot be read ({exc.strerror}); check its permissions") from None
