"""Direct, partial and indirect quotes; spans point at the quoted words."""

from __future__ import annotations

from storyline.model import Entity, Mention


def person(text: str, name: str, *forms: str) -> Entity:
    mentions = []
    for form in (name, *forms):
        start = text.find(form)
        while start >= 0:
            mentions.append(Mention((start, start + len(form)), form))
            start = text.find(form, start + len(form))
    ordered = tuple(sorted(mentions, key=lambda m: m.span))
    return Entity("id-" + name.split()[-1].lower(), name, "PERSON", ordered)


def test_quotes_kinds_direct_and_partial(quotes_of) -> None:
    text = ("Mara Velk said: “The pumps arrived at noon.” She called the delay “inexcusable” and left.")
    quotes = quotes_of(text, [person(text, "Mara Velk")])
    assert [(q.text, q.kind) for q in quotes] == [("The pumps arrived at noon.", "direct"),
                                                  ("inexcusable", "partial")]
    for q in quotes:
        assert text[q.span[0]:q.span[1]] == q.text


def test_quotes_kinds_indirect_only_when_asked(quotes_of) -> None:
    text = "Mara Velk said that the council would rebuild the levee by the spring."
    velk = [person(text, "Mara Velk")]
    assert quotes_of(text, velk) == []
    quotes = quotes_of(text, velk, indirect=True)
    assert len(quotes) == 1
    q = quotes[0]
    assert q.kind == "indirect"
    assert q.text == "that the council would rebuild the levee by the spring"
    assert text[q.span[0]:q.span[1]] == q.text
    assert q.speaker is not None and q.speaker.name == "Mara Velk"
    assert q.cue == "said"


def test_quotes_kinds_indirect_skips_clauses_holding_a_quote(quotes_of) -> None:
    text = "Mara Velk said that the council was “asleep at the wheel” all winter."
    quotes = quotes_of(text, [person(text, "Mara Velk")], indirect=True)
    assert [q.kind for q in quotes] == ["partial"]


def test_quotes_kinds_indirect_needs_a_finite_clause(quotes_of) -> None:
    text = "Mara Velk told the engineers to leave the dam before dark."
    assert quotes_of(text, [person(text, "Mara Velk")], indirect=True) == []


def test_quotes_kinds_are_sorted_and_deterministic(quotes_of) -> None:
    text = ("“First,” said Tomas Arne. Mara Velk said the plan was “bold”.\n\n"
            "“Second,” Ms Velk added.")
    people = [person(text, "Tomas Arne"), person(text, "Mara Velk", "Ms Velk")]
    first = quotes_of(text, people)
    assert [q.span for q in first] == sorted(q.span for q in first)
    assert first == quotes_of(text, people)
    assert [q.speaker.name for q in first] == ["Tomas Arne", "Mara Velk", "Mara Velk"]
