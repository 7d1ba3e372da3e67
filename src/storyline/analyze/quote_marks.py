"""Find quoted passages in plain text by their quote marks, before any parsing.

A passage is what lies between an opening and a closing double quote mark, curly
(“…”, „…“), straight ("…") or guillemets («…»). Marks of another family inside an
open passage are nested quotes and stay part of it, as do single quotes (‘…’).
News style lets a quote run over paragraphs: the first paragraph has no closing
mark and the next one opens again; a passage left open at a paragraph end whose
next paragraph does not open with a mark is closed at that paragraph end.
Documents with no double marks at all may use curly single quotes (‘…’) as their
quote marks (British style); those are read as passages too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# two apostrophes stand for a double mark in some archives (''like this'')
_DOUBLE = re.compile(r"''|[\"“”„«»]")
_SINGLE = re.compile(r"[‘’]")
_OPENERS = {"“": "curly", "„": "curly", "«": "guillemet", "‘": "single"}
_CLOSERS = {"”": "curly", "»": "guillemet", "’": "single"}
# a straight mark is read as opening after these and as closing before these
_BEFORE_OPEN = set(" \t\n([{—–-/\u00a0")
_AFTER_CLOSE = set(" \t\n.,;:!?)]}—–-/\u00a0")


@dataclass(frozen=True, slots=True)
class Quoted:
    """One quoted passage: its content span (marks excluded) and where its marks are."""

    start: int
    end: int
    open_mark: int
    close_mark: int | None  # None when the passage runs unclosed to a paragraph end
    paragraphs: int = 1

    @property
    def closed(self) -> bool:
        """Return True when the passage ends at a closing mark."""
        return self.close_mark is not None


@dataclass(slots=True)
class _Open:
    family: str
    at: int


def find_quoted(text: str) -> list[Quoted]:
    """Return the top-level quoted passages of ``text`` in text order."""
    if _DOUBLE.search(text):
        return _scan(text, _DOUBLE)
    return [q for q in _scan(text, _SINGLE) if _plausible_single(text, q)]


def _scan(text: str, marks: re.Pattern[str]) -> list[Quoted]:
    found: list[Quoted] = []
    stack: list[_Open] = []
    first_at = 0  # where the current top-level passage's content begins
    open_at = 0
    paragraphs = 1
    skip: int | None = None  # the opening mark of a continued paragraph, already consumed
    lines = _line_spans(text)
    for n, (line_start, line_end) in enumerate(lines):
        if not text[line_start:line_end].strip():
            continue
        line_marks = [m.start() for m in marks.finditer(text, line_start, line_end)]
        for k, i in enumerate(line_marks):
            if i == skip:
                continue
            kind, family = _classify(text, i, line_start, bool(stack))
            if text[i] == "“" and stack and text[stack[-1].at] == "„":
                kind = "close"  # German style: „…“
            if kind == "none":
                continue
            if not stack:
                if kind in ("open", "either"):
                    stack.append(_Open(family, i))
                    open_at, first_at, paragraphs = i, i + _width(text, i), 1
                continue
            top = stack[-1]
            if kind == "close" or (kind == "either" and family == top.family):
                if family == top.family or (len(stack) == 1 and family != "single"):
                    stack.pop()
                    if not stack:
                        found.append(_passage(text, first_at, i, open_at, i, paragraphs))
                elif any(o.family == family for o in stack):
                    while stack[-1].family != family:
                        stack.pop()
                    stack.pop()
                    if not stack:
                        found.append(_passage(text, first_at, i, open_at, i, paragraphs))
                continue
            # an opening mark while a passage is open
            if family != stack[0].family or len(stack) > 1 or _nested(text, line_marks[k + 1:], line_start):
                stack.append(_Open(family, i))
            else:
                # same family as the open passage: its closing mark is missing
                found.append(_passage(text, first_at, i, open_at, None, paragraphs))
                stack = [_Open(family, i)]
                open_at, first_at, paragraphs = i, i + _width(text, i), 1
        skip = None
        if not stack:
            continue
        nxt = _next_paragraph(lines, n, text)
        if nxt is not None and _opens_paragraph(text, nxt, marks):
            skip = nxt
            stack = stack[:1]
            paragraphs += 1
            continue
        found.append(_passage(text, first_at, line_end, open_at, None, paragraphs))
        stack = []
    return [q for q in found if q.end > q.start]


def _width(text: str, i: int) -> int:
    return 2 if text.startswith("''", i) else 1


def _classify(text: str, i: int, line_start: int, inside: bool) -> tuple[str, str]:
    ch = text[i]
    before = text[i - 1] if i > line_start else "\n"
    w = _width(text, i)
    after = text[i + w] if i + w < len(text) else "\n"
    if ch in _OPENERS:
        if ch == "“" and inside and before not in " \t\n" and (after in _AFTER_CLOSE or after == "\n"):
            return "close", "curly"  # an opening mark set where the closing one belongs
        return "open", _OPENERS[ch]
    if ch in _CLOSERS:
        family = _CLOSERS[ch]
        if family == "single":
            if before.isalnum() and after.isalpha():
                return "none", family  # an apostrophe inside a word
            if not inside and before in _BEFORE_OPEN and after.isalnum():
                return "open", family
            return "close", family
        # a closing mark used to open a paragraph (a common typesetting slip)
        if not inside and (before == "\n" or (before in _BEFORE_OPEN and after.isalnum())):
            return "open", family
        return "close", family
    opens = before in _BEFORE_OPEN and after not in " \t\n"
    closes = before not in " \t\n" and (after in _AFTER_CLOSE or after == "\n" or after in "'’")
    if opens and not closes:
        return "open", "straight"
    if closes and not opens:
        return "close", "straight"
    return "either", "straight"


def _nested(text: str, rest: list[int], line_start: int) -> bool:
    """Return True when the marks left on the line close twice: a nested quote in the same marks."""
    kinds = [_classify(text, i, line_start, True)[0] for i in rest[:2]]
    return kinds == ["close", "close"]


def _passage(text: str, start: int, end: int, open_mark: int, close_mark: int | None,
             paragraphs: int) -> Quoted:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Quoted(start, end, open_mark, close_mark, paragraphs)


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in re.finditer(r"\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _next_paragraph(lines: list[tuple[int, int]], n: int, text: str) -> int | None:
    """Return the offset of the first non-blank character of the next non-blank line."""
    for start, end in lines[n + 1:]:
        stripped = len(text[start:end]) - len(text[start:end].lstrip())
        if start + stripped < end:
            return start + stripped
    return None


def _opens_paragraph(text: str, at: int, marks: re.Pattern[str]) -> bool:
    ch = text[at]
    if not marks.match(text, at):
        return False
    return ch in _OPENERS or ch in "\"'" or (ch in _CLOSERS and at + 1 < len(text) and text[at + 1].isalnum())


def _plausible_single(text: str, q: Quoted) -> bool:
    """Reject single-mark passages that are really apostrophes (plural possessives, elisions)."""
    if not q.closed or q.paragraphs > 1:
        return False
    inner = text[q.start:q.end]
    return len(inner) >= 2 and inner[0].isalnum() and "\n" not in inner
