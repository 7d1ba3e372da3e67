"""Roles of people: the office or description a text gives a person, as title plus what it is of.

Four constructions, found on the parse and the title lexicon (no list of offices or people):

- pre-modifier: "US Secretary of State Antony Blinken", "Germany's Foreign Minister Annalena
  Baerbock", "White House National Security spokesman John Kirby";
- apposition after the name: "Wang Yi, Director of the Office of …, said";
- apposition before the name: "Israel's far-right National Security Minister, Itamar Ben-Gvir, who";
- a transcript speaker line: "(Hanan Abu Gabal, displaced Palestinian)" alone on its line.

``of`` is a country (demonyms and short forms normalised through the gazetteer) or the
organisation named in the phrase; normalising an organisation to its entity's canonical name
is left to the caller.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from storyline.analyze.extensions import doc_text
from storyline.analyze.gazetteer import Gazetteer, fold
from storyline.analyze.names import is_name_word
from storyline.analyze.titles import TitleLexicon, word_key

NUMERIC = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
DETERMINERS = frozenset({"a", "an", "the"})
POSSESSIVE_PRONOUNS = frozenset({"its", "his", "her", "their", "our", "my", "your"})
# Prepositions that attach what an office is of ("ambassador to France", "a spokeswoman for the agency").
OF_PREPOSITIONS = frozenset({"of", "for", "at", "to", "with"})
# What may close an apposition: "Wang Yi, Director of …, called"; "(Name, description)".
CLOSERS = frozenset({",", ".", ")", ";", ":", "—", "–", "-", "who", "whose", "which", "and", "said", "says"})
LIST_OPENERS = frozenset({"including", "includes", "include", "like"})
MAX_PHRASE = 24
TRANSCRIPT_LINE = re.compile(r"^[ \t]*\(\s*([^(),\n]{3,80}?)\s*,\s*([^()\n]{2,160}?)\s*\)[ \t]*$",
                             re.MULTILINE)


@dataclass(frozen=True, slots=True)
class FoundRole:
    """A role found for one person mention (``person`` indexes the caller's mention list)."""

    person: int
    title: str
    of: str | None
    of_span: tuple[int, int] | None
    span: tuple[int, int]
    title_tokens: tuple[int, ...]
    first_token: int


@dataclass(frozen=True, slots=True)
class PersonSpan:
    """A person mention as token offsets: mention start, where the name proper starts, end."""

    start: int
    name_start: int
    end: int


# (start, end, label) of the other entity mentions, to recognise "White House" in a title.
EntitySpans = Sequence[tuple[int, int, str]]


class RoleFinder:
    """Find roles of person mentions in a parsed Doc."""

    def __init__(self, titles: TitleLexicon, gazetteer: Gazetteer) -> None:
        self.titles = titles
        self.gaz = gazetteer

    # --- public -----------------------------------------------------------------------------

    def find(self, doc: Doc, persons: Sequence[PersonSpan], others: EntitySpans,
             skip: Callable[[int], bool] = lambda i: False) -> list[FoundRole]:
        """Return the roles of ``persons`` (pre-modifiers, appositions) in ``doc``."""
        starts = {s: (s, e, label) for s, e, label in others}
        roles: list[FoundRole] = []
        for k, p in enumerate(persons):
            found = self._premodifier(doc, k, p, starts, skip)
            if not found:
                found = self._apposition_before(doc, k, p, starts, skip)
            found += self._apposition_after(doc, k, p, starts)
            roles += found
        return roles

    def transcript_lines(self, doc: Doc) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        """Return (name char span, description char span) of each "(Name, description)" line."""
        out = []
        for m in TRANSCRIPT_LINE.finditer(doc_text(doc)):
            words = m.group(1).split()
            if not 2 <= len(words) <= 5 or not all(is_name_word(w) for w in words):
                continue
            out.append((m.span(1), m.span(2)))
        return out

    def describe(self, doc: Doc, person: int, start: int, end: int,
                 others: EntitySpans) -> FoundRole | None:
        """Return the role a description ``doc[start:end]`` gives (transcript lines: any description)."""
        starts = {s: (s, e, label) for s, e, label in others}
        toks = [i for i in range(start, end) if not doc[i].is_space]
        pp = next((j for j, i in enumerate(toks) if (doc[i].lower_ in OF_PREPOSITIONS or doc[i].text == ",")
                   and j > 0), None)
        core, tail = (toks[:pp], toks[pp:]) if pp is not None else (toks, [])
        role = self._split(doc, person, core, starts, need_head=False, tail=tail)
        return role

    def list_country(self, doc: Doc, start: int) -> tuple[str, tuple[int, int]] | None:
        """Return the country of a list a title opens ("Israeli leaders including Prime Minister …")."""
        i, steps = start - 1, 0
        sent_start = doc[start].sent.start if doc.has_annotation("SENT_START") else 0
        while i >= sent_start and steps < 60:
            t = doc[i]
            if t.lower_ in LIST_OPENERS or (t.lower_ == "as" and i > 0 and doc[i - 1].lower_ == "such"):
                j = i - 1 if t.lower_ != "as" else i - 2
                for back in range(j, max(sent_start, j - 3) - 1, -1):
                    country = self.gaz.country(doc[back].text)
                    if country and doc[back].text[:1].isupper():
                        return country, (doc[back].idx, doc[back].idx + len(doc[back].text))
                return None
            if not (t.text in (",", "and", "-") or t.text[:1].isupper() or self.titles.is_title_word(t)
                    or (t.pos_ in ("NOUN", "ADJ", "PROPN") and t.dep_ in ("compound", "amod"))):
                return None
            i -= 1
            steps += 1
        return None

    # --- constructions ------------------------------------------------------------------------

    def _premodifier(self, doc: Doc, k: int, p: PersonSpan, starts: dict[int, tuple[int, int, str]],
                     skip: Callable[[int], bool]) -> list[FoundRole]:
        inside = list(range(p.start, p.name_start))
        ranks = [i for i in inside if not self.titles.is_courtesy(doc[i])]
        before = self._walk_left(doc, p.start - 1, skip)
        out = []
        has_head = any(self.titles.is_head(doc[i]) for i in before if not self.titles.is_courtesy(doc[i]))
        if before and has_head:
            role = self._split(doc, k, before, starts, need_head=True)
            if role:
                out.append(role)
        if ranks and out and before and self.titles.is_compound(doc[before[-1]], doc[ranks[0]]):
            # "UN Secretary General Kofi Annan": the rank word completes the office.
            role = self._split(doc, k, before + ranks, starts, need_head=True)
            return [role] if role else out
        if ranks:
            lead = [] if has_head else before
            role = self._split(doc, k, lead + ranks, starts, need_head=False)
            if role:
                out.append(role)
        return out

    def _apposition_before(self, doc: Doc, k: int, p: PersonSpan, starts: dict[int, tuple[int, int, str]],
                           skip: Callable[[int], bool]) -> list[FoundRole]:
        # "Israel's far-right National Security Minister, Itamar Ben-Gvir, who …";
        # "the UN's humanitarian coordinator for Casmeria, Amaru Quispe, who …"
        if p.start < 2 or doc[p.start - 1].text != "," or not self._closed(doc, p.end):
            return []
        end = p.start - 2
        # A prepositional object may close the title: "… envoy for Libya, Name".
        j = end
        while j > 0 and end - j < MAX_PHRASE and doc[j].lower_ not in OF_PREPOSITIONS \
                and (skip(j) or self._np_token(doc[j])):
            j -= 1
        before: list[int] = []
        tail: list[int] = []
        if 0 < j < end and doc[j].lower_ in OF_PREPOSITIONS:
            before = self._walk_left(doc, j - 1, skip)
            if before and self.titles.is_head(doc[before[-1]]):
                tail = [i for i in range(j, end + 1) if not skip(i)]
            else:
                before = []
        if not tail:
            before = self._walk_left(doc, end, skip)
        if not before or not self.titles.is_head(doc[before[-1]]):
            return []
        first = before[0]
        prev = doc[first - 1] if first > 0 else None
        if prev is not None and not (prev.is_punct or prev.is_space or prev.lower_ in DETERMINERS
                                     or prev.lower_ in POSSESSIVE_PRONOUNS or doc[first].is_sent_start):
            return []
        role = self._split(doc, k, before, starts, need_head=True, tail=tail)
        return [role] if role else []

    def _apposition_after(self, doc: Doc, k: int, p: PersonSpan,
                          starts: dict[int, tuple[int, int, str]]) -> list[FoundRole]:
        # "Wang Yi, Director of the Office of …, called"; "Lidia Moravec, a spokeswoman for the agency."
        i = p.end
        if i >= len(doc) or doc[i].text != ",":
            return []
        i += 1
        indefinite = i < len(doc) and doc[i].lower_ in ("a", "an")
        if i < len(doc) and doc[i].lower_ in DETERMINERS:
            i += 1
        core: list[int] = []
        # A possessor first: "Tom Reyes, Casmeria's ambassador, …"
        j = i
        while j < len(doc) and j - i < 5 and (doc[j].text[:1].isupper()) and doc[j].tag_ != "POS":
            j += 1
        if j > i and j < len(doc) and doc[j].text in POSSESSIVE:
            core = list(range(i, j + 1))
            i = j + 1
        while i < len(doc) and len(core) < MAX_PHRASE and self._title_token(doc[i], rightward=True):
            core.append(i)
            i += 1
            if i < len(doc) and doc[i].text == "-" and not doc[i - 1].whitespace_ and not doc[i].whitespace_:
                core.append(i)
                i += 1
        words = [t for t in core if doc[t].tag_ != "POS" and doc[t].text not in POSSESSIVE]
        heads = [t for t in words if self.titles.is_head(doc[t]) or (indefinite and doc[t].pos_ == "NOUN")]
        if not heads:
            return []
        # Trailing words after the last head belong to a name, not the title ("… Minister Joe Bloggs").
        core = core[: core.index(heads[-1]) + 1]
        i = heads[-1] + 1
        tail: list[int] = []
        if i < len(doc) and doc[i].lower_ in OF_PREPOSITIONS:
            j = i + 1
            while j < len(doc) and j - i < MAX_PHRASE and self._np_token(doc[j]):
                j += 1
            if j > i + 1:
                tail = list(range(i, j))
                i = j
        if not self._closed(doc, i):
            return []
        role = self._split(doc, k, core, starts, need_head=True, tail=tail, indefinite=indefinite)
        return [role] if role else []

    # --- phrase parts ---------------------------------------------------------------------------

    def _walk_left(self, doc: Doc, i: int, skip: Callable[[int], bool]) -> list[int]:
        out: list[int] = []
        while i >= 0 and len(out) < MAX_PHRASE:
            if skip(i):
                i -= 1
                continue
            t = doc[i]
            if t.text in POSSESSIVE and t.tag_ == "POS" and out:
                owner = self._owner(doc, i - 1, skip)
                if owner:
                    out += [i, *owner]
                break
            if t.lower_ in ("of", "for") and out and doc[out[-1]].text[:1].isupper() and i > 0 \
                    and doc[i - 1].text[:1].isupper() and self._title_token(doc[i - 1]):
                out.append(i)
            elif t.lower_ in ("and", "&") and out and i > 0 and self.titles.is_title_word(doc[out[-1]]) \
                    and self.titles.is_title_word(doc[i - 1]) and not self.titles.is_head(doc[i - 1]):
                out.append(i)  # "Energy and Water Minister"
            elif t.text == "-" and out and not t.whitespace_ and i > 0 and not doc[i - 1].whitespace_:
                # A hyphenated word is one word ("far-right", "Secretary-General").
                out += [i, i - 1]
                i -= 2
                continue
            elif self._title_token(t):
                out.append(i)
                if t.is_sent_start:
                    break
            else:
                break
            i -= 1
        return sorted(out)

    def _owner(self, doc: Doc, i: int, skip: Callable[[int], bool]) -> list[int]:
        # The possessor of "X's": a run of capitalised words ("Saudi Arabia", "the White House").
        out = []
        while i >= 0 and len(out) < 5 and (doc[i].text[:1].isupper() or skip(i)):
            if not skip(i):
                if doc[i].is_stop and doc[i].lower_ != "us":
                    break
                out.append(i)
            if doc[i].is_sent_start:
                break
            i -= 1
        return out

    def _title_token(self, t: Token, rightward: bool = False) -> bool:
        if t.is_punct or t.is_space or t.like_num or t.ent_type_ in NUMERIC or t.like_url:
            return False
        if t.text[:1].isupper():
            if t.is_stop and not self.titles.is_title_word(t) and t.text != "US":
                return False
            if t.is_sent_start and t.pos_ != "PROPN" and not self.titles.is_title_word(t):
                return False  # "Earlier chief constable …": capitalised only by its place
            return t.pos_ in ("PROPN", "NOUN", "ADJ") or self.titles.is_title_word(t) or t.is_upper
        if self.titles.is_title_word(t):
            return True
        if t.pos_ not in ("NOUN", "ADJ", "PROPN") or t.is_stop:
            return False
        if t.pos_ == "ADJ" and t.i > 0 and t.doc[t.i - 1].pos_ in ("AUX", "VERB"):
            return False  # "he was confident shadow home secretary X would …": a predicate
        if rightward:
            return True
        return t.dep_ in ("compound", "amod", "nmod") and t.head.i > t.i

    def _np_token(self, t: Token) -> bool:
        if t.is_space or t.like_url:
            return False
        if t.lower_ in ("the", "of", "and", "for", "&"):
            return True
        if t.text in ("-",) and not t.whitespace_:
            return True
        return not t.is_punct and (t.text[:1].isupper() or t.pos_ in ("NOUN", "PROPN", "ADJ")) \
            and t.pos_ not in ("VERB", "AUX", "PRON")

    def _closed(self, doc: Doc, i: int) -> bool:
        if i >= len(doc):
            return True
        t = doc[i]
        return t.is_space or t.lower_ in CLOSERS or t.is_sent_start

    def _split(self, doc: Doc, k: int, toks: list[int], starts: dict[int, tuple[int, int, str]], *,
               need_head: bool, tail: Sequence[int] = (), indefinite: bool = False) -> FoundRole | None:
        """Split a title phrase into (title, of) and make the role."""
        if not toks:
            return None
        of: str | None = None
        of_span: tuple[int, int] | None = None
        of_toks: set[int] = set()
        pos = next((j for j, i in enumerate(toks) if doc[i].text in POSSESSIVE and doc[i].tag_ == "POS"),
                   None)
        if pos is not None and pos > 0:
            owner = toks[:pos]
            of_toks = set(owner) | {toks[pos]}
            of = self._normalise_of(doc, owner)
            of_span = (doc[owner[0]].idx, _end(doc, owner[-1]))
            toks = toks[pos + 1:]
        words = [i for i in toks if not (doc[i].text == "-" or doc[i].lower_ in ("of", "for", "and", "&"))]
        if of is None and words:
            found = self._of_inside(doc, words, starts)
            if found:
                lo, hi = found
                owner = [i for i in toks if lo <= i < hi]
                of = self._normalise_of(doc, owner)
                of_span = (doc[lo].idx, _end(doc, hi - 1))
                of_toks = set(owner)
                toks = [i for i in toks if not lo <= i < hi]
        title_toks = list(toks)
        # "President of France": a country after "of" is what the office is of.
        if of is None:
            for j, i in enumerate(title_toks):
                if doc[i].lower_ == "of" and j + 1 < len(title_toks):
                    rest = title_toks[j + 1:]
                    country = self.gaz.country_name(_text(doc, rest))
                    if country:
                        of, of_span = country, (doc[rest[0]].idx, _end(doc, rest[-1]))
                        title_toks = title_toks[:j]
                    break
        if of is None and tail:
            obj = [i for i in tail[1:] if not (doc[i].lower_ in DETERMINERS and i == tail[1])]
            if obj:
                country = self.gaz.country_name(_text(doc, obj))
                of = country or _text(doc, obj)
                of_span = (doc[obj[0]].idx, _end(doc, obj[-1]))
        # Courtesy titles and leading lower-case qualifiers are no part of an office's name.
        while title_toks and (self.titles.is_courtesy(doc[title_toks[0]]) or doc[title_toks[0]].text == "-"):
            title_toks = title_toks[1:]
        caps = [j for j, i in enumerate(title_toks) if doc[i].text[:1].isupper()]
        if caps and caps[0] > 0 and not any(self.titles.is_head(doc[i]) for i in title_toks[: caps[0]]) \
                and any(self.titles.is_head(doc[i]) for i in title_toks[caps[0]:]):
            title_toks = title_toks[caps[0]:]
        while title_toks and doc[title_toks[-1]].lower_ in ("of", "for", "and", "&", "-"):
            title_toks = title_toks[:-1]
        if not title_toks:
            return None
        if need_head and not any(self.titles.is_head(doc[i]) or (indefinite and doc[i].pos_ == "NOUN")
                                 for i in title_toks):
            return None
        title = _text(doc, title_toks)
        all_toks = sorted(set(title_toks) | of_toks | set(tail))
        span = (doc[all_toks[0]].idx, _end(doc, all_toks[-1]))
        return FoundRole(person=k, title=title, of=of, of_span=of_span, span=span,
                         title_tokens=tuple(title_toks), first_token=all_toks[0])

    def _of_inside(self, doc: Doc, words: list[int], starts: dict[int, tuple[int, int, str]]) \
            -> tuple[int, int] | None:
        """Find the country or organisation inside a title ("US", "Israeli", "White House")."""
        head_at = max((j for j, i in enumerate(words) if self.titles.is_head(doc[i])), default=len(words))
        limit = words[head_at] if head_at < len(words) else words[-1] + 1
        for j, i in enumerate(words[:head_at]):
            if not doc[i].text[:1].isupper():
                continue
            found = None
            ent = starts.get(i)
            # A lone adjective the model tagged ("New Home Secretary") names nothing.
            if ent and ent[1] - ent[0] == 1 and doc[i].pos_ == "ADJ" and not self.gaz.country(doc[i].text):
                ent = None
            if ent and ent[1] <= limit:
                lo, hi = ent[0], ent[1]
                # Drop trailing portfolio words: "White House National Security" → "White House".
                while hi > lo and self.titles.is_portfolio(doc[hi - 1].text):
                    hi -= 1
                # What is left must still name something: not a lone capitalised first word ("New").
                lone = hi - lo == 1 and hi < ent[1] and doc[lo].is_sent_start \
                    and not self.gaz.country(doc[lo].text)
                if hi > lo and not lone and not self.titles.is_portfolio(doc[lo:hi].text):
                    found = (lo, hi)
            for n in (4, 3, 2, 1):
                run = words[j:j + n]
                if found or len(run) < n or run[-1] - run[0] != n - 1 or j + n > head_at:
                    continue
                if self.gaz.country(_text(doc, run)):
                    found = (run[0], run[-1] + 1)
            if found:
                # A demonym that is the head noun describes the person ("displaced Palestinian").
                if head_at == len(words) and found[1] > words[-1]:
                    return None
                return found
        return None

    def _normalise_of(self, doc: Doc, toks: Sequence[int]) -> str:
        text = _text(doc, toks)
        if text.lower().startswith("the "):
            text = text[4:]
        return self.gaz.country(text) or text


def _end(doc: Doc, i: int) -> int:
    return doc[i].idx + len(doc[i].text)


def _text(doc: Doc, toks: Sequence[int]) -> str:
    """Join tokens as written, keeping the text's own spacing between neighbours."""
    out = []
    for n, i in enumerate(toks):
        out.append(doc[i].text)
        if n + 1 < len(toks):
            out.append(doc[i].whitespace_ if toks[n + 1] == i + 1 else " ")
    return "".join(out).strip()


def same_role(a_title: str, b_title: str) -> bool:
    """Return True when one title's words contain the other's ("Secretary" in "Secretary of State")."""
    a, b = set(fold(a_title).split()), set(fold(b_title).split())
    return a <= b or b <= a


def title_words(title: str) -> set[str]:
    """Return the folded words of a title, split at spaces and hyphens."""
    return {word_key(w) for w in re.split(r"[\s\-]+", title) if w}
