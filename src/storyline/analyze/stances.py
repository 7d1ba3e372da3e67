"""Stances: who is for or against what — the ``storyline_stances`` component.

``StancesComponent(nlp)`` reads stance cues from ``lexicons/stances_en.toml`` in the parse and
sets ``doc._.stances`` to ``Stance`` records (actor, topic, "for"/"against", evidence span):

- verbs: "X called for / backs / welcomed Y" → for; "X opposes / rejected / condemned Y" →
  against; a negated for ("did not back Y") or a refusal ("refused to call for Y") → against;
  a cue aimed at another cue's object chains ("rejected calls for Y", "vetoed resolutions
  calling for Y" → against Y); "support X, but not Y" → for X, against Y;
- nouns: "X's opposition to Y", "X's call for Y", "no need for Y"; said by someone ("Park said
  … the government's opposition to a curfew"), the speaker holds it too;
- evaluations in what someone says: "Y is necessary / the right course" → for, "Y was neither
  necessary nor proportionate" → against;
- verb–object pairs that imply a side (data): "set on prolonging the offensive" → against a ceasefire.

The actor is the cue's subject resolved to an entity (names, pronouns, offices such as
"Kardia's foreign minister", group nouns, "we" in a quote → its speaker); a stance with no
resolvable actor or no topic noun phrase is not reported. Topics are normalised by
``stance_topics``. One stance per actor, topic and side; output sorted by span.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from storyline.analyze.event_actors import ACTOR_TYPES, ActorFinder
from storyline.analyze.event_grammar import conjuncts, is_negated, subjects
from storyline.analyze.event_lexicon import load_event_lexicon
from storyline.analyze.events import country_lookup
from storyline.analyze.quote_cues import load_cue_lexicon
from storyline.analyze.stance_lexicon import StanceLexicon, load_stance_lexicon
from storyline.analyze.stance_topics import topic_of
from storyline.analyze.titles import load_titles
from storyline.model import Entity, Stance

_FLIP = {"for": "against", "against": "for"}
# "X voted / came out / spoke in favour of Y" (not "Hill was dropped in favour of Harrison")
_FAVOUR_VERBS = {"vote", "be", "speak", "come", "argue", "campaign", "decide", "rule", "lean", "remain"}
_COPULAS = {"be", "remain", "seem", "become", "prove", "look"}
# verbs that carry a stance noun without a side of their own: "repeated her call for", "tabled a motion for"
_CARRIERS = {"repeat", "renew", "reiterate", "make", "issue", "voice", "express", "restate", "table", "lead",
             "submit", "echo", "amplify", "back", "join", "step", "intensify", "press", "add", "signal"}


def _infinitive(verb: Token) -> bool:
    return any(a.dep_ == "aux" and a.lower_ == "to" for a in verb.children)


@dataclass(frozen=True, slots=True)
class _Found:
    """One stance before output: the actor entity, topic, side and the evidence's pieces."""

    actor: Entity
    topic: str
    stance: str
    pieces: tuple[tuple[int, int], ...]
    sent: tuple[int, int]


class StancesComponent:
    """spaCy component: set ``doc._.stances`` to the actors' stances on topics."""

    def __init__(self, nlp: Language) -> None:
        self.lex = load_stance_lexicon()
        self.speech = load_cue_lexicon().speech
        self.group_heads = load_event_lexicon().group_heads
        self.country = country_lookup(nlp)
        titles = load_titles()
        self.courtesy = (titles.male, titles.female)
        nouns = {lemma for lemma, _ in self.lex.nouns} | {"favour", "favor"}
        adjectives = self.lex.for_adjectives | self.lex.against_adjectives
        eval_nouns = {n[-1] for n in self.lex.for_nouns | self.lex.against_nouns}
        self.matcher = Matcher(nlp.vocab)
        verbs = sorted(self.lex.verb_lemmas())
        self.matcher.add("VERB", [[{"LEMMA": {"IN": verbs}, "POS": {"IN": ["VERB", "AUX"]}}]])
        self.matcher.add("NOUN", [[{"LEMMA": {"IN": sorted(nouns)}, "POS": "NOUN"}]])
        self.matcher.add("EVAL", [[{"LEMMA": {"IN": sorted(adjectives)}, "POS": "ADJ"}],
                                  [{"LEMMA": {"IN": sorted(eval_nouns)}, "POS": "NOUN", "DEP": "attr"}]])

    def __call__(self, doc: Doc) -> Doc:
        """Find the stances of ``doc`` and set ``doc._.stances``."""
        doc._.stances = _DocStances(doc, self).stances()
        return doc


class _DocStances:
    """The stances of one Doc (per-call state only)."""

    def __init__(self, doc: Doc, comp: StancesComponent) -> None:
        self.doc = doc
        self.lex: StanceLexicon = comp.lex
        self.speech = comp.speech
        self.actors = ActorFinder(doc, doc._.entities, doc._.quotes, comp.group_heads, comp.country,
                                  comp.courtesy)
        self.matches = sorted((start, doc.vocab.strings[mid]) for mid, start, _ in comp.matcher(doc))
        self.found: list[_Found] = []
        self.done: set[int] = set()
        # where an actor without a mention in the sentence was named ("Kardia's prime minister")
        self.subject_spans: dict[tuple[str, int], tuple[int, int]] = {}

    def stances(self) -> list[Stance]:
        for i, kind in self.matches:
            tok = self.doc[i]
            if i in self.done:
                continue
            if kind == "VERB":
                self._verb(tok)
            elif kind == "NOUN":
                self._noun(tok)
            else:
                self._evaluation(tok)
        return self._output()

    # --- cues -------------------------------------------------------------------------------

    def _side_of_verb(self, verb: Token) -> tuple[str, Token | None, str | None] | None:
        """Return (side, the preposition/particle token or None, particle) of a stance verb."""
        lemma = verb.lemma_.lower()
        children = {c.lower_: c for c in verb.children if c.dep_ in ("prt", "prep")}
        # "called for Mr Hale to go": the parse makes "for" the mark of the clause
        for c in verb.children:
            if c.dep_ in ("advcl", "ccomp", "xcomp"):
                for m in c.children:
                    if m.dep_ == "mark" and m.lower_ not in children:
                        children[m.lower_] = m
        has_object = any(c.dep_ == "dobj" for c in verb.children)
        for (lem, particle), side in self.lex.verbs.items():
            if lem != lemma:
                continue
            if particle is None:
                continue
            words = particle.split()
            if all(w in children for w in words):
                last = children[words[-1]]
                if has_object and last.dep_ == "prep":
                    continue  # "called time on England" is no "call on"
                return side, last, particle
        side = self.lex.verbs.get((lemma, None))
        if side is not None:
            return side, None, None
        if verb.tag_ == "VBN":
            for (lem, prep), side in self.lex.stative.items():
                if lem == lemma and prep in children:
                    return side, children[prep], prep
        return None

    def _verb(self, verb: Token) -> None:
        lemma = verb.lemma_.lower()
        if lemma in self.lex.refusal:
            for x in verb.children:
                if x.dep_ == "xcomp" and x.pos_ == "VERB":
                    self.done.add(x.i)
                    if not self._own_clause(x, refused=True):
                        self._stance_verb(x, flip=not is_negated(verb), actor_verb=verb)
            return
        if self._implied(verb) or self._own_clause(verb, refused=False):
            return
        self._stance_verb(verb, flip=False, actor_verb=verb)

    def _own_clause(self, verb: Token, *, refused: bool) -> bool:
        """"He would not resign", "refused to step down": against the resignation asked of oneself."""
        particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
        key = (verb.lemma_.lower(), particle)
        noun = self.lex.clause_topics.get(key)
        if noun is None or key not in self.lex.own_refusals:
            return False
        if not (refused or is_negated(verb)):
            return True  # resigning is an event, not a stance
        actors = [e for e in self._actors_of_verb(verb) if e.type == "PERSON"]
        for actor in actors:
            self._add_topic([actor], f"{noun} of {actor.name}".lower(), "against",
                            [(verb.idx, verb.idx + len(verb))], verb)
        return True

    def _objects(self, verb: Token, prep: Token | None) -> list[Token]:
        if prep is not None:
            if prep.dep_ == "mark":
                return [c for c in prep.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if prep.dep_ == "prt":
                return [c for c in verb.children if c.dep_ == "dobj"]
            return [c for c in prep.children if c.dep_ == "pobj"]
        objs = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
        if not objs and any(c.dep_ == "agent" for c in verb.children):
            objs = [c for c in verb.children if c.dep_ == "nsubjpass"]
        return objs

    def _stance_verb(self, verb: Token, *, flip: bool, actor_verb: Token) -> None:
        found = self._side_of_verb(verb)
        if found is None:
            return
        side, prep, _ = found
        if is_negated(verb):
            if side == "against":
                return
            side = "against"
        if flip:
            side = _FLIP[side]
        actors = self._actors_of_verb(actor_verb)
        if not actors:
            return
        cue = (verb.idx, verb.idx + len(verb)) if prep is None else (verb.idx, prep.idx + len(prep))
        clause = (prep is not None and prep.dep_ == "mark") or any(
            c.dep_ in ("xcomp", "ccomp") for c in verb.children)
        if clause:
            # "urged Kardia to take measures", "called on Ray to resign": the object is asked, the
            # clause is the topic; only a clause the lexicon can name makes one
            for obj in self._objects(verb, prep):
                topic = self._clause_topic(obj)
                if topic is not None:
                    self._add_topic(actors, topic[0], side, [cue, topic[1]], verb)
            return
        for obj in self._objects(verb, prep):
            if any(c.dep_ in ("acl", "relcl") and _infinitive(c) for c in obj.children):
                continue  # "called for all athletes to be tested": a clause, not a noun phrase
            for topic_head, obj_side in self._topics(obj, side):
                self._add(actors, topic_head, obj_side, cue)
        # "support evacuation corridors, but not a full truce": a negated coordinate
        heads = [verb] + ([verb.head] if verb.dep_ == "xcomp" else [])
        for h in heads:
            for c in h.children:
                if c.dep_ == "conj" and c.pos_ == "NOUN" and is_negated(c):
                    self._add(actors, c, _FLIP[side], cue)

    def _topics(self, obj: Token, side: str) -> Iterable[tuple[Token, str]]:
        """Yield the topic heads of a cue's object with their side ("calls for Y" → Y)."""
        for o in conjuncts(obj):
            if o.pos_ == "NOUN" and o.dep_ == "conj" and is_negated(o):
                yield o, _FLIP[side]
                continue
            inner = self._noun_side(o)
            if inner is not None:
                self.done.add(o.i)
                inner_side, pobj = inner
                for t in conjuncts(pobj):
                    yield t, side if inner_side == "for" else _FLIP[side]
                continue
            chained = False
            for acl in o.children:
                # "resolutions calling for a ceasefire"
                if acl.dep_ == "acl" and acl.pos_ == "VERB":
                    found = self._side_of_verb(acl)
                    if found is not None:
                        self.done.add(acl.i)
                        for inner_obj in self._objects(acl, found[1]):
                            for t in conjuncts(inner_obj):
                                yield t, side if found[0] == "for" else _FLIP[side]
                        chained = True
            if not chained:
                yield o, side

    def _noun_side(self, noun: Token) -> tuple[str, Token] | None:
        """Return (side, topic head) of a stance noun with its preposition ("opposition to Y")."""
        lemma = noun.lemma_.lower()
        for child in noun.children:
            if child.dep_ != "prep":
                continue
            side = self.lex.nouns.get((lemma, child.lower_))
            in_favour = lemma in ("favour", "favor") and child.lower_ == "of" and noun.head.lower_ == "in"
            if side is None and in_favour and noun.head.head.lemma_.lower() in _FAVOUR_VERBS:
                side = "for"
            if side is None:
                continue
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return side, pobj
        return None

    def _noun(self, noun: Token) -> None:
        found = self._noun_side(noun)
        if found is None:
            return
        side, pobj = found
        if is_negated(noun):
            if side == "against":
                return
            side = "against"  # "no need for an inquiry"
        actors: list[Entity] = []
        for child in noun.children:
            if child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ in ("by", "from")):
                targets = [child] if child.dep_ == "poss" else [c for c in child.children if c.dep_ == "pobj"]
                for t in targets:
                    actors += self.actors.resolve(t, loose=False)
        if not actors and noun.head.lower_ == "in" and noun.head.head.pos_ in ("VERB", "AUX"):
            actors = self._actors_of_verb(noun.head.head)  # "X is in favour of Y"
        if not actors and noun.dep_ in ("dobj", "nsubjpass") and noun.head.lemma_.lower() in _CARRIERS:
            actors = self._actors_of_verb(noun.head)
        actors += [s for s in self._speakers(noun) if s not in actors]
        if not actors:
            return
        cue = (noun.idx, noun.idx + len(noun))
        for t in conjuncts(pobj):
            self._add(actors, t, side, cue)

    def _evaluation(self, tok: Token) -> None:
        """"Y is necessary", "Y is the right course", "Y was neither necessary nor proportionate"."""
        if tok.dep_ not in ("acomp", "attr"):
            return
        if tok.pos_ == "ADJ":
            side = "for" if tok.lemma_.lower() in self.lex.for_adjectives else "against"
        else:
            words = (*(c.lower_ for c in tok.children if c.dep_ == "amod"), tok.lemma_.lower())
            phrase = words[-2:] if len(words) > 1 else words
            if phrase in self.lex.for_nouns or (tok.lemma_.lower(),) in self.lex.for_nouns:
                side = "for"
            elif phrase in self.lex.against_nouns or (tok.lemma_.lower(),) in self.lex.against_nouns:
                side = "against"
            else:
                return
        cop = tok.head
        if cop.lemma_.lower() not in _COPULAS:
            return
        if is_negated(cop) or any(c.dep_ == "preconj" and c.lower_ == "neither" for c in tok.children):
            side = _FLIP[side]
        subj = next((c for c in cop.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.pos_ not in ("NOUN", "PROPN"):
            return
        actors = self._speakers(cop)
        if actors:
            self._add(actors, subj, side, (tok.idx, tok.idx + len(tok)))

    def _implied(self, verb: Token) -> bool:
        lemma = verb.lemma_.lower()
        children = {c.lower_: c for c in verb.children if c.dep_ in ("prt", "prep")}
        for imp in self.lex.implied:
            for lem, particle in imp.verbs:
                if lem != lemma:
                    continue
                if particle is None:
                    objs = [c for c in verb.children if c.dep_ == "dobj"]
                elif all(w in children for w in particle.split()):
                    last = children[particle.split()[-1]]
                    objs = [c for c in last.children if c.dep_ == "pobj"] or \
                        [c for c in verb.children if c.dep_ == "dobj"]
                else:
                    continue
                if not any(o.lemma_.lower() in imp.objects for o in objs) or is_negated(verb):
                    continue
                actors = self._actors_of_verb(verb)
                if actors:
                    obj = next(o for o in objs if o.lemma_.lower() in imp.objects)
                    cue = (verb.idx, obj.idx + len(obj))
                    self._add_topic(actors, imp.topic, imp.stance, [cue], verb)
                return True
        return False

    # --- actors -----------------------------------------------------------------------------

    def _actors_of_verb(self, verb: Token) -> list[Entity]:
        subj = subjects(verb)
        if not subj:
            subj = self._stative_subject(verb)
        found: list[Entity] = []
        for s in subj:
            for e in self.actors.resolve(s, loose=False):
                if e.type in ACTOR_TYPES and e not in found:
                    found.append(e)
                    self.subject_spans.setdefault((e.id, s.sent.start), (s.left_edge.idx, s.idx + len(s)))
        return found

    def _stative_subject(self, verb: Token) -> list[Token]:
        """The subject of "X is set on continuing …": through "on" to the passive it hangs from."""
        v = verb
        for _ in range(3):
            if v.lemma_.lower() in self.lex.stative_passives:
                return [c for c in v.children if c.dep_ in ("nsubjpass", "nsubj")]
            if v.dep_ == "pcomp" and v.head.dep_ == "prep":
                v = v.head.head
            elif v.dep_ in ("xcomp", "conj") and v.head.i != v.i:
                v = v.head
            else:
                break
        if v.lemma_.lower() in self.lex.stative_passives:
            return [c for c in v.children if c.dep_ in ("nsubjpass", "nsubj")]
        return []

    def _speakers(self, tok: Token) -> list[Entity]:
        """Return who says the clause holding ``tok``: a quote's speaker, or the subject of "said"."""
        quote = self.actors.quote_at(tok.idx)
        if quote is not None:
            return [quote[2]] if quote[2] is not None else []
        t = tok
        for _ in range(8):
            if t.head.i == t.i:
                return []
            if t.dep_ in ("ccomp", "dobj", "parataxis") and t.head.lemma_.lower() in self.speech:
                return self._actors_of_verb(t.head)
            t = t.head
        return []

    # --- output -----------------------------------------------------------------------------

    def _add(self, actors: Sequence[Entity], topic_head: Token, side: str, cue: tuple[int, int]) -> None:
        topic = self._clause_topic(topic_head) or topic_of(topic_head, self.lex, self.actors)
        if topic is None:
            return
        self._add_topic(actors, topic[0], side, [cue, topic[1]], topic_head)

    def _clause_topic(self, head: Token) -> tuple[str, tuple[int, int]] | None:
        """"called on Hale to resign", "called for Mr Hale to go" → ("resignation of tomas hale", span)."""
        entity = self.actors.entity_at(head)
        if entity is None:
            entity = next((self.actors.entity_at(c) for c in head.children
                           if c.dep_ == "appos" and self.actors.entity_at(c) is not None), None)
        if entity is None or entity.type != "PERSON":
            return None
        verb = None
        if head.dep_ in ("nsubj", "nsubjpass") and head.head.pos_ == "VERB":
            verb = head.head  # "for Mr Hale to go"
        else:
            # "… the Minister, Tomas Hale, to resign": the infinitive right after the person's phrase
            after = max(t.i for t in head.subtree) + 1
            while after < len(self.doc) and self.doc[after].is_punct:
                after += 1
            if after + 1 < len(self.doc) and self.doc[after].lower_ == "to" \
                    and self.doc[after + 1].pos_ == "VERB":
                verb = self.doc[after + 1]
        if verb is None:
            return None
        particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
        noun = self.lex.clause_topics.get((verb.lemma_.lower(), particle)) or \
            self.lex.clause_topics.get((verb.lemma_.lower(), None))
        if noun is None:
            return None
        span = (min(head.idx, verb.idx), max(head.idx + len(head), verb.idx + len(verb)))
        return f"{noun} of {entity.name}".lower(), span

    def _add_topic(self, actors: Sequence[Entity], topic: str, side: str, pieces: list[tuple[int, int]],
                   anchor: Token) -> None:
        sent = anchor.sent
        topic_span = pieces[-1]
        for actor in actors:
            if any(topic_span[0] <= m.span[0] < topic_span[1] for m in actor.mentions):
                continue  # the actor is what the topic names: a misread subject
            mine = [m.span for m in actor.mentions
                    if sent.start_char <= m.span[0] and m.span[1] <= sent.end_char]
            extra = [min(mine, key=lambda sp: abs(sp[0] - anchor.idx))] if mine else []
            if not extra and (actor.id, sent.start) in self.subject_spans:
                extra = [self.subject_spans[(actor.id, sent.start)]]
            self.found.append(_Found(actor, topic, side, (*pieces, *extra), (sent.start_char, sent.end_char)))

    def _output(self) -> list[Stance]:
        seen: set[tuple[str, str, str]] = set()
        out = []
        for f in self.found:
            key = (f.actor.id, f.topic, f.stance)
            if key in seen:
                continue
            seen.add(key)
            start = max(min(p[0] for p in f.pieces), f.sent[0])
            end = min(max(p[1] for p in f.pieces), f.sent[1])
            out.append(Stance(actor=f.actor.name, actor_entity=f.actor.id, topic=f.topic, stance=f.stance,
                              span=(start, end)))
        return sorted(out, key=lambda s: (s.span, s.actor, s.topic))
