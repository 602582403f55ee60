"""reports: escaping, badges, order, share met, the headline sentence, CSV bytes, self-contained pages."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace

import pytest

from extractors.records import Problem
from reports.pages import text_blocks
from reports.render import SiteMeta, page_paths, render_site
from reports.sample import sample_inputs, sample_rows
from reports.tables import COMMITMENT_COLUMNS, csv_bytes, data_files
from reports.view import (
    fmt_gap,
    fmt_num,
    headline_sentence,
    judged_rate,
    rates_view,
    safe_slug,
    scope_counts,
    split_source,
    status_counts,
    target_as_written,
)
from scoring.scorecard import SCORECARD_COLUMNS


@pytest.fixture(scope="module")
def site() -> dict[str, str]:
    return render_site(*sample_inputs())


def rows_of(page: str) -> list[tuple[str, str]]:
    """(row id, status) of each scorecard row, in page order."""
    return re.findall(r'<tr id="([^"]+)" class="row s-[a-z_]+[^"]*" data-status="([a-z_]+)"', page)


def test_render__pages_at_the_agreed_paths(site):
    assert set(site) == {
        "index.html",
        "methodology.html",
        "problems.html",
        "demo/index.html",
        "demo/2022.html",
        "demo/2023.html",
    }
    rows, records, *_ = sample_inputs()
    assert sorted(page_paths(rows, records)) == sorted(site)


def test_render__script_in_a_clause_is_escaped(site):
    page = site["demo/2022.html"]
    assert "<script>alert(" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert page.count("<script>") == 1  # ours, inlined once


def test_render__markup_in_names_notes_and_problems_is_escaped():
    rows, records, problems, quarantined, meta = sample_inputs()
    rows[0] = replace(rows[0], indicator="<b>GDP</b>", note='<img src=x onerror="alert(1)">', reviewed=True)
    problems = [Problem(file="<i>f</i>", reason="<script>x</script>", action="a & b", stage="read")]
    meta.region_names["demo"] = "<em>示例</em>"
    meta.methodology.append({"title": "<h1>t</h1>", "text": "<script>bad()</script>"})
    quarantined = [{"rule": "<u>r</u>", "column": "value", "value": "<svg onload=x>", "clause": "<a href=y>"}]
    site = render_site(rows, records, problems, quarantined, meta)
    assert "&lt;b&gt;GDP&lt;/b&gt;" in site["demo/2022.html"] and "&lt;em&gt;示例" in site["index.html"]
    assert "&lt;script&gt;x&lt;/script&gt;" in site["problems.html"]
    for page in site.values():
        for bad in (
            "<b>GDP",
            "<img src=x",
            "<i>f</i>",
            "<script>x",
            "<em>示例",
            "<h1>t",
            "<script>bad",
            "<u>r",
            "<svg onload",
            "<a href=y",
        ):
            assert bad not in page


def test_render__badges_carry_words_in_both_languages(site):
    page = site["demo/2022.html"]
    for zh, en in (
        ("完成", "met"),
        ("超额完成", "exceeded"),
        ("未完成", "missed"),
        ("未报告", "not reported"),
        ("定性", "qualitative"),
    ):
        assert re.search(rf'class="badge s-[a-z_]+">.*?{zh} <span class="en">{en}</span>', page)
    assert "待评估" in site["demo/2023.html"] and "pending" in site["demo/2023.html"]


def test_render__headline_rows_first_then_report_order(site):
    ids = [row_id for row_id, _ in rows_of(site["demo/2022.html"])]
    assert ids == ["gdp", "urban_jobs", "cpi", "unemployment", "industry", "income", "t-school", "t-housing"]


def test_render__each_row_has_a_permalink(site):
    page = site["demo/2022.html"]
    for row_id, _ in rows_of(page):
        assert f'href="#{row_id}"' in page


def test_render__scorecard_top_has_headline_share_and_links(site):
    page = site["demo/2022.html"]
    assert (
        "2022年主要预期目标: 6 项中 3 项完成 (其中 1 项超额), 1 项未完成, 1 项未报告, 1 项为定性目标" in page
    )
    assert 'data-rate-scope="headline"' in page and ">75%<" in page  # 2 met + 1 exceeded of 4 judged
    assert "<b>1</b> 项未报告" in page  # beside the rate, not in it
    assert 'href="../methodology.html"' in page and 'href="../validation/index.html"' in page
    assert 'data-status-filter="not_reported"' in page


def test_render__evidence_shows_file_section_and_offsets(site):
    page = site["demo/2022.html"]
    assert "data/raw/demo/2022.txt · 二、2022年工作安排 · 字符 chars 120–132" in page
    assert 'href="../text/demo/2023.txt#:~:text=' in page
    assert "人工复核" in page and "reviewer 王" in page
    assert "相似度 similarity 71" in page and "非判定" in page
    assert "预计" in page and "力争 8%" in page


def test_render__index_counts_share_and_links(site):
    page = site["index.html"]
    assert 'href="demo/2022.html"' in page and 'href="demo/2023.html"' in page
    assert 'href="problems.html"' in page and "2 条" in page
    assert "2026-11-27T09:00:00+08:00" in page
    assert "未评估" in page  # 2023: all pending, no denominator: words, not a dash that reads as a bar


def test_render__footer_stamps_version_and_checksums(site):
    card = site["demo/2022.html"]
    assert "0.1.0+sample" in card and "aaaaaaaaaaaa" in card and "bbbbbbbbbbbb" in card
    assert "cccccccccccc" not in card  # only files used on this page
    assert "cccccccccccc" in site["index.html"]


def test_render__pages_are_self_contained(site):
    for path, page in site.items():
        assert not re.search(r'(src|href)\s*=\s*["\']?(https?:)?//', page), path
        assert '<link rel="stylesheet"' not in page
        assert "Content-Security-Policy" in page


def test_render__region_page_has_charts_results_and_pending(site):
    page = site["demo/index.html"]
    assert page.count('<svg class="chart"') >= 3
    assert "城镇新增就业12.06万人" in page  # a reported result from the latest report
    assert "多年 2018-2022" in page  # multi-year aggregates are labelled
    assert "待评估的目标" in page and 'href="2023.html#gdp"' in page


def test_render__problems_page_is_friendly_when_empty():
    rows, records, _, _, meta = sample_inputs()
    page = render_site(rows, records, [], [], meta)["problems.html"]
    assert "没有问题" in page and "所有记录均通过校验" in page


def test_render__empty_inputs_still_render():
    site = render_site([], [], [], [], SiteMeta(generated_at="t", code_version="v"))
    assert set(site) == {"index.html", "methodology.html", "problems.html"}
    assert "还没有可显示的报告" in site["index.html"]


def test_render__unsafe_region_slug_is_replaced():
    rows = [replace(r, region="../evil") for r in sample_rows()]
    site = render_site(rows, [], [], [], SiteMeta(generated_at="t", code_version="v"))
    assert all(".." not in path for path in site)
    assert safe_slug("national") == "national" and safe_slug("../x").startswith("r-")


def test_judged_rate__not_reported_pending_and_qualitative_stay_out():
    rate = judged_rate(status_counts(sample_rows()))
    assert (rate["text"], rate["done"], rate["judged"]) == ("67%", 4, 6)  # 3 met + 1 exceeded of 6 judged
    assert rate["not_reported"] == 1  # counted beside the rate, not in it
    assert judged_rate({"pending": 3, "qualitative": 1, "not_reported": 2})["text"] == "—"
    assert judged_rate({"met": 1, "missed": 1, "not_reported": 5})["text"] == "50%"


def test_rates_view__leads_with_headline_outcomes_and_counts_allocations_apart():
    rows = [r for r in sample_rows() if r.period_year == 2022]
    deficit = replace(rows[3], indicator="赤字率", canonical=None, headline=False, target_clause="赤字率拟按3%安排",
                      commitment_type="")
    deficit.__post_init__()
    assert deficit.commitment_type == "allocation"
    rates = rates_view(scope_counts([*rows, deficit]))
    lead = rates["lead"]
    assert lead["scope"] == "headline" and lead["label_zh"] == "主要目标完成率"
    assert (lead["text"], lead["done"], lead["judged"], lead["not_reported"]) == ("75%", 3, 4, 1)
    assert rates["allocation"]["total"] == 1 and rates["allocation"]["not_reported"] == 1
    assert rates["outcome"]["total"] == len(rows)  # the allocation is in no rate
    no_headline = rates_view(scope_counts([replace(r, headline=False) for r in rows]))
    assert no_headline["lead"]["scope"] == "outcome" and no_headline["lead"]["label_zh"] == "目标完成率"


def test_headline_sentence__counts_headline_targets_only():
    rows = [r for r in sample_rows() if r.period_year == 2022]
    zh, en = headline_sentence(2022, rows)
    assert zh.startswith("2022年主要预期目标: 6 项中 3 项完成")
    assert en == "6 headline targets: 3 met, 1 missed, 1 not reported, 1 qualitative."
    zh, _ = headline_sentence(2022, [replace(r, headline=False) for r in rows])
    assert zh.startswith("2022年目标: 8 项中")


def test_format__numbers_gaps_and_targets():
    assert fmt_num(5.2 - 5.0) == "0.2" and fmt_num(1206.0) == "1206" and fmt_num(-0.0) == "0"
    assert fmt_gap(-2.5, "%") == "-2.5 个百分点" and fmt_gap(106, "万人") == "+106万人"
    row = sample_rows()[7]
    assert target_as_written(replace(row, target_text="")) == "3000–3500套"
    assert split_source("a/b.txt#12-30") == ("a/b.txt", 12, 30)
    assert split_source("a/b.txt") == ("a/b.txt", None, None)


def test_csv_bytes__bom_columns_and_empty_cells():
    data = csv_bytes(
        [{"a": None, "b": 1.0, "c": "中文", "d": True, "extra": 1}, {"a": 0.25}], ["a", "b", "c", "d"]
    )
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert table == [["a", "b", "c", "d"], ["", "1", "中文", "true"], ["0.25", "", "", ""]]


def test_csv_bytes__formula_like_text_is_defused_but_numbers_are_not():
    data = csv_bytes([{"a": "=HYPERLINK(1)", "b": "-2.5", "c": -2.5}], ["a", "b", "c"])
    assert data.decode("utf-8-sig").splitlines()[1] == "'=HYPERLINK(1),-2.5,-2.5"


def test_data_files__stable_columns():
    rows, records, problems, quarantined, _ = sample_inputs()
    files = data_files(rows, records, problems, quarantined)
    header = files["data/scorecard.csv"].decode("utf-8-sig").splitlines()[0]
    # stable ones first, then added: region (issue 9), 民生实事 (issue 14), headline and type (issue 17)
    assert header == ",".join(SCORECARD_COLUMNS) + (
        ",region_name,region_level,programme,programme_item,programme_claimed,headline,commitment_type"
    )
    assert files["data/commitments.csv"].decode("utf-8-sig").splitlines()[0] == ",".join(
        (*COMMITMENT_COLUMNS, "region_name", "region_level"))
    assert files["data/quarantine.csv"].decode("utf-8-sig").startswith("rule,column,value,source")


def test_text_blocks__paragraphs_and_bullets():
    blocks = text_blocks("Rule.\n- one\n- two\n\nNext para")
    assert [(b["kind"], b["items"]) for b in blocks] == [
        ("p", ["Rule."]),
        ("ul", ["one", "two"]),
        ("p", ["Next para"]),
    ]


def test_render__methodology_lists_every_supplied_rule(site):
    page = site["methodology.html"]
    assert "“左右”的容差 Tolerance for 左右" in page and "<li>默认容差: 0.5 个百分点</li>" in page
    assert "上限类指标 Ceilings" in page


def test_iter_site__same_pages_in_the_same_order_as_render_site():
    from reports.render import iter_site

    inputs = sample_inputs()
    assert list(iter_site(*inputs)) == list(render_site(*inputs).items())


def test_region_pages__regions_rendered_apart_give_the_same_pages():
    from reports.render import overview_pages, region_pages

    rows, records, problems, quarantined, meta = sample_inputs()
    def moved(source: str | None) -> str | None:
        return source and source.replace("demo", "zz")

    rows = rows + [replace(r, region="zz", target_source=moved(r.target_source), result_source=moved(r.result_source))
                   for r in rows]
    records = records + [replace(r, region="zz", source=r.source.replace("demo", "zz")) for r in records]
    whole = render_site(rows, records, problems, quarantined, meta)
    count = len(problems) + len(quarantined)
    apart = dict(overview_pages(rows, records, problems, quarantined, meta))
    for region in ("demo", "zz"):
        mine = [r for r in rows if r.region == region], [r for r in records if r.region == region]
        apart.update(region_pages(*mine, meta, count))
    assert apart == whole and "zz/index.html" in apart


def test_render__region_page_links_to_the_comparison_pages(site):
    page = site["demo/index.html"]
    assert 'href="../compare/' in page and 'href="../data.html"' in page


def test_render__claimed_item_is_captioned_as_a_claim_and_programme_method_is_labelled():
    """A 民生实事 item covered only by the list's blanket claim shows the claim under its own caption,
    never as the item's result; an item judged by its own figure names the method in Chinese first."""
    rows, records, problems, quarantined, meta = sample_inputs()
    judged = next(r for r in rows if r.result_clause and r.status in ("met", "exceeded", "missed"))
    claimed = replace(judged, programme="民生实事", programme_item=1, programme_claimed=True, status="not_reported",
                      match_method="", row_id="t-claimed")
    item = replace(judged, programme="民生实事", programme_item=2, match_method="programme", row_id="t-item")
    site = render_site([claimed, item], records, problems, quarantined, meta)
    page = site[f"{judged.region}/{judged.period_year}.html"]
    row_of = {m.group(1): m.group(0) for m in re.finditer(r'<tr id="(t-\w+)".*?</tr>', page, re.S)}
    assert "整体声称完成，非逐项数字" in row_of["t-claimed"] and "· 结果 result" not in row_of["t-claimed"]
    assert "· 结果 result" in row_of["t-item"] and "民生实事 item" in row_of["t-item"]
