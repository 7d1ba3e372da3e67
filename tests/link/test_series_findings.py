"""Figure series across articles: ordering, and each kind of finding (or its absence)."""

from __future__ import annotations

import random
from typing import Any

import pytest
from link_builders import Analysis, World
from sqlalchemy import delete, update

from storyline.link.linker import FIGURE_BOUNDS
from storyline.link.series import bounds, contradicts, falls, findings
from storyline.link.views import findings_view, series_view
from storyline.store import schema


def point(value: float, qualifier: str = "exact", as_of: str = "2025-03-05", article: str = "a",
          source: str | None = None) -> dict[str, Any]:
    return {"article": article, "idx": 0, "value": value, "qualifier": qualifier, "as_of": as_of,
            "low": None, "high": None, "source": {"name": source} if source else None}


@pytest.mark.parametrize(("a", "b", "clash"), [
    (point(31), point(40, "at least", article="b"), True),
    (point(23000, "more than"), point(23100, "about", article="b"), False),
    (point(23000, "more than"), point(23000, article="b"), False),  # a round 23,000 is "about" that
    (point(19), point(19, article="b"), False),
    (point(47, "at least"), point(45, "up to", article="b"), True),
    (point(31), point(40, "at least"), False),  # one article: the measure was cut too coarse
    (point(31), point(40, "at least", as_of="2025-03-06", article="b"), False),
    (point(31, as_of="2025-03"), point(40, "at least", as_of="2025-03", article="b"), False),
])
def test_same_day_contradictions(a: dict[str, Any], b: dict[str, Any], clash: bool) -> None:
    assert contradicts(a, b) is clash
    assert contradicts(b, a) is clash


def test_a_fall_needs_the_same_or_an_unknown_reporter() -> None:
    early = point(40, "at least", "2025-03-05", "a", "agency")
    late = point(38, as_of="2025-03-06", article="b")
    assert falls(early, late)
    assert falls(early, {**late, "source": {"name": "Agency"}})
    assert not falls(early, {**late, "source": {"name": "the mayor"}})
    assert not falls(late, early)


def test_bounds_of_wordings() -> None:
    assert bounds(point(31)) is not None
    assert bounds({"value": None}) is None
    nearly = bounds(point(27000, "nearly"))
    assert nearly is not None and nearly.high == 27000 and nearly.high_open


def toll(world: World, url: str, day: str, phrase: str, value: float, qualifier: str, source: str,
         what: str = "people killed") -> str:
    a = Analysis(f"The flood has killed {phrase}, {source} said on {day}.")
    a.figure(phrase, value, what, day, qualifier, source=source)
    return world.add(a, url, published=day, outlet=url.split("/")[2])


def test_a_toll_series_in_date_order_with_a_same_day_contradiction(world: World) -> None:
    late = toll(world, "https://c.example/3", "2025-03-06", "38 people", 38, "exact", "the agency",
                what="people died")
    official = toll(world, "https://b.example/2", "2025-03-05", "31 people", 31, "exact", "the agency",
                    what="deaths")
    local = toll(world, "https://a.example/1", "2025-03-05", "at least 40 people", 40, "at least",
                 "the mayor")
    toll(world, "https://d.example/4", "2025-03-04", "19 people", 19, "exact", "the agency",
         what="death toll")
    world.link()
    with world.store.link_session() as s:
        series = series_view(s)
        found = findings_view(s)
    assert len(series) == 1
    assert [p["as_of"] for p in series[0]["points"]] == sorted(p["as_of"] for p in series[0]["points"])
    assert {p["value"] for p in series[0]["points"]} == {19, 31, 40, 38}
    [clash] = found["contradictions"]
    assert clash["as_of"] == "2025-03-05"
    assert {p["article"] for p in clash["points"]} == {official, local}
    # 40 (the mayor) then 38 (the agency): two counts, not a fall
    assert found["impossible_moves"] == []
    assert late


def test_a_falling_cumulative_count_is_an_impossible_move(world: World) -> None:
    toll(world, "https://a.example/1", "2025-03-05", "41 people", 41, "exact", "the agency")
    fell = toll(world, "https://b.example/2", "2025-03-06", "35 people", 35, "exact", "the agency")
    toll(world, "https://c.example/3", "2025-03-07", "more than 41 people", 41, "more than", "the agency")
    world.link()
    with world.store.link_session() as s:
        found = findings_view(s)
    assert found["contradictions"] == []
    assert [(m["earlier"]["value"], m["later"]["article"]) for m in found["impossible_moves"]] == [(41, fell)]


def test_compatible_wordings_are_no_contradiction(world: World) -> None:
    toll(world, "https://a.example/1", "2024-01-10", "more than 23,000 people", 23000, "more than",
         "officials")
    toll(world, "https://b.example/2", "2024-01-10", "about 23,100 people", 23100, "about", "officials")
    world.link()
    with world.store.link_session() as s:
        assert findings_view(s)["contradictions"] == []
        assert len(series_view(s)[0]["points"]) == 2


def test_trips_by_one_person_form_one_series_ordinal_or_not(world: World) -> None:
    a = Analysis("Envoy Mara Holt is on her fourth trip to the region since October 7. She met leaders. "
                 "It is her fifth trip to Sudria.")
    holt = a.entity("Mara Holt")
    a.figure("fourth", 4, "trip", "2024-01-10", since="2023-10-07", ordinal=True)
    a.figure("fifth", 5, "trip", "2024-01-10", since="2023-10-07", ordinal=True)
    first = world.add(a, "https://a.example/1", published="2024-01-10")
    b = Analysis("Mara Holt has made five trips to the region since October 7.")
    b.entity("Mara Holt")
    b.figure("five", 5, "trips", "2024-02-17", since="2023-10-07")
    second = world.add(b, "https://b.example/2", published="2024-02-17")
    c = Analysis("Envoy Tom Reed has made three trips to the region since October 7.")
    c.entity("Tom Reed")
    c.figure("three", 3, "trips", "2024-02-17", since="2023-10-07")
    world.add(c, "https://c.example/3", published="2024-02-17")
    world.link()
    with world.store.link_session() as s:
        series = series_view(s)
        found = findings_view(s)
    assert holt
    [trips] = series
    assert [(p["as_of"], p["value"], p["article"]) for p in trips["points"]] == [
        ("2024-01-10", 4, first), ("2024-02-17", 5, second)]
    assert trips["measure"]["actor"]["name"] == "Mara Holt"
    assert found == {"contradictions": [], "impossible_moves": []}


QUALIFIERS = ("exact", "at least", "more than", "about", "nearly", "up to", "less than")


def test_findings_read_through_the_index_equal_every_pair_compared(world: World) -> None:
    # Sixty reports of one toll, in random order, wordings, days, values and reporters (some
    # round thousands, some with a week or a month as their as-of): the findings the linker
    # stores, reading only the points its (series, as-of) index offers, must be exactly those
    # that comparing every pair of points gives.
    rng = random.Random(5)
    days = [f"2025-03-{d:02d}" for d in range(1, 8)] + ["2025-W10", "2025-03"]
    # Bounds that only touch first: 40 then "more than 40" on one day; 41 then "less than 41"
    # a day later, then "at least 44" after 44 two days on.
    touching = [(40, "2025-03-02", "exact"), (40, "2025-03-02", "more than"), (41, "2025-03-03", "exact"),
                (41, "2025-03-04", "less than"), (44, "2025-03-06", "exact"), (44, "2025-03-08", "up to")]
    for i in range(60):
        value, day, qualifier = touching[i] if i < len(touching) else (
            rng.choice([36, 40, 41, 44, 23000, 23100, 24000]), rng.choice(days), rng.choice(QUALIFIERS))
        published = day if len(day) == 10 else "2025-03-09"
        a = Analysis(f"The flood has killed {value} people, {rng.choice(['the agency', 'the mayor'])} said.")
        a.figure(f"{value} people", value, "people killed", day, qualifier,
                 source=a.text.split(", ")[1].removesuffix(" said."))
        world.add(a, f"https://x{i}.example/{i}", published=published, outlet=f"x{i}.example")
        if i % 7 == 0:
            world.link()  # in batches, as articles arrive
    world.link()
    with world.store.link_session() as s:
        stored = {(r["kind"], r["a_article"], r["b_article"]) for r in s.rows(schema.link_findings)}
        points = [r["record"] for r in s.rows(schema.link_figures)]
    [series] = {p["series"] for p in points}
    expected = set()
    for i, new in enumerate(points):
        for f in findings(new, points[:i], series, cumulative=True):
            expected.add((f.kind, f.a["article"], f.b["article"]))
    assert stored == expected
    assert {k for k, _, _ in expected} == {"contradiction", "fall"}


def test_a_store_linked_before_the_bound_columns_gets_them_filled(world: World) -> None:
    toll(world, "https://a.example/1", "2025-03-05", "41 people", 41, "exact", "the agency")
    world.link()
    with world.store.link_session(write=True) as s:
        s.conn.execute(update(schema.link_figures).values(as_of_first=None, as_of_last=None,
                                                          low_bound=None, high_bound=None))
        s.conn.execute(delete(schema.link_meta).where(schema.link_meta.c.name == FIGURE_BOUNDS))
    fell = toll(world, "https://b.example/2", "2025-03-06", "35 people", 35, "exact", "the agency")
    world.link()
    with world.store.link_session() as s:
        found = findings_view(s)
        first = s.rows(schema.link_figures)[0]
    assert [m["later"]["article"] for m in found["impossible_moves"]] == [fell]
    assert (first["as_of_first"], first["low_bound"], first["high_bound"]) == ("2025-03-05", 41.0, 41.0)
