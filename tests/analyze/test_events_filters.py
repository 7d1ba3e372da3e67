"""Triggers that are not events a reader would list: negated, planned, quoted, counted, repeated."""

from __future__ import annotations

import pytest

from storyline.analyze.events import EventsComponent

PEOPLE = {
    "Ann Lee": ("PERSON", ["Ms Lee"]),
    "Tom Ray": ("PERSON", ["Mr Ray"]),
    "Ostra": ("GPE", []),
}
TIMES = {"on Monday": ("2025-03-03", "day"), "since Monday": ("2025-03-03", "day", "since")}


@pytest.fixture(scope="module")
def types_of(model_nlp, hand_doc):
    component = EventsComponent(model_nlp)

    def run(text: str, quotes=None) -> list[str]:
        doc = component(hand_doc(text, PEOPLE, TIMES, quotes=quotes))
        return [e.type for e in doc._.events]

    return run


@pytest.mark.parametrize("text", [
    "Ann Lee did not meet Tom Ray on Monday.",
    "Ann Lee will visit Ostra on Monday.",
    "Ann Lee plans to visit Ostra on Monday.",
    "If Ann Lee visits Ostra, Tom Ray will resign.",
    "Ann Lee has made five trips to Ostra.",
    "Ann Lee said the talks were useful.",
    "At least 40 people have been killed in Ostra since Monday.",
    "Tom Ray met the deadline on Monday.",
])
def test_events_not_reported(types_of, text):
    assert types_of(text) == []


def test_events_said_is_a_statement_only_when_dated_or_placed(types_of):
    assert types_of("Ann Lee said the talks were useful.") == []
    assert types_of("Ann Lee said on Monday that the talks were useful.") == ["statement"]
    assert types_of("Ann Lee said in Ostra that the talks were useful.") == ["statement"]


def test_events_inside_a_direct_quote_are_not_reported(types_of):
    text = '"We met Tom Ray in Ostra on Monday," Ann Lee said.'
    assert types_of(text, quotes={"We met Tom Ray in Ostra on Monday,": "Ann Lee"}) == []


def test_events_a_definite_noun_retells_the_event_before_it(types_of):
    text = "Thousands of people marched through Ostra on Monday. Police said the march was peaceful."
    assert types_of(text) == ["protest"]


def test_events_one_event_for_triggers_telling_one_happening(types_of):
    assert types_of("On Monday, Ostra militants killed two guards in an attack on a depot.") == ["attack"]


@pytest.mark.parametrize("text", [
    "Workers went on strike in Ostra on Monday.",
    "Ostra Telecom won a takeover battle on Monday.",
    "Tom Ray's side clashed with Ostra United on Monday.",
])
def test_events_unarmed_strikes_battles_and_clashes_are_no_attacks(types_of, text):
    assert "attack" not in types_of(text)
