"""Open a database engine from a path or URL, and turn driver errors into StoreErrors.

SQLite connections get WAL journalling (readers never block the writer),
foreign keys, and a busy timeout. SQLAlchemy, not the sqlite3 module, emits
BEGIN, so DDL is transactional (each migration is all-or-nothing) and a write
transaction takes the write lock up front with ``BEGIN IMMEDIATE`` instead of
failing half-way when another process writes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.pool import StaticPool

from storyline.errors import StoreError

BUSY_TIMEOUT_MS = 30_000
# Execution option that marks a connection as a writer (BEGIN IMMEDIATE on SQLite).
WRITE_OPTION = "storyline_write"


def engine_for(db: str) -> tuple[Engine, str]:
    """Return an engine for ``db`` (a file path or an SQLAlchemy URL) and its display name."""
    if "://" in db:
        try:
            url = make_url(db)
        except exc.ArgumentError as e:
            raise StoreError(db, f"not a database URL ({e})") from None
        name = url.render_as_string(hide_password=True)
    elif db == ":memory:":
        url = make_url("sqlite://")
        name = db
    else:
        path = Path(db).expanduser()
        url = make_url("sqlite://").set(database=str(path.absolute()))
        name = db
        if path.is_dir():
            raise StoreError(name, "is a folder, not a database file")
        if not path.parent.is_dir():
            raise StoreError(name, f"folder {str(path.parent)!r} does not exist")
    kwargs: dict[str, Any] = {}
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        # One shared connection, or every checkout would see a new empty database.
        kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    try:
        engine = create_engine(url, **kwargs)
    except (exc.NoSuchModuleError, ModuleNotFoundError) as e:
        raise StoreError(name, f"no database driver for {url.drivername!r} ({e})") from None
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    return engine, name


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take BEGIN away from the sqlite3 module (see the module docstring).
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        try:
            cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cur.execute("PRAGMA foreign_keys = ON")
            cur.execute("PRAGMA journal_mode = WAL")
            # In WAL mode NORMAL survives a killed process; only power loss
            # may drop the last commits, and never corrupts the file.
            cur.execute("PRAGMA synchronous = NORMAL")
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextmanager
def store_errors(name: str) -> Iterator[None]:
    """Re-raise database failures inside the block as one-line StoreErrors naming ``name``."""
    try:
        yield
    except exc.DBAPIError as e:
        raise StoreError(name, describe(e.orig if e.orig is not None else e)) from e
    except exc.SQLAlchemyError as e:
        raise StoreError(name, _one_line(str(e))) from e
    except sqlite3.Error as e:
        raise StoreError(name, describe(e)) from e


def describe(error: BaseException) -> str:
    """Return a short, one-line explanation of a driver error."""
    message = _one_line(str(error))
    lowered = message.lower()
    if "file is not a database" in lowered or "file is encrypted" in lowered:
        return "not a SQLite database (file is not a database)"
    if "unable to open database file" in lowered:
        return "cannot open the database file (missing folder or no permission)"
    if "readonly database" in lowered or "read-only" in lowered:
        return "the database is read-only (check file and folder permissions)"
    if "database is locked" in lowered:
        return "the database is locked by another process (gave up waiting)"
    if "disk i/o error" in lowered:
        return "disk I/O error (is the disk full or the folder read-only?)"
    if "database disk image is malformed" in lowered:
        return "the database file is corrupt (database disk image is malformed)"
    return message or type(error).__name__


def _one_line(text: str) -> str:
    return " ".join(text.split())
