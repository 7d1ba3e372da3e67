"""A figure's ``where``: a place attached to its clause or counted noun, never one guessed from elsewhere."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from storyline.model import Figure

TimeFigDoc = Callable[..., Doc]


def figure(doc: Doc, text: str) -> Figure:
    found = [f for f in doc._.figures if text in f.text]
    assert len(found) == 1, f"{text!r} in {[f.text for f in doc._.figures]}"
    return found[0]


def test_place_of_the_verb_of_the_count(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("The earthquake killed 40 people in Lima on Tuesday.")
    assert figure(doc, "40").where == "Lima"


def test_place_of_a_verb_the_count_is_subject_of(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("Nineteen people are now known to have died in Chile.")
    assert figure(doc, "Nineteen").where == "Chile"


def test_people_evacuated_from_a_place(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("About 4,000 people were evacuated from Lima on Monday.")
    assert figure(doc, "4,000").where == "Lima"


def test_a_clause_about_the_place_itself(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("The minister spoke in Lima, where about 300 houses were destroyed.")
    assert figure(doc, "300").where == "Lima"


def test_a_place_elsewhere_in_the_sentence_is_not_the_figure_s(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("The minister, who flew in from Lima, said 30 people had died in the region.")
    assert figure(doc, "30").where is None


def test_a_place_in_another_sentence_is_not_used(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("The storm reached Lima on Monday. Officials said 12 people had died.")
    assert figure(doc, "12").where is None


def test_a_common_noun_named_by_a_place(timefig_doc: TimeFigDoc) -> None:
    doc = timefig_doc("About 60 people are still missing in the Lima region, officials said.")
    assert figure(doc, "60").where == "Lima region"
