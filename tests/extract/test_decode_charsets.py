"""Decoding bytes to text: declared charsets, BOMs, UTF-8 first, and undeclared legacy text."""

from __future__ import annotations

import codecs

import pytest

from storyline.extract.decode import decode, detect_encoding

CAFE = "Le caf\u00e9 du port a rouvert, disent les habitants."
CURLY = "Le patron a dit \u201cnous sommes pr\u00eats\u201d et le menu co\u00fbte 12 \u20ac."


def _page(body: str, meta: str = "") -> str:
    return f"<html><head>{meta}<title>t</title></head><body><p>{body}</p></body></html>"


@pytest.mark.parametrize("meta", ["", '<meta charset="iso-8859-1">',
                                  '<meta http-equiv="Content-Type" content="text/html; charset=latin1">'])
def test_decode_latin1_page_with_and_without_meta(meta: str) -> None:
    data = _page(CAFE, meta).encode("latin-1")
    assert CAFE in decode(data, "page.html")


@pytest.mark.parametrize("header", [None, "windows-1252", "ISO-8859-1", '"cp1252"'])
def test_decode_windows_1252_curly_quotes_and_euro(header: str | None) -> None:
    data = _page(CURLY).encode("cp1252")
    assert b"\x93" in data and b"\x94" in data and b"\x80" in data
    text = decode(data, "page.html", header)
    assert CURLY in text
    assert "\u201c" in text and "\u201d" in text and "\u20ac" in text


def test_decode_latin1_label_means_windows_1252() -> None:
    # A page labelled iso-8859-1 that uses 0x93/0x94 means curly quotes, as browsers show it.
    data = _page(CURLY, '<meta charset="iso-8859-1">').encode("cp1252")
    assert "\u201cnous" in decode(data, "page.html")


def test_decode_header_charset_beats_meta() -> None:
    data = _page("Город и море", '<meta charset="koi8-r">').encode("cp1251")
    assert "Город и море" in decode(data, "page.html", "windows-1251")


def test_decode_utf8_beats_a_wrong_latin1_label() -> None:
    data = _page(CURLY, '<meta charset="iso-8859-1">').encode("utf-8")
    assert CURLY in decode(data, "page.html", "iso-8859-1")


def test_decode_utf8_bom_is_dropped() -> None:
    data = codecs.BOM_UTF8 + "Caf\u00e9 \u201cquotes\u201d".encode()
    assert decode(data, "notes.txt") == "Caf\u00e9 \u201cquotes\u201d"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_decode_utf16_and_utf32_with_bom(encoding: str) -> None:
    assert decode(CAFE.encode(encoding), "notes.txt") == CAFE


def test_decode_undefined_1252_bytes_do_not_fail_a_declared_page() -> None:
    data = b"<meta charset=windows-1252><p>odd \x81 byte, caf\xe9</p>"
    assert "caf\u00e9" in decode(data, "page.html")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Привет, это тестовая строка на русском.", "cp1251"),
        ("Zażółć gęślą jaźń — źródło w Łodzi.", "cp1250"),
        ("Die Straße in München ist größer. Äpfel und Öl.", "cp1252"),
    ],
)
def test_decode_undeclared_legacy_text_is_recognised(text: str, encoding: str) -> None:
    assert decode(text.encode(encoding), "notes.txt") == text


def test_decode_short_undeclared_western_word() -> None:
    assert detect_encoding("caf\u00e9".encode("cp1252")) == "windows-1252"
    assert decode("caf\u00e9".encode("cp1252"), "x.txt") == "caf\u00e9"
