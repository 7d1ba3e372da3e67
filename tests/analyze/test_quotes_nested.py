"""Reports of reports, first-person writers, unresolved pronouns and speakers a sentence away.

The texts are fictional. Entities are built by hand, as the entities component would give them.
"""

from __future__ import annotations

import re

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


def speaker_of(quotes: list[Quote], start: str) -> str | None:
    """Return the speaker name of the quote whose text starts with ``start``."""
    found = [q for q in quotes if q.text.startswith(start)]
    assert found, f"no quote starts with {start!r}: {[q.text for q in quotes]}"
    return found[0].speaker.name if found[0].speaker else None


def test_quotes_trailing_according_to_credits_the_outer_source(quotes_of) -> None:
    text = ("“The bridge will reopen in spring,” Mara Velk said on Monday, according to the Dunmore Herald. "
            "Repairs began last year.")
    people = [entity(text, "Mara Velk"), entity(text, "Dunmore Herald", "ORG")]
    quotes = quotes_of(text, people)
    assert speaker_of(quotes, "The bridge will reopen") == "Dunmore Herald"
    assert quotes[0].cue == "according to"


def test_quotes_leading_according_to_keeps_the_speaker_it_names(quotes_of) -> None:
    text = ("According to the Dunmore Herald, Mara Velk told the council that the crews would “work through "
            "the night” to finish the dam.")
    people = [entity(text, "Mara Velk"), entity(text, "Dunmore Herald", "ORG")]
    assert speaker_of(quotes_of(text, people), "work through") == "Mara Velk"


def test_quotes_per_an_interpreter_is_not_the_source(quotes_of) -> None:
    text = "“We will rebuild the school,” Mara Velk said, per an interpreter. The rain stopped."
    quotes = quotes_of(text, [entity(text, "Mara Velk")])
    assert speaker_of(quotes, "We will rebuild") == "Mara Velk"


def test_quotes_first_person_writer_is_the_pronoun(quotes_of) -> None:
    text = "I met the mayor at the harbour. “The nets are empty this year,” I said, and she nodded."
    quotes = quotes_of(text, [])
    assert speaker_of(quotes, "The nets are empty") == "I"
    assert quotes[0].speaker.entity is None
    assert text[slice(*quotes[0].speaker.span)] == "I"


def test_quotes_first_person_inside_a_quote_is_not_a_speaker(quotes_of) -> None:
    text = "“I said we would wait, and we waited for hours in the cold rain,” a fisherman recalled."
    quotes = quotes_of(text, [])
    assert quotes and all(q.speaker is None or q.speaker.name != "I" for q in quotes)


def test_quotes_unresolved_pronoun_is_printed_not_guessed(quotes_of) -> None:
    text = "The storm passed at dawn. They called the repairs “far too slow for a town this size”."
    quotes = quotes_of(text, [])
    assert speaker_of(quotes, "far too slow") == "They"
    assert quotes[0].speaker.entity is None
    assert quotes[0].confidence < 0.5


def test_quotes_dateline_subject_gives_way_to_the_person(quotes_of) -> None:
    text = ("DUNMORE -- Mayor Mara Velk, opening the new bridge on Saturday, said it would tell a story "
            "“of floods and of the people who held the river back.”")
    people = [entity(text, "Mara Velk"), entity(text, "DUNMORE", "GPE")]
    assert speaker_of(quotes_of(text, people), "of floods") == "Mara Velk"


def test_quotes_sentence_about_a_person_introduces_the_next_quote(quotes_of) -> None:
    text = ("Tomas Arne praised the volunteers who filled the sandbags. "
            "“Without them the whole lower town would be under water tonight.” The river fell by noon.")
    quotes = quotes_of(text, [entity(text, "Tomas Arne")])
    assert speaker_of(quotes, "Without them") == "Tomas Arne"
    assert quotes[0].confidence < 0.6


def test_quotes_sentence_about_an_organisation_does_not_speak(quotes_of) -> None:
    text = ("The Dunmore Council approved the budget on Tuesday. "
            "“Without them the whole lower town would be under water tonight.” The river fell by noon.")
    quotes = quotes_of(text, [entity(text, "Dunmore Council", "ORG")])
    assert speaker_of(quotes, "Without them") is None


def test_quotes_fragment_in_a_relative_clause_credits_its_antecedent(quotes_of) -> None:
    text = ("The plan was drafted by Mara Velk, who has been pounding the council as “asleep at the wheel” "
            "for months.")
    assert speaker_of(quotes_of(text, [entity(text, "Mara Velk")]), "asleep") == "Mara Velk"
