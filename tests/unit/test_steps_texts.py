"""steps.texts: texts go to disk during extraction, the kept ones into place, and back for scoring."""

from __future__ import annotations

from extractors.records import Document
from steps import texts


def _doc(source: str, text: str, year: int = 2024) -> Document:
    return Document(source=source, fmt="txt", sha256="x", text=text, region="national", report_year=year)


def test_texts__staged_placed_and_loaded_back_exactly(tmp_path):
    kept = _doc("raw/national/2024.txt", "一、回顾\r\n增长5.2%\n")
    dropped = _doc("raw/national/2024.html", "另一份")
    for doc in (kept, dropped):
        texts.stage(doc, tmp_path)
    assert kept.text == "" and dropped.text == ""
    texts.place([kept], tmp_path)
    assert (tmp_path / "text" / "national" / "2024.txt").read_bytes() == "一、回顾\r\n增长5.2%\n".encode()
    assert not (tmp_path / texts.STAGING).exists()
    with texts.Loaded([kept], tmp_path) as docs:
        assert docs[0].text == "一、回顾\r\n增长5.2%\n"  # byte-exact: \r\n kept, offsets stay valid
    assert kept.text == ""


def test_texts__a_part_places_its_kept_texts_and_drops_only_its_own(tmp_path):
    mine, duplicate, other_part = (_doc("raw/national/2024.txt", "甲"), _doc("raw/national/2024.pdf", "乙"),
                                   _doc("raw/other/2024.txt", "丙"))
    for doc in (mine, duplicate, other_part):
        texts.stage(doc, tmp_path)
    texts.place([mine], tmp_path, dropped=[duplicate])
    assert (tmp_path / "text" / "national" / "2024.txt").read_text(encoding="utf-8") == "甲"
    staged = list((tmp_path / texts.STAGING).iterdir())
    assert len(staged) == 1 and staged[0].read_text(encoding="utf-8") == "丙"  # another part's, still staged
    texts.clear(tmp_path)
    assert not (tmp_path / texts.STAGING).exists()
