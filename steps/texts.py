"""The reports' normalised texts live on disk in the site build, not in the flow's memory.

Validation and rendering never read Document.text; only the site (text/<region>/<year>.txt, into
which every record's start/end point) and scoring's qualitative evidence do. So each extract task
writes its texts into the build's staging folder and sends its documents back without them; the
kept ones are moved into place once duplicates are resolved, and scoring reads them back for its
step only. At 3,000 reports this keeps ~250 MB of text (UCS-2) out of the flow process, and out of
what Dask workers send back. Texts are written and read as UTF-8 bytes: offsets stay exact.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from extractors.records import Document

STAGING = ".texts"


def text_path(doc: Document) -> str:
    """Where the normalised text goes in the site, relative to its root."""
    from reports.view import safe_slug

    return f"text/{safe_slug(doc.region)}/{doc.report_year}.txt"


def _staged(root: Path, doc: Document) -> Path:
    return root / STAGING / f"{hashlib.sha256(doc.source.encode()).hexdigest()[:24]}.txt"


def stage(doc: Document, root: str | Path) -> None:
    """Write the text to the build's staging folder and drop it from the document."""
    target = _staged(Path(root), doc)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(doc.text.encode("utf-8"))
    doc.text = ""


def place(kept: list[Document], root: str | Path, dropped: list[Document] | None = None) -> None:
    """Move the kept documents' texts to text/<region>/<year>.txt; forget the rest (duplicates).

    `dropped` (a part of the regions, placed while other parts still stage theirs): forget only
    those texts and leave the staging folder to `clear`."""
    root = Path(root)
    for doc in kept:
        target = root / text_path(doc)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(_staged(root, doc), target)
    if dropped is None:
        clear(root)
    for doc in dropped or ():
        _staged(root, doc).unlink(missing_ok=True)


def clear(root: str | Path) -> None:
    """Remove the staging folder (texts of reports that were not kept)."""
    shutil.rmtree(Path(root) / STAGING, ignore_errors=True)


class Loaded:
    """`with Loaded(docs, root):` the texts are back on the documents, and dropped again after."""

    def __init__(self, docs: list[Document], root: str | Path) -> None:
        self.docs, self.root = docs, Path(root)

    def __enter__(self) -> list[Document]:
        for doc in self.docs:
            doc.text = (self.root / text_path(doc)).read_bytes().decode("utf-8")
        return self.docs

    def __exit__(self, *exc: object) -> None:
        for doc in self.docs:
            doc.text = ""
