"""Incremental linking: later articles leave earlier articles' rows alone; new versions relink."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from link_builders import Analysis, World

from storyline.interfaces.export import export_view
from storyline.store import open_store, schema
from storyline.store.links import LinkSession

PER_ARTICLE = (schema.link_members, schema.link_keys, schema.link_quotes, schema.link_figures,
               schema.link_events, schema.link_event_actors, schema.link_stances)


def first(day: str = "2025-03-03", toll: int = 12) -> Analysis:
    a = Analysis(f"Minister Dora Vell said {toll} people died in Brannoch. \"We are searching,\" she said.")
    vell = a.entity("Dora Vell", roles=[("Minister", "Casmeria")])
    a.entity("Brannoch", "GPE")
    a.figure(f"{toll} people", toll, "people died", day, source="Minister Dora Vell", source_entity=vell)
    a.quote("We are searching", vell)
    a.event("said", "statement", day, "day", [vell])
    a.stance("We are searching", vell, "search", "for")
    return a


def second() -> Analysis:
    b = Analysis("Dora Vell said 19 people died in Brannoch. Rescuers reached the town.")
    vell = b.entity("Dora Vell")
    b.entity("Brannoch", "GPE")
    b.figure("19 people", 19, "deaths", "2025-03-04", source="Dora Vell", source_entity=vell)
    b.event("said", "statement", "2025-03-04", "day", [vell])
    return b


def rows_of(s: LinkSession, article: str) -> dict[str, list[dict[str, Any]]]:
    return {t.name: s.rows(t, article_id=article) for t in PER_ARTICLE}


def test_linking_b_leaves_a_rows_alone(world: World) -> None:
    a = world.add(first(), "https://a.example/1")
    report = world.link()
    assert report.linked == 1 and report.entities == 2 and report.stories == 1
    with world.store.link_session() as s:
        before = rows_of(s, a)
        entity_ids = {r["id"] for r in s.rows(schema.link_entities)}
    b = world.add(second(), "https://b.example/2", published="2025-03-04")
    report = world.link()
    assert report.linked == 1 and report.entities == 0  # Dora Vell and Brannoch are known
    with world.store.link_session() as s:
        assert rows_of(s, a) == before
        assert {r["id"] for r in s.rows(schema.link_entities)} == entity_ids
        assert {r["entity_id"] for r in s.rows(schema.link_members, article_id=b)} <= entity_ids
        assert s.pending() == []
    assert world.link().linked == 0


def test_a_new_version_is_relinked(world: World) -> None:
    world.add(first(), "https://a.example/1")
    world.add(second(), "https://b.example/2", published="2025-03-04")
    world.link()
    corrected = first(toll=14)
    world.add(corrected, "https://a.example/1")  # same URL, new text: version 2
    report = world.link()
    assert (report.linked, report.relinked) == (1, 1)
    view = export_view(world.store)
    assert sorted(f["value"] for f in view["figures"]) == [14, 19]
    assert len(view["articles"]) == 2 and len(view["stories"]) == 1
    [series] = view["series"]
    assert [p["value"] for p in series["points"]] == [14, 19]


def test_linking_one_by_one_or_all_at_once_gives_the_same_export(tmp_path: Path) -> None:
    views = []
    for name, one_by_one in (("one.db", True), ("all.db", False)):
        with open_store(str(tmp_path / name)) as store:
            w = World(store)
            w.add(first(), "https://a.example/1")
            if one_by_one:
                w.link()  # the story state goes through the store between the two
            w.add(second(), "https://b.example/2", published="2025-03-04")
            w.link()
            views.append(export_view(store))
    assert views[0] == views[1]


def test_other_story_settings_recluster_the_linked_articles(world: World) -> None:
    from storyline.link.linker import link_pending
    from storyline.link.stories import StorySettings

    world.add(first(), "https://a.example/1")
    other = Analysis("Harvest festival opens with music and dancing in the old square of Brannoch.")
    world.add(other, "https://b.example/2", published="2025-03-04")
    world.link()
    assert len(export_view(world.store)["stories"]) == 2
    link_pending(world.store, settings=StorySettings(threshold=0.0))
    [story] = export_view(world.store)["stories"]
    assert len(story["articles"]) == 2
    assert link_pending(world.store).linked == 0  # the stored settings are kept from now on
    assert len(export_view(world.store)["stories"]) == 1


def test_a_new_analysis_of_the_same_version_is_relinked(world: World) -> None:
    world.add(first(), "https://a.example/1")
    world.link()
    better = first()
    better.figures[0]["what"] = "people killed"
    better.versions = {"test": "v2"}  # the analyzer improved; the article did not change
    world.add(better, "https://a.example/1")
    report = world.link()
    assert (report.linked, report.relinked) == (1, 1)
    assert [f["what"] for f in export_view(world.store)["figures"]] == ["people killed"]
    assert world.link().linked == 0
