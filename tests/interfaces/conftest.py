"""Fixtures for the API and web tests: one analyzed store of the examples, live servers, a browser."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"


@pytest.fixture(scope="session")
def story_db(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> str:
    """The example story ingested and analyzed once per session (through the CLI's code path)."""
    from storyline.runner import ingest
    from storyline.store import open_store

    db = str(tmp_path_factory.mktemp("story") / "story.db")
    with open_store(db) as store:
        summary = ingest([str(examples_dir / "story")], store)
    assert summary.failed == 0, summary.failures
    return db


class LiveServer:
    """A uvicorn server running an app in a background thread on a free local port."""

    def __init__(self, app: object) -> None:
        import uvicorn

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server() -> type[LiveServer]:
    """The LiveServer class, for tests that serve an app of their own: ``with live_server(app) as s``."""
    return LiveServer


@pytest.fixture(scope="session")
def live_url(story_db: str) -> Iterator[str]:
    """Base URL of the app over the example store, served by uvicorn on 127.0.0.1."""
    from storyline.interfaces.api import create_app

    with LiveServer(create_app(story_db)) as server:
        yield server.url


@pytest.fixture(scope="session")
def linked_db(story_db: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A linked copy of the example store (stories, actors, series); ``story_db`` itself stays unlinked."""
    import sqlite3

    from storyline.link.linker import link_pending
    from storyline.store import open_store

    db = tmp_path_factory.mktemp("linked") / "linked.db"
    with sqlite3.connect(story_db) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    with open_store(str(db)) as store:
        report = link_pending(store)
    assert not report.failed
    return str(db)


@pytest.fixture(scope="session")
def linked_store(linked_db: str) -> Iterator[object]:
    """The linked example store, opened once for the read-only export and table tests."""
    from storyline.store import open_store

    with open_store(linked_db) as store:
        yield store


@pytest.fixture(scope="session")
def linked_url(linked_db: str) -> Iterator[str]:
    """Base URL of the app over the linked example store (stories, actors, series)."""
    from storyline.interfaces.api import create_app

    with LiveServer(create_app(linked_db)) as server:
        yield server.url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's chromium driven by Playwright (never a downloaded browser); skips when it is missing."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: run scripts/install-browser.sh to enable the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Where the browser tests save what a person would see (out/ is not committed)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
