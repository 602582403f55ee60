"""A qualitative target's closest sentence: shown only at or above the documented threshold; pages
say why no sentence is shown (below the threshold, or no next report yet)."""

from __future__ import annotations

from dataclasses import replace

from extractors.records import Document
from reports.render import render_site
from reports.sample import sample_inputs
from scoring.config import section
from scoring.evidence import closest_sentence


def _doc(text: str) -> Document:
    return Document(source="data/raw/x/2024.txt", fmt="txt", sha256="", text=text, region="x", report_year=2024)


def test_threshold__is_documented_in_the_rules_data_and_above_zero():
    assert float(section("text")["evidence_min_score"]) >= 40


def test_closest_sentence__an_unrelated_sentence_is_not_evidence():
    doc = _doc("新增机场容量1亿人次。修建农村公路1000公里。")
    assert closest_sentence("新增可再生能源不纳入能源消费总量控制", doc) is None
    found = closest_sentence("生态环境质量持续改善", _doc("生态环境质量持续改善。修建农村公路1000公里。"))
    assert found is not None and found.sentence == "生态环境质量持续改善。"


def test_scorecard_page__says_no_sentence_reached_the_threshold_or_no_next_report():
    rows, records, problems, quarantined, meta = sample_inputs()
    silent = [replace(r, result_clause=None, result_source=None, evidence_score=None)
              if r.status == "qualitative" else r for r in rows]
    later = replace(next(r for r in rows if r.status == "qualitative"), period_year=2023, row_id="later",
                    result_clause=None, result_source=None, evidence_score=None)
    site = render_site([*silent, later], records, problems, quarantined, meta)
    threshold = f"{float(section('text')['evidence_min_score']):g}"
    page_2022 = site["demo/2022.html"]
    assert f"2023年报告中没有相似度达到 {threshold} 的句子，故不显示" in page_2022
    assert "最接近的句子" not in page_2022
    page_2023 = site["demo/2023.html"]  # no 2024 report: never "the next report has no close sentence"
    assert "2024年报告尚未收入，无从对照" in page_2023 and "没有相似度达到" not in page_2023
    assert f"相似度低于 {threshold}" in site["methodology.html"]
