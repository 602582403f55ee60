"""problems.html in Chinese first, English second: every reason and action the run actually produces
(bad files, misplaced files, year and folder warnings, duplicates, overrides, validation rules) has
its Chinese in reports/data/problems_zh.toml. The problems are made by the real code, not typed here."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from extractors.records import Document, Problem
from reports.problems_zh import chinese
from reports.render import render_site
from reports.sample import sample_inputs
from scoring.compare import build_scorecard
from scoring.overrides import read_overrides
from steps.discover import discover, pick_duplicates
from steps.extract import extract_batch, split_message

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def produced(tmp_path_factory) -> list[Problem]:
    root = tmp_path_factory.mktemp("raw")
    raw = root / "raw"
    (raw / "demo" / "sub").mkdir(parents=True)
    (raw / "loose.txt").write_text("x", encoding="utf-8")  # not inside a region folder
    (raw / "demo" / "notes.md").write_text("x", encoding="utf-8")  # unsupported type
    (raw / "demo" / "2021.txt").write_bytes(b"")  # empty
    (raw / "demo" / "2022.txt").write_bytes(bytes(range(256)) * 40)  # binary
    (raw / "demo" / "2023.docx").write_bytes(b"PK\x03\x04 not really a zip")  # corrupt docx
    (raw / "demo" / "2024.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)  # a broken Word 97 file
    (raw / "demo" / "2025.pdf").write_bytes(b"%PDF-1.4 truncated")  # corrupt pdf
    (raw / "demo" / "notes.txt").write_text("各位代表：这是一段没有年份的文字。", encoding="utf-8")  # no year
    (raw / "national").mkdir()
    shutil.copy(RAW / "national" / "2024.txt", raw / "national" / "2023.txt")  # text says 2024
    (raw / "hunan").mkdir()
    shutil.copy(RAW / "national" / "2024.txt", raw / "hunan" / "2024.txt")  # another region's report
    items, problems = discover(raw)
    problems += discover(root / "missing")[1]
    docs = []
    for got in extract_batch(items, root / "cache"):
        if got.problem is not None:
            problems.append(got.problem)
        if got.doc is not None:
            docs.append(got.doc)
            problems += [Problem(got.doc.source, *split_message(w, got.doc.source, "check the file (it was used as it is)"),
                                 "read") for w in got.doc.warnings]
    twin = Document(source="raw/demo/2020.pdf", fmt="pdf", sha256="", text="", region="demo", report_year=2020)
    first = Document(source="raw/demo/2020.txt", fmt="txt", sha256="", text="", region="demo", report_year=2020)
    problems += pick_duplicates([first, twin])[1]
    overrides = root / "overrides.csv"
    overrides.write_text(
        "region,period_year,target_indicator,action,result_indicator,status,reason,reviewer,date\n"
        "demo,20x,国内生产总值,pin,国内生产总值,,r,王,2026-01-01\n"
        "demo,2022,国内生产总值,swap,,,r,王,2026-01-01\n"
        "demo,2022,国内生产总值,pin,,,r,王,2026-01-01\n"
        "demo,2022,国内生产总值,status,,great,r,王,2026-01-01\n"
        "demo,2022,国内生产总值,status,,met,r,王,April\n"
        "demo,2022,国内生产总值,status,,met,,王,2026-01-01\n"
        "national,2024,no such target,status,,met,r,王,2026-01-01\n"
        "national,1999,国内生产总值,status,,met,r,王,2026-01-01\n", encoding="utf-8")
    good, bad = read_overrides(overrides)
    problems += bad
    problems += build_scorecard(docs, [], good).problems
    (root / "header.csv").write_text("region,year\n", encoding="utf-8")
    problems += read_overrides(root / "header.csv")[1]
    return problems


def test_problems__the_run_produces_the_kinds_this_test_means_to_cover(produced):
    reasons = " | ".join(f"{p.reason} | {p.action}" for p in produced)
    for expected in ("not inside a region folder", "unsupported file type", "empty file", "binary",
                     "not a valid .docx", "Word 97-2003", "not a valid PDF", "no determinable year",
                     "differs from file name", "the folder of", "second file for", "the raw data folder",
                     "is not a year", "is not one of", "a pin needs", "is not YYYY-MM-DD", "is empty",
                     "no longer applies", "header lacks"):
        assert expected in reasons, expected


def test_problems__every_reason_and_action_has_chinese(produced):
    missing = [text for p in produced for text in (p.reason, p.action) if not CJK.search(chinese(text))]
    assert missing == []


def test_problems__validation_rules_have_chinese():
    from expectations.suites import load_suite

    for name in ("commitments", "scorecard"):
        for rule in load_suite(name).rules:
            assert CJK.search(chinese(rule.rule)), rule.rule
            assert CJK.search(chinese(f"{rule.rule}: {rule.description}")), rule.rule


def test_problems_page__chinese_first_english_second(produced):
    rows, records, _, quarantined, meta = sample_inputs()
    page = render_site(rows, records, produced[:5], quarantined, meta)["problems.html"]
    for p in produced[:5]:
        zh = chinese(p.reason)
        assert page.index(zh) < page.index(p.reason.replace("'", "&#39;").replace("<", "&lt;")), p.reason
    assert "百分比超出该指标的合理范围" in page  # the quarantined row's rule


def test_methodology__every_rule_is_chinese_first_then_english():
    from reports.pages import is_english
    from scoring.judge import describe_rules

    for rule in describe_rules():
        lines = [line for line in rule["text"].splitlines() if line.strip()]
        assert not is_english(lines[0]), rule["title"]
        assert any(is_english(line) for line in lines[1:]), rule["title"]
