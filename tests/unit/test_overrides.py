"""Analyst overrides: reading the file, pin, forbid, status, and overrides that no longer apply."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.records import Commitment, Document
from scoring.compare import build_scorecard
from scoring.overrides import COLUMNS, Override, OverrideError, load_overrides, read_overrides

HEADER = ",".join(COLUMNS)


def mk(kind: str, indicator: str, value: float, unit: str = "万人", canonical: str | None = None,
       start: int = 0) -> Commitment:
    year = 2022 if kind == "target" else 2023
    comparator = "min" if kind == "target" else "exact"
    return Commitment(f"data/raw/r/{year}.txt", "r", year, kind, 2022, indicator, canonical, None, value,
                      None, None, unit, comparator, False, None, f"{indicator}{value:g}{unit}", start,
                      start + 8)


DOCS = [Document("data/raw/r/2022.txt", "txt", "", "", "r", report_year=2022),
        Document("data/raw/r/2023.txt", "txt", "", "", "r", report_year=2023)]
RECORDS = [mk("target", "城镇新增就业", 1100, canonical="jobs"),
           mk("result", "城镇新增就业", 1206, canonical="jobs", start=10),
           mk("result", "高校毕业生就业", 1050, start=30)]


def ov(action: str, result: str = "", status: str = "", target: str = "城镇新增就业") -> Override:
    return Override("r", 2022, target, action, result, status, "checked the statistical bulletin", "li",
                    "2026-11-20", line=2)


def write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "overrides.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_overrides__shipped_file_is_header_only():
    assert load_overrides(Path("data/overrides.csv")) == []


def test_overrides__load_good_rows(tmp_path):
    path = write(tmp_path, "r,2022,城镇新增就业,pin,高校毕业生就业,,why,li,2026-11-20",
                 "r,2022,jobs,status,,missed,why,li,2026-11-21")
    got = load_overrides(path)
    assert [(o.action, o.line) for o in got] == [("pin", 2), ("status", 3)]
    assert got[1].status == "missed" and got[0].note == "why (li, 2026-11-20)"


def test_overrides__missing_file_means_none(tmp_path):
    assert load_overrides(tmp_path / "nope.csv") == []


@pytest.mark.parametrize("row, words", [
    ("r,2022,城镇新增就业,pinn,x,,why,li,2026-11-20", "action 'pinn'"),
    ("r,22,城镇新增就业,pin,x,,why,li,2026-11-20", "period_year '22'"),
    ("r,2022,城镇新增就业,pin,,,why,li,2026-11-20", "needs result_indicator"),
    ("r,2022,城镇新增就业,status,,done,why,li,2026-11-20", "status 'done'"),
    ("r,2022,城镇新增就业,forbid,,,,li,2026-11-20", "'reason' is empty"),
    ("r,2022,城镇新增就业,forbid,,,why,li,20/11/2026", "not YYYY-MM-DD"),
])
def test_overrides__bad_rows_give_one_line_errors(tmp_path, row, words):
    with pytest.raises(OverrideError) as err:
        load_overrides(write(tmp_path, row))
    assert words in str(err.value) and "line 2" in str(err.value) and "\n" not in str(err.value)


def test_overrides__read_overrides_turns_bad_rows_into_problems(tmp_path):
    path = write(tmp_path, "r,2022,城镇新增就业,pinn,x,,why,li,2026-11-20",
                 "r,2022,jobs,status,,missed,why,li,2026-11-21")
    good, problems = read_overrides(path)
    assert len(good) == 1 and len(problems) == 1 and problems[0].stage == "match"


def test_overrides__bad_header(tmp_path):
    path = tmp_path / "o.csv"
    path.write_text("region,year\nr,2022\n", encoding="utf-8")
    with pytest.raises(OverrideError, match="header lacks"):
        load_overrides(path)


def test_overrides__pin_forces_the_match_and_marks_reviewed():
    row = build_scorecard(DOCS, RECORDS, [ov("pin", "高校毕业生就业")]).rows[0]
    assert (row.match_method, row.actual_value, row.reviewed) == ("override", 1050, True)
    assert row.note == "checked the statistical bulletin (li, 2026-11-20)"
    assert row.status == "missed"


def test_overrides__forbid_blocks_the_pair():
    row = build_scorecard(DOCS, RECORDS, [ov("forbid", "城镇新增就业")]).rows[0]
    assert row.actual_value != 1206 and row.reviewed
    row = build_scorecard(DOCS, RECORDS, [ov("forbid")]).rows[0]
    assert (row.status, row.match_method, row.reviewed) == ("not_reported", "", True)


def test_overrides__status_sets_the_status_and_keeps_the_match():
    row = build_scorecard(DOCS, RECORDS, [ov("status", status="missed")]).rows[0]
    assert (row.status, row.actual_value, row.match_method, row.reviewed) == ("missed", 1206, "lexicon", True)


def test_overrides__canonical_key_names_the_target():
    row = build_scorecard(DOCS, RECORDS, [ov("status", status="met", target="jobs")]).rows[0]
    assert row.reviewed


def test_overrides__vanished_target_becomes_a_problem():
    result = build_scorecard(DOCS, RECORDS, [ov("status", status="met", target="粮食产量")])
    assert not any(r.reviewed for r in result.rows)
    [problem] = result.problems
    assert problem.stage == "match" and "粮食产量" in problem.reason and "line 2" in problem.reason
    assert problem.file.endswith("overrides.csv") and problem.action


def test_overrides__vanished_region_year_and_pinned_result_become_problems():
    gone_year = Override("r", 2019, "城镇新增就业", "status", "", "met", "x", "li", "2026-11-20", line=3)
    result = build_scorecard(DOCS, RECORDS, [gone_year, ov("pin", "不存在的结果")])
    assert len(result.problems) == 2
    assert not result.rows[0].reviewed
