"""The Doc extensions storyline's components read and write."""

from __future__ import annotations

from spacy.tokens import Doc, Span

# Inputs set before the pipeline runs; outputs assigned by the components.
INPUTS = ("article_id", "published")
OUTPUTS = ("entities", "quotes", "times", "figures", "events", "stances")


def register_extensions() -> None:
    """Register storyline's Doc extensions (idempotent; safe in every worker process)."""
    for name in INPUTS + OUTPUTS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


# Cached in user_data, not extensions: plain keys, no registration, gone with the Doc.
_TEXT_KEY = "storyline.text"
_SENTS_KEY = "storyline.sents"


def doc_text(doc: Doc) -> str:
    """Return the Doc's text, joined once per Doc (``Doc.text`` rebuilds it from every token)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def doc_sents(doc: Doc) -> tuple[Span, ...]:
    """Return the Doc's sentences, found once per Doc (several components walk them)."""
    bounds = doc.user_data.get(_SENTS_KEY)
    if bounds is None:
        # Boundaries, not Spans: user_data must stay serialisable with the Doc.
        bounds = doc.user_data[_SENTS_KEY] = tuple((s.start, s.end) for s in doc.sents) if len(doc) else ()
    return tuple(doc[start:end] for start, end in bounds)


def set_doc_text(doc: Doc, text: str) -> None:
    """Record ``text`` as the Doc's text (it must be what the Doc was tokenised from)."""
    doc.user_data[_TEXT_KEY] = text
