"""Score the extract stage on public data, side by side with the tools it wraps.

``evaluate_extraction(shared)`` reads two datasets from ``shared/datasets``
straight from their archives:

* ``article-extraction`` (181 pages, gold article bodies): storyline's
  ``extract()`` against plain ``trafilatura.extract(html)`` run here on the same
  pages, plus the stored trafilatura 2.0.0 and Readability.js outputs, all
  scored with the benchmark's 4-gram shingle metric;
* ``htmldate-mediacloud`` (195 dated pages, 5 without a date): storyline's
  publication date against htmldate alone, with and without ``original_date``.

The report renders as a plain-text table and can be checked against floors.
"""

from __future__ import annotations

import gzip
import json
import tarfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from storyline.errors import ConfigError, ExtractError
from storyline.evaluate.shingles import ShingleScore, macro_score, overlap
from storyline.model import RawDocument

ARTICLE_EXTRACTION = Path("datasets") / "article-extraction"
HTMLDATE_MEDIACLOUD = Path("datasets") / "htmldate-mediacloud" / "htmldate-mediacloud2020.tar.xz"
_STORED_BASELINES = (
    ("trafilatura 2.0.0 (stored output)", "baseline-output-trafilatura.json.gz"),
    ("readability.js (stored output)", "baseline-output-readability_js.json.gz"),
)
# The pinned floors: storyline must not fall below them (body F1 is trafilatura
# 2.0.0's published score on this set; date accuracy is htmldate's here).
FLOORS = {"body_f1": 0.958, "date_accuracy": 0.912}


@dataclass(frozen=True, slots=True)
class BodyRow:
    """One system's body-extraction score."""

    system: str
    score: ShingleScore
    seconds: float | None = None


@dataclass(frozen=True, slots=True)
class DateRow:
    """One system's publication-date score: day accuracy on dated pages, false dates on undated ones."""

    system: str
    correct: int
    dated: int
    false_dates: int
    false_day_dates: int
    undated: int
    seconds: float | None = None

    @property
    def accuracy(self) -> float:
        """Return the share of dated pages whose date is right to the day."""
        return self.correct / self.dated if self.dated else 0.0

    @property
    def false_rate(self) -> float | None:
        """Return the share of undated pages given a day-precision date, or None without such pages."""
        return self.false_day_dates / self.undated if self.undated else None


@dataclass(frozen=True, slots=True)
class ExtractionReport:
    """Body and date scores of storyline and its baselines on the two datasets."""

    body: tuple[BodyRow, ...]
    dates: tuple[DateRow, ...]
    body_pages: int
    seconds: float
    notes: tuple[str, ...] = field(default=())

    def row(self, system: str) -> BodyRow | DateRow:
        """Return the body or date row of ``system`` (body first)."""
        for r in (*self.body, *self.dates):
            if r.system == system:
                return r
        raise KeyError(system)

    def failures(self, floors: dict[str, float] | None = None) -> list[str]:
        """Return one line per floor storyline falls below (empty when all hold)."""
        floors = FLOORS if floors is None else floors
        out: list[str] = []
        body = next((r for r in self.body if r.system == "storyline"), None)
        if body and "body_f1" in floors and body.score.f1 < floors["body_f1"]:
            out.append(f"body F1 {body.score.f1:.4f} is below the floor {floors['body_f1']:.4f}")
        dates = next((r for r in self.dates if r.system == "storyline"), None)
        if dates and "date_accuracy" in floors and dates.accuracy < floors["date_accuracy"]:
            out.append(f"date accuracy {dates.accuracy:.4f} is below the floor {floors['date_accuracy']:.4f}")
        return out

    def render(self) -> str:
        """Return the report as a plain-text table."""
        lines = [
            f"Body extraction: article-extraction, {self.body_pages} pages, 4-gram shingles over \\w+ tokens",
            f"{'system':<46} {'precision':>9} {'recall':>7} {'F1':>7} {'exact':>7} {'seconds':>8}",
        ]
        for r in self.body:
            s = r.score
            secs = f"{r.seconds:8.1f}" if r.seconds is not None else f"{'-':>8}"
            lines.append(
                f"{r.system:<46} {s.precision:>9.4f} {s.recall:>7.4f} {s.f1:>7.4f} {s.accuracy:>7.4f} {secs}"
            )
        if self.dates:
            first = self.dates[0]
            lines += [
                "",
                f"Publication date: htmldate-mediacloud, {first.dated} dated + {first.undated} undated pages",
                f"{'system':<46} {'correct':>9} {'accuracy':>9} {'false day dates':>16} {'any date':>9} "
                f"{'seconds':>8}",
            ]
            for r in self.dates:
                secs = f"{r.seconds:8.1f}" if r.seconds is not None else f"{'-':>8}"
                lines.append(
                    f"{r.system:<46} {f'{r.correct}/{r.dated}':>9} {r.accuracy:>9.4f} "
                    f"{f'{r.false_day_dates}/{r.undated}':>16} {f'{r.false_dates}/{r.undated}':>9} {secs}"
                )
        lines += ["", *self.notes, f"total {self.seconds:.1f} s"]
        return "\n".join(lines)


def evaluate_extraction(shared: Path, limit: int | None = None) -> ExtractionReport:
    """Score storyline's extract stage and its baselines on ``shared/datasets``; ``limit`` pages per set."""
    started = time.perf_counter()
    pages = list(article_pages(shared, limit))
    body = [_timed_body("storyline", pages, _storyline_text)]
    body.append(_timed_body(f"trafilatura {_version('trafilatura')} (defaults)", pages, _trafilatura_text))
    for name, filename in _STORED_BASELINES:
        stored = _stored_output(shared / ARTICLE_EXTRACTION / filename)
        if stored is not None:
            score = macro_score(overlap(gold, stored.get(pid, "")) for pid, _, _, gold in pages)
            body.append(BodyRow(name, score))
    dated = list(date_pages(shared, limit))
    htmldate = f"htmldate {_version('htmldate')}"
    dates = [
        _timed_dates("storyline", dated, _storyline_date),
        _timed_dates(f"{htmldate} (original, extensive, url)", dated, _htmldate_original),
        _timed_dates(f"{htmldate} (defaults, url)", dated, _htmldate_defaults),
        _timed_dates(f"{htmldate} (original, extensive, no url)", dated, _htmldate_published_setup),
    ]
    notes = (
        "trafilatura defaults: trafilatura.extract(html) with no options, in this process.",
        "htmldate's published evaluation runs find_date(html, original_date=True, extensive_search=True)",
        "without a URL; the other htmldate rows pass the page URL, as storyline does.",
        "false day dates: undated pages given a date to the day (a year-only date is not counted).",
        "seconds: wall time here; storyline's rows time its whole extract() (text, metadata, date,",
        "offsets, language); dateparser's one-off start-up falls on the first date system run.",
    )
    return ExtractionReport(tuple(body), tuple(dates), len(pages), time.perf_counter() - started, notes)


# -- datasets -----------------------------------------------------------------

Page = tuple[str, str | None, str, str]  # (id, url, html, gold body)
DatedPage = tuple[str, str, str | None]  # (url, html, gold date or None)


def article_pages(shared: Path, limit: int | None) -> Iterator[Page]:
    """Yield (id, url, html, gold body) for the article-extraction pages, sorted by id."""
    folder = shared / ARTICLE_EXTRACTION
    gold_file = folder / "ground-truth.json.gz"
    if not gold_file.is_file():
        raise ConfigError(str(gold_file), "evaluation dataset not found")
    with gzip.open(gold_file, "rt", encoding="utf-8") as f:
        gold = json.load(f)
    for pid in sorted(gold)[:limit]:
        with gzip.open(folder / "html" / f"{pid}.html.gz") as page:
            html = page.read().decode("utf-8")
        yield pid, gold[pid].get("url"), html, gold[pid].get("articleBody", "")


def _stored_output(path: Path) -> dict[str, str] | None:
    if not path.is_file():
        return None
    with gzip.open(path, "rt", encoding="utf-8") as f:
        data = json.load(f)
    return {pid: item.get("articleBody") or "" for pid, item in data.get("output", {}).items()}


def date_pages(shared: Path, limit: int | None) -> Iterator[DatedPage]:
    """Yield (url, html, gold date or None) for the htmldate-mediacloud pages."""
    archive = shared / HTMLDATE_MEDIACLOUD
    if not archive.is_file():
        raise ConfigError(str(archive), "evaluation dataset not found")
    with tarfile.open(archive, "r:xz") as tar:
        files: dict[str, bytes] = {}
        for member in tar:
            handle = tar.extractfile(member) if member.isfile() else None
            if handle is not None:
                files[member.name.rsplit("/", 1)[-1]] = handle.read()
    # The gold file writes "no date" as a bare NaN, which Python's json accepts.
    gold = json.loads(files["eval_mediacloud_2020.json"])
    for url, item in list(gold.items())[:limit]:
        value = item.get("date")
        yield url, files[item["file"]].decode("utf-8"), value if isinstance(value, str) else None


# -- systems -------------------------------------------------------------------


def _storyline_text(pid: str, url: str | None, html: str) -> str:
    from storyline.extract import extract

    try:
        return extract(_raw(f"article-extraction/{pid}", url, html)).text
    except ExtractError:
        return ""


def _trafilatura_text(pid: str, url: str | None, html: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def _storyline_date(url: str, html: str) -> tuple[str | None, str | None]:
    from storyline.extract import extract

    try:
        published = extract(_raw(url, url, html)).published
    except ExtractError:
        return None, None
    return published.value, published.precision


def _htmldate_original(url: str, html: str) -> tuple[str | None, str | None]:
    from htmldate import find_date

    return _day(find_date(html, url=url, original_date=True, extensive_search=True))


def _htmldate_defaults(url: str, html: str) -> tuple[str | None, str | None]:
    from htmldate import find_date

    return _day(find_date(html, url=url))


def _htmldate_published_setup(url: str, html: str) -> tuple[str | None, str | None]:
    from htmldate import find_date

    return _day(find_date(html, original_date=True, extensive_search=True))


def _day(value: str | None) -> tuple[str | None, str | None]:
    return value, "day" if value else None


def _raw(source: str, url: str | None, html: str) -> RawDocument:
    return RawDocument(
        source=source, content=html.encode("utf-8"), url=url, media_type="text/html", charset="utf-8"
    )


# -- scoring -------------------------------------------------------------------


def _timed_body(name: str, pages: list[Page], system: Callable[[str, str | None, str], str]) -> BodyRow:
    started = time.perf_counter()
    predicted = [system(pid, url, html) for pid, url, html, _ in pages]
    seconds = time.perf_counter() - started
    score = macro_score(overlap(gold, text) for (_, _, _, gold), text in zip(pages, predicted, strict=True))
    return BodyRow(name, score, seconds)


def _timed_dates(
    name: str, pages: list[DatedPage], system: Callable[[str, str], tuple[str | None, str | None]]
) -> DateRow:
    started = time.perf_counter()
    found = [system(url, html) for url, html, _ in pages]
    seconds = time.perf_counter() - started
    correct = false_dates = false_day = dated = undated = 0
    for (_, _, gold), (value, precision) in zip(pages, found, strict=True):
        if gold is None:
            undated += 1
            false_dates += value is not None
            false_day += value is not None and precision == "day"
        else:
            dated += 1
            correct += value is not None and value[:10] == gold
    return DateRow(name, correct, dated, false_dates, false_day, undated, seconds)


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "?"
