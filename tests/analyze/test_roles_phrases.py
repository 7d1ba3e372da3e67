"""Roles from pre-modifiers, appositions and transcript speaker lines: title plus what it is of."""

from __future__ import annotations

from storyline.model import Entity, Role


def roles_of(entities: list[Entity], name: str) -> list[Role]:
    found = [e for e in entities if e.name == name and e.type == "PERSON"]
    assert len(found) == 1, [(e.name, e.type) for e in entities]
    return list(found[0].roles)


def test_premodifier_with_demonym(entities_of):
    text = "Norwegian Trade Minister Ola Brenna said exports had fallen for a third month."
    (role,) = roles_of(entities_of(text), "Ola Brenna")
    assert (role.title, role.of) == ("Trade Minister", "Norway")
    assert text[role.span[0]:role.span[1]] == "Norwegian Trade Minister"


def test_premodifier_with_country_short_form_and_of_phrase(entities_of):
    text = "UK Secretary of State for Transport Hilda Marr opened the bridge on Friday."
    (role,) = roles_of(entities_of(text), "Hilda Marr")
    assert role.of == "United Kingdom"
    assert role.title.startswith("Secretary of State")


def test_premodifier_naming_an_organisation(entities_of):
    text = "Harbour Authority press officer Jon Vell said the port would reopen on Monday."
    (role,) = roles_of(entities_of(text, labels={"Harbour Authority": "ORG"}), "Jon Vell")
    assert (role.title, role.of) == ("press officer", "Harbour Authority")


def test_apposition_after_the_name_with_commas(entities_of):
    text = "Ilka Marsh, director of the Harbour Authority, said the port would reopen."
    (role,) = roles_of(entities_of(text, labels={"Ilka Marsh": "PERSON"}), "Ilka Marsh")
    assert (role.title, role.of) == ("director", "Harbour Authority")
    assert text[role.span[0]:role.span[1]] == "director of the Harbour Authority"


def test_possessive_country_before_the_name(entities_of):
    text = "Portugal's foreign minister, Rui Calvo, said the deal was close."
    (role,) = roles_of(entities_of(text), "Rui Calvo")
    assert (role.title, role.of) == ("foreign minister", "Portugal")
    assert text[role.span[0]:role.span[1]] == "Portugal's foreign minister"


def test_descriptive_words_before_a_possessed_title_are_not_the_title(entities_of):
    text = "Denmark's hardline Energy Minister, Sofie Brandt, who leads the talks, left early."
    (role,) = roles_of(entities_of(text, labels={"Sofie Brandt": "PERSON"}), "Sofie Brandt")
    assert (role.title, role.of) == ("Energy Minister", "Denmark")


def test_transcript_speaker_line(entities_of):
    text = ("Families waited at the crossing all day.\n\n"
            "(Mara Quint, displaced farmer)\n\n"
            "\"We lost everything in one night.\"\n\n"
            "(Teo Laska, Finnish Defence Minister)\n\n"
            "\"The army will stay as long as it is needed.\"")
    entities = entities_of(text)
    (quint,) = roles_of(entities, "Mara Quint")
    assert (quint.title, quint.of) == ("displaced farmer", "")
    (laska,) = roles_of(entities, "Teo Laska")
    assert (laska.title, laska.of) == ("Defence Minister", "Finland")


def test_office_listed_after_a_country_modifier(entities_of):
    text = ("The envoy met Danish leaders including Prime Minister Karen Holm and "
            "President Lars Winther on Tuesday.")
    entities = entities_of(text)
    assert [(r.title, r.of) for r in roles_of(entities, "Lars Winther")] == [("President", "Denmark")]
    assert [(r.title, r.of) for r in roles_of(entities, "Karen Holm")] == [("Prime Minister", "Denmark")]


def test_title_words_are_not_entities(entities_of):
    text = "Defence Secretary Alma Korda and the Secretary of State met on Monday."
    entities = entities_of(text, labels={"Defence": "ORG", "State": "ORG"})
    assert not [e for e in entities if e.name in ("Defence", "State")]
    assert [(r.title, r.of) for r in roles_of(entities, "Alma Korda")] == [("Defence Secretary", "")]


def test_office_with_two_portfolios_before_the_name(entities_of):
    text = "Estonia's Energy and Water Minister, Tarmo Kask, resigned on Sunday."
    (role,) = roles_of(entities_of(text, labels={"Tarmo Kask": "PERSON"}), "Tarmo Kask")
    assert (role.title, role.of) == ("Energy and Water Minister", "Estonia")


def test_office_with_a_prepositional_object_before_the_name(entities_of):
    text = "The UN's special envoy for Libya, Omar Saleh, arrived on Tuesday."
    (role,) = roles_of(entities_of(text, labels={"Omar Saleh": "PERSON"}), "Omar Saleh")
    assert (role.title, role.of) == ("special envoy", "United Nations")
    assert text[role.span[0]:role.span[1]] == "UN's special envoy for Libya"
