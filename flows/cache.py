"""A content-addressed cache of extractions: unchanged reports are not read again.

Key = sha256 of (extractor code version, the file's sha256, its path, its region), so an edit to
the file, a move, or any change to extractors/ (code or lexicon) misses. Values are pickles of
what `extract_file` returned, or of its one-line ReadError: a bad file is not re-read either.
One folder per code version; `prune` drops the folders of older versions.

Own cache rather than Prefect's task cache because tasks take batches of reports (per-task overhead
at 3,000 reports): a batch-level key would re-read a whole batch when one file changes.
"""

from __future__ import annotations

import hashlib
import pickle
import shutil
from pathlib import Path
from typing import Any

from duixian.atomic import write_atomic
from duixian.version import code_version


def extractor_version() -> str:
    """The version of the code an extraction depends on (extractors/ only, not reports or scoring)."""
    return code_version(("extractors",))


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class ExtractionCache:
    """get/put of pickled extraction outcomes under `<root>/<version>/<key[:2]>/<key>.pkl`."""

    def __init__(self, root: str | Path | None, version: str | None = None) -> None:
        self.root = Path(root) if root else None
        self.version = version or extractor_version()

    def key(self, sha256: str, source: str, region: str) -> str:
        material = "\0".join((self.version, sha256, source, region))
        return hashlib.sha256(material.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        assert self.root is not None
        return self.root / self.version / key[:2] / f"{key}.pkl"

    def get(self, key: str) -> Any | None:
        if self.root is None:
            return None
        try:
            return pickle.loads(self._path(key).read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None  # missing or unreadable entry: extract again

    def put(self, key: str, value: Any) -> None:
        if self.root is not None:
            write_atomic(self._path(key), pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def prune(self) -> None:
        """Remove entries written by other code versions (they can never hit again)."""
        if self.root is None or not self.root.is_dir():
            return
        for child in self.root.iterdir():
            if child.is_dir() and child.name != self.version:
                shutil.rmtree(child, ignore_errors=True)
