"""Name variants of one person join into one entity; different people stay apart."""

from __future__ import annotations

from storyline.model import Entity


def person(entities: list[Entity], name: str) -> Entity:
    found = [e for e in entities if e.type == "PERSON" and e.name == name]
    assert len(found) == 1, [(e.name, e.type) for e in entities]
    return found[0]


def mention_texts(text: str, entity: Entity) -> list[str]:
    for m in entity.mentions:
        assert text[m.span[0]:m.span[1]] == m.text
    return [m.text for m in entity.mentions]


def test_full_name_courtesy_title_and_office_join(entities_of):
    text = ("Interior Minister Dorota Falk visited the flooded town on Monday. "
            "Ms Falk said rescuers had reached every street. "
            "The minister promised more boats by Friday.")
    entities = entities_of(text)
    falk = person(entities, "Dorota Falk")
    assert mention_texts(text, falk) == ["Dorota Falk", "Ms Falk", "The minister"]
    assert [e.name for e in entities if e.type == "PERSON"] == ["Dorota Falk"]


def test_same_surname_different_given_names_stay_apart(entities_of):
    text = ("Anna Lorenz and Pavel Lorenz run the farm outside the village. "
            "Pavel Lorenz said the harvest was poor. Anna Lorenz said prices had fallen.")
    entities = entities_of(text)
    anna, pavel = person(entities, "Anna Lorenz"), person(entities, "Pavel Lorenz")
    assert anna.id != pavel.id
    assert len(anna.mentions) == 2 and len(pavel.mentions) == 2


def test_courtesy_title_goes_to_the_nearest_person_named_before(entities_of):
    text = ("Anna Lorenz runs the farm. Her brother Pavel Lorenz sells the grain. "
            "Mr Lorenz said prices had fallen.")
    entities = entities_of(text)
    assert "Mr Lorenz" in mention_texts(text, person(entities, "Pavel Lorenz"))
    assert "Mr Lorenz" not in mention_texts(text, person(entities, "Anna Lorenz"))


def test_canonical_name_is_the_fullest_form_even_when_it_comes_later(entities_of):
    text = ("Mr Dallow arrived late. Later Prime Minister Erik Dallow told reporters "
            "that Mr Dallow's government would act.")
    entities = entities_of(text)
    dallow = person(entities, "Erik Dallow")
    assert mention_texts(text, dallow)[0] == "Mr Dallow"


def test_prince_with_given_name_joins_the_full_name(entities_of):
    text = ("Crown Prince Tariq bin Hamad visited the site on Sunday. "
            "Prince Tariq said the plan would go ahead.")
    entities = entities_of(text)
    tariq = person(entities, "Tariq bin Hamad")
    assert "Prince Tariq" in mention_texts(text, tariq)


def test_rank_stays_in_the_mention_and_out_of_the_name(entities_of):
    text = ("Army spokesman Maj Gen Pat Ordway said troops had left. "
            "\"We will not go back,\" Maj Gen Ordway said.")
    entities = entities_of(text)
    ordway = person(entities, "Pat Ordway")
    assert "Maj Gen Ordway" in mention_texts(text, ordway)


def test_definite_title_joins_only_an_unambiguous_holder(entities_of):
    one = ("Health Minister Lena Moss opened the clinic. The minister said it would treat 200 people a day.")
    moss = person(entities_of(one), "Lena Moss")
    assert "The minister" in mention_texts(one, moss)
    two = ("Health Minister Lena Moss met Finance Minister Ivo Brand. The minister said talks went well.")
    entities = entities_of(two)
    for name in ("Lena Moss", "Ivo Brand"):
        assert "The minister" not in mention_texts(two, person(entities, name))


def test_surname_the_model_tags_as_a_place_joins_the_person(entities_of):
    text = "Foreign Minister Jonas Terrek flew home on Monday. Terrek in talks on the border."
    entities = entities_of(text, labels={"Jonas Terrek": "PERSON", "Terrek#2": "GPE"})
    terrek = person(entities, "Jonas Terrek")
    assert mention_texts(text, terrek) == ["Jonas Terrek", "Terrek"]
    assert not [e for e in entities if e.type == "GPE"]


def test_courtesy_titles_of_different_genders_are_different_people(entities_of):
    text = "Mr Varga and Mrs Varga met the mayor. Mrs Varga said the road was closed."
    entities = [e for e in entities_of(text) if e.type == "PERSON"]
    by_name = {e.name: mention_texts(text, e) for e in entities}
    assert by_name["Mrs Varga"] == ["Mrs Varga", "Mrs Varga"]
    assert by_name["Mr Varga"] == ["Mr Varga"]
