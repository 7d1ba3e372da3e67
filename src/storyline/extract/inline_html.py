"""Text with a few inline HTML tags: strip the tags, decode entities, keep links and element spans.

Every visible character keeps the offset it came from in the original string, so the clean
text built from it can be mapped back. A decoded entity maps to the entity's first character;
a line break made from a block tag (``<br>``, ``<p>``) maps to nothing.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# Only real HTML tag names are tags: "<Name>" or "a < b" in prose stays text.
_INLINE = {"a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i",
           "img", "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub",
           "sup", "time", "tt", "u", "var", "wbr"}
_BLOCK = {"address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt", "figcaption",
          "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol",
          "p", "pre", "section", "table", "td", "th", "tr", "ul"}
_HIDDEN = {"script", "style", "template", "noscript"}
_VOID = {"br", "hr", "img", "wbr"}
_TOKEN = re.compile(
    r"<!--.*?(?:-->|$)"
    r"|<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9]*)(?P<attrs>(?:\s[^<>]*)?)/?>"
    r"|&(?P<entity>#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)",
    re.S,
)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)


@dataclass(frozen=True, slots=True)
class Element:
    """An inline element: its tag name, the original span of its content, and its link target."""

    name: str
    start: int
    end: int
    href: str | None = None


@dataclass(frozen=True, slots=True)
class InlineText:
    """Visible text of a document, each character's original offset (None if made up), and its elements."""

    text: str
    origins: tuple[int | None, ...]
    elements: tuple[Element, ...] = ()
    had_tags: bool = False


def read_inline(original: str) -> InlineText:
    """Strip inline tags and decode entities from ``original``, keeping where every character came from."""
    if "<" not in original and "&" not in original:
        return InlineText(original, tuple(range(len(original))))
    chars: list[str] = []
    origins: list[int | None] = []
    elements: list[Element] = []
    stack: list[tuple[str, int, str | None]] = []
    had_tags = False
    pos = 0
    hidden_until: str | None = None
    for m in _TOKEN.finditer(original):
        name = (m["name"] or "").lower()
        if m["entity"] is None and name and name not in _INLINE | _BLOCK | _HIDDEN:
            continue  # not a tag: leave it in the text
        if hidden_until is None:
            chars.extend(original[pos : m.start()])
            origins.extend(range(pos, m.start()))
        pos = m.end()
        if m["entity"] is not None:
            if hidden_until is None:
                decoded = html.unescape(m.group())
                if decoded == m.group():  # not a known entity: keep it verbatim
                    origins.extend(range(m.start(), m.end()))
                else:
                    origins.extend([m.start()] * len(decoded))
                chars.extend(decoded)
            continue
        if not name:  # a comment
            had_tags = True
            continue
        had_tags = True
        closing = bool(m["close"])
        if hidden_until is not None:
            if closing and name == hidden_until:
                hidden_until = None
            continue
        if name in _HIDDEN and not closing:
            hidden_until = name
            continue
        if name in _BLOCK:
            chars.append("\n")
            origins.append(None)
        if name in _VOID:
            continue
        if not closing:
            stack.append((name, m.end(), _href(m["attrs"] or "")))
            continue
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][0] == name:
                for open_name, start, href in reversed(stack[k:]):
                    elements.append(Element(open_name, start, m.start(), href))
                del stack[k:]
                break
    if hidden_until is None:
        chars.extend(original[pos:])
        origins.extend(range(pos, len(original)))
    for open_name, start, href in stack:
        elements.append(Element(open_name, start, len(original), href))
    elements.sort(key=lambda e: (e.start, -e.end))
    return InlineText("".join(chars), tuple(origins), tuple(elements), had_tags)


def _href(attrs: str) -> str | None:
    m = _HREF.search(attrs)
    if not m:
        return None
    value = html.unescape(next(g for g in m.groups() if g is not None)).strip()
    return value or None
