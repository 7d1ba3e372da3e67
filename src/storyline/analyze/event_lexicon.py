"""The event trigger lexicon (lexicons/events_triggers.toml) read into lookup tables."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any

EVENT_TYPES = ("meeting", "visit", "statement", "attack", "arrest", "ruling", "vote", "announcement",
               "election", "death", "protest", "agreement", "transaction", "business", "personnel", "other")


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """One trigger: a lemma (and a particle it needs), its event type and PLOVER category."""

    lemma: str
    particle: str | None
    type: str
    plover: str | None
    pos: str  # "VERB" | "NOUN"


@dataclass(frozen=True, slots=True)
class EventLexicon:
    """Triggers by (pos, lemma), per-type constraints and the grammar word lists."""

    triggers: MappingProxyType[tuple[str, str], tuple[TriggerEntry, ...]]
    dated_only: frozenset[str]
    plural_nouns: frozenset[str]
    ambiguous_nouns: frozenset[str]
    noun_modifiers: frozenset[str]
    needs_actor: frozenset[str]
    need_place: frozenset[str]
    agentive: frozenset[str]
    not_objects: frozenset[str]
    court_only: frozenset[str]
    court_words: frozenset[str]
    sign_objects: frozenset[str]
    impose_objects: frozenset[str]
    aid_objects: frozenset[str]
    dated_nouns: frozenset[str]
    mute_complements: frozenset[str]
    physical: frozenset[str]
    armed_groups: frozenset[str]
    light_noun_types: frozenset[str]
    light_nouns: frozenset[str]
    light_verbs: frozenset[str]
    irrealis_heads: frozenset[str]
    modals: frozenset[str]
    irrealis_modifiers: frozenset[str]
    place_prepositions: frozenset[str]
    destination_prepositions: frozenset[str]
    group_heads: frozenset[str]
    place_modifiers: frozenset[str]
    place_holders: frozenset[str]
    # per type: objects that make a trigger figurative ("bought time"); per trigger: the objects it needs
    type_not_objects: MappingProxyType[str, frozenset[str]]
    needs_objects: MappingProxyType[tuple[str, str], frozenset[str]]

    def entries(self, pos: str, lemma: str) -> tuple[TriggerEntry, ...]:
        """Return the trigger entries for a lemma used as ``pos`` ("VERB" or "NOUN")."""
        return self.triggers.get((pos, lemma), ())


def _plover(spec: dict[str, Any], lemma: str) -> str | None:
    value = spec.get("plover_by_lemma", {}).get(lemma, spec.get("plover", ""))
    return value or None


def load_event_lexicon() -> EventLexicon:
    """Read the event trigger lexicon shipped with the package."""
    path = resources.files("storyline.analyze").joinpath("lexicons/events_triggers.toml")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    triggers: dict[tuple[str, str], list[TriggerEntry]] = {}
    sets: dict[str, set[str]] = {k: set() for k in (
        "dated_only", "plural_nouns", "ambiguous_nouns", "noun_modifiers", "needs_actor", "need_place",
        "agentive", "not_objects", "court_only", "court_words", "sign_objects", "impose_objects",
        "aid_objects", "dated_nouns", "light_noun_types", "light_nouns", "mute_complements", "physical",
        "armed_groups")}
    for type_, spec in data["types"].items():
        if type_ not in EVENT_TYPES:
            raise ValueError(f"events_triggers.toml: unknown event type {type_!r}")
        verbs = [(v, False) for v in spec.get("verbs", [])] + [(v, True) for v in spec.get("dated_verbs", [])]
        for phrase, dated in verbs:
            lemma, _, particle = phrase.partition(" ")
            entry = TriggerEntry(phrase, particle or None, type_, _plover(spec, phrase), "VERB")
            triggers.setdefault(("VERB", lemma), []).append(entry)
            if dated:
                sets["dated_only"].add(lemma)
        for noun in spec.get("nouns", []) + spec.get("dated_nouns", []):
            triggers.setdefault(("NOUN", noun), []).append(
                TriggerEntry(noun, None, type_, _plover(spec, noun), "NOUN"))
        sets["dated_only"] |= set(spec.get("dated_nouns", []))
        for key in ("plural_nouns", "ambiguous_nouns", "noun_modifiers", "need_place", "agentive",
                    "not_objects", "court_only", "court_words", "sign_objects", "impose_objects",
                    "aid_objects",
                    "mute_complements", "physical", "armed_groups"):
            sets[key] |= set(spec.get(key, []))
        if spec.get("needs_actor"):
            sets["needs_actor"].add(type_)
        if spec.get("needs_light_verb"):
            sets["light_noun_types"].add(type_)
        sets["light_nouns"] |= set(spec.get("needs_light_verb_nouns", []))
    grammar = data["grammar"]
    type_not_objects = {t: frozenset(spec.get("not_objects", [])) for t, spec in data["types"].items()}
    # keyed by (type, trigger): "order" needs goods as a purchase, not as a court's ruling
    needs_objects = {(t, lemma): frozenset(objs) for t, spec in data["types"].items()
                     for lemma, objs in spec.get("needs_objects", {}).items()}
    return EventLexicon(
        triggers=MappingProxyType({k: tuple(v) for k, v in triggers.items()}),
        **{k: frozenset(v) for k, v in sets.items()},
        **{k: frozenset(grammar[k]) for k in (
            "light_verbs", "irrealis_heads", "modals", "irrealis_modifiers", "place_prepositions",
            "destination_prepositions", "group_heads", "place_modifiers", "place_holders")},
        type_not_objects=MappingProxyType(type_not_objects),
        needs_objects=MappingProxyType(needs_objects),
    )
