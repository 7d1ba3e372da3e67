"""Quotes: passages between quote marks, each credited to its speaker; optionally indirect speech.

``QuotesComponent`` (factory ``storyline_quotes``) sets ``doc._.quotes`` to a list of
``Quote`` records, sorted by span. A passage found by its marks (``quote_marks``) is
credited, first rule that applies:

1. a transcript label opening it ("SMITH: …") or a dash and a name after it ("… ” ― Ann Lee");
2. a cue right against the marks: "X said: “…”", "X said, “…”", "Lee: “…”", "“…,” X said"
   (in that last shape any verb: "“…!” beamed Lee");
3. the nearest cue above the quote in the parse: a speech verb ("X called it “…”"), a noun
   of saying with its owner ("X's claim that “…”"), "according to X";
4. a cue elsewhere in the quote's sentence;
5. a transcript speaker line before a quote that opens its paragraph ("(Ann Lee, farmer)");
6. for a fragment, the named subject of the clause holding it (a low-confidence fallback);
7. then continuations: a quote with no cue of its own, opening its sentence, takes the speaker
   of the quote before it in its paragraph, or of the quote that ended the paragraph before
   (news style runs one speaker's quote over sentences and paragraphs), or else the person
   the sentence just before it is about ("Lee praised the crews. “…”", low confidence).

A report of a report credits its outer source when the "according to" trails the cue
("“…,” Lee said, according to the Herald" → the Herald, as PolNeAR annotates it); one that
opens the sentence only sets the scene ("According to the Herald, Lee told …" → Lee).

The cue's subject is resolved by ``speakers.SpeakerResolver`` (entity, pronoun, or the phrase
itself). A fragment with no speaker (a scare quote, a title) is dropped; a whole sentence
with no speaker is kept with ``speaker=None`` and a low confidence: no speaker rather than
a guess. Indirect speech ("X said that …") is found only when the component is built with
``indirect=True``: the seeds' gold standard lists quoted words only, and every extra quote
there counts against precision.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from storyline.analyze.extensions import doc_text
from storyline.analyze.quote_cues import (
    CueLexicon,
    according_object,
    load_cue_lexicon,
    noun_owner,
    noun_phrase,
    subject_of,
)
from storyline.analyze.quote_marks import Quoted, find_quoted
from storyline.analyze.speakers import Resolved, SpeakerLexicon, SpeakerResolver, load_speaker_lexicon
from storyline.model import Quote

# how sure an attribution is, by the rule that found it (times the speaker resolution's own confidence)
_SURE = {
    "label": 1.0, "dash": 1.0, "line": 1.0, "colon": 1.0, "governing": 1.0,
    "after": 0.95, "according": 0.95, "colon-line": 0.95,
    "before": 0.9, "name-colon": 0.9, "noun": 0.9,
    "after-verb": 0.85, "cue-before": 0.85,
    "same-paragraph": 0.8, "colon-subject": 0.8,
    "next": 0.75, "previous-paragraph": 0.7, "subject": 0.6, "previous-subject": 0.5,
    "according-outer": 0.85,
}
_NO_SPEAKER = 0.3
_SENT_END = {".", "!", "?"}
_NAMED = ("PERSON", "ORG", "NORP", "GPE")
# a quote in one of these relations to a cue modifies it, it is not what was said
_PLACES = {"on", "in", "at", "during", "from", "into", "onto", "via", "through", "inside", "aboard"}
# ("conj": a clause coordinated with a cue is said by the same speaker, not by the cue's object)
_NOT_CONTENT = {"advmod", "npadvmod", "nsubj", "nsubjpass", "neg", "aux", "auxpass", "mark", "adjunct",
                "conj"}
# prepositions that introduce what was said ("called for “…”", "described as “…”", "spoke of “…”")
_CONTENT_PREPS = {"as", "of", "for", "about", "to", "against", "with", "like", "over"}
_MIN_SUBJECT_WORDS = 2
_VERBS = ("VERB", "AUX")
_WINDOW_BEFORE = 40
_WINDOW_AFTER = 30
_LABEL = re.compile(r"([A-Z][A-Z.'’\- ]{1,40}[A-Z.]):\s")
_DASH = re.compile(r"[ \t\u00a0]*[―—–-][ \t\u00a0]*([A-Z][^\n]{1,80}?)[ \t\u00a0.]*$", re.MULTILINE)
_SPEAKER_LINE = re.compile(r"\(([A-Z][^()\n]{1,100})\)")
_NAME_LINE = re.compile(r"([A-Z][^:\n]{1,60}):")


@dataclass(slots=True)
class _Passage:
    """A quoted passage and what is known of it while attributing."""

    start: int
    end: int
    quoted: Quoted
    first: int  # token range of the marks and content, inclusive
    last: int
    content_first: int
    content_last: int
    line: int
    last_line: int
    resolved: Resolved | None = None
    cue: str | None = None
    how: str = ""
    blocked: bool = False  # a cue was found but its subject could not be resolved
    cue_token: int | None = None  # the speech verb that credited the quote, when one did


class QuotesComponent:
    """spaCy component: find quotes and their speakers; set ``doc._.quotes``."""

    def __init__(self, nlp: Language, indirect: bool = False) -> None:
        self.cues = load_cue_lexicon()
        self.speaker_lex = load_speaker_lexicon()
        self.indirect = indirect
        self.matcher = Matcher(nlp.vocab)
        self.matcher.add("CUE", [[{"LEMMA": {"IN": sorted(self.cues.speech)}, "POS": {"IN": ["VERB"]}}]])
        self.matcher.add("ACCORDING", [[{"LOWER": w} for w in phrase] for phrase in self.cues.according])

    def __call__(self, doc: Doc) -> Doc:
        """Set ``doc._.quotes``."""
        doc._.quotes = _DocQuotes(doc, self).quotes()
        return doc


class _DocQuotes:
    """The attribution of one Doc's quotes (per-call state only)."""

    def __init__(self, doc: Doc, component: QuotesComponent) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.cues: CueLexicon = component.cues
        self.slex: SpeakerLexicon = component.speaker_lex
        self.want_indirect = component.indirect
        self.cue_tokens: set[int] = set()
        self.according_tokens: set[int] = set()
        for match_id, start, _end in component.matcher(doc):
            if doc.vocab.strings[match_id] == "CUE":
                self.cue_tokens.add(start)
            else:
                self.according_tokens.add(start)
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", self.text)]
        quoted = [piece for q in find_quoted(self.text) for piece in _split_turns(self.text, q)]
        self.passages = [p for p in (self._passage(q) for q in quoted) if p is not None]
        self._ranges = [(p.first, p.last) for p in self.passages]
        self._range_starts = [p.first for p in self.passages]
        quoted_spans = [(p.quoted.open_mark, p.end + 1) for p in self.passages]
        self.resolver = SpeakerResolver(doc, self.slex, quoted_spans)

    # --- setup -----------------------------------------------------------------------------

    def _passage(self, q: Quoted) -> _Passage | None:
        content = self.doc.char_span(q.start, q.end, alignment_mode="expand")
        if content is None or not len(content):
            return None
        opener = self.doc.char_span(q.open_mark, q.open_mark + 1, alignment_mode="expand")
        first = opener.start if opener is not None and len(opener) else content.start
        last = content.end - 1
        if q.close_mark is not None:
            closer = self.doc.char_span(q.close_mark, q.close_mark + 1, alignment_mode="expand")
            if closer is not None and len(closer):
                last = max(last, closer.end - 1)
        end_line = self.line_of(q.close_mark if q.close_mark is not None else q.end)
        return _Passage(q.start, q.end, q, first, last, content.start, content.end - 1,
                        self.line_of(q.open_mark), end_line)

    def line_of(self, offset: int) -> int:
        """Return the index of the line holding character ``offset``."""
        return bisect.bisect_right(self.line_starts, offset) - 1

    def passage_at(self, i: int) -> int | None:
        """Return the index of the passage whose tokens include token ``i``."""
        k = bisect.bisect_right(self._range_starts, i) - 1
        if k >= 0 and self._ranges[k][0] <= i <= self._ranges[k][1]:
            return k
        return None

    # --- the whole document ----------------------------------------------------------------

    def quotes(self) -> list[Quote]:
        """Attribute every passage, then build the Quote records."""
        for p in self.passages:
            self._attribute(p)
        self._inherit()
        out = [q for q in (self._record(p) for p in self.passages) if q is not None]
        if self.want_indirect:
            out += self._indirect()
        out.sort(key=lambda q: (q.span[0], q.span[1]))
        return out

    def _attribute(self, p: _Passage) -> None:
        for step in (self._by_label, self._by_dash, self._by_adjacent, self._by_governor, self._by_neighbours,
                     self._by_line, self._by_subject):
            if step(p) or p.blocked:
                break
        if p.resolved is not None and p.cue_token is not None:
            self._outer_source(p, self.doc[p.cue_token])

    def _outer_source(self, p: _Passage, cue: Token) -> None:
        """A report of a report credits its outer source: "“…,” Lee said, according to the Herald"."""
        # only a trailing "according to": one that opens the sentence ("According to the ministry, Lee told
        # Kim that …") sets the scene, and the speaker named inside it is the one quoted
        for tok in cue.doc[cue.i + 1:cue.sent.end]:
            # "per an interpreter" names who passed the words on, not a source
            if tok.lower_ != "according" or tok.i not in self.according_tokens:
                continue
            if self.passage_at(tok.i) is not None:
                return
            obj = according_object(tok)
            if obj is None or self.passage_at(obj.i) is not None or self.line_of(obj.idx) != p.line:
                return
            resolved = self.resolver.phrase(obj, noun_phrase(obj))
            if resolved is not None:
                p.resolved, p.cue, p.how = resolved, "according to", "according-outer"
            return

    def _set(self, p: _Passage, resolved: Resolved | None, cue: str | None, how: str) -> bool:
        if resolved is None:
            p.blocked = True
            p.cue = cue
            return False
        p.resolved, p.cue, p.how = resolved, cue, how
        return True

    # --- attribution steps -------------------------------------------------------------------

    def _by_label(self, p: _Passage) -> bool:
        """A transcript label opening the quote: "SMITH: Well, …"."""
        m = _LABEL.match(self.text, p.start, p.end)
        if m is None or len(m.group(1).split()) > 4:
            return False
        p.start = m.end()
        return self._set(p, self.resolver.chars(m.start(1), m.end(1)), None, "label")

    def _by_dash(self, p: _Passage) -> bool:
        """A dash and a name after the closing mark, or on the next line: "“…” ― Ann Lee"."""
        if p.quoted.close_mark is None:
            return False
        m = _DASH.match(self.text, p.quoted.close_mark + 1)
        if m is None and not self.text[p.quoted.close_mark + 1:self._line_end(p.quoted.close_mark)].strip():
            nxt = self._next_line(self.line_of(p.quoted.close_mark))
            m = _DASH.fullmatch(self.text, *nxt) if nxt is not None else None
        if m is None or len(m.group(1).split()) > 6 or any(t in m.group(1) for t in "“”\""):
            return False
        return self._set(p, self.resolver.chars(m.start(1), m.end(1)), None, "dash")

    def _by_adjacent(self, p: _Passage) -> bool:
        """A speech verb right against the marks: "X said: “…”", "X said, “…”", "“…,” X said"."""
        before = self._before(p)
        if before and self.doc[before[-1]].text in (":", ","):
            for i in reversed(before[-5:-1]):
                if i in self.cue_tokens and self._from_cue(p, self.doc[i], "colon"):
                    return True
            colon = self.doc[before[-1]].text == ":"
            if colon and len(before) > 1 and self._by_noun_colon(p, self.doc[before[-2]]):
                return True
            if colon and self._by_name_colon(p, before[:-1]):
                return True
            if colon and self._by_clause_subject(p, self.doc[before[-1]]):
                return True
        after = self._after(p)
        inner = self.text[p.start:p.end].rstrip()
        if before or not after or not (inner[-1:] in ",?!—–-" or self.doc[after[0]].text == ","):
            return False
        # the classic "“…,” X said": a quote opening its sentence, the cue right after it; in that
        # shape any verb attributes ("“…!” beamed Lee", "“…,” Lee fumed")
        for i in after[:12]:
            tok = self.doc[i]
            if tok.pos_ in ("SCONJ", "CCONJ"):
                return False
            if i in self.cue_tokens:
                return self._from_cue(p, tok, "after")
            if tok.pos_ == "VERB" and tok.tag_ in ("VBD", "VBZ", "VBP"):
                return self._from_cue(p, tok, "after-verb")
        return False

    def _by_clause_subject(self, p: _Passage, colon: Token) -> bool:
        """A sentence about someone ending in a colon: "Lee took the opposite view: “…”"."""
        root = colon.sent.root
        subjects = [c for c in root.children if c.dep_ == "nsubj" and c.i < colon.i]
        if not subjects or root.i > colon.i:
            return False
        resolved = self.resolver.phrase(subjects[0], noun_phrase(subjects[0]))
        if resolved is None or resolved.speaker.entity is None:
            return False
        p.resolved, p.cue, p.how = resolved, None, "colon-subject"
        return True

    def _by_name_colon(self, p: _Passage, name: list[int]) -> bool:
        """A name and a colon before the quote: "Lee: “…”", "Here is Lee in 1992: “…”"."""
        toks = [self.doc[i] for i in name]
        people = [t for t in toks if t.ent_type_ in ("PERSON", "ORG")]
        if not people or len(toks) > 8 or any(t.pos_ == "VERB" for t in toks):
            return False
        head = people[0]
        while head.i + 1 <= name[-1] and self.doc[head.i + 1].ent_iob_ == "I":
            head = self.doc[head.i + 1]
        return self._set(p, self.resolver.phrase(head, noun_phrase(head)), None, "name-colon")

    def _by_noun_colon(self, p: _Passage, noun: Token) -> bool:
        """A noun of saying before a colon: "Lee's message: “…”", "Lee issued a warning: “…”"."""
        if noun.pos_ != "NOUN" or noun.lemma_ not in self.cues.nouns:
            return False
        owner = noun_owner(noun)
        if owner is None and noun.dep_ in ("dobj", "attr"):
            owner = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        if owner is None:
            return False
        return self._set(p, self.resolver.phrase(owner, noun_phrase(owner)), noun.text, "noun")

    def _by_governor(self, p: _Passage) -> bool:
        """The nearest speech verb, noun of saying or "according to" above the quote in the parse."""
        best: tuple[int, str, Token] | None = None
        for tok in self.doc[p.content_first:p.content_last + 1]:
            if p.content_first <= tok.head.i <= p.content_last and tok.head.i != tok.i:
                continue
            found = self._climb(tok, p)
            if found is not None and (best is None or found[0] < best[0]):
                best = found
        if best is None:
            return False
        _hops, kind, tok = best
        if kind == "according":
            obj = according_object(tok)
            return obj is not None and self._according(p, obj)
        if kind == "noun":
            owner = noun_owner(tok)
            assert owner is not None
            return self._set(p, self.resolver.phrase(owner, noun_phrase(owner)), tok.text, "noun")
        return self._from_cue(p, tok, "governing")

    def _climb(self, tok: Token, p: _Passage) -> tuple[int, str, Token] | None:
        node, hops, via = tok, 0, ""
        # an infinitive cue ("expects Obama to announce “…”") is often someone else's speech reported
        # by a higher speaker: keep it only when no finite cue governs it
        infinitive: tuple[int, str, Token] | None = None
        while True:
            outside = not (p.content_first <= node.i <= p.content_last)
            if outside and (self.passage_at(node.i) is not None or not self._on_lines(node, p)):
                return infinitive
            if outside and node.dep_ == "prep" and node.lower_ in _PLACES and node.head.pos_ in _VERBS:
                return infinitive  # "on “Face the Nation”, he said": where it was said, not what
            if outside and via not in _NOT_CONTENT:
                if node.i in self.cue_tokens and node.lemma_ not in self.cues.near_only and not (
                        node.tag_ == "VBN" and node.dep_ == "acl"):  # "a singer nicknamed “…”"
                    if node.tag_ != "VB" or not any(c.lower_ == "to" for c in node.children):
                        return hops, "cue", node
                    infinitive = infinitive or (hops, "cue", node)
                if node.pos_ == "NOUN" and node.lemma_ in self.cues.nouns and noun_owner(node) is not None:
                    return hops, "noun", node
            for child in node.children:
                if child.i in self.according_tokens and self.passage_at(child.i) is None:
                    return hops, "according", child
            if node.head.i == node.i:
                return infinitive
            adjunct = node.dep_ == "prep" and node.lower_ not in _CONTENT_PREPS
            node, hops, via = node.head, hops + 1, "adjunct" if adjunct else node.dep_

    def _on_lines(self, tok: Token, p: _Passage) -> bool:
        return p.line <= self.line_of(tok.idx) <= p.last_line

    def _by_subject(self, p: _Passage) -> bool:
        """Last resort for a fragment: the named subject of the nearest clause above it."""
        # a word or two in marks with no cue is a scare quote far more often than speech
        if self._kind(p) != "partial" or len(self.text[p.start:p.end].split()) < _MIN_SUBJECT_WORDS:
            return False
        roots = [t for t in self.doc[p.content_first:p.content_last + 1]
                 if not (p.content_first <= t.head.i <= p.content_last) or t.head.i == t.i]
        for tok in roots[:1]:
            node = tok
            while node.head.i != node.i:
                node = node.head
                if self.passage_at(node.i) is not None or not self._on_lines(node, p):
                    return False
                subjects = [c for c in node.children if c.dep_ == "nsubj"]
                if not subjects or node.pos_ not in ("VERB", "AUX"):
                    continue
                subject = subjects[0]
                if subject.tag_ in ("WP", "WDT") and node.dep_ == "relcl":
                    subject = node.head  # "Lee, who called it “…”": the relative clause's antecedent
                if subject.pos_ == "PRON" and subject.lower_ not in self.slex.male | self.slex.female:
                    continue
                resolved = self.resolver.phrase(subject, noun_phrase(subject))
                if resolved is not None and (resolved.speaker.entity is not None or subject.pos_ == "PRON"):
                    p.resolved, p.cue, p.how = resolved, None, "subject"
                    return True
        return False

    def _from_cue(self, p: _Passage, cue: Token, how: str) -> bool:
        line = self.line_of(cue.idx)
        subject = subject_of(cue, self.cues,
                             skip=lambda t: self.passage_at(t.i) is not None or self.line_of(t.idx) != line)
        if subject is None or subject.ent_type_ in ("DATE", "TIME"):
            subject = self._loose_subject(p, cue)
        if subject is None:
            return False
        if self.passage_at(subject.i) is not None or self.line_of(subject.idx) != self.line_of(cue.idx):
            return False
        if not self._set(p, self.resolver.phrase(subject, noun_phrase(subject)), cue.text, how):
            return False
        p.cue_token = cue.i
        return True

    def _according(self, p: _Passage, obj: Token) -> bool:
        return self._set(p, self.resolver.phrase(obj, noun_phrase(obj)), "according to", "according")

    def _loose_subject(self, p: _Passage, cue: Token) -> Token | None:
        """When the parse gives a cue no subject: the name before it, or between the quote and it."""
        if any(c.dep_ == "auxpass" for c in cue.children):
            return None
        if cue.i <= p.last:
            return self._name_before(cue)
        between = [t for t in self.doc[p.last + 1:cue.i] if not t.is_space]
        while between and between[0].is_punct:
            between = between[1:]
        if between and between[0].pos_ in ("DET", "ADJ", "NOUN", "PROPN"):
            # "“…,” an aide, who asked not to be named, told …": the phrase right after the quote
            head = None
            for t in between:
                if t.pos_ not in ("DET", "ADJ", "NOUN", "PROPN", "NUM") and t.text != "-":
                    break
                head = t if t.pos_ in ("NOUN", "PROPN") else head
            if head is not None and head.ent_type_ not in ("DATE", "TIME"):
                return head
        if len(between) > 8 or any(t.pos_ in ("VERB", "AUX") and t.is_lower for t in between):
            return None
        for k, t in enumerate(between):
            if t.ent_type_ in _NAMED:
                while k + 1 < len(between) and between[k + 1].ent_iob_ == "I":
                    k += 1
                return between[k]
        last = between[-1] if between else None
        if last is not None and last.pos_ in ("NOUN", "PROPN") and last.ent_type_ not in ("DATE", "TIME"):
            return last
        return None

    def _name_before(self, cue: Token) -> Token | None:
        """Return the name right before a cue, past a parenthesis: "Sen. Ann Lee (D-Ore.) said".

        Only asked when the parse gives the cue no subject at all.
        """
        k = cue.i - 1
        # "Lee once said", "an aide, Lee, said"
        while k >= 0 and (self.doc[k].pos_ == "ADV" or self.doc[k].text == ","):
            k -= 1
        if k >= 0 and self.doc[k].text == ")":
            while k >= 0 and self.doc[k].text != "(" and cue.i - k < 10:
                k -= 1
            k -= 1
        if k < 0 or self.passage_at(k) is not None:
            return None
        tok = self.doc[k]
        if tok.pos_ == "PROPN" and tok.ent_type_ in _NAMED:
            return tok
        return None

    def _by_neighbours(self, p: _Passage) -> bool:
        """A speech verb in the same sentence, just before or just after the quote."""
        before = self._before(p)
        after = self._after(p)
        ends_sentence = self.text[p.start:p.end].rstrip().endswith(".")
        for i in after:
            if ends_sentence and i - after[0] > 6:
                break
            if i in self.cue_tokens and self._from_cue(p, self.doc[i], "after"):
                return True
            if i in self.according_tokens:
                obj = according_object(self.doc[i])
                if obj is not None:
                    return self._according(p, obj)
        for i in reversed(before):
            if i in self.cue_tokens and self.doc[i].lemma_ not in self.cues.near_only and self._from_cue(
                    p, self.doc[i], "before"):
                return True
            if i in self.according_tokens:
                obj = according_object(self.doc[i])
                if obj is not None and obj.i < p.first:
                    return self._according(p, obj)
        return False

    def _before(self, p: _Passage) -> list[int]:
        """Token indices of the quote's sentence before its opening mark, nearest last."""
        out: list[int] = []
        line = p.line
        for i in range(p.first - 1, max(-1, p.first - 1 - _WINDOW_BEFORE), -1):
            tok = self.doc[i]
            if self.passage_at(i) is not None or self._sentence_end(i) or self.line_of(tok.idx) != line:
                break
            if not tok.is_space:
                out.append(i)
        out.reverse()
        return out

    def _after(self, p: _Passage) -> list[int]:
        """Token indices of the quote's sentence after its closing mark."""
        if p.quoted.close_mark is None:
            return []
        out: list[int] = []
        line = self.line_of(p.quoted.close_mark)
        for i in range(p.last + 1, min(len(self.doc), p.last + 1 + _WINDOW_AFTER)):
            tok = self.doc[i]
            if self.passage_at(i) is not None or self.line_of(tok.idx) != line or self._sentence_end(i):
                break
            out.append(i)
        return out

    def _sentence_end(self, i: int) -> bool:
        """Return True when token ``i`` is a full stop (or ! ?) that ends a sentence."""
        if self.doc[i].text not in _SENT_END:
            return False
        return i + 1 >= len(self.doc) or bool(self.doc[i + 1].is_sent_start) or self.doc[i + 1].is_space

    def _by_line(self, p: _Passage) -> bool:
        """A transcript speaker line just before a quote that opens its paragraph."""
        if not self._opens_line(p):
            return False
        prev = self._previous_line(p.line)
        if prev is None:
            return False
        start, end = prev
        line = self.text[start:end]
        stripped = line.strip()
        lead = start + len(line) - len(line.lstrip())
        m = _SPEAKER_LINE.fullmatch(stripped)
        if m is not None:
            name = m.group(1).split(",")[0].strip()
            s = lead + 1
            found = self.resolver.chars(s, s + len(name))
            # "(Name, description)"; a bare "(Reuters)" or "(AP Photo)" is a credit, not a speaker
            if "," in m.group(1) or (found.speaker.entity is not None and found.confidence >= 0.8):
                return self._set(p, found, None, "line")
            return False
        if stripped.endswith(":"):
            cues = [t.i for t in self._line_tokens(start, end) if t.i in self.cue_tokens]
            if cues:
                return self._from_cue(p, self.doc[cues[-1]], "colon-line")
            m = _NAME_LINE.fullmatch(stripped)
            if m is not None and len(m.group(1).split()) <= 6:
                name = m.group(1).split(",")[0].strip()
                return self._set(p, self.resolver.chars(lead, lead + len(name)), None, "line")
            return self._line_subject(p, start, end)
        return False

    def _line_subject(self, p: _Passage, start: int, end: int) -> bool:
        """A line announcing what follows ("Lee made this statement:"): its named subject speaks."""
        toks = self._line_tokens(start, end)
        if not toks:
            return False
        root = toks[-1].sent.root
        subjects = [c for c in root.children if c.dep_ == "nsubj"]
        if not subjects:
            return False
        resolved = self.resolver.phrase(subjects[0], noun_phrase(subjects[0]))
        if resolved is None or (resolved.speaker.entity is None and subjects[0].pos_ != "PRON"):
            return False
        p.resolved, p.cue, p.how = resolved, None, "colon-line"
        return True

    def _opens_line(self, p: _Passage) -> bool:
        return not self.text[self.line_starts[p.line]:p.quoted.open_mark].strip()

    def _line_end(self, offset: int) -> int:
        end = self.text.find("\n", offset)
        return len(self.text) if end < 0 else end

    def _next_line(self, line: int) -> tuple[int, int] | None:
        for k in range(line + 1, len(self.line_starts)):
            start = self.line_starts[k]
            end = self._line_end(start)
            if self.text[start:end].strip():
                return start, end
        return None

    def _previous_line(self, line: int) -> tuple[int, int] | None:
        for k in range(line - 1, -1, -1):
            start = self.line_starts[k]
            end = self.line_starts[k + 1] - 1
            if self.text[start:end].strip():
                return start, end
        return None

    def _line_tokens(self, start: int, end: int) -> list[Token]:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return list(span) if span is not None else []

    # --- continuations --------------------------------------------------------------------

    def _inherit(self) -> None:
        """Give a quote with no cue of its own the speaker of the quote or speech just before it."""
        ps = self.passages
        for k, p in enumerate(ps):
            if p.resolved is None and not p.blocked:
                self._inherit_back(k, p)
        for k in range(len(ps) - 2, -1, -1):
            p, nxt = ps[k], ps[k + 1]
            if p.resolved is None and not p.blocked and nxt.resolved is not None and nxt.line == p.line and \
                    p.quoted.close_mark is not None and \
                    not self.text[p.quoted.close_mark + 1:nxt.quoted.open_mark].strip(" \t,;—–-"):
                self._copy(p, nxt, "next")
        for k, p in enumerate(ps):
            if p.resolved is None and not p.blocked:
                self._inherit_back(k, p)

    def _inherit_back(self, k: int, p: _Passage) -> None:
        if self._before(p):
            return  # a fragment inside someone's sentence: only its own cue can credit it
        prev = self.passages[k - 1] if k else None
        if prev is not None and prev.resolved is not None and prev.last_line == p.line:
            self._copy(p, prev, "same-paragraph")
            return
        if not self._opens_line(p):
            self._cue_ending_sentence(p)
            return
        prev_line = self._previous_line(p.line)
        if prev_line is None:
            return
        # a paragraph that is only a quote continues the quote that ended the paragraph before
        earlier = [q for q in self.passages[:k] if q.last_line == self.line_of(prev_line[0])]
        if earlier and earlier[-1].resolved is not None:
            self._copy(p, earlier[-1], "previous-paragraph")
        elif not earlier:
            last = self.doc.char_span(prev_line[0], prev_line[1], alignment_mode="expand")
            if last is not None and len(last) and last[-1].text in (".", ":"):
                self._previous_subject(p, last[-1])

    def _cue_ending_sentence(self, p: _Passage) -> None:
        """ "…, Lee says. “…”": a sentence that ends with its speech verb introduces the quote after it."""
        k = p.first - 1
        while k >= 0 and self.doc[k].is_space:
            k -= 1
        if k < 1 or self.doc[k].text not in (".", ":") or self.line_of(self.doc[k].idx) != p.line:
            return
        for i in range(k - 1, max(-1, k - 4), -1):
            tok = self.doc[i]
            if self.passage_at(i) is not None:
                return
            if i in self.cue_tokens:
                self._from_cue(p, tok, "cue-before")
                p.blocked = False
                return
        self._previous_subject(p, self.doc[k])

    def _previous_subject(self, p: _Passage, end: Token) -> None:
        """ "Lee praised the plan. “…”": the person a sentence is about speaks the quote right after it."""
        sent = end.sent
        if any(self.passage_at(t.i) is not None for t in sent):
            return  # a sentence with its own quote: that quote's speaker was already offered
        subjects = [c for c in sent.root.children if c.dep_ == "nsubj"]
        if not subjects or sent.root.pos_ not in _VERBS:
            return
        subject = subjects[0]
        resolved = self.resolver.phrase(subject, noun_phrase(subject))
        if resolved is None or resolved.speaker.entity is None:
            return
        if subject.pos_ != "PRON":
            m = self.resolver.mention_at(subject.idx, subject.idx + len(subject))
            if m is None or m.type not in self.slex.person_types:
                return  # an organisation's doings are seldom followed by its own words
        p.resolved, p.how = resolved, "previous-subject"

    def _copy(self, p: _Passage, source: _Passage, how: str) -> None:
        assert source.resolved is not None
        p.resolved = Resolved(source.resolved.speaker, source.resolved.confidence)
        p.how = how

    # --- records -----------------------------------------------------------------------------

    def _kind(self, p: _Passage) -> str:
        if p.how in ("label", "dash", "line", "colon-line"):
            return "direct"
        before = self._before(p)
        if not before or self.doc[before[-1]].text in (":", ","):
            return "direct"
        inner = self.text[p.start:p.end].rstrip()
        if inner[:1].isupper() and inner[-1:] in ".?!," and len(inner.split()) > 3:
            return "direct"
        return "partial"

    def _record(self, p: _Passage) -> Quote | None:
        kind = self._kind(p)
        text = self.text[p.start:p.end]
        if kind == "partial" and _is_title(text) and p.how not in ("governing", "noun"):
            return None  # the name of a show, a book, a law: not speech
        if self.text[max(0, p.quoted.open_mark - 20):p.quoted.open_mark].rstrip().lower().endswith(_SCARE):
            return None  # "the so-called “peace plan”"
        if p.resolved is None:
            if not p.blocked and (kind != "direct" or len(text.split()) < 4):
                return None
            return Quote((p.start, p.end), text, kind, None, p.cue, _NO_SPEAKER)
        conf = round(p.resolved.confidence * _SURE.get(p.how, 0.8), 2)
        return Quote((p.start, p.end), text, kind, p.resolved.speaker, p.cue, conf)

    # --- indirect speech --------------------------------------------------------------------

    def _indirect(self) -> list[Quote]:
        """Reported speech without quote marks: "X said (that) CLAUSE" with a finite clause."""
        out = []
        for i in sorted(self.cue_tokens):
            cue = self.doc[i]
            if cue.lemma_ not in self.cues.indirect or self.passage_at(i) is not None:
                continue
            for clause in cue.children:
                if clause.dep_ != "ccomp" or clause.i < cue.i:
                    continue
                quote = self._clause(cue, clause)
                if quote is not None:
                    out.append(quote)
        return out

    def _clause(self, cue: Token, clause: Token) -> Quote | None:
        sub = list(clause.subtree)
        first, last = sub[0].i, sub[-1].i
        if any(self.passage_at(t.i) is not None for t in (sub[0], sub[-1], clause)) or any(
                t.text in "“”\"" for t in sub):
            return None
        has_that = any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
        tensed = clause.tag_ in _FINITE or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE for c in clause.children)
        finite = tensed and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
        if not finite or (not has_that and cue.lemma_ not in ("say", "tell", "add")):
            return None
        while last > first and (self.doc[last].is_punct or self.doc[last].is_space):
            last -= 1
        if last - first < 3:
            return None
        subject = subject_of(cue, self.cues)
        resolved = self.resolver.phrase(subject, noun_phrase(subject)) if subject is not None else None
        if resolved is None:
            return None
        span = self.doc[first:last + 1]
        conf = round(resolved.confidence * 0.8, 2)
        return Quote((span.start_char, span.end_char), span.text, "indirect", resolved.speaker, cue.text,
                     conf)


_FINITE = ("VBD", "VBZ", "VBP", "MD")
_SCARE = ("so-called", "so called", "supposed", "alleged", "self-styled", "self-described")
_TITLE_SMALL = {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from",
                "as", "vs", "de", "la", "le", "du", "von", "van"}


def _is_title(text: str) -> bool:
    """Return True for a short capitalised name ("Face the Nation"), not a quoted phrase."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    if not words or len(words) > 8 or text.rstrip()[-1:] in "?!":
        return False
    return all(w[0].isupper() or w.lower() in _TITLE_SMALL for w in words) and words[0][0].isupper()


_TURN = re.compile(r"\n[ \t]*[\"“”]?[ \t]*(?=[A-Z][A-Z.'’\- ]{1,40}[A-Z.]:\s)")


def _split_turns(text: str, q: Quoted) -> list[Quoted]:
    """Split a transcript quoted over paragraphs at each paragraph that opens with a speaker label."""
    if q.paragraphs < 2:
        return [q]
    cuts = [m for m in _TURN.finditer(text, q.start, q.end)]
    if not cuts:
        return [q]
    out = []
    start, open_mark = q.start, q.open_mark
    for m in cuts:
        out.append(Quoted(start, m.start(), open_mark, None, 1))
        start, open_mark = m.end(), m.end() - 1
    out.append(Quoted(start, q.end, open_mark, q.close_mark, 1))
    return [piece for piece in out if text[piece.start:piece.end].strip()]
