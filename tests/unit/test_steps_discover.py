"""steps.discover: what counts as a report under data/raw, and which of two duplicates is kept."""

from __future__ import annotations

from extractors.records import Document
from steps.discover import discover, pick_duplicates


def _tree(root, files):
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def test_discover__reports_by_region_and_skips_non_reports(tmp_path):
    _tree(tmp_path, {
        "provenance.csv": b"path\n", ".DS_Store": b"", "national/2024.txt": b"x", "national/2023.docx": b"x",
        "national/.2024.txt.swp": b"", "_archive/2019.txt": b"x", "hunan/2025.PDF": b"x",
        "xian/2024.doc": b"x", "xian/2023.wps": b"x", "xian/2022.rtf": b"x",
    })
    inputs, problems = discover(tmp_path)
    assert [(i.region, i.path.rsplit("/", 1)[1]) for i in inputs] == [
        ("hunan", "2025.PDF"), ("national", "2023.docx"), ("national", "2024.txt"),
        ("xian", "2022.rtf"), ("xian", "2023.wps"), ("xian", "2024.doc")]
    assert problems == []


def test_discover__misplaced_and_unsupported_files_are_problems(tmp_path):
    _tree(tmp_path, {"2024.txt": b"x", "national/2024.xyz": b"x", "national/old/2020.txt": b"x"})
    inputs, problems = discover(tmp_path)
    assert inputs == []
    reasons = {p.file.rsplit("/", 1)[1]: p.reason for p in problems}
    assert "region folder" in reasons["2024.txt"]
    assert "'.xyz'" in reasons["2024.xyz"]
    assert "folder" in reasons["old"]
    assert all(p.action and p.stage == "discover" for p in problems)


def test_discover__missing_raw_folder_is_one_problem(tmp_path):
    inputs, problems = discover(tmp_path / "nope")
    assert inputs == [] and len(problems) == 1 and "does not exist" in problems[0].reason


def _doc(source, fmt, year=2024, region="national"):
    return Document(source=source, fmt=fmt, sha256="0", text="", region=region, report_year=year)


def test_pick_duplicates__keeps_text_over_html_and_names_it():
    kept, problems = pick_duplicates([_doc("raw/national/2024.html", "html"), _doc("raw/national/2024.txt", "txt"),
                                      _doc("raw/national/2023.txt", "txt", 2023)])
    assert [d.source for d in kept] == ["raw/national/2023.txt", "raw/national/2024.txt"]
    assert [p.file for p in problems] == ["raw/national/2024.html"]
    assert "raw/national/2024.txt" in problems[0].reason


def test_pick_duplicates__canonical_name_wins_over_format():
    kept, problems = pick_duplicates([_doc("raw/national/notes.txt", "txt"), _doc("raw/national/2024.pdf", "pdf")])
    assert [d.source for d in kept] == ["raw/national/2024.pdf"]
    assert [p.file for p in problems] == ["raw/national/notes.txt"]


def test_pick_duplicates__word_97_doc_after_docx_before_html_and_pdf():
    docs = [_doc("raw/national/2024.pdf", "pdf"), _doc("raw/national/2024.html", "html"), _doc("raw/national/2024.doc", "doc")]
    assert [d.source for d in pick_duplicates(docs)[0]] == ["raw/national/2024.doc"]
    docs.append(_doc("raw/national/2024.docx", "docx"))
    kept, problems = pick_duplicates(docs)
    assert [d.source for d in kept] == ["raw/national/2024.docx"]
    assert "txt > docx > doc > rtf > html > mhtml > pdf" in problems[0].action
