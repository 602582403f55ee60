"""The cheaper validation path (issue 5) gives the same answers: digits found without a regex per
value, unit stems per distinct unit, GX given only the suite's columns (strings as categoricals),
a frame of `frame_columns` only, and Data Docs in a folder an earlier run left behind."""

from __future__ import annotations

import random
import re

import numpy as np
import pandas as pd
import pytest
from test_expectations import BAD, bad_frame, frame, good_records, rec, score_row

from expectations.derive import HELPERS, commitments, scorecard, shows_digits, unit_stem, unit_stems
from expectations.suites import Rule, Suite, load_suite, set_like_columns, suite_columns


def _regex(text: str, digits: str) -> bool:
    """The pattern expectations.derive compiled per value before (the reference)."""
    return bool(re.search(rf"(?<![\d.]){re.escape(digits)}(?:\.0+)?(?!\d|\.\d)", text))


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("增长5%", "5"),
        ("增长5.0%", "5"),
        ("增长5.00%", "5"),
        ("2025年", "5"),
        ("增长5.5%", "5"),
        ("15个", "5"),
        ("5.0.3", "5"),
        ("5.", "5"),
        (".5", "5"),
        ("-3%", "-3"),
        ("下降3%", "-3"),
        ("5.05", "5"),
        ("٥5", "5"),
    ],
)
def test_shows_digits__cases_agree_with_the_regex(text, digits):
    assert shows_digits(text, digits) is _regex(text, digits)


def test_shows_digits__random_texts_agree_with_the_regex():
    rng = random.Random(5)
    alphabet = "0123456789.-%年万 ５٣"
    for _ in range(20_000):
        value = rng.choice(
            [5, 0.5, 12, 1200, -3, 0, 2.25, 100.5, round(rng.uniform(-50, 50), rng.randint(0, 3))]
        )
        digits = np.format_float_positional(float(value), trim="-")
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        if rng.random() < 0.6:
            at = rng.randint(0, len(text))
            text = text[:at] + digits + rng.choice(["", ".0", ".00", ".", ".05", "0", "%"]) + text[at:]
        assert shows_digits(text, digits) is _regex(text, digits), (text, digits)


def test_unit_stems__same_as_unit_stem_per_row():
    units = pd.Series(
        ["%", "万亿斤", None, "元/月", "张三", float("nan"), "%", 3.0, "万千瓦"], index=list("abcdefghi")
    )
    out = unit_stems(units)
    assert list(out.index) == list(units.index) and out.dtype == object
    assert out.tolist() == [unit_stem(u) for u in units.tolist()]


def test_derive__helpers_only_and_input_untouched():
    df = frame(good_records())
    before = df.copy()
    out = commitments(df)
    assert list(out.columns) == list(HELPERS["commitments"]) and out.index.equals(df.index)
    assert df.equals(before)
    bare = commitments(df.drop(columns=["headline", "span"]))
    assert {"headline", "span"} <= set(bare.columns) and not bare["headline"].any()
    cols = scorecard(pd.DataFrame([score_row().to_dict()]))
    assert list(cols.columns) == list(HELPERS["scorecard"])


def test_set_like_columns__only_equality_membership_and_nullness():
    rules = (
        Rule("a", "expect_column_values_to_be_in_set", {"column": "kind", "value_set": ["x"]}, True, ""),
        Rule("b", "expect_column_value_lengths_to_be_between", {"column": "name", "min_value": 2}, True, ""),
        Rule(
            "c",
            "expect_column_values_to_not_be_null",
            {"column": "unit", "row_condition": {"grade": {"<": 3}}},
            True,
            "",
        ),
        Rule(
            "d",
            "expect_column_values_to_not_be_null",
            {"column": "name", "row_condition": {"tag": {"!=": "x"}}},
            True,
            "",
        ),
    )
    suite = Suite("t", "", (), rules)
    assert suite_columns(suite) == {"kind", "name", "unit", "grade", "tag"}
    assert set_like_columns(suite) == {"kind", "unit", "tag"}


def test_gx_frame__suite_columns_and_categorical_strings():
    from expectations.validate import gx_frame

    suite = load_suite("commitments")
    table = frame(good_records() + [rec(kind=None, canonical=None, headline=False)])
    table["comparator"] = table["comparator"].astype(object)
    table.loc[0, "comparator"] = 7  # not all strings: left as it is
    out = gx_frame(suite, table, commitments(table))
    assert set(out.columns) <= suite_columns(suite) and "verb" not in out.columns
    assert out["kind"].dtype == "category" and out["unit"].dtype == "category"
    assert out["comparator"].dtype == object and out["indicator"].dtype != "category"  # a length check
    assert out.index.equals(pd.RangeIndex(len(table)))




def test_validate__frame_columns_only_gives_the_same_outcome():
    from expectations.validate import frame_columns, validate_table

    df = bad_frame()
    before = df.copy()
    full = validate_table("commitments", df)
    assert df.equals(before)  # the input is not changed
    narrow = validate_table("commitments", df[frame_columns("commitments")])
    assert "verb" not in frame_columns("commitments")
    assert list(narrow.good.index) == list(full.good.index)
    pd.testing.assert_frame_equal(narrow.quarantined, full.quarantined)
    assert narrow.table_failures == full.table_failures and narrow.stats["quarantined_rows"] == len(BAD)
    assert full.good.equals(df.loc[full.good.index])


def test_runtime__data_docs_in_a_folder_left_by_an_earlier_run(tmp_path):
    from expectations import runtime
    from expectations.suites import to_gx_suite
    from expectations.validate import validate_table

    docs, other = tmp_path / "site", tmp_path / "other"
    validate_table("commitments", frame(good_records()), docs)
    validate_table("commitments", frame(good_records()), other)  # drops the first folder's context
    stored = docs / "results" / "expectations" / "commitments.json"
    mtime = stored.stat().st_mtime_ns
    runtime.context(docs)  # a new context over the old folder: the stored suite is there
    built = to_gx_suite(load_suite("commitments"))
    assert stored.stat().st_mtime_ns == mtime  # building a suite writes nothing to the store
    assert len(built.expectations) == len(load_suite("commitments").rules)
    outcome = validate_table("commitments", bad_frame(), docs)
    assert outcome.stats["quarantined_rows"] == len(BAD)
    html = (docs / "index.html").read_text(encoding="utf-8")
    assert "validations/commitments/" in html
    assert len(list((docs / "validations" / "commitments").rglob("*.html"))) == 1
