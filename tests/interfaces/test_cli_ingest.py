"""The ingest command end to end: examples, idempotence, bad input, kill and resume."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storyline.store import open_store

CLI = [sys.executable, "-m", "storyline"]


def run(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CLI, *args],
        input=stdin,
        capture_output=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "200", **(env or {})},
    )


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> tuple[Path, str, dict]:
    """The examples ingested (and analyzed) once: the database, the run's stderr and the store's dump."""
    db = tmp_path_factory.mktemp("examples") / "s.db"
    res = run("ingest", str(examples_dir / "story"), "--db", str(db), "--quiet")
    assert res.returncode == 0, res.stderr.decode()
    with open_store(str(db)) as store:
        return db, res.stderr.decode(), store.dump()


def test_ingest_examples_then_again_is_unchanged(tmp_path: Path, examples_dir: Path, examples_db) -> None:
    source, stderr, before = examples_db
    stored = len(before["tables"]["articles"])
    assert stored >= 10
    assert f"{stored} ingested" in stderr
    assert len(before["tables"]["analyses"]) == stored
    db = tmp_path / "copy.db"
    shutil.copy(source, db)
    second = run("ingest", str(examples_dir / "story"), "--db", str(db), "--quiet")
    assert second.returncode == 0
    assert "0 ingested" in second.stderr.decode()
    assert f"{stored} unchanged" in second.stderr.decode()
    with open_store(str(db)) as store:
        assert store.dump() == before


def test_db_from_environment(tmp_path: Path, examples_dir: Path) -> None:
    db = tmp_path / "env.db"
    page = next(p for p in sorted((examples_dir / "story").iterdir()) if p.suffix == ".html")
    res = run("ingest", str(page), "--quiet", env={"STORYLINE_DB": str(db)})
    assert res.returncode == 0, res.stderr.decode()
    listing = run("articles", env={"STORYLINE_DB": str(db)})
    assert "1 articles" in listing.stdout.decode()


def test_changed_version_of_same_url_is_a_new_version(
    tmp_path: Path, examples_dir: Path, examples_db
) -> None:
    db = tmp_path / "v.db"
    shutil.copy(examples_db[0], db)
    updates = sorted((examples_dir / "updates").iterdir())
    assert updates, "examples/updates holds a corrected version of one article"
    with open_store(str(db)) as store:
        count = store.count()
    res = run("ingest", str(updates[0]), "--db", str(db), "--quiet")
    assert res.returncode == 0, res.stderr.decode()
    assert "1 new versions" in res.stderr.decode()
    with open_store(str(db)) as store:
        assert store.count() == count


def test_bad_inputs_are_reported_and_the_rest_ingested(tmp_path: Path, examples_dir: Path) -> None:
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.bin").write_bytes(bytes(range(256)) * 8)
    (bad / "truncated.html.gz").write_bytes(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xf3H\xcd")
    (bad / "feed.rss").write_bytes(b"this is { not xml")
    good = next(p for p in sorted((examples_dir / "story").iterdir()) if p.suffix == ".html")
    (bad / "good.html").write_bytes(good.read_bytes())
    res = run("ingest", str(bad), "--db", str(tmp_path / "b.db"), "--quiet")
    err = res.stderr.decode()
    assert res.returncode == 1
    assert "1 ingested" in err and "4 failed" in err
    failed_lines = [line for line in err.splitlines() if line.startswith(str(bad))]
    assert len(failed_lines) == 4
    assert all(":" in line and "\n" not in line for line in failed_lines)


def test_analyze_prints_one_record_per_article_without_a_store(tmp_path: Path, examples_dir: Path) -> None:
    page = next(p for p in sorted((examples_dir / "story").iterdir()) if p.suffix == ".html")
    res = subprocess.run(
        [*CLI, "analyze", str(page), "--json"], capture_output=True, timeout=300, cwd=tmp_path
    )
    assert res.returncode == 0, res.stderr.decode()
    records = [json.loads(line) for line in res.stdout.decode().splitlines()]
    assert len(records) == 1
    rec = records[0]
    assert rec["source"] == str(page)
    for key in ("id", "outlet", "title", "byline", "language", "published", "text"):
        assert key in rec
    assert not list(tmp_path.glob("*.db"))


def _corpus(folder: Path, examples_dir: Path, copies: int) -> Path:
    """Many distinct HTML pages: the examples under new URLs, each with a numbered paragraph."""
    folder.mkdir()
    pages = [p for p in sorted((examples_dir / "story").iterdir()) if p.suffix == ".html"]
    for i in range(copies):
        for page in pages:
            html = page.read_text(encoding="utf-8")
            marker = f"<p>Correction number {i} to this report was issued by the desk on day {i}.</p>"
            html = html.replace("</article>", marker + "</article>", 1)
            canonical = re.search(r'rel="canonical" href="([^"]+)"', html)
            assert canonical, f"{page.name} has a canonical link"
            html = html.replace(canonical.group(1), canonical.group(1) + f"-copy-{i}")
            (folder / f"{i:03d}-{page.name}").write_text(html, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def kill_corpus(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> tuple[Path, dict, int]:
    """A corpus, and the dump of the store an uninterrupted ingest of it gives."""
    base = tmp_path_factory.mktemp("kill")
    corpus = _corpus(base / "corpus", examples_dir, copies=15)
    total = len(list(corpus.iterdir()))
    reference = base / "ref.db"
    assert run("ingest", str(corpus), "--db", str(reference), "--quiet", "--no-analyze").returncode == 0
    with open_store(str(reference)) as store:
        assert store.count() == total
        return corpus, store.dump(), total


def _kill_when_stored(args: list[str], db: Path, kill_after: int) -> None:
    """Start an ingest, SIGKILL it once ``kill_after`` articles are committed (at once for 0)."""
    proc = subprocess.Popen([*CLI, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while kill_after and time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                with open_store(str(db)) as store:
                    if store.count() >= kill_after:
                        break
            except Exception:  # the writer may hold the schema lock while migrating
                pass
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


@pytest.mark.parametrize("kill_after", [0, 3, 25])
def test_kill_and_resume_gives_the_same_store(
    tmp_path: Path, kill_corpus: tuple[Path, dict, int], kill_after: int
) -> None:
    corpus, expected, total = kill_corpus
    db = tmp_path / "killed.db"
    _kill_when_stored(["ingest", str(corpus), "--db", str(db), "--quiet", "--no-analyze"], db, kill_after)
    if db.exists():
        with open_store(str(db)) as store:
            assert store.count() < total, "the ingest finished before it could be killed"
    res = run("ingest", str(corpus), "--db", str(db), "--quiet", "--no-analyze")
    assert res.returncode == 0, res.stderr.decode()
    with open_store(str(db)) as store:
        assert store.dump() == expected


def test_kill_during_analysis_and_resume_gives_the_same_store(
    tmp_path: Path, examples_dir: Path, examples_db
) -> None:
    _, _, expected = examples_db
    db = tmp_path / "killed.db"
    # Small batches commit often, so the kill lands between analyses, not after the last one;
    # the result must not depend on the batch size either.
    args = ["ingest", str(examples_dir / "story"), "--db", str(db), "--quiet", "--batch-size", "2"]
    _kill_when_stored(args, db, 1)
    with open_store(str(db)) as store:
        assert store.count() < len(expected["tables"]["articles"])
    assert run(*args).returncode == 0
    with open_store(str(db)) as store:
        assert store.dump() == expected
