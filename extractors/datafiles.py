"""Load the genre's data files (`extractors/data/*.csv`): lexicon, units, qualifiers, words, cues.

Genre knowledge lives in these files so an analyst can extend it without touching Python; this module
only reads them (once per process). `#` starts a comment line; blank lines are skipped.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


@cache
def read_csv(name: str) -> tuple[dict[str, str], ...]:
    """The rows of data/<name> as dicts (UTF-8, header row first)."""
    with (DATA_DIR / name).open(encoding="utf-8-sig", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    return tuple({k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines))
