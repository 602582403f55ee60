"""Render the static site: scorecards, region pages, index, methodology and problems, as strings.

Pure: `render_site` returns {relative path: page text}; the caller (flows) writes the files. Pages are
self-contained (CSS and JS inlined, SVG drawn here, no network), Chinese first with English labels.
Jinja autoescape is on for everything: a report that contains `<script>` shows it as text. A
Content-Security-Policy pinned to the hashes of our own inline style and script backs that up.
"""

from __future__ import annotations

import base64
import hashlib
from collections import defaultdict
from collections.abc import Sequence
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


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
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
    env = _env()
    css, js, csp = _assets()
    common = {
        "meta": meta,
        "css": css,
        "js": js,
        "csp": csp,
        "problem_count": len(problems) + len(quarantined),
    }
    by_region: dict[str, list[ScoreRow]] = defaultdict(list)
    for row in rows:
        by_region[row.region].append(row)
    records_by_region: dict[str, list[Commitment]] = defaultdict(list)
    for rec in records:
        records_by_region[rec.region].append(rec)
    regions = sorted(set(by_region) | set(records_by_region))
    sources = pages.SourceIndex(records)

    def render(template: str, root: str, context: dict) -> str:
        validation = (root + meta.validation_index) if meta.validation_index else ""
        return env.get_template(template).render(**common, **context, root=root, validation_href=validation)

    site: dict[str, str] = {}
    site["index.html"] = render(
        "index.html", "", pages.index_context(regions, by_region, records_by_region, meta)
    )
    for region in regions:
        slug = pages.safe_slug(region)
        region_rows, region_records = by_region.get(region, []), records_by_region.get(region, [])
        site[f"{slug}/index.html"] = render(
            "region.html", "../", pages.region_context(region, region_rows, region_records, meta, sources)
        )
        for year in sorted({r.period_year for r in region_rows}):
            year_rows = [r for r in region_rows if r.period_year == year]
            context = pages.scorecard_context(region, year, year_rows, region_records, meta, sources)
            site[f"{slug}/{year}.html"] = render("scorecard.html", "../", context)
    site["methodology.html"] = render("methodology.html", "", pages.methodology_context(meta))
    site["problems.html"] = render("problems.html", "", pages.problems_context(problems, quarantined, meta))
    return site


def page_paths(rows: Sequence[ScoreRow], records: Sequence[Commitment]) -> list[str]:
    """The pages render_site will produce for these inputs (for callers that plan or clean up)."""
    regions = {r.region for r in rows} | {r.region for r in records}
    paths = ["index.html", "methodology.html", "problems.html"]
    for region in sorted(regions):
        slug = pages.safe_slug(region)
        paths.append(f"{slug}/index.html")
        paths += [f"{slug}/{y}.html" for y in sorted({r.period_year for r in rows if r.region == region})]
    return paths
