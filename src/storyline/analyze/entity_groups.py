"""Mentions being worked on, and how the names that are not people's are grouped into entities.

``Cand`` is one mention in progress (token span, label, where the name proper starts); ``Group``
is the mentions of one entity. ``cluster_others`` joins the mentions of organisations, places
and the rest: by name, by a defined or well-known acronym ("NCPA", "UN"), by country ("US",
"U.S.", "the United States"), and a lone last word with its longer place name ("the Strip").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from storyline.analyze.entity_types import TypeLexicon
from storyline.analyze.extensions import doc_text
from storyline.analyze.gazetteer import Gazetteer, fold
from storyline.analyze.roles import title_words
from storyline.model import Role

ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
# "the Civil Protection Agency (CPA)": an acronym defined in the text.
DEFINED_ACRONYM = re.compile(r"((?:[A-Z][\w'’\-]*\s+)(?:(?:of|the|and|for|on|de|[A-Z][\w'’\-]*)\s+){0,8}"
                             r"[A-Z][\w'’\-]*)\s*\(([A-Z][A-Z0-9&]{1,7})\)")


@dataclass(slots=True)
class Cand:
    """An entity mention being worked on: token span, label, where the name proper starts."""

    start: int
    end: int
    label: str
    name_start: int
    source: str
    cluster: int = -1
    description: tuple[int, int] | None = None
    alias: str | None = None


@dataclass(slots=True)
class Group:
    """Mentions joined into one entity, with roles."""

    label: str
    name: str
    cands: list[Cand] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    extra: list[tuple[int, int]] = field(default_factory=list)


def cluster_others(doc: Doc, cands: list[Cand], *, gaz: Gazetteer, types: TypeLexicon) -> list[Group]:
    """Group the mentions of organisations, places and the rest: one group per name, acronym or country."""
    defined = defined_acronyms(doc_text(doc))
    groups: dict[str, Group] = {}
    for c in cands:
        text = doc[c.start:c.end].text
        key, name = _key(text, c.label, defined, gaz, types)
        if c.alias:
            key, name = c.alias, doc[c.start:c.end].text
        g = groups.setdefault(key, Group(c.label, name))
        g.cands.append(c)
    # An acronym whose long form is in the article joins it ("NCPA" → "National Civil Protection Agency").
    initials = {}
    for key, g in groups.items():
        words = [w for w in g.name.split() if w[:1].isupper()]
        if len(words) > 1:
            initials.setdefault("".join(w[0] for w in words), key)
    for key in list(groups):
        g = groups[key]
        if ACRONYM.match(g.name) and g.name in initials and initials[g.name] != key:
            target = groups[initials[g.name]]
            target.cands += g.cands
            del groups[key]
    # A lone last word of a longer place name joins it ("the Strip" → "the Gaza Strip").
    places = ("GPE", "LOC", "FAC")
    tails: dict[str, list[str]] = {}
    for key, g in groups.items():
        words = g.name.split()
        if len(words) > 1 and "of" not in words and g.label in places:
            tails.setdefault(fold(words[-1]), []).append(key)
    for key in list(groups):
        g = groups[key]
        targets = tails.get(fold(g.name), [])
        if len(g.name.split()) == 1 and len(targets) == 1 and not gaz.is_place(g.name) \
                and g.label in places:
            groups[targets[0]].cands += g.cands
            del groups[key]
    out = []
    for g in groups.values():
        votes = Counter(c.label for c in g.cands)
        first = min(g.cands, key=lambda c: c.start).label
        top = max(votes.values())
        g.label = first if votes[first] == top else sorted(k for k, v in votes.items() if v == top)[0]
        if gaz.country_name(g.name) == g.name:
            g.label = "GPE"
        g.name = _best_name(doc, g)
        out.append(g)
    return out


def _key(text: str, label: str, defined: dict[str, str], gaz: Gazetteer,
         types: TypeLexicon) -> tuple[str, str]:
    country = gaz.country_name(text) if label in ("GPE", "LOC", "ORG", "NORP") else None
    if country:
        return "country:" + fold(country), country
    if label == "NORP":
        people = gaz.demonym_country(text)
        if people:
            return "people:" + fold(people), text
    bare = text.replace(".", "")
    if ACRONYM.match(bare):
        long_form = defined.get(bare) or types.acronyms.get(bare)
        if long_form:
            return fold(long_form), long_form
    return fold(text), text


def defined_acronyms(text: str) -> dict[str, str]:
    """Return the acronyms the text defines ("the Civil Protection Agency (CPA)") with their long forms."""
    out = {}
    for m in DEFINED_ACRONYM.finditer(text):
        long_form, acronym = m.group(1), m.group(2)
        words = [w for w in long_form.split() if w[:1].isupper()]
        # Keep the shortest tail of the long form whose initials spell the acronym.
        for k in range(len(words)):
            if "".join(w[0] for w in words[k:]).upper() == acronym.replace("&", ""):
                start = long_form.index(words[k])
                out[acronym] = long_form[start:]
                break
    return out


def _best_name(doc: Doc, g: Group) -> str:
    if g.name != doc[g.cands[0].start:g.cands[0].end].text and not g.name.isupper():
        return g.name  # a country's or an acronym's canonical name
    texts = [doc[c.start:c.end].text for c in sorted(g.cands, key=lambda c: c.start)]
    if g.label == "NORP":
        counts = Counter(texts)
        return max(texts, key=lambda t: (counts[t], -texts.index(t)))
    # The fullest form, preferring ordinary capitalisation over ALL CAPS ("LORENT —" datelines).
    best = max(texts, key=lambda t: (not t.isupper(), len(t.split()), len(t), -texts.index(t)))
    if best.isupper() and len(best) > 4 and g.label in ("GPE", "LOC"):
        best = best.title()
    return best


def dedupe_roles(roles: list[Role]) -> list[Role]:
    """Keep each (title, of) once; drop a title another contains ("Secretary" beside "Secretary of State")."""
    roles = sorted(roles, key=lambda r: r.span)
    out: list[Role] = []
    for r in roles:
        words = title_words(r.title)
        dup = False
        for k, o in enumerate(out):
            owords = title_words(o.title)
            if words <= owords and (not r.of or r.of == o.of):
                dup = True
                break
            if owords < words and (not o.of or o.of == r.of):
                out[k] = Role(r.title, r.of or o.of, o.span if o.span < r.span else r.span)
                dup = True
                break
            if words == owords and not o.of and r.of:
                out[k] = Role(o.title, r.of, o.span)
                dup = True
                break
        if not dup:
            out.append(r)
    return out
