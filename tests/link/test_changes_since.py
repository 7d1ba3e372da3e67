"""What is new since a date: by publication date, the ingestion date for undated articles."""

from __future__ import annotations

from datetime import UTC, date, datetime

from link_builders import Analysis, World

from storyline.link.changes import changes_since


def day_article(world: World, n: int, day: str | None, toll: int, quote: str, event_day: str) -> str:
    a = Analysis(f"Mayor Ivo Kant said {toll} people had died. \"{quote},\" he said. He toured the town.")
    kant = a.entity("Ivo Kant", mentions=["Ivo Kant"] if "Ivo Kant" in a.text else ["Kant"])
    a.figure(f"{toll} people", toll, "people died", day or event_day, source="Mayor Ivo Kant",
             source_entity=kant)
    a.quote(quote, kant)
    a.event("toured", "visit", event_day, "day", [kant])
    return world.add(a, f"https://news.example/{n}", published=day)


def test_changes_since_a_day(world: World) -> None:
    world_ids = [
        day_article(world, 1, "2025-03-03", 12, "We are searching", "2025-03-03"),
        day_article(world, 2, "2025-03-04", 19, "We need boats", "2025-03-04"),
        day_article(world, 3, "2025-03-05", 17, "The count was wrong", "2025-03-04"),
    ]
    world.link()
    changes = changes_since(world.store, date(2025, 3, 4))
    assert changes["since"] == "2025-03-04"
    assert changes["articles"] == world_ids[1:]
    assert changes["stories"]["new"] == [] and len(changes["stories"]["updated"]) == 1
    # the 4 March visit is reported by two new articles: a new event; 3 March is old
    assert [e["date"]["value"] for e in changes["events"]] == ["2025-03-04"]
    [moved] = changes["figures"]
    assert (moved["before"]["value"], moved["after"]["value"]) == (12, 17)
    quotes = [q["text"] for group in changes["quotes"] for q in group["quotes"]]
    assert quotes == ["We need boats", "The count was wrong"]
    assert all(q["known_actor"] for group in changes["quotes"] for q in group["quotes"])
    # 19 then 17 from the same mayor: a cumulative count fell
    assert [m["later"]["value"] for m in changes["impossible_moves"]] == [17]
    assert changes_since(world.store, date(2025, 3, 6))["articles"] == []


def test_an_undated_article_counts_from_its_ingestion(world: World) -> None:
    undated = day_article(world, 1, None, 12, "We are searching", "2025-03-03")
    world.link()
    assert changes_since(world.store, datetime.now(UTC).date())["articles"] == [undated]
    assert changes_since(world.store, date(2999, 1, 1))["articles"] == []
