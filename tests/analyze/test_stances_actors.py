"""Who holds a stance: a name, a pronoun, an office, a group, or the speaker of a quote."""

from __future__ import annotations

import pytest

from storyline.analyze.stances import StancesComponent

PEOPLE = {
    "Ann Lee": ("PERSON", ["Ms Lee"], [("Foreign Minister", "Ruritania")]),
    "Tom Ray": ("PERSON", ["Mr Ray"], [("Foreign Minister", "Kardia")]),
    "Ruritania": ("GPE", []),
    "Kardia": ("GPE", []),
    "Kardian": ("NORP", []),
}


@pytest.fixture(scope="module")
def actors_of(model_nlp, hand_doc):
    component = StancesComponent(model_nlp)

    def run(text: str, quotes=None) -> list[tuple[str, str | None]]:
        doc = component(hand_doc(text, PEOPLE, quotes=quotes))
        return [(s.actor, s.actor_entity) for s in doc._.stances]

    return run


def test_stances_actor_by_office_of_a_country(actors_of):
    assert actors_of("Ruritania's foreign minister called for a ceasefire.") == [("Ann Lee", "ann-lee")]
    assert actors_of("Kardia's foreign minister called for a ceasefire.") == [("Tom Ray", "tom-ray")]


def test_stances_office_shared_by_two_people_without_a_country_is_unresolved(actors_of):
    assert actors_of("The foreign minister called for a ceasefire.") == []


def test_stances_pronoun_is_the_last_person_of_that_gender(actors_of):
    assert actors_of("Ms Lee met Mr Ray. She called for a ceasefire.") == [("Ann Lee", "ann-lee")]
    assert actors_of("Mr Ray met Ms Lee. He called for a ceasefire.") == [("Tom Ray", "tom-ray")]


def test_stances_group_noun_stands_for_its_country(actors_of):
    assert actors_of("Kardian officials rejected the border treaty.") == [("Kardian", "kardian")]


def test_stances_first_person_in_a_quote_is_its_speaker(actors_of):
    passage = "We oppose any amnesty,"
    assert actors_of(f'"{passage}" Mr Ray said.', quotes={passage: "Tom Ray"}) == [("Tom Ray", "tom-ray")]


def test_stances_need_a_named_actor(actors_of):
    assert actors_of("Many residents called for a ceasefire.") == []
