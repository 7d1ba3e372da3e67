"""RSS/Atom feeds, local and served: full-content items, link-only items, refusals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storyline.sources import FetchSettings, iter_documents
from storyline.sources.feeds import outlet_name

RSS_FULL = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Northfield Courier</title><link>https://northfield.example/</link><description>d</description>
<item><title>Orchard harvest</title><link>https://northfield.example/orchard</link>
<pubDate>Wed, 10 Jan 2024 07:30:00 GMT</pubDate>
<description>Short teaser only.</description>
<content:encoded><![CDATA[<p>The orchard co-operative in Northfield picked a record crop.</p>]]>
</content:encoded>
</item>
<item><title>Teaser without body</title><link>file:///etc/hostname</link>
<description>Only a teaser.</description></item>
<item><title>No link and no body</title></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Southport Ledger</title><id>urn:x</id>
<updated>2024-02-01T00:00:00Z</updated>
<entry><title>Tide gauge</title><id>urn:x:1</id><link href="https://southport.example/tide"/>
<updated>2024-02-01T09:00:00Z</updated>
<content type="html">&lt;p&gt;The tide gauge at Southport was repaired.&lt;/p&gt;</content></entry>
</feed>
"""


def test_feeds_full_content_items_become_documents(
    tmp_path: Path, settings: FetchSettings, split: Any
) -> None:
    path = tmp_path / "courier.rss"
    path.write_text(RSS_FULL, encoding="utf-8")
    docs, errors = split(iter_documents([str(path)], settings=settings))
    assert len(docs) == 1
    doc = docs[0]
    assert b"record crop" in doc.content and b"teaser" not in doc.content
    assert doc.media_type == "text/html"
    assert doc.url == "https://northfield.example/orchard"
    assert (doc.title, doc.outlet) == ("Orchard harvest", "Northfield Courier")
    assert doc.published and "2024" in doc.published
    assert doc.source == f"{path}#item-1"
    # A teaser-only item whose link is a local file is refused, never read.
    assert [e.document for e in errors] == [f"{path}#item-2", f"{path}#item-3"]
    assert "not http(s)" in errors[0].problem
    assert "neither" in errors[1].problem


def test_feeds_atom_is_detected_by_content(tmp_path: Path, settings: FetchSettings, split: Any) -> None:
    path = tmp_path / "ledger"  # no extension: the content says it is a feed
    path.write_text(ATOM, encoding="utf-8")
    docs, errors = split(iter_documents([str(path)], settings=settings))
    assert not errors
    assert [(d.title, d.outlet, d.url) for d in docs] == [
        ("Tide gauge", "Southport Ledger", "https://southport.example/tide")
    ]
    assert b"tide gauge" in docs[0].content.lower()


def test_feeds_file_that_is_not_xml_is_refused(tmp_path: Path, settings: FetchSettings, split: Any) -> None:
    path = tmp_path / "broken.rss"
    path.write_text("this is no feed at all\n", encoding="utf-8")
    docs, errors = split(iter_documents([str(path)], settings=settings))
    assert not docs
    assert str(errors[0]).startswith(f"{path}: not an RSS/Atom feed")
    assert "\n" not in str(errors[0])


def test_feeds_xml_that_is_not_a_feed_is_refused(tmp_path: Path, settings: FetchSettings, split: Any) -> None:
    path = tmp_path / "data.xml"
    path.write_text('<?xml version="1.0"?><catalog><book id="1"/></catalog>', encoding="utf-8")
    _, errors = split(iter_documents([str(path)], settings=settings))
    assert "not an RSS/Atom feed" in errors[0].problem


def test_feeds_served_feed_with_full_content(server: Any, settings: FetchSettings, split: Any) -> None:
    url = server.url("/feed-full.rss")
    docs, errors = split(iter_documents([url], settings=settings))
    assert not errors
    assert [d.title for d in docs] == ["Ferry timetable changes", "Library opens"]
    assert {d.outlet for d in docs} == {"Eastport Gazette"}
    assert [d.source for d in docs] == [f"{url}#item-1", f"{url}#item-2"]
    assert all(d.fetched_at for d in docs)


def test_feeds_served_feed_links_are_fetched_from_the_server(
    server: Any, settings: FetchSettings, split: Any
) -> None:
    url = server.url("/feed-links.xml")
    docs, errors = split(iter_documents([url], settings=settings))
    # The relative link resolves against the feed's own URL.
    assert [d.url for d in docs] == [server.url("/page.html"), server.url("/cp1252.txt")]
    assert docs[0].content == server.page
    assert (docs[0].title, docs[0].outlet) == ("Relative link", "Westbay Herald")
    assert docs[1].charset == "windows-1252"
    problems = {e.document: e.problem for e in errors}
    assert "HTTP 404" in problems[server.url("/missing")]
    assert "application/pdf" in problems[server.url("/doc.pdf")]
    assert any("not http(s)" in p for p in problems.values())
    assert len(errors) == 3


def test_feeds_served_non_feed_is_refused(server: Any, settings: FetchSettings, split: Any) -> None:
    url = server.url("/not-a-feed.rss")
    docs, errors = split(iter_documents([url], settings=settings))
    assert not docs
    assert str(errors[0]).startswith(f"{url}: not an RSS/Atom feed")


@pytest.mark.parametrize(
    ("title", "site", "outlet"),
    [
        ("Northfield Courier – Local news", "https://www.northfieldcourier.example/", "Northfield Courier"),
        ("Sport | The Southport Ledger", "https://southportledger.example/sport", "The Southport Ledger"),
        ("Latest: stories", "https://northfield.example/", "Latest: stories"),  # no part names the site
        ("Westbay Herald", "https://westbay.example/", "Westbay Herald"),
    ],
)
def test_feeds_outlet_is_the_title_part_naming_the_site(title: str, site: str, outlet: str) -> None:
    assert outlet_name(title, site) == outlet
