"""`duixian add PATH...`: recognise reports (any file names, folders recursively) and file them as
data/raw/<region>/<year>.<ext>, with their provenance.

For each file: read it as the run does (same reader, same "not a work report" check), detect its
region and year from its own words (`regions.detect`), check it against what is already in the raw
folder (same bytes anywhere, same region and year), then copy it byte for byte, or say why not.
`--region`/`--year` settle what the text leaves open and must agree with what it says. Nothing is
guessed: every file gets one AddRow (detected, evidence, action, reason). `provenance.csv` is
rewritten once, atomically, after the files are copied. This module does no printing (duixian.cli).
"""

from __future__ import annotations

import csv
import getpass
import hashlib
import io
import os
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from duixian.atomic import write_atomic
from extractors.commitments import extract_commitments
from extractors.metadata import delivery_date
from extractors.read import SUPPORTED, read_document, source_name
from extractors.records import ReadError
from extractors.sections import split_sections
from regions.detect import detect
from regions.registry import Region, Registry, load_registry

PROVENANCE = "provenance.csv"
COLUMNS = ("path", "region", "year", "source", "delivered", "obtained", "licence", "sha256", "added_by")
DEFAULT_LICENCE = "Official document of a state organ; not subject to copyright (PRC Copyright Law art. 5)"
ACTIONS = ("added", "would_add", "duplicate", "refused")
JSON_KEYS = ("file", "region", "region_name", "level", "code", "year", "action", "reason", "evidence")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_SKIPPED = {"provenance.csv", "readme", "readme.md", "readme.txt", "thumbs.db", ".ds_store"}


class AddError(ValueError):
    """A report that cannot be added as asked. The message is one line a user can act on."""


@dataclass
class AddRow:
    """What `add` found and did for one file (the jsonl row, plus where it went)."""

    file: str
    region: str | None = None
    region_name: str = ""
    level: str = ""
    code: str = ""
    year: int | None = None
    action: str = "refused"
    reason: str = ""
    evidence: list[str] = field(default_factory=list)
    dest: str = ""  # the path under the raw folder it was (or would be) copied to
    ok: bool = False  # added, would be added, or already there byte for byte

    def to_json(self) -> dict:
        return {key: getattr(self, key) for key in JSON_KEYS}


@dataclass
class _Held:
    """What the raw folder holds already: sha256 -> path, (region, year) -> paths."""

    by_hash: dict[str, str] = field(default_factory=dict)
    by_key: dict[tuple[str, int], list[Path]] = field(default_factory=dict)


def expand(paths: list[str | Path]) -> list[Path]:
    """Files as given, and every file under the folders given (recursively, sorted; dotfiles skipped)."""
    out: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
                out += [Path(root) / f for f in sorted(files)
                        if not f.startswith((".", "~")) and f.lower() not in _SKIPPED]
        else:
            out.append(path)
    return out


def add_paths(
    paths: list[str | Path],
    raw_dir: Path = Path("data/raw"),
    region: str | None = None,
    year: int | None = None,
    *,
    replace: bool = False,
    dry_run: bool = False,
    source: str | None = None,
    licence: str = DEFAULT_LICENCE,
    registry: Registry | None = None,
) -> list[AddRow]:
    """One AddRow per file under `paths`; copies (unless `dry_run`) and records provenance once."""
    registry = registry or load_registry()
    raw_dir = Path(raw_dir)
    forced = _forced_region(region, registry)
    held = _held(raw_dir)
    rows, recorded, removed = [], [], []
    seen: dict[str, AddRow] = {}
    for file in expand(paths):
        digest, again = _seen_in_batch(file, seen)
        if again is not None:
            rows.append(again)
            continue
        row, doc, data = _examine(file, forced, year, registry)
        if digest:
            seen[digest] = row
        if row.action != "refused":
            _place(row, raw_dir, held, data, replace)
        if row.action == "would_add":
            if dry_run:
                row.ok = True
            else:
                clashes = _clashes(raw_dir / row.dest) if replace else []
                write_atomic(raw_dir / row.dest, data)
                for other in clashes:
                    other.unlink()
                    removed.append(other.relative_to(raw_dir).as_posix())
                recorded.append(_provenance_row(row, doc, source or f"added from {file.name}", licence))
                row.action, row.ok = "added", True
        rows.append(row)
    if recorded:
        _record(raw_dir, recorded, removed)
    return rows


def _seen_in_batch(file: Path, seen: dict[str, AddRow]) -> tuple[str, AddRow | None]:
    """(sha256, a duplicate row) when the same bytes came earlier in this batch: same answer, no re-read."""
    try:
        digest = hashlib.sha256(file.read_bytes()).hexdigest()
    except OSError:
        return "", None
    first = seen.get(digest)
    if first is None:
        return digest, None
    row = AddRow(source_name(file), first.region, first.region_name, first.level, first.code, first.year,
                 "duplicate", f"the same bytes as {first.file}, earlier in this batch ({first.action})",
                 list(first.evidence), first.dest, ok=first.ok)
    return digest, row


def _forced_region(slug: str | None, registry: Registry) -> Region | None:
    if slug is None:
        return None
    region = registry.get(slug)
    if region is not None:
        return region
    if not _SLUG.fullmatch(slug):
        raise AddError(f"--region {slug!r} is not a valid slug: lower-case letters, digits and '-' "
                       "(e.g. hunan, tianyuan)")
    hints = registry.suggest(slug)
    hint = ("; did you mean " + " or ".join(f"{r.slug} ({registry.full_name(r)})" for r in hints) + "?"
            if hints else "; regions are listed in regions/data/regions.csv (add a missing one to extra.csv)")
    raise AddError(f"--region {slug}: not in the regions registry{hint}")


def _examine(file: Path, forced: Region | None, year: int | None, registry: Registry):
    """Read, check the genre, detect region and year: (row, document, bytes); refused rows say why."""
    row = AddRow(source_name(file))
    try:
        doc = read_document(file)
    except ReadError as error:
        row.reason = _own_words(str(error), row.file, file)
        return row, None, b""
    if not _is_report(doc.text):
        row.reason = ("not a work report: none of " + "、".join(_markers())
                      + " in the text (a 部门决算说明 or budget report is not a 政府工作报告)")
        return row, doc, b""
    found = detect(doc.text, registry, path=file)
    row.evidence = found.evidence + found.notes
    region, why_region = _settle_region(found, forced, registry)
    chosen_year, why_year = _settle_year(found, year)
    if region is not None:
        _name(row, region, registry)
    row.year = chosen_year
    if why_region or why_year:
        row.reason = "; ".join(w for w in (why_region, why_year) if w)
        return row, doc, b""
    doc.report_year, doc.region = chosen_year, region.slug
    doc.sections = split_sections(doc.text, chosen_year)
    if not extract_commitments(doc) and not any(s.kind in ("review", "plan") for s in doc.sections):
        row.reason = "not a work report: no review or plan section and no commitments found"
        return row, doc, b""
    data = file.read_bytes()
    row.action = "would_add"
    return row, doc, data


def _own_words(message: str, shown: str, file: Path) -> str:
    for prefix in (shown, str(file), file.as_posix()):
        message = message.removeprefix(f"{prefix}: ")
    return message


@cache
def _markers() -> tuple[str, ...]:
    path = Path(__file__).resolve().parents[1] / "regions" / "data" / "report_markers.csv"
    with path.open(encoding="utf-8") as fh:
        return tuple(r["marker"] for r in csv.DictReader(line for line in fh if not line.startswith("#")))


def _is_report(text: str) -> bool:
    return any(marker in text for marker in _markers())


def _settle_region(found, forced: Region | None, registry: Registry) -> tuple[Region | None, str]:
    if forced is None:
        if found.region is None:
            return None, f"region unknown: {found.region_reason}; pass --region SLUG"
        return found.region, ""
    if found.region is not None and found.region.slug != forced.slug:
        return forced, (f"--region {forced.slug} but the text says {registry.full_name(found.region)} "
                        f"({found.region.slug}); check the file")
    return forced, ""


def _settle_year(found, year: int | None) -> tuple[int | None, str]:
    if year is None:
        if found.year is None:
            return None, f"year unknown: {found.year_reason}; pass --year YYYY"
        return found.year, ""
    if not 1949 <= year <= date.today().year + 1:
        return year, f"--year {year} is not a plausible report year"
    if found.year is not None and found.year != year:
        return year, f"--year {year} but the text says {found.year}; check the file"
    return year, ""


def _name(row: AddRow, region: Region, registry: Registry) -> None:
    row.region, row.region_name, row.level, row.code = (
        region.slug, registry.full_name(region), region.level, region.code)


def _place(row: AddRow, raw_dir: Path, held: _Held, data: bytes, replace: bool) -> None:
    """Set the destination; turn the row into a duplicate or refusal when the raw folder says so."""
    ext = Path(row.file).suffix.lower()
    row.dest = f"{row.region}/{row.year}{ext}"
    digest = hashlib.sha256(data).hexdigest()
    same = held.by_hash.get(digest)
    if same is not None:
        row.action = "duplicate"
        if same.split("/")[0] == row.region and same.startswith(f"{row.region}/{row.year}."):
            row.reason, row.ok = f"already in the raw folder, byte for byte, as {same}: nothing to do", True
        else:
            row.reason = (f"the same bytes are already filed as {same} (another region or year): "
                          "one of the two is misfiled; check both")
        return
    existing = held.by_key.get((row.region, row.year), [])
    if existing and not replace:
        names = ", ".join(p.as_posix() for p in existing)
        row.action = "duplicate"
        row.reason = f"{names} already holds {row.region_name} {row.year}; pass --replace to swap it for this file"
        return
    held.by_hash[digest] = row.dest
    held.by_key[(row.region, row.year)] = [Path(row.dest)]


def _held(raw_dir: Path) -> _Held:
    """sha256 of every report in the raw folder (from provenance.csv where it has them) and its key."""
    held = _Held()
    if not raw_dir.is_dir():
        return held
    _, rows = _read_registry(raw_dir / PROVENANCE)
    known = {r.get("path"): r.get("sha256") for r in rows}
    for folder in sorted(p for p in raw_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        for path in sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED):
            relative = path.relative_to(raw_dir).as_posix()
            digest = known.get(relative)
            if not digest or len(digest) != 64:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            held.by_hash.setdefault(digest, relative)
            if path.stem.isdigit():
                held.by_key.setdefault((folder.name, int(path.stem)), []).append(Path(relative))
    return held


def _clashes(dest: Path) -> list[Path]:
    return sorted(p for p in dest.parent.glob(f"{dest.stem}.*") if p.is_file() and p != dest)


def _provenance_row(row: AddRow, doc, source: str, licence: str) -> dict:
    return {
        "path": row.dest,
        "region": row.region,
        "year": str(row.year),
        "source": source,
        "delivered": delivery_date(doc.text) or str(row.year),
        "obtained": date.today().isoformat(),
        "licence": licence,
        "sha256": doc.sha256,
        "added_by": f"duixian add ({_user()})",
    }


def _record(raw_dir: Path, new_rows: list[dict], removed: list[str]) -> None:
    """Add the new rows (dropping the rows of files they replaced) to provenance.csv, atomically."""
    registry = raw_dir / PROVENANCE
    columns, rows = _read_registry(registry)
    dropped = {r["path"] for r in new_rows} | set(removed)
    rows = [r for r in rows if r.get("path") not in dropped] + new_rows
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
