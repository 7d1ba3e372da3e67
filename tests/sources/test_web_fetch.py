"""Fetching http(s) URLs from a local server: redirects, errors, types, caps, charsets."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from storyline.errors import SourceError
from storyline.model import RawDocument
from storyline.sources import FetchSettings, fetch, iter_documents


def _error(server_url: str, settings: FetchSettings) -> SourceError:
    with pytest.raises(SourceError) as caught:
        fetch(server_url, settings)
    message = str(caught.value)
    assert message.startswith(server_url + ": ")
    assert "\n" not in message
    return caught.value


def test_web_fetch_page_records_type_time_and_agent(server: Any, settings: FetchSettings) -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    doc = fetch(server.url("/page.html"), settings)
    assert doc.content == server.page
    assert doc.media_type == "text/html"
    assert doc.charset == "utf-8"
    assert doc.source == doc.url == server.url("/page.html")
    fetched = datetime.fromisoformat(doc.fetched_at or "")
    assert fetched.utcoffset() is not None and fetched.utcoffset().total_seconds() == 0
    assert before <= fetched <= datetime.now(UTC)
    assert "storyline" in server.agents[-1]


def test_web_fetch_follows_redirects_and_records_final_url(
    server: Any, settings: FetchSettings
) -> None:
    doc = fetch(server.url("/redirect-twice"), settings)
    assert doc.content == server.page
    assert doc.source == server.url("/redirect-twice")
    assert doc.url == server.url("/page.html")


def test_web_fetch_http_404_is_a_source_error(server: Any, settings: FetchSettings) -> None:
    assert "HTTP 404" in _error(server.url("/missing"), settings).problem


def test_web_fetch_redirect_loop_is_a_source_error(server: Any, settings: FetchSettings) -> None:
    assert "redirect" in _error(server.url("/loop"), settings).problem


def test_web_fetch_refuses_redirect_to_a_local_file(server: Any, settings: FetchSettings) -> None:
    err = _error(server.url("/to-file"), settings)
    assert "file:///etc/hostname" in err.problem and "refused" in err.problem


@pytest.mark.parametrize(("path", "media_type"), [("/doc.pdf", "application/pdf"), ("/pic.png", "image/png")])
def test_web_fetch_refuses_unsupported_content_types(
    server: Any, settings: FetchSettings, path: str, media_type: str
) -> None:
    err = _error(server.url(path), settings)
    assert f"unsupported content type {media_type}" in err.problem


def test_web_pdf_bytes_labelled_html_are_refused(server: Any, settings: FetchSettings) -> None:
    _, errors = _run([server.url("/pdf-as-html")], settings)
    assert "application/pdf" in errors[0].problem


@pytest.mark.parametrize("path", ["/big-declared", "/big-streamed", "/bomb"])
def test_web_fetch_stops_at_the_size_cap(server: Any, settings: FetchSettings, path: str) -> None:
    err = _error(server.url(path), settings)
    assert "larger than fetch_max_bytes" in err.problem


def test_web_fetch_inflates_gzip_responses(server: Any, settings: FetchSettings) -> None:
    assert fetch(server.url("/zipped.html"), settings).content == server.page


def test_web_fetch_keeps_the_declared_charset(server: Any, settings: FetchSettings) -> None:
    doc = fetch(server.url("/cp1252.txt"), settings)
    assert doc.content == server.cp1252_text
    assert doc.media_type == "text/plain"
    assert doc.charset == "windows-1252"


def test_web_fetch_sniffs_a_response_without_content_type(
    server: Any, settings: FetchSettings
) -> None:
    assert fetch(server.url("/bare"), settings).media_type == "text/html"


def test_web_fetch_empty_body_is_a_source_error(server: Any, settings: FetchSettings) -> None:
    assert "empty" in _error(server.url("/empty"), settings).problem


def test_web_fetch_gives_up_at_the_overall_deadline(server: Any, settings: FetchSettings) -> None:
    # The page trickles in a byte at a time: no single read times out, the whole fetch must.
    started = time.monotonic()
    err = _error(server.url("/slow"), replace(settings, timeout=0.5))
    assert "timed out" in err.problem
    assert time.monotonic() - started < 3


def test_web_fetch_unreachable_host_is_a_source_error(free_port: int, settings: FetchSettings) -> None:
    url = f"http://127.0.0.1:{free_port}/page.html"
    err = _error(url, settings)
    assert "cannot connect" in err.problem


def test_web_iter_documents_continues_after_failures(
    server: Any, settings: FetchSettings, free_port: int
) -> None:
    urls = [server.url("/missing"), f"http://127.0.0.1:{free_port}/", server.url("/page.html")]
    docs, errors = _run(urls, settings)
    assert [d.url for d in docs] == [server.url("/page.html")]
    assert [e.document for e in errors] == urls[:2]


def test_web_jsonl_response_yields_records_and_line_errors(
    server: Any, settings: FetchSettings
) -> None:
    url = server.url("/articles.jsonl")
    docs, errors = _run([url], settings)
    assert [d.source for d in docs] == [f"{url}:1"]
    assert [e.document for e in errors] == [f"{url}:2"]


def test_web_refuses_other_url_schemes(settings: FetchSettings) -> None:
    _, errors = _run(["file:///etc/hostname", "ftp://127.0.0.1/x.html"], settings)
    assert [e.document for e in errors] == ["file:///etc/hostname", "ftp://127.0.0.1/x.html"]
    assert all("unsupported URL scheme" in e.problem for e in errors)



def _run(inputs: list[str], settings: FetchSettings) -> tuple[list[RawDocument], list[SourceError]]:
    items = list(iter_documents(inputs, settings=settings))
    docs = [i for i in items if isinstance(i, RawDocument)]
    return docs, [i for i in items if isinstance(i, SourceError)]


def test_web_fetch_public_only_refuses_this_machine(server: Any, settings: FetchSettings) -> None:
    err = _error(server.url("/page.html"), replace(settings, public_only=True))
    assert "127.0.0.1 is not a public address" in err.problem
    assert fetch(server.url("/page.html"), settings).content == server.page  # the CLI user may


@pytest.mark.parametrize(
    ("peer", "public"),
    [
        ("93.184.215.14", True),
        ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", True),
        ("10.1.2.3", False),
        ("192.168.0.10", False),
        ("169.254.169.254", False),  # cloud metadata
        ("::1", False),
        ("fe80::1%eth0", False),
        ("::ffff:127.0.0.1", False),
        ("0.0.0.0", False),
    ],
)
def test_web_public_only_checks_the_connected_peer(peer: str, public: bool) -> None:
    from storyline.sources import web

    class Peer:
        closed = False

        def getpeername(self) -> tuple[str, int]:
            return peer, 80

        def close(self) -> None:
            self.closed = True

    sock = Peer()
    if public:
        web._check_peer(sock)  # type: ignore[arg-type]
        assert not sock.closed
    else:
        with pytest.raises(OSError):
            web._check_peer(sock)  # type: ignore[arg-type]
        assert sock.closed
