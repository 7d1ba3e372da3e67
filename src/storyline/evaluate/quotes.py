"""Score quotes and speakers on PolNeAR (political news attribution relations).

``evaluate_quotes(shared)`` reads ``datasets/polnear/PolNeAR-v1.0.0-text-attributions.tar.xz``
straight from the archive, runs the entities and quotes components on the raw text
of every article of one split (offsets are the annotation's), and compares:

* **gold** — the attributions whose Content holds a double quote mark (“ ” ", or the two
  apostrophes '' that stand for one in some archived New York Times texts): direct and
  mixed quotes. One annotator per article: the lexicographically first id.
* **predicted** — storyline's direct and partial quotes.
* a predicted quote **matches** a gold attribution when its span shares a word
  character with one of the Content's segments. Recall = gold attributions matched;
  precision = predicted quotes that overlap the Content of any annotated attribution
  (PolNeAR also annotates quoted speech whose marks are single quotes).
* the **speaker is correct** when the predicted speaker span overlaps the gold
  Source, or the speaker's name shares its last word with the Source's last word
  ("Trump" = "Donald Trump"), or the Source is a relative pronoun ("who") and the
  predicted speaker is named just before it (its antecedent), or the Source is a
  personal pronoun and the predicted speaker span is the same pronoun close by ("he
  told … that he agrees …"); a gold attribution without a Source wants no speaker.
  Speaker recall counts gold attributions matched by a quote with the right speaker,
  speaker precision counts predicted quotes that match some attribution with the
  right speaker. The headline is the F1 of those two.

With ``indirect=True`` the component also reports indirect speech; those quotes are
scored apart, against the attributions without quote marks.
``QuotesReport.render()`` prints the table, miss counts by cause, and examples.
"""

from __future__ import annotations

import re
import tarfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from storyline.analyze.quote_marks import find_quoted
from storyline.errors import ConfigError
from storyline.model import Quote

ARCHIVE = Path("datasets") / "polnear" / "PolNeAR-v1.0.0-text-attributions.tar.xz"
SPLITS = ("train", "dev", "test", "annotator-training")
QUOTE_MARKS = "“”\""
_T_LINE = re.compile(r"^(T\d+)\t([A-Za-z-]+) (\d+ \d+(?:;\d+ \d+)*)\t")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")
_WORD = re.compile(r"\w")
_EXAMPLES = 25
_RELATIVE = {"who", "whom", "that", "which", "whose"}
_PERSONAL = {"he", "she", "it", "they", "i", "we"}
_RELATIVE_REACH = 150  # characters between an antecedent and its relative pronoun

Segments = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Attribution:
    """One gold attribution: content, source and cue segments (character offsets)."""

    content: Segments
    source: Segments
    cue: Segments


@dataclass(frozen=True, slots=True)
class PolnearArticle:
    """One article's text and its attributions (one annotator)."""

    name: str
    text: str
    attributions: tuple[Attribution, ...]


@dataclass(frozen=True, slots=True)
class Miss:
    """One disagreement: a gold quote not found, a wrong speaker, or a quote with no gold."""

    kind: str  # "missed" | "speaker" | "extra"
    cause: str
    article: str
    text: str
    gold_speaker: str | None = None
    speaker: str | None = None
    context: str = ""  # the text around the quote, to read the miss in place


@dataclass
class QuotesReport:
    """Counts of one PolNeAR run and the misses behind them."""

    split: str
    articles: int = 0
    gold: int = 0
    found: int = 0
    found_speaker: int = 0
    predicted: int = 0
    predicted_ok: int = 0
    predicted_speaker_ok: int = 0
    indirect_gold: int = 0
    indirect_found: int = 0
    indirect_predicted: int = 0
    indirect_ok: int = 0
    indirect_speaker_ok: int = 0
    misses: list[Miss] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Return predicted quotes overlapping an attribution over all predicted quotes."""
        return _div(self.predicted_ok, self.predicted)

    @property
    def recall(self) -> float:
        """Return gold direct quotes overlapped by a predicted quote over all gold direct quotes."""
        return _div(self.found, self.gold)

    @property
    def f1(self) -> float:
        """Return the F1 of quote precision and recall."""
        return _f1(self.precision, self.recall)

    @property
    def speaker_precision(self) -> float:
        """Return predicted quotes matching an attribution with the right speaker over all predicted."""
        return _div(self.predicted_speaker_ok, self.predicted)

    @property
    def speaker_recall(self) -> float:
        """Return gold direct quotes found with the right speaker over all gold direct quotes."""
        return _div(self.found_speaker, self.gold)

    @property
    def speaker_f1(self) -> float:
        """Return the F1 of quotes with the right speaker (the headline number)."""
        return _f1(self.speaker_precision, self.speaker_recall)

    def render(self, examples: int | None = _EXAMPLES) -> str:
        """Return the table, miss counts and ``examples`` misses of each kind (None: all of them)."""
        rows = [
            ("articles", str(self.articles)),
            ("gold direct/mixed quotes", str(self.gold)),
            ("storyline quotes (direct+partial)", str(self.predicted)),
            ("quote precision", f"{self.precision:.3f}"),
            ("quote recall", f"{self.recall:.3f}"),
            ("quote F1", f"{self.f1:.3f}"),
            ("with correct speaker: precision", f"{self.speaker_precision:.3f}"),
            ("with correct speaker: recall", f"{self.speaker_recall:.3f}"),
            ("with correct speaker: F1", f"{self.speaker_f1:.3f}"),
            ("speaker accuracy on found", _ratio(self.found_speaker, self.found)),
        ]
        if self.indirect_predicted or self.indirect_found:
            n = self.indirect_predicted
            rows += [
                ("indirect: predicted", str(n)),
                ("indirect: precision", _ratio(self.indirect_ok, n)),
                ("indirect: precision with speaker", _ratio(self.indirect_speaker_ok, n)),
                ("indirect: recall (no-mark attributions)", _ratio(self.indirect_found, self.indirect_gold)),
            ]
        width = max(len(k) for k, _ in rows)
        lines = [f"PolNeAR {self.split}: direct and mixed quotes with speakers", ""]
        lines += [f"{k:<{width}}  {v}" for k, v in rows]
        counts = Counter((m.kind, m.cause) for m in self.misses)
        if counts:
            lines += ["", "misses by cause:"]
            lines += [f"  {n:5d}  {kind}: {cause}" for (kind, cause), n in counts.most_common()]
        for kind in ("missed", "speaker", "extra"):
            shown = [m for m in self.misses if m.kind == kind][:examples]
            if shown:
                lines += ["", f"examples, {kind} (article | text | gold speaker | storyline speaker):"]
                lines += [f"  {m.article} | {_short(m.text)!r} | {m.gold_speaker} | {m.speaker}"
                          for m in shown]
        return "\n".join(lines)

    def list_misses(self, kinds: tuple[str, ...] = ("missed", "speaker", "extra")) -> str:
        """Return every miss of ``kinds`` with the text around it, one block each (to study them)."""
        blocks = [f"[{m.kind}: {m.cause}] {m.article}\n  quote:   {_short(m.text, 200)!r}\n"
                  f"  gold:    {m.gold_speaker}\n  ours:    {m.speaker}\n  context: {_short(m.context, 600)}"
                  for m in self.misses if m.kind in kinds]
        return "\n\n".join(blocks)


def _div(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "—"


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


# --- reading the corpus -----------------------------------------------------------------------


def read_ann(data: str) -> tuple[Attribution, ...]:
    """Parse one brat ``.ann`` file into its attributions."""
    spans: dict[str, Segments] = {}
    events: list[dict[str, str]] = []
    for line in data.splitlines():
        m = _T_LINE.match(line)
        if m:
            spans[m.group(1)] = tuple(
                (int(a), int(b)) for a, b in (seg.split() for seg in m.group(3).split(";")))
            continue
        m = _E_LINE.match(line)
        if m:
            events.append(dict(part.split(":", 1) for part in m.group(2).split() if ":" in part))
    out = []
    for ev in events:
        if "Content" not in ev or ev["Content"] not in spans:
            continue
        out.append(Attribution(spans[ev["Content"]], spans.get(ev.get("Source", ""), ()),
                               spans.get(ev.get("Cue", ""), ())))
    return tuple(out)


def read_split(shared: Path, split: str = "dev", limit: int | None = None) -> Iterator[PolnearArticle]:
    """Yield the articles of one PolNeAR split with one annotator's attributions each."""
    if split not in SPLITS:
        raise ConfigError("polnear", f"unknown split {split!r}; choose from {', '.join(SPLITS)}")
    path = shared / ARCHIVE
    if not path.exists():
        raise ConfigError(str(path), "the PolNeAR archive is missing")
    texts: dict[str, bytes] = {}
    anns: dict[str, tuple[str, bytes]] = {}
    with tarfile.open(path, "r:xz") as tar:
        for member in tar:
            parts = member.name.split("/")
            if not member.isfile() or len(parts) != 4 or parts[1] != split:
                continue
            f = tar.extractfile(member)
            if f is None:
                continue
            if parts[2] == "text" and parts[3].endswith(".txt"):
                texts[parts[3][:-4]] = f.read()
            elif parts[2] == "attributions" and parts[3].endswith(".ann"):
                article, annotator = parts[3][:-4].rsplit("_", 1)
                if article not in anns or annotator < anns[article][0]:
                    anns[article] = (annotator, f.read())
    names = sorted(n for n in texts if n in anns)
    for name in names[:limit] if limit else names:
        yield PolnearArticle(name, texts[name].decode("utf-8"), read_ann(anns[name][1].decode("utf-8")))


# --- scoring --------------------------------------------------------------------------------


def _overlaps(text: str, span: tuple[int, int], segments: Segments) -> bool:
    for start, end in segments:
        a, b = max(span[0], start), min(span[1], end)
        if a < b and _WORD.search(text, a, b):
            return True
    return False


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def speaker_correct(text: str, quote: Quote, gold: Attribution) -> bool:
    """Return True when ``quote``'s speaker is ``gold``'s source (see module doc)."""
    if not gold.source:
        return quote.speaker is None
    if quote.speaker is None:
        return False
    span = quote.speaker.span
    if span is not None and _overlaps(text, span, gold.source):
        return True
    source = " ".join(text[s:e] for s, e in gold.source).strip().lower()
    if source in _RELATIVE and span is not None and 0 <= gold.source[0][0] - span[1] <= _RELATIVE_REACH:
        return True  # "Lee, who said …": the relative pronoun's antecedent is right before it
    if source in _PERSONAL and span is not None and text[span[0]:span[1]].lower() == source and \
            abs(gold.source[0][0] - span[0]) <= _RELATIVE_REACH:
        return True  # "he told … that he agrees …": the same pronoun close by names the same person
    gold_words = _words(" ".join(text[s:e] for s, e in gold.source))
    name_words = _words(quote.speaker.name)
    return bool(gold_words and name_words) and (gold_words[-1] in name_words or name_words[-1] in gold_words)


def score_article(article: PolnearArticle, quotes: list[Quote], report: QuotesReport) -> None:
    """Add one article's comparison to ``report``."""
    text = article.text
    report.articles += 1
    direct = [q for q in quotes if q.kind != "indirect"]
    indirect = [q for q in quotes if q.kind == "indirect"]
    gold = [a for a in article.attributions if _has_marks(text, a)]
    plain = [a for a in article.attributions if not _has_marks(text, a)]
    for att in gold:
        report.gold += 1
        hits = [q for q in direct if _overlaps(text, q.span, att.content)]
        if not hits:
            report.misses.append(Miss("missed", _miss_cause(text, att), article.name, _content(text, att),
                                      _source(text, att), context=_context(text, att.content)))
            continue
        report.found += 1
        if any(speaker_correct(text, q, att) for q in hits):
            report.found_speaker += 1
        else:
            q = hits[0]
            report.misses.append(Miss("speaker", _speaker_cause(q, att), article.name, q.text,
                                      _source(text, att), q.speaker.name if q.speaker else None,
                                      _context(text, (q.span, *att.source))))
    for q in direct:
        report.predicted += 1
        atts = [a for a in article.attributions if _overlaps(text, q.span, a.content)]
        if not atts:
            cause = "no speaker found" if q.speaker is None else f"{q.kind}, not an attribution in the gold"
            report.misses.append(Miss("extra", cause, article.name, q.text, None,
                                      q.speaker.name if q.speaker else None, _context(text, (q.span,))))
            continue
        report.predicted_ok += 1
        if any(speaker_correct(text, q, a) for a in atts):
            report.predicted_speaker_ok += 1
    report.indirect_gold += len(plain)
    report.indirect_found += sum(any(_overlaps(text, q.span, a.content) for q in indirect) for a in plain)
    report.indirect_predicted += len(indirect)
    for q in indirect:
        atts = [a for a in article.attributions if _overlaps(text, q.span, a.content)]
        report.indirect_ok += bool(atts)
        report.indirect_speaker_ok += any(speaker_correct(text, q, a) for a in atts)


def _has_marks(text: str, att: Attribution) -> bool:
    return any(any(ch in QUOTE_MARKS for ch in text[s:e]) or "''" in text[s:e] for s, e in att.content)


def _context(text: str, segments: Segments, reach: int = 200) -> str:
    start = max(0, min(s for s, _ in segments) - reach)
    end = min(len(text), max(e for _, e in segments) + reach)
    return text[start:end]


def _content(text: str, att: Attribution) -> str:
    return " … ".join(text[s:e] for s, e in att.content)


def _source(text: str, att: Attribution) -> str | None:
    return " ".join(text[s:e] for s, e in att.source) or None


def _miss_cause(text: str, att: Attribution) -> str:
    start = min(s for s, _ in att.content)
    end = max(e for _, e in att.content)
    found = [q for q in find_quoted(text) if q.end > start and q.start < end]
    if not found:
        return "quote marks not paired"
    if not att.source:
        return "passage dropped (no source in gold either)"
    return "passage dropped: no speaker found for a fragment"


def _speaker_cause(quote: Quote, att: Attribution) -> str:
    if quote.speaker is None:
        return "no speaker given"
    if not att.source:
        return "speaker given, gold has no source"
    return "another speaker"


def evaluate_quotes(shared: Path, limit: int | None = None, split: str = "dev",
                    indirect: bool = False) -> QuotesReport:
    """Run entities and quotes over a PolNeAR split and score quotes and speakers (see module doc)."""
    from storyline.analyze.pipeline import build_pipeline
    from storyline.analyze.quotes import QuotesComponent

    nlp = build_pipeline(components=("storyline_entities",))
    quotes = QuotesComponent(nlp, indirect=indirect)
    report = QuotesReport(split)
    for article in read_split(shared, split, limit):
        doc = nlp.make_doc(article.text)
        doc._.article_id = article.name
        doc = quotes(nlp(doc))
        score_article(article, list(doc._.quotes or ()), report)
    return report
