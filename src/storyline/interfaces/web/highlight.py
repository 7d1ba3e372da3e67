"""Facts of one article as highlights: flat fact list, and the text cut into pieces at span boundaries.

The article view shows the clean text with every extracted fact marked where
it came from. Facts overlap freely (an entity inside a quote, a figure whose
source is an entity), so the text is cut at *every* span boundary into
pieces, and each piece carries all the facts that cover it, innermost
(shortest) first. A piece is one flat element with one class per kind that
covers it: no nesting, so any overlap renders, and a click on a piece opens
its innermost fact. Pieces are plain strings; the template escapes them.

Only entity mentions, quotes, quote speakers, figures and times are marked
inline; events and stances cover whole clauses and are listed beside the
text, each linking to its span (``#span=S-E``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

INLINE_KINDS = ("quote", "speaker", "entity", "figure", "time")
KIND_LABELS = {
    "entity": "Entity",
    "quote": "Quote",
    "speaker": "Speaker",
    "figure": "Figure",
    "time": "Time",
    "event": "Event",
    "stance": "Stance",
}


@dataclass(frozen=True, slots=True)
class Fact:
    """One extracted fact with its span and the (label, value) lines the panel shows."""

    id: str
    kind: str
    start: int
    end: int
    label: str
    fields: tuple[tuple[str, str], ...]
    entity: str | None = None  # the article's entity id it names (mention, speaker or cited source)

    def as_json(self, actor: str | None = None) -> dict[str, Any]:
        """Return the form embedded in the page for the side panel (``actor``: a link to its actor page)."""
        return {
            "kind": self.kind,
            "kindLabel": KIND_LABELS.get(self.kind, self.kind),
            "span": [self.start, self.end],
            "label": self.label,
            "fields": [list(f) for f in self.fields],
            "actor": actor,
        }


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text covered by the same facts; ``facts`` innermost first, ``kinds`` sorted."""

    start: int
    end: int
    text: str
    kinds: tuple[str, ...]
    facts: tuple[str, ...]


def collect_facts(analysis: Mapping[str, Any] | None, text_length: int) -> list[Fact]:
    """Return every fact of an analysis record with a valid span, in a stable order.

    Records come from the store and are treated as untrusted: a fact whose
    span is missing, malformed or outside the text is left out, never fatal.
    """
    if not analysis:
        return []
    facts: list[Fact] = []
    for i, ent in enumerate(_items(analysis.get("entities"))):
        name = _str(ent.get("name"))
        roles = [_join(_str(r.get("title")), _str(r.get("of")), " of ") for r in _items(ent.get("roles"))]
        for j, mention in enumerate(_items(ent.get("mentions"))):
            span = _span(mention.get("span"), text_length)
            if span is None:
                continue
            fields = [("name", name), ("type", _str(ent.get("type"))), ("mention", _str(mention.get("text")))]
            fields += [("role", r) for r in roles if r]
            fields.append(("entity id", _str(ent.get("id"))))
            label = name or _str(mention.get("text"))
            facts.append(Fact(f"e{i}.{j}", "entity", *span, label, _clean(fields), _id(ent.get("id"))))
    for i, quote in enumerate(_items(analysis.get("quotes"))):
        speaker = quote.get("speaker") if isinstance(quote.get("speaker"), Mapping) else {}
        who = _str(speaker.get("name"))
        fields = [
            ("speaker", who or "unattributed"),
            ("kind", _str(quote.get("kind"))),
            ("cue", _str(quote.get("cue"))),
            ("confidence", _str(quote.get("confidence"))),
            ("text", _str(quote.get("text"))),
        ]
        span = _span(quote.get("span"), text_length)
        if span is not None:
            who_id = _id(speaker.get("entity"))
            facts.append(Fact(f"q{i}", "quote", *span, who or "unattributed", _clean(fields), who_id))
        speaker_span = _span(speaker.get("span"), text_length)
        if speaker_span is not None and who:
            lines = _clean([("speaker of", f"quote {i + 1}"), *fields])
            facts.append(Fact(f"q{i}s", "speaker", *speaker_span, who, lines, _id(speaker.get("entity"))))
    for i, fig in enumerate(_items(analysis.get("figures"))):
        source = fig.get("source") if isinstance(fig.get("source"), Mapping) else {}
        fields = [
            ("value", _str(fig.get("value"))),
            ("range", _range(fig.get("low"), fig.get("high"))),
            ("qualifier", _str(fig.get("qualifier"))),
            ("what", _str(fig.get("what"))),
            ("where", _str(fig.get("where"))),
            ("since", _str(fig.get("since"))),
            ("as of", _str(fig.get("as_of"))),
            ("source", _str(source.get("name"))),
            ("text", _str(fig.get("text"))),
        ]
        span = _span(fig.get("span"), text_length)
        if span is not None:
            label = _join(_str(fig.get("value")), _str(fig.get("what")), " ")
            facts.append(Fact(f"f{i}", "figure", *span, label, _clean(fields), _id(source.get("entity"))))
    for i, t in enumerate(_items(analysis.get("times"))):
        fields = [
            ("text", _str(t.get("text"))),
            ("value", _str(t.get("value"))),
            ("precision", _str(t.get("precision"))),
            ("relation", _str(t.get("relation"))),
        ]
        span = _span(t.get("span"), text_length)
        if span is not None:
            label = _str(t.get("value")) or _str(t.get("text"))
            facts.append(Fact(f"t{i}", "time", *span, label, _clean(fields)))
    for i, ev in enumerate(_items(analysis.get("events"))):
        date = ev.get("date") if isinstance(ev.get("date"), Mapping) else {}
        actors = ", ".join(
            _str(a.get("name")) if isinstance(a, Mapping) else _str(a) for a in _list(ev.get("actors"))
        )
        fields = [
            ("type", _str(ev.get("type"))),
            ("trigger", _str(ev.get("trigger"))),
            ("date", _join(_str(date.get("value")), _str(date.get("precision")), " · ")),
            ("actors", actors),
            ("where", _str(ev.get("where"))),
        ]
        span = _span(ev.get("span"), text_length)
        if span is not None:
            label = _join(_str(ev.get("type")), _str(date.get("value")), " · ")
            facts.append(Fact(f"v{i}", "event", *span, label, _clean(fields)))
    for i, st in enumerate(_items(analysis.get("stances"))):
        fields = [
            ("actor", _str(st.get("actor"))),
            ("topic", _str(st.get("topic"))),
            ("stance", _str(st.get("stance"))),
        ]
        span = _span(st.get("span"), text_length)
        if span is not None:
            label = f"{_str(st.get('actor'))}: {_str(st.get('stance'))} {_str(st.get('topic'))}".strip()
            facts.append(Fact(f"s{i}", "stance", *span, label, _clean(fields)))
    return facts


def cut(text: str, facts: Iterable[Fact], kinds: Sequence[str] = INLINE_KINDS) -> list[Piece]:
    """Cut ``text`` at every boundary of the facts of ``kinds``; the pieces join back to ``text``."""
    marked = [f for f in facts if f.kind in kinds]
    bounds = {0, len(text)}
    for f in marked:
        bounds.update((f.start, f.end))
    points = sorted(bounds)
    # Innermost first: a click on a piece opens the most specific fact under it.
    marked.sort(key=lambda f: (f.end - f.start, f.start, f.id))
    pieces: list[Piece] = []
    for start, end in pairwise(points):
        if start == end:
            continue
        covering = [f for f in marked if f.start <= start and end <= f.end]
        pieces.append(
            Piece(
                start,
                end,
                text[start:end],
                tuple(sorted({f.kind for f in covering})),
                tuple(f.id for f in covering),
            )
        )
    return pieces


def json_for_script(value: Any) -> str:
    """Return JSON safe to place inside a ``<script type="application/json">`` element.

    ``<``, ``>`` and ``&`` are written as ``\\u003c`` and so on, so no string
    in the data can close the element or open a comment; U+2028/2029 too,
    for old parsers. The result contains none of ``<>&`` at all.
    """
    encoded = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for ch, esc in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        encoded = encoded.replace(ch, esc)
    return encoded


def _span(value: Any, length: int) -> tuple[int, int] | None:
    if not isinstance(value, list | tuple) or len(value) != 2:
        return None
    start, end = value
    if type(start) is not int or type(end) is not int:
        return None
    if 0 <= start < end <= length:
        return start, end
    return None


def _id(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _items(value: Any) -> list[Mapping[str, Any]]:
    return [v for v in _list(value) if isinstance(v, Mapping)]


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


def _str(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _join(a: str, b: str, sep: str) -> str:
    return sep.join(x for x in (a, b) if x)


def _range(low: Any, high: Any) -> str:
    if (low is None and high is None) or low == high:
        return ""
    return f"{_str(low) or '…'} – {_str(high) or '…'}"


def _clean(fields: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple((k, v) for k, v in fields if v)
