"""compare/<indicator>.html's chart: one year's targets of one indicator across regions, each a dot
(a range a bar) on a common axis, the level above's target as a dashed line; drawn in Python as
inline SVG (no script; prints as vectors). Text from reports goes through `escape`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from markupsafe import Markup, escape

from reports.charts import _nice_step

ROW, LEFT, RIGHT, TOP, BOTTOM, WIDTH = 22, 118, 16, 10, 26, 560
STATUS_FILL = {"met": "#17663a", "exceeded": "#0a5c55", "missed": "#a3271f", "not_reported": "#8a5a00"}


def _axis(values: Sequence[float]) -> tuple[float, float, float]:
    low, high = min(values), max(values)
    step = _nice_step(high - low or abs(high) or 1.0)
    start, end = math.floor(low / step) * step, math.ceil(high / step) * step
    if low - start < step / 4:
        start -= step
    if end - high < step / 4:
        end += step
    return start, end, step


def strip_chart(rows: Sequence[dict], reference: float | None, unit: str, label: str) -> Markup:
    """rows: {name, value, high, status, text} with a number; `reference`: the level above's target."""
    values = [v for r in rows for v in (r["value"], r["high"]) if v is not None]
    if reference is not None:
        values.append(reference)
    if not values:
        return Markup("")
    start, end, step = _axis(values)
    height = TOP + ROW * len(rows) + BOTTOM

    def x(v: float) -> float:
        return LEFT + (v - start) / (end - start) * (WIDTH - LEFT - RIGHT)

    parts = [f'<svg class="strip" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(label)}">',
             f"<title>{escape(label)}</title>"]
    tick = start
    while tick <= end + step / 2:
        parts.append(f'<line x1="{x(tick):.1f}" x2="{x(tick):.1f}" y1="{TOP}" y2="{height - BOTTOM}" class="grid"/>'
                     f'<text x="{x(tick):.1f}" y="{height - 8}" text-anchor="middle" class="tick">{tick:g}{escape(unit)}</text>')
        tick += step
    if reference is not None:
        parts.append(f'<line x1="{x(reference):.1f}" x2="{x(reference):.1f}" y1="{TOP - 4}" y2="{height - BOTTOM}" '
                     f'class="ref"><title>上级目标 level above {reference:g}{escape(unit)}</title></line>')
    for i, row in enumerate(rows):
        y = TOP + ROW * i + ROW / 2
        fill = STATUS_FILL.get(row["status"], "#555")
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" class="name">{escape(row["name"])}</text>')
        if row["high"] is not None:
            parts.append(f'<line x1="{x(row["value"]):.1f}" x2="{x(row["high"]):.1f}" y1="{y:.1f}" y2="{y:.1f}" '
                         f'stroke="{fill}" stroke-width="6"/>')
        else:
            parts.append(f'<circle cx="{x(row["value"]):.1f}" cy="{y:.1f}" r="5" fill="{fill}"/>')
        parts.append(f'<text x="{x(row["high"] if row["high"] is not None else row["value"]) + 9:.1f}" '
                     f'y="{y + 4:.1f}" class="val">{escape(row["text"])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
