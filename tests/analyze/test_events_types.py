"""Each event type is found from its trigger, with its actors and PLOVER category (fictional sentences)."""

from __future__ import annotations

import pytest

from storyline.analyze.events import EventsComponent

PEOPLE = {
    "Ann Lee": ("PERSON", ["Ms Lee"], [("Foreign Minister", "Ruritania")]),
    "Tom Ray": ("PERSON", ["Mr Ray"], [("Prime Minister", "Kardia")]),
    "Ruritania": ("GPE", []),
    "Kardia": ("GPE", []),
    "Ostra": ("GPE", []),
    "National Assembly": ("ORG", []),
    "Valley Front": ("ORG", []),
}
MONDAY = {"on Monday": ("2025-03-03", "day"), "On Monday": ("2025-03-03", "day")}


@pytest.fixture(scope="module")
def events_of(model_nlp, hand_doc):
    component = EventsComponent(model_nlp)

    def run(text: str, times=MONDAY, **kw):
        doc = component(hand_doc(text, PEOPLE, times, **kw))
        return doc, list(doc._.events)

    return run


CASES = [
    ("Ann Lee met Tom Ray in Ostra on Monday.", "meeting", "met", {"ann-lee", "tom-ray"}, "CONSULT"),
    ("Ann Lee visited Ostra on Monday.", "visit", "visited", {"ann-lee"}, "CONSULT"),
    ("Ann Lee called for a ceasefire on Monday.", "statement", "called for", {"ann-lee"}, None),
    ("Ann Lee refused to call for a ceasefire on Monday.", "statement", "refused to call for", {"ann-lee"},
     "REJECT"),
    ("On Monday, Kardia shelled the border town of Ostra.", "attack", "shelled", {"kardia"}, "ASSAULT"),
    ("On Monday, Valley Front militants killed four soldiers.", "attack", "killed", {"valley-front"},
     "ASSAULT"),
    ("Police arrested Tom Ray at his home in Ostra on Monday.", "arrest", "arrested", {"tom-ray"}, "COERCE"),
    ("A court in Ostra sentenced Tom Ray to ten years on Monday.", "ruling", "sentenced", {"tom-ray"},
     "COERCE"),
    ("The National Assembly voted on Monday to set up an inquiry.", "vote", "voted", {"national-assembly"},
     None),
    ("Ann Lee announced a new fund on Monday.", "announcement", "announced", {"ann-lee"}, None),
    ("Tom Ray was elected on Monday.", "election", "elected", {"tom-ray"}, None),
    ("Tom Ray died on Monday.", "death", "died", {"tom-ray"}, None),
    ("Thousands of Valley Front supporters marched through Ostra on Monday.", "protest", "marched",
     {"valley-front"}, "PROTEST"),
    ("Kardia and Ruritania signed an agreement on Monday.", "agreement", "signed an agreement",
     {"kardia", "ruritania"}, "SUPPORT"),
    ("Tom Ray resigned on Monday.", "personnel", "resigned", {"tom-ray"}, "RETREAT"),
]


@pytest.mark.parametrize(("text", "type_", "trigger", "actors", "plover"), CASES,
                         ids=[c[1] + ":" + c[2] for c in CASES])
def test_events_type_actors_and_plover(events_of, text, type_, trigger, actors, plover):
    doc, events = events_of(text)
    assert [e.type for e in events] == [type_], events
    event = events[0]
    assert event.trigger == trigger
    assert set(event.actors) == actors
    assert event.plover == plover
    assert event.date.value == "2025-03-03"
    assert trigger.split()[0] in doc.text[event.span[0]:event.span[1]]


def test_events_kill_without_a_killer_is_a_death_not_an_attack(events_of):
    _, events = events_of("The wall gave way on Monday, killing four people in Ostra.")
    assert [e.type for e in events] == ["death"]


def test_events_named_person_attacking_a_rival_is_a_statement(events_of):
    _, events = events_of("On Monday, Ann Lee attacked Tom Ray over his budget.")
    assert [(e.type, e.plover) for e in events] == [("statement", "DISAPPROVE")]


def test_events_light_verb_gives_the_noun_its_actor(events_of):
    _, events = events_of("Tom Ray held talks with Ann Lee on Monday.")
    assert [(e.type, set(e.actors)) for e in events] == [("meeting", {"tom-ray", "ann-lee"})]


def test_events_pronoun_subject_is_the_last_person_named(events_of):
    _, events = events_of("Ms Lee spoke to reporters. She later visited Ostra.")
    visit = [e for e in events if e.type == "visit"]
    assert len(visit) == 1 and visit[0].actors == ("ann-lee",)


def test_events_office_names_its_holder(events_of):
    _, events = events_of("Ruritania's foreign minister met Tom Ray on Monday.")
    assert len(events) == 1 and set(events[0].actors) == {"ann-lee", "tom-ray"}
