"""Small readings of spaCy's dependency parse shared by the events and stances components.

Who does a verb's action (``subjects``), to whom (``objects``), whether a clause is a fact
(``is_negated``, ``is_irrealis``), which verb a noun hangs from (``governing_verb``) and the
tense that decides how an undated event may be dated (``aspect``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from spacy.tokens import Token

# a verb in one of these relations shares its head's subject ("met X and signed", "refused to go")
_SHARES_SUBJECT = ("conj", "xcomp", "advcl", "pcomp")
_NEGATIONS = {"not", "n't", "never", "no"}
_CONDITIONAL = {"if", "unless", "whether"}
_BACKGROUND_MARKS = {"since", "after", "before", "until", "till", "when", "while", "once", "as"}
_BACKGROUND_PREPS = {"since", "after", "before", "following", "until", "till", "amid", "despite"}
_PERFECT = {"have", "has", "'ve", "having"}
_PLUPERFECT = {"had", "'d"}


def subjects(verb: Token) -> list[Token]:
    """Return the tokens heading the doers of ``verb``: subject, passive agent, or a shared subject."""
    v = verb
    for _ in range(4):
        found = []
        for child in v.children:
            if child.dep_ in ("nsubj", "csubj"):
                # a relative pronoun is kept: its antecedent is for the caller to find
                found.append(child)
            elif child.dep_ == "agent":
                found.extend(c for c in child.children if c.dep_ == "pobj")
        if found:
            return found
        if v.dep_ == "relcl" and any(c.dep_ == "nsubjpass" for c in v.children):
            return []
        if v.dep_ in _SHARES_SUBJECT and v.head.i != v.i and v.head.pos_ in ("VERB", "AUX"):
            v = v.head
            continue
        if v.dep_ == "acl" and v.tag_ == "VBG":
            # "a team of diplomats visiting the region": the noun does it
            return [v.head]
        return []
    return []


def objects(verb: Token, preps: Collection[str] = ("with",)) -> list[Token]:
    """Return the tokens heading what ``verb`` acts on: object, passive subject, ``with`` objects."""
    found = []
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "nsubjpass", "oprd"):
            found.append(child)
        elif child.dep_ == "prep" and child.lower_ in preps:
            found.extend(c for c in child.children if c.dep_ == "pobj")
    return found


def conjuncts(tok: Token) -> Iterator[Token]:
    """Yield ``tok`` and the tokens coordinated with it ("Kardia and Ruritania")."""
    yield tok
    stack = [c for c in tok.children if c.dep_ == "conj"]
    while stack:
        c = stack.pop(0)
        yield c
        stack.extend(cc for cc in c.children if cc.dep_ == "conj")


def governing_verb(tok: Token) -> Token | None:
    """Return the verb a noun hangs from (through objects and prepositions), or None."""
    t = tok
    for _ in range(6):
        if t.dep_ == "ROOT" or t.head.i == t.i:
            return None
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return t
        if t.pos_ not in ("ADP", "NOUN", "PROPN", "PRON", "NUM", "ADJ", "SCONJ"):
            return None
    return None


def is_negated(tok: Token) -> bool:
    """Return True when ``tok`` (a verb, or a noun with "no") is negated."""
    for child in tok.children:
        if child.dep_ == "neg" or (child.dep_ in ("advmod", "det") and child.lower_ in _NEGATIONS):
            return True
    return False


def has_modal(verb: Token, modals: Collection[str]) -> bool:
    """Return True when ``verb`` has a modal auxiliary ("would visit", "will sign", "may have met")."""
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in modals for c in verb.children)


def is_irrealis(verb: Token, modals: Collection[str], heads: Collection[str]) -> bool:
    """Return True when ``verb`` states a plan, a condition or a wish, not something that happened."""
    v = verb
    for _ in range(4):
        if has_modal(v, modals):
            return True
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL for c in v.children):
            return True
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)
        if infinitive:
            if v.dep_ in ("advcl", "relcl", "acl", "ccomp", "csubj", "nsubj"):
                return True  # purpose clause "marched to demand", "a plan to visit"
            if v.head.lemma_.lower() in heads or v.head.pos_ in ("ADJ", "NOUN"):
                return True
        if v.dep_ == "conj" and v.head.i != v.i:
            v = v.head
            continue
        if v.dep_ == "xcomp" and v.head.i != v.i and v.head.pos_ in ("VERB", "AUX"):
            if v.head.lemma_.lower() in heads:
                return True
            v = v.head
            continue
        return False
    return False


def is_background(tok: Token) -> bool:
    """Return True when ``tok`` sits in a clause that only locates another ("since Kardia invaded…")."""
    return background_of(tok) is not None


def background_of(tok: Token) -> tuple[str, Token] | None:
    """Return the word that makes ``tok``'s clause background ("since", "after") and the token it modifies."""
    t = tok
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in _BACKGROUND_MARKS for c in t.children):
            mark = next(c.lower_ for c in t.children if c.dep_ == "mark" and c.lower_ in _BACKGROUND_MARKS)
            return mark, t.head
        if t.dep_ == "pobj" and t.head.lower_ in _BACKGROUND_PREPS:
            return t.head.lower_, t.head.head
        if t.dep_ == "prep" and t.lower_ in _BACKGROUND_PREPS and t.i != tok.i:
            return t.lower_, t.head
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("conj", "xcomp"):
            return None
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def is_progressive(verb: Token) -> bool:
    """Return True for a past progressive ("was making"): it happens at the time of the clause above."""
    return verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in ("was", "were") for c in verb.children)


def verb_above(tok: Token) -> Token | None:
    """Return the nearest verb at or above ``tok`` (the clause a noun or phrase belongs to)."""
    t = tok
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX"):
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def aspect(verb: Token | None) -> str:
    """Return "past", "perfect", "pluperfect" or "present" for the clause of ``verb`` (None: "present")."""
    if verb is None:
        return "present"
    v = verb
    while v.head.i != v.i and v.head.pos_ in ("VERB", "AUX") and (
            v.dep_ in ("conj", "xcomp") or (v.dep_ == "advcl" and v.tag_ in ("VBG", "VBN"))):
        # "met X and signed …", "…, twice blocking …": the tense is the head clause's
        if any(c.dep_ in ("aux", "auxpass") for c in v.children):
            break
        v = v.head
    auxes = [c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")]
    if any(a in _PLUPERFECT for a in auxes):
        return "pluperfect"
    if any(a in _PERFECT for a in auxes):
        return "perfect"
    if v.tag_ == "VBD" or any(a in ("was", "were", "did") for a in auxes):
        return "past"
    return "present"


def in_reported_speech(verb: Token | None, speech: Collection[str]) -> bool:
    """Return True when ``verb`` heads a clause reported by a verb of saying ("said he had met")."""
    return reporting_verb(verb, speech) is not None


def reporting_verb(verb: Token | None, speech: Collection[str]) -> Token | None:
    """Return the verb of saying that reports ``verb``'s clause ("said" in "said he had met"), if any."""
    v = verb
    for _ in range(4):
        if v is None or v.head.i == v.i:
            return None
        if v.dep_ == "ccomp" and v.head.lemma_.lower() in speech:
            return v.head
        if v.dep_ not in ("conj", "xcomp", "advcl"):
            return None
        v = v.head
    return None
