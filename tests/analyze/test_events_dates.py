"""An event's date: its own clause's time, the sentence before, the lead, the publication date, or none."""

from __future__ import annotations

import pytest

from storyline.analyze.events import EventsComponent

PEOPLE = {
    "Ann Lee": ("PERSON", ["Ms Lee"]),
    "Tom Ray": ("PERSON", ["Mr Ray"]),
    "Kardia": ("GPE", []),
    "Ruritania": ("GPE", []),
    "Ostra": ("GPE", []),
}
TIMES = {
    "Monday night": ("2025-03-03", "day"),
    "on Monday": ("2025-03-03", "day"),
    "on Tuesday": ("2025-03-04", "day"),
    "in December": ("2024-12", "month"),
    "since Monday": ("2025-03-03", "day", "since"),
}


@pytest.fixture(scope="module")
def dated(model_nlp, hand_doc):
    component = EventsComponent(model_nlp)

    def run(text: str, published: str | None = "2025-03-05") -> list[tuple[str, str | None, str | None]]:
        doc = component(hand_doc(text, PEOPLE, TIMES, published=published))
        return [(e.trigger, e.date.value, e.date.precision) for e in doc._.events]

    return run


def test_events_date_from_the_clause(dated):
    assert dated("Tom Ray visited Ostra in December and met Ann Lee on Tuesday.") == [
        ("visited", "2024-12", "month"), ("met", "2025-03-04", "day")]


def test_events_date_from_the_sentence_before_in_the_paragraph(dated):
    text = "Ann Lee visited Ostra on Monday.\n\nKardia closed its border on Tuesday. Tom Ray met Ann Lee."
    assert ("met", "2025-03-04", "day") in dated(text)


def test_events_date_from_the_lead_when_the_paragraph_has_none(dated):
    text = "Ann Lee visited Ostra on Monday.\n\nAfterwards Tom Ray met Ann Lee."
    assert ("met", "2025-03-03", "day") in dated(text)


def test_events_date_from_publication_when_the_text_has_none(dated):
    assert dated("Tom Ray met Ann Lee.") == [("met", "2025-03-05", "day")]
    assert dated("Tom Ray met Ann Lee.", published=None) == [("met", None, None)]


def test_events_perfect_tense_without_a_date_stays_undated(dated):
    assert dated("Ann Lee visited Ostra on Monday. Tom Ray has met Ann Lee.") == [
        ("visited", "2025-03-03", "day"), ("met", None, None)]


def test_events_background_clause_is_not_dated_by_the_story(dated):
    events = dated("Ann Lee visited Ostra on Monday. Prices have soared since Kardia invaded Ruritania.")
    assert ("invaded", None, None) in events


def test_events_since_is_not_an_event_date(dated):
    assert dated("Tom Ray has met Ann Lee twice since Monday.") == [("met", None, None)]


def test_events_time_in_a_relative_clause_dates_that_clause_only(dated):
    events = dated("Ann Lee visited Ostra on Monday.\n\nTom Ray thanked the leaders he met on Tuesday. "
                   "He praised the leaders he met.")
    assert ("met", "2025-03-04", "day") in events
    assert ("met", None, None) in events


def test_events_date_from_a_clause_modifying_the_event(dated):
    text = "Ann Lee visited Ostra in December.\n\nTom Ray, speaking to reporters on Tuesday, called for calm."
    assert [date for trigger, date, _ in dated(text) if "called for" in trigger] == ["2025-03-04"]


def test_events_time_of_a_relative_clause_does_not_date_the_event(dated):
    text = ("Ann Lee visited Ostra on Tuesday.\n\n"
            "Tom Ray met families at the hall, where they spent Monday night.")
    assert ("met", "2025-03-04", "day") in dated(text)
