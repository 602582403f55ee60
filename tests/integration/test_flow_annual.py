"""The annual Prefect flow end to end, under one prefect_test_harness for the whole session.

A copy of the shipped corpus with every kind of bad input added (issue 4 §2): the run finishes with
exit status 1, names each bad file in data/problems.csv, and the good outputs are complete. A run
where every input is bad returns 2 and leaves the previous site untouched. A second run over
unchanged inputs reads nothing again (extraction calls counted, not timed).
"""

from __future__ import annotations

import csv
import hashlib
import random
import shutil
from pathlib import Path

import pytest

from flows import runner

runner.configure_environment()  # before Prefect is imported: no telemetry, quiet logs

from prefect.testing.utilities import prefect_test_harness  # noqa: E402

from flows.annual import annual_run  # noqa: E402

pytestmark = pytest.mark.slow  # a temporary Prefect server and four full runs: ~1-2 min

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"
NOTICE = "小区通知\n各位业主：本小区将于下周二停水，请提前储水。水费上涨10%，谢谢配合。\n物业管理处\n"
FILLER = "这是一段与政府工作报告无关的文字，用来检验很大的文件能在有限时间内处理完毕。"


@pytest.fixture(scope="session")
def harness():
    with prefect_test_harness(server_startup_timeout=180):
        yield


def _blank_pdf(path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with path.open("wb") as fh:
        writer.write(fh)


def _html_copy(text_path: Path) -> str:
    paragraphs = "".join(f"<p>{line}</p>\n" for line in text_path.read_text(encoding="utf-8").splitlines() if line)
    return f"<html><head><title>政府工作报告</title></head><body><article>{paragraphs}</article></body></html>"


def add_bad_inputs(raw: Path) -> dict[str, str]:
    """Write one file per bad-input case; returns {case: path relative to raw}."""
    cases = {
        "empty": "empty/2024.txt",
        "binary junk": "junk/2024.txt",
        "corrupt docx": "corrupt/2025.docx",
        "pdf without text layer": "scanned/2024.pdf",
        "not a work report": "notice/2024.txt",
        "no year": "national/notes.txt",
        "duplicate region and year": "national/2024.html",
        "10 MB file": "huge/2024.txt",
        "unknown extension": "national/2024.xyz",
    }
    for rel in cases.values():
        (raw / rel).parent.mkdir(parents=True, exist_ok=True)
    (raw / cases["empty"]).write_bytes(b"")
    (raw / cases["binary junk"]).write_bytes(random.Random(4).randbytes(20_000))
    docx = (RAW / "hunan" / "2025.docx").read_bytes()
    (raw / cases["corrupt docx"]).write_bytes(docx[: len(docx) // 3])
    _blank_pdf(raw / cases["pdf without text layer"])
    (raw / cases["not a work report"]).write_text(NOTICE, encoding="utf-8")
    (raw / cases["no year"]).write_text("会议记录\n今天讨论了下周的安排，大家都同意了。\n", encoding="utf-8")
    (raw / cases["duplicate region and year"]).write_text(_html_copy(RAW / "national" / "2024.txt"), encoding="utf-8")
    line = FILLER * 100 + "\n"
    (raw / cases["10 MB file"]).write_text(line * (10_000_000 // len(line.encode()) + 1), encoding="utf-8")
    (raw / cases["unknown extension"]).write_text("2024年政府工作报告", encoding="utf-8")
    return cases


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def run(raw: Path, out: Path, cache: Path) -> dict:
    return annual_run(raw=str(raw), out=str(out), cache_dir=str(cache))


@pytest.fixture(scope="module")
def mixed(harness, tmp_path_factory):
    """One run over the shipped corpus plus every bad input."""
    base = tmp_path_factory.mktemp("mixed")
    raw = base / "raw"
    shutil.copytree(RAW, raw)
    cases = add_bad_inputs(raw)
    summary = run(raw, base / "site", base / "cache")
    return summary, base / "site", raw, cases


def test_annual__bad_inputs_finish_with_exit_status_1(mixed):
    summary, out, _, _ = mixed
    assert summary["produced"] is True
    assert summary["exit_code"] == 1


@pytest.mark.parametrize("case", [
    "empty", "binary junk", "corrupt docx", "pdf without text layer", "not a work report", "no year",
    "duplicate region and year", "10 MB file", "unknown extension",
])
def test_annual__each_bad_input_is_a_problem_row(mixed, case):
    _, out, raw, cases = mixed
    rows = read_csv(out / "data" / "problems.csv")
    assert list(rows[0]) == ["file", "reason", "action", "stage"]
    named = [r for r in rows if Path(r["file"]).resolve() == (raw / cases[case]).resolve()]
    assert named, f"{cases[case]} not named in problems.csv: {[r['file'] for r in rows]}"
    assert all(r["reason"].strip() and r["action"].strip() for r in named)


def test_annual__duplicate_keeps_the_text_file_and_names_it(mixed):
    _, out, _, _ = mixed
    rows = read_csv(out / "data" / "problems.csv")
    duplicate = next(r for r in rows if r["file"].endswith("national/2024.html"))
    assert "national/2024.txt" in duplicate["reason"]
    assert not any(r["file"].endswith("national/2024.txt") for r in rows if r["stage"] in ("discover", "read"))
    assert (out / "text" / "national" / "2024.txt").is_file()


def test_annual__good_outputs_are_complete(mixed):
    summary, out, _, _ = mixed
    for page in ("index.html", "methodology.html", "problems.html", "national/index.html",
                 "national/2023.html", "national/2024.html", "tianyuan/index.html"):
        assert (out / page).is_file(), page
    for table in ("commitments", "scorecard", "problems", "quarantine"):
        assert (out / "data" / f"{table}.csv").is_file(), table
    assert (out / "validation" / "index.html").is_file()
    scorecard = read_csv(out / "data" / "scorecard.csv")
    assert {("national", "2023"), ("national", "2024")} <= {(r["region"], r["period_year"]) for r in scorecard}
    shipped = [p for p in RAW.glob("*/*") if p.suffix in (".txt", ".docx", ".pdf", ".html", ".htm")]
    assert summary["reports_read"] == len(shipped)  # every shipped report, the bad ones left out
    assert sum(summary["targets"].values()) == len(scorecard)


def test_annual__saved_text_holds_every_clause_at_its_offsets(mixed):
    _, out, _, _ = mixed
    texts: dict[tuple[str, str], str] = {}
    for row in read_csv(out / "data" / "commitments.csv"):
        key = (row["region"], row["report_year"])
        if key not in texts:
            texts[key] = (out / "text" / key[0] / f"{key[1]}.txt").read_bytes().decode("utf-8")
        assert texts[key][int(row["start"]):int(row["end"])] == row["clause"].removeprefix("'")


def test_annual__all_bad_inputs_leave_the_previous_site_untouched(mixed, tmp_path):
    _, good_out, raw, cases = mixed
    previous = tmp_path / "site"
    shutil.copytree(good_out, previous)
    before = snapshot(previous)
    bad_raw = tmp_path / "raw"
    for case in ("empty", "binary junk", "corrupt docx", "pdf without text layer", "not a work report"):
        (bad_raw / cases[case]).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(raw / cases[case], bad_raw / cases[case])
    summary = run(bad_raw, previous, tmp_path / "cache")
    assert summary["exit_code"] == 2
    assert summary["produced"] is False
    assert len(summary["problems"]) == 5
    assert snapshot(previous) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "raw", "site"]  # no build left behind


def test_annual__unchanged_inputs_are_not_extracted_again(harness, tmp_path, monkeypatch):
    from extractors import pipeline

    raw = tmp_path / "raw"
    shutil.copytree(RAW / "national", raw / "national")
    calls: list[str] = []
    real = pipeline.extract_file

    def counting(path, region=None):
        calls.append(str(path))
        return real(path, region=region)

    monkeypatch.setattr(pipeline, "extract_file", counting)
    first = run(raw, tmp_path / "site1", tmp_path / "cache")
    national = len(list((RAW / "national").glob("*.*")))
    assert len(calls) == national and first["from_cache"] == 0
    tables = {name: (tmp_path / "site1" / "data" / name).read_bytes() for name in ("commitments.csv", "scorecard.csv")}

    calls.clear()
    second = run(raw, tmp_path / "site2", tmp_path / "cache")
    assert calls == []
    assert second["from_cache"] == second["reports_found"] == national
    for name, data in tables.items():
        assert (tmp_path / "site2" / "data" / name).read_bytes() == data

    (raw / "national" / "2025.txt").write_text(
        (raw / "national" / "2025.txt").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    calls.clear()
    third = run(raw, tmp_path / "site2", tmp_path / "cache")
    assert [Path(c).name for c in calls] == ["2025.txt"]  # only the edited report is read again
    assert third["from_cache"] == national - 1


def test_annual__publishes_its_summary_as_a_prefect_artifact(mixed):
    from prefect.artifacts import Artifact

    artifact = Artifact.get("duixian-run-summary")
    assert artifact is not None and artifact.type == "markdown"
    assert "| reports read |" in artifact.data and "| code version |" in artifact.data  # the latest run's


def test_annual__a_run_with_problems_is_marked_on_its_flow_run_state(harness, tmp_path):
    """An operator sees it in the UI and the API (and an automation can match the state's event)."""
    from flows.annual import PROBLEMS_STATE

    raw = tmp_path / "raw"
    (raw / "national").mkdir(parents=True)
    shutil.copy(RAW / "national" / "2024.txt", raw / "national" / "2024.txt")
    (raw / "empty").mkdir()
    (raw / "empty" / "2024.txt").write_bytes(b"")
    state = annual_run(raw=str(raw), out=str(tmp_path / "site"), cache_dir=str(tmp_path / "cache"),
                       return_state=True)
    assert state.is_completed() and state.name == PROBLEMS_STATE
    assert "1 input problem" in state.message and "problems.html" in state.message
    assert state.result()["exit_code"] == 1
    (raw / "empty" / "2024.txt").unlink()
    clean = annual_run(raw=str(raw), out=str(tmp_path / "site"), cache_dir=str(tmp_path / "cache"),
                       return_state=True)
    assert clean.name == "Completed" and clean.result()["exit_code"] == 0


def test_annual__reports_read_by_processes_give_the_same_site(mixed, tmp_path, monkeypatch):
    """A large part is extracted by worker processes (steps.extract, the default runner's cores):
    with the threshold lowered, the same inputs (bad ones included) give the same tables and problems."""
    import steps.extract as extract

    summary, site, raw, _ = mixed
    pools: list[int] = []
    in_processes = extract._in_processes
    monkeypatch.setattr(extract, "PROCESS_MIN_REPORTS", 2)
    monkeypatch.setattr(extract, "_in_processes", lambda *a: pools.append(a[-1]) or in_processes(*a))
    monkeypatch.setattr("flows.annual.cores", lambda: 2)  # as on a 2-core machine, whatever this one has
    again = run(raw, tmp_path / "site", tmp_path / "cache")
    assert pools == [2]
    assert again["exit_code"] == summary["exit_code"] == 1
    for table in ("scorecard.csv", "commitments.csv", "problems.csv", "quarantine.csv"):
        assert (tmp_path / "site" / "data" / table).read_bytes() == (site / "data" / table).read_bytes(), table
