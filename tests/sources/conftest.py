"""A local HTTP server on 127.0.0.1 serving fictional pages, feeds and failures for source tests."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from storyline.errors import SourceError
from storyline.model import RawDocument
from storyline.sources import FetchSettings

PAGE = (
    b"<!doctype html><html><head><title>Harbour bridge reopens</title></head>"
    b"<body><article><p>The fictional harbour bridge in Eastport reopened on Monday.</p>"
    b"</article></body></html>"
)
CP1252_TEXT = "Caf\u00e9 owners said \u201cprices rose\u201d by \u20ac2.".encode("cp1252")
MAX_BYTES = 4096


@dataclass
class Route:
    """One canned response."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    trickle: float = 0.0  # seconds between 1-byte writes; 0 writes at once


@dataclass
class LocalServer:
    """A running server: its base URL, its routes, and the User-Agents it saw."""

    base: str
    routes: dict[str, Route]
    agents: list[str]
    page: bytes = PAGE
    cp1252_text: bytes = CP1252_TEXT

    def url(self, path: str) -> str:
        """Return the absolute URL of ``path`` on this server."""
        return self.base + path


def _rss(items: str, title: str = "Eastport Gazette") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{title}</title><link>http://127.0.0.1/</link><description>d</description>"
        f"{items}</channel></rss>"
    ).encode()


def _routes(base: str) -> dict[str, Route]:
    html = {"Content-Type": "text/html; charset=utf-8"}
    return {
        "/page.html": Route(headers=html, body=PAGE),
        "/redirect": Route(302, {"Location": "/page.html"}),
        "/redirect-twice": Route(301, {"Location": base + "/redirect"}),
        "/loop": Route(302, {"Location": "/loop"}),
        "/to-file": Route(302, {"Location": "file:///etc/hostname"}),
        "/doc.pdf": Route(headers={"Content-Type": "application/pdf"}, body=b"%PDF-1.4\n%fictional\n"),
        "/pic.png": Route(headers={"Content-Type": "image/png"}, body=b"\x89PNG\r\n\x1a\n0000"),
        "/pdf-as-html": Route(headers=html, body=b"%PDF-1.4\n" + b"x" * 100),
        "/big-declared": Route(headers=html, body=b"<p>" + b"a" * (MAX_BYTES * 2) + b"</p>"),
        "/big-streamed": Route(headers={**html, "X-No-Length": "1"}, body=b"<p>" + b"b" * (MAX_BYTES * 2)),
        "/bomb": Route(
            headers={**html, "Content-Encoding": "gzip"}, body=gzip.compress(b" " * (MAX_BYTES * 50))
        ),
        "/zipped.html": Route(headers={**html, "Content-Encoding": "gzip"}, body=gzip.compress(PAGE)),
        "/cp1252.txt": Route(headers={"Content-Type": "text/plain; charset=windows-1252"}, body=CP1252_TEXT),
        "/bare": Route(headers={"X-No-Type": "1"}, body=PAGE),
        "/empty": Route(headers=html, body=b""),
        "/slow": Route(headers={**html, "X-No-Length": "1"}, body=PAGE, trickle=0.05),
        "/feed-full.rss": Route(
            headers={"Content-Type": "application/rss+xml"},
            body=_rss(
                "<item><title>Ferry timetable changes</title><link>http://127.0.0.1/ferry</link>"
                "<pubDate>Tue, 09 Jan 2024 08:00:00 GMT</pubDate>"
                "<content:encoded><![CDATA[<p>The Eastport ferry will run every hour.</p>]]>"
                "</content:encoded></item>"
                "<item><title>Library opens</title><link>http://127.0.0.1/library</link>"
                "<content:encoded><![CDATA[<p>A new library opened in Westbay.</p>]]></content:encoded>"
                "</item>"
            ),
        ),
        "/feed-links.xml": Route(
            headers={"Content-Type": "text/xml"},
            body=_rss(
                "<item><title>Relative link</title><link>/page.html</link></item>"
                f"<item><title>Absolute link</title><link>{base}/cp1252.txt</link></item>"
                "<item><title>Gone</title><link>/missing</link></item>"
                "<item><title>Local file</title><link>file:///etc/hostname</link></item>"
                "<item><title>A PDF</title><link>/doc.pdf</link></item>",
                title="Westbay Herald",
            ),
        ),
        "/not-a-feed.rss": Route(headers={"Content-Type": "application/rss+xml"}, body=b"no feed, sorry"),
        "/articles.jsonl": Route(
            headers={"Content-Type": "application/x-ndjson"},
            body=b'{"url": "http://127.0.0.1/a", "text": "One fictional article."}\n{oops\n',
        ),
    }


def _handler(routes: dict[str, Route], agents: list[str]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def do_GET(self) -> None:
            agents.append(self.headers.get("User-Agent", ""))
            route = routes.get(self.path) or Route(404, {"Content-Type": "text/html"}, b"<p>not found</p>")
            self.send_response(route.status)
            for key, value in route.headers.items():
                if not key.startswith("X-"):
                    self.send_header(key, value)
            if "X-No-Length" not in route.headers:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            try:
                if route.trickle:
                    for i in range(len(route.body)):
                        self.wfile.write(route.body[i : i + 1])
                        self.wfile.flush()
                        time.sleep(route.trickle)
                else:
                    self.wfile.write(route.body)
            except OSError:
                pass  # the client gave up early, as a size cap or deadline makes it do

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture(scope="session")
def server() -> Iterator[LocalServer]:
    """Serve the canned routes on 127.0.0.1 on a free port for the whole session."""
    routes: dict[str, Route] = {}
    agents: list[str] = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(routes, agents))
    httpd.daemon_threads = True
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    routes.update(_routes(base))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield LocalServer(base, routes, agents)
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def settings() -> FetchSettings:
    """Small limits, so size and time caps are cheap to reach."""
    return FetchSettings(timeout=2.0, max_bytes=MAX_BYTES, max_document_bytes=MAX_BYTES * 4)


@pytest.fixture
def free_port() -> int:
    """Return a port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _split(items: Iterable[object]) -> tuple[list[RawDocument], list[SourceError]]:
    docs: list[RawDocument] = []
    errors: list[SourceError] = []
    for item in items:
        if isinstance(item, SourceError):
            errors.append(item)
        else:
            assert isinstance(item, RawDocument)
            docs.append(item)
    return docs, errors


@pytest.fixture
def split() -> Callable[[Iterable[object]], tuple[list[RawDocument], list[SourceError]]]:
    """Return a function splitting iter_documents output into (documents, errors)."""
    return _split
