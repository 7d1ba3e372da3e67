"""Entity resolution across articles: who is one actor, who stays apart, what is canonical."""

from __future__ import annotations

from typing import Any

from link_builders import Analysis, World

from storyline.link.views import entities_view
from storyline.store.links import schema


def entities(world: World) -> list[dict[str, Any]]:
    with world.store.link_session() as s:
        return entities_view(s)


def named(world: World, name: str) -> list[dict[str, Any]]:
    return [e for e in entities(world) if e["name"] == name]


def test_one_person_across_outlets_is_one_entity(world: World) -> None:
    ids = []
    for n, form in enumerate(("Mr Varga", "Varga", "the minister")):
        a = Analysis(f"Foreign Minister Lena Varga of Casmeria arrived on Monday. {form} met envoys.")
        a.entity("Lena Varga", mentions=["Lena Varga", form] if form != "the minister" else ["Lena Varga"],
                 roles=[("Foreign Minister", "Casmeria")])
        ids.append(world.add(a, f"https://news{n}.example/a"))
    world.link()
    hits = named(world, "Lena Varga")
    assert len(hits) == 1
    assert hits[0]["articles"] == sorted(ids)
    role = hits[0]["roles"][0]
    assert (role["title"], role["of"]) == ("Foreign Minister", "Casmeria")
    assert sorted(h["article"] for h in role["history"]) == sorted(ids)


def test_people_sharing_a_family_name_stay_apart(world: World) -> None:
    a = Analysis("Minister Tomas Brenn resigned. Engineer Ruth Brenn had warned him. Mr Brenn denied it; "
                 "Ms Brenn did not.")
    a.entity("Tomas Brenn", mentions=["Tomas Brenn", "Mr Brenn"])
    a.entity("Ruth Brenn", mentions=["Ruth Brenn", "Ms Brenn"])
    world.add(a, "https://a.example/1")
    b = Analysis("Mr Brenn said he never saw the report.")
    b.entity("Brenn", mentions=["Mr Brenn"])
    mr = world.add(b, "https://b.example/2")
    c = Analysis("Ms Brenn said she sent the report twice.")
    c.entity("Brenn", mentions=["Ms Brenn"])
    ms = world.add(c, "https://c.example/3")
    world.link()
    tomas, ruth = named(world, "Tomas Brenn"), named(world, "Ruth Brenn")
    assert len(tomas) == 1 and len(ruth) == 1
    assert mr in tomas[0]["articles"] and ms not in tomas[0]["articles"]
    assert ms in ruth[0]["articles"] and mr not in ruth[0]["articles"]


def test_a_bare_family_name_shared_by_two_people_stays_unresolved(world: World) -> None:
    a = Analysis("Tomas Brenn and Ruth Brenn spoke.")
    a.entity("Tomas Brenn")
    a.entity("Ruth Brenn")
    world.add(a, "https://a.example/1")
    b = Analysis("Brenn declined to comment.")
    b.entity("Brenn")
    world.add(b, "https://b.example/2")
    world.link()
    assert [len(e["articles"]) for e in named(world, "Tomas Brenn") + named(world, "Ruth Brenn")] == [1, 1]
    assert len(named(world, "Brenn")) == 1


def test_same_name_in_unrelated_offices_of_two_countries_is_two_people(world: World) -> None:
    a = Analysis("Defence Minister Ali Karim of Norland inspected troops.")
    a.entity("Ali Karim", roles=[("Defence Minister", "Norland")])
    world.add(a, "https://a.example/1")
    b = Analysis("Football coach Ali Karim of Sudria resigned.")
    b.entity("Ali Karim", roles=[("Football coach", "Sudria")])
    world.add(b, "https://b.example/2")
    world.link()
    assert len(named(world, "Ali Karim")) == 2


def test_countries_and_bodies_are_canonical(world: World) -> None:
    a = Analysis("The US and the UN met.")
    a.entity("US", "GPE")
    a.entity("UN", "ORG")
    world.add(a, "https://a.example/1")
    b = Analysis("The United States and the United Nations met again.")
    b.entity("United States", "GPE")
    b.entity("United Nations", "ORG")
    world.add(b, "https://b.example/2")
    world.link()
    names = [e["name"] for e in entities(world)]
    assert len(names) == 2
    us = next(e for e in entities(world) if "US" in (e["name"], *e["aliases"]))
    assert len(us["articles"]) == 2


def test_a_speaker_named_only_by_office_is_its_holder(world: World) -> None:
    a = Analysis("Defence Minister Yara Tal of Norland said troops would stay.")
    a.entity("Yara Tal", roles=[("Defence Minister", "Norland")])
    world.add(a, "https://a.example/1", published="2025-01-10")
    b = Analysis("\"We will not stop,\" Norland's defence minister said.")
    b.quote("We will not stop", name="Norland's defence minister")
    world.add(b, "https://b.example/2", published="2025-02-06")
    c = Analysis("\"Talks resume,\" the Sudrian defence minister said.")
    c.quote("Talks resume", name="the Sudrian defence minister")
    world.add(c, "https://c.example/3", published="2025-02-07")
    world.link()
    tal = named(world, "Yara Tal")[0]["id"]
    with world.store.link_session() as s:
        from storyline.link.views import quotes_view

        quotes = {q["text"]: q["speaker"] for q in quotes_view(s)}
    assert quotes["We will not stop"]["entity"] == tal
    assert quotes["We will not stop"]["via"] == "role"
    assert quotes["Talks resume"]["entity"] is None


def test_key_lookups_return_one_pair_per_entity_however_many_articles_gave_it(world: World) -> None:
    # Linking one more article must not read a row for every earlier article naming the same actor.
    for n in range(6):
        a = Analysis(f"Foreign Minister Lena Varga of Casmeria spoke on day {n}.")
        a.entity("Lena Varga", mentions=["Lena Varga"], roles=[("Foreign Minister", "Casmeria")])
        world.add(a, f"https://news.example/{n}", published=f"2025-03-0{n + 1}")
    world.link()
    with world.store.link_session() as s:
        rows = s.rows(schema.link_keys)
        keys = {r["key"] for r in rows}
        pairs = s.keyed(keys)
        assert len(rows) >= 6 * len(keys) > 0  # one row per article and key is stored …
        assert len(pairs) == len(set(pairs)) == len({(r["key"], r["entity_id"]) for r in rows})  # … one read
        some = next(iter(keys))
        holders = {r["entity_id"] for r in rows if r["key"] == some}
        assert s.keyed_between(some, "2025-03-02", "2025-03-03") == holders
        assert s.keyed_between(some, "2024-01-01", "2024-12-31") == set()
