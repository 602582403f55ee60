"""Content-addressed caches: unchanged reports are not read again, unchanged tables not re-validated.

Extractions (`<cache>/extract/`): key = sha256 of (extractor code version, the file's sha256, its
path, its region), so an edit to the file, a move, or any change to extractors/ (code or lexicon)
misses. Values are pickles of what `extract_file` returned, or of its one-line ReadError: a bad file
is not re-read either. Validations (`<cache>/validation/`): key = what the table is made of
(steps.judge.table_keys); the value is which rows passed and what was quarantined. One folder per code version; `prune` drops older ones.

Own cache rather than Prefect's task cache because tasks take batches of reports (per-task overhead
at 3,000 reports): a batch-level key would re-read a whole batch when one file changes.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import shutil
from pathlib import Path
from typing import Any

from duixian.atomic import write_atomic
from duixian.version import code_version


def extractor_version() -> str:
    """The version of the code an extraction depends on (extractors/ and regions/, whose detection
    adds the folder check's warnings; not reports or scoring)."""
    return code_version(("extractors", "regions"))


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def content_key(*parts: Any) -> str:
    """sha256 of the parts as canonical JSON: equal for equal plain data (dicts, lists, str, numbers).

    Not pickle: its bytes depend on which equal objects happen to be shared, so a table rebuilt
    from cache would get a different key than the same table freshly extracted.
    """
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class PickleCache:
    """get/put of pickled values under `<root>/<version>/<key[:2]>/<key>.pkl`; no root → disabled."""

    def __init__(self, root: str | Path | None, version: str) -> None:
        self.root = Path(root) if root else None
        self.version = version

    def _path(self, key: str) -> Path:
        assert self.root is not None
        return self.root / self.version / key[:2] / f"{key}.pkl"

    def get(self, key: str) -> Any | None:
        if self.root is None:
            return None
        try:
            return pickle.loads(self._path(key).read_bytes())
        except Exception:  # noqa: BLE001 - missing, empty (power cut), torn or from other code
            return None  # missing or unreadable entry: extract again

    def put(self, key: str, value: Any) -> None:
        if self.root is not None:
            # not durable: a torn or empty entry fails to load and is a miss
            write_atomic(self._path(key), pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), durable=False)

    def prune(self) -> None:
        """Remove entries written by other code versions (they can never hit again)."""
        if self.root is None or not self.root.is_dir():
            return
        for child in self.root.iterdir():
            if child.is_dir() and child.name != self.version:
                shutil.rmtree(child, ignore_errors=True)


class ExtractionCache(PickleCache):
    """Extractions keyed on the extractor code version and the file's bytes, path and region."""

    def __init__(self, root: str | Path | None, version: str | None = None) -> None:
        super().__init__(Path(root) / "extract" if root else None, version or extractor_version())

    def key(self, sha256: str, source: str, region: str) -> str:
        material = "\0".join((self.version, sha256, source, region))
        return hashlib.sha256(material.encode()).hexdigest()


class ValidationCache(PickleCache):
    """Validation outcomes keyed on the table's content; `<root>/validation`, all code versioned."""

    def __init__(self, root: str | Path | None, version: str | None = None) -> None:
        super().__init__(Path(root) / "validation" if root else None, version or code_version())
