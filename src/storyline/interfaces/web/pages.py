"""The HTML pages: the article list with search, and the article view with every fact highlighted."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from storyline.interfaces.web import TEMPLATES_DIR, linked
from storyline.interfaces.web.charts import series_chart
from storyline.interfaces.web.highlight import (
    INLINE_KINDS,
    KIND_LABELS,
    Fact,
    collect_facts,
    cut,
    json_for_script,
)
from storyline.interfaces.web.queries import SNIPPET_MARKS, ArticleFilter, clean_query, find_articles
from storyline.store import Store

PAGE_SIZE = 25
_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
LIST_KINDS = ("quote", "figure", "entity", "time", "event", "stance")


class WebUI:
    """The pages over one store; ``router`` serves them, ``error_page`` renders failures."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES_DIR),
            autoescape=True,  # every page, whatever its file name
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals.update(kind_labels=KIND_LABELS, inline_kinds=INLINE_KINDS)
        self.router = APIRouter(include_in_schema=False)
        self.router.add_api_route("/", self.article_list, methods=["GET"], response_class=HTMLResponse)
        for path, view in (
            ("/articles/{article_id}", self.article_view),
            ("/stories", self.story_list),
            ("/stories/{story_id}", self.story_view),
            ("/actors", self.actor_list),
            ("/actors/{entity_id}", self.actor_view),
            ("/series", self.series_list),
            ("/series/{series_id}", self.series_view),
        ):
            self.router.add_api_route(path, view, methods=["GET"], response_class=HTMLResponse)

    def render(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        """Render a template to an HTML response."""
        return HTMLResponse(self.env.get_template(template).render(**context), status_code=status)

    def error_page(self, status: int, message: str) -> HTMLResponse:
        """Return the error page for an HTTP status."""
        titles = {400: "Bad request", 404: "Not found", 503: "Store unavailable"}
        return self.render("error.html", status, title=titles.get(status, f"Error {status}"), message=message)

    def article_list(
        self,
        q: str = Query("", max_length=500),
        outlet: str = Query("", max_length=500),
        published_from: str = Query("", max_length=10),
        published_to: str = Query("", max_length=10),
        entity: str = Query("", max_length=200),
        offset: int = Query(0, ge=0, le=1_000_000),
    ) -> HTMLResponse:
        """The article list: newest first, or full-text matches for ``q``, with filters and paging."""
        notes = []
        dates = {}
        for name, value in (("published_from", published_from), ("published_to", published_to)):
            value = value.strip()
            if value and not _DATE.match(value):
                notes.append(f"Ignored {name.replace('_', ' ')}: use YYYY, YYYY-MM or YYYY-MM-DD.")
                value = ""
            dates[name] = value or None
        flt = ArticleFilter(
            clean_query(outlet),
            dates["published_from"],
            dates["published_to"],
            clean_query(entity),
            clean_query(q),
        )
        page = find_articles(self.store, flt, PAGE_SIZE, offset)
        params = {
            "q": flt.q or "",
            "outlet": flt.outlet or "",
            "entity": flt.entity or "",
            "published_from": flt.published_from or "",
            "published_to": flt.published_to or "",
        }
        kept = {k: v for k, v in params.items() if v}

        def page_link(to: int) -> str:
            return "/?" + urlencode({**kept, "offset": to}) if to else "/?" + urlencode(kept)

        return self.render(
            "list.html",
            params=params,
            notes=notes,
            total=page.total,
            offset=offset,
            items=[
                {
                    "id": r.id,
                    "title": r.title,
                    "outlet": r.outlet,
                    "published": r.published,
                    "snippet": _snippet(r.snippet),
                    "outlet_link": "/?" + urlencode({"outlet": r.outlet}) if r.outlet else None,
                }
                for r in page.items
            ],
            prev_link=page_link(max(0, offset - PAGE_SIZE)) if offset > 0 else None,
            next_link=page_link(offset + PAGE_SIZE) if offset + PAGE_SIZE < page.total else None,
            first_shown=offset + 1 if page.items else 0,
            last_shown=offset + len(page.items),
            filtered=bool(kept),
        )

    def article_view(
        self, article_id: str, version: int | None = Query(None, ge=1, le=1_000_000)
    ) -> HTMLResponse:
        """One article: metadata, the clean text with facts highlighted, and the lists of facts."""
        stored = self.store.get(article_id, version) if len(article_id) <= 200 else None
        if stored is None:
            return self.error_page(404, "There is no such article in this store.")
        a = stored.article
        analysis = self.store.analysis(article_id, stored.version_no)
        facts = collect_facts(analysis, len(a.text))
        pieces = cut(a.text, facts)
        ends = _quote_ends(pieces, facts)
        actors = linked.actor_ids(self.store, article_id)
        return self.render(
            "article.html",
            article=a,
            href=safe_href(a.url),
            published=_published(a.published.value, a.published.precision, a.published.how),
            version_no=stored.version_no,
            versions=stored.versions,
            version_links=[(n, f"/articles/{a.id}?version={n}") for n in range(1, stored.versions + 1)]
            if stored.versions > 1
            else [],
            pieces=pieces,
            quote_ends=ends,
            analyzed=analysis is not None,
            lists=_fact_lists(facts),
            counts={k: sum(1 for f in facts if f.kind == k) for k in LIST_KINDS},
            # The one unescaped value on any page: json_for_script output holds no '<', '>' or '&'
            # (see its docstring), so it cannot end the script element it sits in.
            facts_json=Markup(json_for_script({f.id: f.as_json(_actor(f, actors)) for f in facts})),
        )

    def story_list(self) -> HTMLResponse:
        """The stories, what the latest day brought, and the disagreements found."""
        return self.render("stories.html", **linked.stories(self.store))

    def story_view(self, story_id: str) -> HTMLResponse:
        """One story: timeline with sources, articles, figure series and disagreements."""
        found = linked.story(self.store, story_id) if len(story_id) <= 200 else None
        if found is None:
            return self.error_page(404, "There is no such story in this store.")
        return self.render("story.html", **found)

    def actor_list(
        self, name: str = Query("", max_length=200), type: str = Query("", max_length=40)
    ) -> HTMLResponse:
        """The linked actors, filtered by name words and type."""
        found = linked.actors(self.store, clean_query(name), clean_query(type))
        linked_any = bool(found) or bool(linked.actors(self.store)) if name or type else bool(found)
        return self.render("actors.html", actors=found, name=name, type=type, linked=linked_any)

    def actor_view(self, entity_id: str) -> HTMLResponse:
        """One actor: roles over time, quotes, stances, figures given, timeline, articles."""
        found = linked.actor(self.store, entity_id) if len(entity_id) <= 200 else None
        if found is None:
            return self.error_page(404, "There is no such actor in this store.")
        return self.render("actor.html", **found)

    def series_list(self) -> HTMLResponse:
        """The figure series."""
        return self.render("series_list.html", series=linked.all_series(self.store))

    def series_view(self, series_id: str) -> HTMLResponse:
        """One series: chart of every report over time by source, disagreements, table of reports."""
        found = linked.one_series(self.store, series_id) if len(series_id) <= 200 else None
        if found is None:
            return self.error_page(404, "There is no such figure series in this store.")
        return self.render("series.html", chart=series_chart(found["series"]["points"]), **found)


def _actor(fact: Fact, actors: Mapping[str, str]) -> str | None:
    gid = actors.get(fact.entity) if fact.entity else None
    return f"/actors/{quote(gid, safe='')}" if gid else None


def safe_href(url: str | None) -> str | None:
    """Return ``url`` when it is an absolute http(s) URL fit for a link, else None."""
    if not url or len(url) > 4096 or any(ord(ch) < 33 or ch in "\"'<>\\`" for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def _snippet(snippet: str | None) -> list[tuple[str, bool]]:
    """Split a search snippet at its match marks into (text, is_match) parts, for the template to escape."""
    if not snippet:
        return []
    parts: list[tuple[str, bool]] = []
    for i, chunk in enumerate(re.split(f"[{SNIPPET_MARKS[0]}{SNIPPET_MARKS[1]}]", snippet)):
        if chunk:
            parts.append((chunk, i % 2 == 1))
    return parts


def _published(value: str | None, precision: str | None, how: str | None) -> str | None:
    if not value:
        return None
    extra = ", ".join(x for x in (precision, how) if x)
    return f"{value} ({extra})" if extra else value


def _quote_ends(pieces: list[Any], facts: list[Fact]) -> dict[int, str]:
    """Map the index of each quote's last piece to its speaker, shown after the quote by CSS."""
    speakers = {f.id: f.label for f in facts if f.kind == "quote"}
    ends: dict[int, str] = {}
    for fid, who in speakers.items():
        last = max((i for i, p in enumerate(pieces) if fid in p.facts), default=None)
        if last is not None:
            ends[last] = who
    return ends


def _fact_lists(facts: list[Fact]) -> dict[str, list[dict[str, Any]]]:
    """Return the facts to list beside the text, by kind; entity mentions grouped per entity."""
    lists: dict[str, list[dict[str, Any]]] = {k: [] for k in LIST_KINDS}
    entities: dict[str, dict[str, Any]] = {}
    for f in facts:
        if f.kind == "speaker":
            continue
        fields: Mapping[str, str] = dict(f.fields)
        if f.kind == "entity":
            key = f.id.split(".", 1)[0]
            if key not in entities:
                entities[key] = {
                    "id": f.id,
                    "start": f.start,
                    "end": f.end,
                    "label": f.label,
                    "detail": fields.get("type", ""),
                    "mentions": 0,
                }
                lists["entity"].append(entities[key])
            entities[key]["mentions"] += 1
            continue
        detail = {
            "quote": fields.get("text", ""),
            "figure": fields.get("text", ""),
            "time": fields.get("text", ""),
            "event": fields.get("trigger", ""),
            "stance": "",
        }.get(f.kind, "")
        lists[f.kind].append({"id": f.id, "start": f.start, "end": f.end, "label": f.label, "detail": detail})
    lists["entity"].sort(key=lambda e: (-e["mentions"], e["label"].casefold()))
    return lists
