"""Migrations: recorded by name, applied once, transactional, matching schema.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection
from sqlalchemy.schema import CreateIndex, CreateTable

from storyline.errors import StoreError
from storyline.store import open_store, schema
from storyline.store.engine import engine_for
from storyline.store.migrations import MIGRATIONS, Migration, applied, migrate


def _applied_rows(path: Path) -> list[tuple[str, str]]:
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(text("SELECT name, applied_at FROM schema_migrations"))]
    engine.dispose()
    return sorted(rows)


def test_migrations_recorded_on_first_open(db_path: Path) -> None:
    with open_store(str(db_path)) as store:
        assert store.applied_migrations() == [m.name for m in MIGRATIONS]
    names = [name for name, _ in _applied_rows(db_path)]
    assert names == sorted(m.name for m in MIGRATIONS)


def test_migrations_not_rerun_on_reopen(db_path: Path) -> None:
    open_store(str(db_path)).close()
    before = _applied_rows(db_path)
    engine, name = engine_for(str(db_path))
    try:
        assert migrate(engine, name) == []
    finally:
        engine.dispose()
    open_store(str(db_path)).close()
    assert _applied_rows(db_path) == before


def test_migrations_are_unique_and_ordered() -> None:
    names = [m.name for m in MIGRATIONS]
    assert len(set(names)) == len(names)
    assert names == sorted(names)


def test_migrated_schema_matches_schema_module(db_path: Path) -> None:
    open_store(str(db_path)).close()
    engine = create_engine(f"sqlite:///{db_path}")
    insp = inspect(engine)
    for table in (schema.articles, schema.article_versions, schema.documents, schema.schema_migrations):
        got = {
            c["name"]: (c["type"].compile(dialect=engine.dialect), c["nullable"])
            for c in insp.get_columns(table.name)
        }
        want = {c.name: (c.type.compile(dialect=engine.dialect), c.nullable) for c in table.columns}
        assert got == want, table.name
        assert {i["name"] for i in insp.get_indexes(table.name)} >= {i.name for i in table.indexes}
    assert "articles_fts" in insp.get_table_names()
    engine.dispose()


def test_failing_migration_leaves_nothing(db_path: Path) -> None:
    def create_then_fail(conn: Connection, name: str) -> None:
        conn.exec_driver_sql("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("boom")

    engine, name = engine_for(str(db_path))
    try:
        with pytest.raises(RuntimeError):
            migrate(engine, name, (*MIGRATIONS, Migration("9999_broken", create_then_fail)))
        with engine.connect() as conn:
            assert applied(conn) == [m.name for m in MIGRATIONS]
            assert "half_done" not in inspect(conn).get_table_names()
    finally:
        engine.dispose()


def test_unknown_migration_is_refused(db_path: Path) -> None:
    open_store(str(db_path)).close()
    engine = create_engine(f"sqlite:///{db_path}")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO schema_migrations VALUES ('9999_from_the_future', 'x')"))
    engine.dispose()
    with pytest.raises(StoreError, match="9999_from_the_future"):
        open_store(str(db_path))


def test_schema_compiles_for_postgresql() -> None:
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    for table in schema.metadata.sorted_tables:
        assert "CREATE TABLE" in str(CreateTable(table).compile(dialect=dialect))
        for index in table.indexes:
            assert "CREATE INDEX" in str(CreateIndex(index).compile(dialect=dialect))
