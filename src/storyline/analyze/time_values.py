"""Normalise the text of one time expression against an anchor date (the publication date).

``TimeGrammar.load()`` compiles the calendar words of ``lexicons/times_en.toml`` into a
few regular expressions once; ``grammar.normalise(text, anchor, direction)`` returns a
``TimeValue`` (value, precision) or None when the text is not a date, time or duration
it can read. Values follow TimeML/ISO-8601: ``2024-01-09`` (day), ``2023-12`` (month),
``2024`` (year), ``2024-W02`` (week), ``2013-Q1`` (quarter), ``2012-SU`` (season),
``199`` (decade), ``19`` (century), ``2024-01-10T09:35`` (minute), ``P3M`` (duration),
``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``. Without an anchor, anything relative gets
value None (the precision is still given).

``direction`` is the tense of the clause: "past" picks the most recent Tuesday/October 7/
December not after the anchor, "future" the next one not before it, None (present or
unknown) the nearest for month names and the most recent for weekdays and dates, "near"
(present tense) the nearest for all of them, "ahead" (a limit: "until", "before") the next
weekday and the nearest date or month.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

LEXICON_PATH = Path(__file__).with_name("lexicons") / "times_en.toml"

DATE_PRECISIONS = ("minute", "hour", "day", "week", "month", "season", "quarter", "half", "year",
                   "decade", "century")
REFS = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")

_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
          "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
          "hundred": 100}
_CLOCK_MINUTES = "five|ten|twenty|twenty-five|twenty five|quarter|half"
_VAGUE = ("several", "many", "few", "a few", "some", "the few", "recent", "couple of", "a couple of",
          "the last few", "numerous", "countless")
_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                  "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
                  "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
                  "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "last": -1,
                  "final": -1}


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A normalised value and the precision it is known to."""

    value: str | None
    precision: str | None


def _alt(words: Any) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


@dataclass(frozen=True)
class TimeGrammar:
    """Compiled calendar vocabulary; build once per component with ``TimeGrammar.load()``."""

    months: MappingProxyType[str, int]
    weekdays: MappingProxyType[str, int]
    seasons: MappingProxyType[str, str]
    units: MappingProxyType[str, tuple[str, str]]
    deictic: MappingProxyType[str, int]
    words: MappingProxyType[str, Any]
    prepositions: MappingProxyType[str, str]
    tense: MappingProxyType[str, list[str]]
    patterns: MappingProxyType[str, re.Pattern[str]]

    @classmethod
    def load(cls, path: Path = LEXICON_PATH) -> TimeGrammar:
        """Return the grammar compiled from the times lexicon (cached: read-only data)."""
        return _load(path)

    def normalise(self, text: str, anchor: dt.date | None, direction: str | None = None) -> TimeValue | None:
        """Return the value of time expression ``text`` relative to ``anchor``, or None if unreadable."""
        s = _clean(text)
        if not s:
            return None
        for strip in (False, True):
            if strip:
                s2 = self._strip_mods(s)
                if s2 == s:
                    break
                s = s2
            found = self._read(s, anchor, direction, strip)
            if found is not None:
                return found
        return None

    # --- the readers, tried in order ---

    def _strip_mods(self, s: str) -> str:
        prev = None
        while prev != s:
            prev = s
            s = self.patterns["mods"].sub("", s, count=1).strip(" ,-")
            s = re.sub(r"^the\s+", "", s) if not self.patterns["keep_the"].match(s) else s
        return s

    def _read(self, s: str, anchor: dt.date | None, direction: str | None,
              stripped: bool = False) -> TimeValue | None:
        p = self.patterns
        if s in self.words["present_words"] or s in self.words["present_phrases"]:
            return TimeValue("PRESENT_REF", None)
        if s in self.words["past_phrases"]:
            return TimeValue("PAST_REF", None)
        if s in self.words["future_phrases"]:
            return TimeValue("FUTURE_REF", None)
        m = p["iso"].fullmatch(s)
        if m:
            return _day(int(m["y"]), int(m["m"]), int(m["d"]), m["clock"])
        m = p["dmy_num"].fullmatch(s)
        if m:
            return _numeric_date(m, anchor)
        # a clock time, alone or with a date part before or after it
        m = p["clock_first"].fullmatch(s) or p["clock_last"].fullmatch(s)
        if m:
            clock = _clock(m["clock"])
            if clock is None:
                return None
            rest = (m["rest"] or "").strip(" ,")
            day = self._read(rest, anchor, direction) if rest else _anchor_day(anchor)
            if day is None or day.precision != "day":
                return None
            return TimeValue(f"{day.value}T{clock[0]:02d}:{clock[1]:02d}" if day.value else None,
                             "minute" if clock[2] else "hour")
        m = p["month_day"].fullmatch(s) or p["day_month"].fullmatch(s)
        if m:
            return self._month_day(m, anchor, direction)
        m = p["month_rel_year"].fullmatch(s)
        if m and anchor is not None:
            shifted = _shift_unit(anchor, "year", {"last": -1, "next": 1}.get(m["rel"], 0))
            return TimeValue(f"{shifted.value}-{self.months[m['mon']]:02d}" if shifted else None, "month")
        m = p["month_year"].fullmatch(s)
        if m:
            return TimeValue(f"{_year(m['y'])}-{self.months[m['mon']]:02d}", "month")
        m = p["month"].fullmatch(s)
        if m:
            return self._month(self.months[m["mon"]], m["rel"], anchor, direction)
        m = p["year"].fullmatch(s)
        if m:
            return TimeValue(str(_year(m["y"])), "year")
        m = p["decade"].fullmatch(s)
        if m:
            return _decade(m, anchor)
        m = p["century"].fullmatch(s)
        if m:
            n = _ordinal(m["n"])
            return TimeValue(f"{n - 1:02d}", "century") if n and n > 0 else None
        m = p["weekday"].fullmatch(s)
        if m:
            return self._weekday(self.weekdays[m["wd"]], m["rel"], anchor, direction)
        m = p["deictic"].fullmatch(s)
        if m:
            return _shift_day(anchor, self.deictic[m["word"]])
        m = p["this_part"].fullmatch(s)
        if m:
            return _anchor_day(anchor) if m["rel"] == "this" else _shift_day(anchor, -1)
        m = p["season"].fullmatch(s)
        if m:
            return self._season(m, anchor, direction)
        m = p["quarter"].fullmatch(s)
        if m:
            return _quarter(m, anchor)
        m = p["rel_unit"].fullmatch(s)
        if m:
            return self._rel_unit(m, anchor)
        m = p["ago"].fullmatch(s)
        if m:
            return self._ago(m, anchor)
        m = p["half"].fullmatch(s)
        if m:
            return TimeValue(_HALF[m["unit"]], "duration")
        m = p["duration"].fullmatch(s)
        if m:
            return self._duration(m, anchor, stripped, direction)
        return None

    def _month_day(self, m: re.Match[str], anchor: dt.date | None, direction: str | None) -> TimeValue | None:
        month, day = self.months[m["mon"]], int(m["d"])
        if not 1 <= day <= 31:
            return None
        if m["y"]:
            return _day(_year(m["y"]), month, day)
        if anchor is None:
            return TimeValue(None, "day")
        year = _pick_year(anchor, (month, day), direction, nearest_default=False)
        if m["wd"]:
            # "Tuesday, January 9": the year in which that date is that weekday, nearest first
            wd = self.weekdays[m["wd"]]
            for y in (year, year - 1, year + 1):
                try:
                    if dt.date(y, month, day).weekday() == wd:
                        return _day(y, month, day)
                except ValueError:
                    continue
        return _day(year, month, day)

    def _month(self, month: int, rel: str | None, anchor: dt.date | None, direction: str | None) -> TimeValue:
        if anchor is None:
            return TimeValue(None, "month")
        if rel in self.words["last_words"]:
            year = anchor.year if month < anchor.month else anchor.year - 1
        elif rel in self.words["next_words"]:
            year = anchor.year if month > anchor.month else anchor.year + 1
        elif rel in self.words["this_words"]:
            year = anchor.year
        else:
            year = _pick_year(anchor, (month, 0), direction, nearest_default=True)
        return TimeValue(f"{year}-{month:02d}", "month")

    def _weekday(self, wd: int, rel: str | None, anchor: dt.date | None, direction: str | None) -> TimeValue:
        if anchor is None:
            return TimeValue(None, "day")
        back = (anchor.weekday() - wd) % 7
        ahead = (wd - anchor.weekday()) % 7
        if rel in self.words["last_words"]:
            delta = -(back or 7)
        elif rel in self.words["next_words"]:
            delta = ahead or 7
        elif direction in ("future", "ahead") or (direction == "near" and ahead < back):
            delta = ahead
        else:
            delta = -back
        return TimeValue((anchor + dt.timedelta(days=delta)).isoformat(), "day")

    def _season(self, m: re.Match[str], anchor: dt.date | None, direction: str | None) -> TimeValue:
        code = self.seasons[m["season"]]
        if m["y"]:
            return TimeValue(f"{_year(m['y'])}-{code}", "season")
        if anchor is None:
            return TimeValue(None, "season")
        start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
        current = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(
            anchor.month, "FA")
        # winter belongs to the year it starts in
        season_year = anchor.year - 1 if anchor.month < 3 and code == "WI" else anchor.year
        rel = m["rel"]
        if rel in self.words["last_words"]:
            year = season_year if (start < anchor.month and code != current) else season_year - 1
        elif rel in self.words["next_words"]:
            year = season_year if start > anchor.month else season_year + 1
        elif code == current or rel in self.words["this_words"]:
            year = season_year
        elif direction == "future":
            year = season_year if start > anchor.month else season_year + 1
        else:
            year = season_year if start <= anchor.month else season_year - 1
        return TimeValue(f"{year}-{code}", "season")

    def _rel_unit(self, m: re.Match[str], anchor: dt.date | None) -> TimeValue | None:
        rel, unit = m["rel"], _singular(m["unit"])
        if rel == "past" and m["the"]:
            # "the past week" is the seven days up to now; "last week"/"the last week" is the calendar week
            return TimeValue(f"P1{self.units[unit][0]}", "duration")
        step = 0
        if rel in self.words["last_words"]:
            step = -1
        elif rel in self.words["next_words"]:
            step = 1
        return _shift_unit(anchor, unit, step)

    def _ago(self, m: re.Match[str], anchor: dt.date | None) -> TimeValue | None:
        n = _count(m["n"])
        unit = _singular(m["unit"])
        if n is None:
            # "years ago", "a few days ago": only the precision is known
            return TimeValue("PAST_REF", None)
        sign = 1 if m["dir"] in ("from now", "from today", "hence") else -1
        if m["dir"] in ("later", "earlier", "before", "after"):
            # anaphoric: relative to another time in the text, not the publication date
            shifted = _shift_unit(None, unit, 0)
            return TimeValue(None, shifted.precision if shifted else None)
        if unit in ("week", "fortnight") and m["dir"] == "ago" and anchor is not None:
            # "a week ago" names a day: the same weekday that many weeks back
            days = 7 * n * (2 if unit == "fortnight" else 1)
            return TimeValue((anchor - dt.timedelta(days=days)).isoformat(), "day")
        return _shift_unit(anchor, unit, sign * n)

    def _duration(self, m: re.Match[str], anchor: dt.date | None, stripped: bool,
                  direction: str | None) -> TimeValue | None:
        word = m["unit"]
        unit = _singular(word)
        letter = self.units.get(unit, ("", ""))[0]
        if not letter:
            return None
        plural = word.endswith(("s", "ies"))
        words = (m["n"] or "").split()
        while words and words[0] in ("the", "past", "last", "next", "coming", "first", "final", "previous"):
            words.pop(0)
        n = " ".join(words)
        if not n:
            if unit in ("day", "night", "hour", "minute") and not plural:
                return None  # "the day", "the night": anaphoric
            if not plural and (stripped or m["n"]):
                # "the year", "(the end of) the month": the current one; "the weekend" on a weekday
                # is the one just gone unless the clause looks ahead
                back = unit == "weekend" and anchor is not None and anchor.weekday() < 5 and (
                    direction in (None, "past") or (direction == "near" and anchor.weekday() < 3))
                return _shift_unit(anchor, unit, -1 if back else 0)
            if not plural:
                return None
            return TimeValue(_vague_duration(letter), "duration")
        count = None if n in _VAGUE else _count(n)
        if count is None:
            return TimeValue(_vague_duration(letter), "duration")
        if letter.startswith("T"):
            return TimeValue(f"PT{count}{letter[1:]}", "duration")
        if letter == "2W":
            return TimeValue(f"P{2 * count}W", "duration")
        return TimeValue(f"P{count}{letter}", "duration")


# --- helpers on dates ---

def _vague_duration(letter: str) -> str:
    # "hours" is PTXH, "years" PXY (TimeML puts the T before the count)
    return f"PTX{letter[1:]}" if letter.startswith("T") else f"PX{letter}"


_HALF = {"hour": "PT30M", "minute": "PT30S", "day": "PT12H", "night": "PT12H", "week": "P3.5D",
         "month": "P2W", "year": "P6M", "decade": "P5Y", "century": "P50Y"}


def _clean(text: str) -> str:
    s = text.lower().replace("–", "-").replace("—", "-").replace("’", "'")
    s = re.sub(r"\s+", " ", s)
    s = re.sub(r"\s*-\s*", "-", s)
    return s.strip(" .,;:()")


def _year(y: str) -> int:
    y = y.lstrip("'")
    if len(y) == 2:
        n = int(y)
        return 2000 + n if n < 50 else 1900 + n
    return int(y)


def _day(y: int, m: int, d: int, clock: str | None = None) -> TimeValue | None:
    try:
        date = dt.date(y, m, d)
    except ValueError:
        return None
    if clock:
        c = _clock(clock)
        if c:
            return TimeValue(f"{date.isoformat()}T{c[0]:02d}:{c[1]:02d}", "minute")
    return TimeValue(date.isoformat(), "day")


def _numeric_date(m: re.Match[str], anchor: dt.date | None) -> TimeValue | None:
    a, b, y = int(m["a"]), int(m["b"]), _year(m["y"])
    # 10/01/2024: day-first unless that is impossible (English news outside the US mostly writes it so)
    if a > 12:
        return _day(y, b, a)
    if b > 12:
        return _day(y, a, b)
    return _day(y, b, a)


def _anchor_day(anchor: dt.date | None) -> TimeValue:
    return TimeValue(anchor.isoformat() if anchor else None, "day")


def _shift_day(anchor: dt.date | None, days: int) -> TimeValue:
    if anchor is None:
        return TimeValue(None, "day")
    return TimeValue((anchor + dt.timedelta(days=days)).isoformat(), "day")


def _add_months(d: dt.date, months: int) -> dt.date:
    index = d.year * 12 + d.month - 1 + months
    y, m = divmod(index, 12)
    return dt.date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _shift_unit(anchor: dt.date | None, unit: str, n: int) -> TimeValue | None:
    precision = {"day": "day", "night": "day", "week": "week", "weekend": "week", "fortnight": "week",
                 "month": "month", "year": "year", "quarter": "quarter", "decade": "decade",
                 "century": "century"}.get(unit)
    if precision is None:
        return None
    if anchor is None:
        return TimeValue(None, precision)
    if unit in ("day", "night"):
        return TimeValue((anchor + dt.timedelta(days=n)).isoformat(), "day")
    if unit in ("week", "weekend", "fortnight"):
        y, w, _ = (anchor + dt.timedelta(weeks=n * (2 if unit == "fortnight" else 1))).isocalendar()
        return TimeValue(f"{y}-W{w:02d}" + ("-WE" if unit == "weekend" else ""), "week")
    if unit == "month":
        d = _add_months(anchor, n)
        return TimeValue(f"{d.year}-{d.month:02d}", "month")
    if unit == "quarter":
        q = (anchor.year * 4 + (anchor.month - 1) // 3) + n
        return TimeValue(f"{q // 4}-Q{q % 4 + 1}", "quarter")
    if unit == "year":
        return TimeValue(str(anchor.year + n), "year")
    if unit == "decade":
        return TimeValue(str(anchor.year // 10 + n), "decade")
    return TimeValue(f"{anchor.year // 100 + n:02d}", "century")


def _pick_year(anchor: dt.date, md: tuple[int, int], direction: str | None, *, nearest_default: bool) -> int:
    here = (anchor.month, anchor.day if md[1] else 0)
    past_year = anchor.year if md <= here else anchor.year - 1
    future_year = anchor.year if md >= here else anchor.year + 1
    if direction == "past":
        return past_year
    if direction == "future":
        return future_year
    if (not nearest_default and direction not in ("near", "ahead")) or past_year == future_year:
        return past_year
    # present tense or no tense: the nearer of the two
    past_gap = (anchor.year - past_year) * 12 + anchor.month - md[0]
    future_gap = (future_year - anchor.year) * 12 + md[0] - anchor.month
    return past_year if past_gap <= future_gap else future_year


def _decade(m: re.Match[str], anchor: dt.date | None) -> TimeValue | None:
    digits = m["dec"]
    if len(digits) == 4:
        return TimeValue(digits[:3], "decade")
    # "the 90s", "the '80s": the most recent such decade before the anchor's
    n = int(digits)
    base = (anchor.year if anchor else 2000) // 100 * 100
    year = base + n
    if anchor is not None and year > anchor.year:
        year -= 100
    if anchor is None and n >= 30:
        year = 1900 + n
    return TimeValue(str(year)[:3], "decade")


def _quarter(m: re.Match[str], anchor: dt.date | None) -> TimeValue | None:
    q = _ordinal(m["q"]) if m["q"] else int(m["qn"])
    if q is None or not 1 <= q <= 4:
        return None
    if m["y"]:
        return TimeValue(f"{_year(m['y'])}-Q{q}", "quarter")
    if anchor is None:
        return TimeValue(None, "quarter")
    return TimeValue(f"{anchor.year}-Q{q}", "quarter")


def _clock(text: str) -> tuple[int, int, bool] | None:
    words = re.fullmatch(rf"(?P<m>{_CLOCK_MINUTES})\s+(?P<dir>past|to)\s+(?P<h>\w+)|(?P<h2>\w+)\s+o'clock",
                         text.strip())
    if words:
        hour = _count(words["h"] or words["h2"])
        if hour is None or not 1 <= hour <= 12:
            return None
        if words["h2"]:
            return hour, 0, False
        minutes = {"quarter": 15, "half": 30}.get(words["m"]) or _count(words["m"].replace("-", " ")) or 0
        if words["dir"] == "to":
            hour, minutes = (hour - 1) % 12 or 12, 60 - minutes
        return hour, minutes, True
    m = re.fullmatch(r"(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))?(?::\d{2})?\s*(?P<ap>[ap]\.?m\.?)?", text.strip())
    if not m:
        if text.strip() == "noon" or text.strip() == "midday":
            return 12, 0, False
        if text.strip() == "midnight":
            return 0, 0, False
        return None
    h, mi = int(m["h"]), int(m["mi"] or 0)
    ap = (m["ap"] or "").replace(".", "")
    if not ap and m["mi"] is None:
        return None  # a bare number is not a clock time
    if ap == "pm" and h < 12:
        h += 12
    elif ap == "am" and h == 12:
        h = 0
    if h > 23 or mi > 59:
        return None
    return h, mi, m["mi"] is not None


def _count(n: str | None) -> int | None:
    if n is None:
        return None
    n = n.strip().replace(",", "")
    if n.isdigit():
        return int(n)
    parts = [p for p in re.split(r"[\s-]+", n) if p and p != "and"]
    if not parts or any(p not in _SMALL for p in parts):
        return None
    total = 0
    for p in parts:
        total = total * _SMALL[p] if p == "hundred" else total + _SMALL[p]
    return total


def _ordinal(word: str | None) -> int | None:
    if word is None:
        return None
    word = word.strip()
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)?", word)
    if m:
        return int(m.group(1))
    return _ORDINAL_WORDS.get(word)


def _singular(unit: str) -> str:
    unit = unit.strip()
    if unit == "centuries":
        return "century"
    return unit[:-1] if unit.endswith("s") else unit


@lru_cache(maxsize=4)
def _load(path: Path) -> TimeGrammar:
    with path.open("rb") as f:
        lex = tomllib.load(f)
    months = {k: int(v) for k, v in lex["months"].items()}
    weekdays = {k: int(v) for k, v in lex["weekdays"].items()}
    units = {k: (v[0], v[1]) for k, v in lex["units"].items()}
    mon, wd, season = _alt(months), _alt(weekdays), _alt(lex["seasons"])
    unit = _alt(list(units) + [u + "s" for u in units] + ["centuries"])
    last_next = _alt(lex["words"]["last_words"] + lex["words"]["next_words"] + lex["words"]["this_words"])
    part = _alt(lex["words"]["day_parts"])
    year = r"(?P<y>(?:1[6-9]|20|21)\d{2}|'\d{2})"
    num = r"(?:\d[\d,]*|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine|hundred|and))*)"  # noqa: E501
    vague = _alt(_VAGUE)
    hours = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    clock = (r"(?P<clock>\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?|\d{1,2}(?:\.\d{2})?\s*[ap]\.?m\.?"
             rf"|(?:{_CLOCK_MINUTES})\s+(?:past|to)\s+(?:{hours}|\d{{1,2}})|(?:{hours}|\d{{1,2}})\s+o'clock"
             r"|noon|midnight|midday)")
    tz = r"(?:\s+(?:gmt|utc|bst|cet|cest|est|edt|cst|cdt|pst|pdt|et|pt|ct|local time|[a-z]{2,4} time))?"
    mods = _alt(lex["words"]["value_mods"])
    patterns = {
        "mods": re.compile(rf"^(?:{mods})(?=[\s-])"),
        "keep_the": re.compile(rf"^the\s+(?:past|future|\d+s|'\d+s|[a-z]+ century|(?:{last_next})\s)"),
        "iso": re.compile(
            r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[t\s](?P<clock>\d{2}:\d{2})(?::\d{2})?z?)?"),
        "dmy_num": re.compile(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})"),
        "clock_first": re.compile(rf"(?:at\s+)?{clock}{tz}(?:\s*(?:,|on|of)?\s*(?P<rest>.+))?"),
        "clock_last": re.compile(rf"(?P<rest>.+?)\s*(?:,|at)?\s+(?:at\s+)?{clock}{tz}"),
        "month_day": re.compile(
            rf"(?:(?P<wd>{wd})\.?,?\s+)?(?:the\s+)?(?P<mon>{mon})\.?\s+(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
            rf"(?:,?\s+{year})?"),
        "day_month": re.compile(
            rf"(?:(?P<wd>{wd})\.?,?\s+)?(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:-\d{{1,2}})?\s+(?:of\s+)?(?P<mon>{mon})\.?"
            rf"(?:,?\s+{year})?"),
        "month_rel_year": re.compile(rf"(?P<mon>{mon})\.?,?\s+(?:of\s+)?(?P<rel>last|this|next)\s+year"),
        "month_year": re.compile(rf"(?P<mon>{mon})\.?,?\s+(?:of\s+)?{year}"),
        "month": re.compile(rf"(?:(?P<rel>{last_next})\s+)?(?P<mon>{mon})\.?"),
        "year": re.compile(
            rf"(?:the\s+)?(?:year\s+|(?:fiscal|financial|calendar)\s+(?:year\s+)?|fy\s?)?{year}"),
        "decade": re.compile(r"(?:the\s+)?'?(?P<dec>\d{4}|\d{2})'?s"),
        "century": re.compile(r"(?:the\s+)?(?P<n>\d{1,2}(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?)\s+century"),
        "weekday": re.compile(rf"(?:(?P<rel>{last_next})\s+)?(?P<wd>{wd})\.?(?:\s+(?:{part}))?"),
        "deictic": re.compile(rf"(?P<word>{_alt(lex['deictic_days'])})(?:\s+(?:{part}))?"),
        "this_part": re.compile(rf"(?P<rel>this|last)\s+(?:{part})"),
        "season": re.compile(
            rf"(?:(?P<rel>{last_next})\s+)?(?P<season>{season})(?:\s+(?:of\s+)?{year})?"),
        "quarter": re.compile(
            r"(?:the\s+)?(?:(?P<q>first|second|third|fourth|last|final|\d(?:st|nd|rd|th))[\s-]+(?:fiscal\s+)?quarter"
            rf"|q(?P<qn>[1-4]))(?:\s+(?:of\s+)?(?:fiscal\s+)?{year})?"),
        "rel_unit": re.compile(
            rf"(?P<the>the\s+)?(?P<rel>{last_next}|fiscal|financial|calendar|this fiscal|this financial|"
            rf"this calendar)\s+(?P<unit>week|weekend|month|year|quarter|decade|century|fortnight)"),
        "ago": re.compile(
            rf"(?P<n>{num}|{vague})?\s*(?P<unit>{unit})\s+"
            rf"(?P<dir>ago|from now|from today|hence|later|earlier|before|after)"),
        "half": re.compile(rf"half\s+an?\s+(?P<unit>{_alt(_HALF)})"),
        "duration": re.compile(
            rf"(?P<n>(?:(?:the\s+)?(?:past|last|next|coming|first|final)\s+)?(?:{num}|{vague})|the|"
            rf"the past|the last|the next|the coming|past|last|next)?[\s-]*(?P<unit>{unit})(?:['’]s?)?"
            rf"(?:-long)?"),
    }
    return TimeGrammar(
        months=MappingProxyType(months),
        weekdays=MappingProxyType(weekdays),
        seasons=MappingProxyType(dict(lex["seasons"])),
        units=MappingProxyType(units),
        deictic=MappingProxyType(dict(lex["deictic_days"])),
        words=MappingProxyType(lex["words"]),
        prepositions=MappingProxyType(dict(lex["prepositions"])),
        tense=MappingProxyType(dict(lex["tense"])),
        patterns=MappingProxyType(patterns),
    )
