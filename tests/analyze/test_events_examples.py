"""Events of the project's fictional example story, against the answer key in examples/README.md."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from storyline.model import Event


def find(doc: Doc, type_: str, date: str, actor: str | None = None) -> tuple[Event, set[str]]:
    names = {e.id: e.name for e in doc._.entities}
    hits = [e for e in doc._.events if e.type == type_ and e.date.value == date
            and (actor is None or actor in {names[a] for a in e.actors})]
    seen = [(e.type, e.trigger, e.date.value) for e in doc._.events]
    assert hits, f"no {type_} on {date} by {actor} in {seen}"
    return hits[0], {names[a] for a in hits[0].actors}


@pytest.mark.parametrize(("source", "type_", "date", "actor", "where"), [
    ("2025-03-03-meridianwire-evacuations.txt", "meeting", "2025-03-03", "Ilse Marren", "Lorent"),
    ("2025-03-04-lorentcourier-marren-visit.html", "visit", "2025-03-04", "Ilse Marren", None),
    ("2025-03-04-lorentcourier-marren-visit.html", "meeting", "2025-03-04", "Amaru Quispe", None),
    ("2025-03-04-lorentcourier-marren-visit.html", "announcement", "2025-03-04", "Dorin Vasek", None),
    ("2025-03-05-harbourpost-toll-disputed.html", "statement", "2025-03-05", "Ilse Marren", None),
    ("valleyvoice-dam-official-arrested.txt", "arrest", "2025-03-06", None, "Oskel"),
    ("valleyvoice-feed.rss#item-2", "protest", "2025-03-08", None, "Lorent"),
    ("valleyvoice-feed.rss#item-2", "ruling", "2025-03-08", "Emil Sarkany", None),
    ("valleyvoice-feed.rss#item-1", "personnel", "2025-03-09", "Tomas Hale", None),
    ("casmeriatoday-dump.jsonl:2", "vote", "2025-03-10", "National Assembly", None),
    ("2025-03-11-northgate-recovery-agreement.html", "agreement", "2025-03-11", "United Nations", "Brannoch"),
])
def test_events_of_the_story_are_found(example_docs: dict[str, Doc], source: str, type_: str, date: str,
                                       actor: str | None, where: str | None) -> None:
    event, _ = find(example_docs[source], type_, date, actor)
    if where is not None:
        assert event.where == where


def test_events_resignation_maps_to_plover_retreat(example_docs: dict[str, Doc]) -> None:
    event, _ = find(example_docs["valleyvoice-feed.rss#item-1"], "personnel", "2025-03-09")
    assert event.plover == "RETREAT"


def test_events_a_collapse_with_no_killer_is_no_attack(example_docs: dict[str, Doc]) -> None:
    doc = example_docs["2025-03-03-harbourpost-dam-breach.html"]
    assert not [e for e in doc._.events if e.type == "attack"]
