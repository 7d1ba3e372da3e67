"""Cue words of reported speech and the grammar around them: a cue's subject and its noun phrase."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Doc, Span, Token

_RELATIVE = {"who", "that", "which", "whom"}
# a cue in one of these relations has no subject of its own: its head verb's subject speaks
_CLIMB = ("conj", "advcl", "xcomp", "pcomp", "prep")
_NP_RIGHT = ("compound", "flat", "nummod")
_WHEN = ("DATE", "TIME")


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """Cue verbs and phrases (lexicons/quotes_cues.toml)."""

    speech: frozenset[str]
    indirect: frozenset[str]
    passive_speaker: frozenset[str]
    near_only: frozenset[str]
    nouns: frozenset[str]
    according: tuple[tuple[str, ...], ...]


def load_cue_lexicon() -> CueLexicon:
    """Read the cue lexicon shipped with the package."""
    path = resources.files("storyline.analyze").joinpath("lexicons/quotes_cues.toml")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    verbs = data["verbs"]
    return CueLexicon(
        speech=frozenset(verbs["speech"]), indirect=frozenset(verbs["indirect"]),
        passive_speaker=frozenset(verbs["passive_speaker"]), near_only=frozenset(verbs["near_only"]),
        nouns=frozenset(data["nouns"]["speech"]),
        according=tuple(tuple(p) for p in data["phrases"]["according"]),
    )


def subject_of(verb: Token, lex: CueLexicon, skip: Callable[[Token], bool] = lambda t: False) -> Token | None:
    """Return the token heading the speaker of cue ``verb``: its subject, or the subject it shares.

    ``skip`` rejects candidate subjects (a quote parsed as the subject of its own cue).
    """
    v = verb
    for _ in range(4):
        for child in v.children:
            if skip(child) or not any(ch.isalnum() for ch in child.text):
                continue  # a dash or a quote mark parsed as a subject
            # a passive subject speaks only for "quoted", or when the cue hangs off its clause
            passive_ok = v.lemma_ in lex.passive_speaker or v.i != verb.i
            if child.dep_ == "nsubj" or (child.dep_ == "nsubjpass" and passive_ok):
                if child.lower_ in _RELATIVE:
                    return v.head if v.dep_ == "relcl" and v.head.pos_ in ("PROPN", "NOUN") else None
                return child
            if child.dep_ == "agent":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return objs[0]
        if v.dep_ in ("nsubj", "nsubjpass"):
            return None
        if v.i == verb.i and verb.lemma_ not in lex.passive_speaker and any(
                c.dep_ == "auxpass" for c in verb.children):
            return None  # "was told “…”": the speaker is not named (an agent was looked for above)
        if v.i == verb.i:
            inverted = _inverted_subject(v)
            if inverted is not None:
                return inverted
            before = v.doc[v.i - 1] if v.i else None
            if v.tag_ == "VBG" and before is not None and before.ent_type_ == "PERSON":
                return before  # "footage of Ann Lee saying, “…”"
        if v.dep_ == "acl" and v.head.pos_ == "PROPN":
            return v.head  # "Ms Rao, speaking on Monday, …"
        if v.dep_ == "acl" and v.head.dep_ == "dobj" and v.head.lemma_ in lex.nouns:
            v = v.head.head  # "Lee issued a statement saying …": who issued it
            continue
        if v.dep_ not in _CLIMB or v.head.i == v.i or skip(v.head):
            return None
        v = v.head
        if v.dep_ == "prep" or v.pos_ == "ADP":  # "quoted as saying": pcomp of "as"
            v = v.head
        if v.dep_ == "ccomp" and v.head.lemma_ in lex.speech and verb.tag_ == "VBG":
            v = v.head  # "X said Y had left, adding …": the participle belongs to the reporting verb
    return None


def _inverted_subject(verb: Token) -> Token | None:
    """Return the name right after a cue with no subject of its own ("Said Ellis: …", "… said Lee.")."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    doc = verb.doc
    k = verb.i + 1
    if k < len(doc) and doc[k].pos_ == "DET":
        k += 1
    head = None
    # a title may hold a participle: "said Oversight ranking Democrat Ann Lee"
    while k < len(doc) and k - verb.i <= 10 and doc[k].ent_type_ not in _WHEN and (
            doc[k].pos_ in ("PROPN", "NOUN", "ADJ", "NUM") or doc[k].text == "-" or doc[k].tag_ == "VBG"):
        if doc[k].pos_ in ("PROPN", "NOUN"):
            head = doc[k]
        k += 1
    # the name must close the clause ("said Lee.", "said Lee, the mayor"), not start a new one, and
    # be the cue's subject, not its object ("told Fox News.")
    if head is None or head.dep_ in ("dobj", "dative", "iobj", "pobj"):
        return None
    if k < len(doc) and not (doc[k].is_punct or doc[k].is_space or (
            doc[k].pos_ == "ADP" and doc[k].head.i == verb.i)):
        return None
    return head


def noun_owner(noun: Token) -> Token | None:
    """Return who a noun of saying belongs to: its possessor ("Lee's claim") or agent ("a claim by Lee")."""
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN", "PRON"):
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def noun_phrase(head: Token) -> Span:
    """Return the noun phrase headed by ``head``, without appositions and relative clauses."""
    doc: Doc = head.doc
    left = head.left_edge.i
    for i in range(head.i - 1, left - 1, -1):
        if doc[i].is_space and "\n" in doc[i].text:
            left = i + 1
            break
    right = head.i
    for child in head.rights:
        if child.dep_ in _NP_RIGHT or (child.dep_ == "prep" and child.lower_ == "of" and not any(
                t.is_punct for t in child.subtree)):
            right = max(right, child.right_edge.i)
        else:
            break
    while left < head.i and (doc[left].is_punct or doc[left].is_space):
        left += 1
    return doc[left:right + 1]


def according_object(token: Token) -> Token | None:
    """Return the object of "according to" when ``token`` is "according" (or of "per")."""
    if token.lower_ == "per":
        objs = [c for c in token.children if c.dep_ == "pobj" and c.pos_ in ("PROPN", "NOUN")]
        return objs[0] if objs else None
    for child in token.children:
        if child.lower_ == "to":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.lower_ == "to" and nxt.i + 1 < len(token.doc):
        objs = [c for c in nxt.children if c.dep_ == "pobj"]
        if objs:
            return objs[0]
        follower = token.doc[nxt.i + 1]
        # a broken parse: take the head of the noun phrase right after "to"
        for t in token.doc[nxt.i + 1: min(len(token.doc), nxt.i + 8)]:
            if t.is_punct or t.is_space:
                break
            follower = t
        return follower if follower.pos_ in ("PROPN", "NOUN") else None
    return None
