"""What a figure counts, where, since when, as of when and who reported it.

Publication day in these tests: Wednesday, January 10, 2024.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from storyline.model import Figure

TimeFigDoc = Callable[..., Doc]


def figure(doc: Doc, text: str) -> Figure:
    found = [f for f in doc._.figures if text in f.text]
    assert len(found) == 1, f"{text!r} in {[f.text for f in doc._.figures]}"
    return found[0]


def test_what_where_since_and_source(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("According to health officials, more than 3,400 people have been killed in Peru "
                      "since March 3.")
    f = figure(doc, "3,400")
    assert f.what == "people killed"
    assert f.where == "Peru"
    assert f.since == "2023-03-03"
    assert f.as_of == "2024-01-10"
    assert f.source is not None and f.source.name == "health officials"
    assert doc.text[f.source.span[0]:f.source.span[1]] == "health officials"


def test_as_of_is_the_date_governing_the_clause(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("Rebels killed about 1,200 villagers on October 7.")
    f = figure(doc, "1,200")
    assert f.as_of == "2023-10-07"
    assert f.what == "villagers killed"


def test_as_of_through_a_clause_hanging_from_a_date(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("The siege began on October 7, when gunmen killed about 1,200 people and seized 240.")
    assert figure(doc, "1,200").as_of == "2023-10-07"
    seized = figure(doc, "240")
    assert seized.as_of == "2023-10-07"
    assert seized.what == "people"


def test_as_of_from_the_reporting_verb(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("The agency said on Tuesday that 30 people had died.")
    f = figure(doc, "30")
    assert f.as_of == "2024-01-09"
    assert f.source is not None and f.source.name == "agency"


def test_as_of_defaults_to_publication_and_since_stays_apart(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("The envoy has made five trips to the region since October 7.")
    f = figure(doc, "five")
    assert (f.value, f.since, f.as_of) == (5, "2023-10-07", "2024-01-10")


def test_since_from_a_since_clause(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("More than 500 homes have been destroyed since the river burst its banks "
                      "on December 2.")
    f = figure(doc, "500")
    assert f.since == "2023-12-02"
    assert f.as_of == "2024-01-10"


def test_no_publication_date_and_no_time_leaves_as_of_empty(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("More than 500 homes were destroyed.", published="")
    assert figure(doc, "500").as_of is None


def test_source_is_the_subject_of_a_report_verb(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("Police said 12 people were arrested after the match.")
    f = figure(doc, "12")
    assert f.source is not None and f.source.name == "Police"
    assert f.what == "people arrested"


def test_a_subject_that_cannot_report_is_no_source(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("The damage put the bill at 3 million crowns.")
    assert figure(doc, "3 million").source is None


def test_source_of_a_figure_inside_a_quote(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc('"We have counted 40 bodies so far," said Anna Kowalski, the mayor of the town.')
    f = figure(doc, "40")
    assert f.source is not None and f.source.name == "Anna Kowalski"


def test_where_from_a_possessive_place(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("Nearly half of Kenya's population lives in rural areas.")
    f = figure(doc, "half")
    assert f.where == "Kenya"
