"""HTML pages: trafilatura for the main text and metadata, htmldate for the date.

trafilatura runs in precision mode without comments (measured best on the
article-extraction benchmark, see ``storyline evaluate extraction``); if that
mode collapses to a sliver of what the balanced mode finds, the balanced text
is used instead. Lines trafilatura keeps but no reader counts as the article
(the headline repeated at the top, "Related:" teasers, "Comments" headings)
are dropped, paragraphs are joined with blank lines, and every word is traced
back to its characters in the HTML.
"""

from __future__ import annotations

import re

import trafilatura
from trafilatura.utils import load_html

from storyline.errors import ExtractError
from storyline.extract.html_dates import publication_date
from storyline.extract.offsets import align
from storyline.extract.result import Extracted
from storyline.model import OffsetMap, Published, RawDocument

_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_TOKEN = re.compile(r"\w+")
MAX_MARKUP_CHARS = 8_000_000
# Scripts (but not ld+json metadata), styles, SVG, comments and inline data URIs.
_BULK = re.compile(
    r"<script\b(?![^>]*ld\+json)[^>]*>.*?</script\s*>|<(style|svg|noscript|template)\b[^>]*>.*?</\1\s*>"
    r"|<!--.*?-->|data:[\w/+.-]+;base64,[A-Za-z0-9+/=\s]{200,}",
    re.I | re.S,
)
# Precision mode sometimes keeps only a stray block (a reprint notice) of a page
# whose article the balanced mode finds: below this share of the balanced
# text's length the precise result is taken to have collapsed.
_COLLAPSED_SHARE = 0.2
# The balanced re-run is only worth its cost when the precise text is short.
_COLLAPSE_CHECK_CHARS = 1500
_TRAFILATURA_DATE_PARAMS = {"original_date": True, "extensive_search": False}
# Whole lines that are page furniture, not article text: section labels, teaser
# lead-ins and tool links found on many sites, in any case, maybe bulleted.
_FURNITURE_LINE = re.compile(
    r"""^(?:[-*•]\s*)?(?:
        (?:related|related\ (?:posts?|articles?|stories|content|coverage)|read\ (?:more|also|next)
          |see\ (?:more|also)|also\ read|more|also|you\ may\ also\ like|you\ might\ also\ like
          |recommended|don'?t\ miss|most\ (?:read|popular|viewed)(?:\ in\ [\w\ ]+)?|trending
          |advertisement|sponsored|comments?|\d+\ comments?|leave\ a\ (?:comment|reply)|tags?
          |share(?:\ this(?:\ (?:article|story|post))?)?|tell\ us\ what\ you\ think
          |(?:order\ )?reprints|print(?:\ (?:article|this(?:\ (?:article|page|story))?))?)\W*
      | (?:related(?:\ (?:posts?|articles?|stories|content))?|read\ (?:more|also|next)|see\ (?:more|also)
          |also\ read|also\ on\ [\w.]+|filed\ under|tags|watch|video|listen)\s*:.*
      | (?:duration|video\ duration|running\ time)\W*\d{1,2}(?::\d\d){1,2}
      | like\ this\ (?:story|article)\?.*
      | .{0,160}\s(?-i:\[[A-Z]{3,}\])\W*
      | (?:reading\ time|tempo\ de\ leitura|tiempo\ de\ lectura|temps\ de\ lecture|lesezeit)
          \W*\d+\W*\w*
      | \d+\W*min(?:ute)?s?\.?\ read
    )$""",
    re.I | re.X,
)
# A short line at the top that carries a date or a time of day and is no
# sentence is a date line ("Monday, 22 January 2018 at 0:13", "Updated 1:23 p.m.").
_DATELINE_MARK = re.compile(
    r"\b\d{1,2}:\d\d\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b"
    r"|\b\d{1,2}\b.*\b(?:19|20)\d\d\b|\b(?:19|20)\d\d\b.*\b\d{1,2}\b"
)
_SENTENCE_END = re.compile(r"(?<![ap]\.m)[.!?\"”]$", re.I)
# Newsletter sign-up prompts, wherever they stand.
_WIDGET_LINE = re.compile(r"^(?:(?:sign up|subscribe)\b.{0,200}|.{0,200}\bnewsletters?\b.{0,100})$", re.I)
# Closing lines that credit, promote or point elsewhere: dropped from the end only.
_TAIL_LINE = re.compile(
    r"""^(?:
        \(?(?:additional\ )?(?:reporting|writing|editing)\ by\b.*
      | .{0,300}\bcontributed(?:\ reporting)?(?:\ to\ this\ (?:report|story|article))?
          (?:\ from\ [^.]{0,80})?\.?
      | (?:follow|email|e-mail|reach|contact|write\ to)\b.{0,250}(?:twitter|facebook|instagram|@|\ at\ ).*
      | source:\ .{0,80}
      | (?:copyright|©).{0,200}
    )$""",
    re.I | re.X,
)
# Trailing widget text glued to a sentence ("...a quotable line.Click To Tweet").
_GLUED_WIDGET = re.compile(r"\s*Click (?:To|to) Tweet$")


def looks_like_html(text: str, media_type: str | None = None) -> bool:
    """Return whether ``text`` is an HTML page rather than text with a few inline tags."""
    if media_type and "html" in media_type:
        return True
    return bool(_HTML_START.match(text[:2000]))


def extract_html(original: str, doc: RawDocument) -> Extracted:
    """Extract the main text, metadata and publication date of an HTML page."""
    tree = load_html(_slim(original, doc.source))
    if tree is None:
        return Extracted(text="", offsets=OffsetMap(), format="html")
    result = trafilatura.bare_extraction(
        tree,
        url=doc.url,
        with_metadata=True,
        favor_precision=True,
        include_comments=False,
        # storyline finds the date itself (html_dates): keep trafilatura's own
        # htmldate call to its fast mode so the slow text search runs once.
        date_extraction_params=_TRAFILATURA_DATE_PARAMS,
    )
    text = _body_text(result)
    if len(text) < _COLLAPSE_CHECK_CHARS:
        balanced = _body_text(trafilatura.bare_extraction(tree, url=doc.url, include_comments=False))
        if len(text) < _COLLAPSED_SHARE * len(balanced):
            text = balanced
    title = _field(result, "title")
    clean = "\n\n".join(clean_paragraphs(text, title))
    return Extracted(
        text=clean,
        offsets=align(clean, original, markup=True),
        format="html",
        title=title,
        byline=_byline(_field(result, "author")),
        published=publication_date(tree, original, doc.url) if clean else Published(),
        outlet=_field(result, "sitename"),
        url=_field(result, "url"),
        language=None,
    )


def _slim(original: str, source: str) -> str:
    """Return a huge page without its scripts, styles and inline data, or refuse it.

    trafilatura needs ~100 s and 1.3 GB for 50 MB of markup; real pages that
    large are bloated by scripts and inline images, not by article text.
    """
    if len(original) <= MAX_MARKUP_CHARS:
        return original
    slim = _BULK.sub(" ", original)
    if len(slim) > MAX_MARKUP_CHARS:
        raise ExtractError(
            source,
            f"HTML page too large to extract: {len(slim) / 1e6:.1f} million characters of markup "
            f"besides scripts and styles (limit {MAX_MARKUP_CHARS / 1e6:.0f} million)",
        )
    return slim


def clean_paragraphs(text: str, title: str | None = None) -> list[str]:
    """Split extracted text into paragraphs, dropping a repeated headline and furniture lines."""
    lines = [_GLUED_WIDGET.sub("", line).strip() for line in text.split("\n")]
    lines = [line for line in lines if line and _TOKEN.search(line)]
    title_tokens = _TOKEN.findall(title or "")
    # The headline is the article's title, stored apart: drop it where it opens the body.
    if title_tokens and len(lines) > 1 and _TOKEN.findall(lines[0]) == title_tokens:
        lines = lines[1:]
    while len(lines) > 1 and _is_dateline(lines[0]):
        lines = lines[1:]
    kept = [line for line in lines if not (_FURNITURE_LINE.match(line) or _WIDGET_LINE.match(line))]
    while len(kept) > 1 and _TAIL_LINE.match(kept[-1]):
        kept.pop()
    return kept


def _is_dateline(line: str) -> bool:
    return (
        len(line) <= 80
        and len(_TOKEN.findall(line)) <= 12
        and _DATELINE_MARK.search(line) is not None
        and not _SENTENCE_END.search(line)
    )


def _body_text(result: object) -> str:
    text = getattr(result, "text", None) if result is not None else None
    return text if isinstance(text, str) else ""


def _field(result: object, name: str) -> str | None:
    value = getattr(result, name, None) if result is not None else None
    return value.strip() or None if isinstance(value, str) else None


def _byline(author: str | None) -> tuple[str, ...]:
    """Split trafilatura's ``"A; B"`` author string into names."""
    return tuple(name.strip() for name in (author or "").split(";") if name.strip())
