"""Person names: which mentions of an article name the same person, and the fullest form.

"Antony Blinken", "Mr Blinken" and "Blinken" are one person; "Prince Mohammed" is
"Mohammed bin Salman" (a title with a given name); "Joe Smith" and "Ann Smith" are two.
Pure functions over name parts; spans and tokens stay with the caller. ``load_given_names()``
reads the given names of the US census lists that the ``names`` package ships.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources

from storyline.analyze.gazetteer import fold

# Files of the ``names`` package: one given name a line (upper case), its share of people in per
# cent, the cumulative share, the rank.
GIVEN_NAME_FILES = ("dist.male.first", "dist.female.first")
# The rarest names of the lists are also words and places ("Golden", "China", "King"): skipped.
MIN_GIVEN_NAME_SHARE = 0.005

# Lower-case particles inside names ("Mohammed bin Salman", "Ursula von der Leyen").
PARTICLES = frozenset({"bin", "ibn", "bint", "al", "el", "abu", "abd", "de", "del", "della", "der", "den",
                       "di", "da", "do", "dos", "du", "la", "le", "van", "von", "ter", "ten", "y", "zu",
                       "bn"})


@dataclass(frozen=True, slots=True)
class PersonName:
    """One person mention reduced to its name: parts as written, and whether a title precedes."""

    parts: tuple[str, ...]
    titled: bool = False
    gender: str = ""  # "m"/"f" when a courtesy title says so ("Mr", "Ms")

    @property
    def first(self) -> str:
        """Return the folded given name (first part)."""
        return fold(self.parts[0]) if self.parts else ""

    @property
    def last(self) -> str:
        """Return the folded family name (last part)."""
        return fold(self.parts[-1]) if self.parts else ""

    @property
    def full(self) -> bool:
        """Return True when the name has a given and a family name."""
        return len(self.parts) > 1


def name_parts(text: str) -> tuple[str, ...]:
    """Split a name as written into its parts ("Itamar Ben-Gvir" → ("Itamar", "Ben-Gvir"))."""
    return tuple(p.strip(".,") for p in text.split() if p.strip(".,"))


def same_given_name(a: str, b: str) -> bool:
    """Return True when two folded given names can be one person ("pat"/"patrick", "j"/"john")."""
    if a == b:
        return True
    short, long_ = sorted((a.rstrip("."), b.rstrip(".")), key=len)
    # An initial or a clipped form ("Pat" of "Patrick") matches; "Joe" vs "Ann" does not.
    return (len(short) == 1 or len(short) >= 3) and long_.startswith(short)


def compatible_full(a: PersonName, b: PersonName) -> bool:
    """Return True when two full names can name one person."""
    return a.last == b.last and same_given_name(a.first, b.first)


@dataclass(slots=True)
class _Cluster:
    fulls: list[PersonName] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)
    single: str = ""
    genders: set[str] = field(default_factory=set)

    def admits(self, name: PersonName) -> bool:
        """Return False when the name's courtesy title says another gender ("Ms Hale" vs "Mr Hale")."""
        return not name.gender or not (self.genders - {name.gender})


def cluster_names(names: Sequence[PersonName], positions: Sequence[int]) -> list[int]:
    """Return a cluster number for each name (names given in text order, with their offsets).

    Full names join when family names match and given names agree. A one-word name joins the
    full name whose family name it is (or whose given name it is, after a title: "Prince
    Mohammed", "Mr Wang"); when several match, the nearest one named before it wins.
    """
    clusters: list[_Cluster] = []
    out = [-1] * len(names)
    for i, name in enumerate(names):
        if not name.full:
            continue
        c_id = next((k for k, cluster in enumerate(clusters)
                     if cluster.admits(name) and any(compatible_full(name, f) for f in cluster.fulls)), None)
        if c_id is None:
            clusters.append(_Cluster())
            c_id = len(clusters) - 1
        clusters[c_id].fulls.append(name)
        clusters[c_id].positions.append(positions[i])
        clusters[c_id].genders.discard("")
        if name.gender:
            clusters[c_id].genders.add(name.gender)
        out[i] = c_id
    for i, name in enumerate(names):
        if name.full or not name.parts:
            continue
        c_id = _match_single(name, positions[i], clusters)
        if c_id is None:
            # A person never named in full: one-word names that are equal are one person.
            c_id = next((k for k, c in enumerate(clusters)
                         if not c.fulls and c.single == name.last and c.admits(name)), None)
            if c_id is None:
                clusters.append(_Cluster(single=name.last))
                c_id = len(clusters) - 1
        clusters[c_id].positions.append(positions[i])
        if name.gender:
            clusters[c_id].genders.add(name.gender)
        out[i] = c_id
    return out


def _match_single(name: PersonName, position: int, clusters: list[_Cluster]) -> int | None:
    word = name.last
    by_last = [k for k, c in enumerate(clusters) if c.admits(name) and any(f.last == word for f in c.fulls)]
    candidates = by_last
    if not candidates:
        by_first = [k for k, c in enumerate(clusters)
                    if c.admits(name) and any(f.first == word for f in c.fulls)]
        # A given name alone is a person only after a title, or when just one person has it.
        if name.titled or len(by_first) == 1:
            candidates = by_first
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    before = [(max(p for p in clusters[k].positions if p < position), k) for k in candidates
              if any(p < position for p in clusters[k].positions)]
    if before:
        return max(before)[1]
    return min(candidates, key=lambda k: min(clusters[k].positions))


def canonical_name(names: Sequence[PersonName]) -> str:
    """Return the fullest form among one person's names (most parts; the first such)."""
    best = max(enumerate(names), key=lambda p: (len(p[1].parts), -p[0]))[1]
    return " ".join(best.parts)


def is_name_word(text: str) -> bool:
    """Return True for a word that can be part of a person's name as written."""
    if fold(text) in PARTICLES:
        return True
    head = text.lstrip("'‘’")
    return bool(head) and head[0].isupper() and any(c.isalpha() for c in head)


def load_given_names() -> frozenset[str]:
    """Return the folded given names of the packaged census lists ("jim", "ruth", "tomas")."""
    data = resources.files("names")
    out: set[str] = set()
    for file in GIVEN_NAME_FILES:
        for line in (data / file).read_text(encoding="utf-8").splitlines():
            fields = line.split()
            if len(fields) >= 2 and fields[0].isalpha() and float(fields[1]) >= MIN_GIVEN_NAME_SHARE:
                out.add(fold(fields[0]))
    return frozenset(out)
