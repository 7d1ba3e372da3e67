"""Read SemEval-2015 Task 4 (TimeLine): the Track A TimeML inputs, target entities and gold timelines.

``read_corpus(shared, 1)`` opens ``datasets/semeval2015-timeline/SemEval2015-Task4-TimeLine.tar.xz``
and returns corpus 1: its 30 documents (text rebuilt from the ``<s id>`` sentences, tokens joined
by spaces and sentences by newlines, with every token's span, sentence id and word form, so an
event found at a character offset can be named ``<docid>-<sentence>-<word form>`` like the gold),
the target entities, and one gold timeline per entity. ``read_corpus(shared, "trial")`` reads
the trial set (30 Apple documents in CAT XML, six gold timelines, targets from their first
lines): the one to tune on, leaving corpora 1-3 for the test.
"""

from __future__ import annotations

import re
import tarfile
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

DATASET = Path("datasets") / "semeval2015-timeline" / "SemEval2015-Task4-TimeLine.tar.xz"
ROOT = "SemEval2015-Task4-TimeLine/SemEval_Task4_data"
TRIAL_ROOT = "SemEval2015-Task4-TimeLine"
CORPORA = (1, 2, 3)
TRIAL = "trial"


@dataclass(frozen=True, slots=True)
class Token:
    """One input token: its span in the rebuilt text, sentence id and word form."""

    start: int
    end: int
    sentence: int
    text: str


@dataclass(frozen=True, slots=True)
class TimelineDoc:
    """One Track A input document: id, creation time (DCT), title sentence, text and tokens."""

    docid: str
    dct: str | None
    title: str
    text: str
    tokens: tuple[Token, ...]

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """Return the tokens that overlap the span ``[start, end)``."""
        starts = [t.start for t in self.tokens]
        i = max(0, bisect_right(starts, start) - 1)
        out = []
        for t in self.tokens[i:]:
            if t.start >= end:
                break
            if t.end > start:
                out.append(t)
        return out


@dataclass(frozen=True, slots=True)
class TimelineLine:
    """One timeline line: order position (0 = not placed), ISO date with ``XX``, coreferent events."""

    order: int
    date: str
    events: tuple[str, ...]

    def raw(self) -> str:
        """Return the line as the task writes it (tab-separated)."""
        return "\t".join([str(self.order), self.date, *self.events])


@dataclass(frozen=True, slots=True)
class Timeline:
    """A timeline of one target entity."""

    entity: str
    lines: tuple[TimelineLine, ...]


@dataclass(frozen=True, slots=True)
class TimelineCorpus:
    """One evaluation corpus: documents, target entities and gold timelines (by file name)."""

    def gold_of(self, target: str) -> Timeline:
        """Return the gold timeline of a target entity (empty when the corpus has none)."""
        return self.gold.get(timeline_file_name(target), Timeline(target, ()))

    name: str
    docs: tuple[TimelineDoc, ...]
    targets: tuple[str, ...]
    gold: dict[str, Timeline]


def read_timeml(data: bytes) -> TimelineDoc:
    """Parse one Track A TimeML file (``<DOCID>``, ``<DCT>``, ``<s id>`` sentences)."""
    root = ElementTree.fromstring(data)
    docid = (root.findtext("DOCID") or "").strip()
    timex = root.find("DCT/TIMEX3")
    dct = timex.get("value") if timex is not None else None
    sentences = [(int(s.get("id", "0")), "".join(s.itertext()).split()) for s in root.iter("s")]
    return _document(docid, dct, sentences)


def read_cat(data: bytes) -> TimelineDoc:
    """Parse one CAT XML file (``<token sentence=…>`` words, the CREATION_TIME ``TIMEX3``) like TimeML."""
    root = ElementTree.fromstring(data)
    docid = root.get("doc_id", "").strip()
    dct = next(
        (t.get("value") for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"), None
    )
    sentences: dict[int, list[str]] = {}
    for tok in root.iter("token"):
        sentences.setdefault(int(tok.get("sentence", "0")), []).append((tok.text or "").strip())
    return _document(docid, dct, [(sid, [w for w in sentences[sid] if w]) for sid in sorted(sentences)])


def _document(docid: str, dct: str | None, sentences: list[tuple[int, list[str]]]) -> TimelineDoc:
    """Join (sentence id, words) into text: words by spaces, sentences by newlines; the first is the title."""
    parts: list[str] = []
    tokens: list[Token] = []
    pos = 0
    title = ""
    for sid, words in sentences:
        if not words:
            continue
        if not title:
            title = " ".join(words)
        if parts:
            parts.append("\n")
            pos += 1
        for k, w in enumerate(words):
            if k:
                parts.append(" ")
                pos += 1
            tokens.append(Token(pos, pos + len(w), sid, w))
            parts.append(w)
            pos += len(w)
    return TimelineDoc(docid, dct, title, "".join(parts), tuple(tokens))


def read_timeline(text: str) -> Timeline:
    """Parse a timeline file: the entity on line 1, then ``order<TAB>date<TAB>event…`` lines."""
    rows = text.splitlines()
    lines = []
    for row in rows[1:]:
        cells = [c.strip() for c in row.split("\t") if c.strip()]
        if len(cells) < 3 or not cells[0].lstrip("-").isdigit():
            continue
        lines.append(TimelineLine(int(cells[0]), cells[1], tuple(cells[2:])))
    return Timeline(rows[0].strip() if rows else "", tuple(lines))


def timeline_file_name(entity: str) -> str:
    """Return the file name the task gives an entity's timeline ("Boeing 777" → ``boeing_777.txt``)."""
    name = entity.lower().replace("&", "_and_")
    return re.sub("[^0-9a-z]+", "_", name) + ".txt"


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where one corpus lies in the archive: its documents (and how to parse them), gold, targets."""

    name: str
    docs: str  # path prefix of the documents
    suffix: str
    parse: Callable[[bytes], TimelineDoc]
    gold: str  # path prefix of the gold timelines
    targets: str | None  # path prefix of the target list; None: each timeline's first line names it


def _layout(number: int | str) -> _Layout:
    if number == TRIAL:
        return _Layout(TRIAL, f"{TRIAL_ROOT}/Corpus-trial-data_task4/", ".xml", read_cat,
                       f"{TRIAL_ROOT}/TimeLines_trial_data_task4_v1.2/", None)
    base = f"{ROOT}/corpus_{number}/"
    return _Layout(f"corpus_{number}", base + "corpus_trackA_TimeML/", ".tml", read_timeml,
                   base + "TimeLines_Gold_Standard/", base + "list_target_entities")


def read_corpus(shared: Path, number: int | str, limit: int | None = None) -> TimelineCorpus:
    """Read corpus ``number`` (1-3, or ``"trial"``) from the archive; ``limit`` keeps its first documents."""
    layout = _layout(number)
    docs: list[TimelineDoc] = []
    gold: dict[str, Timeline] = {}
    targets: tuple[str, ...] = ()
    with tarfile.open(shared / DATASET, "r:xz") as tar:
        for m in sorted((m for m in tar.getmembers() if m.isfile()), key=lambda m: m.name):
            f = tar.extractfile(m)
            if f is None:
                continue
            if m.name.startswith(layout.docs) and m.name.endswith(layout.suffix):
                docs.append(layout.parse(f.read()))
            elif m.name.startswith(layout.gold) and m.name.endswith(".txt"):
                # Keyed by file name, as the official scorer pairs files: a first line may be misspelt.
                gold[Path(m.name).name] = read_timeline(f.read().decode("utf-8"))
            elif layout.targets and m.name.startswith(layout.targets):
                targets = tuple(x.strip() for x in f.read().decode("utf-8").splitlines() if x.strip())
    if layout.targets is None:
        targets = tuple(sorted(t.entity for t in gold.values()))
    docs.sort(key=lambda d: int(d.docid) if d.docid.isdigit() else 0)
    return TimelineCorpus(layout.name, tuple(docs[:limit] if limit else docs), targets, gold)
