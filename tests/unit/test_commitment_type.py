"""scoring.commitment_type: outcomes to achieve vs allocations to spend or issue, from the rules data."""

from __future__ import annotations

import pytest

from scoring.commitment_type import ALLOCATION, OUTCOME, commitment_type, type_rules


@pytest.mark.parametrize("indicator, clause", [
    ("赤字率", "赤字率拟按3%左右安排"),
    ("地方政府专项债券", "拟安排地方政府专项债券1万亿元"),
    ("超长期特别国债", "发行超长期特别国债1万亿元"),
    ("中央预算内投资", "中央预算内投资安排5000亿元"),
    ("中央对地方转移支付", "中央对地方转移支付增长5%"),
    ("居民医保人均财政补助标准", "居民医保人均财政补助标准提高30元"),
    ("一般公共预算支出", "一般公共预算支出增长4%"),
    ("新增额度", "拟新增额度500亿元"),  # decided by the clause's 拟新增
])
def test_commitment_type__budgets_bonds_deficits_transfers_are_allocations(indicator, clause):
    assert commitment_type(indicator, clause) == ALLOCATION


@pytest.mark.parametrize("indicator, clause", [
    ("国内生产总值", "国内生产总值增长5%左右"),
    ("城镇新增就业", "城镇新增就业100万人以上"),
    ("居民消费价格涨幅", "居民消费价格涨幅3%左右"),
    ("粮食产量", "粮食产量1万亿斤以上"),
    ("单位国内生产总值能耗", "单位国内生产总值能耗降低2%左右"),
    ("新增学位", "新增学位2000个"),
    ("一般公共预算收入", "一般公共预算收入增长5%"),  # revenue is a result
    ("实际利用境外资金", "实际利用境外资金增长8%"),  # money attracted is a result, not a plan to spend
    ("引进市外资金", "力争全年引进市外资金100亿元以上"),
])
def test_commitment_type__results_to_achieve_are_outcomes(indicator, clause):
    assert commitment_type(indicator, clause) == OUTCOME


def test_commitment_type__canonical_key_counts_and_default_comes_from_the_data():
    assert commitment_type("规模", "规模4万亿元", canonical="赤字规模") == ALLOCATION
    assert type_rules()["default"] == OUTCOME
    assert commitment_type(None, None) == OUTCOME


def test_score_row__commitment_type_is_filled_from_the_target():
    from reports.sample import _row

    row = _row(2022, "赤字率", "not_reported", target_clause="赤字率拟按3%安排")
    assert row.commitment_type == ALLOCATION
    assert _row(2022, "地区生产总值", "met").commitment_type == OUTCOME
    assert _row(2022, "地区生产总值", "met", commitment_type=ALLOCATION).commitment_type == ALLOCATION
