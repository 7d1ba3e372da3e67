"""The figures component on hand-made sentences: number forms, qualifiers, ranges, ordinals, money.

Publication day in these tests: Wednesday, January 10, 2024.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from storyline.model import Figure

TimeFigDoc = Callable[..., Doc]


def figure(doc: Doc, text: str) -> Figure:
    """The one figure whose text contains ``text``; its span must point at its text."""
    found = [f for f in doc._.figures if text in f.text]
    assert len(found) == 1, f"{text!r} in {[f.text for f in doc._.figures]}"
    f = found[0]
    assert doc.text[f.span[0]:f.span[1]] == f.text
    return f


@pytest.mark.parametrize(("sentence", "text", "value"), [
    ("Rescuers pulled 28,800 sandbags from the river.", "28,800", 28800),
    ("Twelve fishermen were rescued from the sea.", "Twelve", 12),
    ("The region is home to 1.4 million farmers.", "1.4 million", 1_400_000),
    ("The storm damaged twenty-three schools.", "twenty-three", 23),
    ("Volunteers handed out two hundred and fifty blankets.", "two hundred and fifty", 250),
    ("The charity fed a dozen families.", "a dozen", 12),
])
def test_number_forms(timefig_doc: TimeFigDoc, sentence: str, text: str, value: float) -> None:
    f = figure(timefig_doc(sentence), text)
    assert f.value == value
    assert f.qualifier == "exact"
    assert (f.low, f.high) == (value, value)


@pytest.mark.parametrize(("sentence", "text", "qualifier", "low", "high"), [
    ("More than 300 houses were flooded.", "More than 300", "more than", 300, None),
    ("Over 300 houses were flooded.", "Over 300", "more than", 300, None),
    ("About 1,200 workers lost their jobs.", "About 1,200", "about", None, None),
    ("Some 1,200 workers lost their jobs.", "Some 1,200", "about", None, None),
    ("At least 40 villagers were killed.", "At least 40", "at least", 40, None),
    ("Nearly 27,000 residents were displaced.", "Nearly 27,000", "nearly", None, 27000),
    ("Up to 60 millimetres of rain may fall.", "Up to 60", "up to", None, 60),
    ("Fewer than 20 boats returned to port.", "Fewer than 20", "less than", None, 20),
])
def test_qualifiers(timefig_doc: TimeFigDoc, sentence: str, text: str, qualifier: str,
                    low: float | None, high: float | None) -> None:
    f = figure(timefig_doc(sentence), text)
    assert f.qualifier == qualifier
    assert (f.low, f.high) == (low, high)
    assert f.text == text


@pytest.mark.parametrize(("sentence", "text"), [
    ("Between 200 and 300 protesters gathered outside the court.", "Between 200 and 300"),
    ("The agency estimated that 20,000 to 25,000 people were displaced.", "20,000 to 25,000"),
])
def test_ranges(timefig_doc: TimeFigDoc, sentence: str, text: str) -> None:
    doc = timefig_doc(sentence)
    f = figure(doc, text)
    assert f.text == text
    assert f.qualifier == "between"
    assert f.low < f.high
    assert f.value == f.low
    assert len(doc._.figures) == 1


def test_twice_is_a_count_of_events(timefig_doc: TimeFigDoc) -> None:
    f = figure(timefig_doc("The council has twice rejected the harbour plan."), "twice")
    assert (f.value, f.qualifier) == (2, "exact")
    assert f.what is not None and "rejected" in f.what


def test_twice_as_a_multiplier_is_not_a_count(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("The new hall holds twice as many people as the old one.")
    assert [f.text for f in doc._.figures] == []


def test_half_with_a_qualifier(timefig_doc: TimeFigDoc) -> None:
    f = figure(timefig_doc("More than half of the town's residents have left."), "half")
    assert (f.value, f.qualifier) == (0.5, "more than")
    assert f.what == "town's residents"


def test_ordinal_counts(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("The envoy is on her fourth trip to the region. "
                      "This is not the first time she has come.")
    f = figure(doc, "fourth")
    assert (f.value, f.ordinal, f.what) == (4, True, "trip")
    assert not [x for x in doc._.figures if "first" in x.text]


def test_money_is_a_figure_in_units(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("The fund released $4.5 million, and the council added £600m and 2bn euros.")
    dollars = figure(doc, "$4.5 million")
    assert (dollars.value, dollars.what) == (4_500_000, "USD")
    pounds = figure(doc, "£600m")
    assert (pounds.value, pounds.what) == (600_000_000, "GBP")
    euros = figure(doc, "2bn")
    assert (euros.value, euros.what) == (2_000_000_000, "EUR")


def test_percent(timefig_doc: TimeFigDoc) -> None:
    f = figure(timefig_doc("Turnout fell to 45% in the northern districts."), "45")
    assert f.text == "45%"
    assert (f.value, f.what) == (45, "percent")
