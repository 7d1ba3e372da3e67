"""A 50 MB page: bloat is stripped and the article extracted; real 50 MB of markup is refused."""

from __future__ import annotations

import pytest

from storyline.errors import ExtractError
from storyline.extract import extract
from storyline.model import RawDocument

ARTICLE = "<article><h1>Council approves flood barrier</h1>" + "".join(
    f"<p>The council met on Tuesday to discuss barrier section {i} and what it would cost the town.</p>"
    for i in range(12)
) + "</article>"


def test_fifty_megabyte_page_of_scripts_and_inline_images_is_extracted() -> None:
    script = "<script>var x='" + "A" * 25_000_000 + "';</script>"
    bloat = script + "<img src='data:image/png;base64," + "QUJD" * 6_000_000
    html = f"<!doctype html><html><head><title>Barrier</title></head><body>{bloat}'>{ARTICLE}</body></html>"
    assert len(html) > 49_000_000
    article = extract(RawDocument(source="big.html", content=html.encode()))
    assert "barrier section 11" in article.text
    assert "AAAA" not in article.text
    start = article.text.index("barrier section 11")
    assert html[article.offsets.to_original(start)] == "b"


def test_fifty_megabytes_of_real_markup_is_refused_with_a_one_line_error() -> None:
    para = "<p>" + "The council met again on Tuesday to discuss the flood barrier. " * 5 + "</p>\n"
    html = "<html><body><article>" + para * (50_000_000 // len(para)) + "</article></body></html>"
    with pytest.raises(ExtractError) as err:
        extract(RawDocument(source="huge.html", content=html.encode()))
    message = str(err.value)
    assert message.startswith("huge.html: HTML page too large")
    assert "\n" not in message
