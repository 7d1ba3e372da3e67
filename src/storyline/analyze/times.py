"""Time expressions normalised against the publication date: the ``storyline_times`` component.

Candidates are the model's DATE/TIME entities plus ``time_patterns`` matches (clock
times, weekdays, "now"), merged where they touch ("January 10, 2024, 9:35 AM"). Each is
read by ``time_values.TimeGrammar`` with the tense of the clause it belongs to, so "on
Tuesday" in a past-tense sentence is the Tuesday before publication and "will … on
Friday" the one after. A governing preposition joins the span and gives the relation
("since October 7" → relation "since"). Ages ("45-year-old"), sets ("every week") and
expressions that cannot be read are left out. Output: ``doc._.times``, a list of
``TimeExpr`` sorted by span.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from storyline.analyze.extensions import doc_text
from storyline.analyze.time_patterns import time_patterns, time_phrases
from storyline.analyze.time_values import TimeGrammar, TimeValue
from storyline.model import Published, TimeExpr

_CLAUSE_DEPS = {"ROOT", "acl", "relcl", "xcomp", "ccomp", "advcl", "pcomp", "csubj", "parataxis"}
_MODALS = {"would", "could", "may", "might", "should", "must", "can", "ought"}
_PERFECT = {"have", "has", "had", "'ve", "'d"}
_PAST_MODALS = {"could", "might"}
_SET_BEFORE = {"per", "every", "each", "a", "an", "twice", "once", "times"}
_SET_WORDS = {"daily", "weekly", "monthly", "yearly", "annually", "annual", "nightly", "hourly", "every",
              "each", "quarterly", "biweekly", "twice", "thrice"}
_JOINERS = {",", "at", "on", "of", "around", "about"}
_YEAR_RANGE = re.compile(r"(?P<a>(?:1[6-9]|20)\d\d)[-–/](?P<b>\d\d|(?:1[6-9]|20)\d\d)")


def anchor_date(published: Published | None) -> dt.date | None:
    """Return the publication day as a date when it is known to the day, else None."""
    if published is None or not published.value or len(published.value) < 10:
        return None
    try:
        return dt.date.fromisoformat(published.value[:10])
    except ValueError:
        return None


class TimesComponent:
    """spaCy component: set ``doc._.times`` to the document's normalised time expressions."""

    def __init__(self, nlp: Language) -> None:
        self.grammar = TimeGrammar.load()
        self.matcher = Matcher(nlp.vocab)
        for label, patterns in time_patterns(self.grammar).items():
            self.matcher.add(label, patterns)
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.phrases.add("REF", [nlp.make_doc(p) for p in time_phrases(self.grammar)])
        self.prepositions = {k: (v or None) for k, v in self.grammar.prepositions.items()}
        self.future_aux = set(self.grammar.tense["future_aux"])
        self.future_predicates = set(self.grammar.tense["future_predicates"])

    def __call__(self, doc: Doc) -> Doc:
        """Find, normalise and attach the time expressions of ``doc``."""
        anchor = anchor_date(doc._.published)
        text = doc_text(doc)
        found: list[TimeExpr] = []
        for start, end in self.candidates(doc):
            span = doc[start:end]
            if self._is_age_or_set(span):
                continue
            direction = self.direction(span)
            before = doc[start - 1].lower_ if start > 0 else ""
            if self.prepositions.get(before) in ("until", "before") and direction != "future":
                # "postponed until March 6", "no rain was forecast before Sunday": a limit, most
                # often still ahead of the publication
                direction = "ahead"
            m = _YEAR_RANGE.fullmatch(span.text)
            if m:
                # "1957-58", "2009–2010": two years in one token
                second = m["b"] if len(m["b"]) == 4 else m["a"][:2] + m["b"]
                found.append(self.expression(span, TimeValue(m["a"], "year"), text, end=span.start_char + 4))
                b_start = span.start_char + m.start("b")
                found.append(TimeExpr((b_start, span.end_char), m["b"], second, "year"))
                continue
            parts = self.segments(span, anchor, direction)
            for i, (part, value) in enumerate(parts):
                if len(parts) > 1 and self._is_age_or_set(part):
                    continue
                if i > 0 and value.precision == "year" and len(part) == 1 and len(part.text) == 2:
                    # "1957 - 58": the second year of a range shares the century of the first
                    prev = parts[i - 1][1].value or ""
                    value = TimeValue(prev[:2] + part.text, "year") if len(prev) == 4 else value
                found.append(self.expression(part, value, text))
        doc._.times = sorted(found, key=lambda t: t.span)
        return doc

    # --- candidates ---

    def candidates(self, doc: Doc) -> list[tuple[int, int]]:
        """Return token ranges of time expression candidates, merged and without leading prepositions."""
        raw = [(e.start, e.end) for e in doc.ents if e.label_ in ("DATE", "TIME")]
        raw += [(s, e) for _, s, e in self.matcher(doc)]
        raw += [(s, e) for _, s, e in self.phrases(doc)]
        trimmed = []
        for start, end in raw:
            while start < end and (doc[start].lower_ in self.prepositions or doc[start].is_punct):
                start += 1
            while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "’s")):
                end -= 1
            if start > 0 and doc[start - 1].lower_ == "half" and doc[start].lower_ in ("a", "an"):
                start -= 1  # "half an hour"
            if start < end:
                trimmed.append((start, end))
        merged: list[tuple[int, int]] = []
        for start, end in sorted(set(trimmed)):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            elif (merged and start - merged[-1][1] <= 2
                  and all(t.lower_ in _JOINERS for t in doc[merged[-1][1]:start])
                  and "\n" not in doc[merged[-1][1]:start].text
                  and self._readable(doc[merged[-1][0]:end])):
                merged[-1] = (merged[-1][0], end)
            else:
                merged.append((start, end))
        return merged

    def _readable(self, span: Span) -> bool:
        return self.grammar.normalise(span.text, dt.date(2000, 1, 1)) is not None

    # --- one expression ---

    def segments(self, span: Span, anchor: dt.date | None,
                 direction: str | None) -> list[tuple[Span, TimeValue]]:
        """Return the readable parts of a candidate: itself, or its longest readable pieces left to right.

        The model's entities may hold a range or a list ("between 1994 and 1997", "1994, 1995 and
        1997") or extra words ("its fourth quarter ended Sept. 30"): each readable piece counts.
        """
        value = self.grammar.normalise(span.text, anchor, direction)
        if value is not None:
            return [(span, value)]
        doc, parts = span.doc, []
        i = span.start
        while i < span.end:
            for j in range(span.end, i, -1):
                piece = doc[i:j]
                if piece[0].is_punct or piece[-1].is_punct or piece[0].lower_ in ("and", "or", "to", "the"):
                    continue
                value = self.grammar.normalise(piece.text, anchor, direction)
                if value is not None:
                    parts.append((piece, value))
                    i = j
                    break
            else:
                i += 1
        return parts

    def expression(self, span: Span, value: TimeValue, text: str, end: int | None = None) -> TimeExpr:
        """Return the ``TimeExpr`` of ``span`` read as ``value``, with its governing preposition."""
        start_tok, relation = span.start, None
        before = span.doc[span.start - 1] if span.start > 0 else None
        if before is not None and before.lower_ in self.prepositions and before.pos_ in ("ADP", "SCONJ"):
            start_tok, relation = before.i, self.prepositions[before.lower_]
        doc = span.doc
        start, end = doc[start_tok].idx, span.end_char if end is None else end
        return TimeExpr(span=(start, end), text=text[start:end], value=value.value,
                        precision=value.precision, relation=relation)

    def _is_age_or_set(self, span: Span) -> bool:
        doc = span.doc
        words = {t.lower_ for t in span}
        if words & _SET_WORDS or "old" in words or any(t.lower_.endswith("-old") for t in span):
            return True
        after = doc[span.end:span.end + 2]
        if any(t.lower_ in ("old", "-old") for t in after) and not any(t.is_alpha and t.lower_ != "old"
                                                                      for t in after[:1]):
            return True
        before = doc[span.start - 1] if span.start > 0 else None
        first = span[0].lower_
        # "twice a year", "per month", "£102.80 a week", "12 hours a day": a rate, not a date
        if before is not None and first in ("a", "an", "per") and len(span) == 2 and (
                before.like_num or before.lower_ in _SET_BEFORE or before.pos_ in ("NOUN", "NUM", "SYM")):
            return True
        return bool(before is not None and before.lower_ in _SET_BEFORE
                    and first in ("a", "an", "year", "week", "month", "day"))

    # --- tense ---

    def direction(self, span: Span) -> str | None:
        """Return "past", "future" or None (present/unknown) for the clause governing ``span``."""
        head = clause_head(span.root)
        if head is None:
            return None
        aux = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
        lowers = {c.lower_ for c in aux}
        if lowers & self.future_aux:
            return "future"
        if head.lemma_.lower() in self.future_predicates or head.lower_ in self.future_predicates or any(
                c.dep_ in ("acomp", "attr", "xcomp") and c.lower_ in self.future_predicates
                for c in head.children):
            return "future"  # "talks are set for Monday", "showers were expected on Sunday"
        if lowers & _MODALS:
            if lowers & _PERFECT:
                return "past"
            # "could"/"would"/"might" are also the past of "can"/"will"/"may": no tense to go by
            return None if lowers & _PAST_MODALS else "future"
        if any(c.tag_ == "TO" for c in aux):
            # an infinitive looks ahead of what governs it ("an interview to air on Thursday"); after a
            # past verb ("agreed to sell in October") it may still lie in the past
            if head.dep_ in ("acl", "relcl"):
                return "future"
            governor = clause_head(head) if head.head.i != head.i else None
            if governor is not None and governor.i != head.i and (governor.tag_ == "VBD" or any(
                    c.tag_ == "VBD" for c in governor.children if c.dep_ in ("aux", "auxpass"))):
                return None
            return "future"
        if head.tag_ == "VBD" or (head.tag_ == "VBN" and (lowers & _PERFECT or any(
                c.tag_ == "VBD" for c in aux))):
            return "past"
        if any(c.tag_ == "VBD" for c in aux):
            return "past"
        if head.lower_ == "going" or (head.head.i != head.i and head.head.lower_ == "going"):
            return "future"
        if head.tag_ in ("VBZ", "VBP") or any(c.tag_ in ("VBZ", "VBP") for c in aux):
            return "near"  # present tense: "the state of emergency expires on April 3"
        return None


def clause_head(token: Token) -> Token | None:
    """Return the verb (or verb-like head with auxiliaries) of the clause ``token`` belongs to."""
    t = token.head if token.head.i != token.i else token
    for _ in range(12):
        if t.pos_ in ("VERB", "AUX") or any(c.dep_ in ("aux", "auxpass") for c in t.children) or \
                t.dep_ in _CLAUSE_DEPS:
            return t
        if t.head.i == t.i:
            return t
        t = t.head
    return None
