"""Render the static site: scorecards, region pages, index, methodology and problems, as strings.

Pure: `render_site` returns {relative path: page text} and `iter_site` yields the same pages one by
one; the caller (flows) writes the files. `region_pages` and `overview_pages` split the site into the
pages of some regions and the three site-wide ones, so regions can be rendered apart. Pages are
self-contained (CSS and JS inlined, SVG drawn here, no network), Chinese first with English labels.
Jinja autoescape is on for everything: a report that contains `<script>` shows it as text. A
Content-Security-Policy pinned to the hashes of our own inline style and script backs that up.
"""

from __future__ import annotations

import base64
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from extractors.records import Commitment, Problem
from reports import pages
from scoring.scorecard import ScoreRow


@dataclass
class SiteMeta:
    """What the pages stamp and explain but cannot work out from the records."""

    generated_at: str
    code_version: str
    inputs: dict[str, str] = field(default_factory=dict)  # source path -> sha256 of the raw bytes
    validation_index: str | None = None  # relative link to the GX Data Docs, e.g. "validation/index.html"
    # [{title, text}], e.g. scoring.judge.describe_rules(); shown on methodology.html
    methodology: list[dict] = field(default_factory=list)
    region_names: dict[str, str] = field(default_factory=dict)  # slug -> display name


class _Environment(Environment):
    """Looks up `x.name` in a dict first: the pages' views are dicts, and Jinja's default tries the
    attribute first, raising and catching AttributeError for each of ~5 M lookups at 1,500 regions.
    (No template calls a dict method such as `.items()`; a view key of that name would now win.)"""

    def getattr(self, obj, attribute):
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = _Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


@lru_cache(maxsize=1)
def _assets() -> tuple[Markup, Markup, str]:
    """(css, js, CSP header value). The CSP allows exactly these two inline blocks and nothing else."""
    static = resources.files("reports") / "static"
    css = static.joinpath("site.css").read_text(encoding="utf-8")
    js = static.joinpath("site.js").read_text(encoding="utf-8")

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"

    csp = (
        f"default-src 'none'; style-src {digest(css)}; script-src {digest(js)}; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    return Markup(css), Markup(js), csp


def render_site(
    rows: list[ScoreRow],
    records: list[Commitment],
    problems: list[Problem],
    quarantined: list[dict],
    meta: SiteMeta,
) -> dict[str, str]:
    """Every page of the site, keyed by its path relative to the site root."""
    return dict(iter_site(rows, records, problems, quarantined, meta))


def iter_site(
    rows: Sequence[ScoreRow],
    records: Sequence[Commitment],
    problems: Sequence[Problem],
    quarantined: Sequence[dict],
    meta: SiteMeta,
) -> Iterator[tuple[str, str]]:
    """(path, page) for every page, one at a time: a caller that writes each page as it comes never
    holds the whole site (at 1,500 regions ~330 M characters) in memory."""
    index, methodology, problems_page = overview_pages(rows, records, problems, quarantined, meta)
    yield index
    yield from region_pages(rows, records, meta, len(problems) + len(quarantined))
    yield methodology
    yield problems_page


def overview_pages(
    rows: Sequence[ScoreRow],
    records: Sequence[Commitment],
    problems: Sequence[Problem],
    quarantined: Sequence[dict],
    meta: SiteMeta,
) -> tuple[tuple[str, str], tuple[str, str], tuple[str, str]]:
    """The three site-wide pages: index.html, methodology.html and problems.html."""
    entries, counts, total = index_part(rows, records, meta)
    return (index_page(entries, counts, total, problems, quarantined, meta),
            *notes_pages(problems, quarantined, meta))


def index_part(
    rows: Sequence[ScoreRow], records: Sequence[Commitment], meta: SiteMeta
) -> tuple[list[dict], dict[str, int], int]:
    """What the index needs from these regions: their entries, status counts and row count (parts of
    the regions rendered apart add these up, in region order, for `index_page`)."""
    by_region, records_by_region = _by_region(rows), _by_region(records)
    regions = sorted(set(by_region) | set(records_by_region))
    return pages.index_entries(regions, by_region, records_by_region, meta), pages.status_counts(rows), len(rows)


def index_page(
    entries: list[dict], counts: dict[str, int], total: int, problems: Sequence[Problem],
    quarantined: Sequence[dict], meta: SiteMeta,
) -> tuple[str, str]:
    render = _Renderer(meta, len(problems) + len(quarantined))
    return "index.html", render("index.html", "", pages.index_page_context(entries, counts, total, meta))


def notes_pages(
    problems: Sequence[Problem], quarantined: Sequence[dict], meta: SiteMeta
) -> tuple[tuple[str, str], tuple[str, str]]:
    """methodology.html and problems.html."""
    render = _Renderer(meta, len(problems) + len(quarantined))
    return (
        ("methodology.html", render("methodology.html", "", pages.methodology_context(meta))),
        ("problems.html", render("problems.html", "", pages.problems_context(problems, quarantined, meta))),
    )


def region_pages(
    rows: Sequence[ScoreRow], records: Sequence[Commitment], meta: SiteMeta, problem_count: int
) -> Iterator[tuple[str, str]]:
    """(path, page) for each region of `rows` and `records`: its index and one scorecard per year.

    A region's pages need only that region's rows and records, so regions can be rendered apart
    (e.g. in parallel); `problem_count` is the site-wide count every page's header shows.
    """
    render = _Renderer(meta, problem_count)
    by_region, records_by_region = _by_region(rows), _by_region(records)
    sources = pages.SourceIndex(records)
    for region in sorted(set(by_region) | set(records_by_region)):
        slug = pages.safe_slug(region)
        region_rows, region_records = by_region.get(region, []), records_by_region.get(region, [])
        yield f"{slug}/index.html", render(
            "region.html", "../", pages.region_context(region, region_rows, region_records, meta, sources)
        )
        for year in sorted({r.period_year for r in region_rows}):
            year_rows = [r for r in region_rows if r.period_year == year]
            context = pages.scorecard_context(region, year, year_rows, region_records, meta, sources)
            yield f"{slug}/{year}.html", render("scorecard.html", "../", context)


def _by_region(items: Iterable[ScoreRow | Commitment]) -> dict[str, list]:
    grouped: dict[str, list] = defaultdict(list)
    for item in items:
        grouped[item.region].append(item)
    return grouped


class _Renderer:
    """Renders a template with what every page shares (stamps, inlined assets, problem count)."""

    def __init__(self, meta: SiteMeta, problem_count: int) -> None:
        css, js, csp = _assets()
        self.env, self.meta = _env(), meta
        self.common = {"meta": meta, "css": css, "js": js, "csp": csp, "problem_count": problem_count}

    def __call__(self, template: str, root: str, context: dict) -> str:
        index = self.meta.validation_index
        validation = (root + index) if index else ""
        return self.env.get_template(template).render(
            **self.common, **context, root=root, validation_href=validation
        )


def page_paths(rows: Sequence[ScoreRow], records: Sequence[Commitment]) -> list[str]:
    """The pages render_site will produce for these inputs (for callers that plan or clean up)."""
    regions = {r.region for r in rows} | {r.region for r in records}
    paths = ["index.html", "methodology.html", "problems.html"]
    for region in sorted(regions):
        slug = pages.safe_slug(region)
        paths.append(f"{slug}/index.html")
        paths += [f"{slug}/{y}.html" for y in sorted({r.period_year for r in rows if r.region == region})]
    return paths
