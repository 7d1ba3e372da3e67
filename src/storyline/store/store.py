"""Store: idempotent, transactional persistence of articles and their originals."""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import Any

from sqlalchemy import Executable, Row, Table, bindparam, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from storyline.errors import StoreError
from storyline.ids import digest, text_hash
from storyline.model import Article, OffsetMap, Published
from storyline.store import migrations, schema, search
from storyline.store.engine import WRITE_OPTION, engine_for, store_errors
from storyline.store.links import LinkSession
from storyline.store.records import AddResult, ArticleRow, SearchHit, StoredArticle, VersionRow

ZLIB_LEVEL = 6
SNIPPET_MARKS = ("[", "]")

_A = schema.articles
_V = schema.article_versions
_D = schema.documents
_N = schema.analyses

# Statements built once, values passed at execution: SQLAlchemy then reuses
# the compiled form, which is most of the cost of an add.
_BY_KEY = select(_A.c.id, _A.c.version_no, _A.c.versions, _A.c.search_rowid).where(_A.c.key == bindparam("k"))
_VERSION_NO = select(_V.c.version_no).where(_V.c.version_id == bindparam("vid"))
_UPDATE_ARTICLE = update(_A).where(_A.c.id == bindparam("aid"))


class Store:
    """Articles, their versions and original documents in one database.

    >>> with open_store("storyline.db") as store:          # or "postgresql://…"
    ...     store.add(article, original_bytes)              # AddResult("new", id, 1)
    ...     store.search("ceasefire talks")                 # [SearchHit(…)]

    Adding is idempotent (an article is identified by ``Article.key``: its
    canonical URL, else its text hash) and atomic: the version row, the
    original document and the full-text index entry commit together or not at
    all. A changed text under a known key becomes the article's next version.
    """

    def __init__(self, db: str) -> None:
        self._engine, self.name = engine_for(db)
        self._closed = False
        self._put_document = _insert_ignore(self._engine.dialect.name, _D)
        try:
            with store_errors(self.name):
                migrations.migrate(self._engine, self.name)
        except BaseException:
            self._engine.dispose()
            raise

    # -- lifecycle ---------------------------------------------------------

    def close(self) -> None:
        """Release the database connections; the store cannot be used afterwards."""
        if not self._closed:
            self._engine.dispose()
            self._closed = True

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {self.name}>"

    @contextmanager
    def _transaction(self, write: bool = False) -> Iterator[Connection]:
        if self._closed:
            raise StoreError(self.name, "the store is closed")
        with store_errors(self.name), self._engine.connect() as conn:
            if write:
                conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():
                yield conn

    # -- writing -----------------------------------------------------------

    def add(self, article: Article, original: bytes, analysis: Mapping[str, Any] | None = None) -> AddResult:
        """Store ``article``, its original bytes and its analysis in one transaction; say what changed.

        ``analysis`` is the JSON-ready analysis part of the record; its
        ``versions`` entry names the model and components that made it. An
        unchanged article whose stored analysis came from other versions gets
        the new analysis.
        """
        sha = hashlib.sha256(original).hexdigest()
        if article.original_sha256 and article.original_sha256 != sha:
            raise StoreError(article.source, "original bytes do not match the article's original_sha256")
        key = article.key
        text_sha = text_hash(article.text)
        with self._transaction(write=True) as conn:
            current = conn.execute(_BY_KEY, {"k": key}).first()
            article_id = current.id if current else (article.id or digest(key))
            version_id = digest(article_id, text_sha)
            known = conn.scalar(_VERSION_NO, {"vid": version_id})
            if known is not None:
                if analysis is not None:
                    _put_analysis(conn, version_id, article_id, analysis, replace_other_versions=True)
                return AddResult("unchanged", article_id, known)

            conn.execute(
                self._put_document, {"sha256": sha, "size": len(original), "content": _pack(original)}
            )
            version_no = current.version_no + 1 if current else 1
            display = {
                "url": _key_url(key),
                "version_no": version_no,
                "versions": current.versions + 1 if current else 1,
                "title": article.title,
                "outlet": article.outlet,
                "published": article.published.value,
            }
            rowid = search.put(
                conn, article_id, current.search_rowid if current else None, article.title, article.text
            )
            if current is None:
                conn.execute(insert(_A), {"id": article_id, "key": key, "search_rowid": rowid, **display})
            else:
                conn.execute(_UPDATE_ARTICLE, {"aid": article_id, **display})
            conn.execute(insert(_V), _version_values(article, article_id, version_id, version_no, sha))
            if analysis is not None:
                _put_analysis(conn, version_id, article_id, analysis)
        return AddResult("new_version" if current else "new", article_id, version_no)

    # -- reading -----------------------------------------------------------

    def get(self, article_id: str, version_no: int | None = None) -> StoredArticle | None:
        """Return the article rebuilt from its current version (or ``version_no``), or None."""
        with self._transaction() as conn:
            a = conn.execute(select(_A.c.version_no, _A.c.versions).where(_A.c.id == article_id)).first()
            if a is None:
                return None
            v = conn.execute(
                select(_V).where(
                    _V.c.article_id == article_id,
                    _V.c.version_no == (a.version_no if version_no is None else version_no),
                )
            ).first()
        if v is None:
            return None
        return StoredArticle(_article(article_id, v), v.version_no, a.versions, v.ingested_at)

    def articles(self, limit: int = 50, offset: int = 0, outlet: str | None = None) -> list[ArticleRow]:
        """Return a page of articles, newest publication date first (undated last), then by id."""
        q = select(_A.c.id, _A.c.published, _A.c.outlet, _A.c.title, _A.c.version_no, _A.c.url)
        if outlet is not None:
            q = q.where(_A.c.outlet == outlet)
        q = q.order_by(_A.c.published.desc().nulls_last(), _A.c.id).limit(limit).offset(offset)
        with self._transaction() as conn:
            return [ArticleRow(*r) for r in conn.execute(q)]

    def count(self) -> int:
        """Return the number of articles (not versions) stored."""
        with self._transaction() as conn:
            return int(conn.scalar(select(func.count()).select_from(_A)) or 0)

    def search(self, query: str, limit: int = 20, marks: tuple[str, str] = SNIPPET_MARKS) -> list[SearchHit]:
        """Return articles whose current title or text match every word of ``query``, best first.

        Words are matched literally (``AND``, quotes and brackets are words,
        not operators); ``"a phrase"`` matches a phrase and ``word*`` a prefix.
        """
        expression = search.fts5_query(query)
        if expression is None or limit <= 0:
            return []
        with self._transaction() as conn:
            rows = search.match(conn, expression, limit, marks)
            ids = [r.article_id for r in rows]
            meta = {
                m.id: m
                for m in conn.execute(
                    select(_A.c.id, _A.c.title, _A.c.outlet, _A.c.published).where(_A.c.id.in_(ids))
                )
            }
        return [
            SearchHit(r.article_id, m.title, m.outlet, m.published, r.snippet, -r.bm25)
            for r in rows
            if (m := meta.get(r.article_id)) is not None
        ]

    def versions(self, article_id: str) -> list[VersionRow]:
        """Return every stored version of an article, oldest first (empty if unknown)."""
        q = select(_V).where(_V.c.article_id == article_id).order_by(_V.c.version_no)
        with self._transaction() as conn:
            return [
                VersionRow(
                    v.version_id,
                    v.version_no,
                    v.source,
                    v.url,
                    v.title,
                    Published(v.published_value, v.published_precision, v.published_how),
                    v.original_sha256,
                    v.fetched_at,
                    v.ingested_at,
                )
                for v in conn.execute(q)
            ]

    def original(self, article_id: str, version_no: int | None = None) -> bytes | None:
        """Return the original document bytes of the current version (or ``version_no``), or None."""
        with self._transaction() as conn:
            if version_no is None:
                version_no = conn.scalar(select(_A.c.version_no).where(_A.c.id == article_id))
                if version_no is None:
                    return None
            packed = conn.scalar(
                select(_D.c.content)
                .join(_V, _V.c.original_sha256 == _D.c.sha256)
                .where(_V.c.article_id == article_id, _V.c.version_no == version_no)
            )
        return None if packed is None else self._unpack(packed)

    def analysis(self, article_id: str, version_no: int | None = None) -> dict[str, Any] | None:
        """Return the stored analysis of the current version (or ``version_no``), or None."""
        with self._transaction() as conn:
            if version_no is None:
                version_no = conn.scalar(select(_A.c.version_no).where(_A.c.id == article_id))
            record = conn.scalar(
                select(_N.c.record)
                .join(_V, _V.c.version_id == _N.c.version_id)
                .where(_V.c.article_id == article_id, _V.c.version_no == version_no)
            )
        return None if record is None else dict(json.loads(record))

    def knows(self, sha256: str, url: str | None = None, analyzed: bool = False) -> bool:
        """Return whether these exact bytes (from ``url``, if given) are stored, with an analysis if asked.

        A runner uses it to skip documents it has already ingested without
        extracting or analyzing them again.
        """
        q = select(_V.c.version_id).where(_V.c.original_sha256 == sha256)
        if url is not None:
            q = q.where(_V.c.url == url)
        if analyzed:
            q = q.join(_N, _N.c.version_id == _V.c.version_id)
        with self._transaction() as conn:
            return conn.scalar(q.limit(1)) is not None

    @contextmanager
    def link_session(self, write: bool = False) -> Iterator[LinkSession]:
        """Open one transaction on the link tables (see ``store/links.py``); writers take the lock first."""
        with self._transaction(write=write) as conn:
            yield LinkSession(conn)

    def applied_migrations(self) -> list[str]:
        """Return the names of the schema migrations recorded in this database."""
        with self._transaction() as conn:
            return migrations.applied(conn)

    def dump(self) -> dict[str, Any]:
        """Return a canonical snapshot of all stored content, without volatile columns.

        Two stores built from the same documents in the same order dump equal,
        whatever crashes and resumes happened on the way. Document bytes appear
        as the SHA-256 of their decompressed content, which also checks them.
        """
        with self._transaction() as conn:
            tables = {t.name: _table_rows(conn, t) for t in (_A, _V, _D, _N)}
            for doc in tables["documents"]:
                doc["content"] = hashlib.sha256(self._unpack(doc["content"])).hexdigest()
            return {
                "migrations": migrations.applied(conn),
                "tables": tables,
                "search": search.index_rows(conn),
            }

    def _unpack(self, packed: bytes) -> bytes:
        try:
            return zlib.decompress(packed)
        except zlib.error as e:
            raise StoreError(self.name, f"a stored document is corrupt ({e})") from None


def open_store(db: str) -> Store:
    """Open (creating and migrating as needed) the store at a file path or SQLAlchemy URL."""
    return Store(db)


def _pack(data: bytes) -> bytes:
    return zlib.compress(data, ZLIB_LEVEL)


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _key_url(key: str) -> str | None:
    return key.removeprefix("url:") if key.startswith("url:") else None


def _version_values(
    article: Article, article_id: str, version_id: str, version_no: int, sha: str
) -> dict[str, Any]:
    return {
        "version_id": version_id,
        "article_id": article_id,
        "version_no": version_no,
        "source": article.source,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "byline": _json(list(article.byline)),
        "language": article.language,
        "published_value": article.published.value,
        "published_precision": article.published.precision,
        "published_how": article.published.how,
        "text": article.text,
        "text_sha256": text_hash(article.text),
        "links": _json(list(article.links)),
        "offsets": _json(article.offsets.as_list()),
        "format": article.format,
        "original_sha256": sha,
        "fetched_at": article.fetched_at,
        "ingested_at": migrations.now(),
    }


def _article(article_id: str, v: Row[Any]) -> Article:
    return Article(
        id=article_id,
        source=v.source,
        text=v.text,
        url=v.url,
        outlet=v.outlet,
        title=v.title,
        byline=tuple(json.loads(v.byline)),
        language=v.language,
        published=Published(v.published_value, v.published_precision, v.published_how),
        links=tuple(json.loads(v.links)),
        offsets=OffsetMap.from_list(json.loads(v.offsets)),
        format=v.format,
        original_sha256=v.original_sha256,
        fetched_at=v.fetched_at,
    )


def _put_analysis(
    conn: Connection,
    version_id: str,
    article_id: str,
    analysis: Mapping[str, Any],
    replace_other_versions: bool = False,
) -> None:
    versions = _json(analysis.get("versions", {}))
    stored = conn.scalar(select(_N.c.versions).where(_N.c.version_id == version_id))
    if stored is None:
        conn.execute(
            insert(_N),
            {"version_id": version_id, "article_id": article_id, "record": _json(analysis),
             "versions": versions},
        )
    elif replace_other_versions and stored != versions:
        conn.execute(
            update(_N).where(_N.c.version_id == version_id).values(record=_json(analysis), versions=versions)
        )


def _insert_ignore(dialect: str, table: Table) -> Executable:
    # Content-addressed rows: a second insert of the same key is a no-op.
    if dialect == "sqlite":
        return sqlite.insert(table).on_conflict_do_nothing()
    if dialect == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing()
    return insert(table).prefix_with("IGNORE")  # MySQL/MariaDB spelling


def _table_rows(conn: Connection, table: Table) -> list[dict[str, Any]]:
    cols = [c for c in table.columns if c.name not in schema.VOLATILE_COLUMNS]
    order: Sequence[Any] = list(table.primary_key.columns)
    return [dict(r._mapping) for r in conn.execute(select(*cols).order_by(*order))]
