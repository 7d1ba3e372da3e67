"""Places the model tags as people or organisations: datelines, "below X", a state's office."""

from __future__ import annotations

from storyline.model import Entity


def typed(entities: list[Entity], name: str) -> str:
    found = [e.type for e in entities if e.name == name]
    assert len(found) == 1, [(e.name, e.type) for e in entities]
    return found[0]


def test_unknown_word_after_a_spatial_preposition_is_a_place(entities_of):
    text = "Searches along the lower river, below Velkor, found four bodies on Saturday."
    entities = entities_of(text, labels={"Velkor": "PERSON"})
    assert typed(entities, "Velkor") == "GPE"


def test_unknown_word_visited_is_a_place(entities_of):
    text = "The envoy said he would visit Velkor on Friday, once the road is passable."
    entities = entities_of(text, labels={"Velkor": "PERSON"})
    assert typed(entities, "Velkor") == "GPE"


def test_visited_person_named_in_full_stays_a_person(entities_of):
    text = "Jonas Varrick met the envoy. The envoy said he would visit Varrick on Friday."
    entities = entities_of(text, labels={"Jonas Varrick": "PERSON", "Varrick#2": "PERSON"})
    assert typed(entities, "Jonas Varrick") == "PERSON"
    assert not [e for e in entities if e.type == "GPE"]


def test_dateline_tagged_as_an_organisation_is_a_place(entities_of):
    text = ("BRESKA, Casmeria (Meridian Wire) - The toll has risen to 31.\n\n"
            "Field kitchens were set up in Breska on Tuesday.")
    entities = entities_of(text, labels={"BRESKA": "ORG", "Casmeria": "GPE", "Breska": "GPE"})
    assert typed(entities, "Breska") == "GPE"


def test_name_before_a_countrys_possessive_is_no_dateline(entities_of):
    text = "According to Il Vento, Casmeria's business newspaper, the plan will cut taxes."
    entities = entities_of(text, labels={"Il Vento": "PERSON", "Casmeria": "GPE"})
    assert [e.type for e in entities if e.name == "Il Vento"] != ["GPE"]


def test_owner_of_a_ministers_office_is_a_state(entities_of):
    text = "LORENT - Casmeria's Energy and Water Minister, Tomas Vell, resigned on Sunday."
    entities = entities_of(text, labels={"Casmeria's Energy and Water Minister": "ORG"})
    assert typed(entities, "Casmeria") == "GPE"
    assert not [e for e in entities if e.name == "Energy"]


def test_portfolio_word_before_and_a_title_is_no_organisation(entities_of):
    text = "Tomas Vell, who resigned as Energy and Water Minister on Sunday, did not attend."
    entities = entities_of(text, labels={"Energy": "ORG"})
    assert not [e for e in entities if e.name == "Energy"]


def test_demonym_spelling_names_the_people(entities_of):
    text = "The Thai team and a Spaniard reached the final in Lorent."
    entities = entities_of(text, labels={"Thai": "NORP", "Spaniard": "NORP"})
    assert typed(entities, "Thai") == "NORP"
    assert typed(entities, "Spaniard") == "NORP"
