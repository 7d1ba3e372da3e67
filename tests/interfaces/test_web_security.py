"""Hostile articles: markup, script and ``javascript:`` links in every field show as text and run nothing.

Two ways in: an article and analysis written to the store as they are (every
field hostile, spans on the payloads), and documents that go through the real
ingest path (an HTML page whose ld+json headline decodes to ``</script>…``,
a plain-text file). The pages are opened in the real browser, every
highlight is clicked, and the test fails on any dialog, console error, page
error, ``window.__pwned`` flag, inline script or event-handler attribute.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from storyline.interfaces.api import CONTENT_SECURITY_POLICY, create_app
from storyline.model import Article, Published
from storyline.runner import ingest
from storyline.store import open_store

RUN = "window.__pwned=1;alert(1)"
PAYLOADS = [
    f"<script>{RUN}</script>",
    f'<img src=x onerror="{RUN}">',
    f"</script><script>{RUN}</script>",
    f'"><svg onload="{RUN}">',
    f"'><iframe src=javascript:{RUN}>",
    f"javascript:{RUN}",
    "{{ 7*7 }}{% print 1 %}",
    "<!-- ]]> \u2028 \u2029 &amp;",
]
HOSTILE_ID = "0000hostile00000"


def _hostile_article() -> tuple[Article, dict[str, Any]]:
    text = "\n\n".join(f"Paragraph {i}: {p} was said." for i, p in enumerate(PAYLOADS))

    def span(p: str) -> list[int]:
        start = text.index(p)
        return [start, start + len(p)]

    article = Article(
        id=HOSTILE_ID,
        source=f"<script>{RUN}</script>.html",
        text=text,
        url=f"javascript:{RUN}",
        outlet=PAYLOADS[1],
        title=PAYLOADS[0] + PAYLOADS[2],
        byline=(PAYLOADS[3], PAYLOADS[4]),
        language='en"><script>window.__pwned=1</script>',
        published=Published("2025-03-12", "day", PAYLOADS[1]),
        links=(f"javascript:{RUN}",),
    )
    analysis = {
        "entities": [
            {
                "id": "e1",
                "name": PAYLOADS[1],
                "type": PAYLOADS[3],
                "roles": [{"title": PAYLOADS[0], "of": PAYLOADS[2], "span": span(PAYLOADS[0])}],
                "mentions": [{"span": span(p), "text": p} for p in PAYLOADS[:4]],
            },
        ],
        "quotes": [
            {
                "span": span(PAYLOADS[2]),
                "text": PAYLOADS[2],
                "kind": PAYLOADS[3],
                "cue": PAYLOADS[0],
                "confidence": 0.5,
                "speaker": {"entity": "e1", "name": PAYLOADS[2], "span": span(PAYLOADS[4])},
            },
        ],
        "figures": [
            {
                "span": span(PAYLOADS[5]),
                "value": PAYLOADS[0],
                "what": PAYLOADS[3],
                "where": PAYLOADS[1],
                "as_of": PAYLOADS[2],
                "qualifier": PAYLOADS[6],
                "source": {"name": PAYLOADS[0]},
            },
        ],
        "times": [{"span": span(PAYLOADS[6]), "text": PAYLOADS[6], "value": PAYLOADS[2], "precision": "day"}],
        "events": [
            {
                "span": span(PAYLOADS[7]),
                "type": PAYLOADS[0],
                "date": {"value": PAYLOADS[2]},
                "actors": [{"entity": "e1", "name": PAYLOADS[1]}],
                "where": PAYLOADS[3],
            }
        ],
        "stances": [{"span": span(PAYLOADS[3]), "actor": PAYLOADS[0], "topic": PAYLOADS[2], "stance": "for"}],
        "versions": {"model": PAYLOADS[0]},
    }
    return article, analysis


LD_JSON = (
    json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": f"</script><script>{RUN}</script> Dam breach",
            "datePublished": "2025-03-12T08:00:00+01:00",
            "author": {"@type": "Person", "name": f'<img src=x onerror="{RUN}">'},
            "publisher": {"@type": "Organization", "name": f"<b onmouseover={RUN}>Evil Post</b>"},
            "url": f"javascript:{RUN}",
        }
    )
    .replace("<", "\\u003c")
    .replace(">", "\\u003e")
)  # valid JSON inside the page; decodes to the markup

HOSTILE_PAGE = f"""<!doctype html>
<html><head><meta charset="utf-8">
<title>&lt;script&gt;{RUN}&lt;/script&gt; Flood reaches the town</title>
<meta property="og:site_name" content="&lt;img src=x onerror=&quot;{RUN}&quot;&gt;">
<link rel="canonical" href="javascript:{RUN}">
<script type="application/ld+json">{LD_JSON}</script>
<script>{RUN}</script>
</head><body><article>
<h1>&lt;script&gt;{RUN}&lt;/script&gt; Flood reaches the town</h1>
<p>The flood reached the town of Brannoch on Monday, the regional agency said. At least 12 people died,
officials said, and about 4,000 were evacuated from their homes near the river.</p>
<p>"We wrote &lt;script&gt;{RUN}&lt;/script&gt; on the wall," said Anna Berg, a resident who stayed.
<a href="javascript:{RUN}">Read more</a> <img src="x" onerror="{RUN}"></p>
<p>The mayor, Tomas Weil, said &lt;img src=x onerror="{RUN}"&gt; would not stop the rescue teams,
who worked through the night with two helicopters and a dozen boats.</p>
</article></body></html>
"""

HOSTILE_TEXT = f"""Evil Gazette

&lt;b&gt; Rescue teams reach the valley {PAYLOADS[3]}

Rescue teams reached the flooded valley on Tuesday, the agency said, as the toll rose to 19.
"{PAYLOADS[0]} is what they wrote," said Mara Holt, a volunteer in the town.
Officials said about 18,000 people had been displaced. {PAYLOADS[1]} {PAYLOADS[5]}
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, story_db: str, live_server: type) -> Iterator[dict]:
    """A server over a store holding only hostile articles; yields its URL and the article ids."""
    folder = tmp_path_factory.mktemp("hostile")
    db = str(folder / "hostile.db")
    (folder / "docs").mkdir()
    (folder / "docs" / "evil.html").write_text(HOSTILE_PAGE, encoding="utf-8")
    (folder / "docs" / "evil.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    article, analysis = _hostile_article()
    with open_store(db) as store:
        store.add(article, b"hostile original", analysis)
        summary = ingest([str(folder / "docs")], store)
        assert summary.failed == 0, summary.failures
        ids = [r.id for r in store.articles(limit=10)]
    assert len(ids) == 3
    with live_server(create_app(db)) as server:
        yield {"url": server.url, "ids": ids, "db": db}


def _watch(page: Any) -> list[str]:
    problems: list[str] = []
    page.on("console", lambda m: m.type in ("error", "warning") and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))

    def dialog(d: Any) -> None:
        problems.append(f"dialog: {d.message}")
        d.dismiss()

    page.on("dialog", dialog)
    return problems


def _nothing_ran(page: Any) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"
    scripts = page.evaluate(
        "Array.from(document.scripts).map(s => s.getAttribute('src') || 'inline:' + s.type)"
    )
    assert set(scripts) <= {"/static/storyline.js", "inline:application/json"}, scripts
    handlers = page.evaluate(
        "Array.from(document.querySelectorAll('*')).flatMap(e => Array.from(e.attributes)"
        ".filter(a => a.name.toLowerCase().startsWith('on')).map(a => e.tagName + ' ' + a.name))"
    )
    assert handlers == []
    bad_links = page.evaluate(
        "Array.from(document.querySelectorAll('[href],[src],[action]')).map(e => "
        "e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action'))"
        ".filter(u => !/^(\\/|#|https?:)/i.test(u.trim()))"
    )
    assert bad_links == []
    assert page.locator("iframe, svg[onload], img[onerror], object, embed").count() == 0


def test_hostile_articles_run_nothing_in_the_browser(browser: Any, hostile: dict, screenshots: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(5000)
    problems = _watch(page)
    base = hostile["url"]
    pages = ["/", "/?q=script", "/?q=pwned&outlet=" + PAYLOADS[1], f"/?entity={PAYLOADS[0]}"]
    pages += [f"/articles/{i}" for i in hostile["ids"]]
    missing = "/articles/%3Cscript%3Ealert(1)%3C%2Fscript%3E"
    pages += [f"/articles/{HOSTILE_ID}#span=0-40", missing]
    for path in pages:
        response = page.goto(base + path)
        if path == missing:
            # The browser logs the 404 status of the page itself; that one is expected.
            assert response is not None and response.status == 404
            assert problems.pop().endswith("status of 404 (Not Found)")
        _nothing_ran(page)
        for piece in page.locator("#text .hl").all()[:15]:
            piece.click()
        for link in page.locator(".facts details[open] a[data-fact]").all()[:8]:
            link.click()
        _nothing_ran(page)
    page.goto(f"{base}/articles/{HOSTILE_ID}")
    assert page.locator("#article-title").text_content() == PAYLOADS[0] + PAYLOADS[2]
    assert page.locator("#text").evaluate("t => t.textContent") == _hostile_article()[0].text
    assert page.locator("a.original").count() == 0, "a javascript: URL is never a link"
    page.locator('#text .hl[data-f~="q0"]').first.click()
    assert PAYLOADS[2] in page.locator("#panel").inner_text()
    page.screenshot(path=str(screenshots / "hostile-article-laptop.png"), full_page=True)
    context.close()
    assert problems == []


def test_content_security_policy_blocks_injected_inline_script(browser: Any, hostile: dict) -> None:
    context = browser.new_context()
    page = context.new_page()
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text))
    page.goto(f"{hostile['url']}/articles/{HOSTILE_ID}")
    ran = page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__inline = 1';"
        " document.body.appendChild(s); return typeof window.__inline; }"
    )
    context.close()
    assert ran == "undefined"
    assert any("Content Security Policy" in m for m in blocked)


def test_pages_escape_and_send_security_headers(hostile: dict) -> None:
    with httpx.Client(base_url=hostile["url"]) as client:
        for path in ("/", f"/articles/{HOSTILE_ID}", "/static/storyline.css", "/api/articles", "/nope"):
            headers = client.get(path).headers
            assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
            assert headers["x-content-type-options"] == "nosniff"
        html = client.get(f"/articles/{HOSTILE_ID}").text
    assert RUN in html  # the payload is shown …
    assert f"<script>{RUN}" not in html and "<img src=x" not in html and "<svg" not in html  # … as text
    embedded = html.split('<script type="application/json" id="facts">', 1)[1].split("</script>", 1)[0]
    assert "<" not in embedded and ">" not in embedded
    facts = json.loads(embedded)
    assert facts["q0"]["fields"][0] == ["speaker", PAYLOADS[2]]
    assert "{{ 7*7 }}{% print 1 %}" in html, "article text is never rendered as a template"
