"""The comparison pages: compare/<year>.html (every region that reported that year × the headline
indicators, each target against the level above's) and data.html (the downloads and the panel's
columns, one by one).

Pure: panel rows (reports.panel.with_references) in, (path, page) out. Regions are grouped by level
and parent; each group's parent, when it reported, sits on top of the group as the reference row.
The page's own script (static/compare.js: sort, filter by level and parent, search, the URL keeps
the view) and styles are appended to the site's, under their own Content-Security-Policy digest.
"""

from __future__ import annotations

import base64
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from importlib import resources

from markupsafe import Markup

from regions.levels import LEVEL_ORDER, LEVEL_ZH
from regions.registry import load_registry
from reports.panel import PANEL_COLUMNS, point
from reports.view import STATUS_LABELS

VS_LABELS = {"above": ("▲", "高于", "above"), "equal": ("=", "持平", "equal"), "below": ("▼", "低于", "below")}
JUDGED = {"met", "exceeded", "missed", "not_reported"}


def _level_rank(level: str | None) -> int:
    return LEVEL_ORDER.index(level) if level in LEVEL_ORDER else len(LEVEL_ORDER)


def indicators(rows: Sequence[dict]) -> list[dict]:
    """The year's indicators as columns: the most widely set first (then first seen), with the
    name the reports most often use."""
    regions: dict[str, set] = defaultdict(set)
    names: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    first: dict[str, int] = {}
    for i, row in enumerate(rows):
        key = row["indicator"]
        regions[key].add(row["region"])
        names[key][row["indicator_as_written"]] += 1
        first.setdefault(key, i)
    order = sorted(regions, key=lambda k: (-len(regions[k]), first[k]))
    return [{"key": k, "name": max(names[k], key=lambda n: (names[k][n], -len(n)))} for k in order]


def cell(row: dict | None) -> dict | None:
    """One region's target of one indicator as the page shows it."""
    if row is None:
        return None
    status = row.get("status") or ""
    zh, en, glyph = STATUS_LABELS.get(status, (status, status, ""))
    vs = row.get("vs_reference") or ""
    mark = VS_LABELS.get(vs)
    value = point(row.get("target_value"), row.get("target_value_high"))
    return {"text": row.get("target_text") or "", "sort": "" if value is None else repr(float(value)),
            "judged": status in JUDGED, "status": status, "zh": zh, "en": en, "glyph": glyph,
            "actual": _number(row.get("actual_value"), row.get("actual_unit")),
            "vs": vs, "vs_glyph": mark[0] if mark else "", "vs_zh": mark[1] if mark else "",
            "vs_en": mark[2] if mark else "", "reference": row.get("reference_value")}


def _number(value: float | None, unit: str | None) -> str:
    if value is None:
        return ""
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return text + (unit or "")


def year_context(year: int, rows: Sequence[dict]) -> dict:
    """compare/<year>.html's view: indicators, and the groups (level, parent) with their reference row."""
    registry = load_registry()
    columns = indicators(rows)
    by_region: dict[str, dict[str, dict]] = defaultdict(dict)
    info: dict[str, dict] = {}
    for row in rows:
        by_region[row["region"]].setdefault(row["indicator"], row)
        info.setdefault(row["region"], row)

    def line(slug: str) -> dict:
        row = info[slug]
        region = registry.get(slug)
        return {"slug": slug, "name": registry.full_name(region) if region else slug,
                "level": row.get("region_level") or "", "level_zh": LEVEL_ZH.get(row.get("region_level") or "", ""),
                "parent": row.get("region_parent") or "",
                "cells": [cell(by_region[slug].get(c["key"])) for c in columns]}

    groups: dict[tuple, list[str]] = defaultdict(list)
    for slug, row in info.items():
        groups[(_level_rank(row.get("region_level")), row.get("region_parent") or "")].append(slug)
    out = []
    for (_rank, parent), slugs in sorted(groups.items()):
        parent_region = registry.get(parent) if parent else None
        parent_name = registry.full_name(parent_region) if parent_region else parent
        level = info[slugs[0]].get("region_level") or ""
        out.append({"level": level, "level_zh": LEVEL_ZH.get(level, level), "parent": parent,
                    "parent_name": "全国" if parent == "national" else parent_name,
                    "reference": line(parent) if parent in info else None,
                    "regions": [line(s) for s in sorted(slugs)]})
    parents = sorted({(g["parent"], g["parent_name"]) for g in out if g["parent"]})
    levels = [(lv, LEVEL_ZH.get(lv, lv)) for lv in sorted({g["level"] for g in out}, key=_level_rank)]
    return {"title": f"{year}年各地区目标对照 Compare regions", "footer_inputs": [],
            "year": year, "columns": columns, "groups": out, "parents": parents, "levels": levels,
            "count": len(info)}


def pages(panel: Iterable[dict], years: Iterable[int]) -> list[tuple[str, str, dict]]:
    """(path, template, view) of compare/<year>.html for each year (the scorecard's years, so every
    region page's link lands) and of data.html."""
    panel_rows = list(panel)
    by_year: dict[int, list[dict]] = defaultdict(list)
    for row in panel_rows:
        by_year[int(row["year"])].append(row)
    all_years = sorted(set(by_year) | {int(y) for y in years})
    out = [(f"compare/{y}.html", "compare.html", year_context(y, by_year.get(y, []))) for y in all_years]
    names = {c["key"]: c["name"] for c in indicators(list(panel_rows))}
    out += [(f"compare/{key}.html", "compare_indicator.html", indicator_context(key, names[key], panel_rows))
            for key in sorted(names)]
    out.append(("data.html", "data.html", {"title": "数据下载与字段说明 Data", "footer_inputs": [],
                                            "indicators": [{"key": k, "name": names[k]} for k in sorted(names)], "columns": [{"name": k, "meaning": v} for k, v in PANEL_COLUMNS.items()],
                                            "years": all_years}))
    return out


def indicator_context(key: str, name: str, rows: Sequence[dict]) -> dict:
    """compare/<indicator>.html's view: per year (latest first), the regions' targets on one axis
    against the nation's (or the top level's), and the share met once judged."""
    from reports.compare_chart import strip_chart

    registry = load_registry()
    years = []
    by_year: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        if row["indicator"] == key:
            by_year[int(row["year"])].append(row)
    for year in sorted(by_year, reverse=True):
        mine = sorted(by_year[year], key=lambda r: (_level_rank(r.get("region_level")), r["region"]))
        top = mine[0]
        unit = top.get("target_unit") or ""
        charted = [r for r in mine[1:] if r.get("target_value") is not None and (r.get("target_unit") or "") == unit]
        judged = [r for r in mine if r.get("status") in JUDGED]
        met = sum(r["status"] in ("met", "exceeded") for r in judged)
        region = registry.get(top["region"])
        label = f"{year} {name}: {len(charted)} 个地区的目标与{registry.full_name(region) if region else top['region']}的目标"
        svg = strip_chart([{"name": _short(r, registry), "value": r["target_value"], "high": r.get("target_value_high"),
                            "status": r.get("status") or "", "text": r.get("target_text") or ""} for r in charted],
                          top.get("target_value") if top.get("target_value") is not None else None, unit, label)
        years.append({"year": year, "svg": svg if charted else "", "top": cell(top),
                      "top_name": registry.full_name(region) if region else top["region"],
                      "rows": [{"name": _short(r, registry), "cell": cell(r)} for r in mine],
                      "judged": len(judged), "met": met,
                      "share": f"{met / len(judged):.0%}" if judged else ""})
    return {"title": f"{name} · 各地区历年目标 {key}", "footer_inputs": [], "key": key, "name": name, "years": years}


def _short(row: dict, registry) -> str:
    region = registry.get(row["region"])
    return registry.full_name(region) if region else row["region"]


def assets() -> tuple[Markup, Markup, str]:
    """(css, js, CSP): the site's styles and script with the comparison page's appended."""
    static = resources.files("reports") / "static"
    css = "\n".join(static.joinpath(n).read_text(encoding="utf-8") for n in ("site.css", "compare.css"))
    js = "\n".join(static.joinpath(n).read_text(encoding="utf-8") for n in ("site.js", "compare.js"))

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"

    csp = (f"default-src 'none'; style-src {digest(css)}; script-src {digest(js)}; img-src data:; "
           "base-uri 'none'; form-action 'none'")
    return Markup(css), Markup(js), csp


def render(panel: Iterable[dict], years: Iterable[int], meta, problem_count: int) -> list[tuple[str, str]]:
    """(path, html) of the comparison pages and data.html."""
    from reports.render import _env

    css, js, csp = assets()
    env, out = _env(), []
    for path, template, view in pages(panel, years):
        root = "../" if "/" in path else ""
        validation = root + meta.validation_index if meta.validation_index else ""
        out.append((path, env.get_template(template).render(
            meta=meta, css=css, js=js, csp=csp, problem_count=problem_count, root=root,
            validation_href=validation, **view)))
    return out
