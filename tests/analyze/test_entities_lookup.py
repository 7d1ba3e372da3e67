"""entity_at / last_person_before: how other components find entities by position."""

from __future__ import annotations

from storyline.analyze.entity_lookup import entity_at, entity_by_id, last_person_before, mention_at
from storyline.ids import digest
from storyline.model import Entity, Mention


def make(name: str, kind: str, *spans: tuple[int, int]) -> Entity:
    return Entity(digest("a", kind, name), name, kind, tuple(Mention(s, name) for s in spans))


ENTITIES = [
    make("Ada Lind", "PERSON", (0, 8), (40, 47)),
    make("Casmeria", "GPE", (20, 28)),
    make("Bo Hart", "PERSON", (60, 67)),
]


def test_entity_at_finds_the_mention_covering_a_span():
    assert entity_at(ENTITIES, 21, 25).name == "Casmeria"
    assert entity_at(ENTITIES, 38, 44).name == "Ada Lind"
    assert entity_at(ENTITIES, 9, 19) is None
    assert entity_at(None, 0, 5) is None
    entity, mention = mention_at(ENTITIES, 58, 70)
    assert (entity.name, mention.span) == ("Bo Hart", (60, 67))


def test_last_person_before_skips_places_and_later_mentions():
    assert last_person_before(ENTITIES, 50).name == "Ada Lind"
    assert last_person_before(ENTITIES, 30).name == "Ada Lind"
    assert last_person_before(ENTITIES, 70).name == "Bo Hart"
    assert last_person_before(ENTITIES, 5) is None
    assert last_person_before(ENTITIES, 50, not_before=45) is None


def test_entity_by_id():
    assert entity_by_id(ENTITIES, ENTITIES[1].id) is ENTITIES[1]
    assert entity_by_id(ENTITIES, "missing") is None
