"""POST /api/ingest: raw text, uploads and URLs through the CLI's code path; tokens; refusals."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from storyline.interfaces.api import create_app
from storyline.store import open_store

TOKEN = "t0ken-for-tests"
BODY = (
    "Officials in the river town said on Tuesday that the new bridge would open next month. "
    "“We are ready,” the mayor said. About 300 workers finished the deck in six weeks."
)


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, story_db: str, live_server: type
) -> Iterator[tuple[str, str]]:
    """A guarded server over an empty store (the session store built first so the model is loaded)."""
    db = str(tmp_path_factory.mktemp("ingest") / "ingest.db")
    with live_server(create_app(db, token=TOKEN)) as live:
        yield live.url, db


@pytest.fixture()
def client(server: tuple[str, str]) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server[0], timeout=120, headers={"Authorization": f"Bearer {TOKEN}"}) as c:
        yield c


def count(db: str) -> int:
    with open_store(db) as store:
        return store.count()


def test_raw_text_is_ingested_once_with_its_metadata(client: httpx.Client) -> None:
    doc = {
        "text": BODY,
        "title": "Bridge to open",
        "published": "2025-04-01",
        "outlet": "Test Gazette",
        "url": "https://gazette.example/bridge",
    }
    first = client.post("/api/ingest", json=doc)
    assert first.status_code == 201, first.text
    outcome = first.json()["outcomes"][0]
    assert outcome["status"] == "new" and first.json()["counts"]["new"] == 1
    article = client.get(f"/api/articles/{outcome['article_id']}").json()
    assert (article["title"], article["outlet"], article["published"]["value"]) == (
        "Bridge to open",
        "Test Gazette",
        "2025-04-01",
    )
    assert article["url"] == "https://gazette.example/bridge"
    assert article["analysis"] is not None and article["analysis"]["quotes"]
    again = client.post("/api/ingest", json=doc)
    assert again.status_code == 200 and again.json()["outcomes"][0]["status"] == "unchanged"


def test_uploaded_file_is_read_from_memory(client: httpx.Client, examples_dir: Path) -> None:
    page = next(p for p in sorted((examples_dir / "story").iterdir()) if p.suffix == ".html")
    files = {"file": (page.name, page.read_bytes(), "text/html")}
    response = client.post("/api/ingest", files=files)
    assert response.status_code == 201, response.text
    article_id = response.json()["outcomes"][0]["article_id"]
    article = client.get(f"/api/articles/{article_id}").json()
    assert article["title"] and article["analysis"]["entities"]
    assert client.post("/api/ingest", files=files).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "/etc/passwd",
        "../storyline.db",
        "ftp://example.org/x",
        "javascript:alert(1)",
        "http://",
        "http:/etc/passwd",
        " https://example.org",
        "https://exa mple.org/",
    ],
)
def test_urls_that_are_not_web_addresses_are_refused(
    client: httpx.Client, server: tuple[str, str], url: str
) -> None:
    before = count(server[1])
    response = client.post("/api/ingest", json={"url": url})
    assert response.status_code == 400
    assert "http(s)" in response.json()["error"]
    assert client.post("/api/ingest", json={"text": BODY + " Again.", "url": url}).status_code == 400
    assert count(server[1]) == before


def test_url_is_fetched_and_ingested(client: httpx.Client, examples_dir: Path) -> None:
    page = next(p for p in sorted((examples_dir / "story").iterdir()) if p.suffix == ".html")
    content = page.read_bytes()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/news/story.html"
        response = client.post("/api/ingest", json={"url": url})
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert response.status_code in (200, 201), response.text
    outcome = response.json()["outcomes"][0]
    assert outcome["document"] == url and outcome["article_id"]


def test_writes_need_the_token(server: tuple[str, str]) -> None:
    url, db = server
    before = count(db)
    with httpx.Client(base_url=url, timeout=60) as anonymous:
        missing = anonymous.post("/api/ingest", json={"text": BODY})
        wrong = anonymous.post("/api/ingest", json={"text": BODY}, headers={"Authorization": "Bearer nope"})
        basic = anonymous.post("/api/ingest", json={"text": BODY}, headers={"Authorization": "Basic dTpw"})
        read = anonymous.get("/api/articles")
    for response in (missing, wrong, basic):
        assert response.status_code == 401 and response.json()["error"]
    assert read.status_code == 200
    assert count(db) == before


def test_cross_origin_writes_are_refused(client: httpx.Client) -> None:
    response = client.post("/api/ingest", json={"text": BODY}, headers={"Origin": "https://evil.example"})
    assert response.status_code == 403 and response.json()["error"]


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"content": b"just text", "headers": {"Content-Type": "text/plain"}}, 415),
        ({"content": b"{not json", "headers": {"Content-Type": "application/json"}}, 400),
        ({"json": ["a list"]}, 400),
        ({"json": {"text": BODY, "path": "/etc/passwd"}}, 400),
        ({"json": {"text": 42}}, 400),
        ({"json": {}}, 400),
        ({"json": {"text": "a", "html": "<p>b</p>"}}, 400),
        ({"content": b"--x\r\n\r\n", "headers": {"Content-Type": "multipart/form-data; boundary=x"}}, 400),
        ({"files": {"other": ("a.txt", b"hello")}}, 400),
        ({"json": {"text": "   "}}, 422),
    ],
)
def test_bad_requests_get_a_json_error(client: httpx.Client, kwargs: dict, status: int) -> None:
    response = client.post("/api/ingest", **kwargs)
    assert response.status_code == status, response.text
    assert response.json()["error"]


def test_oversized_bodies_are_refused(
    tmp_path: Path, live_server: type, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STORYLINE_FETCH_MAX_BYTES", "2000")
    with live_server(create_app(str(tmp_path / "small.db"))) as live, httpx.Client(base_url=live.url) as c:
        response = c.post("/api/ingest", json={"text": "word " * 1000})
        assert response.status_code == 413 and "2000" in response.json()["error"]


def test_a_server_for_others_does_not_fetch_its_own_network(tmp_path: Path, live_server: type) -> None:
    app = create_app(str(tmp_path / "public.db"), public_only=True)
    with live_server(app) as live, httpx.Client(base_url=live.url) as c:
        response = c.post("/api/ingest", json={"url": f"{live.url}/api/articles"})
    assert response.status_code in (400, 422), response.text
    assert "not a public address" in response.text
