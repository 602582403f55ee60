"""What a site was built from, as one hash: every input file's bytes, the overrides and the code.

A run whose fingerprint equals the one stamped in the existing site has nothing to do: the CLI then
reports the previous run's summary without starting Prefect (`duixian run --force` rebuilds anyway).
Hashing reads every input file, which on a cold disk is seconds per thousand reports: the CLI hashes
only when there is a stamped site to compare with, and the flow reuses the hashes extraction took.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from pathlib import Path


def default_overrides(raw: str | Path) -> Path:
    """data/overrides.csv for data/raw: the analyst's overrides sit beside the raw folder."""
    return Path(raw).absolute().parent / "overrides.csv"


def input_fingerprint(raw: str | Path, overrides: str | Path | None, version: str,
                      known: Mapping[str, str] | None = None) -> str:
    """sha256 over (relative path, content hash) of every file under `raw`, the overrides file and
    the code version. Dotfiles are skipped, as discovery skips them. `known`: absolute path → sha256
    of files already read (extraction hashes each report), not read again."""
    raw, known = Path(raw), known or {}
    h = hashlib.sha256(f"code {version}\n".encode())
    files = sorted(p for p in raw.rglob("*") if p.is_file() and not any(s.startswith(".") for s in p.relative_to(raw).parts))
    for path in files:
        digest = known.get(str(path.absolute())) or _file_hash(path)
        h.update(f"{path.relative_to(raw).as_posix()} {digest}\n".encode())
    if overrides is not None and Path(overrides).is_file():
        h.update(f"overrides {_file_hash(Path(overrides))}\n".encode())
    return h.hexdigest()


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def previous_summary(out: str | Path, fingerprint: str | Callable[[], str],
                     marker: str = ".duixian-site") -> dict | None:
    """The summary stamped in `out` when it was built from exactly `fingerprint`, else None.
    A callable `fingerprint` is called only when there is a stamped summary to compare with."""
    try:
        stamp = json.loads((Path(out) / marker).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stamp, dict) or not isinstance(stamp.get("summary"), dict):
        return None
    if stamp.get("inputs") != (fingerprint() if callable(fingerprint) else fingerprint):
        return None
    return stamp["summary"]
