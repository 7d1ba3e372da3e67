"""Where an event happened, and the PLOVER categories the lexicon maps to."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from storyline.analyze.events import EventsComponent

PEOPLE = {
    "Ann Lee": ("PERSON", ["Ms Lee"]),
    "Tom Ray": ("PERSON", ["Mr Ray"]),
    "Kardia": ("GPE", []),
    "Ostra": ("GPE", []),
    "Lorent Security Forum": ("EVENT", []),
}
# PLOVER v0.7's event categories (openeventdata/PLOVER README)
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "INVESTIGATE", "DEMAND",
          "DISAPPROVE", "REJECT", "THREATEN", "SANCTION", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT"}


@pytest.fixture(scope="module")
def places(model_nlp, hand_doc):
    component = EventsComponent(model_nlp)

    def run(text: str) -> list[tuple[str, str | None]]:
        doc = component(hand_doc(text, PEOPLE, {"on Monday": ("2025-03-03", "day")}))
        return [(e.type, e.where) for e in doc._.events]

    return run


@pytest.mark.parametrize(("text", "where"), [
    ("Ann Lee met Tom Ray in Ostra on Monday.", "Ostra"),
    ("Ann Lee made her first trip to Ostra on Monday.", "Ostra"),
    ("Ann Lee visited Ostra on Monday.", "Ostra"),
    ("Ann Lee called for calm on Monday at the Lorent Security Forum.", "Lorent Security Forum"),
    ("On Monday, Kardia bombed a depot in southern Ostra.", "southern Ostra"),
    ("Ann Lee met Tom Ray at the Molvo sports hall on Monday.", "Molvo sports hall"),
    ("Police arrested Tom Ray at his home in Ostra on Monday.", "Ostra"),
])
def test_events_place_from_a_locative_phrase(places, text, where):
    assert [w for _, w in places(text)] == [where]


def test_events_place_needs_a_named_place(places):
    assert places("Ann Lee met Tom Ray in the afternoon on Monday.") == [("meeting", None)]


def test_events_lexicon_maps_only_to_plover_categories():
    path = resources.files("storyline.analyze").joinpath("lexicons/events_triggers.toml")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    used = {spec.get("plover", "") for spec in data["types"].values()}
    used |= {v for spec in data["types"].values() for v in spec.get("plover_by_lemma", {}).values()}
    assert used - {""} <= PLOVER
