"""What a site was built from, as one hash: every input file's bytes, the overrides and the code.

A run whose fingerprint equals the one stamped in the existing site has nothing to do: the CLI then
reports the previous run's summary without starting Prefect (`duixian run --force` rebuilds anyway).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path


def default_overrides(raw: str | Path) -> Path:
    """data/overrides.csv for data/raw: the analyst's overrides sit beside the raw folder."""
    return Path(raw).absolute().parent / "overrides.csv"


def input_fingerprint(raw: str | Path, overrides: str | Path | None, version: str) -> str:
    """sha256 over (relative path, content hash) of every file under `raw`, the overrides file and
    the code version. Dotfiles are skipped, as discovery skips them."""
    raw = Path(raw)
    h = hashlib.sha256(f"code {version}\n".encode())
    files = sorted(p for p in raw.rglob("*") if p.is_file() and not any(s.startswith(".") for s in p.relative_to(raw).parts))
    for path in files:
        h.update(f"{path.relative_to(raw).as_posix()} {_file_hash(path)}\n".encode())
    if overrides is not None and Path(overrides).is_file():
        h.update(f"overrides {_file_hash(Path(overrides))}\n".encode())
    return h.hexdigest()


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def previous_summary(out: str | Path, fingerprint: str, marker: str = ".duixian-site") -> dict | None:
    """The summary stamped in `out` when it was built from exactly `fingerprint`, else None."""
    try:
        stamp = json.loads((Path(out) / marker).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if stamp.get("inputs") != fingerprint or not isinstance(stamp.get("summary"), dict):
        return None
    return stamp["summary"]
