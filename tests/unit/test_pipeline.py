"""pipeline: read + sections + commitments, and the two errors that need the whole document."""

import pytest

from extractors.pipeline import extract_file
from extractors.records import ReadError

REPORT = "政府工作报告\n——2024年1月10日在某某县第十八届人民代表大会第四次会议上\n各位代表：\n一、2023年工作回顾\n全县地区生产总值增长6.1%。\n二、2024年工作安排\n今年主要预期目标是：地区生产总值增长6%左右。\n"


def test_extract_file__document_with_sections_and_records(tmp_path):
    path = tmp_path / "somecounty" / "2024.txt"
    path.parent.mkdir()
    path.write_text(REPORT, encoding="utf-8")
    doc, recs = extract_file(path)
    assert doc.report_year == 2024 and doc.region == "somecounty"
    assert [s.kind for s in doc.sections] == ["other", "review", "plan"]
    assert [(r.kind, r.value, r.comparator) for r in recs] == [
        ("result", 6.1, "exact"),
        ("target", 6, "approx"),
    ]
    assert all(doc.text[r.start : r.end] == r.clause for r in recs)


def test_extract_file__region_argument_wins(tmp_path):
    path = tmp_path / "2024.txt"
    path.write_text(REPORT, encoding="utf-8")
    assert extract_file(path, region="demo")[0].region == "demo"


def test_extract_file__not_a_work_report(tmp_path):
    path = tmp_path / "notes" / "2024.txt"
    path.parent.mkdir()
    path.write_text("会议纪要\n今天天气很好，大家讨论了午饭。\n", encoding="utf-8")
    with pytest.raises(ReadError, match="not a work report"):
        extract_file(path)


def test_extract_file__no_determinable_year(tmp_path):
    path = tmp_path / "somecounty" / "report.txt"
    path.parent.mkdir()
    path.write_text("政府工作报告\n各位代表：\n一、工作回顾\n地区生产总值增长6.1%。\n", encoding="utf-8")
    with pytest.raises(ReadError, match="no determinable year"):
        extract_file(path)
