"""Country names, short forms and demonyms normalise through packaged data."""

from __future__ import annotations

import pytest

from storyline.analyze.entity_types import load_type_lexicon
from storyline.analyze.gazetteer import Gazetteer, load_gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer(load_type_lexicon().demonyms)


@pytest.mark.parametrize(("text", "country"), [
    ("UK", "United Kingdom"), ("U.K.", "United Kingdom"), ("Brazil's", "Brazil"), ("Brazilian", "Brazil"),
    ("Brazilians", "Brazil"), ("French", "France"), ("German", "Germany"), ("Germany’s", "Germany"),
    ("the Netherlands", "Netherlands"), ("Dutch", "Netherlands"), ("American", "United States"),
    ("Saudi", "Saudi Arabia"), ("Emirati", "United Arab Emirates"),
])
def test_country_forms(gaz, text, country):
    assert gaz.country(text) == country


def test_ambiguous_or_unknown_forms_name_no_country(gaz):
    assert gaz.country("LA") is None  # not Laos
    assert gaz.country("Casmeria") is None
    assert gaz.country_name("French") is None  # a demonym, not a name
    # A first word shared with a country's name is no demonym ("New Zealander", "Norfolk Islander").
    assert gaz.country("New") is None and gaz.country("Norfolk") is None


def test_places_come_from_the_city_list(gaz):
    assert gaz.is_place("Cape Town") and gaz.is_place("Rio de Janeiro")
    assert not gaz.is_place("Ada Lind")
