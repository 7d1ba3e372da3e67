"""Correct the small model's entity labels where the name or its context settles the type.

Rules, each general: a name ending in "Conference" is an EVENT; a name ending in "Agency" is
an ORG unless it is a person's (a given name or a title: "Jim Press"); a NORP-tagged name
that is no people's demonym ("militant group tagged NORP") is an ORG; a PERSON-tagged name that the
gazetteer knows as a place, with no title before it and no one of that name in the article,
is a GPE; a country name is a GPE whatever it was tagged. Word lists are data in
lexicons/entities_types.toml.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from spacy.tokens import Doc

from storyline.analyze.gazetteer import Gazetteer, fold
from storyline.analyze.titles import TitleLexicon, word_key

TYPES_PATH = Path(__file__).with_name("lexicons") / "entities_types.toml"

# Prepositions after which a bare capitalised name is a place ("in Rafah", "to Oskel").
LOCATIVE = frozenset({"in", "into", "to", "from", "near", "towards", "toward", "at", "across", "outside",
                      "inside", "around", "through", "on", "via", "between", "beyond", "within"})

# Labels an organisation's head word overrides ("the Scottish Green Party" tagged WORK_OF_ART).
ORG_HEAD_LABELS = frozenset({"PERSON", "GPE", "LOC", "NORP", "PRODUCT", "WORK_OF_ART"})


@dataclass(frozen=True, slots=True)
class TypeLexicon:
    """Folded word sets that settle a type, and acronyms of international bodies."""

    event_heads: frozenset[str]
    org_heads: frozenset[str]
    fac_heads: frozenset[str]
    norp_words: frozenset[str]
    norp_suffixes: tuple[str, ...]
    acronyms: Mapping[str, str]
    demonyms: Mapping[str, str]
    state_offices: frozenset[str] = frozenset()
    place_verbs: frozenset[str] = frozenset()


def load_type_lexicon(path: Path = TYPES_PATH) -> TypeLexicon:
    """Load the type lexicon from its TOML file."""
    with path.open("rb") as f:
        data = tomllib.load(f)
    return TypeLexicon(
        event_heads=frozenset(fold(w) for w in data.get("event_heads", [])),
        org_heads=frozenset(fold(w) for w in data.get("org_heads", [])),
        fac_heads=frozenset(fold(w) for w in data.get("fac_heads", [])),
        norp_words=frozenset(fold(w) for w in data.get("norp_words", [])),
        norp_suffixes=tuple(sorted({fold(w) for w in data.get("norp_suffixes", [])}, key=len, reverse=True)),
        acronyms=MappingProxyType(dict(data.get("acronyms", {}))),
        demonyms=MappingProxyType(dict(data.get("demonyms", {}))),
        state_offices=frozenset(fold(w) for w in data.get("state_offices", [])),
        place_verbs=frozenset(fold(w) for w in data.get("place_verbs", [])),
    )


@dataclass(frozen=True, slots=True)
class TypeContext:
    """What the rest of the article says about names: labels seen, names of people."""

    labels: Mapping[str, frozenset[str]]
    person_words: frozenset[str]
    titled_surnames: frozenset[str]
    place_words: frozenset[str] = frozenset()
    given_names: frozenset[str] = frozenset()


def looks_like_norp(text: str, lex: TypeLexicon, gaz: Gazetteer) -> bool:
    """Return True when ``text`` names a people, faith or party ("Israelis", "Kurdish", "Arab")."""
    key = fold(text)
    if gaz.demonym_country(text) or key in lex.norp_words:
        return True
    last = key.split()[-1] if key else ""
    if last in lex.norp_words:
        return True
    return any(last.endswith(s) and len(last) > len(s) + 2 for s in lex.norp_suffixes)


def looks_like_group(doc: Doc, start: int, end: int, titles: TitleLexicon) -> bool:
    """Return True for a plural name with no title before it: a group, not a person ("Lib Dems")."""
    return not (start > 0 and (titles.is_honorific(doc[start - 1]) or titles.is_head(doc[start - 1])))


def _line_start(doc: Doc, start: int) -> bool:
    return start == 0 or "\n" in doc[start - 1].text or "\n" in doc[start - 1].whitespace_


def fix_label(doc: Doc, start: int, end: int, label: str, *, gaz: Gazetteer, lex: TypeLexicon,
              titles: TitleLexicon, context: TypeContext) -> str:
    """Return the corrected label of the entity ``doc[start:end]`` tagged ``label``."""
    span = doc[start:end]
    text = span.text
    key = fold(text)
    n = end - start
    last = word_key(doc[end - 1].text)
    if n >= 2 and last in lex.event_heads and label in ("ORG", "FAC", "LOC", "GPE", "WORK_OF_ART", "PRODUCT"):
        return "EVENT"
    if n >= 2 and last in lex.org_heads and label in ORG_HEAD_LABELS \
            and not (label == "PERSON" and _person_evidence(doc, start, end, titles, context)):
        return "ORG"
    if n >= 2 and last in lex.fac_heads and label not in ("FAC", "PERSON"):
        return "FAC"
    if label == "FAC" and n == 2 and fold(doc[start].text) in context.given_names \
            and all(t.text[:1].isupper() and t.is_alpha for t in span) and not gaz.is_place(text) \
            and not any(word_key(t.text) in lex.fac_heads or word_key(t.text) in lex.org_heads for t in span):
        return "PERSON"  # "the Mike Leigh film": a given name and a surname are no building
    if label == "NORP":
        if looks_like_norp(text, lex, gaz):
            return "NORP"
        return "GPE" if gaz.country_name(text) else "ORG"
    if label in ("GPE", "LOC", "ORG") and gaz.demonym_country(text) and not gaz.country_name(text):
        return "NORP"
    if label in ("ORG", "LOC", "FAC", "PRODUCT") and gaz.country_name(text):
        return "GPE"
    if label == "GPE" and text.isupper() and text.isalpha() and "ORG" in context.labels.get(key, ()) \
            and not gaz.country(text) and not gaz.is_place(text):
        return "ORG"  # "BT" tagged GPE here and ORG there: an unknown acronym is a company's
    if label == "PERSON" and doc[end - 1].tag_ == "NNPS" and looks_like_group(doc, start, end, titles) \
            and not (n > 1 and fold(doc[start].text) in context.given_names):
        return "NORP"
    if label == "ORG" and n == 1 and _line_start(doc, start) and _dateline_place(doc, end, context.labels):
        return "GPE"
    if label == "PERSON" and _person_is_place(doc, start, end, key, gaz=gaz, titles=titles, context=context,
                                            lex=lex):
        return "GPE"
    return label


def _person_evidence(doc: Doc, start: int, end: int, titles: TitleLexicon, context: TypeContext) -> bool:
    # "Jim Press", "Mr Ben Post", "editor Ann Times": a given name or a title outweighs a last word
    # that often ends an organisation's name.
    first = doc[start]
    if titles.is_honorific(first) or (start > 0 and (titles.is_honorific(doc[start - 1])
                                                     or titles.is_head(doc[start - 1]))):
        return True
    return fold(first.text) in context.given_names and end - start <= 3


def _person_is_place(doc: Doc, start: int, end: int, key: str, *, gaz: Gazetteer, titles: TitleLexicon,
                     context: TypeContext, lex: TypeLexicon) -> bool:
    before = doc[start - 1] if start > 0 else None
    if before is not None and (titles.is_honorific(before) or titles.is_head(before)):
        return False
    words = key.split()
    if any(w in context.titled_surnames for w in words):
        return False
    if gaz.country_name(doc[start:end].text):
        return True
    if len(words) == 1 and words[0] in context.place_words and words[0] not in context.person_words:
        return True
    if not gaz.is_place(doc[start:end].text):
        return _dateline_place(doc, end, context.labels) \
            or _unknown_word_is_place(doc, start, end, context, lex)
    if len(words) > 1:
        # A two-word place ("Khan Younis") is a person only if the article names that person again.
        return not any(w in context.person_words for w in words[1:])
    if words[0] in context.person_words:
        return False
    seen = context.labels.get(key, frozenset())
    return bool(before is not None and before.lower_ in LOCATIVE) or bool(seen & {"GPE", "LOC", "FAC"}) \
        or _dateline_place(doc, end, context.labels)


def _unknown_word_is_place(doc: Doc, start: int, end: int, context: TypeContext, lex: TypeLexicon) -> bool:
    # "below Duvna", "would visit Duvna": a lone word no one bears as a name, written as a place.
    word = fold(doc[start].text)
    if end - start != 1 or word in context.person_words or word in context.given_names:
        return False
    tok = doc[start]
    if start > 0 and doc[start - 1].lower_ in SPATIAL:
        return True
    return tok.dep_ == "dobj" and tok.head.lemma_.lower() in lex.place_verbs


def _dateline_place(doc: Doc, end: int, labels: Mapping[str, frozenset[str]]) -> bool:
    # "Brannoch, Casmeria": a name followed by a comma and a country is a place.
    # "Il Sole 24 Ore, Italy's business newspaper" is an apposition, not a dateline.
    if end + 1 < len(doc) and doc[end].text == ",":
        nxt = doc[end + 1]
        return nxt.ent_type_ == "GPE" and "GPE" in labels.get(fold(nxt.text), frozenset()) \
            and nxt.ent_iob_ != "I" and not (end + 2 < len(doc) and doc[end + 2].tag_ == "POS")
    return False


# Nouns whose "of" names a place ("the village of Duvna").
PLACE_NOUNS = frozenset({"village", "town", "city", "district", "region", "province", "county", "state",
                         "suburb", "neighbourhood", "neighborhood", "municipality", "island", "capital"})
# Prepositions that, before an unknown one-word name, mark a place rather than a person.
STRONG_LOCATIVE = frozenset({"in", "into", "near", "across", "outside", "inside", "around", "throughout"})
# ... and, before a word no one in the article bears as a name, these too ("below Duvna").
SPATIAL = STRONG_LOCATIVE | {"below", "above", "beyond", "along", "towards", "toward", "upstream",
                             "downstream", "beneath", "past"}


def place_context(doc: Doc, start: int) -> bool:
    """Return True when the words before ``doc[start]`` make it a place ("in X", "the village of X")."""
    if start == 0:
        return False
    before = doc[start - 1].lower_
    if before in STRONG_LOCATIVE:
        return True
    return before == "of" and start >= 2 and doc[start - 2].lower_ in PLACE_NOUNS


def types_seen(pairs: Collection[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """Return, for each folded name, the set of labels it was given in the article."""
    out: dict[str, set[str]] = {}
    for text, label in pairs:
        out.setdefault(fold(text), set()).add(label)
    return {k: frozenset(v) for k, v in out.items()}
