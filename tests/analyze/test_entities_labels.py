"""One name, one label: a PERSON tag needs person evidence (a title, a known given name)."""

from __future__ import annotations

from storyline.model import Entity


def named(entities: list[Entity], name: str) -> list[Entity]:
    return [e for e in entities if e.name == name]


def texts(text: str, entity: Entity) -> list[str]:
    for m in entity.mentions:
        assert text[m.span[0]:m.span[1]] == m.text
    return [m.text for m in entity.mentions]


def test_one_person_tag_does_not_turn_a_company_into_a_person(entities_of):
    text = ("Veltro Grummet won the tanker contract on Friday. Analysts said Veltro Grummet had "
            "bid low. The air force chose Veltro Grummet over two rivals.")
    entities = entities_of(text, labels={"Veltro Grummet#1": "ORG", "Veltro Grummet#2": "ORG",
                                         "Veltro Grummet#3": "PERSON"})
    found = named(entities, "Veltro Grummet")
    assert [e.type for e in found] == ["ORG"]
    assert texts(text, found[0]) == ["Veltro Grummet"] * 3


def test_a_one_word_company_tagged_person_more_often_is_still_a_company(entities_of):
    text = ("Skylane cut fares again. Skylane said demand was strong, and Skylane expects "
            "more passengers. Rivals say Skylane is too cheap.")
    entities = entities_of(text, labels={"Skylane#1": "ORG", "Skylane#2": "PERSON",
                                         "Skylane#3": "PERSON", "Skylane#4": "PERSON"})
    assert [e.type for e in named(entities, "Skylane")] == ["ORG"]


def test_a_known_given_name_keeps_a_person_tagged_elsewhere_as_an_organisation(entities_of):
    text = "Marta Vell will race in Berlin. Officials said Marta Vell had trained hard."
    entities = entities_of(text, labels={"Marta Vell#1": "PERSON", "Marta Vell#2": "ORG"})
    assert [e.type for e in named(entities, "Marta Vell")] == ["PERSON"]


def test_given_name_alone_joins_a_person_named_twice_in_full(entities_of):
    text = ("Marta Vell won the race. Marta Vell will defend her title. "
            "\"Marta wants to run again,\" said her coach. Marta has not decided.")
    entities = entities_of(text, labels={"Marta Vell#1": "PERSON", "Marta Vell#2": "PERSON",
                                         "Marta#3": "ORG", "Marta#4": "PERSON"})
    vell = named(entities, "Marta Vell")
    assert len(vell) == 1 and vell[0].type == "PERSON"
    assert texts(text, vell[0]).count("Marta") == 2
    assert not [e for e in entities if e.type == "ORG"]


def test_surname_tagged_as_a_place_joins_the_person_named_in_full(entities_of):
    text = ("Agneta Stroem rarely gives interviews. Stroem has sung since 1970. "
            "Fans hoped Stroem would appear on stage.")
    entities = entities_of(text, labels={"Agneta Stroem": "PERSON", "Stroem#2": "PERSON", "Stroem#3": "GPE"})
    stroem = named(entities, "Agneta Stroem")
    assert len(stroem) == 1 and texts(text, stroem[0]) == ["Agneta Stroem", "Stroem", "Stroem"]
    assert not [e for e in entities if e.type == "GPE"]


def test_surname_that_is_a_town_is_the_persons_unless_written_as_a_place(entities_of):
    text = ("Chief executive Alma Henderson opened the plant. Henderson said it would hire 300 people. "
            "The company also runs a depot in Henderson.")
    entities = entities_of(text, labels={"Alma Henderson": "PERSON", "Henderson#2": "GPE",
                                         "Henderson#3": "GPE"})
    person = named(entities, "Alma Henderson")
    assert len(person) == 1 and texts(text, person[0]) == ["Alma Henderson", "Henderson"]
    assert [e.type for e in named(entities, "Henderson")] == ["GPE"]


def test_reporting_clause_is_no_apposition(entities_of):
    text = ("The state will sell its stake in the assembly plant Kelvor Dunmore, a Casmerian official "
            "said on Friday. Kelvor Dunmore employs 4,000 people.")
    entities = entities_of(text, labels={"Kelvor Dunmore": "ORG"})
    assert [e.type for e in named(entities, "Kelvor Dunmore")] == ["ORG"]


def test_apposition_office_still_makes_a_person(entities_of):
    text = "Kelvor Dunmore, the agency's envoy, said the talks would resume on Monday."
    entities = entities_of(text, labels={"Kelvor Dunmore": "ORG"})
    assert [e.type for e in named(entities, "Kelvor Dunmore")] == ["PERSON"]


def test_title_before_another_persons_name_is_no_evidence_for_the_company(entities_of):
    text = ("Marlow Tunes lost the case. Speaking for Marlow Tunes, manager Pell Ostrander said "
            "the firm would appeal.")
    entities = entities_of(text, labels={"Marlow Tunes#1": "ORG", "Marlow Tunes#2": "ORG",
                                         "Pell Ostrander": "PERSON"})
    assert [e.type for e in named(entities, "Marlow Tunes")] == ["ORG"]
    assert [e.type for e in named(entities, "Pell Ostrander")] == ["PERSON"]


def test_org_word_ending_a_persons_name_does_not_make_an_organisation(entities_of):
    text = "Ruth Post, who runs the farm, said the harvest was poor. The Northgate Post reported it first."
    entities = entities_of(text, labels={"Ruth Post": "PERSON", "Northgate Post": "PERSON"})
    assert [e.type for e in named(entities, "Ruth Post")] == ["PERSON"]
    assert [e.type for e in named(entities, "Northgate Post")] == ["ORG"]


def test_office_tagged_with_the_name_after_it_gives_the_person(entities_of):
    text = ("Spokeswoman Nora Bellweather said the design work had slowed. "
            "\"We are focusing on engines,\" said Bellweather.")
    entities = entities_of(text, labels={"Spokeswoman Nora Bellweather": "ORG", "Bellweather": "ORG"})
    person = named(entities, "Nora Bellweather")
    assert len(person) == 1 and person[0].type == "PERSON"
    assert texts(text, person[0]) == ["Nora Bellweather", "Bellweather"]


def test_party_inside_a_leaders_title_is_no_person(entities_of):
    text = "Green Union leader Carla Menzies said the plan was unfair."
    entities = entities_of(text, labels={"Green Union": "PERSON", "Carla Menzies": "PERSON"})
    assert not [e for e in entities if e.type == "PERSON" and e.name == "Green Union"]
    assert [e.type for e in named(entities, "Carla Menzies")] == ["PERSON"]


def test_honours_after_a_name_are_not_part_of_it(entities_of):
    text = "The chairman of the Bar Society, Nora Tolliver QC warned of a real risk."
    entities = entities_of(text, labels={"Nora Tolliver QC": "ORG"})
    person = named(entities, "Nora Tolliver")
    assert len(person) == 1 and person[0].type == "PERSON"
    assert texts(text, person[0]) == ["Nora Tolliver"]


def test_given_name_and_surname_tagged_as_a_building_is_a_person(entities_of):
    text = "She has won awards for her part in the Mike Tarrow film."
    entities = entities_of(text, labels={"Mike Tarrow": "FAC"})
    assert [e.type for e in named(entities, "Mike Tarrow")] == ["PERSON"]


def test_acronym_tagged_as_a_place_and_a_company_is_a_company(entities_of):
    text = "Telecoms firm QX is serious about games, says QX. QX's own engine is fast."
    entities = entities_of(text, labels={"QX#1": "GPE", "QX#2": "GPE", "QX#3": "ORG"})
    assert [e.type for e in named(entities, "QX")] == ["ORG"]


def test_rank_word_opening_a_magazine_name_is_no_person(entities_of):
    text = ("A survey by PC Zone Magazine found the flaw, said Ann Carrow, editor of PC Zone. "
            "Readers of PC Zone had complained.")
    entities = entities_of(text, labels={"PC Zone Magazine": "ORG"})
    assert not [e for e in entities if e.type == "PERSON" and "Zone" in e.name]


def test_owner_of_an_award_stays_apart_from_the_award(entities_of):
    text = ("Chartline's Century Award goes to the singer. Chartline will also publish its "
            "Chartline 200 list.")
    entities = entities_of(text, labels={"Chartline's Century Award": "ORG", "Chartline#2": "PERSON",
                                         "Chartline#3": "PERSON"})
    owner = named(entities, "Chartline")
    assert len(owner) == 1 and owner[0].type == "ORG"
    assert "Chartline" not in texts(text, named(entities, "Chartline's Century Award")[0])


def test_definite_title_modifying_a_noun_is_no_reference(entities_of):
    text = ("Party general secretary Matt Corder spoke on Monday. He said the general election "
            "would be close.")
    entities = entities_of(text, labels={"Matt Corder": "PERSON"})
    person = named(entities, "Matt Corder")
    assert len(person) == 1
    assert not [m for m in person[0].mentions if m.text.lower().startswith("the general")]
