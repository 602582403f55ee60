"""flows.summary: exit status and the Prefect artifact's markdown."""

from __future__ import annotations

from flows.summary import RunSummary, markdown


def test_exit_code__0_ok_1_problems_2_nothing():
    summary = RunSummary(raw="r", out="o", code_version="v", produced=True)
    assert summary.exit_code == 0
    summary.problems = [{"file": "a|b.txt", "reason": "empty", "action": "replace", "stage": "read"}]
    assert summary.exit_code == 1
    summary.produced = False
    assert summary.exit_code == 2
    assert summary.to_dict()["exit_code"] == 2


def test_markdown__counts_and_escaped_problem_rows():
    summary = RunSummary(raw="r", out="o", code_version="v", produced=True, reports_found=2, reports_read=1,
                         targets={"met": 3}, problems=[{"file": "a|b.txt", "reason": "empty", "action": "x",
                                                        "stage": "read"}])
    text = markdown(summary)
    assert "| targets met | 3 |" in text
    assert "a\\|b.txt" in text


def test_markdown__shows_where_the_time_went():
    summary = RunSummary(raw="r", out="o", code_version="v", produced=True,
                         timings={"read and judge": 4.0}, inner={"extract": 2.5, "validate-commitments": 1.25})
    text = markdown(summary)
    assert "| read and judge | 4.00 |" in text and "| extract | 2.50 |" in text
    assert "Timings" not in markdown(RunSummary(raw="r", out="o", code_version="v"))
