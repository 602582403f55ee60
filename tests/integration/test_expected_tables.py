"""Issue 16: hand-written expected tables (tests/expected/*.csv) against the scorecards duixian builds.

The tables were read from the texts, not from duixian (see tests/expected/README.md). The main test is
a ratchet: the set of rows where the scorecard disagrees with the table must equal KNOWN_GAPS exactly,
so a regression fails (a new disagreement) and so does a fix (remove its entry). On failure a table
of the disagreements is printed.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from extractors.lexicon import load_lexicon
from scoring.compare import build_scorecard
from scoring.config import section
from scoring.scorecard import ScoreRow
from scoring.units import convert

pipeline = pytest.importorskip("extractors.pipeline")
ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"
EXPECTED = ROOT / "tests" / "expected"
TABLES = ("zhumadian.csv", "provinces-2025.csv")
REPORTS = {"zhumadian": range(2015, 2027), "beijing": (2025, 2026), "hunan": (2025, 2026), "zhejiang": (2025, 2026)}

# key "region/year/indicator" -> why the scorecard disagrees today. Remove an entry once it agrees.
KNOWN_GAPS: dict[str, str] = {}


@dataclass(frozen=True)
class Expected:
    key: str
    row: dict[str, str]

    def num(self, name: str) -> float | None:
        return float(self.row[name]) if self.row[name] else None


def load_expected() -> list[Expected]:
    rows = []
    for name in TABLES:
        with (EXPECTED / name).open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                rows.append(Expected(f"{r['region']}/{r['period_year']}/{r['indicator']}", r))
    return rows


def report_path(region: str, year: int) -> Path:
    txt = RAW / region / f"{year}.txt"
    return txt if txt.exists() else RAW / region / f"{year}.docx"


@cache
def raw_text(path: Path) -> str:
    """The file as published: UTF-8 text, or the .docx paragraphs joined with newlines."""
    if path.suffix == ".docx":
        import docx

        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def expected() -> list[Expected]:
    return load_expected()


@pytest.fixture(scope="module")
def scorecard() -> list[ScoreRow]:
    paths = [report_path(region, year) for region, years in REPORTS.items() for year in years]
    return build_scorecard(*pipeline.extract_files(paths)).rows


def _overlaps(a: str, b: str) -> bool:
    return bool(a and b) and (a in b or b in a)


def find_row(e: Expected, rows: list[ScoreRow]) -> ScoreRow | None:
    """The scorecard row for an expected row: same page and indicator (the lexicon's canonical id, or
    any indicator for ids outside the lexicon) and the same target, recognised by an overlapping
    clause or, failing that, the same target value. Another target of the same indicator (a
    task-level `进出口增长10%以上` beside a headline `进出口持续增长`) is not that row."""
    r = e.row
    page = [s for s in rows if s.region == r["region"] and s.period_year == int(r["period_year"])]
    if r["indicator"] in load_lexicon().entries:
        page = [s for s in page if s.canonical == r["indicator"]]
    value = e.num("target_value")
    same_value = [s for s in page if value is not None and s.target_value == pytest.approx(value)]
    found = [s for s in page if _overlaps(s.target_clause, r["target_clause"])]
    found = [s for s in found if s in same_value] or found or same_value
    return max(found, key=lambda s: s.headline) if found else None


def _same(value: float | None, unit: str | None, want: float | None, want_unit: str) -> bool:
    """Equal figures after unit conversion; `10.02万` written before its noun counts as `10.02万人`."""
    if want is None:
        return True
    if value is not None and unit and want_unit.startswith(unit):
        return abs(value - want) < 1e-6
    got = convert(value, unit, want_unit) if unit != want_unit else value
    return got is not None and abs(got - want) < 1e-6


def disagreement(e: Expected, s: ScoreRow | None) -> str:
    """'' when the scorecard row agrees with the expected row, else what differs."""
    r = e.row
    if s is None:
        return "no scorecard row"
    problems = []
    if s.status != r["expected_status"]:
        problems.append(f"status {s.status}")
    if not _same(s.target_value, s.target_unit, e.num("target_value"), r["target_unit"]):
        problems.append(f"target {s.target_value}{s.target_unit or ''}")
    if not _same(s.actual_value, s.actual_unit, e.num("actual_value"), r["actual_unit"]):
        problems.append(f"actual {s.actual_value}{s.actual_unit or ''}")
    return "; ".join(problems)


def _short(text: str | None, width: int = 34) -> str:
    text = (text or "").replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def diff_table(items: list[tuple[Expected, ScoreRow | None, str]]) -> str:
    lines = ["key | expected (status, target, actual) | got | scorecard target clause | scorecard result clause"]
    for e, s, why in items:
        r = e.row
        want = f"{r['expected_status']} {r['target_text']} → {r['actual_text'] or '-'}"
        lines.append(" | ".join([e.key, want, why, _short(s and s.target_clause), _short(s and s.result_clause)]))
    return "\n".join(lines)


def test_expected_tables__scorecards_agree_except_known_gaps(expected, scorecard):
    results = [(e, s, disagreement(e, s)) for e in expected for s in [find_row(e, scorecard)]]
    wrong = {e.key for e, _, why in results if why}
    new = sorted(wrong - set(KNOWN_GAPS))
    fixed = sorted(set(KNOWN_GAPS) - wrong)
    message = []
    if new:
        message.append(f"{len(new)} row(s) disagree and are not in KNOWN_GAPS:\n"
                       + diff_table([x for x in results if x[0].key in new]))
    if fixed:
        message.append(f"{len(fixed)} KNOWN_GAPS row(s) now agree: remove them from KNOWN_GAPS: {fixed}")
    assert not message, "\n\n".join(message)


def test_expected_tables__known_gaps_name_expected_rows(expected):
    assert set(KNOWN_GAPS) <= {e.key for e in expected}


def test_expected_tables__keys_unique_and_statuses_known(expected):
    keys = [e.key for e in expected]
    assert len(keys) == len(set(keys))
    assert {e.row["expected_status"] for e in expected} <= {"met", "exceeded", "missed", "not_reported",
                                                             "qualitative"}


def test_expected_tables__quotes_are_at_their_offsets(expected):
    for e in expected:
        for clause, ref in ((e.row["target_clause"], e.row["target_source"]),
                            (e.row["result_clause"], e.row["result_source"])):
            if not clause:
                assert not ref, e.key
                continue
            file, span = ref.rsplit("#", 1)
            start, end = map(int, span.split("-"))
            assert raw_text(RAW / file)[start:end] == clause, (e.key, ref)


def test_expected_tables__results_come_from_the_next_reports_review(expected):
    """A result quote lies in report Y+1 before that report's own headline targets (its plan part)."""
    for e in expected:
        if e.row["result_source"]:
            file, span = e.row["result_source"].rsplit("#", 1)
            assert file.endswith(f"/{int(e.row['period_year']) + 1}.txt"), e.key
            plans = [m.start() for m in re.finditer("主要预期目标", raw_text(RAW / file))]
            assert plans and int(span.split("-")[0]) < plans[-1], e.key  # the last is the year's plan


def test_expected_tables__statuses_follow_the_published_tolerances(expected):
    """Each judged row's expected status follows from rules.toml's tolerances, so a change of the
    published rules forces the tables to be read again."""
    judge = section("judge")
    lexicon = load_lexicon().entries
    for e in expected:
        target, actual = e.num("target_value"), e.num("actual_value")
        if target is None or actual is None:
            continue
        r = e.row
        percent = r["target_unit"] in ("%", "个百分点")
        tol = (judge["approx_tolerance_pp"] if percent else judge["approx_tolerance_rel"] * target) \
            if r["comparator"] == "approx" else 0.0
        margin = judge["exceed_margin_pp"] if percent else judge["exceed_margin_rel"] * target
        entry = lexicon.get(r["indicator"])
        eps = 1e-9
        if r["comparator"] == "max" or (entry is not None and entry.polarity == "ceiling"):
            status = "met" if actual <= target + tol + eps else "missed"
        elif actual >= target + margin - eps:
            status = "exceeded"
        else:
            status = "met" if actual >= target - tol - eps else "missed"
        assert status == r["expected_status"], (e.key, status)
