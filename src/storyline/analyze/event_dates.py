"""Dating events: a time expression of the event's own clause, else a rule by tense.

``EventDater(doc, times, published)`` indexes the usable time expressions of ``doc._.times``
(a calendar value, no "since"/"until" relation) by sentence and by the token they hang from.
``date_for`` picks, in order:

1. a time expression attached to the event in its sentence ("met … on Tuesday", "her trip to
   Ostra in December"), or to a clause the event's clause depends on ("… early on Monday,
   killing at least 12"), or the sentence's only time expression when it dates no other event
   ("X, speaking on Monday, called for …");
2. for an event told in the simple past with no date of its own: the latest day-precise time
   expression of the sentence just before it in the same paragraph, else the day-precise time
   of the lead (the article's first sentences), never later than the publication date;
3. the publication date with its precision (simple past and present).

Events told in the perfect ("has vetoed"), inside background clauses ("since Kardia
invaded …") or reported with a pluperfect ("said he had met") get no date from steps 2–3.
The events component then dates those told against another clause by that clause
(``date_for`` on it): a reported pluperfect by its verb of saying, an "after"/"when"/"as"
clause by the clause it modifies, a past progressive relative ("X, who was making his
third visit") by the clause of X. "since …"/"before …" clauses, the perfect and a simple past
that only describes a noun ("the leaders he met") stay undated: their date is not the story's.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from storyline.analyze.extensions import doc_sents, doc_text
from storyline.model import EventDate, Published, TimeExpr

_CALENDAR = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?$")
_PRECISIONS = {"day", "month", "year"}
_LEAD_SENTENCES = 3
_OTHER_CLAUSES = {"relcl", "acl", "ccomp", "csubj", "parataxis", "conj"}


@dataclass(frozen=True, slots=True)
class _Time:
    expr: TimeExpr
    root: Token
    start: int  # token range of the expression
    end: int
    sent_start: int  # token index of its sentence's first token
    paragraph: int


class EventDater:
    """Choose the date of each event of one Doc (per-call state only)."""

    def __init__(self, doc: Doc, times: Sequence[TimeExpr] | None, published: Published | None,
                 stops: Collection[int] = (), quotes: Sequence[tuple[int, int]] = ()) -> None:
        self.doc = doc
        self.quotes = list(quotes)
        self.published = published
        self.pub_value = published.value if published and published.value else None
        self.stops = stops
        self.paragraph_starts = [0] + [i + 1 for i, ch in enumerate(doc_text(doc)) if ch == "\n"]
        self.times: list[_Time] = []
        for t in sorted(times or (), key=lambda t: t.span):
            if t.relation or not t.value or not _CALENDAR.match(t.value) or t.precision not in _PRECISIONS:
                continue
            span = doc.char_span(t.span[0], t.span[1], alignment_mode="expand")
            if span is None:
                continue
            self.times.append(_Time(t, span.root, span.start, span.end, span.root.sent.start,
                                    self.paragraph(t.span[0])))
        self.lead = self._lead_time()

    def paragraph(self, offset: int) -> int:
        """Return the number of the line (paragraph) holding character ``offset``."""
        return bisect.bisect_right(self.paragraph_starts, offset) - 1

    def _not_after_publication(self, t: TimeExpr) -> bool:
        return self.pub_value is None or (t.value or "") <= self.pub_value

    def _lead_time(self) -> TimeExpr | None:
        sents = list(doc_sents(self.doc)[:_LEAD_SENTENCES])
        if not sents:
            return None
        end = sents[-1].end
        for t in self.times:
            if t.root.i < end and t.expr.precision == "day" and self._not_after_publication(t.expr):
                return t.expr
        return None

    def owner(self, time: _Time) -> Token | None:
        """Return the token a time expression dates: the first trigger or verb above it.

        A time right after an event noun's phrase dates that noun even when the parse hangs
        it on the verb above ("invaded … after the Front's raid on Ostra on May 2").
        """
        t = time.root
        found = None
        for _ in range(8):
            if t.head.i == t.i:
                found = t if t.pos_ in ("VERB", "AUX") else None
                break
            t = t.head
            if t.i in self.stops or t.pos_ in ("VERB", "AUX"):
                found = t
                break
        if found is not None and time.start > 0:
            n = self.doc[time.start - 1]
            for _ in range(6):
                if n.i == found.i or n.head.i == n.i:
                    break
                if n.i in self.stops and n.pos_ == "NOUN" and n.i < time.start and found.i < n.i:
                    return n
                n = n.head
        return found

    def _quote_of(self, offset: int) -> tuple[int, int] | None:
        return next((q for q in self.quotes if q[0] <= offset < q[1]), None)

    def own_time(self, sent: Span, anchors: Sequence[Token]) -> TimeExpr | None:
        """Return the time expression of ``sent`` attached to one of ``anchors`` (nearest first)."""
        best: tuple[int, int, TimeExpr] | None = None
        quote = self._quote_of(anchors[0].idx)
        for time in self.times:
            if not (sent.start <= time.root.i < sent.end):
                continue
            if self._quote_of(time.expr.span[0]) != quote:
                continue  # a date inside a quote dates what the quote tells, not the quoting
            owner = self.owner(time)
            for rank, anchor in enumerate(anchors):
                # "on October 7, when militants killed …": a clause on the date itself
                on_date = anchor.dep_ in ("relcl", "advcl") and time.start <= anchor.head.i < time.end
                if on_date or (owner is not None and owner.i == anchor.i):
                    key = (rank, abs(time.root.i - anchors[0].i))
                    if best is None or key < best[:2]:
                        best = (key[0], key[1], time.expr)
        return best[2] if best else None

    def date_for(self, sent: Span, anchors: Sequence[Token], tense: str,
                 background: bool) -> tuple[EventDate, tuple[int, int] | None]:
        """Return the event's date and the span of the time expression that gave it (None if none)."""
        own = self.own_time(sent, anchors)
        if own is not None:
            return EventDate(own.value, own.precision), own.span
        if background or tense in ("perfect", "pluperfect") or self._quote_of(anchors[0].idx) is not None:
            return EventDate(None, None), None
        lone = self._lone_time(sent, anchors)
        if lone is not None:
            return EventDate(lone.value, lone.precision), lone.span
        if tense == "past":
            previous = self._previous_in_paragraph(sent)
            if previous is not None:
                return EventDate(previous.value, previous.precision), None
            if self.lead is not None and self.lead.span[0] < sent.end_char:
                return EventDate(self.lead.value, self.lead.precision), None
        if self.published is not None and self.published.value:
            return EventDate(self.published.value, self.published.precision), None
        return EventDate(None, None), None

    def _lone_time(self, sent: Span, anchors: Sequence[Token]) -> TimeExpr | None:
        """The sentence's only time, on a clause modifying the event ("X, speaking on Monday, called …")."""
        quote = self._quote_of(anchors[0].idx)
        mine = {a.i for a in anchors}
        found = [t for t in self.times
                 if sent.start <= t.root.i < sent.end and self._quote_of(t.expr.span[0]) == quote]
        if len(found) != 1:
            return None
        t = self.owner(found[0])
        for _ in range(6):
            if t is None or (t.i in self.stops and t.i not in mine):
                return None
            if t.i in mine:
                return found[0].expr
            if t.dep_ in _OTHER_CLAUSES or t.head.i == t.i:
                return None  # "… where 700 people spent Monday night": another clause's time
            t = t.head
        return None

    def _previous_in_paragraph(self, sent: Span) -> TimeExpr | None:
        if sent.start == 0:
            return None
        before = self.doc[sent.start - 1].sent
        para = self.paragraph(sent.start_char)
        found = None
        for time in self.times:
            if time.paragraph != para or time.sent_start != before.start:
                continue
            if time.expr.precision == "day" and self._not_after_publication(time.expr):
                found = time.expr
        return found
