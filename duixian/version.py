"""The code version stamped on every output and mixed into cache keys.

`code_version()` is the package version plus a short hash of the source and data files of the
packages that shape the outputs, so an edit to a lexicon CSV or an extractor invalidates cached
extractions even when the version number did not move. Computed once per process.
Only code and data count: a site built inside a package folder (the default --out, reports/site)
is output and is skipped, or every run would change the version it then compares against (and
the "nothing changed" shortcut would never fire).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from functools import cache
from pathlib import Path

from duixian import __version__

OUTPUT_PACKAGES: tuple[str, ...] = ("extractors", "regions", "scoring", "reports", "expectations", "steps", "flows")
_SKIP_DIRS = {"__pycache__"}
_SKIP_SUFFIXES = {".pyc", ".pyo", ".tmp"}
SITE_MARKER = ".duixian-site"  # in every folder `duixian run` builds (flows.publish): output, not code


def _package_dir(name: str) -> Path | None:
    """The folder of a top-level package, found without importing (executing) it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _source_files(root: Path) -> list[Path]:
    """The files under `root`, without caches, dotfiles and dot-folders, nor built sites."""
    found = []
    for folder, dirs, files in os.walk(root):
        if SITE_MARKER in files:
            dirs[:] = []
            continue
        dirs[:] = [d for d in dirs if d not in _SKIP_DIRS and not d.startswith(".")]
        found += [Path(folder, name) for name in files
                  if not name.startswith(".") and Path(name).suffix not in _SKIP_SUFFIXES]
    return sorted(found)


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
