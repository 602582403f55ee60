"""One file in, one Document and its commitments out: read, split into sections, extract.

Belongs here: the order of the steps and the two errors that only make sense after reading
(no determinable year; not a work report). Does not belong: any of the steps themselves.
"""

from __future__ import annotations

from pathlib import Path

from extractors.assessment import extract_assessments
from extractors.commitments import extract_commitments
from extractors.programmes import add_programmes
from extractors.read import read_document
from extractors.records import Commitment, Document, ReadError
from extractors.sections import split_sections


def extract_file(
    path: str | Path, region: str | None = None, year: int | None = None
) -> tuple[Document, list[Commitment]]:
    """Read `path`, split its sections and extract its commitments. Raises ReadError (one line).

    `year` (the CLI's --year) settles a report whose text gives none; it may not contradict the text."""
    doc = read_document(path, region)
    if year is not None:
        if doc.year_from == "text" and doc.report_year != year:
            raise ReadError(f"{doc.source}: --year {year} but the text says {doc.report_year}; check the file")
        doc.report_year, doc.year_from = year, "given"
    if doc.report_year is None:
        raise ReadError(
            f"{doc.source}: no determinable year: no date line (——2024年3月5日…) or title year in the text "
            "and no year in the file name; name the file <year>.<ext> or pass --year"
        )
    doc.sections = split_sections(doc.text, doc.report_year)
    records = add_programmes(doc, extract_commitments(doc))  # 民生实事 lists and claims (issue 14)
    records += extract_assessments(doc)  # the report's verdict on last year (issue 11)
    if not records and not any(s.kind in ("review", "plan") for s in doc.sections):
        raise ReadError(
            f"{doc.source}: not a work report: no review or plan section and no commitments found; "
            "check that the file is a 政府工作报告"
        )
    return doc, records


def extract_files(paths) -> tuple[list[Document], list[Commitment]]:
    """extract_file over several reports, in the given order: (documents, all their records)."""
    docs: list[Document] = []
    records: list[Commitment] = []
    for path in paths:
        doc, recs = extract_file(path)
        docs.append(doc)
        records.extend(recs)
    return docs, records
