"""TimeGrammar.normalise: each time form read against an anchor date, no model needed."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline.analyze.time_values import TimeGrammar

# a Wednesday
ANCHOR = dt.date(2024, 1, 10)


@pytest.fixture(scope="module")
def grammar() -> TimeGrammar:
    return TimeGrammar.load()


def read(grammar: TimeGrammar, text: str, anchor: dt.date | None = ANCHOR,
         direction: str | None = None) -> tuple[str | None, str | None] | None:
    found = grammar.normalise(text, anchor, direction)
    return None if found is None else (found.value, found.precision)


@pytest.mark.parametrize(("text", "value", "precision"), [
    ("January 10, 2024", "2024-01-10", "day"),
    ("10 January 2024", "2024-01-10", "day"),
    ("Jan. 5th", "2024-01-05", "day"),
    ("2023-11-30", "2023-11-30", "day"),
    ("December 2023", "2023-12", "month"),
    ("2019", "2019", "year"),
    ("mid-2019", "2019", "year"),
    ("the 1990s", "199", "decade"),
    ("the 20th century", "19", "century"),
    ("the first quarter of 2013", "2013-Q1", "quarter"),
    ("third-quarter", "2024-Q3", "quarter"),
    ("summer 2012", "2012-SU", "season"),
    ("June last year", "2023-06", "month"),
])
def test_absolute_forms(grammar: TimeGrammar, text: str, value: str, precision: str) -> None:
    assert read(grammar, text) == (value, precision)


@pytest.mark.parametrize(("text", "value", "precision"), [
    ("yesterday", "2024-01-09", "day"),
    ("today", "2024-01-10", "day"),
    ("tomorrow", "2024-01-11", "day"),
    ("last night", "2024-01-09", "day"),
    ("this morning", "2024-01-10", "day"),
    ("two days ago", "2024-01-08", "day"),
    ("a week ago", "2024-01-03", "day"),
    ("three years ago", "2021", "year"),
    ("last week", "2024-W01", "week"),
    ("this week", "2024-W02", "week"),
    ("next week", "2024-W03", "week"),
    ("last weekend", "2024-W01-WE", "week"),
    ("this month", "2024-01", "month"),
    ("last month", "2023-12", "month"),
    ("earlier this month", "2024-01", "month"),
    ("this year", "2024", "year"),
    ("last year", "2023", "year"),
    ("next year", "2025", "year"),
    ("last summer", "2023-SU", "season"),
    ("the end of the year", "2024", "year"),
])
def test_relative_forms(grammar: TimeGrammar, text: str, value: str, precision: str) -> None:
    assert read(grammar, text) == (value, precision)


@pytest.mark.parametrize(("text", "direction", "value"), [
    ("Tuesday", "past", "2024-01-09"),
    ("Tuesday", None, "2024-01-09"),
    ("Friday", "past", "2024-01-05"),
    ("Friday", "future", "2024-01-12"),
    ("Wednesday", "future", "2024-01-10"),  # the publication day itself
    ("last Tuesday", "future", "2024-01-09"),
    ("next Tuesday", "past", "2024-01-16"),
    ("October 7", "past", "2023-10-07"),
    ("October 7", None, "2023-10-07"),
    ("October 7", "future", "2024-10-07"),
    ("December", "past", "2023-12"),
    ("December", None, "2023-12"),  # nearer than next December
    ("June", "future", "2024-06"),
    ("Tuesday, January 9", "future", "2024-01-09"),  # the weekday settles the year
    ("Friday", "ahead", "2024-01-12"),  # "until Friday"
])
def test_tense_picks_the_occurrence(grammar: TimeGrammar, text: str, direction: str | None,
                                    value: str) -> None:
    found = grammar.normalise(text, ANCHOR, direction)
    assert found is not None and found.value == value


@pytest.mark.parametrize(("text", "value", "precision"), [
    ("9:35 AM", "2024-01-10T09:35", "minute"),
    ("January 10, 2024, 9:35 AM", "2024-01-10T09:35", "minute"),
    ("15:00 GMT Saturday", "2024-01-06T15:00", "minute"),
    ("9 a.m.", "2024-01-10T09:00", "hour"),
    ("twenty past five", "2024-01-10T05:20", "minute"),
])
def test_clock_times(grammar: TimeGrammar, text: str, value: str, precision: str) -> None:
    assert read(grammar, text) == (value, precision)


@pytest.mark.parametrize(("text", "value"), [
    ("two years", "P2Y"),
    ("the past two years", "P2Y"),
    ("four-week", "P4W"),
    ("several days", "PXD"),
    ("24 hours", "PT24H"),
    ("a decade", "P1DE"),
])
def test_durations(grammar: TimeGrammar, text: str, value: str) -> None:
    assert read(grammar, text) == (value, "duration")


@pytest.mark.parametrize(("text", "value"), [
    ("now", "PRESENT_REF"), ("currently", "PRESENT_REF"), ("the months ahead", "FUTURE_REF"),
    ("the past", "PAST_REF"),
])
def test_references_to_present_past_future(grammar: TimeGrammar, text: str, value: str) -> None:
    assert read(grammar, text) == (value, None)


def test_without_anchor_relative_values_stay_unknown(grammar: TimeGrammar) -> None:
    assert read(grammar, "yesterday", None) == (None, "day")
    assert read(grammar, "October 7", None) == (None, "day")
    assert read(grammar, "last week", None) == (None, "week")
    assert read(grammar, "October 7, 2023", None) == ("2023-10-07", "day")


@pytest.mark.parametrize("text", ["45-year-old", "the day", "daily", "banana", "two years later"])
def test_unreadable_or_unanchored(grammar: TimeGrammar, text: str) -> None:
    found = grammar.normalise(text, ANCHOR)
    assert found is None or found.value is None
