"""Every shipped report, renamed to a meaningless name, is recognised by `duixian add`: region and year.

The truth is the corpus layout (`<region>/<year>.<ext>`; fixtures/hunan-2025.pdf); the copies are
called `report-N.<ext>` in one flat folder so nothing but the text can tell.
"""

import shutil
from pathlib import Path

import pytest

from duixian.add import add_paths

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
if not CORPUS.is_dir():
    CORPUS = Path(__file__).resolve().parents[2] / "data" / "raw"


def _truth(path: Path) -> tuple[str, int]:
    if path.parent.name == "fixtures":
        region, year = path.stem.split("-")
        return region, int(year)
    return path.parent.name, int(path.stem)


@pytest.fixture(scope="module")
def renamed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("downloads")
    truth = {}
    files = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".txt", ".docx", ".pdf") and p.stem[:1].isalnum())
    for index, path in enumerate(files):
        target = folder / f"report-{index}{path.suffix}"
        shutil.copyfile(path, target)
        truth[target.name] = _truth(path)
    return folder, truth


def test_detect_corpus__every_region_and_year_from_the_text_alone(renamed, tmp_path):
    folder, truth = renamed
    rows = add_paths([folder], raw_dir=tmp_path / "raw", dry_run=True)
    assert len(rows) == len(truth) >= 9
    got = {Path(r.file).name: (r.region, r.year) for r in rows}
    wrong = {name: (got[name], want) for name, want in truth.items() if got[name] != want}
    assert wrong == {}
    assert all(r.evidence for r in rows)
    # whatever else may refuse a file (the extraction's own checks), never its region or year
    unsure = [(r.file, r.reason) for r in rows if "unknown" in r.reason or "more than one" in r.reason]
    assert unsure == []
    assert sum(r.action == "would_add" for r in rows) >= len(rows) - 2
