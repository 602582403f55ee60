"""Small inline SVG charts: one headline indicator over the years, target (band) against actual.

Drawn in Python so a page needs no script or library to show them and prints them as vectors. Every
piece of text that came from a report goes through `escape`; the result is `Markup` for the template.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from reports.view import STATUS_LABELS, fmt_num, fmt_value, target_as_written
from scoring.scorecard import ScoreRow

WIDTH, HEIGHT = 360, 160
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 22, 24  # TOP leaves the unit label a line of its own above the top tick
YEAR_LABEL_WIDTH = 30  # a 4-digit year label at the ticks' font size, with a gap: fewer labels when slots are narrower


@dataclass
class Point:
    year: int
    low: float | None
    high: float | None
    comparator: str
    stretch: float | None
    actual: float | None
    status: str
    label: str  # the plain-text reading of this year, also shown under the chart


def actual_in_target_unit(row: ScoreRow) -> float | None:
    """gap = actual − target in the target's unit, so target + gap is the actual on the target's scale."""
    if row.target_value is not None and row.gap is not None:
        return row.target_value + row.gap
    if row.actual_value is not None and row.actual_unit == row.target_unit:
        return row.actual_value
    return None


def points_for(rows: Sequence[ScoreRow]) -> list[Point]:
    points = []
    for row in sorted(rows, key=lambda r: r.period_year):
        zh, en, _ = STATUS_LABELS.get(row.status, (row.status, row.status, ""))
        actual = fmt_value(row.actual_value, row.actual_unit) or "—"
        est = " (预计)" if row.estimated else ""
        label = f"{row.period_year}: 目标 {target_as_written(row) or '—'} · 实际 {actual}{est} · {zh} {en}"
        points.append(
            Point(
                year=row.period_year,
                low=row.target_value,
                high=row.target_value_high if row.comparator == "range" else None,
                comparator=row.comparator,
                stretch=row.stretch,
                actual=actual_in_target_unit(row),
                status=row.status,
                label=label,
            )
        )
    return points


def _nice_step(span: float) -> float:
    raw = span / 3 or 1.0
    power = 10 ** math.floor(math.log10(raw))
    for mult in (1, 2, 2.5, 5, 10):
        if raw <= mult * power:
            return mult * power
    return 10 * power


def _scale(points: Sequence[Point]) -> tuple[float, float, float]:
    values = [v for p in points for v in (p.low, p.high, p.stretch, p.actual) if v is not None]
    lo, hi = min(values + [0.0]), max(values + [0.0])
    if hi == lo:
        hi = lo + 1
    step = _nice_step(hi - lo)
    return math.floor(lo / step) * step, math.ceil(hi * 1.05 / step) * step, step


def line_chart(points: Sequence[Point], title: str, unit: str | None, chart_id: str) -> Markup:
    """The SVG for one indicator; empty Markup when there is nothing numeric to draw."""
    if not any(p.low is not None or p.actual is not None for p in points):
        return Markup("")
    lo, hi, step = _scale(points)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y(v: float) -> float:
        return round(TOP + plot_h * (hi - v) / (hi - lo), 1)

    slot = plot_w / max(len(points), 1)
    xs = [round(LEFT + slot * (i + 0.5), 1) for i in range(len(points))]
    out = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{chart_id}-t">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
    ]
    tick = lo
    while tick <= hi + step / 1000:
        out.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick)}" y2="{y(tick)}"/>')
        out.append(
            f'<text class="tick" x="{LEFT - 6}" y="{y(tick) + 3}" text-anchor="end">{fmt_num(tick)}</text>'
        )
        tick += step
    if unit:
        out.append(f'<text class="tick unit" x="4" y="{TOP - 10}">{escape(unit)}</text>')
    trend = [(x, p.actual) for x, p in zip(xs, points, strict=True) if p.actual is not None]
    if len(trend) > 1:
        path = " ".join(f"{x},{y(v)}" for x, v in trend)
        out.append(f'<polyline class="trend" points="{path}"/>')
    every = max(1, math.ceil(YEAR_LABEL_WIDTH / slot))  # label every n-th year, always the latest
    half = min(14.0, round(slot * 0.4, 1))
    for i, (x, p) in enumerate(zip(xs, points, strict=True)):
        labelled = (len(points) - 1 - i) % every == 0
        out.append(_year_marks(x, p, y, HEIGHT - 6 if labelled else None, half))
    out.append("</svg>")
    return Markup("".join(out))


def _year_marks(x: float, p: Point, y, label_y: float | None, half: float = 14.0) -> str:
    """One year's target, stretch and actual marks (`half`: half a target bar's width), and its label
    under the axis unless `label_y` is None (many years: only every n-th is labelled)."""
    parts = [f"<g><title>{escape(p.label)}</title>"]
    if p.low is not None and p.high is not None:
        top, bottom = y(max(p.low, p.high)), y(min(p.low, p.high))
        parts.append(
            f'<rect class="band" x="{x - half}" y="{top}" width="{2 * half}" height="{max(bottom - top, 2)}"/>'
        )
    elif p.low is not None:
        ty = y(p.low)
        parts.append(f'<line class="target" x1="{x - half}" x2="{x + half}" y1="{ty}" y2="{ty}"/>')
        if p.comparator == "min":
            parts.append(
                f'<path class="target-dir" d="M{x - 4},{ty - 3} L{x + 4},{ty - 3} L{x},{ty - 8} Z"/>'
            )
        elif p.comparator == "max":
            parts.append(
                f'<path class="target-dir" d="M{x - 4},{ty + 3} L{x + 4},{ty + 3} L{x},{ty + 8} Z"/>'
            )
    if p.stretch is not None:
        sy = y(p.stretch)
        parts.append(f'<line class="stretch" x1="{x - half}" x2="{x + half}" y1="{sy}" y2="{sy}"/>')
    if p.actual is not None:
        radius = min(5.0, max(2.5, round(half * 0.5, 1)))
        parts.append(f'<circle class="dot s-{escape(p.status)}" cx="{x}" cy="{y(p.actual)}" r="{radius}"/>')
    if label_y is not None:
        parts.append(f'<text class="year" x="{x}" y="{label_y}" text-anchor="middle">{p.year}</text>')
    parts.append("</g>")
    return "".join(parts)
