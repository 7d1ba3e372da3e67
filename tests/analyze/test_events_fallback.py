"""An event with no time of its own takes the date of the clause it is told against, else publication's."""

from __future__ import annotations

import pytest

from storyline.analyze.events import EventsComponent

PEOPLE = {
    "Ann Lee": ("PERSON", ["Ms Lee"]),
    "Tom Ray": ("PERSON", ["Mr Ray"]),
    "Kardia": ("GPE", []),
    "Ostra": ("GPE", []),
    "Green Party": ("ORG", []),
}
TIMES = {
    "on Tuesday": ("2025-03-04", "day"),
}


@pytest.fixture(scope="module")
def dated(model_nlp, hand_doc):
    component = EventsComponent(model_nlp)

    def run(text: str) -> list[tuple[str, str | None]]:
        doc = component(hand_doc(text, PEOPLE, TIMES, published="2025-03-05"))
        return [(e.trigger, e.date.value) for e in doc._.events]

    return run


def test_reported_pluperfect_takes_the_date_of_the_saying(dated):
    events = dated("Ann Lee said on Tuesday that Tom Ray had visited Ostra.")
    assert [d for t, d in events if "visited" in t] == ["2025-03-04"]


def test_reported_pluperfect_without_a_time_takes_the_publication_date(dated):
    events = dated("Ann Lee said that Tom Ray had visited Ostra.")
    assert [d for t, d in events if "visited" in t] == ["2025-03-05"]


def test_a_progressive_relative_clause_happens_when_its_clause_does(dated):
    events = dated("Ann Lee signed the deal on Tuesday with Tom Ray, who was making his third visit "
                   "to Ostra.")
    assert [d for t, d in events if "visit" in t] == ["2025-03-04"]


def test_an_after_clause_takes_the_date_of_its_main_clause(dated):
    events = dated("The bill passed on Tuesday after the Green Party voted in favour.")
    assert [d for t, d in events if "voted" in t] == ["2025-03-04"]


def test_since_and_described_pasts_stay_undated(dated):
    events = dated("Prices have soared since Kardia invaded Ostra. Mr Ray praised the leaders he met.")
    assert ("invaded", None) in events
    assert ("met", None) in events
