"""The stance lexicon (lexicons/stances_en.toml) read into lookup tables."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class Implied:
    """A verb–object pair taking a side on an unnamed topic ("continue the war" → against a ceasefire)."""

    verbs: frozenset[tuple[str, str | None]]
    objects: frozenset[str]
    topic: str
    stance: str


@dataclass(frozen=True, slots=True)
class StanceLexicon:
    """Stance cues: verbs and nouns by (lemma, particle) → "for"/"against", evaluations, implied pairs."""

    verbs: MappingProxyType[tuple[str, str | None], str]
    nouns: MappingProxyType[tuple[str, str], str]
    refusal: frozenset[str]
    stative_passives: frozenset[str]
    stative: MappingProxyType[tuple[str, ...], str]
    for_adjectives: frozenset[str]
    against_adjectives: frozenset[str]
    for_nouns: frozenset[tuple[str, ...]]
    against_nouns: frozenset[tuple[str, ...]]
    implied: tuple[Implied, ...]
    drop_modifiers: frozenset[str]
    keep_prepositions: frozenset[str]
    place_prepositions: frozenset[str]
    clause_topics: MappingProxyType[tuple[str, str | None], str]
    own_refusals: frozenset[tuple[str, str | None]]

    def verb_lemmas(self) -> frozenset[str]:
        """Return every verb lemma that can carry a stance (for the matcher)."""
        lemmas = {lemma for lemma, _ in self.verbs} | self.refusal | self.stative_passives
        lemmas |= {lemma for imp in self.implied for lemma, _ in imp.verbs}
        lemmas |= {lemma for lemma, _ in self.own_refusals}
        return frozenset(lemmas)

    def noun_lemmas(self) -> frozenset[str]:
        """Return every noun lemma that can carry a stance."""
        return frozenset(lemma for lemma, _ in self.nouns)


def _split(phrase: str) -> tuple[str, str | None]:
    lemma, _, particle = phrase.partition(" ")
    return lemma, particle or None


def load_stance_lexicon() -> StanceLexicon:
    """Read the stance lexicon shipped with the package."""
    path = resources.files("storyline.analyze").joinpath("lexicons/stances_en.toml")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    verbs = {_split(p): side for side in ("for", "against") for p in data["verbs"][side]}
    nouns: dict[tuple[str, str], str] = {}
    for side in ("for", "against"):
        for phrase in data["nouns"][side]:
            lemma, particle = _split(phrase)
            nouns[(lemma, particle or "for")] = side
    stative = {tuple(p.split()): side for side in ("for", "against") for p in data["stative"][side]}
    ev = data["evaluation"]
    implied = tuple(Implied(frozenset(_split(v) for v in item["verbs"]), frozenset(item["objects"]),
                            item["topic"], item["stance"]) for item in data["implied"])
    topic = data["topic"]
    return StanceLexicon(
        verbs=MappingProxyType(verbs),
        nouns=MappingProxyType(nouns),
        refusal=frozenset(data["verbs"]["refusal"]),
        stative_passives=frozenset(data["verbs"]["stative_passives"]),
        stative=MappingProxyType(stative),
        for_adjectives=frozenset(ev["for_adjectives"]),
        against_adjectives=frozenset(ev["against_adjectives"]),
        for_nouns=frozenset(tuple(n.split()) for n in ev["for_nouns"]),
        against_nouns=frozenset(tuple(n.split()) for n in ev["against_nouns"]),
        implied=implied,
        drop_modifiers=frozenset(topic["drop_modifiers"]),
        keep_prepositions=frozenset(topic["keep_prepositions"]),
        place_prepositions=frozenset(topic["place_prepositions"]),
        clause_topics=MappingProxyType({_split(k): v for k, v in data["clause_topics"].items()}),
        own_refusals=frozenset(_split(v) for v in topic["own_refusals"]),
    )
