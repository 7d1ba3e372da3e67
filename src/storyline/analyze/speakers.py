"""Who a quote's speaker phrase names: an entity of the article, a described group, or nobody.

The resolver reads the entities component's output (``doc._.entities``): a speaker
phrase that overlaps an entity mention takes the entity's canonical name and id.
When that component did not run, spaCy's own PERSON/ORG/GPE/NORP spans stand in
(a bare surname borrows the fuller name printed earlier, nothing more). Pronouns
go to the most salient earlier person (subjects first) whose known gender fits;
a definite description ("the minister") to the last person introduced with that
title. What cannot be resolved keeps the phrase's own words, or no speaker at all; a
pronoun with no antecedent found, and a first-person writer ("I said"), are kept as
printed, with no entity and a low confidence: that someone spoke is known, not who.
"""

from __future__ import annotations

import bisect
import tomllib
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Doc, Span, Token

from storyline.analyze.extensions import doc_sents, doc_text
from storyline.model import Entity, Speaker

_SUBJECTS = ("nsubj", "nsubjpass")
_PRONOUN_WINDOW = 8  # sentences searched back for a pronoun's antecedent


@dataclass(frozen=True, slots=True)
class SpeakerLexicon:
    """Pronoun classes, honorifics and speaking entity types (lexicons/quotes_speakers.toml)."""

    male: frozenset[str]
    female: frozenset[str]
    thing: frozenset[str]
    plural: frozenset[str]
    first_person: frozenset[str]
    unresolved: frozenset[str]
    male_titles: frozenset[str]
    female_titles: frozenset[str]
    titles: frozenset[str]
    person_types: frozenset[str]
    group_types: frozenset[str]
    thing_types: frozenset[str]


def load_speaker_lexicon() -> SpeakerLexicon:
    """Read the speaker lexicon shipped with the package."""
    path = resources.files("storyline.analyze").joinpath("lexicons/quotes_speakers.toml")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    pro, hon, types = data["pronouns"], data["honorifics"], data["entity_types"]
    return SpeakerLexicon(
        male=frozenset(pro["male"]), female=frozenset(pro["female"]), thing=frozenset(pro["thing"]),
        plural=frozenset(pro["plural"]), first_person=frozenset(pro["first_person"]),
        unresolved=frozenset(pro["unresolved"]), male_titles=frozenset(hon["male"]),
        female_titles=frozenset(hon["female"]), titles=frozenset(hon["titles"]),
        person_types=frozenset(types["person"]), group_types=frozenset(types["group"]),
        thing_types=frozenset(types["thing"]),
    )


@dataclass(frozen=True, slots=True)
class EntityMention:
    """One mention of a speaking entity, as the resolver indexes it."""

    start: int
    end: int
    entity: str | None
    name: str
    type: str
    gender: str | None
    titles: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Resolved:
    """A speaker with how sure the resolver is that the phrase means them."""

    speaker: Speaker
    confidence: float


class SpeakerResolver:
    """Resolve speaker phrases of one Doc to Speaker records."""

    def __init__(self, doc: Doc, lex: SpeakerLexicon, quoted: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.lex = lex
        self._quoted = sorted(quoted)
        self._quoted_starts = [q[0] for q in self._quoted]
        entities = doc._.entities
        mentions = self._from_entities(entities) if entities is not None else self._from_ents()
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self._starts = [m.start for m in self.mentions]
        self._sents: list[Span] | None = None
        self._sent_starts: list[int] = []

    # --- building the mention index -------------------------------------------------------

    def _from_entities(self, entities: list[Entity]) -> list[EntityMention]:
        speaking = self.lex.person_types | self.lex.group_types
        out = []
        for ent in entities:
            if ent.type not in speaking:
                continue
            person = ent.type in self.lex.person_types
            gender = self._gender([m.text for m in ent.mentions]) if person else None
            titles = {w for role in ent.roles for w in role.title.lower().split()}
            if person:
                for m in ent.mentions:
                    span = self.doc.char_span(m.span[0], m.span[1], alignment_mode="expand")
                    if span is not None and len(span):
                        titles |= self._title_context(span)
            for m in ent.mentions:
                out.append(EntityMention(m.span[0], m.span[1], ent.id, ent.name, ent.type, gender,
                                         frozenset(titles)))
        return out

    def _from_ents(self) -> list[EntityMention]:
        speaking = self.lex.person_types | self.lex.group_types
        full: dict[str, str] = {}  # surname → the fullest name printed for it
        out = []
        for ent in self.doc.ents:
            if ent.label_ not in speaking:
                continue
            name = ent.text.strip()
            before = self.doc[ent.start - 1].lower_ if ent.start > 0 else ""
            gender = None
            if ent.label_ in self.lex.person_types:
                words = name.split()
                if len(words) > 1:
                    full.setdefault(words[-1].lower(), name)
                elif words and words[-1].lower() in full:
                    name = full[words[-1].lower()]
                elif before in self.lex.titles:
                    name = f"{self.doc[ent.start - 1].text} {name}"
                gender = self._gender([f"{before} {ent.text}"])
            out.append(EntityMention(ent.start_char, ent.end_char, None, name, ent.label_, gender,
                                     self._title_context(ent)))
        return out

    def _gender(self, texts: list[str]) -> str | None:
        for text in texts:
            first = text.split()[0].lower() if text.split() else ""
            if first in self.lex.male_titles:
                return "male"
            if first in self.lex.female_titles:
                return "female"
        return None

    @staticmethod
    def _title_context(ent: Span) -> frozenset[str]:
        """Return the words printed around a name in its own noun phrase ("US Secretary of State …")."""
        root = ent.root
        words = {t.lower_ for t in root.subtree if not (ent.start <= t.i < ent.end)}
        for child in root.children:
            if child.dep_ == "appos":
                words |= {t.lower_ for t in child.subtree}
        if root.dep_ == "appos":
            words |= {t.lower_ for t in root.head.subtree
                      if t.i < root.i and not (ent.start <= t.i < ent.end)}
        return frozenset(w for w in words if w.isalpha())

    # --- queries --------------------------------------------------------------------------

    def inside_quote(self, start: int, end: int) -> bool:
        """Return True when ``[start, end)`` lies inside a quoted passage."""
        i = bisect.bisect_right(self._quoted_starts, start) - 1
        return i >= 0 and self._quoted[i][0] <= start and end <= self._quoted[i][1]

    def _mentions_over(self, start: int, end: int) -> list[EntityMention]:
        hi = bisect.bisect_left(self._starts, end)
        return [m for m in self.mentions[:hi] if m.end > start and m.start < end]

    def mention_at(self, start: int, end: int) -> EntityMention | None:
        """Return the mention that best covers ``[start, end)``: containing it, else the largest overlap."""
        best = None
        best_key = (-1, -1)
        for m in self._mentions_over(start, end):
            key = (int(m.start <= start and end <= m.end), min(end, m.end) - max(start, m.start))
            if key > best_key:
                best, best_key = m, key
        return best

    def phrase(self, head: Token, np: Span) -> Resolved | None:
        """Resolve a speaker noun phrase whose syntactic head is ``head``."""
        low = head.lower_
        if head.pos_ == "PRON" or low in self.lex.unresolved:
            return self.pronoun(head)
        heads = (head, *[c for c in head.children if c.dep_ == "appos"])
        found = [m for m in (self.mention_at(t.idx, t.idx + len(t)) for t in heads) if m is not None]
        if found:
            # "WASHINGTON -- President Lee said": a dateline parsed as the subject, the person in apposition
            m = found[0]
            if m.type in self.lex.thing_types:
                m = next((x for x in found if x.type in self.lex.person_types), m)
            return Resolved(Speaker(m.name, (m.start, m.end), m.entity), 0.9)
        if head.pos_ == "NOUN" and head.tag_ == "NN" and any(
                c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            found = self._by_title(head)
            if found is not None:
                return found
        text = _clean_phrase(np)
        if not text:
            return None
        start, end = np.start_char, np.start_char + len(text)
        return Resolved(Speaker(text, (start, end), None), 0.85)

    def chars(self, start: int, end: int) -> Resolved:
        """Resolve a name printed on its own (a speaker line, a label, a byline-style dash)."""
        m = self.mention_at(start, end)
        if m is not None and m.type in self.lex.person_types | self.lex.group_types:
            return Resolved(Speaker(m.name, (start, end), m.entity), 0.8)
        text = doc_text(self.doc)[start:end]
        surname = text.split()[-1].lower() if text.split() else ""
        same = {(x.entity, x.name) for x in self.mentions
                if x.type in self.lex.person_types and x.name.split()[-1].lower() == surname}
        if len(same) == 1:
            entity, name = same.pop()
            return Resolved(Speaker(name, (start, end), entity), 0.8)
        if text.isupper():
            text = text.title()
        return Resolved(Speaker(text, (start, end), None), 0.75)

    def pronoun(self, tok: Token) -> Resolved | None:
        """Resolve "he"/"she" to the most salient earlier person, "it" to an organisation."""
        low = tok.lower_
        if low in self.lex.male or low in self.lex.female:
            types = self.lex.person_types
            want = "male" if low in self.lex.male else "female"
        elif low in self.lex.thing or low in self.lex.plural:
            return self._earlier_subject(tok, plural=low in self.lex.plural) or self._as_printed(tok)
        elif low in self.lex.first_person and not self.inside_quote(tok.idx, tok.idx + len(tok)):
            # "“…,” I said": the writer speaks; who that is the article does not say
            return Resolved(Speaker(tok.text, (tok.idx, tok.idx + len(tok)), None), 0.6)
        else:
            return None
        # mentions inside quotes are what someone said, not who is speaking now
        candidates = [m for m in self.mentions[:bisect.bisect_left(self._starts, tok.idx)]
                      if m.type in types and m.end <= tok.idx and not self.inside_quote(m.start, m.end)
                      and m.gender in (None, want)]
        chosen = self._salient(candidates, tok) if candidates else None
        if chosen is None:
            return self._as_printed(tok)
        return Resolved(Speaker(chosen.name, (tok.idx, tok.idx + len(tok)), chosen.entity), 0.7)

    @staticmethod
    def _as_printed(tok: Token) -> Resolved:
        """Return the pronoun itself as the speaker: who it means is not known, that someone spoke is."""
        return Resolved(Speaker(tok.text, (tok.idx, tok.idx + len(tok)), None), 0.4)

    def _earlier_subject(self, tok: Token, plural: bool) -> Resolved | None:
        """Resolve "it" / "they" to a subject before it (same sentence first), when that is not a person."""
        sent = tok.sent
        span = (tok.idx, tok.idx + len(tok))
        here = [t for t in sent if t.i < tok.i and t.dep_ in _SUBJECTS and t.pos_ != "PRON"]
        if here:
            found = self._group(here[-1], plural, span)
            if found is not None:
                return found
        for _ in range(3):
            if sent.start == 0:
                return None
            sent = self.doc[sent.start - 1].sent
            subjects = [t for t in sent.root.children if t.dep_ in _SUBJECTS]
            if not subjects or subjects[0].pos_ == "PRON":
                continue
            return self._group(subjects[0], plural, span)
        return None

    def _group(self, subject: Token, plural: bool, span: tuple[int, int]) -> Resolved | None:
        """Return the organisation or group a subject names, or None when it names a person."""
        m = self.mention_at(subject.idx, subject.idx + len(subject))
        if m is not None:
            if m.type in self.lex.person_types or (not plural and m.type not in self.lex.thing_types):
                return None
            return Resolved(Speaker(m.name, span, m.entity), 0.6)
        if subject.ent_type_ == "PERSON" or subject.tag_ not in (
                ("NNS", "NNPS") if plural else ("NN", "NNP", "NNPS")):
            return None
        left = subject.left_edge.i
        return Resolved(Speaker(self.doc[left:subject.i + 1].text, span, None), 0.5)

    def _salient(self, candidates: list[EntityMention], tok: Token) -> EntityMention | None:
        """Pick the antecedent: a subject in the nearest sentence that has one, else the latest mention.

        Sentences whose subject is the same pronoun continue its chain and do not count
        towards the search window ("She … She … “…,” she said" goes back to the name).
        """
        if self._sents is None:
            self._sents = list(doc_sents(self.doc))
            self._sent_starts = [s.start_char for s in self._sents]
        sents, sent_starts = self._sents, self._sent_starts
        here = bisect.bisect_right(sent_starts, tok.idx) - 1
        by_sent: dict[int, list[EntityMention]] = {}
        for m in candidates:
            by_sent.setdefault(bisect.bisect_right(sent_starts, m.start) - 1, []).append(m)
        counted, k = 0, here
        while k >= 0 and counted < _PRONOUN_WINDOW:
            for m in reversed(by_sent.get(k, [])):
                if self._is_subject(m):
                    return m
            if not any(t.dep_ in _SUBJECTS and t.lower_ == tok.lower_ for t in sents[k]):
                counted += 1
            k -= 1
        latest_sent = bisect.bisect_right(sent_starts, candidates[-1].start) - 1
        return candidates[-1] if k < latest_sent < here else None

    def _is_subject(self, m: EntityMention) -> bool:
        """Return True when a mention is (part of) the subject of its sentence's main clause."""
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not len(span):
            return False
        # any token, not just the span's root: the small model often splits a long name
        return any(self._main_subject(tok) for tok in span)

    @staticmethod
    def _main_subject(tok: Token) -> bool:
        while tok.dep_ in ("appos", "compound", "conj", "flat") and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ == "poss":  # "Lee's e-mail said …": the owner of the subject
            tok = tok.head
        if tok.dep_ not in _SUBJECTS:
            return False
        verb = tok.head
        while verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head
        return verb.dep_ == "ROOT" or (verb.dep_ == "ccomp" and verb.head.dep_ == "ROOT")

    def _by_title(self, head: Token) -> Resolved | None:
        """Resolve "the secretary" to the latest earlier person introduced with that title word."""
        word = head.lower_
        for m in reversed(self.mentions[:bisect.bisect_left(self._starts, head.idx)]):
            if m.type in self.lex.person_types and word in m.titles:
                return Resolved(Speaker(m.name, (head.idx, head.idx + len(head)), m.entity), 0.6)
        return None


def _clean_phrase(np: Span) -> str:
    """Return the phrase text without trailing punctuation or spaces."""
    return np.text.rstrip(" ,;:.–—-\n")
