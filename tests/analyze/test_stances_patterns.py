"""Each stance pattern: for, against, refusal, opposition, "support X but not Y", evaluation, implied."""

from __future__ import annotations

import pytest

from storyline.analyze.stances import StancesComponent

PEOPLE = {
    "Ann Lee": ("PERSON", ["Ms Lee"], [("Foreign Minister", "Ruritania")]),
    "Tom Ray": ("PERSON", ["Mr Ray"], [("Prime Minister", "Kardia")]),
    "Jon Park": ("PERSON", ["Mr Park"], [("spokesman", "")]),
    "Ruritania": ("GPE", []),
    "Kardia": ("GPE", []),
    "Ostra": ("GPE", []),
}


@pytest.fixture(scope="module")
def stances_of(model_nlp, hand_doc):
    component = StancesComponent(model_nlp)

    def run(text: str, quotes=None):
        doc = component(hand_doc(text, PEOPLE, quotes=quotes))
        return doc, list(doc._.stances)

    return run


def triples(stances) -> set[tuple[str, str, str]]:
    return {(s.actor, s.topic, s.stance) for s in stances}


@pytest.mark.parametrize(("text", "expected"), [
    ("Ann Lee called for an immediate ceasefire in Ostra.", ("Ann Lee", "ceasefire in ostra", "for")),
    ("Ann Lee backs the new dam.", ("Ann Lee", "dam", "for")),
    ("Ann Lee welcomed the independent inquiry.", ("Ann Lee", "independent inquiry", "for")),
    ("Tom Ray opposes a general amnesty.", ("Tom Ray", "amnesty", "against")),
    ("Tom Ray rejected calls for an independent inquiry.", ("Tom Ray", "independent inquiry", "against")),
    ("Tom Ray refused to call for a ceasefire.", ("Tom Ray", "ceasefire", "against")),
    ("Tom Ray does not support a state of emergency.", ("Tom Ray", "state of emergency", "against")),
    ("Tom Ray said there was no need for an independent inquiry.",
     ("Tom Ray", "independent inquiry", "against")),
    ("Kardia's prime minister is set on prolonging the offensive.", ("Tom Ray", "ceasefire", "against")),
])
def test_stances_pattern(stances_of, text, expected):
    doc, stances = stances_of(text)
    assert triples(stances) == {expected}
    span = stances[0].span
    assert expected[0].split()[-1] in doc.text[span[0]:span[1]] or "minister" in doc.text[span[0]:span[1]]


def test_stances_opposition_noun_is_held_by_the_speaker_and_the_owner(stances_of):
    _, stances = stances_of("Jon Park said nothing had changed in Kardia's opposition to a ceasefire.")
    assert triples(stances) == {("Jon Park", "ceasefire", "against"), ("Kardia", "ceasefire", "against")}


def test_stances_support_one_thing_but_not_another_in_a_quote(stances_of):
    passage = "We support evacuation corridors, but not a full truce,"
    _, stances = stances_of(f'"{passage}" Mr Park told reporters.', quotes={passage: "Jon Park"})
    assert triples(stances) == {("Jon Park", "evacuation corridor", "for"),
                                ("Jon Park", "truce", "against")}


def test_stances_a_quote_naming_no_topic_gives_none(stances_of):
    passage = "We must prepare the future and do what is needed,"
    _, stances = stances_of(f'"{passage}" Ann Lee said.', quotes={passage: "Ann Lee"})
    assert stances == []


def test_stances_evaluation_in_reported_speech(stances_of):
    _, stances = stances_of('Tom Ray said a nationwide curfew was "neither necessary nor proportionate".')
    assert triples(stances) == {("Tom Ray", "nationwide curfew", "against")}


def test_stances_evaluation_in_a_quote(stances_of):
    passage = "An independent inquiry is now the right course."
    _, stances = stances_of(f'"{passage}" Ms Lee said.', quotes={passage: "Ann Lee"})
    assert triples(stances) == {("Ann Lee", "independent inquiry", "for")}


def test_stances_coordinated_topics_each_count(stances_of):
    _, stances = stances_of("Ann Lee called for a ceasefire and a political solution for Ostra.")
    assert triples(stances) == {("Ann Lee", "ceasefire", "for"),
                                ("Ann Lee", "political solution for ostra", "for")}


def test_stances_asking_someone_to_resign(stances_of):
    _, stances = stances_of("Ann Lee called on the prime minister, Tom Ray, to resign. "
                            "Mr Ray said he would not resign.")
    assert triples(stances) == {("Ann Lee", "resignation of tom ray", "for"),
                                ("Tom Ray", "resignation of tom ray", "against")}


def test_stances_one_per_actor_topic_and_side(stances_of):
    _, stances = stances_of("Ann Lee backs the dam. Ms Lee has long backed the dam.")
    assert len(stances) == 1
