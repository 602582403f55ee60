"""Build the site in a temporary folder beside <out>, then swap it into place.

Readers of <out> see the previous complete site until the swap; a run that fails or produces
nothing leaves <out> exactly as it was. The swap is two renames on the same filesystem (old → aside,
build → out), so the window without an <out> is microseconds; the old site is deleted afterwards.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import TextIO

from duixian.version import SITE_MARKER

MARKER = SITE_MARKER  # written into every build: only folders carrying it are ever replaced


class PublishError(Exception):
    """<out> cannot be replaced safely. The message is one line."""


class SiteBuild:
    """A temporary build folder for `out` that is either committed (swapped in) or discarded."""

    def __init__(self, out: str | Path) -> None:
        self.out = Path(out).absolute()
        self.check(self.out)
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self._clear_leftovers()
        self.path = self.out.parent / f".{self.out.name}.build-{os.getpid()}"
        shutil.rmtree(self.path, ignore_errors=True)
        self.path.mkdir()
        self.published = False
        self.stamp({})

    @staticmethod
    def check(out: str | Path) -> None:
        """Never swap away a folder that is not a previous duixian site (e.g. a mistyped --out)."""
        out = Path(out).absolute()
        if not out.exists():
            return
        if not out.is_dir():
            raise PublishError(f"{out} is a file, not a site folder; choose another --out")
        if any(out.iterdir()) and not (out / MARKER).exists():
            raise PublishError(f"{out} is not empty and was not built by duixian (no {MARKER}); "
                               "choose another --out or remove it")

    def _clear_leftovers(self) -> None:
        """Remove build/aside folders left by runs that were killed before they could clean up."""
        for stale in self.out.parent.glob(f".{self.out.name}.*-*"):
            pid = stale.name.rsplit("-", 1)[-1]
            if stale.is_dir() and pid.isdigit() and not _alive(int(pid)):
                shutil.rmtree(stale, ignore_errors=True)

    def write(self, relative: str, data: bytes | str) -> None:
        """Write one output file into the build (plain writes: the folder swap is the atomic step)."""
        target = self.path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)

    def open_text(self, relative: str) -> TextIO:
        """A file of the build to write text into as it is produced (UTF-8, line endings as given)."""
        target = self.path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        return target.open("w", encoding="utf-8", newline="")

    def stamp(self, stamps: dict) -> None:
        """Write the marker: what this site was built from (read back by the next run)."""
        note = "built by duixian run; this folder is replaced as a whole by the next run"
        self.write(MARKER, json.dumps({"note": note, **stamps}, ensure_ascii=False, indent=1) + "\n")

    def previous_stamps(self) -> dict:
        """The stamps of the site currently at <out> ({} when there is none or it predates stamps)."""
        try:
            return json.loads((self.out / MARKER).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def seed(self, relative: str) -> bool:
        """Copy a folder of the current site into the build (to be updated rather than rebuilt)."""
        source = self.out / relative
        if not (source / "index.html").is_file():
            return False
        shutil.copytree(source, self.path / relative, dirs_exist_ok=True)
        return True

    def commit(self) -> Path:
        """Swap the build into place and delete the previous site."""
        aside = self.out.parent / f".{self.out.name}.old-{os.getpid()}"
        if self.out.exists():
            os.replace(self.out, aside)
        os.replace(self.path, self.out)
        self.published = True
        shutil.rmtree(aside, ignore_errors=True)
        return self.out

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
