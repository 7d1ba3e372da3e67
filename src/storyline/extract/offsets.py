"""Build clean text together with its map back to the original document."""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from collections.abc import Iterator

from storyline.model import OffsetMap


class TextBuilder:
    """Accumulate clean text from pieces of the original, recording where each came from.

    ``add(piece, at)`` appends text copied verbatim from original offset ``at``;
    ``add(piece, None)`` appends text the extractor made up (a paragraph break).
    Adjacent verbatim pieces that are also adjacent in the original merge into one run.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._runs: list[list[int]] = []
        self._length = 0

    def __len__(self) -> int:
        return self._length

    def add(self, piece: str, at: int | None) -> None:
        """Append ``piece``; ``at`` is its offset in the original, or None if synthetic."""
        if not piece:
            return
        if at is not None:
            last = self._runs[-1] if self._runs else None
            if last and last[0] + last[2] == self._length and last[1] + last[2] == at:
                last[2] += len(piece)
            else:
                self._runs.append([self._length, at, len(piece)])
        self._parts.append(piece)
        self._length += len(piece)

    def endswith(self, suffix: str) -> bool:
        """Return whether the text built so far ends with ``suffix``."""
        return "".join(self._parts[-len(suffix) - 1 :]).endswith(suffix) if self._parts else False

    def build(self) -> tuple[str, OffsetMap]:
        """Return the clean text and its offset map."""
        return "".join(self._parts), OffsetMap(tuple((a, b, c) for a, b, c in self._runs))


# Characters an extractor keeps: not whitespace, not invisible format or control
# characters (soft hyphen, zero-width space, BOM...) and not private-use icons,
# which trafilatura drops as non-printable.
_KEPT = re.compile(
    r"[^\s\x00-\x1f\x7f-\x9f\xad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff\ue000-\uf8ff]+"
)
_WORDISH = re.compile(r"\w")
_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)|<[!?][^>]*>?"
    r"|</?[A-Za-z][^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>",
    re.S,
)
_TAG_NAME = re.compile(r"<([A-Za-z][A-Za-z0-9:-]*)")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)")
# Elements whose content a reader never sees as page text.
_HIDDEN = frozenset({"script", "style", "title", "template", "textarea"})
# A matched stretch this long (in non-space characters) is distinctive enough to
# accept wherever it lies ahead; shorter ones must lie near the previous match.
_DISTINCTIVE = 24
_WINDOW_WORDS = 256


class _View:
    """The searchable characters of a document (no spaces, entities decoded) with their source spans.

    ``text`` holds the characters; segment ``k`` starts at ``starts[k]`` in
    ``text`` and at ``origins[k]`` in the document. A verbatim segment
    (``ends[k] == -1``) maps character for character; a decoded entity or a
    composed character is a one-character segment covering
    ``[origins[k], ends[k])`` of the document.
    """

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.starts: list[int] = []
        self.origins: list[int] = []
        self.ends: list[int] = []
        self.text = ""

    def verbatim(self, piece: str, at: int) -> None:
        for m in _KEPT.finditer(piece):
            chunk = m.group()
            if chunk.isascii() or unicodedata.is_normalized("NFC", chunk):
                self._segment(chunk, at + m.start(), -1)
            else:
                self._composed(chunk, at + m.start())

    def _composed(self, chunk: str, at: int) -> None:
        # Extractors return NFC text: compose each base letter with its marks so
        # "e" + U+0301 in the document matches "é" in the clean text.
        i = 0
        while i < len(chunk):
            j = i + 1
            while j < len(chunk) and unicodedata.combining(chunk[j]):
                j += 1
            composed = unicodedata.normalize("NFC", chunk[i:j])
            if len(composed) == 1 and j - i > 1:
                self._segment(composed, at + i, at + j)
            else:
                self._segment(chunk[i:j], at + i, -1)
            i = j

    def entity(self, decoded: str, at: int, end: int) -> None:
        for ch in decoded:
            if _KEPT.fullmatch(ch):
                self._segment(ch, at, end)

    def _segment(self, chunk: str, origin: int, end: int) -> None:
        self.starts.append(self.length)
        self.origins.append(origin)
        self.ends.append(end)
        self.parts.append(chunk)
        self.length += len(chunk)

    def finish(self) -> _View:
        self.text = "".join(self.parts)
        self.parts = []
        return self

    def source(self, index: int) -> tuple[int, int]:
        """Return the document span ``[start, end)`` of searchable character ``index``."""
        k = bisect.bisect_right(self.starts, index) - 1
        if self.ends[k] >= 0:
            return self.origins[k], self.ends[k]
        at = self.origins[k] + index - self.starts[k]
        return at, at + 1


def _plain_view(original: str, start: int) -> _View:
    view = _View()
    view.verbatim(original[start:], start)
    return view.finish()


def _markup_view(original: str, start: int) -> _View:
    """Return the text a browser would show (tags, comments, scripts dropped; entities decoded)."""
    view = _View()
    pos, n = start, len(original)
    while pos < n:
        m = _MARKUP.search(original, pos)
        text_end = m.start() if m else n
        if text_end > pos:
            _decoded_text(view, original, pos, text_end)
        if m is None:
            break
        pos = m.end()
        name = _TAG_NAME.match(m.group())
        if name and name[1].lower() in _HIDDEN:
            close = re.compile(rf"</{re.escape(name[1])}\s*>", re.I).search(original, pos)
            pos = close.end() if close else n
    return view.finish()


def _decoded_text(view: _View, original: str, start: int, end: int) -> None:
    pos = start
    for m in _ENTITY.finditer(original, start, end):
        decoded = html.unescape(m.group())
        if decoded == m.group():
            continue
        if m.start() > pos:
            view.verbatim(original[pos : m.start()], pos)
        view.entity(decoded, m.start(), m.end())
        pos = m.end()
    if end > pos:
        view.verbatim(original[pos:end], pos)


def _allowed(piece: str, distance: int) -> bool:
    """Return whether a match of ``piece`` lying ``distance`` characters ahead is believable."""
    if distance < 0:
        return False
    if len(piece) >= _DISTINCTIVE:
        return True
    if not _WORDISH.search(piece):
        # Bullets and table bars the extractor made up must not pull the cursor away.
        return distance <= 8
    return distance <= (3000 if len(piece) >= 8 else 300)


def align(clean: str, original: str, *, start: int = 0, markup: bool = False) -> OffsetMap:
    """Map ``clean`` onto ``original`` by finding its words in reading order.

    For extractors (trafilatura) that return text without positions. Words are
    matched ignoring whitespace, longest stretch first, each search starting
    where the previous match ended; a stretch found only earlier in the document
    is accepted when it is long enough to be unambiguous. With ``markup=True``
    the document is HTML: words are searched in its visible text, with entities
    such as ``&amp;`` decoded, so ``original[span]`` of a word is its source,
    entity included (``html.unescape`` of it gives back the word). Words not
    found (text the extractor made up) stay unmapped and map to the end of the
    run before them.
    """
    view = _markup_view(original, start) if markup else _plain_view(original, start)
    words = [(m.start(), m.group()) for m in _KEPT.finditer(clean)]
    pairs: list[tuple[int, int, int]] = []  # (clean index, view index, word length)
    cursor = i = 0
    text = view.text
    while i < len(words):
        j, found = _longest_match(words, i, text, cursor)
        if found < 0:
            i += 1
            continue
        v = found
        for clean_at, word in words[i:j]:
            pairs.append((clean_at, v, len(word)))
            v += len(word)
        cursor, i = v, j
    return _runs(pairs, clean, original, view)


def _longest_match(words: list[tuple[int, str]], i: int, text: str, cursor: int) -> tuple[int, int]:
    """Return ``(j, view index)`` for the longest believable match of ``words[i:j]``, or ``(i, -1)``."""
    limit = min(len(words), i + _WINDOW_WORDS)

    def ahead(j: int) -> int:
        piece = "".join(w for _, w in words[i:j])
        at = text.find(piece, cursor)
        return at if at >= 0 and _allowed(piece, at - cursor) else -1

    at = ahead(limit)
    if at >= 0:
        return limit, at
    lo, hi, best = i, limit, -1  # words[i:lo] matched at best; words[i:hi] did not
    while hi - lo > 1:
        mid = (lo + hi) // 2
        found = ahead(mid)
        if found >= 0:
            lo, best = mid, found
        else:
            hi = mid
    if best >= 0:
        return lo, best
    # Out of reading order (a pull quote, a reordered block): accept a stretch
    # found anywhere if it is long enough to be unambiguous. Being found anywhere
    # is monotone in the stretch's length, so bisect for the longest.
    lo, hi, best = i, limit + 1, -1
    while hi - lo > 1:
        mid = (lo + hi) // 2
        found = text.find("".join(w for _, w in words[i:mid]))
        if found >= 0:
            lo, best = mid, found
        else:
            hi = mid
    if best >= 0 and sum(len(w) for _, w in words[i:lo]) >= _DISTINCTIVE:
        return lo, best
    return i, -1


def _runs(pairs: list[tuple[int, int, int]], clean: str, original: str, view: _View) -> OffsetMap:
    """Turn matched words into ``(clean_start, original_start, length)`` runs."""
    runs: list[list[int]] = []
    for clean_at, v, length in pairs:
        for c, at, n in _word_pieces(clean_at, v, length, view):
            if runs:
                last = runs[-1]
                gap_clean, gap_orig = c - (last[0] + last[2]), at - (last[1] + last[2])
                # Merge across a gap only where the clean text copies the document
                # verbatim (a single space between two words, say).
                if gap_clean == gap_orig >= 0 and (
                    gap_clean == 0 or clean[c - gap_clean : c] == original[at - gap_orig : at]
                ):
                    last[2] += gap_clean + n
                    continue
            runs.append([c, at, n])
    return OffsetMap(tuple((a, b, c) for a, b, c in runs))


def _word_pieces(clean_at: int, v: int, length: int, view: _View) -> Iterator[tuple[int, int, int]]:
    """Yield ``(clean index, document index, length)`` pieces of one matched word."""
    k = bisect.bisect_right(view.starts, v) - 1
    if view.ends[k] < 0 and (k + 1 == len(view.starts) or view.starts[k + 1] >= v + length):
        # The common case: the whole word lies in one verbatim stretch of the document.
        yield clean_at, view.origins[k] + v - view.starts[k], length
        return
    for t in range(length):
        lo, hi = view.source(v + t)
        # An entity is several document characters for one clean character:
        # the last character of a longer word points at the entity's end so the
        # word's span covers the whole entity; elsewhere it points at its start.
        yield clean_at + t, hi - 1 if t == length - 1 > 0 else lo, 1
