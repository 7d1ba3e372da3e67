"""Named, recorded schema migrations, applied in order when a store opens.

Each migration is a function of a connection, run in its own transaction
together with the row that records it in ``schema_migrations``; a crash
mid-migration leaves the database as it was before. Migrations carry their
own frozen DDL: never edit one that has shipped — append a new one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import (
    Column,
    Double,
    Engine,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
    insert,
    select,
)
from sqlalchemy.engine import Connection

from storyline.errors import StoreError
from storyline.store import schema, search
from storyline.store.engine import WRITE_OPTION


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: a unique name and the function that applies it."""

    name: str
    apply: Callable[[Connection, str], None]


def _initial(conn: Connection, name: str) -> None:
    # Frozen copy of the first schema; schema.py may move on, this may not.
    md = MetaData()
    Table(
        "documents",
        md,
        Column("sha256", Text, primary_key=True),
        Column("size", Integer, nullable=False),
        Column("content", LargeBinary, nullable=False),
    )
    Table(
        "articles",
        md,
        Column("id", Text, primary_key=True),
        Column("key", Text, nullable=False, unique=True),
        Column("url", Text),
        Column("version_no", Integer, nullable=False),
        Column("versions", Integer, nullable=False),
        Column("title", Text),
        Column("outlet", Text),
        Column("published", Text),
        Column("search_rowid", Integer, unique=True),
        Index("ix_articles_published_id", "published", "id"),
        Index("ix_articles_outlet", "outlet"),
    )
    Table(
        "article_versions",
        md,
        Column("version_id", Text, primary_key=True),
        Column("article_id", Text, ForeignKey("articles.id"), nullable=False),
        Column("version_no", Integer, nullable=False),
        Column("source", Text, nullable=False),
        Column("url", Text),
        Column("outlet", Text),
        Column("title", Text),
        Column("byline", Text, nullable=False),
        Column("language", Text),
        Column("published_value", Text),
        Column("published_precision", Text),
        Column("published_how", Text),
        Column("text", Text, nullable=False),
        Column("text_sha256", Text, nullable=False),
        Column("links", Text, nullable=False),
        Column("offsets", Text, nullable=False),
        Column("format", Text, nullable=False),
        Column("original_sha256", Text, ForeignKey("documents.sha256"), nullable=False),
        Column("fetched_at", Text),
        Column("ingested_at", Text, nullable=False),
        UniqueConstraint("article_id", "version_no", name="uq_article_versions_article_no"),
        Index("ix_article_versions_text_sha256", "text_sha256"),
        Index("ix_article_versions_original_sha256", "original_sha256"),
    )
    md.create_all(conn)


def _articles_fts(conn: Connection, name: str) -> None:
    search.create_index(conn, name)


def _analyses(conn: Connection, name: str) -> None:
    md = MetaData()
    Table("articles", md, Column("id", Text, primary_key=True))
    Table("article_versions", md, Column("version_id", Text, primary_key=True))
    Table(
        "analyses",
        md,
        Column("version_id", Text, ForeignKey("article_versions.version_id"), primary_key=True),
        Column("article_id", Text, ForeignKey("articles.id"), nullable=False),
        Column("record", Text, nullable=False),
        Column("versions", Text, nullable=False),
        Index("ix_analyses_article_id", "article_id"),
    )
    md.tables["analyses"].create(conn)


def _link(conn: Connection, name: str) -> None:
    # Frozen copy of the link tables as first shipped (see schema.py for their meaning).
    md = MetaData()
    Table("articles", md, Column("id", Text, primary_key=True))
    Table("article_versions", md, Column("version_id", Text, primary_key=True))
    aid = "articles.id"
    Table(
        "link_articles", md,
        Column("article_id", Text, ForeignKey(aid), primary_key=True),
        Column("version_id", Text, ForeignKey("article_versions.version_id"), nullable=False),
        Column("seq", Integer, nullable=False, unique=True),
        Column("day", Text, nullable=False),
        Column("day_end", Text, nullable=False),
        Column("dated", Integer, nullable=False),
        Column("story_id", Text),
        Column("linked_at", Text, nullable=False),
        Index("ix_link_articles_story_id", "story_id"),
        Index("ix_link_articles_day", "day"),
    )
    Table(
        "link_entities", md,
        Column("id", Text, primary_key=True),
        Column("seq", Integer, nullable=False, unique=True),
        Column("kind", Text, nullable=False),
        Column("type", Text, nullable=False),
        Column("name", Text, nullable=False),
        Column("record", Text, nullable=False),
    )
    Table(
        "link_keys", md,
        Column("key", Text, primary_key=True),
        Column("entity_id", Text, primary_key=True),
        Column("article_id", Text, ForeignKey(aid), primary_key=True),
        Column("day", Text, nullable=False),
        Index("ix_link_keys_article_id", "article_id"),
    )
    Table(
        "link_members", md,
        Column("article_id", Text, ForeignKey(aid), primary_key=True),
        Column("local_id", Text, primary_key=True),
        Column("entity_id", Text, nullable=False),
        Column("record", Text, nullable=False),
        Index("ix_link_members_entity_id", "entity_id"),
    )
    Table(
        "link_quotes", md,
        Column("article_id", Text, ForeignKey(aid), primary_key=True),
        Column("idx", Integer, primary_key=True),
        Column("speaker_entity", Text),
        Column("record", Text, nullable=False),
        Index("ix_link_quotes_speaker_entity", "speaker_entity"),
    )
    Table(
        "link_figures", md,
        Column("article_id", Text, ForeignKey(aid), primary_key=True),
        Column("idx", Integer, primary_key=True),
        Column("series_id", Text),
        Column("record", Text, nullable=False),
        Index("ix_link_figures_series_id", "series_id"),
    )
    Table(
        "link_series", md,
        Column("id", Text, primary_key=True),
        Column("seq", Integer, nullable=False, unique=True),
        Column("base", Text, nullable=False),
        Column("record", Text, nullable=False),
        Index("ix_link_series_base", "base"),
    )
    Table(
        "link_findings", md,
        Column("id", Text, primary_key=True),
        Column("kind", Text, nullable=False),
        Column("series_id", Text, nullable=False),
        Column("a_article", Text, ForeignKey(aid), nullable=False),
        Column("a_idx", Integer, nullable=False),
        Column("b_article", Text, ForeignKey(aid), nullable=False),
        Column("b_idx", Integer, nullable=False),
        Column("day", Text, nullable=False),
        Column("record", Text, nullable=False),
        Index("ix_link_findings_series_id", "series_id"),
        Index("ix_link_findings_a_article", "a_article"),
        Index("ix_link_findings_b_article", "b_article"),
    )
    Table(
        "link_events", md,
        Column("article_id", Text, ForeignKey(aid), primary_key=True),
        Column("idx", Integer, primary_key=True),
        Column("entry_id", Text, nullable=False),
        Column("type", Text, nullable=False),
        Column("month", Text),
        Column("record", Text, nullable=False),
        Index("ix_link_events_entry_id", "entry_id"),
        Index("ix_link_events_type_month", "type", "month"),
    )
    Table(
        "link_event_actors", md,
        Column("entity_id", Text, primary_key=True),
        Column("article_id", Text, ForeignKey(aid), primary_key=True),
        Column("idx", Integer, primary_key=True),
        Index("ix_link_event_actors_article_id", "article_id"),
    )
    Table(
        "link_stances", md,
        Column("article_id", Text, ForeignKey(aid), primary_key=True),
        Column("idx", Integer, primary_key=True),
        Column("entity_id", Text),
        Column("topic_key", Text, nullable=False),
        Column("record", Text, nullable=False),
        Index("ix_link_stances_topic_key", "topic_key"),
    )
    Table(
        "link_stories", md,
        Column("id", Text, primary_key=True),
        Column("seq", Integer, nullable=False),
        Column("state", Text, nullable=False),
    )
    Table(
        "link_terms", md,
        Column("term", Text, primary_key=True),
        Column("count", Integer, nullable=False),
    )
    Table(
        "link_meta", md,
        Column("name", Text, primary_key=True),
        Column("value", Text, nullable=False),
    )
    for table in md.sorted_tables:
        if table.name.startswith("link_"):
            table.create(conn)


def _figure_bounds(conn: Connection, name: str) -> None:
    """Give link_figures each point's as-of days and value bounds, indexed with its series.

    Rows linked before stay NULL here; the linker fills them in once (it owns the wording rules).
    """
    text_type = Text().compile(dialect=conn.dialect)
    double = Double().compile(dialect=conn.dialect)
    for column, type_ in (("as_of_first", text_type), ("as_of_last", text_type),
                          ("low_bound", double), ("high_bound", double)):
        conn.exec_driver_sql(f"ALTER TABLE link_figures ADD COLUMN {column} {type_}")
    md = MetaData()
    figures = Table("link_figures", md, Column("series_id", Text), Column("as_of_first", Text))
    Index("ix_link_figures_series_as_of", figures.c.series_id, figures.c.as_of_first).create(conn)


MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_initial", _initial),
    Migration("0002_articles_fts", _articles_fts),
    Migration("0003_analyses", _analyses),
    Migration("0004_link", _link),
    Migration("0005_link_figure_bounds", _figure_bounds),
)


def now() -> str:
    """Return the current UTC time as an ISO 8601 string to the second."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def applied(conn: Connection) -> list[str]:
    """Return the names of the migrations recorded in the database, in order applied."""
    t = schema.schema_migrations
    return list(conn.scalars(select(t.c.name).order_by(t.c.applied_at, t.c.name)))


def migrate(engine: Engine, name: str, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[str]:
    """Apply every pending migration, each in its own transaction; return the names applied now."""
    known = {m.name for m in migrations}
    done_now: list[str] = []
    with engine.connect() as conn:
        conn.execution_options(**{WRITE_OPTION: True})
        with conn.begin():
            schema.schema_migrations.create(conn, checkfirst=True)
            unknown = sorted(set(applied(conn)) - known)
        if unknown:
            raise StoreError(name, f"made by a newer storyline (unknown migration {unknown[0]!r})")
        for m in migrations:
            with conn.begin():
                # Checked inside the write transaction: another process may
                # have applied it since we looked.
                if m.name in applied(conn):
                    continue
                m.apply(conn, name)
                conn.execute(insert(schema.schema_migrations).values(name=m.name, applied_at=now()))
            done_now.append(m.name)
    return done_now
