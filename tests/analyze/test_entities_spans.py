"""Names with dots and ampersands are kept whole; numbers tagged as names are dropped."""

from __future__ import annotations

from storyline.model import Entity


def mentions(text: str, entities: list[Entity]) -> dict[str, str]:
    out = {}
    for e in entities:
        for m in e.mentions:
            assert text[m.span[0]:m.span[1]] == m.text
            out[m.text] = e.type
    return out


def test_names_written_with_dots_and_ampersands_are_kept(entities_of):
    text = ("The U.S. regulator approved the merger of Q&R with Teldar on Monday, "
            "Harbourline.com reported.")
    entities = entities_of(text, labels={"U.S.": "GPE", "Q&R": "ORG", "Harbourline.com": "ORG"})
    found = mentions(text, entities)
    assert found["U.S."] == "GPE"
    assert found["Q&R"] == "ORG"
    assert found["Harbourline.com"] == "ORG"
    assert [e.name for e in entities if "U.S." in [m.text for m in e.mentions]] == ["United States"]


def test_a_link_is_still_no_entity(entities_of):
    text = "Read the report at https://www.harbourline.example/report today."
    entities = entities_of(text)
    assert not [e for e in entities if "harbourline" in e.name.lower()]


def test_an_amount_tagged_as_a_person_is_dropped(entities_of):
    text = "A court rejected the $280bn claim against the tobacco firms."
    entities = entities_of(text, labels={"280bn": "PERSON"})
    assert not [e for e in entities if e.type == "PERSON"]
