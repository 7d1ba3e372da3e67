"""The entities component: named entities of one article, name variants joined, types fixed, roles.

``EntitiesComponent(nlp)`` is the spaCy component ``storyline_entities``; it reads the model's
``doc.ents`` and the parse and sets ``doc._.entities`` to a list of ``Entity`` records:

- one entity per actor: "Antony Blinken", "Mr Blinken", "Blinken" and "the secretary" (when
  only one person introduced before it holds that title) are mentions of one PERSON named by
  its fullest form; "Prince Mohammed" joins "Mohammed bin Salman"; "US" is "United States";
- types corrected where the name or its context settles them (see ``entity_types``), and one
  label per name: a name tagged PERSON in one place and not in another is a person only with
  evidence — a title, a known given name (``names.load_given_names``), a surname of such a name;
- roles from pre-modifiers, appositions and transcript speaker lines (see ``roles``);
- names that are no person's grouped by name, acronym and country (see ``entity_groups``).

Dates, times and numbers are left to the times and figures components. Entities are ordered
by first mention; ids are ``digest(article_id, type, name)``.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from types import MappingProxyType

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from storyline.analyze.entity_groups import Cand, Group, cluster_others, dedupe_roles
from storyline.analyze.entity_types import (
    LOCATIVE,
    TypeContext,
    TypeLexicon,
    fix_label,
    load_type_lexicon,
    place_context,
    types_seen,
)
from storyline.analyze.extensions import doc_text
from storyline.analyze.gazetteer import Gazetteer, fold, load_gazetteer
from storyline.analyze.names import (
    PersonName,
    canonical_name,
    cluster_names,
    is_name_word,
    load_given_names,
    name_parts,
)
from storyline.analyze.roles import FoundRole, PersonSpan, RoleFinder, title_words
from storyline.analyze.titles import TitleLexicon, load_titles, word_key
from storyline.ids import digest
from storyline.model import Entity, Mention, Role

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC", "PRODUCT", "WORK_OF_ART", "LAW")
# Inline markup left in a text ("<a href=…>") is no place for entities.
TAG = re.compile(r"<[^<>\n]{0,800}>")
# An outlet or company named by its domain ("Detik.com", "Amazon.com"), not a link.
SITE_NAME = re.compile(r"^[A-Z][A-Za-z0-9\-]*\.[a-z]{2,6}$")
# A role whose country or organisation the text does not give: "" rather than None, because the
# record's consumers (the shared scorer among them) concatenate title and "of".
NO_OF = ""
PRIORITY = MappingProxyType({"transcript": 4, "courtesy": 3, "model": 2, "rank": 1, "scan": 0})


class EntitiesComponent:
    """spaCy component: set ``doc._.entities`` (list of ``Entity``) from ``doc.ents`` and the parse."""

    def __init__(self, nlp: Language) -> None:
        self.types = load_type_lexicon()
        self.gaz = load_gazetteer(self.types.demonyms)
        self.titles = load_titles()
        self.given_names = load_given_names()
        self.roles = RoleFinder(self.titles, self.gaz)
        words = self.titles.courtesy | self.titles.honorifics | self.titles.honorific_prefixes
        forms = sorted(words | {w + "." for w in words})
        self.honorific_matcher = Matcher(nlp.vocab)
        self.honorific_matcher.add("HONORIFIC", [[{"LOWER": {"IN": forms}, "IS_TITLE": True}],
                                                 [{"LOWER": {"IN": forms}, "IS_UPPER": True}]])
        self.definite_matcher = Matcher(nlp.vocab)
        modifiers = sorted(self.titles.portfolio | {"deputy", "vice"})
        self.definite_matcher.add("DEFINITE", [[
            {"LOWER": "the"},
            {"LOWER": {"IN": modifiers}, "OP": "{0,3}"},
            {"LOWER": {"IN": sorted(self.titles.definite)}},
        ]])

    def __call__(self, doc: Doc) -> Doc:
        """Find the article's entities and set ``doc._.entities``."""
        doc._.entities = find_entities(doc, self)
        return doc


def find_entities(doc: Doc, comp: EntitiesComponent) -> list[Entity]:
    """Return the entities of ``doc`` (pure: depends only on the doc and the component's data)."""
    return _Article(doc, comp).run()


class _Article:
    """The per-article work, step by step; nothing outlives one call."""

    def __init__(self, doc: Doc, comp: EntitiesComponent) -> None:
        self.doc, self.comp = doc, comp
        self.gaz: Gazetteer = comp.gaz
        self.titles: TitleLexicon = comp.titles
        self.types: TypeLexicon = comp.types
        self.finder: RoleFinder = comp.roles
        self.text = doc_text(doc)
        self.masked = _masked_tokens(doc, self.text)
        self.given: frozenset[str] = comp.given_names

    def run(self) -> list[Entity]:
        cands = self._model_candidates() + self._honorific_candidates() + self._transcript_candidates()
        cands = self._resolve_overlaps(cands)
        cands = self._untagged_names(cands)
        cands = self._merge_split_names(cands)
        cands = self._fix_types(cands)
        cands = self._vote_labels(cands)
        persons = [self._trim_postnominals(c) for c in cands if c.label == "PERSON"]
        found = self._find_roles(persons, cands)
        cands = self._drop_title_words(cands, found)
        person_groups = self._cluster_persons([c for c in persons if c.label == "PERSON"])
        cands = self._attach_person_words(cands, person_groups, self._evidence_keys(cands))
        groups = person_groups + cluster_others(self.doc, [c for c in cands if c.label != "PERSON"],
                                                      gaz=self.gaz, types=self.types)
        self._attach_roles(groups, found, persons)
        self._definite_references(groups)
        return self._entities(groups)

    # --- candidates ------------------------------------------------------------------------

    def _model_candidates(self) -> list[Cand]:
        out = []
        for ent in self.doc.ents:
            if ent.label_ not in ENTITY_TYPES:
                continue
            span = self._clean(ent.start, ent.end)
            if span is None:
                continue
            s, e = span
            # "$280bn", "30GB" tagged PERSON: a person's or a place's name has a word that starts
            # with a letter.
            if ent.label_ in ("PERSON", "GPE", "LOC", "NORP") and not any(t.text[:1].isalpha()
                                                                           for t in self.doc[s:e]):
                continue
            out.append(Cand(s, e, ent.label_, s, "model"))
        return out

    def _clean(self, start: int, end: int) -> tuple[int, int] | None:
        doc = self.doc
        # Keep the first stretch without a line break or markup ("Reuters\n\nPowered" → "Reuters").
        runs, run = [], []
        for i in range(start, end):
            if i in self.masked or "\n" in doc[i].text or doc[i].is_space or doc[i].text in "()[]":
                if run:
                    runs.append(run)
                run = []
            else:
                run.append(i)
                if "\n" in doc[i].whitespace_:
                    runs.append(run)
                    run = []
        if run:
            runs.append(run)
        # "U.S.", "AT&T", "Detik.com": a letter anywhere in a token makes it a word.
        runs = [r for r in runs if any(ch.isalpha() for i in r for ch in doc[i].text)]
        if not runs:
            return None
        s, e = runs[0][0], runs[0][-1] + 1
        while s < e and (doc[s].lower_ in ("the", "a", "an") or doc[s].is_punct or doc[s].is_quote):
            s += 1
        while e > s and (doc[e - 1].tag_ == "POS" or doc[e - 1].is_punct or doc[e - 1].is_quote
                         or doc[e - 1].text in ("'s", "’s")):
            e -= 1
        if e <= s:
            return None
        text = doc[s:e].text
        if len(text.replace(".", "")) < 2 or not any(c.isalpha() for c in text):
            return None
        return s, e

    def _honorific_candidates(self) -> list[Cand]:
        doc, titles = self.doc, self.titles
        out = []
        seen_until = -1
        for _, s, _e in self.comp.honorific_matcher(doc):
            if s < seen_until or s in self.masked or (s > 0 and doc[s - 1].text == "-"
                                                      and not doc[s - 1].whitespace_):
                continue
            i = s
            courtesy = False
            # "Mr", "Maj Gen", "Mr Secretary": the title run before the name.
            while i < len(doc) and (titles.is_honorific(doc[i]) or titles.is_honorific_prefix(doc[i])
                                    or (i > s and titles.is_title_word(doc[i]) and _capitalised(doc[i]))):
                courtesy = courtesy or titles.is_courtesy(doc[i])
                i += 1
            name_start = i
            while i < len(doc) and i - name_start < 4 and i not in self.masked:
                t = doc[i]
                if t.text == "-" and not t.whitespace_ and i > name_start and not doc[i - 1].whitespace_:
                    i += 1
                    continue
                if not is_name_word(t.text) or t.is_stop or t.ent_type_ in ("DATE", "TIME") or t.is_punct \
                        or titles.is_courtesy(t):
                    break
                i += 1
                if "\n" in t.whitespace_:
                    break
            while i > name_start and doc[i - 1].text == "-":
                i -= 1
            if not any(doc[k].is_alpha and _capitalised(doc[k]) for k in range(name_start, i)):
                continue
            if not any(titles.is_honorific(doc[k]) for k in range(s, name_start)):
                continue
            seen_until = i
            out.append(Cand(s, i, "PERSON", name_start, "courtesy" if courtesy else "rank"))
        return out

    def _transcript_candidates(self) -> list[Cand]:
        out = []
        for (ns, ne), (ds, de) in self.finder.transcript_lines(self.doc):
            name = self.doc.char_span(ns, ne, alignment_mode="expand")
            desc = self.doc.char_span(ds, de, alignment_mode="expand")
            if name is None or desc is None:
                continue
            out.append(Cand(name.start, name.end, "PERSON", name.start, "transcript",
                             description=(desc.start, desc.end)))
        return out

    def _resolve_overlaps(self, cands: list[Cand]) -> list[Cand]:
        doc = self.doc
        for c in cands:
            if c.label == "PERSON" and c.source == "model":
                self._person_span(c)
        # Rank-title matches ("General Motors") yield to the model's other labels.
        model_other = {i for c in cands if c.source == "model" and c.label != "PERSON"
                       for i in range(c.start, c.end)}
        order = sorted(cands, key=lambda c: (-PRIORITY[c.source], -(c.end - c.start), c.start))
        taken: dict[int, Cand] = {}
        out = []
        for c in order:
            if c.source == "rank" and any(i in model_other for i in range(c.name_start, c.end)):
                continue
            if any(i in taken for i in range(c.start, c.end)):
                continue
            for i in range(c.start, c.end):
                taken[i] = c
            out.append(c)
        out = [c for c in out if c.end > c.name_start and doc[c.name_start:c.end].text.strip()]
        return sorted(out, key=lambda c: c.start)

    def _trim_postnominals(self, c: Cand) -> Cand:
        while c.end - c.name_start > 1 and self.titles.is_postnominal(self.doc[c.end - 1]):
            c.end -= 1
        return c

    def _person_span(self, c: Cand) -> None:
        """Move office words out of a PERSON span and honorifics into it ("President Joe Biden")."""
        doc, titles = self.doc, self.titles
        def honorific(i: int) -> bool:
            # "Secretary-General": a word after a hyphen is no title of its own.
            if i > 0 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_:
                return False
            return titles.is_honorific(doc[i]) or titles.is_honorific_prefix(doc[i])

        while c.end - c.start > 1 and titles.is_title_word(doc[c.start]) and not honorific(c.start):
            c.start += 1
        c.name_start = c.start
        while c.end - c.name_start > 1 and honorific(c.name_start):
            c.name_start += 1
        while c.start > 0 and honorific(c.start - 1) and c.start - 1 not in self.masked:
            c.start -= 1

    def _merge_split_names(self, cands: list[Cand]) -> list[Cand]:
        """Make persons of names the model split or mislabelled ("Foreign Minister Chad Morrow")."""
        doc = self.doc
        titled = self._titled_surnames(cands)
        out: list[Cand] = []
        i = 0
        while i < len(cands):
            c = cands[i]
            nxt = cands[i + 1] if i + 1 < len(cands) else None
            before = doc[c.start - 1] if c.start > 0 else None
            after_title = before is not None and (self.titles.is_head(before)
                                                  or self.titles.is_honorific(before))
            # One name tagged as two ("President Susilo Bambang" + "Yudhoyono").
            if c.label == "PERSON" and nxt is not None and nxt.label == "PERSON" and nxt.start == c.end \
                    and nxt.name_start == nxt.start and doc[c.end - 1].whitespace_ == " " \
                    and is_name_word(doc[nxt.start].text):
                out.append(Cand(c.start, nxt.end, "PERSON", c.name_start, c.source))
                i += 2
                continue
            # A first name that is a country, tagged apart from its surname.
            if c.label in ("GPE", "NORP", "LOC", "ORG") and c.end - c.start == 1 and nxt is not None \
                    and nxt.label == "PERSON" and nxt.start == c.end and nxt.end - nxt.name_start == 1 \
                    and nxt.start == nxt.name_start and doc[c.start].whitespace_ == " " \
                    and (after_title or fold(doc[nxt.start].text) in titled):
                out.append(Cand(c.start, nxt.end, "PERSON", c.start, "model"))
                i += 2
                continue
            # A full name tagged as something else, when the article calls that person "Ms X" or
            # gives the name a title ("Nadia Korvel" tagged ORG beside "Ms Korvel").
            if c.label != "PERSON" and c.source == "model" and 2 <= c.end - c.start <= 4 \
                    and (self._titled_context(c) or fold(doc[c.end - 1].text) in titled) \
                    and self._could_be_name(c):
                c.label = "PERSON"
            # An office tagged with the name after it ("Spokeswoman Ada Venn" tagged ORG): the
            # name is a person's when it begins with a known given name.
            elif c.label != "PERSON" and c.source == "model" and c.end - c.start >= 3 \
                    and self.titles.is_title_word(doc[c.start]) \
                    and not self.titles.is_honorific(doc[c.start]):
                k = c.start
                while k < c.end and self.titles.is_title_word(doc[k]):
                    k += 1
                name = Cand(k, c.end, "PERSON", k, "model")
                if 2 <= c.end - k <= 3 and fold(doc[k].text) in self.given and self._could_be_name(name):
                    c.start = c.name_start = k
                    c.label = "PERSON"
            out.append(c)
            i += 1
        return out

    def _untagged_names(self, cands: list[Cand]) -> list[Cand]:
        """Add names the model missed when an office stands beside them ("Amaru Quispe, the UN's envoy")."""
        doc, titles = self.doc, self.titles
        covered = {i for c in cands for i in range(c.start, c.end)}
        added = []
        i = 0
        while i < len(doc):
            t = doc[i]
            if t.pos_ != "PROPN" or not t.is_title or i in covered or i in self.masked \
                    or titles.is_title_word(t):
                i += 1
                continue
            j = i
            while j < len(doc) and j - i < 4 and doc[j].pos_ == "PROPN" and is_name_word(doc[j].text) \
                    and j not in covered and j not in self.masked:
                j += 1
            c = Cand(i, j, "PERSON", i, "scan")
            if j - i >= 2 and self._titled_context(c) and self._could_be_name(c):
                added.append(c)
            i = max(j, i + 1)
        return sorted(cands + added, key=lambda c: c.start) if added else cands

    def _titled_context(self, c: Cand) -> bool:
        """Return True when an office stands next to ``c`` ("leader X", "the leader, X,", "X, the envoy")."""
        doc, titles = self.doc, self.titles
        if c.start > 0 and (titles.is_head(doc[c.start - 1]) or titles.is_honorific(doc[c.start - 1])):
            return True
        if c.start > 1 and doc[c.start - 1].text == "," and titles.is_head(doc[c.start - 2]) \
                and doc[c.start - 2].pos_ in ("NOUN", "PROPN"):
            return True
        if c.start > 1 and doc[c.start - 1].text == "," and self._office_of_before(c.start - 1):
            return True
        if c.end < len(doc) and doc[c.end].text == ",":
            for t in doc[c.end + 1:c.end + 9]:
                if t.is_punct and t.text not in ("'s", "’s", "-"):
                    break
                # "X, the envoy": the office must stand in apposition to X; in "X, a Romanian
                # official said" it is the subject of the reporting verb, and X no person.
                if titles.is_head(t) and t.pos_ == "NOUN" and not t.text[:1].isupper():
                    return t.dep_ == "appos" and c.start <= t.head.i < c.end
        return False

    def _office_of_before(self, comma: int) -> bool:
        # "the chairman of the Bar Council, X": an office with what it is of, then a comma.
        doc = self.doc
        j = comma - 1
        while j > 0 and comma - j < 8 and (doc[j].lower_ == "the" or (doc[j].text[:1].isupper()
                                                                     and doc[j].pos_ in ("PROPN", "NOUN"))):
            j -= 1
        return j > 0 and j < comma - 1 and doc[j].lower_ == "of" and self.titles.is_head(doc[j - 1]) \
            and doc[j - 1].pos_ == "NOUN"

    def _could_be_name(self, c: Cand) -> bool:
        doc, types = self.doc, self.types
        text = doc[c.start:c.end].text
        last = word_key(doc[c.end - 1].text)
        if self.gaz.is_place(text) or last in types.org_heads or last in types.event_heads \
                or last in types.fac_heads:
            return False
        return all(is_name_word(t.text) or t.text == "-" for t in doc[c.start:c.end]) \
            and not any(self.titles.is_title_word(t) for t in doc[c.start:c.end])

    def _titled_surnames(self, cands: Iterable[Cand]) -> frozenset[str]:
        return frozenset(fold(self.doc[c.end - 1].text) for c in cands
                         if c.label == "PERSON" and c.name_start > c.start)

    def _given_names(self, cands: Iterable[Cand]) -> frozenset[str]:
        """Known given names, with those the article gives after a courtesy title ("Mr Arlo Venn")."""
        doc = self.doc
        seen = {fold(doc[c.name_start].text) for c in cands
                if c.label == "PERSON" and c.name_start > c.start and c.end - c.name_start > 1
                and any(self.titles.is_courtesy(doc[i]) for i in range(c.start, c.name_start))}
        return self.given | seen if seen else self.given

    def _name_key(self, c: Cand) -> str:
        return fold(self.doc[c.name_start:c.end].text)

    def _evidence_keys(self, cands: list[Cand]) -> frozenset[str]:
        """Names (folded) the article gives as a person's: with a title, a known given name, or as
        the surname of such a name ("Blinken" beside "Antony Blinken" or "Mr Blinken")."""
        doc = self.doc
        given = self._given_names(cands)
        titled = self._titled_surnames(cands)
        keys: set[str] = set()
        for c in cands:
            key = self._name_key(c)
            words = key.split()
            if not words:
                continue
            if c.name_start > c.start or c.source in ("courtesy", "rank", "transcript") \
                    or (c.label == "PERSON" and self._titled_context(c)) \
                    or (1 < len(words) <= 3 and words[0] in given
                        and is_name_word(doc[c.end - 1].text) and not self._org_like(c)) \
                    or (len(words) == 1 and words[0] in titled):
                keys.add(key)
        # A surname alone is a person's when the article names that person in full, and so is a
        # given name ("Kelly" after "Kelly Holmes") when the article names that person more than
        # once and the word is no country's name.
        seen = Counter(self._name_key(c) for c in cands)
        tagged = {self._name_key(c) for c in cands if c.label == "PERSON"}
        full = [k.split() for k in keys & tagged if len(k.split()) > 1]
        keys |= {w[-1] for w in full}
        keys |= {w[0] for w in full if w[0] in given and seen[" ".join(w)] > 1 and not self.gaz.country(w[0])}
        return frozenset(keys)

    def _org_like(self, c: Cand) -> bool:
        last = word_key(self.doc[c.end - 1].text)
        return last in self.types.org_heads or last in self.types.fac_heads or last in self.types.event_heads

    def _vote_labels(self, cands: list[Cand]) -> list[Cand]:
        """Give one label to every mention of a name the model tagged PERSON in one place and not
        in another: PERSON only when the article gives person evidence (a title, a known given
        name), else the label of its other mentions ("Northrop Grumman", "Ryanair")."""
        by_key: dict[str, list[Cand]] = {}
        for c in cands:
            by_key.setdefault(self._name_key(c), []).append(c)
        evidence = self._evidence_keys(cands)
        # Surnames of full names the model tags PERSON everywhere ("Faltskog" of "Agnetha Faltskog").
        surnames = {key.split()[-1] for key, group in by_key.items()
                    if len(key.split()) > 1 and all(c.label == "PERSON" for c in group)
                    and not any(self._org_like(c) for c in group)}
        for key, group in by_key.items():
            labels = [c.label for c in group]
            if "PERSON" not in labels or len(set(labels)) == 1:
                continue
            others = [label for label in labels if label != "PERSON"]
            counts = Counter(others)
            top = max(counts.values())
            person = key in evidence or (key in surnames and not self.gaz.country(key))
            label = "PERSON" if person else next(x for x in others if counts[x] == top)
            for c in group:
                if c.label != label:
                    c.label = label
                    c.name_start = c.start
        return cands

    def _fix_types(self, cands: list[Cand]) -> list[Cand]:
        doc = self.doc
        full_people = [c for c in cands
                       if c.label == "PERSON" and len(name_parts(doc[c.name_start:c.end].text)) > 1]
        labels = types_seen([(doc[c.start:c.end].text, c.label) for c in cands])
        titled = self._titled_surnames(cands)
        given = self._given_names(cands)
        # One-word names the article uses as places somewhere ("in Duvna", "the village of Duvna").
        place_words = frozenset(fold(doc[c.start].text) for c in cands if c.end - c.start == 1
                                and (c.label in ("GPE", "LOC") or place_context(doc, c.start)))
        parts = {id(p): [fold(w) for w in name_parts(doc[p.name_start:p.end].text)] for p in full_people}
        counts = Counter(w for ws in parts.values() for w in ws)
        for c in cands:
            if c.source != "model":
                continue
            # Words of other people's full names (a name is not evidence against itself).
            own = Counter(parts.get(id(c), ()))
            words = frozenset(w for w, n in counts.items() if n > own[w]) if c.label == "PERSON" \
                else frozenset()
            context = TypeContext(labels=labels, person_words=words, titled_surnames=titled,
                                  place_words=place_words, given_names=given)
            c.label = fix_label(doc, c.start, c.end, c.label, gaz=self.gaz, lex=self.types,
                                titles=self.titles, context=context)
            if c.label != "PERSON":
                c.name_start = c.start
        self._first_word_aliases(cands, titled)
        # A rank before a word that opens a longer name is part of that name ("PC Pro" of
        # "PC Pro Magazine").
        longer = [(fold(doc[o.start:o.end].text) + " ", o.label) for o in cands if o.label != "PERSON"]
        for c in cands:
            if c.source == "rank":
                text = fold(doc[c.start:c.end].text) + " "
                label = next((label for t, label in longer if t.startswith(text)), None)
                if label is not None:
                    c.label, c.name_start = label, c.start
        # A "person" whose every word is a title is no person ("Prime Minister" tagged PERSON).
        return [c for c in cands if not (c.label == "PERSON" and all(self.titles.is_title_word(t)
                                                                     for t in doc[c.name_start:c.end]))]

    def _first_word_aliases(self, cands: list[Cand], titled: frozenset[str]) -> None:
        """A lone word tagged PERSON that begins one longer name is that thing ("Karsk" of "Karsk Dam")."""
        doc = self.doc
        firsts: dict[str, list[Cand]] = {}
        for c in cands:
            if c.label != "PERSON" and c.end - c.start > 1:
                firsts.setdefault(fold(doc[c.start].text), []).append(c)
        person_words = {fold(w) for c in cands if c.label == "PERSON" and c.end - c.name_start > 1
                        for w in name_parts(doc[c.name_start:c.end].text)}
        for c in cands:
            key = fold(doc[c.start].text)
            if c.label not in ("PERSON", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT") or c.end - c.start != 1 \
                    or key in titled or key in person_words:
                continue
            targets = {fold(doc[t.start:t.end].text): t for t in firsts.get(key, [])}
            if len(targets) == 1:
                target = next(iter(targets.values()))
                if doc[target.start + 1].tag_ == "POS":
                    # "Billboard" beside "Billboard's Century Award": the owner, not the award.
                    c.label = target.label
                    continue
                c.label, c.alias = target.label, fold(doc[target.start:target.end].text)

    # --- roles -------------------------------------------------------------------------------

    def _find_roles(self, persons: list[Cand], cands: list[Cand]) -> list[FoundRole]:
        doc = self.doc
        spans = [PersonSpan(c.start, c.name_start, c.end) for c in persons]
        others = [(c.start, c.end, c.label) for c in cands if c.label != "PERSON"]
        found = self.finder.find(doc, spans, others, skip=self.masked.__contains__)
        for k, c in enumerate(persons):
            if c.description is not None:
                role = self.finder.describe(doc, k, c.description[0], c.description[1], others)
                if role:
                    found.append(role)
        out = []
        for r in found:
            if r.of is None and any(self.titles.is_head(doc[i]) for i in r.title_tokens):
                listed = self.finder.list_country(doc, r.first_token)
                if listed:
                    r = dataclasses.replace(r, of=listed[0], of_span=listed[1])
            out.append(r)
        return out

    def _drop_title_words(self, cands: list[Cand], found: Sequence[FoundRole]) -> list[Cand]:
        """Drop or trim entities that are words of a title ("State" of "Secretary of State")."""
        doc = self.doc
        evidence = self._evidence_keys(cands)
        in_title = {i for r in found for i in r.title_tokens}
        out = []
        for c in cands:
            if c.label != "PERSON" and self.titles.is_portfolio(doc[c.start:c.end].text) \
                    and (self._beside_head(c) or self.titles.is_head(doc[c.end - 1])):
                continue
            if c.label == "PERSON" and c.name_start == c.start and self._name_key(c) not in evidence \
                    and all(i in in_title for i in range(c.start, c.end)):
                # "Lib Dem leader Charles Kennedy": a "person" inside someone's title is what the
                # office belongs to.
                c.label = "ORG"
                out.append(c)
                continue
            if c.label == "PERSON" or not any(i in in_title for i in range(c.start, c.end)):
                out.append(c)
                continue
            keep = [i for i in range(c.start, c.end) if i not in in_title]
            while keep and doc[keep[-1]].tag_ == "POS":
                keep.pop()
            if keep and keep[-1] - keep[0] == len(keep) - 1 and any(doc[i].is_alpha for i in keep):
                c.start, c.end = keep[0], keep[-1] + 1
                c.name_start = c.start
                # What is left of "Casmeria's Energy Minister" is labelled as the article labels it elsewhere.
                text = fold(doc[c.start:c.end].text)
                seen = [o.label for o in cands if o is not c and fold(doc[o.start:o.end].text) == text]
                c.label = Counter(seen).most_common(1)[0][0] if seen else c.label
                if self.gaz.country_name(doc[c.start:c.end].text) \
                        or (not seen and self._owns_state_office(c, found)):
                    c.label = "GPE"
                out.append(c)
        return out

    def _owns_state_office(self, c: Cand, found: Sequence[FoundRole]) -> bool:
        # "Casmeria's Energy Minister": whoever has ministers and ambassadors is a state.
        doc = self.doc
        if c.end + 1 >= len(doc) or doc[c.end].tag_ != "POS":
            return False
        return any(c.end + 1 in r.title_tokens and title_words(r.title) & self.types.state_offices
                   for r in found)

    def _beside_head(self, c: Cand) -> bool:
        # "Defence Secretary …", "Energy and Water Minister", "Secretary of State is …": portfolio
        # words next to an office.
        doc, titles = self.doc, self.titles
        j = c.end
        while j < len(doc) and j - c.end < 4 and not titles.is_head(doc[j]) \
                and (doc[j].lower_ in ("and", "&") or titles.is_portfolio(doc[j].text)):
            j += 1
        if j < len(doc) and titles.is_head(doc[j]):
            return True
        return c.start >= 2 and doc[c.start - 1].lower_ == "of" and titles.is_head(doc[c.start - 2])

    # --- joining mentions ------------------------------------------------------------------------

    def _person_name(self, c: Cand) -> PersonName:
        doc = self.doc
        genders = [self.titles.gender(doc[i]) for i in range(c.start, c.name_start)]
        return PersonName(name_parts(doc[c.name_start:c.end].text), titled=c.name_start > c.start,
                          gender=next((g for g in genders if g), ""))

    def _cluster_persons(self, persons: list[Cand]) -> list[Group]:
        names = [self._person_name(c) for c in persons]
        ids = cluster_names(names, [self.doc[c.start].idx for c in persons])
        groups: dict[int, Group] = {}
        for c, k in zip(persons, ids, strict=True):
            c.cluster = k
            groups.setdefault(k, Group("PERSON", "")).cands.append(c)
        for g in groups.values():
            g.name = canonical_name([self._person_name(c) for c in g.cands])
        # Two people never named in full ("Mr Smith", "Mrs Smith") keep their titles apart.
        names = Counter(g.name for g in groups.values())
        for g in groups.values():
            if names[g.name] > 1 and not any(self._person_name(c).full for c in g.cands):
                titled = [self.doc[c.start:c.end].text for c in g.cands if c.name_start > c.start]
                g.name = min(titled, key=titled.index) if titled else g.name
        return [groups[k] for k in sorted(groups)]

    def _attach_person_words(self, cands: list[Cand], groups: list[Group],
                             evidence: frozenset[str]) -> list[Cand]:
        """Make other mentions of a person's name theirs ("Blinken" tagged GPE) and find untagged ones.

        Only a person the article shows to be one (``evidence``: a title, a known given name)
        takes the mentions of other labels: a PERSON tag alone on "Northrop Grumman" does not.
        """
        doc = self.doc
        full: dict[str, Group] = {}
        last: dict[str, list[Group]] = {}
        for g in groups:
            names = [self._person_name(c) for c in g.cands]
            if not any(n.full for n in names) or not any(self._name_key(c) in evidence for c in g.cands):
                continue
            full[fold(g.name)] = g
            for n in names:
                if n.full and g not in last.setdefault(n.last, []):
                    last[n.last].append(g)
        if not full:
            return cands
        covered = {i for c in cands for i in range(c.start, c.end)}
        out = []
        for c in cands:
            if c.label == "PERSON":
                out.append(c)
                continue
            text = doc[c.start:c.end].text
            key = fold(text)
            group = full.get(key)
            # A surname that is also a town ("Henderson") is the person's unless written as a place.
            if group is None and c.end - c.start == 1 and key in last and not self.gaz.country(text) \
                    and not (c.label in ("GPE", "LOC") and self.gaz.is_place(text)
                             and (c.start == 0 or doc[c.start - 1].lower_ in LOCATIVE
                                  or place_context(doc, c.start))):
                group = self._nearest(last[key], doc[c.start].idx)
            if group is None:
                out.append(c)
                continue
            c.label, c.name_start = "PERSON", c.start
            group.cands.append(c)
            out.append(c)
        for t in doc:
            if t.i in covered or t.i in self.masked or not t.is_title or t.pos_ != "PROPN":
                continue
            key = fold(t.text)
            if key not in last:
                continue
            c = Cand(t.i, t.i + 1, "PERSON", t.i, "scan")
            self._nearest(last[key], t.idx).cands.append(c)
            out.append(c)
        return sorted(out, key=lambda c: c.start)

    def _nearest(self, groups: list[Group], offset: int) -> Group:
        if len(groups) == 1:
            return groups[0]
        def last_before(g: Group) -> int:
            return max((self.doc[c.start].idx for c in g.cands if self.doc[c.start].idx < offset), default=-1)
        return max(groups, key=last_before)

    # --- roles and references ----------------------------------------------------------------------

    def _attach_roles(self, groups: list[Group], found: Sequence[FoundRole], persons: list[Cand]) -> None:
        by_cand = {id(c): g for g in groups for c in g.cands}
        mention_names = [(self.doc[c.start].idx, self.doc[c.end - 1].idx + len(self.doc[c.end - 1].text), g)
                         for g in groups if g.label != "PERSON" for c in g.cands]
        for r in found:
            group = by_cand.get(id(persons[r.person]))
            if group is None or group.label != "PERSON":
                continue
            of = r.of
            if r.of_span is not None:
                hit = next((g for s, e, g in mention_names if s <= r.of_span[0] and e >= r.of_span[1]), None)
                if hit is not None and (of is None or not self.gaz.country_name(of)):
                    of = hit.name
            if of and of.islower():
                of = self._resolve_common_noun(of, groups, r.span[0]) or of
            group.roles.append(Role(title=r.title, of=of, span=r.span))
        for g in groups:
            g.roles = dedupe_roles(g.roles)

    def _resolve_common_noun(self, noun: str, groups: list[Group], before: int) -> str | None:
        # "a spokeswoman for the agency": the agency last named before.
        word = fold(noun.split()[-1])
        best: tuple[int, str] | None = None
        for g in groups:
            if g.label != "ORG" or fold(g.name.split()[-1]) != word:
                continue
            for c in g.cands:
                pos = self.doc[c.start].idx
                if pos < before and (best is None or pos > best[0]):
                    best = (pos, g.name)
        return best[1] if best else None

    def _definite_references(self, groups: list[Group]) -> None:
        """Add "the secretary" to the one person introduced before it with that title."""
        doc = self.doc
        people = [g for g in groups if g.label == "PERSON" and g.roles]
        if not people:
            return
        taken = {i for g in groups for c in g.cands for i in range(c.start, c.end)}
        role_spans = [r.span for g in people for r in g.roles]
        for _, s, e in self.comp.definite_matcher(doc):
            lo, hi = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
            if any(i in taken for i in range(s, e)) or any(a < hi and b > lo for a, b in role_spans):
                continue
            # "the Foreign Minister Ada Lind" is a title before a name; "the head of …" another office.
            nxt = doc[e] if e < len(doc) else None
            if nxt is not None and ((is_name_word(nxt.text) and nxt.pos_ == "PROPN") or nxt.lower_ == "of"):
                continue
            # "the general election": the title word only modifies the noun after it.
            if (nxt is not None and nxt.pos_ == "NOUN") or doc[e - 1].dep_ in ("amod", "compound"):
                continue
            head = word_key(doc[e - 1].text)
            mods = {word_key(t.text) for t in doc[s + 1:e - 1]}
            start = doc[s].idx
            holders = []
            for g in people:
                for r in g.roles:
                    words = title_words(r.title)
                    if r.span[0] < start and head in words and mods <= words | {"the"}:
                        holders.append(g)
                        break
            if len(holders) == 1:
                holders[0].extra.append((doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)))
                taken.update(range(s, e))

    # --- output ------------------------------------------------------------------------------------

    def _entities(self, groups: list[Group]) -> list[Entity]:
        doc = self.doc
        article = doc._.article_id or ""
        out = []
        for g in groups:
            spans = {(doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1].text)) for c in g.cands}
            spans |= set(g.extra)
            mentions = tuple(Mention(span=s, text=self.text[s[0]:s[1]]) for s in sorted(spans))
            if not mentions or g.label not in ENTITY_TYPES:
                continue
            roles = tuple(Role(r.title, r.of or NO_OF, r.span) for r in g.roles)
            out.append(Entity(id=digest(article, g.label, g.name), name=g.name, type=g.label,
                              mentions=mentions, roles=roles))
        out.sort(key=lambda e: (e.mentions[0].span, e.name))
        # Two groups can end with one name and type (a person never named in full); join them.
        merged: dict[str, Entity] = {}
        for e in out:
            if e.id in merged:
                old = merged[e.id]
                mentions = tuple(sorted(set(old.mentions) | set(e.mentions), key=lambda m: m.span))
                merged[e.id] = Entity(old.id, old.name, old.type, mentions,
                                      tuple(dedupe_roles(list(old.roles) + list(e.roles))))
            else:
                merged[e.id] = e
        return list(merged.values())


def _capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper()


def _masked_tokens(doc: Doc, text: str) -> set[int]:
    """Tokens inside inline markup or URLs (a capitalised bare domain is a name: "Detik.com")."""
    out = {t.i for t in doc if t.like_email or (t.like_url and not SITE_NAME.match(t.text))}
    for m in TAG.finditer(text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None:
            out.update(range(span.start, span.end))
    return out
