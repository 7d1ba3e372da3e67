"""Business, transaction and personnel events (after ACE 2005) and their look-alikes (fictional sentences)."""

from __future__ import annotations

import pytest

from storyline.analyze.events import EventsComponent

ACTORS = {
    "Northwind Air": ("ORG", []),
    "Corvel Aviation": ("ORG", []),
    "Halden Motors": ("ORG", []),
    "Lisa Marr": ("PERSON", ["Ms Marr"]),
    "Tom Brandt": ("PERSON", ["Mr Brandt"]),
    "Ostra": ("GPE", []),
    "Kardia": ("GPE", []),
}
MONDAY = {"on Monday": ("2025-03-03", "day"), "On Monday": ("2025-03-03", "day")}


@pytest.fixture(scope="module")
def events_of(model_nlp, hand_doc):
    component = EventsComponent(model_nlp)

    def run(text: str):
        return list(component(hand_doc(text, ACTORS, MONDAY))._.events)

    return run


EVENTS = [
    ("Corvel Aviation bought Halden Motors on Monday.", "transaction", "bought", "halden-motors", None),
    ("Corvel Aviation took over Halden Motors on Monday.", "transaction", "took over", "halden-motors", None),
    ("Corvel Aviation sold its stake in Halden Motors on Monday.", "transaction", "sold", "corvel-aviation",
     None),
    ("The acquisition of Halden Motors by Corvel Aviation was completed on Monday.", "transaction",
     "acquisition", "corvel-aviation", None),
    ("Northwind Air ordered 20 aircraft from Corvel Aviation on Monday.", "transaction", "ordered",
     "northwind-air", None),
    ("Halden Motors paid a fine of $3 million on Monday.", "transaction", "paid", "halden-motors", None),
    ("Kardia bailed out Halden Motors on Monday.", "transaction", "bailed out", "halden-motors", "AID"),
    ("Halden Motors filed for bankruptcy on Monday.", "business", "filed for", "halden-motors", None),
    ("Halden Motors closed its plant in Ostra on Monday.", "business", "closed", "halden-motors", None),
    ("Halden Motors and Corvel Aviation merged on Monday.", "business", "merged", "corvel-aviation", None),
    ("Lisa Marr resigned as chief executive of Halden Motors on Monday.", "personnel", "resigned",
     "lisa-marr", "RETREAT"),
    ("Corvel Aviation appointed Lisa Marr as chief executive on Monday.", "personnel", "appointed",
     "lisa-marr", None),
    ("Halden Motors fired its chief executive, Tom Brandt, on Monday.", "personnel", "fired",
     "tom-brandt", None),
]


@pytest.mark.parametrize(("text", "type_", "trigger", "actor", "plover"), EVENTS, ids=[e[2] for e in EVENTS])
def test_business_events_have_type_trigger_actor_and_date(events_of, text, type_, trigger, actor, plover):
    events = events_of(text)
    assert [e.type for e in events] == [type_], events
    assert events[0].trigger.startswith(trigger)
    assert actor in events[0].actors
    assert events[0].plover == plover
    assert events[0].date.value == "2025-03-03"


NOT_EVENTS = [
    "The ministry bought time by delaying the report on Monday.",  # figurative object
    "Tom Brandt delivered a speech in Ostra on Monday.",  # a speech is no delivery of goods
    "The shares of Halden Motors closed 2 percent lower on Monday.",  # a market move, not a closure
    "Lisa Marr quit smoking on Monday.",
    "The firm cut costs in order to compete on Monday.",  # "in order to" is no order
    "Lisa Marr took over as chief executive on Monday.",  # a post, not a purchase
    "Halden Motors sold 95,000 cars in Ostra on Monday.",  # a sales volume, not a change of owner
    "Kardia encouraged Halden Motors to sell its plant on Monday.",  # urged, not done
    "Halden Motors is to close its plant in Ostra, it said on Monday.",  # a plan
]


@pytest.mark.parametrize("text", NOT_EVENTS)
def test_business_look_alikes_make_no_business_event(events_of, text):
    types = {e.type for e in events_of(text)}
    assert not types & {"transaction", "business", "personnel"}, types


def test_ordering_troops_is_neither_a_purchase_nor_a_ruling(events_of):
    assert events_of("Kardia ordered troops into Ostra on Monday.") == []


def test_launching_an_attack_is_an_attack_not_a_product_launch(events_of):
    events = events_of("Kardia launched an attack on Ostra on Monday.")
    assert [e.type for e in events] == ["attack"]


def test_firing_rockets_is_an_attack_and_firing_a_person_is_not(events_of):
    assert [e.type for e in events_of("Kardia fired rockets at Ostra on Monday.")] == ["attack"]
    assert [e.type for e in events_of("Halden Motors fired Tom Brandt on Monday.")] == ["personnel"]
