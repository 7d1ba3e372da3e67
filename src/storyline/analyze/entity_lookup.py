"""Find entities by position: what other components ask of ``doc._.entities``.

``entity_at(entities, start, end)`` — the entity one of whose mentions covers or overlaps a
character span (quotes use it for a speaker span, figures for a source, events for actors);
``last_person_before(entities, offset)`` — the person last mentioned before an offset (for
"he said" after a quote); ``mention_at`` gives the mention itself.
"""

from __future__ import annotations

from collections.abc import Iterable

from storyline.model import Entity, Mention


def mention_at(entities: Iterable[Entity] | None, start: int, end: int) -> tuple[Entity, Mention] | None:
    """Return the (entity, mention) whose mention overlaps ``[start, end)`` most (shortest on ties)."""
    best: tuple[int, int, int] | None = None
    found: tuple[Entity, Mention] | None = None
    for entity in entities or ():
        for m in entity.mentions:
            s, e = m.span
            overlap = min(e, end) - max(s, start)
            if overlap <= 0 and not (s == e == start):
                continue
            key = (overlap, -(e - s), -s)
            if best is None or key > best:
                best, found = key, (entity, m)
    return found


def entity_at(entities: Iterable[Entity] | None, start: int, end: int) -> Entity | None:
    """Return the entity whose mention covers or overlaps ``[start, end)``, or None."""
    hit = mention_at(entities, start, end)
    return hit[0] if hit else None


def last_person_before(entities: Iterable[Entity] | None, offset: int, *,
                       not_before: int = 0) -> Entity | None:
    """Return the PERSON last mentioned before ``offset`` (mention starting at ``not_before`` or later)."""
    best: tuple[int, int] | None = None
    found: Entity | None = None
    for entity in entities or ():
        if entity.type != "PERSON":
            continue
        for m in entity.mentions:
            s, e = m.span
            if e <= offset and s >= not_before and (best is None or (e, -s) > best):
                best, found = (e, -s), entity
    return found


def entity_by_id(entities: Iterable[Entity] | None, entity_id: str) -> Entity | None:
    """Return the entity with ``entity_id``, or None."""
    return next((e for e in entities or () if e.id == entity_id), None)
