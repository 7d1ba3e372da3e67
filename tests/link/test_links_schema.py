"""The link tables: created by migration 0004_link exactly as schema.py declares them."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, inspect

from storyline.store import open_store, schema


def test_migrated_link_tables_match_schema_module(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with open_store(str(db)) as store:
        assert "0004_link" in store.applied_migrations()
    engine = create_engine(f"sqlite:///{db}")
    insp = inspect(engine)
    try:
        for table in schema.LINK_TABLES:
            got = {c["name"]: (c["type"].compile(dialect=engine.dialect), c["nullable"])
                   for c in insp.get_columns(table.name)}
            want = {c.name: (c.type.compile(dialect=engine.dialect), c.nullable) for c in table.columns}
            assert got == want, table.name
            assert {i["name"] for i in insp.get_indexes(table.name)} >= {i.name for i in table.indexes}
            pk = insp.get_pk_constraint(table.name)["constrained_columns"]
            assert pk == [c.name for c in table.primary_key.columns], table.name
    finally:
        engine.dispose()
