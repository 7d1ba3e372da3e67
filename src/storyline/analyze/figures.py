"""Reported figures: the ``storyline_figures`` component.

A figure is a number a reader would underline: a count, an amount of money, a share or
percentage, how many times something happened ("twice vetoed"), an ordinal count
("fourth trip"). For each the component records its value (a range as low/high),
qualifier ("more than", "about", "at least", "nearly", "up to", "less than", "between",
or "exact"), what it counts ("Palestinians killed"; for money the ISO currency code),
where, since when, the date it holds as of (a time expression governing its clause,
else the publication date) and who reported it ("according to …", the speaker of the
quote it sits in, or the subject of a reporting verb).

Not figures: dates, years, clock times and durations (the times component's spans),
phone numbers, list numbers, identifiers ("Resolution 2334", "Flight 370"), numbers
inside names, ages ("a 45-year-old", "Smith, 45,"), vague plurals ("thousands of"),
the ordinal "first", small numbers after a definite determiner ("the two leaders").
Output: ``doc._.figures``, a list of ``Figure`` sorted by span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from storyline.analyze.figure_parts import (
    DocContext,
    according_to,
    clause_of,
    dated,
    is_pronoun,
    phrase,
    place_name,
    place_phrase,
    source_phrase,
    subject_of,
)
from storyline.analyze.figure_words import FigureWords
from storyline.analyze.numbers import parse_digits, parse_suffixed, parse_words
from storyline.model import Figure, FigureSource, TimeExpr

# "+44 20 7946 0000", "(555) 123-4567", "020 7946 0000", "555-0100"
_PHONE = re.compile(
    r"(?<![\w,.])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){1,4}(?!\w|,\d)")
# "a 41-year-old", "41 years old", "the 54-year-old dam"
_AGE_TEXT = re.compile(r"\s*-?\s*(?:years?|yr|months?|weeks?|days?)\s*-?\s*old\b", re.IGNORECASE)
_NAMED = {"PERSON", "ORG", "PRODUCT", "LAW", "FAC", "WORK_OF_ART", "EVENT", "GPE", "NORP", "LOC",
          "LANGUAGE"}
_DEFINITE = {"the", "these", "those", "both", "its", "their", "his", "her", "our", "your", "my", "all",
             "each", "every", "which", "whose", "this", "that", "first", "last", "top", "next"}
_VAGUE = {"dozens", "hundreds", "thousands", "millions", "billions", "scores", "tens", "several", "many"}
_NOT_TWICE_BEFORE = {"as", "the", "that", "a", "an", "per", "daily", "weekly", "monthly", "yearly",
                     "annually", "over", "more", "less", "this", "its", "their", "his", "her", "what", "than"}
_PLACE_PREPS = {"in", "at", "inside", "across", "throughout", "within"}
_NUM_DEPS = {"nummod", "amod", "quantmod", "compound", "nmod", "npadvmod", "det"}


@dataclass(frozen=True, slots=True)
class _Run:
    """Consecutive tokens that spell one number, with its value."""

    start: int
    end: int
    value: float
    ordinal: bool
    kind: str  # "count" | "fraction" | "times" | "ordinal"


class FiguresComponent:
    """spaCy component: set ``doc._.figures`` to the reported figures of the document."""

    def __init__(self, nlp: Language) -> None:
        self.words = FigureWords.load()
        self.numbers = self.words.numbers
        # candidate tokens are found by the matcher (in C), not by a Python pass over every token
        self.matcher = Matcher(nlp.vocab)
        n = self.numbers
        vocabulary = sorted({*n.cardinals, *n.ordinals, *n.scales, *n.multiplicatives,
                             "half", "halves", "third", "quarter", "fifth"})
        # "17.1bn", "10k", "4th": shapes rather than a REGEX predicate (tested on every token)
        shapes = [d + x for d in ("d", "dd", "ddd", "dddd", "d.d", "d.dd", "dd.d", "dd.dd", "ddd.d", "d,ddd")
                  for x in ("x", "xx")]
        self.matcher.add("NUMBER", [[{"LIKE_NUM": True}], [{"LOWER": {"IN": vocabulary}}],
                                    [{"SHAPE": {"IN": shapes}}]])

    def __call__(self, doc: Doc) -> Doc:
        """Find the figures of ``doc`` with their qualifiers, subjects, places, dates and sources."""
        times = doc._.times
        if times is None:  # run without the times component: still keep dates out
            times = [TimeExpr((e.start_char, e.end_char), e.text, None, None)
                     for e in doc.ents if e.label_ in ("DATE", "TIME")]
        published = doc._.published.value if doc._.published is not None else None
        ctx = DocContext.build(doc, times, doc._.entities, published)
        phones = _phone_tokens(doc, ctx.text)
        found: list[Figure] = []
        done = 0
        for i in sorted({start for _, start, _ in self.matcher(doc)}):
            if i < done:
                continue
            run = self._run_at(doc, i, ctx, phones)
            if run is None:
                continue
            figure, end = self._figure(doc, run, ctx)
            if figure is not None:
                found.append(figure)
            done = max(end, run.end)
        doc._.figures = sorted(found, key=lambda f: f.span)
        return doc

    # --- numbers ---

    def _is_number_token(self, tok: Token) -> bool:
        low = tok.lower_
        if parse_digits(tok.text) is not None:
            return True
        if low in self.numbers.cardinals or low in self.numbers.multiplicatives:
            return True
        if low in self.numbers.scales and len(low) > 2:
            return True
        return low in self.numbers.ordinals or parse_suffixed(tok.text, self.numbers) is not None

    def _run_at(self, doc: Doc, i: int, ctx: DocContext, phones: set[int]) -> _Run | None:
        tok = doc[i]
        if i in ctx.time_of_token or i in phones or tok.like_url or tok.like_email:
            return None
        low = tok.lower_
        if low in ("half", "halves"):
            return self._fraction_half(doc, i)
        if low in ("third", "quarter", "fifth") and 0 < i < len(doc) - 1 and doc[i + 1].lower_ == "of" \
                and doc[i - 1].lower_ in ("a", "an", "one"):
            return _Run(i - 1, i + 1, self.numbers.fractions[low], False, "fraction")  # "a third of"
        if low in self.numbers.multiplicatives:
            return self._times(doc, i)
        if not self._is_number_token(tok):
            return None
        end = i + 1
        while end < len(doc) and end not in ctx.time_of_token:
            nxt = doc[end]
            if self._is_number_token(nxt) and not (nxt.lower_ in self.numbers.ordinals and
                                                   nxt.lower_ not in self.numbers.scales and
                                                   parse_digits(doc[end - 1].text) is not None):
                if parse_digits(doc[end - 1].text) is not None and nxt.lower_ not in self.numbers.scales:
                    break  # "1,200 240", "£10 one-way": two numbers
                end += 1
            elif nxt.lower_ in ("-", "and") and end + 1 < len(doc) and \
                    doc[end + 1].lower_ in self.numbers.cardinals and \
                    doc[end - 1].lower_ in self.numbers.cardinals | self.numbers.scales.keys():
                end += 2  # "twenty-three", "two hundred and fifty"
            elif nxt.lower_.rstrip(".") in ("m", "bn", "mn", "k", "tn") and \
                    parse_digits(doc[end - 1].text) is not None:  # "£3 m." at a sentence end
                end += 1
            else:
                break
        start = i
        if i > 0 and doc[i - 1].lower_ in ("a", "an") and doc[i].lower_ in self.numbers.scales:
            start = i - 1  # "a million"
        parsed = parse_words([t.lower_.rstrip(".") if len(t) > 1 else t.lower_ for t in doc[start:end]],
                             self.numbers)
        if parsed is None:
            return None
        value, ordinal = parsed
        return _Run(start, end, value, ordinal, "ordinal" if ordinal else "count")

    def _fraction_half(self, doc: Doc, i: int) -> _Run | None:
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        prev = doc[i - 1] if i > 0 else None
        if nxt is None or nxt.text in ("-", "–") or (prev is not None and prev.lower_ in ("and", "a", "-")):
            return None  # "half-brother", "two and a half", "a half"
        before = [t.lower_ for t in doc[max(0, i - 3):i]]
        if nxt.lower_ == "of" or nxt.dep_ in ("det", "poss") or nxt.tag_ in ("PRP$", "DT") \
                or self.words.qualifier_before(before) is not None:
            return _Run(i, i + 1, 0.5, False, "fraction")
        return None

    def _times(self, doc: Doc, i: int) -> _Run | None:
        tok = doc[i]
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if nxt is not None and nxt.lower_ in _NOT_TWICE_BEFORE:
            return None  # "twice as many", "twice a year", "twice the size"
        verb_next = nxt is not None and nxt.tag_ in ("VBD", "VBN", "VBG")
        if tok.head.pos_ not in ("VERB", "AUX") and not verb_next:
            return None
        return _Run(i, i + 1, float(self.numbers.multiplicatives[tok.lower_]), False, "times")

    # --- one figure ---

    def _figure(self, doc: Doc, run: _Run, ctx: DocContext) -> tuple[Figure | None, int]:
        if self._excluded(doc, run, ctx):
            second = self._range_end(doc, run, ctx)  # "at the age of 10 or 11": both go
            return None, second[0].end if second is not None else run.end
        start, end = run.start, run.end
        value, low, high = run.value, None, None
        metres = self._metres(doc, run)
        if metres is not None:
            value = metres
        qualifier = "exact"
        # a range: "between 200 and 300", "200 to 300", "200-300", "two or three"
        second = self._range_end(doc, run, ctx)
        if second is not None:
            r2, between = second
            low_v, high_v = run.value, r2.value
            if high_v >= 1000 and low_v < 1000 and r2.end - r2.start > 1 and run.end - run.start == 1:
                scale = doc[r2.end - 1].lower_
                if scale in self.numbers.scales:  # "1 to 2 million"
                    low_v *= self.numbers.scales[scale]
            if low_v < high_v:
                value, low, high, qualifier = low_v, low_v, high_v, "between"
                end = r2.end
                if between is not None:
                    start = between
        # currency and percent around the number
        currency, start, end = self._currency(doc, start, end)
        if currency is not None:
            metres = None
        percent_end = self._percent_end(doc, end)
        if qualifier == "exact":
            found = self._qualifier(doc, start)
            if found is not None:
                qualifier, start = found
            after = self._qualifier_after(doc, percent_end or end)
            if after is not None:
                qualifier, end_after = after
                end = max(end, end_after)
        if percent_end is not None:
            end = max(end, percent_end)
        if qualifier in ("more than", "at least"):
            low = value
        elif qualifier in ("less than", "up to", "nearly"):
            high = value
        elif qualifier == "exact":
            low = high = value
        root = _root(doc[run.start:run.end])
        clause = clause_of(root)
        what = "metres" if metres is not None else self._what(doc, run, root, currency, percent_end)
        if metres is None and currency is None and percent_end is None and \
                self._casual(doc, run, root, qualified=qualifier != "exact" or start < run.start):
            return None, end
        where = self._where(root, clause, ctx)
        since, since_exprs = self._since(root, clause, ctx)
        as_of = self._as_of(root, clause, ctx, since_exprs)
        last = doc[end - 1]
        cut = 1 if len(last) > 1 and last.text.endswith(".") else 0  # "3m." at a sentence end
        span = (doc[start].idx, last.idx + len(last.text) - cut)
        source = self._source(doc, root, clause, ctx, span)
        figure = Figure(span=span, text=ctx.text[span[0]:span[1]], value=value, low=low, high=high,
                        qualifier=qualifier, what=what, where=where, since=since, as_of=as_of, source=source,
                        ordinal=run.ordinal)
        return figure, end

    def _casual(self, doc: Doc, run: _Run, root: Token, qualified: bool) -> bool:
        """Return True for a count that only tells how things are, not a measure a reader would chart.

        "a second time", "two investigations tripping over each other", "three reasons": a small
        spelled-out count of an abstract or event noun; "One man in handcuffs …": the numeral
        "one" as a determiner, with no qualifier and nothing that happened to what it counts.
        """
        counted = root.head if root.dep_ in _NUM_DEPS and root.head.pos_ in ("NOUN", "PROPN") \
            and root.head.i > root.i else None
        spelled = all(t.is_alpha for t in doc[run.start:run.end])
        casual = self.words.casual_nouns
        if counted is not None and spelled and run.value <= 10 and (
                counted.lower_ in casual or counted.lemma_.lower() in casual):
            return True
        words = [t.lower_ for t in doc[run.start:run.end]]
        return words == ["one"] and not qualified and self._happened(counted or root) is None

    def _metres(self, doc: Doc, run: _Run) -> float | None:
        """Return the number of metres when "60m" means metres ("the 60m hurdles"), else None."""
        last = doc[run.end - 1].lower_
        if not (last == "m" or (last.endswith("m") and last[:-1].replace(".", "", 1).isdigit())):
            return None
        if run.start > 0 and doc[run.start - 1].text in self.words.currencies:
            return None
        nxt = doc[run.end] if run.end < len(doc) else None
        prev = doc[run.start - 1].lower_ if run.start > 0 else ""
        if (nxt is not None and nxt.lower_ in self.words.metre_events) or prev in ("the", "a", "an"):
            return run.value / 1_000_000
        return None

    def _excluded(self, doc: Doc, run: _Run, ctx: DocContext) -> bool:
        toks = doc[run.start:run.end]
        root = _root(toks)
        first = toks[0]
        prev = doc[run.start - 1] if run.start > 0 else None
        nxt = doc[run.end] if run.end < len(doc) else None
        nxt2 = doc[run.end + 1] if run.end + 1 < len(doc) else None
        words = [t.lower_ for t in toks]
        if any(t.ent_type_ in _NAMED for t in toks) and run.kind != "times":
            return True
        if any(w in _VAGUE for w in words):
            return True
        # a number that only counts a time ("the second six months") belongs to the time
        if root.head.i in ctx.time_of_token and root.dep_ in ("amod", "nummod", "compound"):
            return True
        # an ordinal counts only from "second" on, before its noun: not "second-largest", "first time"
        superlative = nxt is not None and (nxt.text in ("-", "–") or nxt.tag_ in ("JJS", "RBS")
                                           or nxt.lower_ == "most")
        if run.ordinal and (run.value < 2 or root.dep_ not in ("amod", "nummod", "compound", "advmod")
                            or root.head.pos_ not in ("NOUN", "PROPN") or superlative):
            return True
        # a list number at the start of a line: "1. Skip to content"
        if (prev is None or "\n" in prev.text or (prev.is_space and "\n" in prev.text)
                or ctx.text[max(0, first.idx - 1):first.idx] in ("\n", "")) and nxt is not None \
                and nxt.text in (".", ")"):
            return True
        if prev is not None and prev.text in ("[", "#", "No", "No.", "no.", "Nos"):
            return True
        # ages: "a 45-year-old", "aged 45", "Smith, 45, said"
        if _AGE_TEXT.match(ctx.text, toks.end_char):
            return True
        if prev is not None and (prev.lower_ in ("aged", "age", "ages") or (
                prev.lower_ == "of" and run.start > 1 and doc[run.start - 2].lower_ in ("age", "ages"))):
            return True  # "aged 45", "at the age of 10"
        # a number word in a title: "Six Feet Under", "Three Kings"
        if first.is_alpha and first.is_title and not first.is_sent_start and nxt is not None \
                and nxt.is_title and nxt.pos_ in ("PROPN", "NOUN"):
            return True
        if prev is not None and prev.text == "," and nxt is not None and nxt.text == "," and \
                run.value < 120 and run.end - run.start == 1 and run.start >= 2 and \
                doc[run.start - 2].pos_ == "PROPN":
            return True
        # "several hundred", "a few thousand": vague
        if prev is not None and prev.lower_ in ("several", "few", "many", "couple") and first.lower_ in \
                self.numbers.scales:
            return True
        # an identifier after its noun: "Resolution 2334", "Flight 370", "page 3"
        if root.head.i < run.start and root.head.pos_ in ("NOUN", "PROPN") and root.dep_ in (
                "nummod", "appos", "compound", "npadvmod", "nmod") and root.head.i == run.start - 1:
            return True
        if prev is not None and prev.pos_ == "PROPN" and prev.is_title and root.dep_ in ("nummod", "appos") \
                and root.head.i == prev.i:
            return True
        # a year the times component did not take: "the 2020 election"
        if run.end - run.start == 1 and re.fullmatch(r"(1[89]|20)\d\d", first.text) and not (
                root.dep_ == "nummod" and root.head.tag_ in ("NNS", "NNPS")):
            return True
        # "one of the", "no one", "the one"
        if words == ["one"] and (root.dep_ != "nummod" or (nxt is not None and nxt.lower_ == "of")):
            return True
        # "one-way", "two-party": a word number inside a compound adjective
        if first.is_alpha and nxt is not None and nxt.text == "-" and nxt2 is not None and nxt2.is_alpha \
                and not self._is_number_token(nxt2) and nxt2.lower_ not in self.numbers.fractions:
            return True
        # "the two leaders": a small number after a definite determiner refers, it does not report
        if run.kind == "count" and first.is_alpha and run.value <= 10 and prev is not None \
                and prev.lower_ in _DEFINITE:
            return True
        # "won 4-0", "2-0 down": a score, two small numbers joined by a dash with nothing counted
        if nxt is not None and nxt.text in ("-", "–") and nxt2 is not None and nxt2.like_num \
                and run.value <= 20 and root.head.pos_ not in ("NOUN", "PROPN"):
            return True
        return bool(prev is not None and prev.text in ("-", "–") and run.start > 1
                    and doc[run.start - 2].like_num and run.value <= 20 and first.is_digit
                    and doc[run.start - 2].text.isdigit() and int(doc[run.start - 2].text) <= 20)

    def _range_end(self, doc: Doc, run: _Run, ctx: DocContext) -> tuple[_Run, int | None] | None:
        if run.kind not in ("count",) or run.end + 1 >= len(doc):
            return None
        joiner = doc[run.end].lower_
        between = None
        prev = doc[run.start - 1] if run.start > 0 else None
        if joiner == "and":
            if prev is None or prev.lower_ != "between":
                return None
            between = prev.i
        elif joiner in ("to", "-", "–", "or"):
            if prev is not None and prev.lower_ == "from":
                return None  # "rose from 200 to 300": two figures
        else:
            return None
        r2 = self._run_at(doc, run.end + 1, ctx, set())
        if r2 is None or r2.kind != "count":
            return None
        return r2, between

    def _currency(self, doc: Doc, start: int, end: int) -> tuple[str | None, int, int]:
        cur = self.words.currencies
        if start > 0 and doc[start - 1].lower_ in cur:
            return cur[doc[start - 1].lower_], start - 1, end
        if start > 1 and doc[start - 1].lower_ in ("$",) and doc[start - 2].lower_ in ("us", "a", "c", "hk"):
            key = doc[start - 2].lower_ + "$"
            return cur.get(key, "USD"), start - 2, end
        if end < len(doc) and doc[end].lower_ in cur and doc[end].is_alpha:
            return cur[doc[end].lower_], start, end + 1
        return None, start, end

    def _percent_end(self, doc: Doc, end: int) -> int | None:
        for words in self.words.percent:
            n = len(words)
            if [t.lower_ for t in doc[end:end + n]] == list(words):
                return end + n
        return None

    def _qualifier(self, doc: Doc, start: int) -> tuple[str, int] | None:
        words = [t.lower_ for t in doc[max(0, start - 4):start]]
        found = self.words.qualifier_before(words)
        if found is None:
            return None
        qualifier, n = found
        up = doc[start - n]
        if qualifier == "up to" and (up.dep_ == "prt" or (up.dep_ == "advmod" and up.head.pos_ == "VERB")):
            return None  # "the toll went up to 30": a verb particle, not a ceiling
        return qualifier, start - n

    def _qualifier_after(self, doc: Doc, end: int) -> tuple[str, int] | None:
        after = [t.lower_ for t in doc[end:end + 2]]
        if after[:2] == ["or", "more"]:
            return "at least", end + 2
        if after[:2] == ["or", "so"]:
            return "about", end + 2
        if after[:1] in (["plus"], ["-plus"]) or after[:2] == ["-", "plus"]:
            return "more than", end + (2 if after[0] == "-" else 1)
        return None

    # --- what, where, since, as of, source ---

    def _what(self, doc: Doc, run: _Run, root: Token, currency: str | None,
              percent_end: int | None) -> str | None:
        if currency is not None:
            return currency
        if percent_end is not None:
            pct = doc[percent_end - 1]
            of = _of_object(pct) or _of_object(root)
            return "percent" + (" of " + phrase(of) if of is not None else "")
        if run.kind == "times":
            nxt = doc[run.end] if run.end < len(doc) else None
            verb = nxt if nxt is not None and nxt.tag_ in ("VBD", "VBN", "VBG") else root.head
            objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
            if not objs and verb.dep_ == "amod" and verb.head.pos_ == "NOUN":
                objs = [verb.head]  # "twice vetoing UN resolutions" parsed as adjectives of the noun
            skip = [run.start, verb.i]
            return verb.text + (" " + phrase(objs[0], with_of=False, skip=skip) if objs else "")
        noun = None
        if root.dep_ in _NUM_DEPS and root.head.pos_ in ("NOUN", "PROPN") and root.head.i > root.i:
            noun = root.head
        elif run.kind == "fraction" or root.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "attr", "appos",
                                                      "conj"):
            of = _of_object(root) or (_of_object(doc[run.end - 1]) if run.kind == "fraction" else None)
            if of is not None and not is_pronoun(of):
                return _with_happened(phrase(of), self._happened(root))
        target = noun if noun is not None else root
        text = phrase(noun, skip=range(run.start, run.end)) if noun is not None else None
        if text is None:
            text = self._borrowed_noun(root) or self._measured_noun(root)
        return _with_happened(text, self._happened(target))

    def _happened(self, target: Token) -> str | None:
        """Return the participle or state word saying what happened to a counted thing, if the text says.

        "40 people were killed", "killing 40 people", "people killed in …" → "killed";
        "70 people were still missing", "with 29 people still missing" → "missing";
        "51 people are known to have died" → "died".
        """
        words = self.words
        for child in target.rights:  # a reduced relative: "people killed in the flood", "people missing"
            if child.dep_ in ("acl", "amod") and child.lower_ in words.state_words:
                return child.lower_
            if child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_.lower() in words.toll_verbs:
                return words.toll_verbs[child.lemma_.lower()]
        verb = target.head
        if verb.i == target.i or target.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            return None
        if target.dep_ != "dobj":
            if verb.lower_ in words.state_words:  # "were missing": parsed as the verb itself
                return verb.lower_
            if verb.lemma_.lower() in words.state_links:  # "were dead", "remain missing"
                for child in verb.children:
                    if child.dep_ in ("acomp", "oprd") and child.lower_ in words.state_words:
                        return child.lower_
        lemma = verb.lemma_.lower()
        if verb.pos_ == "VERB" and lemma in words.toll_verbs and (
                target.dep_ in ("nsubjpass", "dobj")
                or (target.dep_ == "nsubj" and not any(c.dep_ == "dobj" for c in verb.children))):
            return words.toll_verbs[lemma]
        if target.dep_ in ("nsubj", "nsubjpass"):  # "are known to have died", "were reported killed"
            for child in verb.children:
                if child.dep_ in ("xcomp", "oprd") and child.lemma_.lower() in words.toll_verbs and \
                        not any(c.dep_ in ("dobj", "nsubj") for c in child.children):
                    return words.toll_verbs[child.lemma_.lower()]
        return None

    def _measured_noun(self, root: Token) -> str | None:
        # "the death toll rose to 31", "put the toll at 40", "the figure was 18,000"
        verb = None
        if root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.lower_ in ("to", "at", "from"):
            verb = root.head.head
            if verb.pos_ in ("ADV", "PART", "ADP"):  # "went up to 30"
                verb = verb.head
        elif root.dep_ == "attr":
            verb = root.head
        if verb is None or verb.pos_ not in ("VERB", "AUX"):
            return None
        for dep in ("dobj", "nsubj", "nsubjpass"):
            for child in verb.children:
                if child.dep_ == dep and child.pos_ in ("NOUN", "PROPN") and child.i != root.i:
                    return phrase(child, with_of=True)
        return None

    def _borrowed_noun(self, root: Token) -> str | None:
        # "killed about 1,200 people and abducted 240", "38 people had died and 41 were still
        # missing": the second count borrows the noun of the first
        if root.dep_ not in ("dobj", "nsubjpass", "nsubj"):
            return None
        deps = ("dobj",) if root.dep_ == "dobj" else ("nsubj", "nsubjpass")
        verb = root.head
        siblings = [verb.head] if verb.dep_ == "conj" else []
        siblings += [c for c in verb.children if c.dep_ == "conj"]
        for sib in siblings:
            for child in sib.children:
                if child.dep_ in deps and child.pos_ == "NOUN" and any(
                        c.dep_ == "nummod" for c in child.children):
                    return phrase(child, with_of=False, skip=[c.i for c in child.children if c.like_num])
        return None

    def _where(self, root: Token, clause: Token, ctx: DocContext) -> str | None:
        target = root.head if root.dep_ in _NUM_DEPS and root.head.pos_ in ("NOUN", "PROPN") else root
        of = _of_object(target)
        if of is not None and (target.i == root.i or target.lemma_.lower() in ("percent", "%")):
            target = of  # "half of Kenya's population", "40% of the town's homes"
        path = [target]
        t = target
        while t.i != clause.i and t.head.i != t.i and len(path) < 8:
            t = t.head
            path.append(t)
        # the verb's complements carry its place too: "known to have died in X", "still missing in X"
        nodes = path + [c for node in path if node.pos_ in ("VERB", "AUX") for c in node.children
                        if c.dep_ in ("xcomp", "acomp")]
        for node in nodes:
            for child in node.children:
                if child.dep_ != "prep" or not (child.lower_ in _PLACE_PREPS or (
                        child.lower_ == "from" and node.lemma_.lower() in self.words.toll_verbs)):
                    continue  # "evacuated from X" is where the counted people were
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        place = place_phrase(obj, ctx)
                        if place is not None:
                            return place
        # "In Duvna, where about half of the houses were destroyed": a clause about the place itself
        if clause.dep_ == "relcl" and any(c.lower_ == "where" for c in clause.children):
            place = ctx.is_place(clause.head)
            if place is not None:
                return place_name(place)
        for child in target.children:
            if child.dep_ == "poss":
                place = ctx.is_place(child)
                if place is not None:
                    return place_name(place)
        # "Rafah, a city of about 280,000 people": the place the counted noun hangs from
        t = target
        for _ in range(6):
            if t.head.i == t.i:
                break
            t = t.head
            if t.pos_ in ("VERB", "AUX"):
                break
            place = ctx.is_place(t)
            if place is not None:
                return place_name(place)
        return None

    def _since(self, root: Token, clause: Token, ctx: DocContext) -> tuple[str | None, set[int]]:
        sent = ctx.sentence(root)
        used: set[int] = set()
        for n, expr in enumerate(ctx.times):
            if expr.relation != "since" or not (sent.start_char <= expr.span[0] < sent.end_char):
                continue
            span = root.doc.char_span(expr.span[0], expr.span[1], alignment_mode="expand")
            if span is None:
                continue
            since_tok = span[0]
            if clause_of(since_tok).i == clause.i or _ancestor(since_tok, root.head) or \
                    _ancestor(since_tok, clause):
                used.add(n)
                value = dated(expr, ctx.published)
                if value is not None:
                    return value, used
        # "since Israel declared war after the October 7 attacks": a since-clause of the figure's verb
        # (or of a verb it governs without a clause break: "known to have died since …")
        governed = [clause] + [c for c in clause.children if c.dep_ == "xcomp"]
        for child in [c for g in governed for c in g.children]:
            since_clause = child.dep_ in ("advcl", "prep") and any(
                c.lower_ == "since" for c in child.children if c.dep_ in ("mark", "prep"))
            if since_clause or (child.dep_ == "prep" and child.lower_ == "since"):
                for tok in child.subtree:
                    expr = ctx.time_at(tok)
                    if expr is not None:
                        used.add(ctx.times.index(expr))
                        value = dated(expr, ctx.published)
                        if value is not None:
                            return value, used
        return None, used

    def _as_of(self, root: Token, clause: Token, ctx: DocContext, since_exprs: set[int]) -> str | None:
        sent = ctx.sentence(root)
        doc = root.doc
        candidates: list[tuple[int, TimeExpr, Token]] = []
        for n, expr in enumerate(ctx.times):
            if n in since_exprs or expr.relation is not None:
                continue
            if not (sent.start_char <= expr.span[0] < sent.end_char):
                continue
            span = doc.char_span(expr.span[0], expr.span[1], alignment_mode="expand")
            if span is not None:
                candidates.append((n, expr, span.root))
        c = clause
        for _ in range(5):
            here = [(abs(tok.i - root.i), expr) for _, expr, tok in candidates
                    if clause_of(tok).i == c.i]
            for _, expr in sorted(here, key=lambda x: x[0]):
                value = dated(expr, ctx.published)
                if value is not None:
                    return value
            if c.dep_ in ("relcl", "advcl", "acl"):
                anchor = ctx.time_at(c.head)
                if anchor is not None and dated(anchor, ctx.published) is not None:
                    return dated(anchor, ctx.published)
            if c.dep_ in ("conj", "ccomp", "parataxis", "xcomp") and c.head.i != c.i:
                c = _coordinated_with(c)
                continue
            break
        return ctx.published

    def _source(self, doc: Doc, root: Token, clause: Token, ctx: DocContext,
                span: tuple[int, int]) -> FigureSource | None:
        chain = _clause_chain(clause)
        according = according_to(ctx.sentence(root))
        if according is not None and not is_pronoun(according[0]) and clause_of(according[1]).i in chain:
            return self._named_source(according[0], ctx)
        for quote in doc._.quotes or ():
            if quote.span[0] <= span[0] and span[1] <= quote.span[1] and quote.speaker is not None \
                    and quote.speaker.span is not None:
                return FigureSource(quote.speaker.name, quote.speaker.span, quote.speaker.entity)
        for i in chain:
            c = doc[i]
            if c.lemma_.lower() in self.words.report_verbs:
                subj = subject_of(c)
                if subj is not None and self._can_report(subj, ctx) and not (
                        subj.left_edge.i <= root.i <= subj.right_edge.i):
                    return self._named_source(subj, ctx)
        return None

    def _can_report(self, subj: Token, ctx: DocContext) -> bool:
        """Return True when a report verb's subject names someone ("officials", a name), not "damage"."""
        if is_pronoun(subj):
            return False
        if subj.i in ctx.entity_of_token or subj.pos_ == "PROPN" or \
                subj.ent_type_ in ("PERSON", "ORG", "NORP"):
            return True
        return subj.lower_ in self.words.source_nouns or subj.lemma_.lower() in self.words.source_nouns

    def _named_source(self, head: Token, ctx: DocContext) -> FigureSource:
        text, span = source_phrase(head)
        entity = ctx.entity_of_token.get(head.i)
        if entity is not None and entity.type in ("PERSON", "ORG", "GPE", "NORP"):
            return FigureSource(entity.name if entity.type == "PERSON" else text, span, entity.id)
        return FigureSource(text, span, None)


def _root(span: Span) -> Token:
    for tok in reversed(span):
        if not (span.start <= tok.head.i < span.end) or tok.head.i == tok.i:
            return tok
    return span[-1]


def _with_happened(text: str | None, happened: str | None) -> str | None:
    """Return the counted phrase followed by what happened to it ("people" + "killed")."""
    if happened is None or (text is not None and text.lower().endswith(happened)):
        return text
    return (text + " " if text else "") + happened


def _of_object(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _coordinated_with(c: Token) -> Token:
    """Return the clause ``c`` depends on; "…, and that 22 were missing" joins the other that-clause."""
    head = clause_of(c.head)
    own = {t.lower_ for t in c.children if t.dep_ == "mark"}
    theirs = {t.lower_ for t in head.children if t.dep_ == "mark"}
    if c.dep_ == "conj" and own and theirs and own != theirs and head.head.i != head.i:
        return clause_of(head.head)
    return head


def _clause_chain(clause: Token) -> list[int]:
    """Return the clause and the clauses that report or coordinate it, innermost first.

    Subordinate clauses ("since …", "after … killed about 1,200", relative clauses) stop the
    climb: a source named in the main clause does not vouch for figures in the background.
    """
    chain = [clause.i]
    c = clause
    for _ in range(4):
        if c.dep_ not in ("ccomp", "conj", "parataxis", "xcomp") or c.head.i == c.i:
            break
        c = _coordinated_with(c)
        chain.append(c.i)
    return chain


def _ancestor(tok: Token, other: Token) -> bool:
    return other in tok.ancestors


def _phone_tokens(doc: Doc, text: str) -> set[int]:
    found: set[int] = set()
    for m in _PHONE.finditer(text):
        digits = sum(c.isdigit() for c in m.group())
        groups = len(re.findall(r"\d+", m.group()))
        # "555-0100" is a phone number; "200-300" is a range and "1957 58" is not worth a guess
        if digits < 7 or (groups == 2 and not re.fullmatch(r"\d{3}-\d{4}", m.group().strip())):
            continue
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None:
            found.update(t.i for t in span)
    return found
