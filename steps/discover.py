"""Find the reports under data/raw: `<raw>/<region>/<year>.<ext>`, one file per region and year.

What is not a report (provenance.csv, README, dotfiles, folders starting with `_`) is skipped
silently; what looks like a misplaced or unreadable input becomes a Problem, never an exception.
A file whose name carries no year is still read: the reader takes the year from the text.
Two files for the same region and year are resolved after reading, by `pick_duplicates`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from extractors.read import FORMAT_PREFERENCE as PREFERENCE
from extractors.read import SUPPORTED
from extractors.records import Document, Problem

# The extensions read and, when two files give the same region and year, the order in which the
# formats are kept (the one that reads most faithfully first): one list, kept by extractors.read.
SUPPORTED_SUFFIXES: tuple[str, ...] = SUPPORTED
FORMAT_PREFERENCE: tuple[str, ...] = PREFERENCE
_IGNORED_NAMES = {"provenance.csv", "readme", "readme.md", "readme.txt", "thumbs.db"}
MAX_BYTES = 64 * 1024 * 1024  # far above any work report (text ~0.1 MB, Word/PDF with images ~20 MB)
_YEAR_NAME = re.compile(r"^(19|20)\d\d$")


@dataclass(frozen=True)
class ReportInput:
    """One candidate report file: the path as shown to users, its region slug and size.

    `location` is the absolute path that workers open (a Dask worker's working folder may differ);
    everything users see (Document.source, records, problems) carries `path`.
    """

    path: str
    region: str
    size: int
    location: str = ""

    @property
    def open_path(self) -> str:
        return self.location or self.path


def display_path(path: Path) -> str:
    """The path relative to the working directory when under it (as users typed it), else absolute."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def _ignored(path: Path) -> bool:
    return path.name.startswith((".", "_", "~")) or path.name.lower() in _IGNORED_NAMES


def _classify(path: Path, region: str) -> ReportInput | Problem:
    shown = display_path(path)
    if path.is_dir():
        return Problem(shown, "a folder inside a region folder; its files are not read",
                       f"move the reports to {region}/<year>.<ext>", "discover")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        kinds = ", ".join(SUPPORTED_SUFFIXES)
        return Problem(shown, f"unsupported file type '{path.suffix or '(none)'}'",
                       f"convert it to one of {kinds}, or remove it", "discover")
    size = path.stat().st_size
    if size > MAX_BYTES:
        return Problem(shown, f"{size / 1e6:.0f} MB: larger than any work report (limit {MAX_BYTES // 2**20} MiB)",
                       "check that this is the report; split off attachments or remove it", "discover")
    return ReportInput(shown, region, size, str(path.absolute()))


def discover(raw: str | Path) -> tuple[list[ReportInput], list[Problem]]:
    """Every candidate report under `raw`, sorted by region then name, and the misplaced files."""
    root = Path(raw)
    if not root.is_dir():
        return [], [Problem(display_path(root), "the raw data folder does not exist",
                            "pass --raw with the folder that holds <region>/<year>.<ext>", "discover")]
    inputs: list[ReportInput] = []
    problems: list[Problem] = []
    for entry in sorted(root.iterdir()):
        if _ignored(entry):
            continue
        if entry.is_file():
            problems.append(Problem(display_path(entry), "not inside a region folder",
                                    "move it to <raw>/<region>/<year>.<ext>", "discover"))
            continue
        for path in sorted(entry.iterdir()):
            if _ignored(path):
                continue
            found = _classify(path, entry.name)
            (inputs if isinstance(found, ReportInput) else problems).append(found)
    return inputs, problems


def _preference(doc: Document) -> tuple[int, int, str]:
    """Sort key: canonical `<year>.<ext>` names first, then by format, then by path."""
    stem = Path(doc.source).stem
    canonical = 0 if _YEAR_NAME.match(stem) and int(stem) == doc.report_year else 1
    fmt = doc.fmt if doc.fmt in FORMAT_PREFERENCE else "zzz"
    rank = FORMAT_PREFERENCE.index(fmt) if fmt in FORMAT_PREFERENCE else len(FORMAT_PREFERENCE)
    return canonical, rank, doc.source


def pick_duplicates(docs: list[Document]) -> tuple[list[Document], list[Problem]]:
    """One document per (region, report_year); each extra one becomes a Problem naming the one kept.

    Decision: keep one rather than drop both, so a stray copy does not blank a year's scorecard;
    the kept file is the canonically named one in the most faithful format (FORMAT_PREFERENCE).
    """
    groups: dict[tuple[str, int | None], list[Document]] = {}
    for doc in docs:
        groups.setdefault((doc.region, doc.report_year), []).append(doc)
    kept: list[Document] = []
    problems: list[Problem] = []
    for (region, year), group in groups.items():
        group.sort(key=_preference)
        kept.append(group[0])
        for extra in group[1:]:
            problems.append(Problem(
                extra.source,
                f"second file for {region} {year}: {group[0].source} is used instead",
                f"remove one of the two (duixian prefers {' > '.join(FORMAT_PREFERENCE)})",
                "discover",
            ))
    kept.sort(key=lambda d: (d.region, d.report_year or 0, d.source))
    return kept, problems
