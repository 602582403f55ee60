"""Small inline SVG charts: one headline indicator over the years, target against actual.

Drawn in Python so a page needs no script or library to show them and prints them as vectors. Every
piece of text that came from a report goes through `escape`; the result is `Markup` for the template.

How a year is drawn: a range (`6.5%-7%`) is a band; a point target (`5%左右`, `1100万人以上`) is a bar;
a limit is drawn as such: a ceiling (`3%以内`, or an indicator whose polarity is `ceiling` in the
lexicon, such as 居民消费价格涨幅 or 失业率) is a bar with ▼ over a pale zone below it (where the actual
should stay), a floor (`以上`) a bar with ▲ over a pale zone above it. The actual's mark says the
verdict by shape as well as colour: ● met, ▲ exceeded, ✕ missed; a year without a figure shows `?`
(not reported) or nothing (pending). Many years (a national series of twenty) narrow the marks and
label every other year, so the chart stays one screen wide on a phone.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from reports.view import STATUS_LABELS, fmt_num, fmt_value, target_as_written
from scoring.judge import lexicon_polarity
from scoring.scorecard import ScoreRow

WIDTH, HEIGHT = 360, 160
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 36, 26  # TOP leaves the unit label a line of its own above the top tick
# (also at the larger tick font of long series on phones, site.css `svg.chart.many`)
_MARK = 26  # widest target bar, in viewBox units
_MANY, _MANY_SLOT = 12, 24  # beyond this many years the chart widens to this slot per year, …
_LABEL_GAP = 30  # … and slots narrower than this label every other year with two digits (`04 `06)


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
    limit: str = ""  # "ceiling" | "floor" | "": how the target bounds the actual


def actual_in_target_unit(row: ScoreRow) -> float | None:
    """gap = actual − target in the target's unit, so target + gap is the actual on the target's scale."""
    if row.target_value is not None and row.gap is not None:
        return row.target_value + row.gap
    if row.actual_value is not None and row.actual_unit == row.target_unit:
        return row.actual_value
    return None


def limit_of(row: ScoreRow) -> str:
    """'ceiling' for a target the actual should stay under (以内, or a ceiling indicator such as CPI);
    'floor' for one it should reach (以上); '' for a point or a range."""
    if row.comparator == "range":
        return ""
    if row.comparator == "max" or lexicon_polarity(row.canonical) == "ceiling":
        return "ceiling"
    return "floor" if row.comparator == "min" else ""


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
                limit=limit_of(row),
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


@dataclass
class _Frame:
    """Where things go: the value scale, the plot's top and bottom, a year's slot width."""

    lo: float
    hi: float
    slot: float

    def y(self, v: float) -> float:
        return round(TOP + (HEIGHT - TOP - BOTTOM) * (self.hi - v) / (self.hi - self.lo), 1)

    @property
    def half(self) -> float:  # half a target bar
        return round(min(_MARK, self.slot * 0.8) / 2, 1)

    @property
    def dot(self) -> float:
        return round(min(5.0, max(2.5, self.slot * 0.3)), 1)


def line_chart(points: Sequence[Point], title: str, unit: str | None, chart_id: str) -> Markup:
    """The SVG for one indicator; empty Markup when there is nothing numeric to draw."""
    if not any(p.low is not None or p.actual is not None for p in points):
        return Markup("")
    lo, hi, step = _scale(points)
    first = min(p.year for p in points)
    slots = max(p.year for p in points) - first + 1  # a year without a report keeps its empty slot
    many = slots > _MANY
    width = LEFT + RIGHT + _MANY_SLOT * slots if many else WIDTH
    frame = _Frame(lo, hi, (width - LEFT - RIGHT) / slots)
    xs = [round(LEFT + frame.slot * (p.year - first + 0.5), 1) for p in points]
    out = [
        f'<svg class="chart{" many" if many else ""}" viewBox="0 0 {width} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-t">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
    ]
    tick = lo
    while tick <= hi + step / 1000:
        ty = frame.y(tick)
        out.append(f'<line class="grid" x1="{LEFT}" x2="{width - RIGHT}" y1="{ty}" y2="{ty}"/>')
        out.append(f'<text class="tick" x="{LEFT - 6}" y="{ty + 3}" text-anchor="end">{fmt_num(tick)}</text>')
        tick += step
    if unit:
        out.append(f'<text class="tick unit" x="4" y="{TOP - 20}">{escape(unit)}</text>')
    trend = [(x, p.actual) for x, p in zip(xs, points, strict=True) if p.actual is not None]
    if len(trend) > 1:
        path = " ".join(f"{x},{frame.y(v)}" for x, v in trend)
        out.append(f'<polyline class="trend" points="{path}"/>')
    every = 2 if frame.slot < _LABEL_GAP else 1
    for x, p in zip(xs, points, strict=True):
        i = p.year - first
        short = frame.slot < _LABEL_GAP and i > 0  # 06 … 24 after a first full year
        out.append(_year_marks(x, p, frame, None if i % every else (f"{p.year % 100:02d}" if short else str(p.year))))
    out.append("</svg>")
    return Markup("".join(out))


def _target_marks(x: float, p: Point, f: _Frame) -> list[str]:
    h = f.half
    if p.low is not None and p.high is not None:
        top, bottom = f.y(max(p.low, p.high)), f.y(min(p.low, p.high))
        return [f'<rect class="band" x="{x - h}" y="{top}" width="{2 * h}" height="{max(bottom - top, 2)}"/>']
    if p.low is None:
        return []
    ty = f.y(p.low)
    parts = []
    if p.limit == "ceiling":  # the zone the actual should stay in: below the ceiling
        parts.append(f'<rect class="zone" x="{x - h}" y="{ty}" width="{2 * h}" height="{max(f.y(f.lo) - ty, 0)}"/>')
    elif p.limit == "floor":
        parts.append(f'<rect class="zone" x="{x - h}" y="{f.y(f.hi)}" width="{2 * h}" height="{max(ty - f.y(f.hi), 0)}"/>')
    parts.append(f'<line class="target" x1="{x - h}" x2="{x + h}" y1="{ty}" y2="{ty}"/>')
    a = min(4.0, h * 0.6)
    if p.limit == "ceiling":
        parts.append(f'<path class="target-dir" d="M{x - a},{ty + 2} L{x + a},{ty + 2} L{x},{ty + 2 + a * 1.3} Z"/>')
    elif p.limit == "floor":
        parts.append(f'<path class="target-dir" d="M{x - a},{ty - 2} L{x + a},{ty - 2} L{x},{ty - 2 - a * 1.3} Z"/>')
    return parts


def _actual_mark(x: float, p: Point, f: _Frame) -> str:
    status = escape(p.status)
    if p.actual is None:
        if p.status == "not_reported" and p.low is not None:
            return f'<text class="nr" x="{x}" y="{f.y(p.low) - 4}" text-anchor="middle">?</text>'
        return ""
    cy, r = f.y(p.actual), f.dot
    if p.status == "missed":
        return (f'<g class="mark s-{status}"><circle class="halo" cx="{x}" cy="{cy}" r="{r + 1}"/>'
                f'<path class="cross" d="M{x - r},{cy - r} L{x + r},{cy + r} M{x - r},{cy + r} L{x + r},{cy - r}"/></g>')
    if p.status == "exceeded":
        return (f'<path class="dot s-{status}" d="M{x - r - 1},{cy + r} L{x + r + 1},{cy + r} '
                f'L{x},{cy - r - 1} Z"/>')
    return f'<circle class="dot s-{status}" cx="{x}" cy="{cy}" r="{r}"/>'


def _year_marks(x: float, p: Point, f: _Frame, label: str | None) -> str:
    parts = [f"<g><title>{escape(p.label)}</title>"]
    parts += _target_marks(x, p, f)
    if p.stretch is not None:
        sy = f.y(p.stretch)
        parts.append(f'<line class="stretch" x1="{x - f.half}" x2="{x + f.half}" y1="{sy}" y2="{sy}"/>')
    parts.append(_actual_mark(x, p, f))
    if label:
        parts.append(f'<text class="year" x="{x}" y="{HEIGHT - 8}" text-anchor="middle">{label}</text>')
    parts.append("</g>")
    return "".join(parts)
