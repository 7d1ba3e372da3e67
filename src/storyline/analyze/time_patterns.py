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


def _phrase(words: str) -> Pattern:
    return [{"LOWER": w} for w in words.split()]


def time_patterns(grammar: TimeGrammar) -> dict[str, list[Pattern]]:
    """Return Matcher patterns by label (every label is a time expression candidate)."""
    w = grammar.words
    months = sorted(grammar.months)
    # "may" and "march" are verbs too: only take them capitalised as proper nouns
    safe_months = [m for m in months if len(m) > 4 and m not in ("march", "sept")] + ["june", "july"]
    weekdays = [d for d in grammar.weekdays if len(d) > 4]
    rel = sorted(set(w["last_words"] + w["next_words"] + ["this", "early", "late", "mid", "since", "until",
                                                          "by", "in", "from", "during", "before", "after"]))
    day_num = {"TEXT": {"REGEX": r"^(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?$"}}
    year = {"TEXT": {"REGEX": r"^(?:1[89]|20)\d{2}$"}}
    clock = {"TEXT": {"REGEX": r"^(?:[01]?\d|2[0-3])[:.][0-5]\d(?:[ap]\.?m\.?)?$"}}
    ampm = {"LOWER": {"IN": ["am", "pm", "a.m.", "p.m.", "a.m", "p.m"]}}
    tz = {"LOWER": {"IN": ["gmt", "utc", "bst", "cet", "cest", "est", "edt", "pst", "pdt", "et", "pt"]},
          "OP": "?"}
    proper_month = {"LOWER": {"IN": months}, "IS_TITLE": True}
    dot = {"ORTH": ".", "OP": "?"}
    part = {"LOWER": {"IN": w["day_parts"]}, "OP": "?"}
    hours = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
             "twelve"]
    patterns: dict[str, list[Pattern]] = {
        "CLOCK": [
            [{"LOWER": {"IN": ["five", "ten", "twenty", "quarter", "half"]}}, {"ORTH": "-", "OP": "?"},
             {"LOWER": "five", "OP": "?"}, {"LOWER": {"IN": ["past", "to"]}},
             {"LOWER": {"IN": hours}}],
            [{"LOWER": {"IN": hours}}, {"LOWER": "o'clock"}],
            [clock, ampm, tz],
            [clock, tz],
            [{"TEXT": {"REGEX": r"^(?:1[0-2]|0?[1-9])(?:[.:][0-5]\d)?(?:[ap]\.?m\.?)$"}}, tz],
            [{"TEXT": {"REGEX": r"^(?:1[0-2]|0?[1-9])$"}}, ampm, tz],
        ],
        "DATE": [
            [{"LOWER": {"IN": weekdays}}, part],
            [{"LOWER": {"IN": rel}}, {"LOWER": {"IN": weekdays}}, part],
            [proper_month, dot, day_num],
            [proper_month, dot, day_num, {"ORTH": ",", "OP": "?"}, year],
            [day_num, proper_month],
            [day_num, proper_month, year],
            [{"LOWER": {"IN": safe_months}, "IS_TITLE": True}],
            [proper_month, year],
            [{"LOWER": {"IN": ["in", "since", "until", "by", "last", "next", "early", "late", "mid"]}},
             proper_month],
        ],
        "REF": [_phrase(p) for p in w["present_phrases"] + w["future_phrases"]]
        + [[{"LOWER": {"IN": w["present_words"]}}], _phrase("the past"), _phrase("in the past")],
    }
    return patterns
