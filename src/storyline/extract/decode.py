"""Bytes → text: BOM, then UTF-8, then the declared charset, then detection; refuse empty or binary.

The order differs from a browser's in one place on purpose: bytes that are
valid UTF-8 (and not plain ASCII) are read as UTF-8 even when a header or
``<meta>`` says otherwise, because pages labelled ``iso-8859-1`` but written
in UTF-8 are common and the reverse is vanishingly rare — text in a legacy
charset is almost never valid UTF-8 by accident.

Labels follow the WHATWG Encoding Standard where it matters for news pages:
``iso-8859-1``, ``latin1`` and ``us-ascii`` mean windows-1252, whose bytes
0x80–0x9F carry curly quotes, dashes and the euro sign.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from storyline.errors import ExtractError

WINDOWS_1252 = "windows-1252"

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.I)
# UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WHATWG_1252 = frozenset({"latin-1", "latin1", "iso-8859-1", "iso8859-1", "iso_8859-1", "l1",
                          "us-ascii", "ascii", "cp1252", "windows-1252", "x-cp1252", "cp819"})
# windows-1252 as browsers decode it: the five bytes Python's cp1252 leaves undefined
# (0x81, 0x8D, 0x8F, 0x90, 0x9D) pass through as the C1 controls of the same number.
_C1_TO_1252 = {
    b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}
_DETECT_SAMPLE = 200_000
_LETTERS = re.compile(r"[^\W\d_]+")
# A symbol wedged between two letters ("a¿ó") is how another legacy charset looks when read
# as windows-1252; apostrophes, hyphens and the Catalan middle dot legitimately sit there.
_WEDGED = re.compile(r"(?<=[^\W\d_])[^\w\s'\u2019\u2018\u00b7\-](?=[^\W\d_])")


def looks_binary(data: bytes) -> bool:
    """Return whether ``data`` looks like a binary (non-text) file."""
    head = data[:8192]
    if any(head.startswith(b) for b, _ in _BOMS):
        return False
    if head.startswith((b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b")):
        return True
    if not head:
        return False
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return b"\x00" in head or control / len(head) > 0.05


def detect_encoding(data: bytes, charset: str | None = None) -> str:
    """Return the encoding ``decode`` would use for ``data`` (``charset`` is the HTTP header's)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    if not data.isascii() and _is_utf8(data):
        return "utf-8"
    label = charset or _declared_in_document(data)
    encoding = _codec(label) if label else None
    if encoding and encoding.startswith("iso2022"):
        return encoding  # 7-bit Japanese/Korean: ASCII bytes with escape sequences
    if data.isascii():
        return "utf-8"
    if encoding == WINDOWS_1252:
        return encoding
    # Declared UTF-8 that is not valid UTF-8, or UTF-16/32 without a BOM, is mislabelled.
    if encoding and encoding != "utf-8" and not encoding.startswith(("utf-16", "utf-32")):
        try:
            data.decode(encoding)
            return encoding
        except UnicodeDecodeError:
            pass
    return _guess(data[:_DETECT_SAMPLE])


def decode(data: bytes, source: str, charset: str | None = None) -> str:
    """Decode a document's bytes, raising ExtractError for empty or binary content."""
    if not data.strip():
        raise ExtractError(source, "empty document")
    if looks_binary(data):
        raise ExtractError(source, "binary content, not a text or HTML document")
    encoding = detect_encoding(data, charset)
    if encoding == WINDOWS_1252:
        return data.decode("latin-1").translate(_C1_TO_1252)
    return data.decode(encoding, errors="replace")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _declared_in_document(data: bytes) -> str | None:
    head = data[:16_384]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return m.group(1).decode("ascii", "replace") if m else None


def _codec(label: str) -> str | None:
    """Return the Python codec for a charset label (WHATWG's windows-1252 aliases included)."""
    label = label.strip().strip("\"'").lower()
    if label in _WHATWG_1252:
        return WINDOWS_1252
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return WINDOWS_1252 if name == "cp1252" else name


def _guess(sample: bytes) -> str:
    """Guess an undeclared single- or multi-byte legacy charset; windows-1252 for Western text."""
    if _reads_as_western(sample):
        return WINDOWS_1252
    for match in from_bytes(sample):
        encoding = _codec(match.encoding)
        # No NUL bytes got this far, so a UTF-16/32 guess is a detector artefact.
        if encoding and not encoding.startswith(("utf-16", "utf-32")):
            return encoding
    return WINDOWS_1252


def _reads_as_western(sample: bytes) -> bool:
    """Return whether bytes read as windows-1252 look like Western European words.

    Detectors do poorly on short Western text, so judge the windows-1252
    reading directly: accented letters should sit inside words that also
    hold ASCII letters ("café", "Grüße"). Cyrillic or Greek read this way
    gives whole words of accented letters ("Ïðèâåò"); Central European
    charsets give symbols wedged inside words ("Za¿ó³æ").
    """
    text = sample.decode("latin-1").translate(_C1_TO_1252)
    good = bad = 0
    for word in _LETTERS.findall(text):
        if word.isascii():
            continue
        high = sum(1 for c in word if not c.isascii())
        if high < len(word):
            good += high
        elif len(word) == 1:
            good += 1  # "à", "é", "ó": one-letter words are common in Romance languages
        else:
            bad += high
    bad += sum(1 for m in _WEDGED.finditer(text) if not m.group().isascii())
    bad += sum(1 for c in text if "\x80" <= c <= "\x9f")  # bytes windows-1252 leaves undefined
    return bad <= 0.1 * (good + bad)
