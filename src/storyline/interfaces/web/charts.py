"""A figure series as an SVG chart drawn on the server: numbers and labels only, escaped by the template.

x is the as-of date (day, ISO week, month or year, placed at its middle), y
the value from zero up (a range is drawn as a bar from low to high); one
colour and one line per cited source (else per outlet), so two sources
disagreeing on the same day show as two marks at the same x (equal reports side by side).
Every mark links to the span of the article that reported it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

PALETTE = ("#1d4e89", "#c0392b", "#23854a", "#b45f06", "#7d3c98", "#117a8b", "#6d4c41", "#5d636d")
WIDTH, HEIGHT = 720, 300
MARK_GAP = 11  # px between marks of equal day and value: a mark's circle has radius 5
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 40
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass(frozen=True, slots=True)
class Mark:
    """One reported value placed on the chart."""

    x: float
    y: float
    y_low: float
    y_high: float
    color: str
    href: str
    title: str


@dataclass(frozen=True, slots=True)
class Chart:
    """Everything the template needs to draw a series: marks, lines, ticks, legend."""

    width: int
    height: int
    marks: tuple[Mark, ...]
    lines: tuple[tuple[str, str], ...]  # (colour, SVG path)
    x_ticks: tuple[tuple[float, str], ...]
    y_ticks: tuple[tuple[float, str], ...]
    legend: tuple[tuple[str, str], ...]  # (colour, source)
    undated: int
    plot: tuple[float, float, float, float]  # left, top, right, bottom


def as_of_day(value: Any) -> date | None:
    """Return the middle day of an as-of value (``2025-03-05``, ``2025-W10``, ``2025-03``, ``2025``)."""
    if not isinstance(value, str):
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        week = _WEEK.match(value)
        if week:
            return date.fromisocalendar(int(week[1]), int(week[2]), 4)
        if len(value) == 7:
            return date.fromisoformat(value + "-15")
        if len(value) == 4 and value.isdigit():
            return date(int(value), 7, 1)
    except ValueError:
        return None
    return None


def source_of(point: Mapping[str, Any]) -> str:
    """Return who reported a point: the source it cites, else the outlet that printed it."""
    source = point.get("source")
    name = source.get("name") if isinstance(source, Mapping) else None
    return str(name or point.get("outlet") or "unknown source")


def series_chart(points: Sequence[Mapping[str, Any]]) -> Chart:
    """Return the chart of a series' points (points without a usable as-of date or value are counted)."""
    placed = []
    for p in points:
        day = as_of_day(p.get("as_of"))
        value = _number(p.get("value"))
        if day is None or value is None:
            continue
        low = _number(p.get("low"))
        high = _number(p.get("high"))
        placed.append((day, value, low if low is not None else value, high if high is not None else value, p))
    sources = sorted({source_of(p) for *_, p in placed})
    colors = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(sources)}
    left, top, right, bottom = LEFT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM
    if not placed:
        return Chart(WIDTH, HEIGHT, (), (), (), (), (), len(points), (left, top, right, bottom))
    first = min(d for d, *_ in placed) - timedelta(days=1)
    last = max(d for d, *_ in placed) + timedelta(days=1)
    span_days = max((last - first).days, 1)
    top_value = _nice_top(max(max(v, h) for _, v, _, h, _ in placed))

    def x_of(d: date) -> float:
        return round(left + (right - left) * (d - first).days / span_days, 1)

    def y_of(v: float) -> float:
        return round(bottom - (bottom - top) * v / top_value, 1)

    marks = []
    by_source: dict[str, list[tuple[float, float]]] = {}
    ordered = sorted(placed, key=lambda t: (t[0], source_of(t[4])))
    # Reports of the same value on the same day sit side by side, so each stays visible and clickable.
    same = Counter((day, value) for day, value, *_ in ordered)
    seen: Counter[tuple[date, float]] = Counter()
    for day, value, low, high, p in ordered:
        src = source_of(p)
        span = p.get("span") if isinstance(p.get("span"), list | tuple) else None
        href = f"/articles/{p.get('article')}"
        if span and len(span) == 2:
            href += f"#span={int(span[0])}-{int(span[1])}"
        printed = f", in {p['outlet']}" if p.get("outlet") and p.get("outlet") != src else ""
        title = f"{p.get('as_of')}: {p.get('text') or _fmt(value)} — {src}{printed}"
        shift = (seen[day, value] - (same[day, value] - 1) / 2) * MARK_GAP
        seen[day, value] += 1
        mark = Mark(round(x_of(day) + shift, 1), y_of(value), y_of(low), y_of(high), colors[src], href, title)
        marks.append(mark)
        by_source.setdefault(src, []).append((mark.x, mark.y))
    lines = tuple(
        (colors[s], "M" + " L".join(f"{x},{y}" for x, y in pts))
        for s, pts in sorted(by_source.items())
        if len(pts) > 1
    )
    days = sorted({d for d, *_ in placed})
    if len(days) > 8:
        step = math.ceil(len(days) / 8)
        days = days[::step]
    x_ticks = tuple((x_of(d), d.strftime("%b %-d")) for d in days)
    y_ticks = tuple((y_of(top_value * i / 4), _fmt(top_value * i / 4)) for i in range(5))
    legend = tuple((colors[s], s) for s in sources)
    return Chart(
        WIDTH,
        HEIGHT,
        tuple(marks),
        lines,
        x_ticks,
        y_ticks,
        legend,
        len(points) - len(placed),
        (left, top, right, bottom),
    )


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _nice_top(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _fmt(value: float) -> str:
    for limit, suffix in ((1e9, " bn"), (1e6, " m"), (1e4, "k")):
        if abs(value) >= limit:
            return f"{value / (limit if limit != 1e4 else 1e3):g}{suffix}"
    return f"{value:g}"
