"""The rendered pages in Debian's headless chromium: filters, search, URL state, no console errors.

Loads a synthetic site from file:// (the way a journalist opens a downloaded site). Skipped when
/usr/bin/chromium is missing, except under CI (env CI set), where that is a failure.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reports.render import render_site
from reports.sample import sample_inputs

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("site")
    for rel, text in render_site(*sample_inputs()).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(f"console: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    page.on(
        "request",
        lambda req: None if req.url.startswith(("file:", "data:")) else errors.append(f"network: {req.url}"),
    )  # self-contained: nothing leaves the machine
    page.errors = errors
    yield page
    context.close()


def visible_statuses(page) -> list[str]:
    return page.eval_on_selector_all(
        "#scorecard tbody tr.row", "rows => rows.filter(r => !r.hidden).map(r => r.dataset.status)"
    )


def test_pages__index_loads_without_console_errors(site, page):
    page.goto((site / "index.html").as_uri())
    assert "示例市" in page.text_content("main")
    page.click("a[href='demo/2022.html']")
    page.wait_for_url("**/demo/2022.html")
    assert page.is_visible("#scorecard")
    assert page.errors == []


def test_pages__status_filter_shows_only_that_status_and_url_keeps_it(site, page):
    page.goto((site / "demo" / "2022.html").as_uri())
    assert len(visible_statuses(page)) == 8
    page.click("button[data-status-filter='missed']")
    shown = visible_statuses(page)
    assert shown and set(shown) == {"missed"}
    assert "status=missed" in page.url
    assert page.text_content("#shown") == str(len(shown))

    page.fill("#q", "保障性住房")
    assert visible_statuses(page) == ["missed"]
    assert "q=" in page.url and "status=missed" in page.url

    page.reload()  # the same URL shows the same view
    assert visible_statuses(page) == ["missed"]
    assert page.input_value("#q") == "保障性住房"
    assert page.get_attribute("button[data-status-filter='missed']", "aria-pressed") == "true"
    assert page.errors == []


def test_pages__not_reported_filter_and_empty_search(site, page):
    page.goto((site / "demo" / "2022.html").as_uri() + "?status=not_reported")
    assert visible_statuses(page) == ["not_reported"]
    page.fill("#q", "no such indicator anywhere")
    assert visible_statuses(page) == []
    assert page.is_visible("#empty")
    page.click("button[data-status-filter='']")
    page.fill("#q", "")
    assert len(visible_statuses(page)) == 8
    assert page.errors == []


def test_pages__sorting_by_status_puts_missed_first(site, page):
    page.goto((site / "demo" / "2022.html").as_uri())
    page.click("th[data-key='status'] button")
    assert visible_statuses(page)[:2] == ["missed", "missed"]
    assert page.get_attribute("th[data-key='status']", "aria-sort") == "ascending"
    assert page.errors == []


def test_pages__markup_in_a_clause_stays_text(site, page):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto((site / "demo" / "2022.html").as_uri())
    assert "<script>alert('x')</script>" in page.text_content("#t-housing")
    assert dialogs == []
    assert page.errors == []


def test_pages__phone_width_collapses_evidence(site, browser):
    context = browser.new_context(viewport={"width": 400, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto((site / "demo" / "2022.html").as_uri())
    assert page.eval_on_selector_all("details.evidence", "ds => ds.every(d => !d.open)")
    assert errors == []
    context.close()


@pytest.mark.parametrize("rel", ["demo/index.html", "methodology.html", "problems.html", "demo/2023.html"])
def test_pages__other_pages_load_cleanly(site, page, rel):
    page.goto((site / rel).as_uri())
    assert page.is_visible("footer.site")
    assert page.errors == []
