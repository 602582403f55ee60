"""Large task inputs (a part's documents, records, rows) handed to tasks in other processes through files.

Why not as task arguments: under Dask an argument is pickled in the flow process, held by the
scheduler (which runs in the flow process) until the task ends, and sent on, so at 3,000 reports
each scoring or rendering part cost ~3 × 70 MB in the flow process, and glibc keeps much of what is
freed; Dask also hashes every argument to name the task (~16 s for 240,000 records). `pickle.dump`
streams to a file in 64 KB frames and the worker reads it back the same way. Workers share the site
build already (they write texts and pages into it). Tasks in this process get the value as it is.
"""

from __future__ import annotations

import pickle
import shutil
import uuid
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")

FOLDER = ".parcels"  # in the site build; removed after each stage (`clear`), never published


class Parcel(Generic[T]):
    """A value for a task: kept in memory, or written under `root`/.parcels when `root` is given.

    Prefect does not walk it (not a collection) and Dask names the task by `token`, not by hashing it.
    """

    __slots__ = ("path", "token", "_value")

    def __init__(self, value: T, root: str | Path | None = None) -> None:
        self.token = uuid.uuid4().hex
        self.path: Path | None = None
        self._value: T | None = value
        if root is not None:
            self.path = Path(root) / FOLDER / f"{self.token}.pkl"
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            self._value = None

    def open(self) -> T:
        """The value (read back from the file in the task's process)."""
        if self.path is None:
            return self._value  # type: ignore[return-value]
        with self.path.open("rb") as fh:
            return pickle.load(fh)

    def release(self) -> None:
        """Forget the value kept in memory once its task is done (the file, if any, stays until `clear`)."""
        self._value = None

    def __dask_tokenize__(self) -> str:
        return self.token

    def __getstate__(self) -> tuple:
        return self.path, self.token, self._value

    def __setstate__(self, state: tuple) -> None:
        self.path, self.token, self._value = state


def clear(root: str | Path) -> None:
    """Remove the parcels written under `root` (after the tasks that read them have finished)."""
    shutil.rmtree(Path(root) / FOLDER, ignore_errors=True)
