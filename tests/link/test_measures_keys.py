"""Measure keys: which reported figures measure the same thing."""

from __future__ import annotations

import pytest

from storyline.link.measures import PersonMention, actor_of, concept_words, destination_of, measure_of
from storyline.link.words import LinkData, load_link_data


@pytest.fixture(scope="module")
def data() -> LinkData:
    return load_link_data()


@pytest.mark.parametrize("what", ["people killed", "deaths", "death toll", "people died", "killed", "dead"])
def test_ways_of_counting_deaths_are_one_measure(data: LinkData, what: str) -> None:
    assert concept_words(what, anchored=False, data=data)[0] == ("death",)


def test_a_demonym_drops_out_only_when_place_or_date_anchor_the_measure(data: LinkData) -> None:
    assert concept_words("Palestinians killed", True, data) == concept_words("people killed", True, data)
    assert concept_words("Israelis killed", False, data) != concept_words("Palestinians killed", False, data)


def test_different_victims_are_different_measures(data: LinkData) -> None:
    assert concept_words("children killed", True, data) != concept_words("people killed", True, data)
    assert concept_words("people injured", True, data) != concept_words("people killed", True, data)


def test_units_and_currencies_are_not_what_is_counted(data: LinkData) -> None:
    assert concept_words("millimetres of rain", False, data) == (("rain",), ("millimetre",))
    figure = {"span": [0, 4], "value": 4.5e6, "what": "USD", "as_of": "2025-03-05"}
    assert measure_of(figure, "$4.5m was released.", [], data) is None


def test_since_date_makes_a_count_cumulative_and_part_of_the_key(data: LinkData) -> None:
    base = {"span": [0, 2], "value": 31, "what": "people killed", "as_of": "2025-03-05"}
    plain = measure_of(base, "31 people were killed.", [], data)
    since = measure_of({**base, "since": "2025-03-03"}, "31 people were killed.", [], data)
    assert plain is not None and since is not None
    assert since.cumulative and plain.cumulative  # deaths only grow, dated or not
    assert plain.id != since.id


def test_the_actor_of_a_trip_is_the_person_named_before_it(data: LinkData) -> None:
    text = "Envoy Mara Holt met Tom Reed. Later she said it was her fourth trip to the region."
    people = [PersonMention(6, 15, "holt", "Mara Holt"), PersonMention(20, 28, "reed", "Tom Reed")]
    fourth = text.index("fourth")
    assert actor_of(fourth, text, people).entity == "reed"  # type: ignore[union-attr]
    text2 = "Envoy Mara Holt arrived. It was her fourth trip to the region."
    assert actor_of(text2.index("fourth"), text2, people[:1]).entity == "holt"  # type: ignore[union-attr]
    assert actor_of(text2.index("fourth"), "It was a fourth trip.", []) is None


def test_where_trips_go_separates_their_counts(data: LinkData) -> None:
    text = "his fourth trip to the region since October 7 and his fifth trip to Sudria."
    assert destination_of(text.index("fourth") + 6, text, ("trip",), data) == "region"
    assert destination_of(text.index("fifth") + 5, text, ("trip",), data) == "sudria"
