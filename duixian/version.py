"""The code version stamped on every output and mixed into cache keys.

`code_version()` is the package version plus a short hash of the source and data files of the
packages that shape the outputs, so an edit to a lexicon CSV or an extractor invalidates cached
extractions even when the version number did not move. Computed once per process.
"""

from __future__ import annotations

import hashlib
import importlib.util
from functools import cache
from pathlib import Path

from duixian import __version__

OUTPUT_PACKAGES: tuple[str, ...] = ("extractors", "regions", "scoring", "reports", "expectations", "flows")
_SKIP_DIRS = {"__pycache__"}
_SKIP_SUFFIXES = {".pyc", ".pyo", ".tmp"}


def _package_dir(name: str) -> Path | None:
    """The folder of a top-level package, found without importing (executing) it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _source_files(root: Path) -> list[Path]:
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and p.suffix not in _SKIP_SUFFIXES
        and not any(part in _SKIP_DIRS or part.startswith(".") for part in p.relative_to(root).parts)
    )


@cache
def source_hash(packages: tuple[str, ...] = OUTPUT_PACKAGES) -> str:
    """sha256 over (package, relative path, bytes) of every source/data file, first 10 hex digits."""
    digest = hashlib.sha256()
    for name in packages:
        root = _package_dir(name)
        if root is None:
            continue
        for path in _source_files(root):
            digest.update(f"{name}/{path.relative_to(root).as_posix()}\0".encode())
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()[:10]


def code_version(packages: tuple[str, ...] = OUTPUT_PACKAGES) -> str:
    """`0.1.0+<hash>`: the package version and the hash of the given packages' files."""
    return f"{__version__}+{source_hash(tuple(packages))}"
