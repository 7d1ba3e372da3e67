"""The ``storyline`` command: parses options, calls the Python API, prints with rich."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from storyline import config
from storyline.analyze import article_record
from storyline.analyze.pipeline_config import PipelineSpec, load_spec
from storyline.errors import StorylineError
from storyline.runner import BATCH_SIZE, Outcome, ingest, prepare
from storyline.sources import FetchSettings
from storyline.store import Store, open_store

if TYPE_CHECKING:
    from storyline.link.linker import LinkReport

app = typer.Typer(
    help="Turn raw news articles into sourced, linked facts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
evaluate_app = typer.Typer(help="Score storyline on the shared evaluation datasets.", no_args_is_help=True)
app.add_typer(evaluate_app, name="evaluate")

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[
    str | None, typer.Option("--db", help="SQLite file or SQLAlchemy URL [env STORYLINE_DB].")
]
WorkersOption = Annotated[int, typer.Option(min=1, help="Worker processes for extraction and analysis.")]
ModelOption = Annotated[str | None, typer.Option(help="spaCy model (default: en_core_web_sm if installed).")]
ConfigOption = Annotated[
    str | None,
    typer.Option("--config", help="TOML file: analysis model, components, options [env STORYLINE_CONFIG]."),
]
Paths = Annotated[
    list[str], typer.Argument(help="Files, folders, globs, .gz, .jsonl, feeds, http(s) URLs, or -.")
]


def _pipeline(config_file: str | None, model: str | None) -> PipelineSpec | None:
    """Return the analysis pipeline the options ask for, checked now so a bad one fails at once."""
    path = config.get("config", config_file)
    if not path and model is None:
        return None  # storyline's default, built lazily (never, with --no-analyze)
    try:
        spec = (load_spec(path) if path else PipelineSpec()).with_model(model)
        from storyline.analyze.pipeline import shared_pipeline

        shared_pipeline(spec)  # the same cached pipeline the first batch will use
    except StorylineError as e:
        err.print(str(e), markup=False, highlight=False)
        raise typer.Exit(2) from e
    return spec


def _store(db: str | None):  # type: ignore[no-untyped-def]
    try:
        return open_store(config.get("db", db))
    except StorylineError as e:
        err.print(str(e), markup=False, highlight=False)
        raise typer.Exit(2) from e


@app.command("ingest")
def ingest_cmd(
    paths: Paths,
    db: DbOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    workers: WorkersOption = 1,
    analyze: Annotated[bool, typer.Option(help="Analyze each article (entities, quotes, …).")] = True,
    model: ModelOption = None,
    config_file: ConfigOption = None,
    link: Annotated[bool, typer.Option(help="Link new articles into entities, stories and series.")] = True,
    batch_size: Annotated[
        int, typer.Option(min=1, help="Documents analyzed together (memory vs speed).")
    ] = BATCH_SIZE,
) -> None:
    """Ingest documents into the store: clean, dated, analyzed articles, each kept atomically."""
    pipeline = _pipeline(config_file, model) if analyze else None
    store = _store(db)
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=quiet,
        transient=True,
    )

    with store, progress:
        task = progress.add_task("ingesting", total=None)

        def show(outcome: Outcome) -> None:
            progress.advance(task)
            if outcome.status == "failed":
                progress.console.print(
                    f"{outcome.document}: {outcome.problem}", markup=False, highlight=False
                )

        summary = ingest(
            paths,
            store,
            stdin=sys.stdin.buffer,
            settings=FetchSettings.from_config(),
            analyze=analyze,
            workers=workers,
            pipeline=pipeline,
            batch_size=batch_size,
            on_outcome=show,
        )
        total = store.count()
        report = _link(store) if link and analyze else None
    c = summary.counts
    parts = [
        f"{c['new']} ingested",
        f"{c['new_version']} new versions",
        f"{c['unchanged']} unchanged",
        f"{c['failed']} failed",
    ]
    err.print(", ".join(parts) + f"; the store holds {total} articles.", highlight=False)
    if report is not None and report.linked + report.relinked:
        err.print(_link_line(report), highlight=False)
    if summary.failures:
        reasons = Counter(_reason(f.problem or "") for f in summary.failures)
        for reason, n in sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0])):
            err.print(f"  {n} × {reason}", markup=False, highlight=False)
        raise typer.Exit(1)


def _link(store: Store) -> LinkReport:
    from storyline.link.linker import link_pending

    return link_pending(store, on_error="skip")


def _link_line(report: LinkReport) -> str:
    line = (
        f"linked {report.linked + report.relinked} articles in {report.seconds:.1f} s: "
        f"{report.stories} stories, {report.entities} entities, {report.series} series, "
        f"{report.findings} findings"
    )
    return line + (f"; {len(report.failed)} failed to link" if report.failed else "")


def _reason(problem: str) -> str:
    return problem.split(":", 1)[0].split("(", 1)[0].strip()


@app.command("articles")
def articles_cmd(
    db: DbOption = None,
    limit: int = 50,
    offset: int = 0,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
) -> None:
    """List stored articles with their date, outlet and title."""
    with _store(db) as store:
        rows = store.articles(limit=limit, offset=offset, outlet=outlet)
        total = store.count()
    table = Table(title=f"{total} articles", title_justify="left")
    for col in ("id", "published", "outlet", "title", "v"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(r.id, r.published or "—", r.outlet or "—", r.title or "—", str(r.version_no))
    out.print(table)


@app.command("show")
def show_cmd(article_id: Annotated[str, typer.Argument(help="Article id.")], db: DbOption = None) -> None:
    """Show one article's metadata and clean text."""
    with _store(db) as store:
        stored = store.get(article_id)
    if stored is None:
        err.print(f"{article_id}: no such article", markup=False)
        raise typer.Exit(1)
    a = stored.article
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column(overflow="fold")
    p = a.published
    for k, v in (
        ("id", a.id),
        ("title", a.title),
        ("outlet", a.outlet),
        ("url", a.url),
        ("source", a.source),
        ("byline", ", ".join(a.byline)),
        ("published", f"{p.value} ({p.precision}, {p.how})" if p.value else None),
        ("language", a.language),
        ("version", f"{stored.version_no} of {stored.versions}"),
    ):
        meta.add_row(k, v or "—")
    out.print(meta, markup=False, highlight=False)
    out.print()
    out.print(a.text, markup=False, highlight=False)


@app.command("search")
def search_cmd(query: str, db: DbOption = None, limit: int = 20) -> None:
    """Full-text search over stored articles."""
    try:
        with _store(db) as store:
            hits = store.search(query, limit=limit)
    except StorylineError as e:
        err.print(str(e), markup=False)
        raise typer.Exit(1) from e
    table = Table(title=f"{len(hits)} hits for {query!r}", title_justify="left")
    for col in ("id", "published", "outlet", "title", "snippet"):
        table.add_column(col, overflow="fold")
    for h in hits:
        table.add_row(h.id, h.published or "—", h.outlet or "—", h.title or "—", h.snippet)
    out.print(table, markup=False, highlight=False)


@app.command("analyze")
def analyze_cmd(
    paths: Paths,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON record per line.")] = False,
    workers: WorkersOption = 1,
    model: ModelOption = None,
    config_file: ConfigOption = None,
) -> None:
    """Analyze documents without touching the store; print one record per article."""
    pipeline = _pipeline(config_file, model)
    failed = 0
    table = Table(title_justify="left")
    for col in ("id", "published", "outlet", "title", "entities", "quotes", "figures", "events"):
        table.add_column(col, overflow="fold")
    items = prepare(
        paths,
        stdin=sys.stdin.buffer,
        settings=FetchSettings.from_config(),
        workers=workers,
        pipeline=pipeline,
    )
    for item in items:
        if isinstance(item, StorylineError):
            failed += 1
            err.print(str(item), markup=False, highlight=False)
            continue
        record = article_record(item.article)
        record.update(item.analysis or {})
        if as_json:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            counts = [str(len(record.get(k) or [])) for k in ("entities", "quotes", "figures", "events")]
            table.add_row(
                record["id"],
                record["published"]["value"] or "—",
                record["outlet"] or "—",
                record["title"] or "—",
                *counts,
            )
    if not as_json:
        out.print(table, markup=False, highlight=False)
    if failed:
        raise typer.Exit(1)


@app.command("link")
def link_cmd(db: DbOption = None) -> None:
    """Link analyzed articles not linked yet: entities, stories, timelines, series, stances."""
    with _store(db) as store:
        report = _link(store)
    err.print(_link_line(report), highlight=False)
    for line in report.failed:
        err.print(line, markup=False, highlight=False)
    if report.failed:
        raise typer.Exit(1)


@app.command("export")
def export_cmd(
    db: DbOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="The cross-article view as JSON (default).")
    ] = False,
    fmt: Annotated[
        str | None, typer.Option("--format", help="jsonl, csv, graphml, ftm or plover (instead of --json).")
    ] = None,
    out_dir: Annotated[Path | None, typer.Option("--out", help="Folder to write files into.")] = None,
) -> None:
    """Export the store: the cross-article JSON view, or files for the tools analysts use."""
    from storyline.interfaces.export import export_json
    from storyline.interfaces.exports import EXPORTERS, STREAMS

    if fmt is not None and fmt not in EXPORTERS:
        err.print(f"--format {fmt}: unknown (choose from {', '.join(sorted(EXPORTERS))})", markup=False)
        raise typer.Exit(2)
    with _store(db) as store:
        _link(store)
        if fmt is None:
            sys.stdout.write(export_json(store) + "\n")
        elif out_dir is not None:
            out_dir.mkdir(parents=True, exist_ok=True)
            for path in EXPORTERS[fmt](store, out_dir):
                err.print(f"wrote {path}", markup=False, highlight=False)
        elif fmt in STREAMS:
            STREAMS[fmt](store, sys.stdout)
        else:
            err.print(f"--format {fmt} writes several files: give --out DIR", markup=False)
            raise typer.Exit(2)


def _print_table(db: str | None, build: Callable[[Store], Table]) -> None:
    with _store(db) as store:
        _link(store)
        out.print(build(store))


@app.command("stories")
def stories_cmd(db: DbOption = None) -> None:
    """List stories: title, time span, articles."""
    from storyline.interfaces.tables import stories_table

    _print_table(db, stories_table)


@app.command("timeline")
def timeline_cmd(
    db: DbOption = None,
    story: Annotated[str | None, typer.Option(help="A story id.")] = None,
    entity: Annotated[str | None, typer.Option(help="An actor's id or part of a name.")] = None,
) -> None:
    """Show dated events in order, each with its sources (for a story or an actor)."""
    from storyline.interfaces.tables import timeline_table

    _print_table(db, lambda store: timeline_table(store, story=story, entity=entity))


@app.command("quotes")
def quotes_cmd(
    db: DbOption = None,
    speaker: Annotated[str | None, typer.Option(help="A speaker's id or part of a name.")] = None,
) -> None:
    """Show quotes with their speakers and sources."""
    from storyline.interfaces.tables import quotes_table

    _print_table(db, lambda store: quotes_table(store, speaker=speaker))


@app.command("figures")
def figures_cmd(
    db: DbOption = None,
    series: Annotated[str | None, typer.Option(help="A series id or part of its measure.")] = None,
) -> None:
    """List figure series, or the points of one series with who reported each."""
    from storyline.interfaces.tables import figures_table

    _print_table(db, lambda store: figures_table(store, series=series))


@app.command("stances")
def stances_cmd(
    db: DbOption = None,
    topic: Annotated[str | None, typer.Option(help="Part of a topic.")] = None,
) -> None:
    """Show who is for and against each topic, with the evidence."""
    from storyline.interfaces.tables import stances_table

    _print_table(db, lambda store: stances_table(store, topic=topic))


@app.command("changes")
def changes_cmd(
    since: Annotated[str, typer.Option(help="A date, YYYY-MM-DD: what is new on or after it.")],
    db: DbOption = None,
) -> None:
    """Print what is new since a date: stories, events, moved figures, quotes, contradictions."""
    from storyline.link.changes import changes_since

    try:
        day = date.fromisoformat(since)
    except ValueError as e:
        err.print(f"--since {since}: not a date (use YYYY-MM-DD)", markup=False, highlight=False)
        raise typer.Exit(2) from e
    with _store(db) as store:
        _link(store)
        changes = changes_since(store, day)
    sys.stdout.write(json.dumps(changes, ensure_ascii=False, sort_keys=True, indent=2) + "\n")


@app.command("serve")
def serve_cmd(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option(help="Address to bind; other than loopback only on purpose.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None, typer.Option(envvar="STORYLINE_TOKEN", help="Bearer token required by write endpoints.")
    ] = None,
) -> None:
    """Serve the web UI and the REST API (OpenAPI at /openapi.json) over the store."""
    from storyline.interfaces.api import serve

    serve(config.get("db", db), host=host, port=port, token=token)


SharedOption = Annotated[Path, typer.Option(help="The shared folder holding datasets/.")]
LimitOption = Annotated[int | None, typer.Option(help="Only the first N documents of each set.")]


def _report(module: str, function: str, shared: Path, limit: int | None, **options: object) -> None:
    """Run one evaluation, print its table, and fail when it is below its pinned floors."""
    import importlib

    evaluate = getattr(importlib.import_module(f"storyline.evaluate.{module}"), function)
    try:
        report = evaluate(shared, limit=limit, **options)
    except StorylineError as e:
        err.print(str(e), markup=False, highlight=False)
        raise typer.Exit(2) from e
    out.print(report.render(), markup=False, highlight=False)
    below = report.failures() if hasattr(report, "failures") and limit is None else []
    for line in below:
        err.print(f"below floor: {line}", markup=False, highlight=False)
    if below:
        raise typer.Exit(1)


@evaluate_app.command("extraction")
def evaluate_extraction_cmd(shared: SharedOption = Path("../shared"), limit: LimitOption = None) -> None:
    """Score body extraction and publication dates beside trafilatura and htmldate alone."""
    _report("extraction", "evaluate_extraction", shared, limit)


@evaluate_app.command("quotes")
def evaluate_quotes_cmd(
    shared: SharedOption = Path("../shared"),
    limit: LimitOption = None,
    split: Annotated[
        str, typer.Option(help="PolNeAR split: test (reported), dev or train (tuned on).")
    ] = "test",
) -> None:
    """Score quotes and speakers on PolNeAR."""
    if split not in ("test", "dev", "train"):
        err.print(f"--split: choose test, dev or train, not {split!r}", markup=False, highlight=False)
        raise typer.Exit(2)
    _report("quotes", "evaluate_quotes", shared, limit, split=split)


@evaluate_app.command("times")
def evaluate_times_cmd(shared: SharedOption = Path("../shared"), limit: LimitOption = None) -> None:
    """Score time-expression values on TempEval-3 platinum."""
    _report("times", "evaluate_times", shared, limit)


@evaluate_app.command("names")
def evaluate_names_cmd(shared: SharedOption = Path("../shared"), limit: LimitOption = None) -> None:
    """Score PERSON/ORG/LOC names on MEANTIME beside the bare spaCy model."""
    _report("names", "evaluate_names", shared, limit)


@evaluate_app.command("stories")
def evaluate_stories_cmd(shared: SharedOption = Path("../shared"), limit: LimitOption = None) -> None:
    """Score story clustering on ECB+ (B-cubed at topic and sub-topic level)."""
    _report("stories", "evaluate_stories", shared, limit)


@evaluate_app.command("timelines")
def evaluate_timelines_cmd(
    shared: SharedOption = Path("../shared"),
    limit: LimitOption = None,
    corpus: Annotated[
        str, typer.Option(help="test: corpora 1-3 (reported); trial: the Apple trial set (tuned on).")
    ] = "test",
) -> None:
    """Score entity timelines on SemEval-2015 TimeLine Track A beside the best official run."""
    _report("timelines", "evaluate_timelines", shared, limit, corpus=corpus)


@app.command("bench")
def bench_cmd(
    shared: SharedOption = Path("../shared"),
    output: Annotated[Path, typer.Option(help="The markdown report to write.")] = Path("docs/benchmarks.md"),
    work: Annotated[Path, typer.Option(help="Scratch folder for inputs and stores.")] = Path("out/bench"),
    quick: Annotated[bool, typer.Option(help="A few articles per row (a smoke run).")] = False,
) -> None:
    """Measure speed and memory side by side with trafilatura, bare spaCy and other tools."""
    from storyline.evaluate.bench import run_benchmarks

    report = run_benchmarks(shared, work, quick=quick)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(report.render_markdown(), encoding="utf-8")
    err.print(f"wrote {output}", markup=False, highlight=False)


def main() -> None:
    """Run the command line."""
    app()
