"""What a reported figure measures, as a key that figures from other articles can share.

A measure is what is counted (the ``what`` phrase reduced to lemmas, with one word for
words that mean the same count: "people killed", "Palestinians killed", "deaths" and
"death toll" are all *death*), its unit, where, since when, and — for things a person does
("his fourth trip", "five trips") — who does them and where to. Generic words ("people",
"number", "total") drop out; a demonym drops out when a place or a start date already
anchors the measure ("Palestinians killed in Gaza since October 7" = "people killed in
Gaza since October 7") and stays otherwise ("12 Israelis killed" ≠ "200 Palestinians
killed"). A figure whose ``what`` is only a unit or a currency measures nothing comparable
and gets no measure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from storyline.analyze.gazetteer import fold
from storyline.ids import digest
from storyline.link.words import LinkData

_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s|\n")
_POSSESSIVES = frozenset({"his", "her", "their"})
_BOUNDARY = frozenset(
    {
        "since",
        "in",
        "on",
        "for",
        "at",
        "from",
        "by",
        "with",
        "during",
        "after",
        "before",
        "and",
        "or",
        "as",
        "amid",
        "while",
        "when",
        "where",
        "which",
        "that",
        "this",
        "to",
    }
)
_DESTINATION_WORDS = 4


@dataclass(frozen=True, slots=True)
class Measure:
    """What a figure measures; figures with equal keys form one series."""

    concept: tuple[str, ...]
    units: tuple[str, ...]
    where: str | None
    since: str | None
    actor: str | None
    cumulative: bool
    label: str

    @property
    def key(self) -> str:
        """Return the text key of the measure (readable, and what its id is made from)."""
        return "|".join(
            (
                " ".join(self.concept),
                " ".join(self.units),
                self.where or "",
                self.since or "",
                self.actor or "",
            )
        )

    @property
    def id(self) -> str:
        """Return the id of the series of this measure."""
        return digest("series", self.key)

    def to_dict(self) -> dict[str, Any]:
        """Return the measure as plain data."""
        return {
            "concept": list(self.concept),
            "units": list(self.units),
            "where": self.where,
            "since": self.since,
            "actor": self.actor,
            "cumulative": self.cumulative,
            "label": self.label,
        }


@dataclass(frozen=True, slots=True)
class PersonMention:
    """Where an article names a person, and the global entity it is."""

    start: int
    end: int
    entity: str
    name: str


def concept_words(
    what: str | None, anchored: bool, data: LinkData
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return (concept lemmas, units) of a ``what`` phrase; ``anchored``: a place or start date is known."""
    m = data.measures
    concept: list[str] = []
    units: list[str] = []
    demonyms: list[str] = []
    for word in data.words(what or ""):
        raw = fold(word).strip("'’")
        raw = raw[:-2] if raw.endswith("'s") else raw
        if not raw or raw in STOP_WORDS:
            continue
        lemma = data.lemmas.lemma_any(raw)
        if raw in data.currencies or lemma in data.currencies or raw in m.units or lemma in m.units:
            units.append(lemma)
            continue
        if raw in m.people or lemma in m.people or raw in m.generic or lemma in m.generic:
            continue
        if word[:1].isupper() and data.gazetteer.demonym_country(word):
            demonyms.append(lemma)
            continue
        concept.append(m.equivalents.get(raw) or m.equivalents.get(lemma) or lemma)
    if not anchored:
        concept += demonyms
    return tuple(sorted(set(concept))), tuple(sorted(set(units)))


def measure_of(
    figure: Mapping[str, Any],
    text: str,
    people: Sequence[PersonMention],
    data: LinkData,
    names: Mapping[str, str] | None = None,
) -> Measure | None:
    """Return the measure of one analysis ``figures`` item, or None when it measures nothing comparable."""
    since = _day_or_none(figure.get("since"))
    where = data.place_key(figure.get("where"))
    concept, units = concept_words(figure.get("what"), bool(where or since), data)
    if not concept:
        return None
    m = data.measures
    ordinal = bool(figure.get("ordinal"))
    per_actor = ordinal or any(c in m.per_actor for c in concept)
    cumulative = ordinal or since is not None or any(c in m.cumulative for c in concept)
    actor = None
    span = figure.get("span") or (0, 0)
    if per_actor:
        person = actor_of(int(span[0]), text, people)
        actor = person.entity if person else None
        destination = destination_of(int(span[1]), text, concept, data)
        where = destination or where
    actor_name = (names or {}).get(actor or "", "") if actor else ""
    label = " ".join(
        p
        for p in (
            str(figure.get("what") or " ".join(concept)),
            f"in {figure.get('where')}" if figure.get("where") and not per_actor else "",
            f"to {where}" if per_actor and where else "",
            f"since {since}" if since else "",
            f"by {actor_name}" if actor_name else "",
        )
        if p
    )
    return Measure(concept, units, where, since, actor, cumulative, label)


def sentence_start(text: str, position: int) -> int:
    """Return where the sentence holding ``position`` begins."""
    start = 0
    for match in _SENTENCE_END.finditer(text, max(0, position - 600), position):
        start = match.end()
    return start


def actor_of(position: int, text: str, people: Sequence[PersonMention]) -> PersonMention | None:
    """Return the person doing what a figure at ``position`` counts.

    The person named last before it in its sentence ("The secretary has made five trips");
    else, after "his"/"her"/"their" just before it, the person named last before it at all.
    """
    start = sentence_start(text, position)
    before = [p for p in people if start <= p.start and p.end <= position]
    if before:
        return max(before, key=lambda p: (p.end, -p.start))
    lead = text[max(start, position - 40) : position].lower().split()
    if lead and any(w.strip(".,;:") in _POSSESSIVES for w in lead[-3:]):
        earlier = [p for p in people if p.end <= position and position - p.end < 1500]
        if earlier:
            return max(earlier, key=lambda p: (p.end, -p.start))
    return None


def destination_of(end: int, text: str, concept: Sequence[str], data: LinkData) -> str | None:
    """Return where the counted trips go ("fourth trip to the region" → "region"), if the text says."""
    words = list(re.finditer(r"[\w'’\-]+|[^\w\s]", text[end : end + 160]))
    m = data.measures
    for i, match in enumerate(words[:4]):
        raw = fold(match.group())
        lemma = data.lemmas.lemma_any(raw)
        if (m.equivalents.get(raw) or m.equivalents.get(lemma) or lemma) not in concept:
            continue
        rest = words[i + 1 :]
        if not rest or fold(rest[0].group()) not in m.destinations:
            return None
        phrase: list[str] = []
        for w in rest[1 : 1 + _DESTINATION_WORDS + 1]:
            token = w.group()
            if not re.match(r"[\w'’\-]+$", token) or (fold(token) in _BOUNDARY and phrase):
                break
            if fold(token) == "the" and not phrase:
                continue
            phrase.append(token)
        return data.place_key(" ".join(phrase)) if phrase else None
    return None


def _day_or_none(value: Any) -> str | None:
    if isinstance(value, str) and re.match(r"^\d{4}(-\d{2}){0,2}$", value):
        return value
    return None
