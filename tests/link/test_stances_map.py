"""The stance map: topics merged by key, actors on each side with the sentence that shows it."""

from __future__ import annotations

import pytest
from link_builders import Analysis, World

from storyline.link.stances import topic_key
from storyline.link.views import stances_view
from storyline.link.words import load_link_data


@pytest.mark.parametrize(("a", "b"), [
    ("ceasefire in Gaza", "ceasefire"),
    ("cease-fire", "ceasefire"),
    ("defence pact", "defense pact"),
])
def test_topic_wordings_share_a_key(a: str, b: str) -> None:
    data = load_link_data()
    assert topic_key(a, {"gaza"}, data) == topic_key(b, set(), data)


def test_a_non_place_complement_stays_in_the_topic() -> None:
    data = load_link_data()
    assert topic_key("state of emergency", set(), data) == "state of emergency"
    assert topic_key("support for farmers", set(), data) != topic_key("support", set(), data)


def test_actors_for_and_against_across_articles(world: World) -> None:
    a = Analysis("Minister Ana Berg called for a ceasefire in Veldt. Leader Ivo Kant rejected a ceasefire.")
    berg, kant = a.entity("Ana Berg"), a.entity("Ivo Kant")
    a.entity("Veldt", "GPE")
    a.stance("Minister Ana Berg called for a ceasefire in Veldt.", berg, "ceasefire in Veldt", "for")
    a.stance("Leader Ivo Kant rejected a ceasefire.", kant, "ceasefire", "against")
    first = world.add(a, "https://a.example/1")
    b = Analysis("Ana Berg repeated her call for a cease-fire.")
    berg_b = b.entity("Ana Berg")
    b.stance("Ana Berg repeated her call for a cease-fire.", berg_b, "cease-fire", "for")
    second = world.add(b, "https://b.example/2", published="2025-03-04")
    world.link()
    with world.store.link_session() as s:
        topics = {t["topic"]: t for t in stances_view(s)}
    ceasefire = topics["ceasefire"]
    assert [x["name"] for x in ceasefire["for"]] == ["Ana Berg"]
    assert [x["name"] for x in ceasefire["against"]] == ["Ivo Kant"]
    evidence = ceasefire["for"][0]["evidence"]
    assert [e["article"] for e in evidence] == [first, second]
    assert evidence[0]["text"] == "Minister Ana Berg called for a ceasefire in Veldt."
