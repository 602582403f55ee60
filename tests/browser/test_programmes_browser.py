"""The 民生实事 block in Debian's headless chromium (issue 14), on a site rendered from the shipped
hunan 2025/2026, tianyuan 2023 and 驻马店市 2019/2020 reports: the programme, the claim with both quotes,
each item's badge, claimed vs verified with its evidence, the index column and screenshots (written to
the test's tmp folder, or DUIXIAN_SHOTS)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from extractors.pipeline import extract_file
from reports.render import SiteMeta, render_site
from scoring.compare import build_scorecard

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(os.environ.get("DUIXIAN_SHOTS", "")) if os.environ.get("DUIXIAN_SHOTS") else None

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    docs, records = [], []
    for rel in ("data/raw/hunan/2025.docx", "data/raw/hunan/2026.txt", "data/raw/tianyuan/2023.txt",
                "data/raw/zhumadian/2019.txt", "data/raw/zhumadian/2020.txt"):
        doc, recs = extract_file(ROOT / rel)
        docs.append(doc)
        records.extend(recs)
    rows = build_scorecard(docs, records).rows
    root = tmp_path_factory.mktemp("programmes-site")
    meta = SiteMeta(generated_at="2026-12-04T00:00:00Z", code_version="test")
    for rel, text in render_site(rows, records, [], [], meta).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    yield page
    context.close()


def _items(page) -> list[dict]:
    return page.eval_on_selector_all(
        "#programmes .programme-items li",
        "els => els.map(e => ({n: e.value, status: e.dataset.status, claimed: !!e.querySelector('.tag.claimed'),"
        " verified: !!e.querySelector('.tag.verified'), text: e.querySelector('.item-text').textContent.trim(),"
        " quote: (e.querySelector('.item-ev blockquote') || {}).textContent || ''}))",
    )


def test_block__claimed_list_items_are_marked_claimed_not_verified(site, page, tmp_path):
    page.goto((site / "hunan" / "2025.html").as_uri())
    block = page.locator("#programmes")
    assert block.is_visible()
    assert "十大重点民生实事" in block.locator("h3").first.text_content()
    outcome = block.locator(".outcome").first.text_content()
    assert "已报告完成" in outcome and "全面完成" in outcome  # the claim, as claimed
    quotes = block.locator(".programme .quote blockquote").all_text_contents()
    assert (
        quotes[0].strip() == "扎实办好“十大重点民生实事”"
        and quotes[1].strip() == "“十大重点民生实事”全面完成"
    )
    items = _items(page)
    assert [i["n"] for i in items] == list(range(1, 11))
    assert items[7]["text"] == "建成150个基层消防站"
    assert all(i["claimed"] != i["verified"] for i in items if i["status"] == "not_reported")
    assert not [i for i in items if i["status"] == "met" and not i["verified"]]
    page.screenshot(path=str((SHOTS or tmp_path) / "programmes-hunan-2025.png"), full_page=True)
    assert page.errors == []


def test_block__pending_items_of_the_voted_list_link_to_their_rows(site, page, tmp_path):
    page.goto((site / "tianyuan" / "2023.html").as_uri())
    items = _items(page)
    assert len(items) == 12 and {i["status"] for i in items} == {"pending"}
    assert [i["text"] for i in items if i["n"] in (5, 8, 9)] == [
        "建设6个“幸福屋场”",
        "新建2座微公园",
        "完成10个老旧小区改造",
    ]
    page.click("#programmes .programme-items li[value='8'] a")
    assert page.url.split("#")[1] and page.locator(f"#{page.url.split('#')[1]}").is_visible()
    earlier = page.locator("#programmes .earlier").text_content()
    assert "22件省、市重点民生实事" in earlier and "10件区人大代表票决实事" in earlier
    page.screenshot(path=str((SHOTS or tmp_path) / "programmes-tianyuan-2023.png"), full_page=False)
    assert page.errors == []


def test_index__programme_column_links_to_the_block(site, page):
    page.goto((site / "index.html").as_uri())
    cells = page.locator("#region-hunan td.programme-col").all_text_contents()
    assert [c.strip() for c in cells] == [
        "十大重点民生实事 · 待评估",
        "十大重点民生实事 · 已报告完成 · 核实 1/10",  # ⑩ 农村公路 3000公里 → 3983公里
    ]
    page.click("#region-hunan td.programme-col a[href='hunan/2025.html#programmes']")
    page.wait_for_url("**/hunan/2025.html#programmes")
    assert page.locator("#programmes").is_visible()
    assert page.errors == []


def test_block__items_judged_one_by_one_quote_the_next_reports_figure(site, page, tmp_path):
    page.goto((site / "zhumadian" / "2019.html").as_uri())
    items = {i["n"]: i for i in _items(page)}
    assert len(items) == 10
    judged = [i for i in items.values() if i["verified"]]
    assert {i["n"] for i in judged} >= {1, 5, 6}
    assert items[5]["status"] == "met" and "改造农村敬老院102所" in items[5]["quote"]
    assert "中小学校31所" in items[1]["quote"]  # not the 幼儿园107所 of the same clause
    for i in items.values():  # claimed items quote the claim, never shown as met
        if i["claimed"]:
            assert i["status"] == "not_reported" and "全面完成" in i["quote"]
    assert page.locator("#programmes .programme-items li[value='5'] .item-ev").first.is_visible()
    page.locator("#programmes").screenshot(path=str((SHOTS or tmp_path) / "programmes-zhumadian-2019.png"))
    assert page.errors == []
