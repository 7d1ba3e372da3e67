"""Timelines: one entry per real event, several sources merged, entries in date order."""

from __future__ import annotations

from link_builders import Analysis, World

from storyline.link.timelines import same_date
from storyline.link.views import entity_timeline, timeline_view, timelines_index


def test_dates_agree_at_the_coarser_precision() -> None:
    assert same_date("2024-01-09", "2024-01")
    assert same_date("2024-01", "2024-01-09")
    assert same_date("2024-01-09", "2024-W02")
    assert not same_date("2024-01-09", "2024-01-10")
    assert not same_date("2024-01-09", None)


def test_one_event_reported_by_two_outlets_is_one_entry(world: World) -> None:
    a = Analysis("Envoy Mara Holt met President Ilan Dov in Sudria on Tuesday.")
    holt, dov = a.entity("Mara Holt"), a.entity("Ilan Dov")
    a.event("met", "meeting", "2024-01-09", "day", [holt, dov], "Sudria")
    first = world.add(a, "https://a.example/1", published="2024-01-10")
    b = Analysis("Ilan Dov held talks with Mara Holt in January.")
    dov_b = b.entity("Ilan Dov")
    b.event("held talks", "meeting", "2024-01", "month", [dov_b])
    second = world.add(b, "https://b.example/2", published="2024-01-20")
    c = Analysis("Mara Holt met Ilan Dov again on Thursday.")
    holt_c, dov_c = c.entity("Mara Holt"), c.entity("Ilan Dov")
    c.event("met", "meeting", "2024-02-01", "day", [holt_c, dov_c])
    c.event("again", "visit", "2024-02-01", "day", [holt_c])
    world.add(c, "https://c.example/3", published="2024-02-02")
    world.link()
    with world.store.link_session() as s:
        entries = timeline_view(s)
        holt_id = next(a["entity"] for e in entries for a in e["actors"] if a["name"] == "Mara Holt")
        mine = entity_timeline(s, holt_id)
    assert [(e["date"]["value"], e["type"]) for e in entries] == [
        ("2024-01-09", "meeting"), ("2024-02-01", "meeting"), ("2024-02-01", "visit")]
    assert {src["article"] for src in entries[0]["sources"]} == {first, second}
    assert entries[0]["date"]["precision"] == "day"
    assert len(mine) == 3
    index = timelines_index(entries)
    assert index["entities"][holt_id] == [e["id"] for e in entries]


def test_undated_events_stay_out_of_the_timeline(world: World) -> None:
    a = Analysis("Mara Holt met leaders at some point. She visited Sudria on Monday.")
    holt = a.entity("Mara Holt")
    a.event("met", "meeting", None, None, [holt])
    a.event("visited", "visit", "2024-01-08", "day", [holt], "Sudria")
    world.add(a, "https://a.example/1", published="2024-01-10")
    world.link()
    with world.store.link_session() as s:
        assert [e["type"] for e in timeline_view(s)] == ["visit"]


def test_an_event_that_fits_two_entries_stays_apart(world: World) -> None:
    for n, day in enumerate(("2024-01-09", "2024-01-16")):
        a = Analysis(f"Mara Holt met Ilan Dov on {day}.")
        a.event("met", "meeting", day, "day", [a.entity("Mara Holt"), a.entity("Ilan Dov")])
        world.add(a, f"https://a.example/{n}", published=day)
    b = Analysis("Mara Holt met Ilan Dov in January.")
    b.event("met", "meeting", "2024-01", "month", [b.entity("Mara Holt"), b.entity("Ilan Dov")])
    world.add(b, "https://b.example/1", published="2024-02-01")
    world.link()
    with world.store.link_session() as s:
        entries = timeline_view(s)
    assert [len(e["sources"]) for e in entries] == [1, 1, 1]
    assert entries[0]["date"] == {"value": "2024-01", "precision": "month"}  # a month sorts at its start
