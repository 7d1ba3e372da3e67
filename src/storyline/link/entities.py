"""Entity resolution across articles: one global entity per real-world actor.

Each article's analysis already joins its own mentions ("Antony Blinken", "Mr Blinken",
"the secretary") into local entities. Linking maps every local entity to a global one:

* persons by name: a full name joins the person with the same family name and a
  compatible given name ("Antony"/"Tony"; not "Tomas"/"Ruth") unless their roles clash
  (both are "of" different countries in unrelated offices); a family name alone joins the
  only person of that name (the courtesy title's gender and shared roles pick between
  several; when still ambiguous it stays apart, unresolved rather than guessed);
* everything else by its canonical name: countries through the gazetteer ("US", "the
  United States"), international bodies through their acronyms ("UN"), demonyms to one
  group per country ("Israeli", "Israelis").

Pure functions over plain data; the linker looks candidates up by ``keys`` in the store.
A global entity's ``record`` is a small profile (names, given names, genders, types, role
keys) updated as members join, so deciding costs O(candidates), not O(articles).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from storyline.analyze.gazetteer import fold, strip_possessive
from storyline.analyze.names import name_parts, same_given_name
from storyline.link.words import LinkData

PERSON = "PERSON"
NORP = "NORP"
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
_TITLE_SKIP = frozenset({"of", "the", "and", "&", "for", "a", "an"})
_POSSESSIVE_ROLE = re.compile(r"^(?:the\s+)?(.+?)['’]s?\s+(.+)$", re.IGNORECASE)
_SPLIT = re.compile(r"[\s\-]+")


@dataclass(frozen=True, slots=True)
class LocalEntity:
    """One article's entity as its analysis gives it."""

    id: str
    name: str
    type: str
    roles: tuple[tuple[str, str, tuple[int, int] | None], ...]
    mentions: tuple[tuple[tuple[int, int], str], ...]

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> LocalEntity:
        """Return the local entity of one analysis ``entities`` item."""
        roles = tuple(
            (str(r.get("title") or ""), str(r.get("of") or ""), _span(r.get("span")))
            for r in record.get("roles") or ()
        )
        mentions = tuple(
            (_span(m.get("span")) or (0, 0), str(m.get("text") or "")) for m in record.get("mentions") or ()
        )
        return cls(
            str(record["id"]), str(record.get("name") or ""), str(record.get("type") or ""), roles, mentions
        )


@dataclass(frozen=True, slots=True)
class EntityKeys:
    """How to find a local entity's global entity: its kind, main key, and every lookup key."""

    kind: str
    primary: str
    lookup: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Profile:
    """A global entity as resolution sees it (its row and record)."""

    id: str
    seq: int
    kind: str
    type: str
    name: str
    record: Mapping[str, Any]

    @property
    def givens(self) -> frozenset[str]:
        """Return the folded given names its members were called by."""
        return frozenset(self.record.get("givens", ()))

    @property
    def genders(self) -> frozenset[str]:
        """Return the genders courtesy titles gave it ("m", "f")."""
        return frozenset(self.record.get("genders", ()))

    @property
    def roles(self) -> frozenset[str]:
        """Return its role keys."""
        return frozenset(self.record.get("roles", ()))

    @property
    def ofs(self) -> frozenset[str]:
        """Return the keys of what its roles are of (countries, organisations)."""
        return frozenset(self.record.get("ofs", ()))

    @property
    def title_words(self) -> frozenset[str]:
        """Return the words of its role titles."""
        return frozenset(self.record.get("titles", ()))

    @property
    def full_names(self) -> frozenset[str]:
        """Return the folded full names its members were called by."""
        return frozenset(fold(n) for n, _ in self.record.get("names", ()) if len(name_parts(n)) > 1)


# -- keys ---------------------------------------------------------------------------------


def entity_keys(entity: LocalEntity, data: LinkData) -> EntityKeys:
    """Return the kind and lookup keys of a local entity."""
    if entity.type == PERSON:
        parts = name_parts(entity.name)
        last = fold(parts[-1]) if parts else fold(entity.name)
        key = f"person:{last}"
        if len(parts) == 1 and not entity.roles and not gender_of(entity, data):
            # One bare word tagged as a person ("Duvna") may be a place or body named elsewhere.
            return EntityKeys("person", key, (key, f"name:{name_key(entity.name, data)}"))
        return EntityKeys("person", key, (key,))
    if entity.type == NORP:
        key = f"norp:{norp_key(entity.name, data)}"
        return EntityKeys("norp", key, (key,))
    primary = f"name:{name_key(entity.name, data)}"
    keys = [primary]
    for _, text in entity.mentions:
        bare = strip_possessive(text.strip())
        if _ACRONYM.match(bare.replace(".", "")) or data.gazetteer.country_name(bare):
            keys.append(f"name:{name_key(bare, data)}")
    return EntityKeys("name", primary, tuple(dict.fromkeys(keys)))


def name_key(name: str, data: LinkData) -> str:
    """Return the key of a non-person name ("the US" → "united states", "UN" → "united nations")."""
    bare = strip_possessive(name.strip())
    country = data.gazetteer.country_name(bare)
    if country:
        return fold(country)
    long_form = data.types.acronyms.get(bare.replace(".", ""))
    if long_form:
        return fold(long_form)
    key = fold(bare)
    return key[4:] if key.startswith("the ") else key


def norp_key(name: str, data: LinkData) -> str:
    """Return the key of a group name: its country for a demonym ("Israelis" → "israel")."""
    country = data.gazetteer.demonym_country(name) or data.gazetteer.country(name)
    return fold(country) if country else data.lemmas.lemma(fold(strip_possessive(name)), "noun")


def gender_of(entity: LocalEntity, data: LinkData) -> str:
    """Return "m" or "f" when a courtesy title in a mention says so ("Mr Hale"), else ""."""
    found = set()
    for _, text in entity.mentions:
        words = text.split()
        if len(words) > 1:
            head = fold(words[0]).rstrip(".")
            if head in data.titles.male:
                found.add("m")
            elif head in data.titles.female:
                found.add("f")
    return found.pop() if len(found) == 1 else ""


# -- roles --------------------------------------------------------------------------------


def role_key(title: str, of: str | None, data: LinkData) -> str | None:
    """Return the key of an office: its title words (one spelling, any order) and what it is of."""
    of_key = data.place_key(of) or ""
    country = data.gazetteer.country(of) if of else None
    words = []
    for w in _SPLIT.split(fold(title)):
        w = w.strip(".,'’")
        if not w or w in _TITLE_SKIP:
            continue
        if country and data.gazetteer.country(w) == country:
            continue  # "Israeli Defence Minister" of Israel: the demonym repeats the "of"
        words.append(data.spelling(w))
    if not words:
        return None
    return "role:" + " ".join(sorted(set(words))) + "|" + of_key


def role_phrase(text: str, data: LinkData) -> tuple[str, str] | None:
    """Return (title, of) when ``text`` names a person by office only ("Israel's defence minister")."""
    text = " ".join(text.split())
    title, of = "", ""
    m = _POSSESSIVE_ROLE.match(text)
    if m and ("'" in text or "’" in text):
        of, title = m.group(1), m.group(2)
    elif " of " in text:
        title, _, of = text.rpartition(" of ")
    else:
        words = text.split()
        if words and fold(words[0]) == "the":
            words = words[1:]
        if len(words) > 1 and data.gazetteer.country(words[0]):
            of, title = words[0], " ".join(words[1:])
    title = re.sub(r"^(?:the|a|an)\s+", "", title.strip(), flags=re.IGNORECASE)
    if not title or not of:
        return None
    country = data.gazetteer.country(of)
    last = fold(title.split()[-1]).rstrip(".")
    if last not in data.titles.heads:
        return None
    return title, country or of.strip()


# -- decisions ------------------------------------------------------------------------------


def choose(
    entity: LocalEntity,
    keys: EntityKeys,
    candidates: Sequence[Profile],
    claimed: Iterable[str],
    data: LinkData,
) -> str | None:
    """Return the id of the global entity ``entity`` is, among ``candidates``, or None for a new one."""
    taken = set(claimed)
    pool = [c for c in candidates if c.kind == keys.kind and c.id not in taken]
    if keys.kind == "person" and len(keys.lookup) > 1 and not pool:
        # A bare word tagged as a person, nobody of that name: the place or body of that name, if any.
        named = sorted(
            (c for c in candidates if c.kind == "name" and keys.lookup[1] in c.record.get("keys", ())),
            key=lambda c: c.seq,
        )
        return named[0].id if named else None
    if keys.kind != "person":
        for key in keys.lookup:  # the main key first, then acronyms and country forms
            hits = sorted((c for c in pool if key in c.record.get("keys", ())), key=lambda c: c.seq)
            if hits:
                return hits[0].id
        return None
    return _choose_person(entity, pool, data)


def _choose_person(entity: LocalEntity, pool: Sequence[Profile], data: LinkData) -> str | None:
    parts = name_parts(entity.name)
    if not parts:
        return None
    first, full = fold(parts[0]), len(parts) > 1
    gender = gender_of(entity, data)
    roles, ofs, titles = _role_parts(entity, data)
    pool = [c for c in pool if not gender or not (c.genders - {gender})]
    if full:
        strong = [
            c
            for c in pool
            if c.givens
            and any(same_given_name(first, g) for g in c.givens)
            and not _roles_clash(ofs, titles, c)
        ]
        if strong:
            exact = fold(" ".join(parts))
            return min(strong, key=lambda c: (exact not in c.full_names, -_overlap(roles, ofs, c), c.seq)).id
        weak = [c for c in pool if not c.givens]
        return weak[0].id if len(weak) == 1 else None
    if len(pool) == 1:
        return pool[0].id
    scored = sorted(((_overlap(roles, ofs, c), c.seq, c.id) for c in pool), key=lambda t: (-t[0], t[1]))
    if scored and scored[0][0] > 0 and (len(scored) == 1 or scored[1][0] < scored[0][0]):
        return scored[0][2]
    return None  # several people of that name and nothing to tell them apart: leave it unresolved


def _role_parts(entity: LocalEntity, data: LinkData) -> tuple[set[str], set[str], set[str]]:
    roles, ofs, titles = set(), set(), set()
    for title, of, _ in entity.roles:
        key = role_key(title, of, data)
        if key:
            roles.add(key)
            titles.update(key[5:].split("|")[0].split())
        of_key = data.place_key(of)
        if of_key:
            ofs.add(of_key)
    return roles, ofs, titles


def _roles_clash(ofs: set[str], titles: set[str], c: Profile) -> bool:
    # Two offices of different countries with nothing in common: two people of one name.
    return bool(ofs and c.ofs and not (ofs & c.ofs) and not (titles & c.title_words))


def _overlap(roles: set[str], ofs: set[str], c: Profile) -> int:
    return len(roles & c.roles) * 2 + len(ofs & c.ofs)


# -- profiles -------------------------------------------------------------------------------


def new_record() -> dict[str, Any]:
    """Return the empty profile of a new global entity."""
    return {
        "names": [],
        "givens": [],
        "genders": [],
        "types": [],
        "roles": [],
        "ofs": [],
        "titles": [],
        "keys": [],
        "members": 0,
    }


def joined(
    record: Mapping[str, Any], entity: LocalEntity, keys: EntityKeys, data: LinkData
) -> dict[str, Any]:
    """Return the profile ``record`` after ``entity`` joined it."""
    out = {k: (list(v) if isinstance(v, list) else v) for k, v in record.items()}
    out["names"] = _count(out["names"], entity.name)
    out["types"] = _count(out["types"], entity.type)
    out["members"] = int(out.get("members", 0)) + 1
    parts = name_parts(entity.name)
    if entity.type == PERSON and len(parts) > 1:
        out["givens"] = _add(out["givens"], [fold(parts[0])])
    gender = gender_of(entity, data)
    if gender:
        out["genders"] = _add(out["genders"], [gender])
    roles, ofs, titles = _role_parts(entity, data)
    out["roles"] = _add(out["roles"], roles)
    out["ofs"] = _add(out["ofs"], ofs)
    out["titles"] = _add(out["titles"], titles)
    out["keys"] = _add(out["keys"], keys.lookup)
    return out


def display_name(record: Mapping[str, Any], kind: str) -> str:
    """Return the name to show: a person's fullest name, else the most used form (first seen on ties)."""
    names = list(record.get("names", ()))
    if not names:
        return ""
    if kind == "person":
        return max(enumerate(names), key=lambda p: (len(name_parts(p[1][0])), p[1][1], -p[0]))[1][0]
    return max(enumerate(names), key=lambda p: (p[1][1], -p[0]))[1][0]


def display_type(record: Mapping[str, Any]) -> str:
    """Return the type most members gave (first seen on ties)."""
    types = list(record.get("types", ()))
    return max(enumerate(types), key=lambda p: (p[1][1], -p[0]))[1][0] if types else ""


def aliases(names: Iterable[str], mentions: Iterable[str], name: str) -> list[str]:
    """Return the other names an entity goes by: name forms and proper-name mentions, sorted."""
    out = {n for n in names if n and n != name}
    for text in mentions:
        words = text.split()
        if words and words[0][:1].isupper() and fold(words[0]) != "the" and text != name:
            out.add(text)
    return sorted(out, key=lambda s: (fold(s), s))


def _count(pairs: list[Any], value: str) -> list[list[Any]]:
    out = [list(p) for p in pairs]
    for p in out:
        if p[0] == value:
            p[1] += 1
            return out
    return [*out, [value, 1]]


def _add(values: list[str], new: Iterable[str]) -> list[str]:
    return sorted(set(values) | set(new))


def _span(value: Any) -> tuple[int, int] | None:
    if isinstance(value, (list, tuple)) and len(value) == 2:
        return int(value[0]), int(value[1])
    return None


def source_entity(name: str, entities: Sequence[LocalEntity], data: LinkData) -> str | None:
    """Return the local entity a figure's source describes ("the agency", "mayor of X"), if one fits."""
    text = fold(name or "")
    text = text[4:] if text.startswith("the ") else text
    if not text:
        return None
    exact = [e.id for e in entities if fold(e.name) == text]
    if exact:
        return exact[0]
    head_part, _, of = text.partition(" of ")
    words = head_part.split()
    if not words:
        return None
    head = words[-1]
    of_key = data.place_key(of) if of else None
    orgs = [e.id for e in entities if e.type != PERSON and fold(e.name).split()[-1:] == [head]]
    people = [
        e.id
        for e in entities
        if e.type == PERSON
        and any(
            fold(title).split()[-1:] == [head]
            and (of_key is None or not role_of or data.place_key(role_of) == of_key)
            for title, role_of, _ in e.roles
        )
    ]
    found = orgs if orgs else people
    return found[0] if len(found) == 1 else None
