"""GX suites on good and bad frames (issue 4 §3 and §7). Frames are built from the record classes,
so column names follow the contract. One validation per frame (GX costs ~1 s a run)."""

from __future__ import annotations

import csv
import subprocess
import sys
import typing
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from expectations.derive import chinese_numeral, clause_shows_value, unit_stem
from expectations.suites import load_bands, load_suite
from extractors.records import Commitment, Comparator, Kind
from scoring.scorecard import STATUSES, ScoreRow

SRC = "data/raw/demo/2024.txt"


def rec(**kw) -> Commitment:
    base = dict(
        source=SRC,
        region="demo",
        report_year=2024,
        kind="target",
        period_year=2024,
        indicator="地区生产总值",
        canonical="gdp",
        verb="增长",
        value=5.0,
        value_high=None,
        stretch=None,
        unit="%",
        comparator="approx",
        estimated=False,
        section="三、2024年工作安排",
        clause="地区生产总值增长5%左右",
        start=100,
        end=111,
        headline=True,
    )
    base.update(kw)
    return Commitment(**base)


def good_records() -> list[Commitment]:
    return [
        rec(),
        rec(
            kind="result",
            period_year=2023,
            value=5.2,
            comparator="exact",
            clause="地区生产总值增长5.2%",
            section="一、2023年工作回顾",
            start=10,
            end=21,
        ),
        rec(
            indicator="城镇新增就业",
            canonical="urban_jobs",
            verb="新增",
            value=1200,
            unit="万人",
            comparator="min",
            clause="城镇新增就业1200万人以上",
            start=120,
            end=134,
        ),
        rec(
            indicator="新增学位",
            canonical=None,
            verb="新增",
            value=2500,
            unit="个",
            comparator="exact",
            clause="新增学位2500个",
            headline=False,
            start=300,
            end=309,
        ),
        rec(
            indicator="加装电梯",
            canonical=None,
            verb="加装",
            value=30,
            unit="台",
            comparator="min",
            clause="加装电梯三十台以上",
            headline=False,
            start=320,
            end=329,
        ),
        rec(
            indicator="粮食产量",
            canonical="grain",
            verb=None,
            value=1.3,
            unit="万亿斤",
            comparator="min",
            clause="粮食产量1.3万亿斤以上",
            start=140,
            end=152,
        ),
        rec(
            indicator="居民收入增长和经济增长同步",
            canonical=None,
            verb=None,
            value=None,
            unit=None,
            comparator="qualitative",
            clause="居民收入增长和经济增长同步",
            headline=False,
            start=160,
            end=173,
        ),
        rec(
            indicator="社区服务用房",
            canonical=None,
            verb="建成",
            value=3.1,
            unit="万平米",
            comparator="exact",
            kind="result",
            period_year=2023,
            clause="建成社区服务用房3. 1万平米",
            headline=False,
            start=30,
            end=44,
        ),
        rec(
            kind="result",
            period_year=2023,
            value=3.2,
            unit="万亿元",
            comparator="exact",
            clause="地区生产总值达到3.2万亿元",
            start=0,
            end=14,
        ),
        rec(
            indicator="城乡低保标准",
            canonical=None,
            headline=False,
            verb="提高到",
            value=740,
            unit="元/月",
            comparator="min",
            clause="城乡低保标准提高到不低于740元/月",
            start=400,
            end=418,
        ),
        rec(
            indicator="地区生产总值",
            kind="result",
            period_year=2023,
            value=5.0,
            comparator="exact",
            span="2019-2023",
            headline=True,
            clause="年均增长5%",
            start=50,
            end=56,
        ),
    ]


def frame(records: list[Commitment]) -> pd.DataFrame:
    return pd.DataFrame([r.to_dict() for r in records])


# name → (bad record, expected rule). Each bad record differs from a good one in one field (and in
# its offsets, which identify it below).
_BAD = {
    "about": (rec(comparator="about", canonical=None, headline=False), "comparator_vocabulary"),
    "goal": (rec(kind="goal", canonical=None, headline=False), "kind_vocabulary"),
    "gdp75": (rec(value=75.0, clause="地区生产总值增长75%", headline=False), "value_in_band"),
    "result_year": (
        rec(kind="result", period_year=2024, comparator="exact", canonical=None, headline=False),
        "result_period_is_previous_year",
    ),
    "no_value_in_clause": (rec(value=6.5, canonical=None, headline=False), "clause_contains_value"),
    "dup_headline": (
        rec(clause="经济增长5%左右", indicator="经济增长", start=200, end=207),
        "headline_unique",
    ),
    "unit": (rec(unit="张三", canonical=None, headline=False, clause="地区生产总值增长5张三"), "unit_known"),
    "no_indicator": (rec(indicator="和", canonical=None, headline=False), "indicator_named"),
}
BAD = {
    name: (replace(r, start=500 + 20 * i, end=510 + 20 * i), rule)
    for i, (name, (r, rule)) in enumerate(_BAD.items())
}


@pytest.fixture(scope="module")
def good_outcome(tmp_path_factory):
    from expectations.validate import validate_table

    docs = tmp_path_factory.mktemp("validation")
    return validate_table("commitments", frame(good_records()), docs_dir=docs), docs


def bad_frame() -> pd.DataFrame:
    """The good records, one breaking each rule of BAD, and a report with results but no target."""
    records = good_records() + [r for r, _ in BAD.values()]
    records.append(
        rec(
            source="data/raw/other/2024.txt",
            region="other",
            kind="result",
            period_year=2023,
            comparator="exact",
            canonical=None,
            headline=False,
        )
    )
    df = frame(records)
    df.index = [f"row{i}" for i in range(len(df))]  # any index: good keeps it
    return df


@pytest.fixture(scope="module")
def bad_outcome():
    from expectations.validate import validate_table

    df = bad_frame()
    return validate_table("commitments", df), df


def test_expectations__good_frame_passes(good_outcome):
    outcome, _ = good_outcome
    assert outcome.success, outcome.quarantined.to_dict("records")
    assert outcome.quarantined.empty and outcome.table_failures == []
    assert len(outcome.good) == len(good_records())
    assert list(outcome.good.columns) == list(frame(good_records()).columns)  # helper columns dropped
    assert (
        outcome.stats["unsuccessful"] == 0 and outcome.stats["evaluated"] == outcome.stats["successful"] > 20
    )


def test_expectations__data_docs_index_written(good_outcome):
    _, docs = good_outcome
    index = docs / "index.html"
    assert index.exists()
    html = index.read_text(encoding="utf-8")
    assert "commitments" in html
    assert "dataContextId" not in html  # GX's logo beacon replaced by the local copy
    assert list((docs / "validations" / "commitments").rglob("*.html"))


def test_expectations__data_docs_keep_the_latest_run_of_each_table(tmp_path):
    from expectations.validate import validate_table

    validate_table("commitments", frame(good_records()), tmp_path)
    validate_table("scorecard", pd.DataFrame([score_row().to_dict()]), tmp_path)
    validate_table("commitments", frame(good_records()), tmp_path)
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "validations/scorecard/" in html and "validations/commitments/" in html
    assert len(list((tmp_path / "validations" / "commitments").rglob("*.html"))) == 1


@pytest.mark.parametrize("case", list(BAD))
def test_expectations__bad_row_quarantined_with_rule(bad_outcome, case):
    outcome, df = bad_outcome
    bad, rule = BAD[case]
    hits = outcome.quarantined[outcome.quarantined["start"] == bad.start]
    assert list(hits["rule"]) == [rule], outcome.quarantined[["rule", "value", "start"]].to_string()


def test_expectations__only_offending_rows_quarantined(bad_outcome):
    outcome, df = bad_outcome
    q = outcome.quarantined
    # the duplicate headline: the later statement is quarantined, the first one (start 100) stands
    assert set(q["start"]) == {r.start for r, _ in BAD.values()}
    assert outcome.stats["quarantined_rows"] == len(BAD)
    assert len(outcome.good) == len(df) - len(BAD)
    assert set(outcome.good.index) <= set(df.index)
    row = q[q["rule"] == "value_in_band"].iloc[0]
    assert (row["column"], row["value"], row["source"]) == ("value", 75.0, SRC)
    year = q[q["rule"] == "result_period_is_previous_year"].iloc[0]
    assert (year["column"], year["value"]) == ("period_year", 2024)
    assert {
        "rule",
        "column",
        "value",
        "source",
        "region",
        "report_year",
        "kind",
        "indicator",
        "clause",
        "start",
    } <= set(q.columns)


def test_expectations__report_without_targets_is_a_table_failure(bad_outcome):
    outcome, _ = bad_outcome
    assert not outcome.success
    assert [f for f in outcome.table_failures if f["rule"] == "report_has_target"] == [
        {
            "rule": "report_has_target",
            "detail": next(
                r for r in load_suite("commitments").rules if r.rule == "report_has_target"
            ).description,
            "source": "data/raw/other/2024.txt",
        }
    ]
    other = outcome.quarantined[outcome.quarantined["source"] == "data/raw/other/2024.txt"]
    assert other.empty  # a report-level problem quarantines nothing


def score_row(**kw) -> ScoreRow:
    base = dict(
        region="demo",
        period_year=2023,
        indicator="地区生产总值",
        canonical="gdp",
        target_value=5.0,
        target_value_high=None,
        target_unit="%",
        comparator="approx",
        actual_value=5.2,
        actual_unit="%",
        status="met",
        gap=0.2,
        match_score=100.0,
        match_method="lexicon",
        target_clause="地区生产总值增长5%左右",
        result_clause="地区生产总值增长5.2%",
        target_source="data/raw/demo/2023.txt#1-12",
        result_source="data/raw/demo/2024.txt#5-16",
        reviewed=False,
        note="",
        row_id="gdp-1",
        headline=True,
    )
    base.update(kw)
    return ScoreRow(**base)


def test_expectations__scorecard_suite_passes_good_and_quarantines_bad():
    from expectations.validate import validate_table

    good = [
        score_row(),
        score_row(
            indicator="新增学位",
            canonical=None,
            target_value=2500,
            target_unit="个",
            comparator="exact",
            actual_value=None,
            actual_unit=None,
            status="pending",
            gap=None,
            match_score=None,
            match_method="",
            result_clause=None,
            result_source=None,
            row_id="t-1",
            headline=False,
        ),
        score_row(
            indicator="居民收入同步",
            canonical=None,
            target_value=None,
            target_unit=None,
            comparator="qualitative",
            actual_value=None,
            actual_unit=None,
            status="qualitative",
            gap=None,
            match_score=None,
            match_method="",
            row_id="t-2",
            headline=False,
        ),
    ]
    bad = [
        replace(good[0], indicator="a", status="done", row_id="b-1"),
        replace(good[0], indicator="b", actual_value=None, row_id="b-2"),
        replace(good[0], indicator="c", target_value=75.0, row_id="b-3"),
        replace(good[0], indicator="d", match_score=120.0, row_id="b-4"),
        replace(good[0], indicator="e", row_id="gdp-1"),
    ]
    df = pd.DataFrame([r.to_dict() for r in good + bad])
    outcome = validate_table("scorecard", df)
    rules = dict(zip(outcome.quarantined["indicator"], outcome.quarantined["rule"], strict=False))
    assert rules == {
        "a": "status_vocabulary",
        "b": "verdict_has_numbers",
        "c": "target_value_in_band",
        "d": "match_score_range",
    }
    assert set(outcome.good["indicator"]) == {"地区生产总值", "新增学位", "居民收入同步", "e"}
    assert {"region", "period_year", "indicator"} <= set(outcome.quarantined.columns)
    # a repeated permalink anchor on one page is a page-level problem: reported, nothing quarantined
    assert [(f["rule"], f["source"]) for f in outcome.table_failures] == [
        ("row_id_unique", "data/raw/demo/2023.txt")
    ]


def test_derive__headline_repeat_keeps_the_first_statement_in_text_order():
    from expectations.derive import commitments

    later = rec(
        indicator="对全球经济增长的贡献率", value=30.0, clause="对全球经济增长的贡献率30%", start=900, end=913
    )
    level = rec(value=3.2, unit="万亿元", clause="地区生产总值3.2万亿元", start=950, end=963)
    out = commitments(frame([later, rec(), level]))  # frame order differs from text order
    assert list(out["headline_repeat"]) == [1, 0, 0]  # another unit is another headline figure


def test_expectations__vocabularies_match_the_record_contract():
    def value_set(suite, rule, column):
        return next(
            r.kwargs["value_set"]
            for r in load_suite(suite).rules
            if r.rule == rule and r.kwargs["column"] == column
        )

    assert set(value_set("commitments", "kind_vocabulary", "kind")) == set(typing.get_args(Kind))
    assert set(value_set("commitments", "comparator_vocabulary", "comparator")) == set(
        typing.get_args(Comparator)
    )
    assert set(value_set("scorecard", "comparator_vocabulary", "comparator")) == set(
        typing.get_args(Comparator)
    )
    assert set(value_set("scorecard", "status_vocabulary", "status")) == set(STATUSES)
    commit_cols = set(Commitment.__dataclass_fields__)
    for rule in load_suite("commitments").rules:
        if rule.rule == "required":
            assert rule.kwargs["column"] in commit_cols


def test_expectations__bands_are_ordered_and_keyed_by_lexicon_canonicals():
    bands = load_bands()
    assert any(b["canonical"] == "*" for b in bands)
    assert all(float(b["low"]) < float(b["high"]) for b in bands)
    assert len({(b["canonical"], b["unit"]) for b in bands}) == len(bands)
    lexicon = Path(__file__).resolve().parents[2] / "extractors" / "data" / "lexicon.csv"
    with lexicon.open(encoding="utf-8") as fh:
        canonicals = {row["canonical"] for row in csv.DictReader(fh)}
    assert {b["canonical"] for b in bands} - {"*"} <= canonicals  # a band for an unknown key never fires


@pytest.mark.parametrize(
    ("clause", "value", "shown"),
    [
        ("增长5%左右", 5.0, True),
        ("增长5.0%", 5.0, True),
        ("2025年增长5.5%", 5.0, False),
        ("建成3. 1万平米", 3.1, True),
        ("1,200万人", 1200.0, True),
        ("加装电梯三十台", 30.0, True),
        ("两千五百人", 2500.0, True),
        ("上涨0.2%", 0.2, True),
        ("居民收入同步", None, True),
        ("增长", 6.0, False),
        ("比上年增长百分之九点四", 9.4, True),  # synthetic, older wording
        ("比上年增长百分之九点四", 9.5, False),
        ("工业增长l3.6％", 13.6, True),  # a letter l scanned for the digit 1
    ],
)
def test_derive__clause_shows_value(clause, value, shown):
    assert clause_shows_value(clause, value) is shown


def test_derive__unit_stem_and_numerals():
    assert [unit_stem(u) for u in ("元/月", "万元/亩", "元/张三")] == ["元", "元", "元/张三"]
    assert [unit_stem(u) for u in ("万亿斤", "千瓦", "万千瓦", "个百分点", "%", "张三", None)] == [
        "斤",
        "千瓦",
        "千瓦",
        "个百分点",
        "%",
        "张三",
        None,
    ]
    assert chinese_numeral(12) == ["一十二", "十二"] and "两千" in chinese_numeral(2000)
    assert chinese_numeral(1005) == ["一千零五"]


def test_expectations__empty_table_and_unknown_table():
    from expectations.validate import validate_table

    outcome = validate_table("commitments", pd.DataFrame(columns=list(Commitment.__dataclass_fields__)))
    assert outcome.success and outcome.good.empty and outcome.quarantined.empty
    assert "rule" in outcome.quarantined.columns
    with pytest.raises(ValueError, match="no expectation suite"):
        validate_table("nonsense", pd.DataFrame({"a": [1]}))


def test_expectations__contract_columns_only_still_validate():
    from expectations.validate import validate_table

    df = frame(good_records())[
        [
            "source",
            "region",
            "report_year",
            "kind",
            "period_year",
            "indicator",
            "canonical",
            "verb",
            "value",
            "value_high",
            "stretch",
            "unit",
            "comparator",
            "estimated",
            "section",
            "clause",
            "start",
            "end",
        ]
    ]
    outcome = validate_table("commitments", df)  # no headline/span: nothing is a headline
    assert outcome.success and len(outcome.good) == len(df)


def test_expectations__importing_validate_does_not_import_gx():
    code = "import sys, expectations.validate; print('great_expectations' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_derive__clause_shows_chinese_numeral_liang():
    from expectations.derive import clause_shows_value

    assert clause_shows_value("新建幼儿园两所", 2.0)
    assert clause_shows_value("新增就业两万人", 2.0)
    assert not clause_shows_value("新增32个", 2.0)


def test_expectations__object_strings_give_the_same_outcome_and_restore_pandas():
    """Validating with strings as Python objects (less memory) passes and fails the same rows,
    with the same values, as pandas' default string dtype; the option is back as it was after."""
    from expectations.validate import object_strings, validate_table

    before = pd.get_option("future.infer_string")
    default = validate_table("commitments", bad_frame())
    with object_strings():
        objects = validate_table("commitments", bad_frame())
    assert pd.get_option("future.infer_string") == before
    assert list(objects.good.index) == list(default.good.index)
    assert objects.quarantined.astype(str).to_dict("records") == default.quarantined.astype(str).to_dict("records")
    assert objects.table_failures == default.table_failures
    assert {k: v for k, v in objects.stats.items() if k != "seconds"} == \
        {k: v for k, v in default.stats.items() if k != "seconds"}


def test_expectations__no_frame_left_with_great_expectations_after_a_run(tmp_path):
    """GX's data source keeps the last batch of a table (its whole frame) until the next run of that
    table; the run lets go of it, so a validated part's frame is not held for the rest of the run."""
    import gc
    import weakref

    from expectations import runtime

    df = frame(good_records())
    gx_frames: list = []
    real = runtime._validate
    runtime._validate = lambda suite, gx_df, *a: gx_frames.append(weakref.ref(gx_df)) or real(suite, gx_df, *a)
    try:
        from expectations.validate import validate_table

        outcome = validate_table("commitments", df, tmp_path)
    finally:
        runtime._validate = real
    del outcome
    gc.collect()
    assert gx_frames and all(ref() is None for ref in gx_frames)
