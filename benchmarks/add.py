"""`duixian add` at scale: N report files under meaningless names, detected and filed (issue 12).

    python -m benchmarks.add [--files 1000] [--keep]

The files are the shipped .txt and .docx reports of data/raw, copied round-robin as `file-N.<ext>`
(each .txt copy gets one distinct closing line so its bytes differ). Every file is read, checked
as the run checks it, its region and year detected, and compared with the raw folder; the first
copy of each report is added, the rest are duplicates of the same region and year. Prints the wall
time, files per second and the actions. Target (issue 12): 1,000 files in under a minute.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_files(folder: Path, count: int) -> None:
    sources = sorted(p for p in (ROOT / "data" / "raw").glob("*/*") if p.suffix in (".txt", ".docx"))
    for index in range(count):
        source = sources[index % len(sources)]
        target = folder / f"file-{index}{source.suffix}"
        if source.suffix == ".txt":
            target.write_bytes(source.read_bytes() + f"\n（副本 {index}）\n".encode())
        else:
            shutil.copyfile(source, target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="duixian-add-bench-"))
    downloads = scratch / "downloads"
    downloads.mkdir()
    make_files(downloads, args.files)
    from duixian.add import add_paths  # imported before timing: the CLI's start-up is measured elsewhere

    started = time.perf_counter()
    rows = add_paths([downloads], raw_dir=scratch / "raw")
    seconds = time.perf_counter() - started
    actions = Counter(r.action for r in rows)
    print(f"duixian add: {len(rows)} files in {seconds:.1f} s ({len(rows) / seconds:.0f} files/s); "
          + ", ".join(f"{k} {v}" for k, v in sorted(actions.items())))
    if args.keep:
        print(f"scratch folder: {scratch}")
    else:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0 if seconds < 60 else 1


if __name__ == "__main__":
    raise SystemExit(main())
