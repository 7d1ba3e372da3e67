"""Series charts: as-of dates placed on a time axis, one colour per source, every mark a link to its span."""

from __future__ import annotations

from datetime import date

from storyline.interfaces.web.charts import as_of_day, series_chart


def point(as_of: str | None, value: float | None, source: str | None, outlet: str, **extra: object) -> dict:
    return {
        "article": f"a-{outlet}",
        "span": [10, 12],
        "as_of": as_of,
        "value": value,
        "text": str(value),
        "source": {"name": source} if source else None,
        "outlet": outlet,
        **extra,
    }


def test_as_of_values_of_every_precision_have_a_day() -> None:
    assert as_of_day("2025-03-05") == date(2025, 3, 5)
    assert as_of_day("2025-W10") == date(2025, 3, 6)
    assert as_of_day("2025-03") == date(2025, 3, 15)
    assert as_of_day("2025") == date(2025, 7, 1)
    for bad in (None, "", "soon", "2025-13-01", "2025-W60", 20250305):
        assert as_of_day(bad) is None


def test_chart_places_later_reports_right_and_larger_values_higher() -> None:
    chart = series_chart(
        [
            point("2025-03-03", 12, "Agency", "Post"),
            point("2025-03-05", 31, "Agency", "Wire"),
            point("2025-03-05", 40, "Mayor", "Post", low=40, high=None),
            point(None, 99, "Agency", "Wire"),
            point("2025-03-06", None, "Agency", "Wire"),
        ]
    )
    assert len(chart.marks) == 3 and chart.undated == 2
    first, agency, mayor = chart.marks
    assert first.x < agency.x == mayor.x
    assert first.y > agency.y > mayor.y  # SVG y grows downwards
    assert agency.color != mayor.color and first.color == agency.color
    assert [color for color, _ in chart.lines] == [agency.color]  # one line for the source seen twice
    assert {label for _, label in chart.legend} == {"Agency", "Mayor"}
    assert first.href == "/articles/a-Post#span=10-12"
    left, top, right, bottom = chart.plot
    assert all(left <= m.x <= right and top <= m.y <= bottom for m in chart.marks)


def test_ranges_are_bars_and_no_points_draw_nothing() -> None:
    chart = series_chart(
        [
            point("2025-03-05", 22500, "UN", "Wire", low=20000, high=25000),
            point("2025-03-04", 18000, None, "Wire"),
        ]
    )
    bar = next(m for m in chart.marks if m.y_low != m.y_high)
    assert bar.y_high < bar.y < bar.y_low
    assert series_chart([]).marks == () and series_chart([point(None, None, None, "x")]).undated == 1


def test_equal_reports_on_one_day_sit_side_by_side() -> None:
    chart = series_chart(
        [
            point("2025-03-05", 31, "Agency", "Post"),
            point("2025-03-05", 31, "Agency", "Wire"),
            point("2025-03-05", 40, "Mayor", "Post"),
        ]
    )
    equal = [m for m in chart.marks if "31" in m.title]
    other = next(m for m in chart.marks if "40" in m.title)
    assert len({m.y for m in equal}) == 1 and abs(equal[0].x - equal[1].x) > 2 * 5  # no circle covers another
    assert (equal[0].x + equal[1].x) / 2 == other.x  # the pair stays centred on its day
