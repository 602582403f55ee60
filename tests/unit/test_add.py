"""duixian.add: recognise reports under any name, file them unchanged, never guess or overwrite silently."""

import csv
import shutil
from pathlib import Path

import pytest

from duixian.add import AddError, add_paths, expand

ROOT = Path(__file__).resolve().parents[2]
TIANYUAN = ROOT / "data/raw/tianyuan/2023.txt"
HUNAN_DOCX = ROOT / "data/raw/hunan/2025.docx"
HUNAN_PDF = ROOT / "tests/fixtures/hunan-2025.pdf"
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
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, target)
    return target


def _snippet(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / "downloads" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_add__detects_region_and_year_and_copies_bytes_unchanged(tmp_path, raw):
    src = _download(tmp_path, TIANYUAN, "附件1.TXT")
    [row] = add_paths([src], raw_dir=raw)
    assert (row.action, row.region, row.region_name, row.level, row.code, row.year) == (
        "added", "tianyuan", "株洲市天元区", "county", "430211", 2023)
    assert any("株洲市天元区第六届人民代表大会" in e for e in row.evidence)
    dest = raw / "tianyuan" / "2023.txt"
    assert dest.read_bytes() == TIANYUAN.read_bytes()
    rows = _rows(raw)
    assert rows[0]["path"] == "national/2024.txt"  # existing rows kept
    assert (rows[1]["path"], rows[1]["region"], rows[1]["year"], rows[1]["delivered"]) == (
        "tianyuan/2023.txt", "tianyuan", "2023", "2023-01-09")
    assert rows[1]["sha256"] == "fa5d776f8ecaea927e41783846da1fc16bba0d6684c64fe2be91152d47377828"
    assert rows[1]["source"] == "added from 附件1.TXT" and rows[1]["added_by"].startswith("duixian add")
    assert not list(raw.glob("**/*.tmp"))


def test_add__folders_are_searched_recursively(tmp_path, raw):
    _download(tmp_path, TIANYUAN, "a/b/2024年政府工作报告.txt")
    _download(tmp_path, HUNAN_DOCX, "a/关于政府工作的报告（全文）.docx")
    (tmp_path / "downloads" / "a" / ".hidden.txt").write_text("x", encoding="utf-8")
    assert [p.name for p in expand([tmp_path / "downloads"])] == ["关于政府工作的报告（全文）.docx", "2024年政府工作报告.txt"]
    rows = add_paths([tmp_path / "downloads"], raw_dir=raw)
    assert sorted((r.region, r.year, r.action) for r in rows) == [("hunan", 2025, "added"), ("tianyuan", 2023, "added")]


def test_add__word_97_doc_under_any_name_is_recognised_and_filed_as_doc(tmp_path, raw):
    src = _download(tmp_path, ROOT / "tests/fixtures/hunan-2025.doc", "附件1.doc")
    [row] = add_paths([src], raw_dir=raw)
    assert (row.action, row.region, row.year, row.dest) == ("added", "hunan", 2025, "hunan/2025.doc")
    assert (raw / "hunan" / "2025.doc").read_bytes() == src.read_bytes()


def test_add__dry_run_adds_nothing(tmp_path, raw):
    before = (raw / "provenance.csv").read_bytes()
    [row] = add_paths([_download(tmp_path, TIANYUAN, "x.txt")], raw_dir=raw, dry_run=True)
    assert row.action == "would_add" and row.dest == "tianyuan/2023.txt"
    assert sorted(p.name for p in raw.iterdir()) == ["provenance.csv"]
    assert (raw / "provenance.csv").read_bytes() == before


def test_add__identical_file_again_is_a_duplicate_not_added(tmp_path, raw):
    src = _download(tmp_path, TIANYUAN, "a.txt")
    add_paths([src], raw_dir=raw)
    before = (raw / "provenance.csv").read_bytes()
    [row] = add_paths([src], raw_dir=raw)
    assert row.action == "duplicate" and row.ok and "byte for byte" in row.reason
    assert (raw / "provenance.csv").read_bytes() == before


def test_add__same_bytes_under_another_region_are_flagged(tmp_path, raw):
    (raw / "hunan").mkdir()
    shutil.copyfile(TIANYUAN, raw / "hunan" / "2023.txt")  # misfiled by hand
    [row] = add_paths([_download(tmp_path, TIANYUAN, "a.txt")], raw_dir=raw)
    assert row.action == "duplicate" and not row.ok
    assert "hunan/2023.txt" in row.reason and "another region or year" in row.reason


def test_add__same_region_and_year_needs_replace(tmp_path, raw):
    add_paths([_download(tmp_path, HUNAN_DOCX, "hunan.docx")], raw_dir=raw)
    pdf = _download(tmp_path, HUNAN_PDF, "hunan.pdf")
    [row] = add_paths([pdf], raw_dir=raw)
    assert row.action == "duplicate" and "hunan/2025.docx" in row.reason and "--replace" in row.reason
    [row] = add_paths([pdf], raw_dir=raw, replace=True)
    assert row.action == "added"
    assert sorted(p.name for p in (raw / "hunan").iterdir()) == ["2025.pdf"]
    assert [r["path"] for r in _rows(raw) if r["region"] == "hunan"] == ["hunan/2025.pdf"]


def test_add__two_region_names_in_the_title_area_are_refused(tmp_path, raw):
    src = _snippet(tmp_path, "a.txt", "2024年长沙市政府工作报告\n——2024年1月8日在株洲市第十届人民代表大会第三次会议上\n"
                                     "各位代表：\n现在，我代表市人民政府作报告。\n")
    [row] = add_paths([src], raw_dir=raw)
    assert row.action == "refused" and row.region is None
    assert "长沙市" in row.reason and "株洲市" in row.reason and "--region" in row.reason
    assert not (raw / "changsha").exists()


def test_add__no_year_is_refused_and_year_flag_settles_it(tmp_path, raw):
    text = "株洲市天元区人民政府区长\n各位代表：\n现在，我代表区人民政府，向大会作政府工作报告。\n一、工作回顾\n全区地区生产总值增长6.5%。\n二、今年的任务\n今年全区地区生产总值增长7%左右。\n"
    src = _snippet(tmp_path, "report.txt", text)
    [row] = add_paths([src], raw_dir=raw)
    assert row.action == "refused" and "year unknown" in row.reason and "--year" in row.reason
    assert row.region == "tianyuan"
    [row] = add_paths([src], raw_dir=raw, year=2024)
    assert (row.action, row.dest) == ("added", "tianyuan/2024.txt")


def test_add__a_non_report_is_refused(tmp_path, raw):
    src = _snippet(tmp_path, "决算.txt", "某某局2023年度部门决算说明\n一、部门基本情况\n本年收入合计1200万元，增长5%。\n")
    [row] = add_paths([src], raw_dir=raw)
    assert row.action == "refused" and row.reason.startswith("not a work report")


def test_add__flags_contradicting_the_text_are_refused(tmp_path, raw):
    src = _download(tmp_path, TIANYUAN, "a.txt")
    [row] = add_paths([src], raw_dir=raw, year=2024)
    assert row.action == "refused" and "--year 2024 but the text says 2023" in row.reason
    [row] = add_paths([src], raw_dir=raw, region="hunan")
    assert row.action == "refused" and "株洲市天元区" in row.reason


@pytest.mark.parametrize("slug", ["Hunan", "hu nan", "湖南", "-x", "a/b", "../x"])
def test_add__rejects_bad_region_slugs(tmp_path, raw, slug):
    with pytest.raises(AddError, match="not a valid slug"):
        add_paths([_download(tmp_path, TIANYUAN, "a.txt")], raw_dir=raw, region=slug)


def test_add__unknown_slug_that_looks_like_a_region_gets_a_suggestion(tmp_path, raw):
    with pytest.raises(AddError, match=r"did you mean tianyuan \(株洲市天元区\)"):
        add_paths([_download(tmp_path, TIANYUAN, "a.txt")], raw_dir=raw, region="zhuzhou-tianyuan")


def test_add__unreadable_file_is_refused_not_copied(tmp_path, raw):
    src = tmp_path / "2024.docx"
    src.write_bytes(HUNAN_DOCX.read_bytes()[:5000])
    [row] = add_paths([src], raw_dir=raw)
    assert row.action == "refused" and "not a valid .docx" in row.reason
    assert not row.reason.startswith(str(src))
    assert len(_rows(raw)) == 1


def test_add__creates_the_provenance_file_when_missing(tmp_path):
    raw_dir = tmp_path / "fresh"
    add_paths([_download(tmp_path, TIANYUAN, "a.txt")], raw_dir=raw_dir)
    assert (raw_dir / "provenance.csv").read_text(encoding="utf-8").startswith(HEADER)
