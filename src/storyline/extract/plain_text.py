"""Plain text (possibly with inline HTML tags): furniture removal driven by a lexicon.

The document is read line by line (a line is a paragraph); ``furniture.plan`` decides which
lines are page furniture, which is the title and which carry the byline or a printed date.
Kept lines are copied verbatim into the clean text, so every clean character maps back to the
original; only paragraph breaks and squeezed whitespace are made up.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from storyline.extract.dates import date_from_links, url_date
from storyline.extract.furniture import Lexicon, load_lexicon, plan
from storyline.extract.inline_html import Element, InlineText, read_inline
from storyline.extract.offsets import TextBuilder
from storyline.extract.result import Extracted
from storyline.model import Published, RawDocument

_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_SPACE = re.compile(r"\s+")
_SECOND_LEVEL = {"ac", "co", "com", "edu", "gov", "ne", "net", "or", "org"}


@dataclass(frozen=True, slots=True)
class _Line:
    """One non-empty line, whitespace squeezed, with the original offset of each character."""

    text: str
    origins: tuple[int | None, ...]


def extract_plain_text(original: str, doc: RawDocument) -> Extracted:
    """Extract clean text and metadata from a plain-text document."""
    lex = load_lexicon()
    inline = read_inline(original)
    lines = _lines(inline)
    decided = plan([line.text for line in lines], lex)
    cuts = dict(decided.prefix_cut)

    builder = TextBuilder()
    for i, line in enumerate(lines):
        if not decided.keep[i] or i == decided.title:
            continue
        if i in cuts:
            line = _cut(line, _extend_cut(lex, line, cuts[i], inline.elements))
            if not line.text:
                continue
        if len(builder):
            builder.add("\n\n", None)
        _emit(builder, line)
    text, offsets = builder.build()

    links = _links(inline, offsets.runs, doc.url)
    short_links = [lines[i].text for i, kind in decided.removed if kind == "short_link"]
    return Extracted(
        text=text,
        offsets=offsets,
        format="text+html" if inline.had_tags else "text",
        title=lines[decided.title].text if decided.title is not None else None,
        byline=decided.byline,
        published=_published(decided.printed, doc, links, text),
        outlet=_outlet(links, short_links),
        links=tuple(links),
    )


def _lines(inline: InlineText) -> list[_Line]:
    out: list[_Line] = []
    start = 0
    text = inline.text
    for m in [*_LINE_BREAK.finditer(text), None]:
        end = m.start() if m else len(text)
        line = _squeeze(text, inline.origins, start, end)
        if line.text:
            out.append(line)
        start = m.end() if m else end
    return out


def _squeeze(text: str, origins: tuple[int | None, ...], start: int, end: int) -> _Line:
    """Strip a line and squeeze inner whitespace; a lone verbatim space stays verbatim."""
    words: list[tuple[int, int, int, int]] = []  # (gap start, gap end, word start, word end)
    gap = (start, start)
    pos = start
    for m in _SPACE.finditer(text, start, end):
        if m.start() > pos:
            words.append((*gap, pos, m.start()))
        gap = m.span()
        pos = m.end()
    if pos < end:
        words.append((*gap, pos, end))
    chars: list[str] = []
    where: list[int | None] = []
    for k, (g0, g1, a, b) in enumerate(words):
        if k:
            lone = g1 - g0 == 1 and text[g0] == " "
            chars.append(" ")
            where.append(origins[g0] if lone else None)
        chars.append(text[a:b])
        where.extend(origins[a:b])
    return _Line("".join(chars), tuple(where))


def _cut(line: _Line, cut: int) -> _Line:
    while cut < len(line.text) and line.text[cut].isspace():
        cut += 1
    return _Line(line.text[cut:], line.origins[cut:])


def _extend_cut(lex: Lexicon, line: _Line, cut: int, elements: tuple[Element, ...]) -> int:
    """Carry a teaser cut to the end of the element it ends in, then over a link right after it."""
    real = [o for o in line.origins[:cut] if o is not None]
    if not real or not elements:
        return cut
    first, last = real[0], real[-1]
    limit = cut + lex.teaser_follow_max_chars  # counted in visible characters, not markup
    new_cut = cut
    for e in elements:
        if first <= e.start <= last < e.end and (k := _index_at(line, e.end)) <= limit:
            new_cut = max(new_cut, k)
    while new_cut < len(line.text) and line.text[new_cut].isspace():
        new_cut += 1
    q = line.origins[new_cut] if new_cut < len(line.text) else None
    if q is not None:
        for e in elements:
            if e.name in lex.teaser_follow and last < e.start <= q < e.end:
                k = _index_at(line, e.end)
                if k <= limit:
                    new_cut = max(new_cut, k)
    return new_cut


def _index_at(line: _Line, original_offset: int) -> int:
    """Return the index of the first character of ``line`` at or after ``original_offset``."""
    for k, o in enumerate(line.origins):
        if o is not None and o >= original_offset:
            return k
    return len(line.text)


def _emit(builder: TextBuilder, line: _Line) -> None:
    """Add a line to the builder in verbatim runs; made-up characters go in unanchored."""
    k = 0
    n = len(line.text)
    while k < n:
        o = line.origins[k]
        if o is None:
            builder.add(line.text[k], None)
            k += 1
            continue
        j = k + 1
        while j < n and line.origins[j] == o + (j - k):
            j += 1
        builder.add(line.text[k:j], o)
        k = j


def _links(inline: InlineText, runs: tuple[tuple[int, int, int], ...], base: str | None) -> list[str]:
    """Return the hrefs of links whose text reached the clean text, in document order, once each."""
    out: list[str] = []
    kept = sorted((b, b + c) for _, b, c in runs)  # disjoint original spans that reached the text
    starts = [s for s, _ in kept]
    for e in inline.elements:
        if e.name != "a" or not e.href:
            continue
        k = bisect.bisect_left(starts, e.end) - 1
        if e.end > e.start and not (k >= 0 and kept[k][1] > e.start):
            continue
        href = urljoin(base, e.href) if base else e.href
        scheme = urlsplit(href).scheme.lower()
        if href.startswith("#") or scheme not in ("", "http", "https"):
            continue
        if href not in out:
            out.append(href)
    return out


def _published(printed: Published, doc: RawDocument, links: list[str], text: str) -> Published:
    """A printed date wins; then the document's own URL; then the links and a named weekday."""
    if printed.value:
        return printed
    if doc.published:
        return Published()  # the source's own date is better than anything inferred here
    own = url_date(doc.url) if doc.url else None
    if own:
        return Published(own[0], own[1], "url")
    return date_from_links(links, text)


def _site(url: str) -> str | None:
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower().removeprefix("www.")
    labels = host.split(".")
    if len(labels) < 2 or not all(labels):
        return None
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def _outlet(links: list[str], short_links: list[str]) -> str | None:
    """Return the site most of the article's own links point to, or None when no site dominates."""
    sites = [s for s in map(_site, short_links + links) if s]
    if not sites:
        return None
    site, count = Counter(sites).most_common(1)[0]
    own_short = any(_site(u) == site for u in short_links)
    return site if count * 2 > len(sites) and (count >= 2 or own_short) else None
