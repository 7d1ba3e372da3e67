"""Who said it: cue verbs, speaker lines, pronouns, "according to", and no speaker at all.

The texts are fictional. Entities are built by hand, as the entities component would
give them (canonical name + every mention), so these tests do not depend on it.
"""

from __future__ import annotations

import re

import pytest

from storyline.model import Entity, Mention, Quote


def entity(text: str, name: str, type_: str = "PERSON", *forms: str) -> Entity:
    """Return an entity with a mention at every occurrence of its name and ``forms``."""
    mentions = []
    for form in (name, *forms):
        for m in re.finditer(rf"\b{re.escape(form)}\b", text):
            if not any(x.span[0] <= m.start() < x.span[1] for x in mentions):
                mentions.append(Mention((m.start(), m.end()), form))
    mentions.sort(key=lambda x: x.span)
    return Entity(f"id-{name.lower().replace(' ', '-')}", name, type_, tuple(mentions))


def speakers(quotes: list[Quote]) -> list[str | None]:
    return [q.speaker.name if q.speaker else None for q in quotes]


def test_quotes_sentences_interrupted_by_she_said(quotes_of) -> None:
    text = ("“We will not leave our homes. The water is rising fast,” said Mara Velk, the mayor of "
            "Dunmore. “But we need pumps,” she said, “and we need them tonight.”")
    people = [entity(text, "Mara Velk")]
    quotes = quotes_of(text, people)
    assert [text[q.span[0]:q.span[1]] for q in quotes] == [
        "We will not leave our homes. The water is rising fast,", "But we need pumps,",
        "and we need them tonight."]
    assert speakers(quotes) == ["Mara Velk"] * 3
    assert all(q.speaker.entity == "id-mara-velk" for q in quotes)
    assert quotes[0].kind == "direct" and quotes[0].cue == "said"


def test_quotes_over_two_paragraphs_without_first_closing_mark(quotes_of) -> None:
    text = ("Engineer Tomas Arne described the night at the dam.\n\n"
            "“We worked until the pumps failed. Nobody slept.\n\n"
            "“By dawn the east wall was gone,” Mr Arne said.")
    quotes = quotes_of(text, [entity(text, "Tomas Arne", "PERSON", "Mr Arne")])
    assert len(quotes) == 1
    quoted = text[quotes[0].span[0]:quotes[0].span[1]]
    assert quoted.startswith("We worked until") and quoted.endswith("wall was gone,")
    assert quotes[0].text == quoted
    assert speakers(quotes) == ["Tomas Arne"]
    assert text[slice(*quotes[0].speaker.span)] == "Mr Arne"


def test_quotes_partial_inside_reported_speech(quotes_of) -> None:
    text = ("Ms Velk told reporters that the repairs were “far too slow” and said the council "
            "had been “warned for years”.")
    quotes = quotes_of(text, [entity(text, "Mara Velk", "PERSON", "Ms Velk")])
    assert [q.text for q in quotes] == ["far too slow", "warned for years"]
    assert [q.kind for q in quotes] == ["partial", "partial"]
    assert speakers(quotes) == ["Mara Velk", "Mara Velk"]
    assert [q.cue for q in quotes] == ["told", "said"]


def test_quotes_transcript_speaker_line(quotes_of) -> None:
    text = ("Boats were lost on the river overnight.\n\n(Ilse Baran, river pilot)\n\n"
            "\"The current took three boats in one night. We could do nothing.\"")
    quotes = quotes_of(text, [entity(text, "Ilse Baran")])
    assert speakers(quotes) == ["Ilse Baran"]
    assert quotes[0].kind == "direct"
    assert text[slice(*quotes[0].speaker.span)] == "Ilse Baran"
    assert 0.7 <= quotes[0].confidence <= 0.9


def test_quotes_transcript_label_and_dash(quotes_of) -> None:
    text = ("Tomas Arne gave evidence.\n\n\"ARNE: We lost the east wall before dawn.\"\n\n"
            "“Rebuild the wall before the next storm.” ― Ilse Baran")
    quotes = quotes_of(text, [entity(text, "Ilse Baran"), entity(text, "Tomas Arne")])
    assert [q.text for q in quotes] == ["We lost the east wall before dawn.",
                                        "Rebuild the wall before the next storm."]
    assert speakers(quotes) == ["Tomas Arne", "Ilse Baran"]


@pytest.mark.parametrize("open_, close", [("“", "”"), ('"', '"')])
def test_quotes_curly_and_straight_marks_agree(quotes_of, open_: str, close: str) -> None:
    text = f"{open_}The spillway is blocked,{close} Tomas Arne told the council on Monday."
    quotes = quotes_of(text, [entity(text, "Tomas Arne")])
    assert [q.text for q in quotes] == ["The spillway is blocked,"]
    assert speakers(quotes) == ["Tomas Arne"]
    assert quotes[0].cue == "told"


def test_quotes_nested_single_quotes(quotes_of) -> None:
    text = "“They kept telling us ‘stay calm’ while the wall cracked,” said Tomas Arne."
    quotes = quotes_of(text, [entity(text, "Tomas Arne")])
    assert [q.text for q in quotes] == ["They kept telling us ‘stay calm’ while the wall cracked,"]
    assert speakers(quotes) == ["Tomas Arne"]


def test_quotes_according_to(quotes_of) -> None:
    text = "The dam was “never inspected properly”, according to the Dunmore Water Board."
    board = entity(text, "Dunmore Water Board", "ORG")
    quotes = quotes_of(text, [board])
    assert speakers(quotes) == ["Dunmore Water Board"]
    assert quotes[0].cue == "according to"
    assert quotes[0].speaker.entity == board.id


def test_quotes_organisation_subject_without_entity(quotes_of) -> None:
    text = "The regional council has dubbed the valley a “lost cause”."
    quotes = quotes_of(text, [])
    assert speakers(quotes) == ["The regional council"]
    assert quotes[0].speaker.entity is None


def test_quotes_pronoun_resolves_to_last_subject_person(quotes_of) -> None:
    text = ("Mara Velk met the engineer Tomas Arne at the dam on Monday.\n\n"
            "“We owe the engineers everything,” she said.\n\n"
            "Mr Arne thanked Ms Velk for the pumps. “It was the least we could do,” he said.")
    people = [entity(text, "Mara Velk", "PERSON", "Ms Velk"), entity(text, "Tomas Arne", "PERSON", "Mr Arne")]
    quotes = quotes_of(text, people)
    assert speakers(quotes) == ["Mara Velk", "Tomas Arne"]
    # the speaker span is the pronoun that names them where they speak
    assert [text[slice(*q.speaker.span)] for q in quotes] == ["she", "he"]
    assert all(q.confidence < 0.8 for q in quotes)


def test_quotes_pronoun_respects_gender_from_honorifics(quotes_of) -> None:
    text = "Ms Velk thanked Mr Arne for the pumps. “They saved the town,” she said."
    people = [entity(text, "Mara Velk", "PERSON", "Ms Velk"), entity(text, "Tomas Arne", "PERSON", "Mr Arne")]
    assert speakers(quotes_of(text, people)) == ["Mara Velk"]
    text = "Mr Arne thanked Ms Velk for the pumps. “They saved the town,” she said."
    people = [entity(text, "Mara Velk", "PERSON", "Ms Velk"), entity(text, "Tomas Arne", "PERSON", "Mr Arne")]
    assert speakers(quotes_of(text, people)) == ["Mara Velk"]


def test_quotes_no_speaker_rather_than_a_guess(quotes_of) -> None:
    text = ("The water rose all night in the lower town.\n\n"
            "“This is the worst flood in living memory, and nobody came to help us.”\n\n"
            "They said it would “probably” hold.")
    quotes = quotes_of(text, [])
    assert quotes[0].text.startswith("This is the worst flood")
    assert quotes[0].speaker is None
    assert quotes[0].confidence < 0.5
    # a pronoun with no antecedent is printed as said, never resolved to some entity
    assert all(q.speaker is None or (q.speaker.entity is None and q.speaker.name == "They") for q in quotes)


def test_quotes_scare_quotes_and_titles_are_not_quotes(quotes_of) -> None:
    text = "The so-called “safe zone” flooded first. Velk spoke on “Morning Report” about it."
    assert quotes_of(text, []) == []


def test_quotes_continue_the_previous_speaker(quotes_of) -> None:
    text = ("“The wall held for six hours,” Tomas Arne said. “Then it simply folded.”\n\n"
            "“Nobody could have stopped it.”")
    quotes = quotes_of(text, [entity(text, "Tomas Arne")])
    assert speakers(quotes) == ["Tomas Arne"] * 3
    assert quotes[0].confidence > quotes[1].confidence > quotes[2].confidence


def test_quotes_without_entities_use_the_models_names(quotes_of) -> None:
    text = ("Police chief John Miller visited the shelter on Monday.\n\n"
            "“Everyone here is safe,” Miller said.")
    quotes = quotes_of(text, None)
    assert speakers(quotes) == ["John Miller"]
    assert quotes[0].speaker.entity is None
