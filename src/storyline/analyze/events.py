"""Typed events: who did what, where and when — the ``storyline_events`` component.

``EventsComponent(nlp)`` finds trigger words from ``lexicons/events_triggers.toml`` (verbs and
event nouns by lemma: "met", "talks", "visited", "trip", "refused to call for", "killed",
"arrested", "signed a deal" …) and makes one ``Event`` per trigger occurrence a reader would
list:

- **what**: the trigger's type (meeting, visit, statement, attack, arrest, ruling, vote,
  announcement, election, death, protest, agreement, transaction, business, personnel, other)
  and its PLOVER category;
- **who**: entities of ``doc._.entities`` that are the trigger's subject or object (through
  pronouns, offices, appositions and group nouns, see ``event_actors``); for a statement, the
  speaker;
- **where**: a place entity in a locative phrase of the trigger ("in Ostra", "at the Lorent
  Security Forum", "trip to Kardia");
- **when**: see ``event_dates``.

Not every trigger is an event: negated, planned, conditional and quoted ones are skipped, as
are counts ("five trips"), nouns with nothing anchoring them to one occurrence, plain "said"
with no date or place, and deaths that are tolls rather than occurrences. Triggers that tell
one event together ("refused to call for", "killed … in a strike", "the Front's raid … when
Front militants killed") are merged. Output: ``doc._.events``, sorted by span.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from storyline.analyze.event_actors import ACTOR_TYPES, ActorFinder
from storyline.analyze.event_dates import EventDater
from storyline.analyze.event_grammar import (
    aspect,
    background_of,
    governing_verb,
    in_reported_speech,
    is_background,
    is_irrealis,
    is_negated,
    is_progressive,
    objects,
    reporting_verb,
    subjects,
    verb_above,
)
from storyline.analyze.event_lexicon import EventLexicon, TriggerEntry, load_event_lexicon
from storyline.analyze.titles import load_titles
from storyline.model import Entity, Event, EventDate, TimeExpr

_SPEECH = {"say", "tell", "add", "state", "announce", "report", "claim", "confirm", "insist", "believe",
           "think"}
_DIRECT = ("direct",)
# background clauses that happen at the time of the clause they modify, give or take hours
_SAME_DAY_MARKS = {"after", "when", "while", "as", "once", "following", "amid"}


@dataclass(slots=True)
class _Cand:
    """A trigger on its way to an event."""

    head: Token
    entry: TriggerEntry
    tokens: list[Token]
    clause: Token | None
    light: Token | None = None
    actors: list[Entity] = field(default_factory=list)
    actor_spans: list[tuple[int, int]] = field(default_factory=list)
    place: tuple[str, tuple[int, int]] | None = None
    date: EventDate = field(default_factory=lambda: EventDate(None, None))
    date_span: tuple[int, int] | None = None
    merged_into: _Cand | None = None
    subject_is_actor: bool = False
    n_subject_actors: int = 0

    @property
    def type(self) -> str:
        return self.entry.type


def country_lookup(nlp: Language) -> Callable[[str], str | None] | None:
    """Return the entities component's country lookup ("Kardian" → "Kardia"), when it is in ``nlp``."""
    if "storyline_entities" not in nlp.pipe_names:
        return None
    gaz = getattr(nlp.get_pipe("storyline_entities"), "gaz", None)
    return getattr(gaz, "country", None)


class EventsComponent:
    """spaCy component: set ``doc._.events`` to the article's typed, dated events."""

    def __init__(self, nlp: Language) -> None:
        self.lex = load_event_lexicon()
        self.country = country_lookup(nlp)
        titles = load_titles()
        self.courtesy = (titles.male, titles.female)
        self.title_heads = titles.heads
        verbs = sorted({lemma for pos, lemma in self.lex.triggers if pos == "VERB"})
        nouns = sorted({lemma for pos, lemma in self.lex.triggers if pos == "NOUN"})
        self.matcher = Matcher(nlp.vocab)
        self.matcher.add("VERB", [[{"LEMMA": {"IN": verbs}, "POS": "VERB"}]])
        self.matcher.add("NOUN", [[{"LEMMA": {"IN": nouns}, "POS": "NOUN"}]])

    def __call__(self, doc: Doc) -> Doc:
        """Find the events of ``doc`` and set ``doc._.events``."""
        doc._.events = _DocEvents(doc, self).events()
        return doc


class _DocEvents:
    """The events of one Doc (per-call state only)."""

    def __init__(self, doc: Doc, comp: EventsComponent) -> None:
        self.doc = doc
        self.lex: EventLexicon = comp.lex
        self.title_heads = comp.title_heads
        quotes = doc._.quotes or []
        self.actors = ActorFinder(doc, doc._.entities, quotes, self.lex.group_heads, comp.country,
                                  comp.courtesy)
        self.direct = [q.span for q in quotes if q.kind in _DIRECT]
        self.matches = sorted({start for _, start, _ in comp.matcher(doc)})
        self.trigger_ids = set(self.matches)
        self.dater = EventDater(doc, doc._.times, doc._.published, stops=self.trigger_ids, quotes=self.direct)

    # --- the run ----------------------------------------------------------------------------

    def events(self) -> list[Event]:
        cands: list[_Cand] = []
        for i in self.matches:
            cand = self._candidate(self.doc[i])
            if cand is not None:
                cands.append(cand)
        by_head = {c.head.i: c for c in cands}
        self._absorb(cands, by_head)
        live = [c for c in cands if c.merged_into is None]
        for c in live:
            self._arguments(c)
        live = [c for c in live if self._keep(c)]
        for c in live:
            self._date(c)
        live = self._merge_same_sentence(live)
        live = self._drop_repeats(live)
        out = [self._event(c) for c in live]
        return sorted(out, key=lambda e: (e.span, e.type))

    # --- triggers ---------------------------------------------------------------------------

    def _in_direct_quote(self, tok: Token) -> bool:
        return any(s <= tok.idx < e for s, e in self.direct)

    def _entry(self, tok: Token) -> TriggerEntry | None:
        pos = "VERB" if tok.pos_ == "VERB" else "NOUN"
        entries = self.lex.entries(pos, tok.lemma_.lower())
        if pos == "NOUN" and not entries:
            return None
        chosen = None
        for entry in entries:
            if entry.particle is not None:
                if self._has_particle(tok, entry.particle):
                    return entry
                continue
            if chosen is None:
                chosen = entry
        return chosen

    @staticmethod
    def _has_particle(tok: Token, particle: str) -> bool:
        for child in tok.children:
            if child.dep_ in ("prt", "prep", "agent") and child.lower_ == particle:
                if child.dep_ == "prep" and any(g.ent_type_ in ("DATE", "TIME") for g in child.children):
                    continue  # "fired its chief on Monday" fires no one on anything
                return True
            if particle == "to" and child.dep_ == "xcomp" and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                return True
        return False

    def _candidate(self, tok: Token) -> _Cand | None:
        if self._in_direct_quote(tok):
            return None
        entry = self._entry(tok)
        if entry is None:
            return None
        lex = self.lex
        tokens = [tok]
        if entry.particle:
            tokens += [c for c in tok.children if c.lower_ == entry.particle and c.dep_ in ("prt", "prep")]
        if entry.pos == "VERB":
            if tok.dep_ == "amod":
                return None  # "blocking UN resolutions" read as a modifier: the parse is unsure
            planned = is_irrealis(tok, lex.modals, lex.irrealis_heads) and not self._under_trigger(tok)
            if is_negated(tok) or planned:
                return None
            if aspect(tok) == "present" and any(
                    ch.dep_ == "mark" and ch.lower_ in ("until", "till") for ch in tok.children):
                return None  # "until a new minister is appointed": not yet
            return _Cand(tok, entry, tokens, tok)
        # nouns
        lemma = tok.lemma_.lower()
        if tok.dep_ == "compound" or (tok.tag_ in ("NNS", "NNPS") and lemma not in lex.plural_nouns):
            return None  # "the death toll", "five trips"
        if is_negated(tok) or any(c.dep_ in ("amod", "compound") and c.lower_ in lex.irrealis_modifiers
                                  for c in tok.children):
            return None
        verb = governing_verb(tok)
        light = None
        if verb is not None and tok.dep_ in ("dobj", "nsubjpass", "attr") \
                and verb.lemma_.lower() in lex.light_verbs:
            light = verb
            tokens = [tok, verb] + [c for c in verb.children if c.dep_ == "prt"]
        if verb is not None and ((is_negated(verb) and light is not None)
                                 or is_irrealis(verb, lex.modals, lex.irrealis_heads)):
            return None
        if (entry.type in lex.light_noun_types or lemma in lex.light_nouns) and light is None:
            return None
        return _Cand(tok, entry, tokens, verb, light=light)

    def _under_trigger(self, tok: Token) -> bool:
        """Return True for an infinitive complement of another trigger ("refused to call for")."""
        return tok.dep_ == "xcomp" and tok.head.i in self.trigger_ids

    def _absorb(self, cands: list[_Cand], by_head: dict[int, _Cand]) -> None:
        """Merge triggers that tell one event: xcomp under a trigger, a light verb that is a trigger."""
        for c in cands:
            outer = None
            if c.entry.pos == "VERB" and c.head.dep_ == "xcomp":
                outer = by_head.get(c.head.head.i)
            elif c.entry.pos == "NOUN" and c.light is not None:
                host = by_head.get(c.light.i)
                # "announced his resignation", "signed an agreement", "launched an attack", "paid a
                # visit": the noun says what happened, its light verb only how
                if host is not None and host.merged_into is None and (
                        host.type in ("announcement", "statement", c.type) or host.entry.lemma == "sign"
                        or host.entry.lemma in self.lex.light_verbs):
                    host.merged_into = c
                    c.tokens = sorted({*c.tokens, *host.tokens}, key=lambda t: t.i)
                    if host.type == c.type and host.entry.plover:
                        c.entry = TriggerEntry(c.entry.lemma, None, c.type, host.entry.plover, "NOUN")
                    continue
            if outer is not None and outer is not c and outer.merged_into is None:
                c.merged_into = outer
                outer.tokens = sorted({*outer.tokens, *c.tokens}, key=lambda t: t.i)

    # --- arguments --------------------------------------------------------------------------

    def _add_actors(self, c: _Cand, toks: Sequence[Token]) -> None:
        sent = c.head.sent
        for t in toks:
            # a speaker is a person, an organisation or a group of people, not "UN resolutions"
            for e in self.actors.resolve(t, loose=c.type != "statement"):
                if e.type in ACTOR_TYPES and e not in c.actors:
                    c.actors.append(e)
                    # the mention in this sentence nearest the trigger, else the word standing for it
                    inside = [m.span for m in e.mentions
                              if sent.start_char <= m.span[0] and m.span[1] <= sent.end_char]
                    if inside:
                        c.actor_spans.append(min(inside, key=lambda sp: abs(sp[0] - c.head.idx)))
                    elif sent.start_char <= t.idx < sent.end_char:
                        c.actor_spans.append((t.idx, t.idx + len(t)))

    def _arguments(self, c: _Cand) -> None:
        tok = c.head
        lex = self.lex
        subj: list[Token] = []
        obj: list[Token] = []
        if c.entry.pos == "VERB":
            subj = subjects(tok)
            obj = objects(tok, ("with", "between") if c.type == "meeting" else ("with",))
            for inner in c.tokens[1:]:
                if inner.pos_ == "VERB":
                    obj += objects(inner)
            if c.type == "ruling":
                # "ordered that X be held": the one ruled on
                obj += [g for ch in tok.children if ch.dep_ == "ccomp" for g in ch.children
                        if g.dep_ in ("nsubj", "nsubjpass")]
            if tok.dep_ == "acl" and tok.tag_ == "VBN":
                obj.append(tok.head)  # "the official arrested on Thursday"
        else:
            for child in tok.children:
                named = child.dep_ in ("compound", "amod", "nmod") and self.actors.entity_at(child)
                where = named and self.actors.entity_at(child).type in ("GPE", "LOC", "NORP")
                if where and c.type == "visit":
                    continue  # "his European tour", "a Gulf trip": where, not who
                if child.dep_ == "poss" or named:
                    subj.append(child)
                elif child.dep_ == "prep" and child.lower_ in ("by", "of", "with", "between", "from"):
                    target = subj if child.lower_ in ("by", "from") else obj
                    target.extend(cc for cc in child.children if cc.dep_ == "pobj")
            host = c.light
            if host is None and not subj and c.clause is not None and tok.dep_ == "pobj" \
                    and tok.head.lower_ in ("on", "during", "in"):
                # "walked through the streets on her first visit": the walker visits
                host = c.clause
                if c.type == "statement" and host.lemma_.lower() in _SPEECH:
                    c.tokens = sorted({*c.tokens, host}, key=lambda t: t.i)  # "said in an interview"
            if host is not None:
                subj += subjects(host)
        place_from_object = c.type == "visit"
        places = []
        for t in obj:
            # "visited Ostra", "shelled the town of Ostra": the object is where it happened
            named_place = place_from_object and self.actors.place_at(t) is not None
            if named_place or t.lemma_.lower() in lex.place_holders:
                places.append(t)
                if c.place is None:
                    c.place = self._place_of(t, depth=0)
        obj = [t for t in obj if t not in places]
        if c.type == "statement":
            obj = []  # whom one speaks to is not a party to the statement
        self._add_actors(c, subj)
        c.n_subject_actors = len(c.actors)
        # "Kardia killed …", "militants killed …": someone kills; "… gave way, killing 12": nobody does
        direct = [t for t in subj if t.head.i == tok.i or t.head.head.i == tok.i]
        c.subject_is_actor = any(self.actors.resolve(t) or t.lemma_.lower() in lex.group_heads
                                 for t in direct)
        self._add_actors(c, obj)
        if c.place is None:
            c.place = self._place(c)

    def _place(self, c: _Cand) -> tuple[str, tuple[int, int]] | None:
        preps = set(self.lex.place_prepositions)
        if c.type == "visit":
            preps |= self.lex.destination_prepositions
        hosts = [c.head, *([c.light] if c.light is not None else [])]
        hosts += [t for t in c.tokens if t.pos_ == "VERB"]
        # "bombed a depot in southern Ostra": the object's place is the event's
        hosts += [o for h in list(hosts) if h.pos_ == "VERB" for o in h.children if o.dep_ == "dobj"]
        seen = set()
        for host in hosts:
            if host.i in seen:
                continue
            seen.add(host.i)
            for child in host.children:
                if child.dep_ == "prep" and child.lower_ in preps:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            place = self._place_of(pobj, depth=0)
                            if place is not None:
                                return place
        return None

    def _place_of(self, tok: Token, depth: int) -> tuple[str, tuple[int, int]] | None:
        if self.actors.place_at(tok) is not None:
            return self._place_name(tok)
        if depth > 1:
            return None
        for child in tok.children:
            if child.dep_ == "appos":
                found = self._place_of(child, depth + 1)
                if found:
                    return found
        if tok.lemma_.lower() in self.lex.place_holders:
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in ("in", "of", "near", "outside"):
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found = self._place_of(pobj, depth + 1)
                            if found:
                                return found
            # "the Kovar sports hall": a named place the model did not tag
            names = [t for t in tok.children if t.dep_ == "compound" and t.pos_ == "PROPN"]
            if names:
                start = min(t.i for t in names)
                span = self.doc[start:tok.i + 1]
                return span.text, (span.start_char, span.end_char)
        return None

    def _place_name(self, tok: Token) -> tuple[str, tuple[int, int]]:
        entity = self.actors.place_at(tok)
        span = self.actors.mention_span(tok) or (tok.idx, tok.idx + len(tok))
        name = entity.name if entity is not None else tok.text
        mods = [c for c in tok.children if c.dep_ == "amod" and c.lower_ in self.lex.place_modifiers]
        if mods:
            first = min(m.i for m in mods)
            name = f"{self.doc[first:mods[-1].i + 1].text} {name}"
            span = (self.doc[first].idx, span[1])
        return name, span

    # --- filters ----------------------------------------------------------------------------

    def _keep(self, c: _Cand) -> bool:
        lex = self.lex
        tok = c.head
        lemma = tok.lemma_.lower()
        # "kill": an attack when someone kills, a death when people are killed
        if lemma in lex.agentive and c.entry.pos == "VERB":
            if c.subject_is_actor:
                c.entry = self._retype(c, "attack")
            else:
                c.entry = self._retype(c, "death")
                c.actors = []
                c.actor_spans = []
        if c.type == "attack" and lemma not in lex.physical and any(
                e.type == "PERSON" for e in c.actors[:c.n_subject_actors]):
            # "Dr Fox attacked Labour", "Howard has gone on the offensive": words, not weapons
            c.entry = TriggerEntry(c.entry.lemma, c.entry.particle, "statement", "DISAPPROVE", c.entry.pos)
        if c.type in lex.needs_actor and not c.actors:
            return False
        if not (c.actors or c.place is not None or self._own_time(c) is not None):
            return False  # "was convicted", "agreed": nothing says who, where or when
        if c.entry.pos == "VERB":
            if lemma in lex.court_only and not self._court_subject(tok):
                # "ordered troops", "ruled the country": no ruling, but maybe another type's trigger
                other = [e for e in lex.entries("VERB", lemma) if e.type != "ruling" and e.particle is None]
                if not other or (other[0].type in lex.needs_actor and not c.n_subject_actors):
                    return False
                c.entry = other[0]
            objs = [t.lemma_.lower() for t in self._objects(c)]
            if any(o in lex.type_not_objects.get(c.type, ()) for o in objs):
                return False
            if lemma in ("sign", "ratify") and not any(o in lex.sign_objects for o in objs):
                return False
            if lemma == "impose" and not any(o in lex.impose_objects for o in objs):
                return False
            if lemma in ("release", "allocate") and not any(o in lex.aid_objects for o in objs):
                return False
            if lemma in lex.need_place and c.place is None:
                return False
        mute = lemma in ("refuse", "decline") and any(
            t.lemma_.lower() in lex.mute_complements for t in c.tokens if t.i != tok.i)
        wanted = lex.needs_objects.get((c.type, c.entry.lemma))
        if wanted is not None and not any(self._object_fits(t, wanted) for t in self._objects(c)):
            return False
        if (lemma in lex.dated_only or mute) and not self._dated_or_placed(c):
            return False
        if lemma in lex.ambiguous_nouns and not self._armed(c):
            return False  # "workers went on strike", "a takeover battle" are no attacks
        return c.type != "death" or self._death_is_event(c)

    def _objects(self, c: _Cand) -> list[Token]:
        """Return what a trigger acts on: a verb's objects and its particle's ("filed for bankruptcy"),
        a noun's "for"/"of" objects ("an order for 20 jets")."""
        tok = c.head
        if c.entry.pos == "NOUN":
            return [g for ch in tok.children if ch.dep_ == "prep" and ch.lower_ in ("for", "of")
                    for g in ch.children if g.dep_ == "pobj"]
        found = objects(tok)
        if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN") and not any(
                t.dep_ in ("dobj", "nsubjpass") for t in found):
            found.append(tok.head)  # "the appeal he launched", "the plant closed last year": the noun
        if c.entry.particle:
            found += [g for ch in tok.children if ch.dep_ == "prep" and ch.lower_ == c.entry.particle
                      for g in ch.children if g.dep_ == "pobj"]
        return found

    def _object_fits(self, tok: Token, wanted: frozenset[str]) -> bool:
        """Return True when ``tok`` is one of the ``wanted`` objects: a lemma, or a kind written in capitals.

        MONEY: a sum ("$2 million"); COUNT: a counted or named thing ("20 aircraft", "the A380");
        PERSON: a person (named, a pronoun, an office or a group of people); ORG: a named organisation.
        """
        lemma = tok.lemma_.lower()
        if lemma in wanted:
            return True
        kids = list(tok.children)
        if "MONEY" in wanted and (tok.ent_type_ == "MONEY" or tok.tag_ == "$" or any(
                k.ent_type_ == "MONEY" or k.tag_ == "$" for k in kids)):
            return True
        if "COUNT" in wanted and (
                any(k.dep_ == "nummod" for k in kids) or tok.pos_ == "PROPN" or tok.ent_type_ == "PRODUCT"):
            return True
        found = {e.type for e in self.actors.resolve(tok, groups=False)}
        if "ORG" in wanted and "ORG" in found:
            return True
        if "PERSON" in wanted:
            if "PERSON" in found or tok.lower_ in ("him", "her", "them") or (
                    lemma in self.lex.group_heads and lemma not in self.lex.armed_groups):
                return True
            return lemma in self.title_heads  # "fired its chief executive"
        return False

    def _armed(self, c: _Cand) -> bool:
        """Return True when an ambiguous attack word is armed: a military word, a country or armed group."""
        lex = self.lex
        mods = [ch for ch in c.head.children if ch.dep_ in ("amod", "compound")]
        if any(m.lower_ in lex.noun_modifiers for m in mods):
            return True
        if any(m.dep_ == "compound" and m.pos_ == "NOUN" for m in mods):
            return False  # "a takeover battle", "the election fight"
        clause = c.clause
        if c.entry.pos == "NOUN" and clause is not None and clause.i in self.trigger_ids \
                and clause.lemma_.lower() in lex.physical:
            return True  # "killed a commander in a strike"
        if c.entry.pos == "VERB":
            doers = subjects(c.head)
        else:
            doers = [ch for ch in c.head.children if ch.dep_ == "poss"]
            doers += subjects(c.light) if c.light is not None else []
            doers += [m for m in mods if m.dep_ == "amod"]  # "a Kardian strike"
        for t in doers:
            e = self.actors.entity_at(t)
            if t.lemma_.lower() in lex.armed_groups or (e is not None and e.type in ("GPE", "NORP")):
                return True
        return False

    def _retype(self, c: _Cand, type_: str) -> TriggerEntry:
        for entry in self.lex.entries("VERB", c.head.lemma_.lower()):
            if entry.type == type_:
                return entry
        return c.entry

    def _court_subject(self, verb: Token) -> bool:
        words = self.lex.court_words
        for s in subjects(verb):
            if s.lemma_.lower() in words:
                return True
            e = self.actors.entity_at(s)
            if e is not None and any(w in e.name.lower().split() for w in words):
                return True
        return False

    def _own_time(self, c: _Cand) -> TimeExpr | None:
        return self.dater.own_time(c.head.sent, self._anchors(c))

    def _dated_or_placed(self, c: _Cand) -> bool:
        if c.place is not None:
            return True
        anchors = [c.head, *(t for t in c.tokens if t.i != c.head.i)]
        return self.dater.own_time(c.head.sent, anchors) is not None

    def _death_is_event(self, c: _Cand) -> bool:
        tok = c.head
        verb = tok if c.entry.pos == "VERB" else c.clause
        if verb is not None and any((ch.dep_ == "prep" and ch.lower_ == "since") or
                                    (ch.dep_ == "advcl" and any(m.lower_ == "since" for m in ch.children))
                                    for ch in verb.children):
            return False  # a toll over a period
        if verb is not None and in_reported_speech(verb, _SPEECH):
            return False  # "the agency said 38 people had died": a figure
        named = [e for e in self._dead(c) if e.type == "PERSON"]
        if named:
            c.actors = named
            return True
        return self._own_time(c) is not None

    def _dead(self, c: _Cand) -> list[Entity]:
        tok = c.head
        found: list[Entity] = []
        if c.entry.pos == "VERB":
            for ch in tok.children:
                if ch.dep_ in ("nsubj", "nsubjpass", "dobj"):
                    found += self.actors.resolve(ch, groups=False)
        else:
            for ch in tok.children:
                if ch.dep_ == "poss" or (ch.dep_ == "prep" and ch.lower_ == "of"):
                    targets = [ch] if ch.dep_ == "poss" else [g for g in ch.children if g.dep_ == "pobj"]
                    for t in targets:
                        found += self.actors.resolve(t, groups=False)
        return found

    # --- dates ------------------------------------------------------------------------------

    def _anchors(self, c: _Cand) -> list[Token]:
        anchors = [c.head] + [t for t in c.tokens if t.i != c.head.i]
        if c.entry.pos == "NOUN" and c.clause is not None and c.clause not in anchors:
            anchors.append(c.clause)
        # clauses the event's clause depends on: "gave way early on Monday, killing 12"
        v = c.clause
        for _ in range(3):
            if v is None or v.dep_ not in ("advcl", "conj", "xcomp") or v.head.i == v.i:
                break
            v = v.head
            if v.i in self.trigger_ids and v not in anchors and v.i != c.head.i:
                break
            if v not in anchors:
                anchors.append(v)
        return anchors

    def _date(self, c: _Cand) -> None:
        verb = c.clause
        tense = aspect(verb)
        reporter = reporting_verb(verb, _SPEECH) if verb is not None else None
        if verb is not None and tense == "past" and reporter is not None and verb.tag_ == "VBN":
            tense = "pluperfect"
        found = background_of(c.head) or (
            background_of(verb) if verb is not None and verb.i != c.head.i else None)
        # "the leaders he met", "the countries he visited": described, not reported; not the story's date
        relative = verb is not None and verb.dep_ in ("relcl", "acl")
        c.date, c.date_span = self.dater.date_for(c.head.sent, self._anchors(c), tense,
                                                  found is not None or relative)
        if c.date.value is not None:
            return
        # With no time of its own, an event told against another clause takes that clause's date:
        # "said the fund had released …" (the saying), "after the party voted …", "X, who was
        # making his third visit" (the clause it happens in). "since …", "before …" and a simple
        # past that only describes a noun ("the emergency that X declared") stay undated.
        host = None
        if found is not None:
            host = found[1] if found[0] in _SAME_DAY_MARKS else None
        elif relative and verb is not None and is_progressive(verb):
            host = verb_above(verb.head)
        elif tense == "pluperfect" and reporter is not None:
            host = reporter
        host = verb_above(host) if host is not None else None
        if host is None:
            return
        if host.i in (c.head.i, verb.i if verb is not None else -1):
            # "after" on the sentence's root: a parse with no clause above, so the event is the main one
            c.date = self.dater.date_for(c.head.sent, self._anchors(c), tense, False)[0]
        else:
            c.date = self.dater.date_for(c.head.sent, [host], aspect(host), is_background(host))[0]

    # --- merging ----------------------------------------------------------------------------

    def _merge_same_sentence(self, cands: list[_Cand]) -> list[_Cand]:
        """One event per happening: same type in one sentence, sharing an actor or one without."""
        out: list[_Cand] = []
        for c in cands:
            target = None
            for o in out:
                if o.type != c.type or o.head.sent.start != c.head.sent.start:
                    continue
                shared = {e.id for e in o.actors} & {e.id for e in c.actors}
                if shared or not c.actors or not o.actors:
                    target = o
                    break
            if target is None:
                out.append(c)
                continue
            keep, drop = (target, c)
            if (keep.date.value is None and drop.date.value is not None) or (
                    keep.date_span is None and drop.date_span is not None):
                keep.date, keep.date_span = drop.date, drop.date_span
            for e, span in zip(drop.actors, drop.actor_spans or [None] * len(drop.actors), strict=False):
                if e not in keep.actors:
                    keep.actors.append(e)
                    if span is not None:
                        keep.actor_spans.append(span)
            if keep.place is None:
                keep.place = drop.place
            keep.tokens = sorted({*keep.tokens, *drop.tokens}, key=lambda t: t.i)
        return out

    def _drop_repeats(self, cands: list[_Cand]) -> list[_Cand]:
        """Join retellings: "the march", "the agreement" name the event of that type told before it;
        the same type, date and actors twice is one event."""
        out: list[_Cand] = []
        for c in cands:
            earlier = [o for o in out if o.type == c.type]
            target = None
            definite = c.entry.pos == "NOUN" and any(
                ch.dep_ == "det" and ch.lower_ in ("the", "this", "that") for ch in c.head.children)
            last = earlier[-1].date.value if earlier else None
            if definite and earlier and (c.date.value is None or last in (None, c.date.value)):
                target = earlier[-1]
            else:
                ids = {e.id for e in c.actors}
                for o in earlier:
                    other = {e.id for e in o.actors}
                    if o.date.value and o.date.value == c.date.value and ids and other and (
                            ids <= other or other <= ids):
                        target = o
                        break
            if target is None:
                out.append(c)
                continue
            if target.date.value is None and c.date.value is not None:
                target.date, target.date_span = c.date, c.date_span
            for e in c.actors:
                if e not in target.actors:
                    target.actors.append(e)
            if target.place is None:
                target.place = c.place
        return out

    # --- output -----------------------------------------------------------------------------

    def _event(self, c: _Cand) -> Event:
        sent: Span = c.head.sent
        trig_start = min(t.idx for t in c.tokens)
        trig_end = max(t.idx + len(t) for t in c.tokens)
        starts = [trig_start]
        ends = [trig_end]
        pieces = c.actor_spans + ([c.place[1]] if c.place else []) + ([c.date_span] if c.date_span else [])
        for s, e in pieces:
            if sent.start_char <= s and e <= sent.end_char:
                starts.append(s)
                ends.append(e)
        toks = sorted(c.tokens, key=lambda t: t.i)
        parts = [toks[0].text]
        for a, b in pairwise(toks):
            gap = self.doc[a.i + 1:b.i]
            parts.append(f"{gap.text} {b.text}" if len(gap) <= 3 else f"… {b.text}")
        trigger = " ".join(p.strip() for p in parts if p.strip())
        return Event(
            span=(min(starts), max(ends)),
            type=c.type,
            trigger=trigger,
            date=c.date,
            actors=tuple(e.id for e in c.actors),
            where=c.place[0] if c.place else None,
            plover=c.entry.plover,
        )
