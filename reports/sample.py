"""A small synthetic site (invented region "示例市", invented numbers) for previews and tests.

`python -m reports.sample OUTDIR` writes it so a designer can open the pages without running the
pipeline. Every status appears, plus a reviewed row, an estimate, a stretch goal, a range and a clause
carrying markup (to show it is escaped). Not real data: nothing here is keyed to a shipped report.
"""

from __future__ import annotations

import sys
from pathlib import Path

from extractors.records import Commitment, Problem
from reports.render import SiteMeta, render_site
from scoring.scorecard import ScoreRow

REGION = "demo"
SRC = {2022: "data/raw/demo/2022.txt", 2023: "data/raw/demo/2023.txt"}


def _row(year: int, indicator: str, status: str, **kw) -> ScoreRow:
    base = dict(
        region=REGION,
        period_year=year,
        indicator=indicator,
        canonical=kw.pop("canonical", None),
        target_value=None,
        target_value_high=None,
        target_unit="%",
        comparator="approx",
        actual_value=None,
        actual_unit=None,
        status=status,
        gap=None,
        match_score=None,
        match_method="",
        target_clause="",
        result_clause=None,
        target_source=f"{SRC[year]}#0-0",
        result_source=None,
        reviewed=False,
        note="",
    )
    base.update(kw)
    return ScoreRow(**base)


def sample_rows() -> list[ScoreRow]:
    r23 = SRC[2023]
    # fmt: off
    return [
        _row(2022, "地区生产总值", "missed", canonical="gdp", target_value=5.5, actual_value=3.0, actual_unit="%",
             gap=-2.5, match_score=100, match_method="lexicon", target_clause="地区生产总值增长5.5%左右",
             result_clause="地区生产总值增长3%", target_source=f"{SRC[2022]}#120-132",
             result_source=f"{r23}#88-97", row_id="gdp", headline=True, target_text="5.5%左右",
             target_section="二、2022年工作安排", result_section="一、2022年工作回顾"),
        _row(2022, "城镇新增就业", "exceeded", canonical="urban_jobs", target_value=11, target_unit="万人",
             comparator="min", actual_value=12.06, actual_unit="万人", gap=1.06, match_score=100,
             match_method="lexicon", target_clause="城镇新增就业11万人以上", result_clause="城镇新增就业12.06万人",
             target_source=f"{SRC[2022]}#133-145", result_source=f"{r23}#100-112", row_id="urban_jobs",
             headline=True, target_text="11万人以上"),
        _row(2022, "居民消费价格涨幅", "met", canonical="cpi", target_value=3, comparator="max", actual_value=2,
             actual_unit="%", gap=-1, match_score=100, match_method="lexicon",
             target_clause="居民消费价格涨幅3%左右", result_clause="居民消费价格上涨2%",
             target_source=f"{SRC[2022]}#146-157", result_source=f"{r23}#113-122", row_id="cpi", headline=True,
             target_text="3%左右"),
        _row(2022, "城镇调查失业率", "not_reported", canonical="unemployment_surveyed", target_value=5.5,
             target_clause="城镇调查失业率控制在5.5%以内", target_source=f"{SRC[2022]}#158-172",
             row_id="unemployment", headline=True, target_text="5.5%以内", comparator="max"),
        _row(2022, "规模以上工业增加值", "met", canonical="industry_va", target_value=7, actual_value=7.4,
             actual_unit="%", gap=0.4, match_score=100, match_method="lexicon", estimated=True, stretch=8,
             target_clause="规模以上工业增加值增长7%以上、力争8%", result_clause="规模以上工业增加值预计增长7.4%",
             target_source=f"{SRC[2022]}#173-190", result_source=f"{r23}#123-138", row_id="industry",
             headline=True, target_text="7%以上", comparator="min"),
        _row(2022, "居民收入增长和经济增长同步", "qualitative", comparator="qualitative", target_unit=None,
             target_clause="居民收入增长和经济增长基本同步", result_clause="居民人均可支配收入增长5%，与经济增长基本同步",
             target_source=f"{SRC[2022]}#191-205", result_source=f"{r23}#140-160", evidence_score=71.4,
             row_id="income", headline=True),
        _row(2022, "新增学位", "met", target_value=2500, target_unit="个", comparator="exact", actual_value=2600,
             actual_unit="个", gap=100, match_score=86.2, match_method="override", reviewed=True,
             note="结果写作“新增中小学学位2600个”，人工确认为同一指标 (reviewer 王, 2026-11-20)",
             target_clause="新增学位2500个", result_clause="新增中小学学位2600个",
             target_source=f"{SRC[2022]}#400-408", result_source=f"{r23}#300-311", row_id="t-school"),
        _row(2022, "保障性住房", "missed", target_value=3000, target_value_high=3500, target_unit="套",
             comparator="range", actual_value=2800, actual_unit="套", gap=-200, match_score=78.5,
             match_method="fuzzy", target_clause="建设保障性住房3000—3500套",
             result_clause="建成保障性住房2800套<script>alert('x')</script>",
             target_source=f"{SRC[2022]}#420-435", result_source=f"{r23}#320-345", row_id="t-housing"),
        _row(2023, "地区生产总值", "pending", canonical="gdp", target_value=5, target_clause="地区生产总值增长5%左右",
             target_source=f"{SRC[2023]}#500-511", row_id="gdp", headline=True, target_text="5%左右"),
        _row(2023, "城镇新增就业", "pending", canonical="urban_jobs", target_value=12, target_unit="万人",
             comparator="min", target_clause="城镇新增就业12万人以上", target_source=f"{SRC[2023]}#512-523",
             row_id="urban_jobs", headline=True, target_text="12万人以上"),
        _row(2023, "居民消费价格涨幅", "pending", canonical="cpi", target_value=3, comparator="max",
             target_clause="居民消费价格涨幅3%左右", target_source=f"{SRC[2023]}#524-535", row_id="cpi",
             headline=True, target_text="3%左右"),
    ]
    # fmt: on


def _rec(year: int, kind: str, indicator: str, value, unit, clause: str, start: int, **kw) -> Commitment:
    return Commitment(
        source=SRC[year],
        region=REGION,
        report_year=year,
        kind=kind,
        period_year=year if kind == "target" else year - 1,
        indicator=indicator,
        canonical=kw.get("canonical"),
        verb=None,
        value=value,
        value_high=None,
        stretch=None,
        unit=unit,
        comparator=kw.get("comparator", "exact"),
        estimated=kw.get("estimated", False),
        section=kw.get("section"),
        clause=clause,
        start=start,
        end=start + len(clause),
        headline=kw.get("headline", False),
        span=kw.get("span"),
    )


def sample_records() -> list[Commitment]:
    sec = "一、2022年工作回顾"
    # fmt: off
    return [
        _rec(2022, "target", "地区生产总值", 5.5, "%", "地区生产总值增长5.5%左右", 120, canonical="gdp", headline=True),
        _rec(2023, "result", "地区生产总值", 3.0, "%", "地区生产总值增长3%", 88, canonical="gdp", headline=True,
             section=sec),
        _rec(2023, "result", "城镇新增就业", 12.06, "万人", "城镇新增就业12.06万人", 100, headline=True, section=sec),
        _rec(2023, "result", "规模以上工业增加值", 7.4, "%", "规模以上工业增加值预计增长7.4%", 123, estimated=True,
             section=sec),
        _rec(2023, "result", "地区生产总值", 6.1, "%", "过去五年地区生产总值年均增长6.1%", 60, span="2018-2022",
             section=sec),
        _rec(2023, "target", "地区生产总值", 5.0, "%", "地区生产总值增长5%左右", 500, canonical="gdp", headline=True),
    ]
    # fmt: on


def sample_inputs() -> tuple[list[ScoreRow], list[Commitment], list[Problem], list[dict], SiteMeta]:
    problems = [
        Problem(
            file="data/raw/demo/2021.pdf",
            reason="PDF has no text layer",  # as the run words it (extractors/formats.py)
            action="scanned? OCR it first (e.g. ocrmypdf -l chi_sim)",
            stage="read",
        )
    ]
    quarantined = [
        {
            "rule": "value_in_band",
            "column": "value",
            "value": 950.0,
            "source": SRC[2023],
            "indicator": "地区生产总值",
            "clause": "地区生产总值增长950%",
        }
    ]
    meta = SiteMeta(
        generated_at="2026-11-27T09:00:00+08:00",
        code_version="0.1.0+sample",
        inputs={SRC[2022]: "a" * 64, SRC[2023]: "b" * 64, "data/raw/other/2023.txt": "c" * 64},
        validation_index="validation/index.html",
        methodology=[
            {
                "title": "“左右”的容差 Tolerance for 左右",
                "text": "实际值不低于目标值减 0.5 个百分点即为完成。\n- 默认容差: 0.5 个百分点\n- 可在 scoring/data 中修改",
            },
            {"title": "上限类指标 Ceilings", "text": "居民消费价格、失业率等：实际值不高于目标即为完成。"},
        ],
        region_names={REGION: "示例市 (synthetic)"},
    )
    return sample_rows(), sample_records(), problems, quarantined, meta


def main(argv: list[str]) -> int:
    out = Path(argv[1] if len(argv) > 1 else "/tmp/duixian-sample")
    for rel, text in render_site(*sample_inputs()).items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print(out / "index.html")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
