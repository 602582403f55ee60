"""duixian.add: check, copy unchanged, never overwrite silently, record provenance atomically."""

import csv
import shutil
from pathlib import Path

import pytest

from duixian.add import AddError, add_report
from extractors.records import ReadError

ROOT = Path(__file__).resolve().parents[2]
TIANYUAN = ROOT / "data/raw/tianyuan/2023.txt"
HUNAN_DOCX = ROOT / "data/raw/hunan/2025.docx"
HEADER = "path,region,year,source,delivered,obtained,licence,sha256,added_by\n"


@pytest.fixture
def raw(tmp_path) -> Path:
    raw_dir = tmp_path / "raw"
    raw_dir.mkdir()
    (raw_dir / "provenance.csv").write_text(
        HEADER + "national/2024.txt,national,2024,wikisource,2024-03-05,2026-11,PD,abc,corpus import\n",
        encoding="utf-8",
    )
    return raw_dir


def _rows(raw_dir: Path) -> list[dict]:
    with open(raw_dir / "provenance.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _download(tmp_path: Path, src: Path, name: str) -> Path:
    target = tmp_path / "downloads" / name
    target.parent.mkdir(exist_ok=True)
    shutil.copyfile(src, target)
    return target


def test_add__copies_bytes_unchanged_and_records_provenance(tmp_path, raw):
    src = _download(tmp_path, TIANYUAN, "天元区政府工作报告.TXT")
    dest = add_report(src, "zhuzhou-tianyuan", None, raw_dir=raw)
    assert dest == raw / "zhuzhou-tianyuan" / "2023.txt"
    assert dest.read_bytes() == TIANYUAN.read_bytes()
    rows = _rows(raw)
    assert rows[0]["path"] == "national/2024.txt"  # existing rows kept
    row = rows[1]
    assert (row["path"], row["region"], row["year"], row["delivered"]) == (
        "zhuzhou-tianyuan/2023.txt",
        "zhuzhou-tianyuan",
        "2023",
        "2023-01-09",
    )
    assert row["sha256"] == "fa5d776f8ecaea927e41783846da1fc16bba0d6684c64fe2be91152d47377828"
    assert row["source"] == "added from 天元区政府工作报告.TXT" and row["added_by"].startswith("duixian add")
    assert not list(raw.glob("**/*.tmp"))


def test_add__refuses_to_overwrite_without_replace(tmp_path, raw):
    add_report(_download(tmp_path, TIANYUAN, "a.txt"), "tianyuan", None, raw_dir=raw)
    changed = tmp_path / "downloads" / "b.txt"
    changed.write_bytes(TIANYUAN.read_bytes() + "补充。\n".encode())
    with pytest.raises(AddError, match="already exists.*pass --replace"):
        add_report(changed, "tianyuan", None, raw_dir=raw)
    dest = add_report(changed, "tianyuan", None, raw_dir=raw, replace=True)
    assert dest.read_bytes() == changed.read_bytes()
    assert [r["path"] for r in _rows(raw)].count("tianyuan/2023.txt") == 1


def test_add__same_bytes_again_is_a_no_op(tmp_path, raw):
    src = _download(tmp_path, TIANYUAN, "a.txt")
    add_report(src, "tianyuan", None, raw_dir=raw)
    before = (raw / "provenance.csv").read_bytes()
    add_report(src, "tianyuan", 2023, raw_dir=raw)
    assert (raw / "provenance.csv").read_bytes() == before


def test_add__refuses_a_second_format_for_the_same_year_unless_replace(tmp_path, raw):
    add_report(_download(tmp_path, HUNAN_DOCX, "hunan.docx"), "hunan", None, raw_dir=raw)
    pdf = _download(tmp_path, ROOT / "tests/fixtures/hunan-2025.pdf", "hunan.pdf")
    with pytest.raises(AddError, match="already has 2025.docx.*--replace"):
        add_report(pdf, "hunan", None, raw_dir=raw)
    dest = add_report(pdf, "hunan", None, raw_dir=raw, replace=True)
    assert sorted(p.name for p in (raw / "hunan").iterdir()) == ["2025.pdf"]
    assert [r["path"] for r in _rows(raw) if r["region"] == "hunan"] == ["hunan/2025.pdf"]
    assert dest.suffix == ".pdf"


@pytest.mark.parametrize("slug", ["Hunan", "hu nan", "湖南", "", "-x", "a/b", "../x"])
def test_add__rejects_bad_region_slugs(tmp_path, raw, slug):
    with pytest.raises(AddError, match="not a valid slug"):
        add_report(_download(tmp_path, TIANYUAN, "a.txt"), slug, None, raw_dir=raw)


def test_add__needs_a_year(tmp_path, raw):
    src = tmp_path / "report.txt"
    src.write_text("各位代表：\n现在，我代表区人民政府，向大会作政府工作报告。\n", encoding="utf-8")
    with pytest.raises(AddError, match="no report year.*--year"):
        add_report(src, "x", None, raw_dir=raw)
    assert add_report(src, "x", 2024, raw_dir=raw) == raw / "x" / "2024.txt"


def test_add__year_contradicting_the_text_is_refused(tmp_path, raw):
    with pytest.raises(AddError, match="--year 2024 but .* says 2023"):
        add_report(_download(tmp_path, TIANYUAN, "a.txt"), "tianyuan", 2024, raw_dir=raw)


def test_add__unreadable_file_is_not_copied(tmp_path, raw):
    src = tmp_path / "2024.docx"
    src.write_bytes(HUNAN_DOCX.read_bytes()[:5000])
    with pytest.raises(ReadError, match="not a valid .docx"):
        add_report(src, "hunan", 2024, raw_dir=raw)
    assert not (raw / "hunan").exists()
    assert len(_rows(raw)) == 1


def test_add__creates_the_registry_when_missing(tmp_path):
    raw_dir = tmp_path / "fresh"
    add_report(_download(tmp_path, TIANYUAN, "a.txt"), "tianyuan", None, raw_dir=raw_dir)
    assert (raw_dir / "provenance.csv").read_text(encoding="utf-8").startswith(HEADER)
