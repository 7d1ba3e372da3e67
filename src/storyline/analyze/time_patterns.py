"""Token patterns for time expressions the small English model misses or cuts short.

The model's DATE/TIME entities find most dates; these patterns add clock times
("15:00 GMT", "9.30am"), weekday and month names in contexts it skips, deictic words
("now", "currently") and vague future/past phrases ("the months ahead"). They are
built from the times lexicon, so adding a word there extends them.
"""

from __future__ import annotations

from typing import Any

from storyline.analyze.time_values import TimeGrammar

Pattern = list[dict[str, Any]]


def _day_numbers() -> list[str]:
    suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}
    days = [f"{d}{s}" for d in range(1, 32) for s in ("", suffix.get(d, "th"))]
    return days + [f"0{d}" for d in range(1, 10)]


def _clock_words() -> list[str]:
    """Every clock time written as one token: "9:35", "09:35", "9:35am", "9.35pm", "10pm"."""
    words = []
    for h in range(24):
        for m in range(60):
            for hh in {str(h), f"{h:02d}"}:
                words.append(f"{hh}:{m:02d}")
                if 1 <= h <= 12:
                    words += [f"{hh}{sep}{m:02d}{ap}" for sep in (":", ".")
                              for ap in ("am", "pm", "a.m.", "p.m.")]
        if 1 <= h <= 12:
            words += [f"{h}{ap}" for ap in ("am", "pm", "a.m.", "p.m.")]
    return words


def time_phrases(grammar: TimeGrammar) -> list[str]:
    """Return the fixed phrases that are time expressions ("now", "the months ahead"), for a PhraseMatcher."""
    w = grammar.words
    return sorted(set(w["present_words"] + w["present_phrases"] + w["future_phrases"]
                      + ["the past", "in the past"]))


def time_patterns(grammar: TimeGrammar) -> dict[str, list[Pattern]]:
    """Return Matcher patterns by label (every label is a time expression candidate)."""
    w = grammar.words
    months = sorted(grammar.months)
    # "may" and "march" are verbs too: only take them capitalised as proper nouns
    safe_months = [m for m in months if len(m) > 4 and m not in ("march", "sept")] + ["june", "july"]
    weekdays = [d for d in grammar.weekdays if len(d) > 4]
    rel = sorted(set(w["last_words"] + w["next_words"] + ["this", "early", "late", "mid", "since", "until",
                                                          "by", "in", "from", "during", "before", "after"]))
    # word lists and shapes rather than REGEX predicates: the matcher tests them on every token
    day_num = {"LOWER": {"IN": _day_numbers()}}
    year = {"SHAPE": "dddd"}
    clock = {"LOWER": {"IN": _clock_words()}}
    ampm = {"LOWER": {"IN": ["am", "pm", "a.m.", "p.m.", "a.m", "p.m"]}}
    tz = {"LOWER": {"IN": ["gmt", "utc", "bst", "cet", "cest", "est", "edt", "pst", "pdt", "et", "pt"]},
          "OP": "?"}
    proper_month = {"LOWER": {"IN": months}, "IS_TITLE": True}
    dot = {"ORTH": ".", "OP": "?"}
    units = sorted(set(grammar.units) | {u + "s" for u in grammar.units} | {"centuries"})
    part = {"LOWER": {"IN": w["day_parts"]}, "OP": "?"}
    hours = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
             "twelve"]
    # few patterns with optional tokens: the matcher's cost grows with the number of patterns
    patterns: dict[str, list[Pattern]] = {
        "CLOCK": [
            [{"LOWER": {"IN": ["five", "ten", "twenty", "quarter", "half"]}}, {"ORTH": "-", "OP": "?"},
             {"LOWER": "five", "OP": "?"}, {"LOWER": {"IN": ["past", "to"]}},
             {"LOWER": {"IN": hours}}],
            [{"LOWER": {"IN": hours}}, {"LOWER": "o'clock"}],
            [clock, {**ampm, "OP": "?"}, tz],
            [{"LOWER": {"IN": [str(h) for h in range(1, 13)] + [f"0{h}" for h in range(1, 10)]}}, ampm, tz],
        ],
        "DATE": [
            [{"LOWER": {"IN": rel}, "OP": "?"}, {"LOWER": {"IN": weekdays}}, part],
            [proper_month, dot, day_num, {"ORTH": ",", "OP": "?"}, {**year, "OP": "?"}],
            [day_num, {"ORTH": {"IN": ["-", "–"]}, "OP": "?"}, {**day_num, "OP": "?"}, proper_month,
             {**year, "OP": "?"}],
            [{"LOWER": {"IN": safe_months}, "IS_TITLE": True}],
            [{"LOWER": {"IN": ["in", "since", "until", "by", "last", "next", "early", "late", "mid"]},
              "OP": "?"}, proper_month, {**year, "OP": "?"}],
        ],
        # durations the model leaves out: "six months' paid leave", "26 weeks", "a four-week closure"
        "DURATION": [
            [{"LIKE_NUM": True}, {"ORTH": "-", "OP": "?"}, {"LOWER": {"IN": units}}],
        ],
    }
    return patterns
