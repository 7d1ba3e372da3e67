"""HTML extraction keeps the article body and metadata and drops page furniture."""

from __future__ import annotations

import html
import re

import pytest

from storyline.extract import extract
from storyline.extract.html_page import clean_paragraphs, looks_like_html
from storyline.model import Published, RawDocument

BODY = (
    "The Lindqvist footbridge over the Vell estuary reopened on Tuesday morning after eleven months of "
    "repairs, and the first walkers crossed it before the council&#8217;s ribbon had even been cut.",
    "Engineers replaced forty-two corroded hangers and resurfaced the whole deck with a lighter composite, "
    "which the works director, Halvard Ostby, said would add &ldquo;at least thirty years&rdquo; "
    "to its life.",
    "The closure had forced commuters from the northern villages onto a ferry that ran only twice an hour, "
    "and shop owners on the quay said their takings fell by a third over the winter &amp; spring.",
    "The repairs cost 14.2 million crowns, slightly under the budget approved in the spring, according to "
    "figures the council published alongside the reopening notice on its website.",
    "Cyclists will have to wait a little longer: a separate lane on the eastern side stays closed until the "
    "paint has cured, which the contractor expects to take another three weeks if the weather holds.",
    "Residents who gathered at the southern ramp said they had missed the view more than the shortcut, and "
    "several brought thermos flasks to toast the bridge as the morning fog lifted off the water.",
)
FURNITURE = (
    "Skip to content",
    "We use cookies to improve your experience",
    "Accept all cookies",
    "Advertisement",
    "Ferry timetable changes for the summer season",
    "Council votes on new harbour parking fees",
    "Subscribe to our morning newsletter",
    "All rights reserved",
)

PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Footbridge over the Vell reopens after repairs | The Estuary Courier</title>
<meta property="og:site_name" content="The Estuary Courier">
<meta property="og:title" content="Footbridge over the Vell reopens after repairs">
<link rel="canonical" href="https://courier.example/news/footbridge-reopens">
<script type="application/ld+json">
{{"@context": "https://schema.org", "@type": "NewsArticle",
  "headline": "Footbridge over the Vell reopens after repairs",
  "datePublished": "2023-03-14T09:30:00+01:00", "dateModified": "2023-03-15T08:00:00+01:00",
  "author": {{"@type": "Person", "name": "Mara Quillon"}},
  "publisher": {{"@type": "Organization", "name": "The Estuary Courier"}}}}
</script>
<style>.banner {{ color: red; }}</style>
</head>
<body>
<a href="#main" class="skip-link">Skip to content</a>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience.</p>
<button>Accept all cookies</button></div>
<header><nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav></header>
<div class="ad advertisement"><span>Advertisement</span></div>
<main id="main"><article>
<h1>Footbridge over the Vell reopens after repairs</h1>
<p class="byline">By <span class="author">Mara Quillon</span></p>
<time datetime="2023-03-14T09:30:00+01:00">14 March 2023</time>
<div class="article-body">
{"".join(f"<p>{p}</p>" for p in BODY)}
</div>
</article></main>
<aside class="related-articles"><h2>Related</h2><ul>
<li><a href="/a">Ferry timetable changes for the summer season</a></li>
<li><a href="/b">Council votes on new harbour parking fees</a></li></ul></aside>
<div class="newsletter-signup"><p>Subscribe to our morning newsletter</p></div>
<footer><p>&copy; 2023 The Estuary Courier. All rights reserved.</p></footer>
</body></html>
"""

URL = "https://courier.example/news/footbridge-reopens"


@pytest.fixture(scope="module")
def article():
    doc = RawDocument(source="page.html", content=PAGE.encode("utf-8"), url=URL, media_type="text/html")
    return extract(doc)


def test_html_page_text_is_exactly_the_body_paragraphs(article):
    assert article.text == "\n\n".join(html.unescape(p) for p in BODY)


def test_html_page_drops_furniture_and_headline(article):
    for junk in FURNITURE:
        assert junk not in article.text
    assert not article.text.startswith("Footbridge over the Vell")
    assert "\n\n\n" not in article.text and "\n" not in article.text.replace("\n\n", "")


def test_html_page_metadata(article):
    assert article.title == "Footbridge over the Vell reopens after repairs"
    assert article.byline == ("Mara Quillon",)
    assert article.outlet == "The Estuary Courier"
    assert article.published == Published("2023-03-14", "day", "meta")
    assert article.format == "html"
    assert article.language == "en"


def test_html_page_offsets_point_at_the_words_entities_included(article):
    words = list(re.finditer(r"\S+", article.text))
    ok = 0
    for m in words:
        start, end = article.offsets.span_to_original(m.start(), m.end())
        source = html.unescape(re.sub(r"<[^>]*>", "", PAGE[start:end]))
        ok += source == m.group()
    assert ok == len(words)
    # The words written with entities map to the whole entity in the page.
    for word, source in (("council’s", "council&#8217;s"), ("“at", "&ldquo;at"), ("life.", "life.")):
        at = article.text.index(word)
        start, end = article.offsets.span_to_original(at, at + len(word))
        assert PAGE[start:end].startswith(source)
    at = article.text.index("&")
    assert PAGE[slice(*article.offsets.span_to_original(at, at + 1))] == "&"


def test_clean_paragraphs_drops_generic_furniture_lines():
    text = "\n".join(
        [
            "A headline for the story",
            "Monday, 6 March 2023 at 10:15",
            "Watch: the mayor opens the bridge",
            "Duration 1:42",
            "The first real paragraph of the story.",
            "Related: Another story somebody wants you to click",
            "Advertisement",
            "Read more",
            "The second real paragraph, quoting someone at length.Click To Tweet",
            "Most read in world news",
            "A teaser headline [VIDEO]",
            "The last real paragraph of the story.",
            "(Reporting by Somebody Else; Editing by Another Person)",
        ]
    )
    assert clean_paragraphs(text, "A headline for the story") == [
        "The first real paragraph of the story.",
        "The second real paragraph, quoting someone at length.",
        "The last real paragraph of the story.",
    ]


def test_clean_paragraphs_keeps_sentences_that_mention_dates_and_titles():
    text = "\n".join(
        [
            "A headline for the story",
            "On 6 March 2023 at 10:15 the council met.",
            "The mayor called it a mistake [sic]",
            "More than forty people came.",
        ]
    )
    assert clean_paragraphs(text, "Another title") == text.split("\n")


def test_looks_like_html():
    assert looks_like_html("<!doctype html><html><body>x</body></html>")
    assert looks_like_html("plain words", "text/html; charset=utf-8")
    assert not looks_like_html("Plain text with a <b>bold</b> word.")
