"""Figure series: the points of one measure across articles, and what cannot all be true.

A point is one reported figure: value (or range), qualifier, as-of date, reporter, outlet,
article. Each point stands for the interval of values its wording allows — "31" exactly
31 (a round "23,000" is 23,000 to the nearest thousand), "at least 40" 40 or more, "more
than 23,000" above it, "about 23,100" within 10 % of it, "nearly 27,000" up to 10 % below.
Two findings:

* **contradiction** — two articles give the same measure, as of the same day, values
  whose intervals do not meet ("31" vs "at least 40"; "more than 23,000" and "about 23,100"
  meet, so they are compatible);
* **impossible move** — a cumulative measure (deaths, trips: anything counted since a
  date) that falls: a later point lies wholly below an earlier one. Points from two
  different named reporters are different counts rather than a fall, so a fall is
  flagged only when the reporters are the same or one is unknown.

Two figures of one article never contradict each other here: an article holding two values
for one measure says the measure was cut too coarse, not that the outlet disagrees with itself.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from storyline.ids import digest

ABOUT = 0.10


@dataclass(frozen=True, slots=True)
class Bounds:
    """The values a reported figure allows: [low, high] with open ends where the wording says."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def meets(self, other: Bounds) -> bool:
        """Return True when some value satisfies both."""
        return not (self.below(other) or other.below(self))

    def below(self, other: Bounds) -> bool:
        """Return True when every value of ``self`` is smaller than every value of ``other``."""
        if self.high < other.low:
            return True
        return self.high == other.low and (self.high_open or other.low_open)


def bounds(point: Mapping[str, Any]) -> Bounds | None:
    """Return the interval of values a point's value, range and qualifier allow (None without a value)."""
    value = point.get("value")
    if not isinstance(value, (int, float)) or isinstance(value, bool) or math.isnan(value):
        return None
    low, high = point.get("low"), point.get("high")
    q = (point.get("qualifier") or "exact").lower()
    v = float(value)
    if q == "between" and isinstance(low, (int, float)) and isinstance(high, (int, float)):
        return Bounds(float(low), float(high))
    if q == "at least":
        return Bounds(v, math.inf)
    if q == "more than":
        return Bounds(v, math.inf, low_open=True)
    if q == "up to":
        return Bounds(0.0, v)
    if q == "less than":
        return Bounds(0.0, v, high_open=True)
    if q == "nearly":
        return Bounds(v * (1 - ABOUT), v, high_open=True)
    if q == "exact":
        half = _rounding(v) / 2
        return Bounds(v - half, v + half)
    return Bounds(v * (1 - ABOUT), v * (1 + ABOUT))  # "about" and any qualifier not known here


def _rounding(v: float) -> float:
    # A big round number is rounded: "23,000" is 23,000 to the nearest thousand.
    if v < 1000 or v != int(v):
        return 0.0
    unit, n = 1, int(v)
    while n % 10 == 0 and unit * 10 < v:
        n //= 10
        unit *= 10
    return float(unit)


def as_of_interval(value: Any) -> tuple[date, date, str] | None:
    """Return (first day, last day, precision) of an as-of value ("2024-01-10", "2024-01", "2024-W02")."""
    if not isinstance(value, str):
        return None
    try:
        if len(value) == 10:
            d = date.fromisoformat(value)
            return d, d, "day"
        if len(value) == 8 and value[4:6] == "-W":
            start = date.fromisocalendar(int(value[:4]), int(value[6:]), 1)
            return start, start + timedelta(days=6), "week"
        if len(value) == 7:
            start = date(int(value[:4]), int(value[5:]), 1)
            nxt = date(start.year + start.month // 12, start.month % 12 + 1, 1)
            return start, nxt - timedelta(days=1), "month"
        if len(value) == 4:
            return date(int(value), 1, 1), date(int(value), 12, 31), "year"
    except ValueError:
        return None
    return None


BOUND_COLUMNS = ("as_of_first", "as_of_last", "low_bound", "high_bound")


def point_bounds(point: Mapping[str, Any]) -> dict[str, Any]:
    """Return a point's as-of days and value bounds as ``link_figures`` columns (None where it lacks either).

    A point without an as-of date or a value can take part in no finding, so it gets no bounds.
    """
    interval, b = as_of_interval(point.get("as_of")), bounds(point)
    if interval is None or b is None:
        return dict.fromkeys(BOUND_COLUMNS)
    return dict(zip(BOUND_COLUMNS, (interval[0].isoformat(), interval[1].isoformat(), b.low, b.high),
                    strict=True))


def source_key(point: Mapping[str, Any]) -> str | None:
    """Return who reported a point: its global entity, else its folded name, else None."""
    source = point.get("source") or {}
    if source.get("entity"):
        return f"entity:{source['entity']}"
    name = " ".join(str(source.get("name") or "").lower().split())
    return f"name:{name}" if name else None


def contradicts(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Return True when two points of one measure, as of the same day, cannot both be true."""
    if a["article"] == b["article"]:
        return False
    ia, ib = as_of_interval(a.get("as_of")), as_of_interval(b.get("as_of"))
    if ia is None or ib is None or ia[2] != "day" or ib[2] != "day" or ia[0] != ib[0]:
        return False
    ba, bb = bounds(a), bounds(b)
    return ba is not None and bb is not None and not ba.meets(bb)


def falls(earlier: Mapping[str, Any], later: Mapping[str, Any]) -> bool:
    """Return True when a cumulative measure reported at ``later`` lies wholly below ``earlier``."""
    if earlier["article"] == later["article"]:
        return False
    ia, ib = as_of_interval(earlier.get("as_of")), as_of_interval(later.get("as_of"))
    if ia is None or ib is None or not ia[1] < ib[0]:
        return False
    sa, sb = source_key(earlier), source_key(later)
    if sa and sb and sa != sb:
        return False
    ba, bb = bounds(earlier), bounds(later)
    return ba is not None and bb is not None and bb.below(ba)


@dataclass(frozen=True, slots=True)
class Finding:
    """A contradiction or impossible move between two points of one series."""

    id: str
    kind: str
    series_id: str
    a: Mapping[str, Any]
    b: Mapping[str, Any]

    def to_row(self, day: str) -> dict[str, Any]:
        """Return the finding as a ``link_findings`` row; ``day`` is when it became visible."""
        return {
            "id": self.id,
            "kind": self.kind,
            "series_id": self.series_id,
            "a_article": self.a["article"],
            "a_idx": self.a["idx"],
            "b_article": self.b["article"],
            "b_idx": self.b["idx"],
            "day": day,
            "record": {
                "kind": self.kind,
                "series": self.series_id,
                "a": point_summary(self.a),
                "b": point_summary(self.b),
            },
        }


def findings(
    new: Mapping[str, Any], points: Iterable[Mapping[str, Any]], series_id: str, cumulative: bool
) -> list[Finding]:
    """Return what a new point contradicts among a series' existing points (order-independent result)."""
    out: list[Finding] = []
    for old in points:
        if contradicts(new, old):
            a, b = sorted((new, old), key=lambda p: (p["article"], p["idx"]))
            out.append(_finding("contradiction", series_id, a, b))
        elif cumulative:
            if falls(old, new):
                out.append(_finding("fall", series_id, old, new))
            elif falls(new, old):
                out.append(_finding("fall", series_id, new, old))
    return out


def _finding(kind: str, series_id: str, a: Mapping[str, Any], b: Mapping[str, Any]) -> Finding:
    return Finding(
        digest("finding", kind, series_id, a["article"], str(a["idx"]), b["article"], str(b["idx"])),
        kind,
        series_id,
        a,
        b,
    )


def point_summary(point: Mapping[str, Any]) -> dict[str, Any]:
    """Return the fields of a point a reader of a series or finding needs."""
    source = point.get("source") or None
    return {
        "article": point["article"],
        "idx": point["idx"],
        "as_of": point.get("as_of"),
        "value": point.get("value"),
        "low": point.get("low"),
        "high": point.get("high"),
        "qualifier": point.get("qualifier"),
        "text": point.get("text"),
        "span": point.get("span"),
        "source": (
            {"name": source.get("name"), "entity": source.get("entity"), "span": source.get("span")}
            if source
            else None
        ),
        "outlet": point.get("outlet"),
    }


def series_points(points: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Return a series' points ordered by as-of date, one per article, as-of date, value and qualifier."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for p in sorted(points, key=_point_order):
        key = (p["article"], p.get("as_of"), p.get("value"), p.get("qualifier"))
        if key in seen:
            continue
        seen.add(key)
        out.append(point_summary(p))
    return out


def _point_order(p: Mapping[str, Any]) -> tuple[Any, ...]:
    interval = as_of_interval(p.get("as_of"))
    first = interval[0].isoformat() if interval else "9999"
    return (first, str(p.get("as_of") or ""), p.get("day") or "", p["article"], p["idx"])
