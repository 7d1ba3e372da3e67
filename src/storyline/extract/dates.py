"""Publication dates: printed date lines, URL dates and inference from weekdays."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from urllib.parse import urlsplit

from storyline.model import Published

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTH = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_WEEKDAY_PREFIX = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?\s+)?"
# A printed date may be followed by a clock time and a zone ("9:35 AM", "09:35 GMT+1"), never by words.
_TIME_TAIL = (
    r"(?:\s*(?:,|\||-|–|—|at|@)?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\.?)?"
    r"\s*(?:\(?[a-z]{2,5}(?:\s?[+-]\s?\d{1,2}(?::?\d{2})?)?\)?)?)?"
)
_PRINTED = [
    (re.compile(rf"{_WEEKDAY_PREFIX}{_MONTH}\s+{_DAY},?\s+{_YEAR}{_TIME_TAIL}", re.I), "day"),
    (re.compile(rf"{_WEEKDAY_PREFIX}{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}{_TIME_TAIL}", re.I), "day"),
    (re.compile(rf"{_YEAR}-(?P<mon>\d{{1,2}})-(?P<day>\d{{1,2}})(?:[T\s]\d{{1,2}}:\d{{2}}\S*)?{_TIME_TAIL}",
                re.I), "day"),
    (re.compile(rf"{_MONTH},?\s+{_YEAR}", re.I), "month"),
]

_URL_DAY = [
    re.compile(r"/(?P<year>(?:19|20)\d{2})/(?P<mon>\d{1,2})/(?P<day>\d{1,2})(?=/|$|[-_.])"),
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})-(?P<mon>\d{2})-(?P<day>\d{2})(?!\d)"),
    re.compile(r"/(?P<year>(?:19|20)\d{2})(?P<mon>\d{2})(?P<day>\d{2})(?=/|$)"),
]
_URL_MONTH = re.compile(r"/(?P<year>(?:19|20)\d{2})/(?P<mon>\d{1,2})(?=/|$)")

_WEEKDAY_WORD = re.compile(r"\b(?P<lead>\w+\s+)?(?P<wd>" + "|".join(WEEKDAYS) + r")\b", re.I)
# Words before a weekday that point forward in time: such a day says nothing about when the text was written.
_FUTURE_LEADS = {"next", "coming", "until", "till", "by", "before", "from", "following"}
_FUTURE_CLAUSE = re.compile(
    r"\b(?:will|would|shall|expected|scheduled|plans? to|due to|set to|next)\b|'ll\b", re.I
)
_CLAUSE_BREAK = re.compile(r"[.;!?\n]")


def parse_date_value(value: str) -> tuple[str, str] | None:
    """Parse an ISO-like or free-form date string into (value, precision)."""
    value = value.strip()
    m = _ISO.match(value)
    if m:
        y, mo, d = m.groups()
        try:
            if d:
                return date(int(y), int(mo), int(d)).isoformat(), "day"
            if mo:
                return f"{int(y):04d}-{int(mo):02d}", "month"
            return f"{int(y):04d}", "year"
        except ValueError:
            return None
    import dateparser

    settings = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    parsed = dateparser.parse(value, settings=settings)
    return (parsed.date().isoformat(), "day") if parsed else None


def parse_printed_date(text: str) -> tuple[str, str] | None:
    """Parse a whole printed date ("January 10, 2024, 9:35 AM", "6 Feb 2024") into (value, precision).

    Strict on purpose: the text must be a date (with an optional clock time) and nothing else,
    so that a sentence that merely mentions a date is never taken for a date line.
    """
    text = text.strip().rstrip(".")
    for pattern, precision in _PRINTED:
        m = pattern.fullmatch(text)
        if not m:
            continue
        parts = m.groupdict()
        mon_text = parts["mon"].lower().rstrip(".")
        month = int(mon_text) if mon_text.isdigit() else _MONTHS[mon_text]
        try:
            if precision == "day":
                return date(int(parts["year"]), month, int(parts["day"])).isoformat(), "day"
            date(int(parts["year"]), month, 1)
        except ValueError:
            return None
        return f"{int(parts['year']):04d}-{month:02d}", "month"
    return None


def url_date(url: str) -> tuple[str, str] | None:
    """Return the date written in a URL's path (/2024/02/15/, 2024-02-15, /2024/02/) as (value, precision)."""
    path = urlsplit(url).path
    for pattern in _URL_DAY:
        for m in pattern.finditer(path):
            try:
                return date(int(m["year"]), int(m["mon"]), int(m["day"])).isoformat(), "day"
            except ValueError:
                continue
    m = _URL_MONTH.search(path)
    if m and 1 <= int(m["mon"]) <= 12:
        return f"{int(m['year']):04d}-{int(m['mon']):02d}", "month"
    return None


def newest_url_date(urls: Iterable[str]) -> tuple[str, str] | None:
    """Return the newest date found in ``urls``, preferring day precision over month precision."""
    found = [d for d in (url_date(u) for u in urls) if d]
    days = [d for d in found if d[1] == "day"]
    pool = days or found
    return max(pool) if pool else None


def named_weekday(text: str) -> int | None:
    """Return the weekday (0 = Monday) the text reports something happening on, or None.

    Prefers "on <Weekday>" in a clause without future markers, then any such "on" phrase, then a
    bare weekday not introduced by a forward-looking word ("next Friday", "by Monday").
    """
    tiers: list[list[int]] = [[], [], []]
    for m in _WEEKDAY_WORD.finditer(text):
        lead = (m["lead"] or "").strip().lower()
        if lead in _FUTURE_LEADS:
            continue
        day = WEEKDAYS.index(m["wd"].lower())
        if lead == "on":
            tiers[1 if _future_clause(text, m.start(), m.end()) else 0].append(day)
        elif not _future_clause(text, m.start(), m.end()):
            tiers[2].append(day)
    for tier in tiers:
        if tier:
            return tier[0]
    return None


def _future_clause(text: str, start: int, end: int) -> bool:
    left = max((m.end() for m in _CLAUSE_BREAK.finditer(text, max(0, start - 200), start)), default=0)
    right_m = _CLAUSE_BREAK.search(text, end)
    right = right_m.start() if right_m else len(text)
    return bool(_FUTURE_CLAUSE.search(text, left, right))


def first_weekday_on_or_after(start: date, weekday: int) -> date:
    """Return the first date on or after ``start`` that falls on ``weekday`` (0 = Monday)."""
    return start + timedelta(days=(weekday - start.weekday()) % 7)


def date_from_links(urls: Iterable[str], text: str) -> Published:
    """Date an article from the URLs it links to and a weekday its text names.

    The newest linked article bounds the publication date from below; a weekday the text
    reports events on ("on Saturday") then gives the first such day on or after it (how="inferred").
    Without a weekday the URL date itself is returned (how="url"); without URL dates, nothing.
    """
    newest = newest_url_date(urls)
    if newest is None:
        return Published()
    value, precision = newest
    if precision == "day":
        weekday = named_weekday(text)
        if weekday is not None:
            inferred = first_weekday_on_or_after(date.fromisoformat(value), weekday)
            return Published(inferred.isoformat(), "day", "inferred")
    return Published(value, precision, "url")
