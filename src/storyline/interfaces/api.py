"""The REST API and web UI: one FastAPI app over a store.

>>> app = create_app("storyline.db", token="s3cret")   # serve with uvicorn, or:
>>> serve("storyline.db", port=8000)                    # what `storyline serve` runs

Per article: ``/api/articles`` (filters, full-text search, pagination with a
total), ``/api/articles/{id}``, ``/api/entities``, ``/api/quotes``,
``/api/figures``. Across articles, once the store is linked:
``/api/stories``, ``/api/actors``, ``/api/series`` (each also ``/{id}``).

Read endpoints (``GET /api/…``) are open; the write endpoint (``POST
/api/ingest``) requires ``Authorization: Bearer TOKEN`` when a token is
configured, and refuses cross-origin browser requests either way. Every
error is JSON ``{"error": "…"}`` with its HTTP status; the OpenAPI schema is
at ``/openapi.json``. The web UI (``/``, ``/articles/{id}``, ``/stories``,
``/actors``, ``/series``) is served by the same app from ``interfaces/web``.

No request parameter reaches the filesystem: an uploaded file is parsed from
memory, a raw-text document is handed to the sources as JSON Lines on an
in-memory stream, and a URL is accepted only when it is http(s). All three
run through ``storyline.runner.ingest``, the code path of ``storyline ingest``.
"""

from __future__ import annotations

import hmac
import io
import json
import sys
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from storyline.analyze import article_record
from storyline.errors import StorylineError
from storyline.interfaces.web import STATIC_DIR, linked
from storyline.interfaces.web.pages import WebUI
from storyline.interfaces.web.queries import (
    SNIPPET_MARKS,
    ArticleFilter,
    Page,
    clean_query,
    entity_matches,
    find_articles,
    find_facts,
    speaker_matches,
    words_match,
)
from storyline.runner import Outcome, ingest
from storyline.sources import FetchSettings
from storyline.store import Store, open_store

MAX_LIMIT = 500
MAX_OFFSET = 1_000_000
DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
# No inline script or style, nothing from another origin, no framing, no plugins.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
INGEST_TEXT_FIELDS = ("text", "html", "title", "url", "published", "outlet")

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
DateFrom = Annotated[
    str | None, Query(pattern=DATE_PATTERN, description="Published on or after (YYYY[-MM[-DD]]).")
]
DateTo = Annotated[
    str | None, Query(pattern=DATE_PATTERN, description="Published on or before (YYYY[-MM[-DD]]).")
]
Words = Annotated[str | None, Query(max_length=200)]
ArticleParam = Annotated[str | None, Query(max_length=200, description="Only facts of this article id.")]
Text = Annotated[str | None, Query(max_length=500)]
BEARER = HTTPBearer(auto_error=False, description="Required for writes when the server has a token.")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)]


class ErrorBody(BaseModel):
    """What every error response carries."""

    error: str


class ArticleItem(BaseModel):
    """One article in a listing; ``snippet`` and ``score`` only for full-text matches."""

    id: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    version_no: int | None = None
    snippet: str | None = None
    score: float | None = None


class ArticlePage(BaseModel):
    """A page of articles and the number of all matches."""

    total: int
    limit: int
    offset: int
    items: list[ArticleItem]


class FactPage(BaseModel):
    """A page of facts (analysis records, each with its ``article`` and ``index``) and the total."""

    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]


class PublishedBody(BaseModel):
    """A publication date with its precision and how it was found."""

    value: str | None = None
    precision: str | None = None
    how: str | None = None


class ArticleDetail(BaseModel):
    """One article: the public record's metadata and text, its version, and its analysis (or null)."""

    model_config = ConfigDict(extra="allow")

    id: str
    source: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    byline: list[str]
    language: str | None = None
    published: PublishedBody
    text: str
    links: list[str]
    version_no: int
    versions: int
    ingested_at: str
    analysis: dict[str, Any] | None = None


class VersionItem(BaseModel):
    """One stored version of an article."""

    version_no: int
    version_id: str
    source: str
    url: str | None = None
    title: str | None = None
    published: PublishedBody
    original_sha256: str
    fetched_at: str | None = None
    ingested_at: str


class OutcomeItem(BaseModel):
    """What happened to one ingested document."""

    document: str
    status: str
    article_id: str | None = None
    problem: str | None = None


class IngestResult(BaseModel):
    """Counts by status and one outcome per document."""

    counts: dict[str, int]
    outcomes: list[OutcomeItem]


_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody},
    404: {"model": ErrorBody},
    422: {"model": ErrorBody},
}
_INGEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "oneOf": [
                        {
                            "type": "object",
                            "title": "IngestUrl",
                            "required": ["url"],
                            "properties": {"url": {"type": "string", "format": "uri"}},
                            "additionalProperties": False,
                        },
                        {
                            "type": "object",
                            "title": "IngestText",
                            "required": ["text"],
                            "properties": {
                                k: {"type": "string"} for k in ("text", "title", "url", "published", "outlet")
                            },
                            "additionalProperties": False,
                        },
                    ]
                }
            },
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            },
        },
    }
}


def create_app(db: str, *, token: str | None = None, public_only: bool = False) -> FastAPI:
    """Return the API and web UI over the store at ``db``; writes need ``token`` when one is given.

    ``public_only`` makes URL ingest refuse loopback, private and link-local addresses: set it
    whenever clients are not this machine's user, so they cannot make the server fetch its network.
    """
    store = open_store(db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="storyline",
        summary="Articles, entities, quotes and figures, each traced to its source span.",
        version="0.1.0",
        docs_url=None,  # Swagger UI loads from a CDN; the schema is at /openapi.json
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.token = token
    app.state.ingest_lock = threading.Lock()
    app.state.settings = replace(FetchSettings.from_config(), public_only=public_only)
    _install_errors(app)
    app.middleware("http")(_security_headers)
    app.include_router(_api_routes(store))
    ui = WebUI(store)
    app.state.ui = ui
    app.include_router(ui.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    """Serve the API and web UI over the store at ``db`` until interrupted."""
    import uvicorn

    local = host in ("127.0.0.1", "localhost", "::1")
    if token is None and not local:
        print(
            f"warning: serving on {host} without a token: anyone who can reach it can ingest",
            file=sys.stderr,
        )
    # Served beyond this machine, URL ingest must not reach the server's own network.
    uvicorn.run(create_app(db, token=token, public_only=not local), host=host, port=port, log_level="info")


# -- routes ------------------------------------------------------------------


def _api_routes(store: Store) -> APIRouter:
    api = APIRouter(prefix="/api", responses=_ERRORS)

    @api.get("/articles", response_model=ArticlePage, summary="List or search articles")
    def list_articles(
        limit: Limit = 50,
        offset: Offset = 0,
        outlet: Text = None,
        published_from: DateFrom = None,
        published_to: DateTo = None,
        entity: Annotated[str | None, Query(max_length=200, description="Entity name or id.")] = None,
        q: Annotated[str | None, Query(max_length=500, description="Full-text query.")] = None,
    ) -> dict[str, Any]:
        """Return articles newest first, or by relevance when ``q`` is given; every filter must hold."""
        flt = ArticleFilter(outlet, published_from, published_to, clean_query(entity), clean_query(q))
        page = find_articles(store, flt, limit, offset)
        items = []
        for ref in page.items:
            item = ref.as_dict()
            if item["snippet"] is not None:
                opening, closing = SNIPPET_MARKS
                item["snippet"] = item["snippet"].replace(opening, "[").replace(closing, "]")
            items.append(item)
        return {"total": page.total, "limit": limit, "offset": offset, "items": items}

    @api.get("/articles/{article_id}", response_model=ArticleDetail, summary="One article with its analysis")
    def get_article(
        article_id: str,
        version: Annotated[int | None, Query(ge=1, le=MAX_OFFSET, description="Version number.")] = None,
    ) -> dict[str, Any]:
        """Return an article's metadata, clean text and analysis (current version unless ``version``)."""
        stored = store.get(article_id, version) if len(article_id) <= 200 else None
        if stored is None:
            raise HTTPException(404, _no_article(article_id, version))
        record = article_record(stored.article)
        record.update(
            version_no=stored.version_no,
            versions=stored.versions,
            ingested_at=stored.ingested_at,
            analysis=store.analysis(article_id, stored.version_no),
        )
        return record

    @api.get(
        "/articles/{article_id}/versions", response_model=list[VersionItem], summary="An article's versions"
    )
    def get_versions(article_id: str) -> list[dict[str, Any]]:
        """Return every stored version of an article, oldest first."""
        rows = store.versions(article_id) if len(article_id) <= 200 else []
        if not rows:
            raise HTTPException(404, _no_article(article_id, None))
        return [
            {
                "version_no": v.version_no,
                "version_id": v.version_id,
                "source": v.source,
                "url": v.url,
                "title": v.title,
                "published": v.published.as_dict(),
                "original_sha256": v.original_sha256,
                "fetched_at": v.fetched_at,
                "ingested_at": v.ingested_at,
            }
            for v in rows
        ]

    @api.get("/entities", response_model=FactPage, summary="Entities of articles")
    def list_entities(
        article: ArticleParam = None,
        name: Words = None,
        type: Annotated[str | None, Query(max_length=40, description="PERSON, ORG, GPE, …")] = None,
        published_from: DateFrom = None,
        published_to: DateTo = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Return per-article entity records (name, type, roles, mentions with spans), newest first.

        ``name`` keeps entities with every word of it in their name or in one
        mention; an entity id also matches.
        """
        name = clean_query(name)

        def keep(e: dict[str, Any]) -> bool:
            return (name is None or entity_matches(e, name)) and (type is None or e.get("type") == type)

        page = find_facts(
            store,
            "entities",
            article=article,
            published_from=published_from,
            published_to=published_to,
            where=keep,
            narrow_by=name,
            limit=limit,
            offset=offset,
        )
        return _fact_page(page, limit, offset)

    @api.get("/quotes", response_model=FactPage, summary="Quotes with their speakers")
    def list_quotes(
        speaker: Words = None,
        article: ArticleParam = None,
        story: Annotated[str | None, Query(max_length=200, description="A story id.")] = None,
        published_from: DateFrom = None,
        published_to: DateTo = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Return quote records (text, kind, speaker, cue, span), dated by their article.

        ``speaker`` keeps quotes whose speaker name holds every word of it, or
        whose speaker entity id it is.
        """
        speaker = clean_query(speaker)
        within = None
        if story is not None:
            found = linked.story(store, story)
            within = set() if found is None else {a["id"] for a in found["articles"]}
        page = find_facts(
            store,
            "quotes",
            article=article,
            within=within,
            published_from=published_from,
            published_to=published_to,
            where=None if speaker is None else (lambda r: speaker_matches(r, speaker)),
            narrow_by=speaker,
            limit=limit,
            offset=offset,
        )
        return _fact_page(page, limit, offset)

    @api.get("/figures", response_model=FactPage, summary="Reported figures")
    def list_figures(
        what: Words = None,
        article: ArticleParam = None,
        published_from: DateFrom = None,
        published_to: DateTo = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Return figure records (value, range, qualifier, what, where, as_of, source, span).

        ``what`` keeps figures whose ``what`` holds every word of it.
        """
        what = clean_query(what)
        page = find_facts(
            store,
            "figures",
            article=article,
            published_from=published_from,
            published_to=published_to,
            where=None if what is None else (lambda r: words_match(what, r.get("what"))),
            limit=limit,
            offset=offset,
        )
        return _fact_page(page, limit, offset)

    @api.get("/stories", response_model=FactPage, summary="Stories (linked)")
    def list_stories(limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Return the stories of a linked store: id, title, time span, article ids (empty until linked)."""
        found = linked.stories(store)["stories"]
        return _list_page(found, limit, offset)

    @api.get("/stories/{story_id}", summary="One story with its timeline (linked)")
    def get_story(story_id: str) -> dict[str, Any]:
        """Return a story, its articles, timeline (dated events with source spans), series, disagreements."""
        found = linked.story(store, story_id) if len(story_id) <= 200 else None
        if found is None:
            raise HTTPException(404, "no such story")
        return found

    @api.get("/actors", response_model=FactPage, summary="Actors across articles (linked)")
    def list_actors(
        name: Words = None,
        type: Annotated[str | None, Query(max_length=40)] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Return one entity per real-world actor: name, type, aliases, dated roles, articles, mentions."""
        found = linked.actors(store, clean_query(name), clean_query(type))
        return _list_page(found, limit, offset)

    @api.get("/actors/{entity_id}", summary="One actor with timeline, quotes, stances, figures (linked)")
    def get_actor(entity_id: str) -> dict[str, Any]:
        """Return an actor and everything attributed to it across articles."""
        found = linked.actor(store, entity_id) if len(entity_id) <= 200 else None
        if found is None:
            raise HTTPException(404, "no such actor")
        return found

    @api.get("/changes", summary="What is new since a date (linked)")
    def get_changes(
        since: Annotated[str, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD.")],
    ) -> dict[str, Any]:
        """Return new stories and events, moved figures, new quotes and contradictions since ``since``."""
        from storyline.link.changes import changes_since

        try:
            day = date.fromisoformat(since)
        except ValueError:
            raise HTTPException(422, f"since: {since} is not a date") from None
        return changes_since(store, day)

    @api.get("/series", response_model=FactPage, summary="Figure series (linked)")
    def list_series(limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Return measures reported by two or more articles, each with its points by as-of date."""
        found = linked.all_series(store)
        return _list_page(found, limit, offset)

    @api.get("/series/{series_id}", summary="One figure series with its disagreements (linked)")
    def get_series(series_id: str) -> dict[str, Any]:
        """Return a series' points (value, as-of, source, article span) and the contradictions in it."""
        found = linked.one_series(store, series_id) if len(series_id) <= 200 else None
        if found is None:
            raise HTTPException(404, "no such series")
        return {k: v for k, v in found.items() if k != "articles"}

    @api.post(
        "/ingest",
        response_model=IngestResult,
        status_code=201,
        summary="Ingest a URL, an uploaded file or raw text",
        openapi_extra=_INGEST_BODY,
        responses={
            401: {"model": ErrorBody},
            403: {"model": ErrorBody},
            413: {"model": ErrorBody},
            415: {"model": ErrorBody},
        },
    )
    async def ingest_document(
        request: Request,
        credentials: Credentials,
    ) -> Response:
        """Run one document through extract, analyze and store, as ``storyline ingest`` does.

        The body is JSON ``{"url": "https://…"}``, JSON ``{"text": "…", "title"?, "url"?,
        "published"?, "outlet"?}``, or ``multipart/form-data`` with a ``file`` part.
        Answers 201 when something new was stored, 200 when it was already
        there, 422 when the document could not be ingested.
        """
        _authorize(request, credentials)
        settings: FetchSettings = request.app.state.settings
        body = await _read_body(request, settings.max_bytes)
        inputs, stream = _ingest_inputs(request.headers.get("content-type", ""), body)
        outcomes = await run_in_threadpool(_run_ingest, request.app, inputs, stream)
        return _ingest_response(outcomes)

    return api


# -- ingest ------------------------------------------------------------------


def _authorize(request: Request, credentials: HTTPAuthorizationCredentials | None) -> None:
    origin = request.headers.get("origin")
    if origin is not None and urlsplit(origin).netloc != request.headers.get("host", ""):
        # A page on another site must not make a visitor's browser write here.
        raise HTTPException(403, "cross-origin writes are refused")
    token: str | None = request.app.state.token
    if token is None:
        return
    if credentials is None:
        raise HTTPException(401, "this server needs 'Authorization: Bearer TOKEN' for writes")
    if not hmac.compare_digest(credentials.credentials.encode(), token.encode()):
        raise HTTPException(401, "wrong token")


async def _read_body(request: Request, cap: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            raise HTTPException(413, f"request body larger than {cap} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _ingest_inputs(content_type: str, body: bytes) -> tuple[list[str], io.BytesIO | None]:
    """Return the inputs and in-memory stream for ``runner.ingest``, or raise a 4xx HTTPException."""
    media = content_type.split(";", 1)[0].strip().lower()
    if media == "application/json":
        return _json_inputs(body)
    if media == "multipart/form-data":
        return ["-"], io.BytesIO(_uploaded_file(content_type, body))
    raise HTTPException(415, "send application/json ({url} or {text, …}) or multipart/form-data with a file")


def _json_inputs(body: bytes) -> tuple[list[str], io.BytesIO | None]:
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise HTTPException(400, f"body is not valid JSON ({e})") from None
    if not isinstance(data, dict):
        raise HTTPException(400, "body must be a JSON object")
    unknown = sorted(set(data) - set(INGEST_TEXT_FIELDS))
    if unknown:
        raise HTTPException(400, f"unknown fields: {', '.join(map(str, unknown))}")
    for key, value in data.items():
        if value is not None and not isinstance(value, str):
            raise HTTPException(400, f"field {key!r} must be a string")
    url = data.get("url")
    if url is not None and not _web_url(url):
        raise HTTPException(400, "url must be an http(s) URL (local paths and other schemes are refused)")
    if data.get("text") is None and data.get("html") is None:
        if url is None:
            raise HTTPException(400, "give 'url', 'text' or 'html'")
        return [url], None
    if data.get("text") is not None and data.get("html") is not None:
        raise HTTPException(400, "give either 'text' or 'html', not both")
    # One JSON Lines record on an in-memory stream: the sources read it like any .jsonl line.
    line = json.dumps({k: v for k, v in data.items() if v is not None}, ensure_ascii=False)
    return ["-"], io.BytesIO(line.encode("utf-8", "surrogatepass") + b"\n")


def _web_url(url: str) -> bool:
    if any(ch.isspace() or ord(ch) < 32 for ch in url) or len(url) > 4096:
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname) and "://" in url


def _uploaded_file(content_type: str, body: bytes) -> bytes:
    """Return the bytes of the ``file`` part of a multipart body, parsed in memory."""
    _, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if not boundary:
        raise HTTPException(400, "multipart body without a boundary")
    parts: list[tuple[dict[bytes, bytes], bytearray]] = []
    field, value = bytearray(), bytearray()

    def on_part_begin() -> None:
        parts.append(({}, bytearray()))

    def on_header_field(data: bytes, start: int, end: int) -> None:
        field.extend(data[start:end])

    def on_header_value(data: bytes, start: int, end: int) -> None:
        value.extend(data[start:end])

    def on_header_end() -> None:
        parts[-1][0][bytes(field).lower()] = bytes(value)
        field.clear()
        value.clear()

    def on_part_data(data: bytes, start: int, end: int) -> None:
        parts[-1][1].extend(data[start:end])

    callbacks: Any = {
        "on_part_begin": on_part_begin,
        "on_header_field": on_header_field,
        "on_header_value": on_header_value,
        "on_header_end": on_header_end,
        "on_part_data": on_part_data,
    }
    try:
        parser = MultipartParser(boundary, callbacks)
        parser.write(body)
        parser.finalize()
    except Exception as e:  # the parser raises its own error types for malformed bodies
        raise HTTPException(400, f"malformed multipart body ({type(e).__name__})") from None
    for headers, data in parts:
        _, disposition = parse_options_header(headers.get(b"content-disposition", b""))
        if disposition.get(b"name") == b"file":
            return bytes(data)
    raise HTTPException(400, "multipart body has no 'file' part")


def _run_ingest(app: FastAPI, inputs: list[str], stream: io.BytesIO | None) -> list[Outcome]:
    outcomes: list[Outcome] = []
    # One ingest at a time: the analysis pipeline is shared, and the store writes serially anyway.
    with app.state.ingest_lock:
        ingest(
            inputs,
            app.state.store,
            stdin=stream or io.BytesIO(),
            settings=app.state.settings,
            on_outcome=outcomes.append,
        )
        if any(o.status in ("new", "new_version") for o in outcomes):
            # The story, actor and series pages read the link tables: bring them up to date now.
            from storyline.link.linker import link_pending

            link_pending(app.state.store, on_error="skip")
    return outcomes


def _ingest_response(outcomes: list[Outcome]) -> Response:
    counts = dict.fromkeys(("new", "new_version", "unchanged", "failed"), 0)
    for o in outcomes:
        counts[o.status] = counts.get(o.status, 0) + 1
    body: dict[str, Any] = {
        "counts": counts,
        "outcomes": [
            {"document": o.document, "status": o.status, "article_id": o.article_id, "problem": o.problem}
            for o in outcomes
        ],
    }
    if counts["new"] or counts["new_version"]:
        return JSONResponse(body, status_code=201)
    if counts["unchanged"]:
        return JSONResponse(body, status_code=200)
    problems = [o.problem for o in outcomes if o.problem]
    body["error"] = problems[0] if problems else "no document found in the request"
    return JSONResponse(body, status_code=422)


# -- errors and headers --------------------------------------------------------


def _install_errors(app: FastAPI) -> None:
    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if _wants_html(request):
            return request.app.state.ui.error_page(exc.status_code, str(exc.detail))
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers)

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        message = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', 'invalid')}"
            for e in exc.errors()
        )
        if _wants_html(request):
            return request.app.state.ui.error_page(400, message)
        return JSONResponse({"error": message or "invalid request"}, status_code=422)

    async def storyline_error(request: Request, exc: Exception) -> Response:
        # The store failed (locked, corrupt, gone): the request was fine, the service is not.
        message = str(exc)
        if _wants_html(request):
            return request.app.state.ui.error_page(503, message)
        return JSONResponse({"error": message}, status_code=503)

    async def internal_error(request: Request, exc: Exception) -> Response:
        return JSONResponse({"error": "internal error"}, status_code=500)

    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StorylineError, storyline_error)
    app.add_exception_handler(Exception, internal_error)


def _wants_html(request: Request) -> bool:
    path = request.url.path
    return not (path.startswith("/api/") or path == "/api" or path.startswith("/openapi"))


async def _security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def _list_page(found: list[Any], limit: int, offset: int) -> dict[str, Any]:
    return {"total": len(found), "limit": limit, "offset": offset, "items": found[offset : offset + limit]}


def _fact_page(page: Page[Any], limit: int, offset: int) -> dict[str, Any]:
    return {"total": page.total, "limit": limit, "offset": offset, "items": [f.as_dict() for f in page.items]}


def _no_article(article_id: str, version: int | None) -> str:
    shown = article_id if len(article_id) <= 80 else article_id[:80] + "…"
    return f"no article {shown!r}" + (f" with version {version}" if version is not None else "")
