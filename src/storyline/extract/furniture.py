"""Page furniture in plain-text news: load the lexicon (data) and apply it to an article's lines.

The rules live in ``lexicon/furniture.toml``; this module only knows how to apply a *kind* of
rule (whole-line patterns, leading crumbs, repeated headings, an author line above a date line,
the title) and never names a phrase itself. ``plan(lines)`` is a pure function of the lines.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from storyline.errors import ConfigError
from storyline.extract.dates import parse_printed_date
from storyline.model import Published

LEXICON_PATH = Path(__file__).with_name("lexicon") / "furniture.toml"

_ACTIONS = ("drop", "byline", "date")
_PLACES = ("any", "top", "bottom")
_CLOSERS = "\"'”’»)]"
_WORD = re.compile(r"[^\W_][\w’'-]*")
_NAME_TOKEN = re.compile(r"(?:[A-Z][\w’'-]*\.?|[A-Z]\.)(?:-[A-Z][\w’'-]*)?")


@dataclass(frozen=True, slots=True)
class LineRule:
    """One whole-line rule of the lexicon: a kind, what to do with a match, and where it applies."""

    kind: str
    action: str
    where: str
    max_words: int
    pattern: re.Pattern[str]
    rank: int = 0
    require_names: bool = False


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The compiled furniture lexicon."""

    rules: tuple[LineRule, ...]
    top_lines: int
    bottom_lines: int
    title_max_words: int
    title_max_chars: int
    title_no_final: str
    title_case_ratio: float
    title_case_min_words: int
    small_words: frozenset[str]
    crumb_max_words: int
    crumb_top_lines: int
    crumb_join: re.Pattern[str]
    repeated_max_words: int
    author_min_words: int
    author_max_words: int
    particles: frozenset[str]
    not_names: frozenset[str]
    name_separators: re.Pattern[str]
    teaser_prefixes: tuple[re.Pattern[str], ...]
    teaser_follow: frozenset[str]
    teaser_follow_max_chars: int


@dataclass(frozen=True, slots=True)
class Plan:
    """What to do with an article's lines: which to keep, the title, byline, printed date, cut prefixes."""

    keep: tuple[bool, ...]
    title: int | None = None
    byline: tuple[str, ...] = ()
    printed: Published = field(default_factory=Published)
    removed: tuple[tuple[int, str], ...] = ()
    prefix_cut: tuple[tuple[int, int], ...] = ()


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """Load and compile the furniture lexicon (read-only, so cached per process)."""
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
        return _compile(data)
    except (OSError, tomllib.TOMLDecodeError, KeyError, ValueError, re.error) as err:
        raise ConfigError(str(path), f"bad furniture lexicon: {err}") from err


def _compile(data: dict[str, Any]) -> Lexicon:
    rules: list[LineRule] = []
    for entry in data.get("line", []):
        action, where = entry["action"], entry.get("where", "any")
        if action not in _ACTIONS or where not in _PLACES:
            raise ValueError(f"rule {entry.get('kind')!r}: action {action!r} or where {where!r} unknown")
        flags = re.I if entry.get("ignore_case", True) else 0
        agencies = "|".join(entry.get("agencies", []))
        credits = "|".join(f"(?:{c.replace('{agency}', agencies)})" for c in entry.get("credits", []))
        for pattern in entry["patterns"]:
            rules.append(LineRule(
                kind=entry["kind"], action=action, where=where, max_words=int(entry.get("max_words", 12)),
                pattern=re.compile(pattern.replace("{credit}", f"(?:{credits})"), flags),
                rank=int(entry.get("rank", 0)), require_names=bool(entry.get("require_names", False)),
            ))
    layout, title, crumb, author, teaser = (data[k] for k in ("layout", "title", "crumb", "author", "teaser"))
    return Lexicon(
        rules=tuple(rules),
        top_lines=int(layout["top_lines"]),
        bottom_lines=int(layout["bottom_lines"]),
        title_max_words=int(title["max_words"]),
        title_max_chars=int(title["max_chars"]),
        title_no_final=str(title["no_final"]),
        title_case_ratio=float(title["title_case_ratio"]),
        title_case_min_words=int(title["title_case_min_words"]),
        small_words=frozenset(w.lower() for w in title["small_words"]),
        crumb_max_words=int(crumb["max_words"]),
        crumb_top_lines=int(crumb["top_lines"]),
        crumb_join=re.compile(crumb["join"]),
        repeated_max_words=int(data["repeated"]["max_words"]),
        author_min_words=int(author["min_words"]),
        author_max_words=int(author["max_words"]),
        particles=frozenset(p.lower() for p in author["particles"]),
        not_names=frozenset(p.lower() for p in author["not_names"]),
        name_separators=re.compile(author["separators"], re.I),
        teaser_prefixes=tuple(re.compile(p, re.I) for p in teaser["prefixes"]),
        teaser_follow=frozenset(teaser["follow"]),
        teaser_follow_max_chars=int(teaser["follow_max_chars"]),
    )


def is_heading(lex: Lexicon, line: str, max_words: int | None = None) -> bool:
    """Return whether ``line`` reads like a heading: short, with letters, not ending like a sentence."""
    words = line.split()
    if not words or len(words) > (max_words or lex.title_max_words) or len(line) > lex.title_max_chars:
        return False
    if not any(c.isalpha() for c in line):
        return False
    core = line.rstrip(_CLOSERS)
    if core.endswith(("...", "…")) or core[-1:] not in lex.title_no_final:
        return True
    return core.endswith(".") and not core.endswith("..") and _title_case(lex, core)


def _title_case(lex: Lexicon, line: str) -> bool:
    # the first word is capitalised in any sentence, so it says nothing
    words = [w for w in _WORD.findall(line)[1:] if w.lower() not in lex.small_words]
    if len(words) < lex.title_case_min_words:
        return False
    return sum(w[0].isupper() or w[0].isdigit() for w in words) >= lex.title_case_ratio * len(words)


def is_crumb(lex: Lexicon, line: str) -> bool:
    """Return whether ``line`` looks like glued section crumbs ("SectionSubsection")."""
    words = line.split()
    return (0 < len(words) <= lex.crumb_max_words and not any(c.isdigit() for c in line)
            and line[-1:].isalpha() and bool(lex.crumb_join.search(line)))


def looks_like_name(
    lex: Lexicon, text: str, min_words: int | None = None, max_words: int | None = None
) -> bool:
    """Return whether ``text`` is just a person's name: capitalised words, particles, initials."""
    words = text.split()
    low, high = min_words or lex.author_min_words, max_words or lex.author_max_words
    if not low <= len(words) <= high:
        return False
    named = 0
    for w in words:
        if w.lower() in lex.not_names:
            return False
        if w.lower() in lex.particles or w.lower().removesuffix("-") in lex.particles:
            continue
        if not _NAME_TOKEN.fullmatch(w) or any(c.isdigit() for c in w):
            return False
        named += 1
    return named >= 1


def split_names(lex: Lexicon, text: str, min_words: int = 1, max_words: int = 5) -> list[str]:
    """Split "A, B and C" into names, keeping only the parts that look like names."""
    parts = [_bare_name(p.strip(" .")) for p in lex.name_separators.split(text)]
    return [p for p in parts if p and looks_like_name(lex, p, min_words, max_words)]


# "The Courier's Ana Lind in Oslo" → "Ana Lind": an outlet's possessive before a
# contributor's name and the place they reported from after it are not the name.
_POSSESSOR = re.compile(r"^(?:[A-Z][\w.&-]*\s){0,4}[A-Z][\w.&-]*['’]s\s+(?=[A-Z])")
_REPORTED_FROM = re.compile(r"\s+in\s+[A-Z][\w.-]*(?:\s[A-Z][\w.-]*){0,2}$")


def _bare_name(part: str) -> str:
    return _REPORTED_FROM.sub("", _POSSESSOR.sub("", part))


def match_line(
    lex: Lexicon, line: str, places: Sequence[str] = ("any",)
) -> tuple[LineRule, re.Match[str]] | None:
    """Return the first rule (applying in ``places``) matching the whole of ``line``, with its match."""
    n_words = len(line.split())
    for rule in lex.rules:
        if rule.where not in places or n_words > rule.max_words:
            continue
        m = rule.pattern.fullmatch(line)
        if m is None:
            continue
        if rule.action == "date" and parse_printed_date(m["date"]) is None:
            continue
        if rule.require_names and not split_names(lex, m["names"]):
            continue
        return rule, m
    return None


def teaser_prefix(lex: Lexicon, line: str) -> int:
    """Return how many leading characters of ``line`` are a live-coverage teaser (0 if none)."""
    for pattern in lex.teaser_prefixes:
        m = pattern.match(line)
        if m:
            return m.end()
    return 0


def _same(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def plan(lines: Sequence[str], lex: Lexicon | None = None) -> Plan:
    """Decide which of an article's non-empty lines are furniture, title, byline or date line."""
    lex = lex or load_lexicon()
    n = len(lines)
    keep = [True] * n
    removed: dict[int, str] = {}
    byline: list[tuple[int, str]] = []  # (line, name): reported in reading order
    dates: list[tuple[int, int, str, str]] = []  # (rank, line, value, precision)
    date_lines: list[int] = []

    def drop(i: int, kind: str) -> None:
        keep[i] = False
        removed[i] = kind

    def apply(i: int, rule: LineRule, m: re.Match[str]) -> None:
        drop(i, rule.kind)
        if rule.action == "byline":
            byline.extend((i, name) for name in split_names(lex, m["names"]))
        elif rule.action == "date":
            value, precision = parse_printed_date(m["date"]) or ("", "")
            dates.append((rule.rank, i, value, precision))
            date_lines.append(i)

    def remaining() -> list[int]:
        return [i for i in range(n) if keep[i]]

    for i, line in enumerate(lines):
        hit = match_line(lex, line, ("any",))
        if hit:
            apply(i, *hit)

    rest = remaining()
    for pos, (a, b) in enumerate(itertools.pairwise(rest)):
        if keep[b] and _same(lines[a], lines[b]) and is_heading(lex, lines[a], lex.repeated_max_words):
            drop(b, "repeated_line")
            # two identical first lines are a doubled title, not a video title: keep one as the title
            if pos > 0:
                drop(a, "repeated_line")

    rest = remaining()
    top = rest[: lex.top_lines]
    for i in top:
        hit = match_line(lex, lines[i], ("top",))
        if hit:
            apply(i, *hit)
    rest = remaining()
    for i in rest[-lex.bottom_lines:] if len(rest) > lex.top_lines else []:
        hit = match_line(lex, lines[i], ("bottom",))
        if hit:
            apply(i, *hit)

    # An author line sits right above a date line near the top, below the title.
    rest = remaining()
    first = rest[0] if rest else None
    top_zone = set(top)
    for d in sorted(date_lines):
        a = d - 1
        if a in top_zone and keep[a] and a != first and looks_like_name(lex, lines[a]):
            drop(a, "author_line")
            byline.append((a, lines[a]))

    rest = remaining()
    for j in range(min(lex.crumb_top_lines, len(rest) - 1)):
        i, nxt = rest[j], rest[j + 1]
        if not (is_crumb(lex, lines[i]) and is_heading(lex, lines[nxt])):
            break
        drop(i, "crumb")

    rest = remaining()
    title = rest[0] if len(rest) >= 2 and is_heading(lex, lines[rest[0]]) else None
    # A byline or date line above the body closes the header: the title is the heading
    # right above it, and heading-like lines before the title are the masthead or section.
    body_start = next((i for i in rest if not is_heading(lex, lines[i])), n)
    anchors = [i for i in ({i for i, _ in byline} | set(date_lines)) if i < body_start]
    heads = [i for i in rest if i < min(anchors) and is_heading(lex, lines[i])] if anchors else []
    if heads:
        title = heads[-1]
        for i in rest:
            if i < title:
                drop(i, "masthead")
        rest = remaining()

    prefix_cut = tuple((i, cut) for i in rest if i != title and (cut := teaser_prefix(lex, lines[i])))

    printed = Published()
    if dates:
        _, _, value, precision = min(dates)
        printed = Published(value, precision, "printed")
    return Plan(
        keep=tuple(keep),
        title=title,
        byline=tuple(dict.fromkeys(name for _, name in sorted(byline, key=lambda x: x[0]))),
        printed=printed,
        removed=tuple(sorted(removed.items())),
        prefix_cut=prefix_cut,
    )
