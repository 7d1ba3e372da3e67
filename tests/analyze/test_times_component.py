"""The times component on hand-made sentences: spans, tense, relations, precision.

Publication day in these tests: Wednesday, January 10, 2024 (unless stated).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from storyline.model import TimeExpr

TimeFigDoc = Callable[..., Doc]


def times(doc: Doc) -> dict[str, TimeExpr]:
    """The time expressions of ``doc`` by their text."""
    return {t.text: t for t in doc._.times}


def value_of(doc: Doc, text: str) -> str | None:
    found = [t for t in doc._.times if text in t.text]
    assert found, f"no time expression with {text!r} in {[t.text for t in doc._.times]}"
    return found[0].value


def test_spans_point_at_the_text(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("The council met on Tuesday and will meet again next week.")
    assert doc._.times, "no time expression found"
    for t in doc._.times:
        assert doc.text[t.span[0]:t.span[1]] == t.text
    assert [t.span for t in doc._.times] == sorted(t.span for t in doc._.times)
    assert "on Tuesday" in times(doc)


def test_weekday_in_a_past_sentence_is_the_one_before(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("The harbour master resigned on Friday after the storm.")
    assert value_of(doc, "Friday") == "2024-01-05"


def test_weekday_in_a_future_sentence_is_the_one_after(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("The harbour master will resign on Friday.")
    assert value_of(doc, "Friday") == "2024-01-12"


def test_infinitive_looks_ahead(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("In an interview to air on Thursday, the mayor defended the budget.")
    assert value_of(doc, "Thursday") == "2024-01-11"


def test_reported_would_looks_ahead(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("Her office said she would travel to the coast on Friday.")
    assert value_of(doc, "Friday") == "2024-01-12"


def test_month_day_without_year_is_the_last_one_before_publication(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("Fighting has continued since October 7, when the dam first cracked.")
    t = next(t for t in doc._.times if "October 7" in t.text)
    assert t.value == "2023-10-07"
    assert t.relation == "since"
    assert t.text == "since October 7"
    assert t.precision == "day"


def test_month_day_in_a_future_sentence(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("The new bridge will open on March 2.")
    assert value_of(doc, "March 2") == "2024-03-02"


def test_month_alone(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("He made a similar visit in December.")
    t = next(t for t in doc._.times if "December" in t.text)
    assert (t.value, t.precision) == ("2023-12", "month")


def test_deictic_and_relative_expressions(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("The river rose yesterday, two days ago it was calm, and last week it was frozen. "
                      "This year has been wet, and the mayor expects more rain in the months ahead.")
    assert value_of(doc, "yesterday") == "2024-01-09"
    assert value_of(doc, "two days ago") == "2024-01-08"
    last_week = next(t for t in doc._.times if "last week" in t.text)
    assert (last_week.value, last_week.precision) == ("2024-W01", "week")
    assert value_of(doc, "This year") == "2024"
    assert value_of(doc, "months ahead") == "FUTURE_REF"


def test_clock_time_joins_its_date(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("Updated: January 9, 2024, 9:35 AM\n\nThe ferry left at 15:00 GMT on Saturday.")
    stamp = next(t for t in doc._.times if "9:35" in t.text)
    assert stamp.text == "January 9, 2024, 9:35 AM"
    assert (stamp.value, stamp.precision) == ("2024-01-09T09:35", "minute")
    assert value_of(doc, "15:00") == "2024-01-06T15:00"


def test_until_and_by_give_a_relation(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("The road stays closed until Friday and repairs must finish by March 30.")
    friday = next(t for t in doc._.times if "Friday" in t.text)
    assert (friday.relation, friday.value) == ("until", "2024-01-12")
    assert next(t for t in doc._.times if "March 30" in t.text).relation == "until"


def test_no_publication_date_leaves_relative_values_empty(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("The council met on Tuesday, and the plan dates from June 2019.", published="")
    assert value_of(doc, "Tuesday") is None
    assert value_of(doc, "June 2019") == "2019-06"


def test_ages_and_frequencies_are_not_times(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("A 45-year-old fisherman, who sails twice a year and earns £90 a week, was rescued.")
    assert [t.text for t in doc._.times] == []


def test_year_ranges_give_two_years(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("The expedition of 1957-58 crossed the ice.")
    assert {t.value for t in doc._.times} == {"1957", "1958"}
