"""A stance's topic: the noun phrase an actor is for or against, normalised.

``topic_of(head, ...)`` turns the phrase headed by ``head`` into a short, comparable topic:
lower case, the head noun's lemma, determiners and degree words dropped ("an immediate
ceasefire" → "ceasefire"), meaning-bearing modifiers kept ("independent inquiry",
"evacuation corridor"), an "of" complement kept ("state of emergency") and a place complement
kept ("ceasefire in Ostra"). Entities are written by their canonical names. Returns the topic
and the character span of the words it was made from, or None for pronouns, numbers and
clauses ("it", "that", "those plans").
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from storyline.analyze.event_actors import PLACE_TYPES, ActorFinder
from storyline.analyze.stance_lexicon import StanceLexicon

_SKIP_DEPS = {"det", "predet", "punct", "case", "nummod", "quantmod", "advmod", "neg", "preconj", "cc",
              "prep", "relcl", "acl", "appos", "conj"}
_NOT_TOPICS = {"it", "this", "that", "these", "those", "one", "them", "everything", "something", "anything",
               "nothing", "all", "plan", "idea", "thing", "way", "move", "step", "decision", "effort",
               "measure", "call", "attempt", "bid", "report", "claim", "allegation", "speculation",
               "suggestion", "comment", "remark", "concern", "news", "story", "criticism", "accusation",
               "rumour", "chance", "opportunity", "position", "view", "approach", "policy", "proposal",
               "option"}
_SPACES = re.compile(r"\s+")


def _word(tok: Token) -> str:
    """A noun in its singular ("pauses" → "pause"), but "data" stays "data"; other words as written."""
    if tok.pos_ == "NOUN" and tok.tag_ == "NNS" and tok.lower_.endswith("s"):
        return tok.lemma_.lower()
    return tok.lower_


def topic_of(head: Token, lex: StanceLexicon, actors: ActorFinder,
             depth: int = 0) -> tuple[str, tuple[int, int]] | None:
    """Return the normalised topic of the noun phrase headed by ``head`` and its span, or None."""
    if head.pos_ not in ("NOUN", "PROPN"):
        return None
    vague = head.lower_ in _NOT_TOPICS or head.lemma_.lower() in _NOT_TOPICS
    if vague and not any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
        return None  # "the plan", "that move": the text names no topic
    words: list[str] = []
    toks: list[Token] = []
    entity = actors.entity_at(head)
    mention = actors.mention_span(head) if entity is not None else None
    named: list[tuple[int, int]] = []
    for child in head.lefts:
        if child.dep_ in _SKIP_DEPS or child.is_punct or any(s <= child.idx < e for s, e in named):
            continue
        if mention is not None and mention[0] <= child.idx < mention[1]:
            continue  # part of the entity's name
        if child.dep_ == "amod" and (child.lower_ in lex.drop_modifiers or child.pos_ == "NUM"
                                     or child.tag_ in ("JJS", "JJR") or child.lower_ in ("first", "last")):
            continue
        if child.dep_ == "poss":
            owner = actors.entity_at(child)
            if child.pos_ == "PRON":
                person = actors.last_person(child.idx, child.lower_) if child.lower_ in ("his", "her") \
                    else None
                if person is not None:
                    words.append(f"{person.name}'s")  # "his departure" → "tomas hale's departure"
                continue
            words.append(f"{owner.name if owner else child.text}'s")
            toks.append(child)
            span = actors.mention_span(child)
            if span is not None:
                named.append(span)  # "the Musicians' Union's stance": the name is said once
            continue
        sub = [t for t in child.subtree if not t.is_punct and t.dep_ not in ("det", "case", "cc")
               and not any(s <= t.idx < e for s, e in named)]
        words.extend(_word(t) for t in sub)
        toks.extend(sub)
    if entity is not None:
        words.append(entity.name)
    elif head.pos_ == "NOUN":
        words.append(_word(head))
    else:
        words.append(head.text)
    toks.append(head)
    if depth == 0:
        for child in head.rights:
            if child.dep_ != "prep":
                continue
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is None or pobj.ent_type_ in ("DATE", "TIME"):
                continue
            keep = child.lower_ in lex.keep_prepositions
            where = actors.entity_at(pobj)
            place = child.lower_ in lex.place_prepositions and where is not None and where.type in PLACE_TYPES
            if not (keep or place):
                continue
            inner = topic_of(pobj, lex, actors, depth + 1)
            if inner is None:
                continue
            words += [child.lower_, inner[0]]
            toks += [child, *(t for t in pobj.subtree if inner[1][0] <= t.idx < inner[1][1])]
            break
    text = _SPACES.sub(" ", " ".join(words)).strip().lower()
    if not text:
        return None
    return text, (min(t.idx for t in toks), max(t.idx + len(t) for t in toks))
