"""`duixian add`: put a new report into data/raw/<region>/<year>.<ext> safely, with its provenance.

The file must read as a report with a year (the same reader the pipeline uses), the bytes are copied
unchanged, nothing is overwritten without `replace`, and `provenance.csv` gets one row per raw file
(written atomically). The CLI wiring lives in `duixian.cli`; this module does no printing.
"""

from __future__ import annotations

import csv
import getpass
import io
import re
from datetime import date
from pathlib import Path

from duixian.atomic import write_atomic
from extractors.metadata import delivery_date
from extractors.read import read_document

PROVENANCE = "provenance.csv"
COLUMNS = ("path", "region", "year", "source", "delivered", "obtained", "licence", "sha256", "added_by")
DEFAULT_LICENCE = "Official document of a state organ; not subject to copyright (PRC Copyright Law art. 5)"
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class AddError(ValueError):
    """A report that cannot be added as asked. The message is one line a user can act on."""


def add_report(
    file: Path,
    region: str,
    year: int | None,
    raw_dir: Path = Path("data/raw"),
    replace: bool = False,
    *,
    source: str | None = None,
    licence: str = DEFAULT_LICENCE,
) -> Path:
    """Check, copy and record `file`; return the path it now has under `raw_dir`.

    Raises ReadError (unreadable file) or AddError (bad slug, no year, would overwrite).
    """
    file, raw_dir = Path(file), Path(raw_dir)
    _check_slug(region)
    doc = read_document(file, region=region)
    year = _year(doc, year)
    ext = file.suffix.lower()
    dest = raw_dir / region / f"{year}{ext}"
    data = file.read_bytes()
    source = source or f"added from {file.name}"
    if dest.exists() and dest.read_bytes() == data:  # already there, byte for byte: only fill a missing row
        _record(raw_dir, dest, region, year, doc, source, licence, removed=(), keep_existing=True)
        return dest
    others = _check_free(dest, replace)
    write_atomic(dest, data)
    for other in others:
        other.unlink()
    _record(raw_dir, dest, region, year, doc, source, licence, removed=others)
    return dest


def _check_slug(region: str) -> None:
    if not _SLUG.fullmatch(region or ""):
        raise AddError(
            f"region {region!r} is not a valid slug: use lower-case letters, digits and '-' "
            "(e.g. hunan, zhuzhou-tianyuan)"
        )


def _year(doc, year: int | None) -> int:
    if year is None:
        if doc.report_year is None:
            raise AddError(f"{doc.source}: no report year in the text or the file name; pass --year YYYY")
        return doc.report_year
    if not 1949 <= year <= date.today().year + 1:
        raise AddError(f"{doc.source}: --year {year} is not a plausible report year; check it")
    if doc.year_from == "text" and doc.report_year != year:
        raise AddError(
            f"{doc.source}: --year {year} but the report's date line or title says {doc.report_year}; "
            "check the file, or pass the year the text gives"
        )
    return year


def _check_free(dest: Path, replace: bool) -> list[Path]:
    """The files `dest` would clash with; refuse unless `replace`."""
    clashes = sorted(p for p in dest.parent.glob(f"{dest.stem}.*") if p.is_file() and p != dest)
    if replace:
        return clashes
    if dest.exists():
        raise AddError(
            f"{dest.as_posix()}: already exists with different content; pass --replace to overwrite it"
        )
    if clashes:
        names = ", ".join(p.name for p in clashes)
        raise AddError(
            f"{dest.as_posix()}: the same region and year already has {names}; "
            "pass --replace to swap it for this file, or remove it first"
        )
    return []


def _record(
    raw_dir: Path,
    dest: Path,
    region: str,
    year: int,
    doc,
    source: str,
    licence: str,
    removed,
    keep_existing: bool = False,
) -> None:
    """Add or update `dest`'s row (and drop rows of files it replaced) in provenance.csv, atomically."""
    registry = raw_dir / PROVENANCE
    columns, rows = _read_registry(registry)
    key = dest.relative_to(raw_dir).as_posix()
    dropped = {key, *(p.relative_to(raw_dir).as_posix() for p in removed)}
    old = next((r for r in rows if r.get("path") == key), None)
    if keep_existing and old is not None and old.get("sha256") == doc.sha256:
        return  # the same file, already recorded
    row = {
        "path": key,
        "region": region,
        "year": str(year),
        "source": source,
        "delivered": delivery_date(doc.text) or str(year),
        "obtained": date.today().isoformat(),
        "licence": licence,
        "sha256": doc.sha256,
        "added_by": f"duixian add ({_user()})",
    }
    rows = [r for r in rows if r.get("path") not in dropped] + [row]
    write_atomic(registry, _csv_text(columns, rows))


def _read_registry(registry: Path) -> tuple[list[str], list[dict]]:
    if not registry.exists():
        return list(COLUMNS), []
    with registry.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        columns = list(reader.fieldnames or COLUMNS)
    return columns + [c for c in COLUMNS if c not in columns], rows


def _csv_text(columns: list[str], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
