"""The grammar around a reported number: what it counts, where, since and as of when, who reported it.

Pure functions over a parsed spaCy ``Doc``; ``figures.FiguresComponent`` calls them for
each number it keeps. "Places" are the model's GPE/LOC/FAC entities, overridden by the
types of ``doc._.entities`` when the entities component ran.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from storyline.analyze.extensions import doc_sents, doc_text
from storyline.model import Entity, TimeExpr

PLACE_TYPES = {"GPE", "LOC", "FAC"}
_NP_LEFT = {"compound", "amod", "nmod", "poss", "case", "nummod", "quantmod", "npadvmod", "advmod"}
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "that", "which", "this", "these", "those"}
_CLAUSE_DEPS = {"ROOT", "relcl", "advcl", "ccomp", "xcomp", "acl", "conj", "pcomp", "csubj", "parataxis"}
_GENERIC = {"number", "total", "count", "tally", "figure"}
_DATED = ("day", "week", "month", "year", "minute", "hour", "quarter", "season")


@dataclass(frozen=True, slots=True)
class DocContext:
    """What the figure rules need besides the parse: times by token, entity mentions by token."""

    times: tuple[TimeExpr, ...]
    time_of_token: dict[int, int]
    entity_of_token: dict[int, Entity]
    published: str | None
    text: str  # the Doc's text, joined once
    sents: tuple[Span, ...]
    sent_of_token: tuple[int, ...]

    @classmethod
    def build(cls, doc: Doc, times: Sequence[TimeExpr], entities: Sequence[Entity] | None,
              published: str | None) -> DocContext:
        """Index the time expressions and entity mentions of ``doc`` by token."""
        time_of_token: dict[int, int] = {}
        for n, t in enumerate(times):
            span = doc.char_span(t.span[0], t.span[1], alignment_mode="expand")
            if span is not None:
                for tok in span:
                    time_of_token[tok.i] = n
        entity_of_token: dict[int, Entity] = {}
        for ent in entities or ():
            for m in ent.mentions:
                span = doc.char_span(m.span[0], m.span[1], alignment_mode="expand")
                if span is not None:
                    for tok in span:
                        entity_of_token.setdefault(tok.i, ent)
        sents = doc_sents(doc)
        sent_of_token: list[int] = []
        for n, sent in enumerate(sents):
            sent_of_token.extend([n] * len(sent))
        return cls(tuple(times), time_of_token, entity_of_token, published, doc_text(doc), sents,
                   tuple(sent_of_token))

    def sentence(self, tok: Token) -> Span:
        """Return the sentence of ``tok`` (``Token.sent`` rescans the whole document each time)."""
        return self.sents[self.sent_of_token[tok.i]]

    def is_place(self, tok: Token) -> Entity | Span | None:
        """Return the place entity (storyline's, else the model's) that ``tok`` belongs to, if any."""
        ent = self.entity_of_token.get(tok.i)
        if ent is not None:
            return ent if ent.type in PLACE_TYPES else None
        if tok.ent_type_ in PLACE_TYPES:
            return _model_entity(tok)
        return None

    def time_at(self, tok: Token) -> TimeExpr | None:
        """Return the time expression covering ``tok``."""
        n = self.time_of_token.get(tok.i)
        return self.times[n] if n is not None else None


def _model_entity(tok: Token) -> Span | None:
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None


def place_name(place: Entity | Span) -> str:
    """Return the display name of a place found by ``DocContext.is_place``."""
    return place.name if isinstance(place, Entity) else place.text


def place_phrase(obj: Token, ctx: DocContext, depth: int = 2) -> str | None:
    """Return the place a locative object names: "Gaza", "the Veltra valley" → "Veltra valley",
    "the province of X" → "X", "homes in X province" → "X province"; None when it names none."""
    place = ctx.is_place(obj)
    if place is not None:
        return place_name(place)
    if obj.pos_ not in ("NOUN", "PROPN"):
        return None
    # a common noun named by a place before it: from the first place word to the noun
    named = [t for c in obj.lefts if c.dep_ in ("compound", "nmod") for t in c.subtree
             if ctx.is_place(t) is not None and "\n" not in obj.doc[t.i:obj.i + 1].text]
    if named:
        span = obj.doc[min(t.i for t in named):obj.i + 1]
        # only names (and "and") before the noun: "X and Y provinces", not "UK download TV programmes"
        if all(t.pos_ == "PROPN" or t.dep_ == "cc" for t in span[:-1]):
            return span.text
    for child in obj.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "in") and depth > 1:
            for sub in child.children:
                if sub.dep_ == "pobj":
                    found = place_phrase(sub, ctx, depth - 1)
                    if found is not None:
                        return found
    return None


def clause_of(tok: Token) -> Token:
    """Return the head of the clause ``tok`` belongs to (a verb, or the sentence root)."""
    t = tok
    for _ in range(16):
        if t.pos_ in ("VERB", "AUX") and t.i != tok.i:
            return t
        if t.dep_ in _CLAUSE_DEPS and t.pos_ in ("VERB", "AUX", "ADJ"):
            return t
        if t.head.i == t.i:
            return t
        t = t.head
    return t


def phrase(head: Token, *, with_of: bool = True, with_poss: bool = True, skip: Iterable[int] = ()) -> str:
    """Return the noun phrase of ``head``: its left modifiers (no determiners or numbers), the head,
    and an "of" complement ("tonnes of aid", "half of Gaza's population")."""
    skipped = set(skip)
    left = []
    for child in head.lefts:
        if child.dep_ in ("compound", "amod", "nmod") or (with_poss and child.dep_ == "poss"):
            if child.like_num or child.i in skipped or child.ent_type_ in ("CARDINAL", "ORDINAL") \
                    or child.pos_ == "PRON":
                continue
            left.extend(t for t in child.subtree if not t.like_num and t.dep_ not in ("det", "quantmod")
                        and t.i not in skipped)
    # a phrase never runs over a line break (headlines and furniture lines parse as one sentence)
    words = [t for t in sorted(left, key=lambda t: t.i) if "\n" not in head.doc[t.i:head.i + 1].text]
    words = [t for t in words if not t.is_space] + [head]
    text = _join(words)
    if with_of:
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    if head.lemma_.lower() in _GENERIC:
                        return phrase(objs[0], with_of=False)  # "the number of people" → "people"
                    text += " of " + phrase(objs[0], with_of=False)
                break
    return text


def _join(words: list[Token]) -> str:
    """Join tokens as the text writes them ("search-engine", "Gaza's"), with a space across gaps."""
    out = ""
    for n, t in enumerate(words):
        out += t.text
        if n + 1 < len(words):
            out += t.whitespace_ if words[n + 1].i == t.i + 1 else " "
    return out


def source_phrase(head: Token) -> tuple[str, tuple[int, int]]:
    """Return the text and character span of a source's noun phrase, without a leading determiner."""
    start = min(t.i for t in head.subtree if t.i <= head.i)
    while start < head.i and head.doc[start].dep_ in ("det", "punct", "predet"):
        start += 1
    end = head.i + 1
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                end = objs[0].i + 1
        elif child.dep_ in ("compound", "flat"):
            end = child.right_edge.i + 1
            continue
        break
    span = head.doc[start:end]
    return span.text, (span.start_char, span.end_char)


def according_to(sent: Span) -> tuple[Token, Token] | None:
    """Return (head noun of X, the word "according") for "according to X" in ``sent``."""
    for tok in sent:
        if tok.lower_ == "according":
            for child in list(tok.children) + ([tok.nbor(1)] if tok.i + 1 < len(tok.doc) else []):
                if child.lower_ == "to":
                    objs = [c for c in child.children if c.dep_ == "pobj"]
                    if objs:
                        return objs[0], tok
    return None


def subject_of(verb: Token) -> Token | None:
    """Return the nominal subject of ``verb``, or of the verb it is coordinated with."""
    v = verb
    for _ in range(3):
        for child in v.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        if v.dep_ != "conj":
            return None
        v = v.head
    return None


def is_pronoun(tok: Token) -> bool:
    """Return True when ``tok`` is a pronoun or relative word (not a usable source name)."""
    return tok.pos_ == "PRON" or tok.lower_ in _PRONOUNS


def dated(expr: TimeExpr, published: str | None) -> str | None:
    """Return the date a time expression anchors a clause to, or None (durations, past/future refs)."""
    if expr.value == "PRESENT_REF":
        return published
    if expr.value is None or expr.precision not in _DATED:
        return None
    return expr.value[:10] if expr.precision in ("minute", "hour") else expr.value
