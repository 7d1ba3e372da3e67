"""Who a noun phrase names: the entity behind a name, a pronoun, an office or a group.

``ActorFinder(doc, entities, quotes, ...)`` answers, for the head token of a noun phrase, which
entities of ``doc._.entities`` it stands for:

- a mention of the entity itself ("Ms Lee", "the UN"), with its coordinated phrases;
- "he"/"she"/"his"/"her": the person last named before it; "I"/"we" inside a quote: its speaker;
- "who"/"which": the noun the relative clause hangs on;
- an apposition ("Casmeria's interior minister, Dorin Vasek,");
- an office held by one entity of the article ("Kardia's foreign minister", "the country's prime
  minister" → the entity whose role has that title and is of that country);
- a group noun with a named modifier ("Front militants", "Kardian forces", "the Marren
  administration") → the modifier's entity.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence

from spacy.tokens import Doc, Token

from storyline.analyze.extensions import doc_text
from storyline.model import Entity, Quote

ACTOR_TYPES = ("PERSON", "ORG", "GPE", "NORP")
PLACE_TYPES = ("GPE", "LOC", "FAC", "EVENT")
_MALE = {"he", "him", "his", "himself"}
_FEMALE = {"she", "her", "hers", "herself"}
_THIRD_PERSON = _MALE | _FEMALE
_FIRST_PERSON = {"i", "me", "my", "we", "us", "our", "myself", "ourselves"}
_RELATIVE = {"who", "which", "that", "whom", "whose"}
_OWNER_PREPS = {"of", "from", "for", "at", "in"}
# "thousands of Front supporters", "a group of diplomats": the people counted act
_QUANTITIES = {"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "million", "millions",
               "score", "scores", "crowd", "group", "number", "handful", "delegation", "team"}
# how far back "he"/"she" may look for the person it stands for
_PRONOUN_REACH = 1500
# spelling variants folded before comparing office titles
_SPELLING = {"defense": "defence", "labor": "labour", "organization": "organisation", "program": "programme"}
_WORD = re.compile(r"[a-z]+")
# "BRANNOCH, Casmeria (Meridian Wire) — A section …": a dateline names where the story was filed,
# and the parse often makes it the first sentence's subject
DATELINE = re.compile(r"\s*[A-Z][A-Z .'’\-]{2,40}(?:,\s*[A-Z][\w .'’\-]{1,40})?"
                      r"(?:\s*\([^()\n]{1,60}\))?\s*[—–-]\s")


def _words(text: str) -> list[str]:
    return [_SPELLING.get(w, w) for w in _WORD.findall(text.lower().replace("’", "'"))]


class ActorFinder:
    """Resolve noun-phrase heads of one Doc to the entities they name (per-call state only)."""

    def __init__(self, doc: Doc, entities: Sequence[Entity] | None, quotes: Sequence[Quote] | None,
                 group_heads: Collection[str], country: Callable[[str], str | None] | None = None,
                 courtesy: tuple[Collection[str], Collection[str]] = ((), ())) -> None:
        self.doc = doc
        self.entities = list(entities or ())
        self.group_heads = group_heads
        self.country = country or (lambda text: None)
        self.by_token: dict[int, Entity] = {}
        self.mention_tokens: dict[int, tuple[int, int]] = {}
        dateline = DATELINE.match(doc_text(doc))
        self.dateline_end = dateline.end() if dateline else 0
        for entity in self.entities:
            for m in entity.mentions:
                span = doc.char_span(m.span[0], m.span[1], alignment_mode="expand")
                if span is None or m.span[0] < self.dateline_end:
                    continue
                for i in range(span.start, span.end):
                    old = self.mention_tokens.get(i)
                    if old is None or (old[1] - old[0]) < len(span):
                        self.by_token[i] = entity
                        self.mention_tokens[i] = (span.start, span.end)
        # quotes: (start, end, speaker entity) for first-person pronouns inside them
        self.quotes: list[tuple[int, int, Entity | None]] = []
        by_id = {e.id: e for e in self.entities}
        for q in quotes or ():
            speaker = by_id.get(q.speaker.entity) if q.speaker and q.speaker.entity else None
            self.quotes.append((q.span[0], q.span[1], speaker))
        direct = [q.span for q in quotes or () if q.kind == "direct"]
        # people by gender where a courtesy title tells it ("Mr Hale" is not "she")
        male, female = courtesy
        self.gender: dict[str, str] = {}
        self.person_mentions: list[tuple[int, int, Entity]] = []
        for e in self.entities:
            if e.type != "PERSON":
                continue
            for m in e.mentions:
                first = m.text.split()[0].rstrip(".").lower() if m.text.split() else ""
                if first in male:
                    self.gender[e.id] = "m"
                elif first in female:
                    self.gender[e.id] = "f"
                if not any(s <= m.span[0] < t for s, t in direct):
                    self.person_mentions.append((m.span[0], m.span[1], e))
        self.person_mentions.sort(key=lambda x: x[1])

    # --- lookups ----------------------------------------------------------------------------

    def entity_at(self, tok: Token) -> Entity | None:
        """Return the entity one of whose mentions covers ``tok``."""
        return self.by_token.get(tok.i)

    def mention_span(self, tok: Token) -> tuple[int, int] | None:
        """Return the character span of the mention covering ``tok``."""
        rng = self.mention_tokens.get(tok.i)
        if rng is None:
            return None
        return self.doc[rng[0]].idx, self.doc[rng[1] - 1].idx + len(self.doc[rng[1] - 1])

    def quote_at(self, offset: int) -> tuple[int, int, Entity | None] | None:
        """Return the quote (start, end, speaker) containing character ``offset``."""
        for q in self.quotes:
            if q[0] <= offset < q[1]:
                return q
        return None

    def place_at(self, tok: Token) -> Entity | None:
        """Return the place entity (GPE, LOC, FAC, EVENT) named at ``tok``."""
        e = self.by_token.get(tok.i)
        return e if e is not None and e.type in PLACE_TYPES else None

    # --- resolution -------------------------------------------------------------------------

    def resolve(self, tok: Token, *, groups: bool = True, loose: bool = True) -> list[Entity]:
        """Return the actor entities the noun phrase headed by ``tok`` names (coordination included).

        ``groups`` lets a group noun stand for its named modifier ("Kardian forces" → Kardian);
        ``loose`` lets any noun do so with an organisation or country ("a Front commander").
        """
        found: list[Entity] = []
        for t in _conjuncts(tok):
            for e in self._resolve_one(t, groups, loose):
                if e not in found:
                    found.append(e)
        return found

    def _resolve_one(self, tok: Token, groups: bool, loose: bool) -> list[Entity]:
        lower = tok.lower_
        if tok.pos_ == "PRON" or tok.tag_ in ("PRP", "PRP$", "WP", "WP$"):
            return self._pronoun(tok, lower)
        entity = self.by_token.get(tok.i)
        if entity is not None:
            return [entity] if entity.type in ACTOR_TYPES else []
        for child in tok.children:
            if child.dep_ == "appos":
                hit = [e for e in self.resolve(child, groups=groups, loose=loose) if e.type in ACTOR_TYPES]
                if hit:
                    return hit
        role = self.office_holder(tok)
        if role is not None:
            return [role]
        if not groups or tok.pos_ != "NOUN":
            return []
        if tok.lemma_.lower() in _QUANTITIES or tok.lower_ in _QUANTITIES:
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    counted = [e for pobj in child.children if pobj.dep_ == "pobj"
                               for e in self.resolve(pobj, groups=groups, loose=loose)]
                    if counted:
                        return counted
        # "Kardian leaders including Prime Minister X, President Y": the members act
        members = [m for child in tok.children
                   if child.dep_ == "prep" and child.lower_ in ("including", "like")
                   for pobj in child.children if pobj.dep_ == "pobj"
                   for m in self.resolve(pobj, groups=False)]
        if tok.lemma_.lower() in self.group_heads:
            mods = self._group_modifiers(tok, ACTOR_TYPES)
        elif not loose:
            mods = []
        else:
            # "a senior Front commander": the organisation the person belongs to
            mods = self._group_modifiers(tok, ("ORG", "GPE", "NORP"))
        return mods + [m for m in members if m not in mods]

    def last_person(self, offset: int, pronoun: str) -> Entity | None:
        """Return the person last named (outside quotes) before ``offset`` that ``pronoun`` can stand for."""
        unwanted = "f" if pronoun in _MALE else "m" if pronoun in _FEMALE else ""
        floor = max(0, offset - _PRONOUN_REACH)
        for start, end, entity in reversed(self.person_mentions):
            if end > offset or start < floor:
                if start < floor:
                    break
                continue
            if unwanted and self.gender.get(entity.id) == unwanted:
                continue
            return entity
        return None

    def _pronoun(self, tok: Token, lower: str) -> list[Entity]:
        if lower in _THIRD_PERSON:
            # "She … said that her party …": a later pronoun is the subject pronoun's person
            same = _MALE if lower in _MALE else _FEMALE
            for t in tok.sent:
                if t.i >= tok.i:
                    break
                if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in same:
                    tok = t
                    break
            person = self.last_person(tok.idx, tok.lower_)
            return [person] if person is not None else []
        if lower in _FIRST_PERSON:
            quote = self.quote_at(tok.idx)
            return [quote[2]] if quote and quote[2] is not None else []
        if lower in _RELATIVE and tok.head.dep_ == "relcl":
            return self.resolve(self._antecedent(tok.head.head))
        return []

    def _antecedent(self, tok: Token) -> Token:
        """Return the noun a relative clause is about: "the director of the company, who …" → director."""
        t = tok
        for _ in range(3):
            e = self.by_token.get(t.i)
            if e is not None and e.type == "PERSON":
                return t
            if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.lower_ in _OWNER_PREPS:
                t = t.head.head
                continue
            if t.dep_ == "appos":
                t = t.head
                continue
            break
        for child in t.children:
            if child.dep_ == "appos" and self.by_token.get(child.i) is not None:
                return child
        return t

    def _group_modifiers(self, tok: Token, types: Collection[str]) -> list[Entity]:
        found: list[Entity] = []
        for child in tok.children:
            cands: Iterable[Token] = ()
            if child.dep_ in ("compound", "amod", "poss", "nmod"):
                cands = [child]
            elif child.dep_ == "prep" and (child.lower_ == "of" or (child.lower_ == "from"
                                           and tok.lemma_.lower() in self.group_heads)):
                # "the director of the company", "diplomats from Kardia"; not "a student from Brannoch"
                cands = [c for c in child.children if c.dep_ == "pobj"]
            for c in cands:
                for e in self.resolve(c, groups=False):
                    if e.type in types and e not in found:
                        found.append(e)
        return found

    def office_holder(self, tok: Token) -> Entity | None:
        """Return the one entity holding the office a phrase names ("Kardia's foreign minister")."""
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        title = [tok]
        qualifiers: list[str] = []
        for child in tok.children:
            if child.i < tok.i and child.dep_ in ("compound", "amod", "nmod"):
                e = self.by_token.get(child.i)
                if e is not None and e.type in ("GPE", "NORP", "ORG"):
                    qualifiers.append(e.name)
                else:
                    title.append(child)
            elif child.dep_ == "poss":
                e = self.by_token.get(child.i)
                if e is not None and e.type in ("GPE", "NORP", "ORG"):
                    qualifiers.append(e.name)
                elif child.pos_ == "PROPN":
                    qualifiers.append(child.text)
            elif child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    e = self.by_token.get(pobj.i)
                    if pobj.dep_ == "pobj" and e is not None and e.type in ("GPE", "NORP", "ORG"):
                        qualifiers.append(e.name)
        words = {w for t in title for w in _words(t.text)}
        if not words:
            return None
        wanted = {self._country_key(q) for q in qualifiers}
        matches: list[Entity] = []
        for entity in self.entities:
            if entity.type != "PERSON":
                continue
            for role in entity.roles:
                role_words = set(_words(role.title))
                if not words <= role_words or _words(role.title)[-1:] != _words(tok.text)[-1:]:
                    continue
                if wanted and self._country_key(role.of or "") not in wanted:
                    continue
                if entity not in matches:
                    matches.append(entity)
        return matches[0] if len(matches) == 1 else None

    def _country_key(self, name: str) -> str:
        if not name:
            return ""
        return (self.country(name) or name).lower()


def _conjuncts(tok: Token) -> list[Token]:
    out = [tok]
    stack = [c for c in tok.children if c.dep_ == "conj"]
    while stack:
        c = stack.pop(0)
        out.append(c)
        stack.extend(cc for cc in c.children if cc.dep_ == "conj")
    return out
